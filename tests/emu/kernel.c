/* kernel.c -- the emulated kernel behind nws_sys: device nodes, ioctls,
 * mmap, poll, a virtual clock. */
#include <errno.h>
#include <fcntl.h>
#include <linux/fb.h>
#include <linux/gpio.h>
#include <linux/input.h>
#include <linux/spi/spidev.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "../../src/platform/mxcfb.h"
#include "emu.h"

#define FD_BASE 100 /* emulated fds, far from real ones */

void emu_fail(emu *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "devemu: ");
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, "\n");
    va_end(ap);
    e->failed = 1;
}

static void logf_(emu *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void logf_(emu *e, const char *fmt, ...)
{
    if (!e->log)
        return;
    va_list ap;
    va_start(ap, fmt);
    fprintf(e->log, "%6llu ms  ", (unsigned long long)e->now);
    vfprintf(e->log, fmt, ap);
    fputc('\n', e->log);
    va_end(ap);
}

void emu_dump(emu *e, const uint8_t *gray)
{
    e->screens++;
    if (!e->dump_dir)
        return;
    char path[512];
    snprintf(path, sizeof path, "%s/screen-%04u.pgm", e->dump_dir, e->screens);
    FILE *f = fopen(path, "wb");
    if (!f) {
        emu_fail(e, "%s: cannot write", path);
        return;
    }
    fprintf(f, "P5\n%u %u\n255\n", e->board->width, e->board->height);
    fwrite(gray, 1, (size_t)e->board->width * e->board->height, f);
    fclose(f);
}

/* --- queues of input records -------------------------------------------------------- */

static void q_push(emu_queue *q, const void *rec, size_t size)
{
    if (q->n == q->cap) {
        q->cap = q->cap ? q->cap * 2 : 64;
        q->data = realloc(q->data, q->cap * size);
    }
    memcpy(q->data + q->n * size, rec, size);
    q->rec = size;
    q->n++;
}

static int q_pop(emu_queue *q, void *rec, size_t size)
{
    if (q->head >= q->n || size < q->rec)
        return 0;
    memcpy(rec, q->data + q->head * q->rec, q->rec);
    if (++q->head == q->n)
        q->head = q->n = 0;
    return (int)q->rec;
}

static int q_ready(const emu_queue *q)
{
    return q->head < q->n;
}

/* --- touch geometry ------------------------------------------------------------------ */




static void push_ev(emu_queue *q, uint16_t type, uint16_t code, int32_t value)
{
    struct input_event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    ev.code = code;
    ev.value = value;
    q_push(q, &ev, sizeof ev);
}

/* Reading-view point -> raw touch coordinates: the board's transform
 * undone. */
static void raw_of(const emu *e, uint32_t x, uint32_t y, int32_t *rx, int32_t *ry)
{
    const nws_board *b = e->board;
    int64_t u = (int64_t)x * 65535 / (b->width - 1), v = (int64_t)y * 65535 / (b->height - 1);
    if (b->link.touch.mirror_x)
        u = 65535 - u;
    if (b->link.touch.mirror_y)
        v = 65535 - v;
    if (b->link.touch.swap_xy) {
        int64_t t = u;
        u = v;
        v = t;
    }
    /* round up so the reader's floor division lands on the same pixel */
    *rx = (int32_t)((u * EMU_TOUCH_MAX_X + 65534) / 65535);
    *ry = (int32_t)((v * EMU_TOUCH_MAX_Y + 65534) / 65535);
}

static int release_step(emu *e)
{
    if (e->next_step >= e->nscript)
        return 0;
    const char *s = e->script[e->next_step++];
    unsigned a, b;
    logf_(e, "input %s", s);
    if (sscanf(s, "tap:%u,%u", &a, &b) == 2 && e->have_touch) {
        int32_t rx, ry;
        raw_of(e, a, b, &rx, &ry);
        push_ev(&e->touch_q, EV_ABS, ABS_MT_TRACKING_ID, 1);
        push_ev(&e->touch_q, EV_ABS, ABS_MT_POSITION_X, rx);
        push_ev(&e->touch_q, EV_ABS, ABS_MT_POSITION_Y, ry);
        push_ev(&e->touch_q, EV_KEY, BTN_TOUCH, 1);
        push_ev(&e->touch_q, EV_SYN, SYN_REPORT, 0);
        push_ev(&e->touch_q, EV_ABS, ABS_MT_TRACKING_ID, -1);
        push_ev(&e->touch_q, EV_KEY, BTN_TOUCH, 0);
        push_ev(&e->touch_q, EV_SYN, SYN_REPORT, 0);
    } else if (sscanf(s, "key:%u", &a) == 1 && e->have_keys) {
        push_ev(&e->keys_q, EV_KEY, (uint16_t)a, 1);
        push_ev(&e->keys_q, EV_SYN, SYN_REPORT, 0);
        push_ev(&e->keys_q, EV_KEY, (uint16_t)a, 0);
        push_ev(&e->keys_q, EV_SYN, SYN_REPORT, 0);
    } else if (sscanf(s, "button:%u", &a) == 1 && a < NWS_LINK_BUTTONS &&
               e->line_fd_buttons >= 0) {
        struct gpio_v2_line_event ev;
        memset(&ev, 0, sizeof ev);
        ev.id = GPIO_V2_LINE_EVENT_FALLING_EDGE;
        ev.offset = e->board->link.buttons[a];
        q_push(&e->button_q, &ev, sizeof ev);
    } else {
        emu_fail(e, "script step '%s' has no device to go to", s);
    }
    return 1;
}

/* --- nws_sys -------------------------------------------------------------------------- */

static int new_fd(emu *e, int kind)
{
    for (int i = 3; i < 64; i++)
        if (!e->kind[i]) {
            e->kind[i] = kind;
            return FD_BASE + i;
        }
    errno = EMFILE;
    return -1;
}

static int kind_of(emu *e, int fd)
{
    return fd >= FD_BASE && fd < FD_BASE + 64 ? e->kind[fd - FD_BASE] : EMU_NONE;
}

static int s_open(void *ctx, const char *path, int flags)
{
    emu *e = ctx;
    (void)flags;
    int kind = EMU_NONE;
    if (strcmp(path, "/dev/fb0") == 0 && e->fbc.present)
        kind = EMU_FB;
    else if (strcmp(path, "/dev/input/event0") == 0 && e->have_touch)
        kind = EMU_TOUCH;
    else if (strcmp(path, "/dev/input/event1") == 0 && e->have_keys)
        kind = EMU_KEYS;
    else if (strcmp(path, "/dev/spidev0.0") == 0 && e->ctrl)
        kind = EMU_SPI;
    else if (strcmp(path, "/dev/gpiochip0") == 0 && e->ctrl)
        kind = EMU_CHIP;
    if (!kind) {
        errno = ENOENT;
        return -1;
    }
    logf_(e, "open %s", path);
    return new_fd(e, kind);
}

static int s_close(void *ctx, int fd)
{
    emu *e = ctx;
    if (!kind_of(e, fd)) {
        emu_fail(e, "close of fd %d that is not open", fd);
        errno = EBADF;
        return -1;
    }
    e->kind[fd - FD_BASE] = EMU_NONE;
    return 0;
}

int emu_ioctl_fb(emu *e, unsigned long req, void *arg);
int emu_ioctl_input(emu *e, int kind, unsigned long req, void *arg);
int emu_ioctl_spi(emu *e, int fd, int kind, unsigned long req, void *arg);

static int s_ioctl(void *ctx, int fd, unsigned long req, void *arg)
{
    emu *e = ctx;
    int k = kind_of(e, fd);
    switch (k) {
    case EMU_FB: return emu_ioctl_fb(e, req, arg);
    case EMU_TOUCH:
    case EMU_KEYS: return emu_ioctl_input(e, k, req, arg);
    case EMU_NONE: errno = EBADF; return -1;
    default: return emu_ioctl_spi(e, fd, k, req, arg);
    }
}

static ssize_t s_read(void *ctx, int fd, void *buf, size_t n)
{
    emu *e = ctx;
    emu_queue *q = NULL;
    switch (kind_of(e, fd)) {
    case EMU_TOUCH: q = &e->touch_q; break;
    case EMU_KEYS: q = &e->keys_q; break;
    case EMU_LINES_BUTTONS: q = &e->button_q; break;
    default: errno = EBADF; return -1;
    }
    int r = q_pop(q, buf, n);
    if (!r) {
        errno = EAGAIN;
        return -1;
    }
    return r;
}

static void *s_mmap(void *ctx, size_t len, int fd)
{
    emu *e = ctx;
    if (kind_of(e, fd) != EMU_FB || len > e->fblen) {
        errno = EINVAL;
        return MAP_FAILED;
    }
    e->fb_mapped = 1;
    return e->fbmem;
}

static int s_munmap(void *ctx, void *addr, size_t len)
{
    emu *e = ctx;
    (void)len;
    if (addr != e->fbmem) {
        emu_fail(e, "munmap of memory not mapped");
        return -1;
    }
    e->fb_mapped = 0;
    return 0;
}

static int s_poll(void *ctx, struct pollfd *fds, nfds_t n, int timeout_ms)
{
    emu *e = ctx;
    for (int round = 0; round < 2; round++) {
        int ready = 0;
        for (nfds_t i = 0; i < n; i++) {
            emu_queue *q = NULL;
            switch (kind_of(e, fds[i].fd)) {
            case EMU_TOUCH: q = &e->touch_q; break;
            case EMU_KEYS: q = &e->keys_q; break;
            case EMU_LINES_BUTTONS: q = &e->button_q; break;
            default: break;
            }
            fds[i].revents = q && q_ready(q) ? POLLIN : 0;
            ready += fds[i].revents != 0;
        }
        if (ready || timeout_ms == 0)
            return ready;
        /* The program waits for the user: the next step of the script, or,
         * when it has run out, the SIGTERM a launcher sends. */
        if (round == 0 && release_step(e))
            continue;
        if (timeout_ms > 0)
            e->now += (uint64_t)timeout_ms;
        logf_(e, "SIGTERM");
        raise(SIGTERM);
        errno = EINTR;
        return -1;
    }
    return 0;
}

static uint64_t s_now(void *ctx)
{
    return ((emu *)ctx)->now;
}

static void s_sleep(void *ctx, uint32_t ms)
{
    ((emu *)ctx)->now += ms;
}

const nws_sys emu_sys_template = {
    .open = s_open, .close = s_close, .ioctl = s_ioctl, .read = s_read, .mmap = s_mmap,
    .munmap = s_munmap, .poll = s_poll, .now_ms = s_now, .sleep_ms = s_sleep,
};

void emu_init(emu *e, const nws_board *b)
{
    memset(e, 0, sizeof *e);
    e->board = b;
    e->spi_fail_after = -1;
    e->line_fd_out = e->line_fd_busy = e->line_fd_buttons = -1;
}

int emu_set_script(emu *e, const char *script)
{
    char *copy = strdup(script);
    size_t cap = strlen(script) / 2 + 1;
    e->script = calloc(cap, sizeof *e->script);
    for (char *save = NULL, *t = strtok_r(copy, " ;\n", &save); t; t = strtok_r(NULL, " ;\n", &save))
        e->script[e->nscript++] = strdup(t);
    free(copy);
    return 0;
}

void emu_free(emu *e)
{
    for (size_t i = 0; i < e->nscript; i++)
        free(e->script[i]);
    free(e->script);
    free(e->touch_q.data);
    free(e->keys_q.data);
    free(e->button_q.data);
    free(e->fbmem);
    free(e->fb_glass);
}
