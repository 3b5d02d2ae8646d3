/* sys_linux.c -- nws_sys on the real kernel. */
#include "sys.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

static int l_open(void *ctx, const char *path, int flags)
{
    (void)ctx;
    return open(path, flags | O_CLOEXEC);
}

static int l_close(void *ctx, int fd)
{
    (void)ctx;
    return close(fd);
}

static int l_ioctl(void *ctx, int fd, unsigned long request, void *arg)
{
    (void)ctx;
    int r;
    do
        r = ioctl(fd, request, arg);
    while (r < 0 && errno == EINTR);
    return r;
}

static ssize_t l_read(void *ctx, int fd, void *buf, size_t n)
{
    (void)ctx;
    return read(fd, buf, n);
}

static void *l_mmap(void *ctx, size_t len, int fd)
{
    (void)ctx;
    return mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
}

static int l_munmap(void *ctx, void *addr, size_t len)
{
    (void)ctx;
    return munmap(addr, len);
}

static int l_poll(void *ctx, struct pollfd *fds, nfds_t n, int timeout_ms)
{
    (void)ctx;
    return poll(fds, n, timeout_ms);
}

static uint64_t l_now_ms(void *ctx)
{
    (void)ctx;
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void l_sleep_ms(void *ctx, uint32_t ms)
{
    (void)ctx;
    struct timespec ts = {(time_t)(ms / 1000u), (long)(ms % 1000u) * 1000000L};
    while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
        ;
}

const nws_sys nws_sys_linux = {
    .open = l_open, .close = l_close, .ioctl = l_ioctl, .read = l_read, .mmap = l_mmap,
    .munmap = l_munmap, .poll = l_poll, .now_ms = l_now_ms, .sleep_ms = l_sleep_ms,
};
