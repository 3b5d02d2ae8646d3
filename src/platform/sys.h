/* sys.h -- the system calls the Linux device backends make, as a table.
 *
 * The backends (framebuffer, SPI panel, input) reach the kernel only
 * through an nws_sys, so a test can put an emulated kernel behind the very
 * same code: an emulated /dev/fb0 with the e-ink ioctls, spidev with a
 * controller emulator on the wire, a GPIO chip and input devices
 * (tests/emu/).  nws_sys_linux is the real thing. */
#ifndef NWS_SYS_H
#define NWS_SYS_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef struct nws_sys {
    void *ctx;
    int (*open)(void *ctx, const char *path, int flags);   /* fd, or -1 with errno */
    int (*close)(void *ctx, int fd);
    int (*ioctl)(void *ctx, int fd, unsigned long request, void *arg);
    ssize_t (*read)(void *ctx, int fd, void *buf, size_t n);
    void *(*mmap)(void *ctx, size_t len, int fd);          /* shared read/write; MAP_FAILED */
    int (*munmap)(void *ctx, void *addr, size_t len);
    int (*poll)(void *ctx, struct pollfd *fds, nfds_t n, int timeout_ms);
    uint64_t (*now_ms)(void *ctx);                         /* monotonic */
    void (*sleep_ms)(void *ctx, uint32_t ms);
} nws_sys;

extern const nws_sys nws_sys_linux;

#endif
