/* gpio.h -- lines of a GPIO character device (the kernel's v2 uAPI,
 * <linux/gpio.h>, Linux 5.10 and later), through an nws_sys. */
#ifndef NWS_GPIO_H
#define NWS_GPIO_H

#include <stdint.h>

#include "sys.h"

enum { GPIO_OUT = 1, GPIO_IN = 2, GPIO_BUTTONS = 3 /* in, pull-up, falling edges, debounced */ };

/* Request n lines of the chip as one handle: its fd, or -1 with errno. */
int gpio_request(const nws_sys *s, int chip_fd, const uint32_t *offsets, unsigned n, int how,
                 const char *consumer);
/* Set the lines in mask to the bits in bits (bit i: the i-th requested line). */
int gpio_set(const nws_sys *s, int fd, uint64_t mask, uint64_t bits);
/* Read the requested lines: 0 with *bits, or -1. */
int gpio_get(const nws_sys *s, int fd, uint64_t mask, uint64_t *bits);
/* One edge event from a GPIO_BUTTONS handle: the line offset, or -1. */
int gpio_read_event(const nws_sys *s, int fd, uint32_t *offset, int *falling);

#endif
