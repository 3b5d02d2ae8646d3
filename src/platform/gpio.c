/* gpio.c -- GPIO v2 character device requests. */
#include "gpio.h"

#include <errno.h>
#include <linux/gpio.h>
#include <string.h>

/* Buttons bounce for a few ms; the kernel filters 10 ms of it. */
#define BUTTON_DEBOUNCE_US 10000u

int gpio_request(const nws_sys *s, int chip_fd, const uint32_t *offsets, unsigned n, int how,
                 const char *consumer)
{
    struct gpio_v2_line_request req;
    memset(&req, 0, sizeof req);
    if (n == 0 || n > GPIO_V2_LINES_MAX) {
        errno = EINVAL;
        return -1;
    }
    for (unsigned i = 0; i < n; i++)
        req.offsets[i] = offsets[i];
    req.num_lines = n;
    strncpy(req.consumer, consumer, sizeof req.consumer - 1);
    switch (how) {
    case GPIO_OUT: req.config.flags = GPIO_V2_LINE_FLAG_OUTPUT; break;
    case GPIO_IN: req.config.flags = GPIO_V2_LINE_FLAG_INPUT; break;
    default:
        req.config.flags = GPIO_V2_LINE_FLAG_INPUT | GPIO_V2_LINE_FLAG_EDGE_FALLING |
                           GPIO_V2_LINE_FLAG_BIAS_PULL_UP;
        req.config.num_attrs = 1;
        req.config.attrs[0].attr.id = GPIO_V2_LINE_ATTR_ID_DEBOUNCE;
        req.config.attrs[0].attr.debounce_period_us = BUTTON_DEBOUNCE_US;
        req.config.attrs[0].mask = n >= 64 ? ~0ull : (1ull << n) - 1u;
        req.event_buffer_size = 16;
    }
    if (s->ioctl(s->ctx, chip_fd, GPIO_V2_GET_LINE_IOCTL, &req) < 0)
        return -1;
    return req.fd;
}

int gpio_set(const nws_sys *s, int fd, uint64_t mask, uint64_t bits)
{
    struct gpio_v2_line_values v = {.bits = bits, .mask = mask};
    return s->ioctl(s->ctx, fd, GPIO_V2_LINE_SET_VALUES_IOCTL, &v);
}

int gpio_get(const nws_sys *s, int fd, uint64_t mask, uint64_t *bits)
{
    struct gpio_v2_line_values v = {.bits = 0, .mask = mask};
    if (s->ioctl(s->ctx, fd, GPIO_V2_LINE_GET_VALUES_IOCTL, &v) < 0)
        return -1;
    *bits = v.bits;
    return 0;
}

int gpio_read_event(const nws_sys *s, int fd, uint32_t *offset, int *falling)
{
    struct gpio_v2_line_event ev;
    if (s->read(s->ctx, fd, &ev, sizeof ev) != (ssize_t)sizeof ev)
        return -1;
    *offset = ev.offset;
    *falling = ev.id == GPIO_V2_LINE_EVENT_FALLING_EDGE;
    return 0;
}
