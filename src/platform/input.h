/* input.h -- what the reader's user presses on a Linux device: evdev
 * devices (page-turn keys, a touch screen, a USB keyboard) and buttons on
 * GPIO lines, turned into reader keys. */
#ifndef NWS_INPUT_H
#define NWS_INPUT_H

#include <stdint.h>

#include "../board/board.h"
#include "sys.h"

#define NWS_INPUT_MAX 8

typedef enum {
    NWS_IN_NONE = 0,
    NWS_IN_KEY,      /* a reader key (nws_key in .key) */
    NWS_IN_TAP,      /* a tap at .x, .y in the reading view */
    NWS_IN_BUTTON,   /* GPIO button .button (0 next, 1 prev, 2 contents, 3 enter) */
    NWS_IN_QUIT      /* the power key: save and leave */
} nws_input_kind;

typedef struct nws_input_event {
    nws_input_kind kind;
    int key;
    uint32_t x, y;
    unsigned button;
} nws_input_event;

typedef struct nws_input_dev {
    int fd;
    char path[64];
    int touch;                   /* has absolute axes */
    int32_t min[2], max[2];      /* raw x, y ranges */
    int32_t raw[2];              /* last raw position */
    int down;
} nws_input_dev;

typedef struct nws_input {
    const nws_sys *sys;
    const nws_board *board;
    nws_input_dev dev[NWS_INPUT_MAX];
    unsigned ndev;
    int buttons_fd;              /* GPIO line handle, or -1 */
    char err[256];
} nws_input;

/* Open the given evdev paths (NULL: every /dev/input/eventN that has keys
 * or a touch screen) and, if gpio_chip_fd >= 0, the board's button lines.
 * 0, or -1 with err set when nothing to read input from was found. */
int input_open(nws_input *in, const nws_sys *sys, const nws_board *b, const char *const *paths,
               unsigned npaths, int gpio_chip_fd);
/* Wait up to timeout_ms (-1: forever) for one event.  1 with *ev, 0 on
 * timeout or a signal, -1 on error (err set). */
int input_wait(nws_input *in, int timeout_ms, nws_input_event *ev);
void input_close(nws_input *in);

#endif
