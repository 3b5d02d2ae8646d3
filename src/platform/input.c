/* input.c -- evdev keys and touch, GPIO buttons. */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/input.h>
#include <stdio.h>
#include <string.h>

#include "../reader/reader.h"
#include "gpio.h"

#define ERR(in, ...) snprintf((in)->err, sizeof (in)->err, __VA_ARGS__)
#define BITS_LONG (8 * sizeof(unsigned long))
#define TEST_BIT(arr, b) (((arr)[(b) / BITS_LONG] >> ((b) % BITS_LONG)) & 1u)

/* Page-turn keys of e-readers and a keyboard's obvious ones.  Kobo's
 * page-turn buttons (Forma, Libra) send KEY_F23/KEY_F24 (KOReader's Kobo
 * key map); Kindles with buttons send KEY_PAGEUP/KEY_PAGEDOWN. */
static const struct {
    uint16_t code;
    int key; /* nws_key, or -1 for quit */
} keymap[] = {
    {KEY_PAGEDOWN, NWS_KEY_NEXT},  {KEY_F24, NWS_KEY_NEXT},        {KEY_RIGHT, NWS_KEY_NEXT},
    {KEY_SPACE, NWS_KEY_NEXT},     {KEY_PAGEUP, NWS_KEY_PREV},     {KEY_F23, NWS_KEY_PREV},
    {KEY_LEFT, NWS_KEY_PREV},      {KEY_BACKSPACE, NWS_KEY_PREV},  {KEY_UP, NWS_KEY_UP},
    {KEY_DOWN, NWS_KEY_DOWN},      {KEY_ENTER, NWS_KEY_ENTER},     {KEY_HOME, NWS_KEY_CONTENTS},
    {KEY_MENU, NWS_KEY_CONTENTS},  {KEY_C, NWS_KEY_CONTENTS},      {KEY_EQUAL, NWS_KEY_SIZE_UP},
    {KEY_KPPLUS, NWS_KEY_SIZE_UP}, {KEY_MINUS, NWS_KEY_SIZE_DOWN}, {KEY_KPMINUS, NWS_KEY_SIZE_DOWN},
    {KEY_ESC, NWS_KEY_BACK},       {KEY_BACK, NWS_KEY_BACK},       {KEY_N, NWS_KEY_NEXT_ARTICLE},
    {KEY_P, NWS_KEY_PREV_ARTICLE}, {KEY_POWER, -1},                {KEY_Q, -1},
};

static int open_dev(nws_input *in, const char *path, int required)
{
    const nws_sys *s = in->sys;
    nws_input_dev *dv = &in->dev[in->ndev];
    memset(dv, 0, sizeof *dv);
    dv->fd = s->open(s->ctx, path, O_RDONLY | O_NONBLOCK);
    if (dv->fd < 0) {
        if (required)
            ERR(in, "%s: cannot open the input device: %s", path, strerror(errno));
        return -1;
    }
    snprintf(dv->path, sizeof dv->path, "%s", path);
    unsigned long types[EV_MAX / BITS_LONG + 1] = {0}, abs[ABS_MAX / BITS_LONG + 1] = {0};
    if (s->ioctl(s->ctx, dv->fd, EVIOCGBIT(0, sizeof types), types) < 0) {
        if (required)
            ERR(in, "%s: not an input event device: %s", path, strerror(errno));
        s->close(s->ctx, dv->fd);
        return -1;
    }
    int keys = (int)TEST_BIT(types, EV_KEY);
    if (TEST_BIT(types, EV_ABS) &&
        s->ioctl(s->ctx, dv->fd, EVIOCGBIT(EV_ABS, sizeof abs), abs) >= 0) {
        /* multi-touch axes when there are any: Kobo's panels send only those */
        int mt = (int)TEST_BIT(abs, ABS_MT_POSITION_X);
        int axes[2] = {mt ? ABS_MT_POSITION_X : ABS_X, mt ? ABS_MT_POSITION_Y : ABS_Y};
        dv->touch = 1;
        for (int i = 0; i < 2; i++) {
            struct input_absinfo ai;
            memset(&ai, 0, sizeof ai);
            if (s->ioctl(s->ctx, dv->fd, EVIOCGABS(axes[i]), &ai) < 0 || ai.maximum <= ai.minimum)
                dv->touch = 0;
            dv->min[i] = ai.minimum;
            dv->max[i] = ai.maximum;
        }
    }
    if (!keys && !dv->touch) {
        if (required)
            ERR(in, "%s: has neither keys nor a touch screen", path);
        s->close(s->ctx, dv->fd);
        return -1;
    }
    /* Exclusive: a paused vendor reader (Nickel, the Kindle UI) must not
     * find our taps queued for it when it resumes.  Best effort. */
    s->ioctl(s->ctx, dv->fd, EVIOCGRAB, (void *)1);
    in->ndev++;
    return 0;
}

int input_open(nws_input *in, const nws_sys *sys, const nws_board *b, const char *const *paths,
               unsigned npaths, int gpio_chip_fd)
{
    memset(in, 0, sizeof *in);
    in->sys = sys;
    in->board = b;
    in->buttons_fd = -1;
    for (unsigned i = 0; i < npaths && in->ndev < NWS_INPUT_MAX; i++)
        if (open_dev(in, paths[i], 1) < 0)
            return -1;
    if (!npaths)
        for (int n = 0; n < 32 && in->ndev < NWS_INPUT_MAX; n++) {
            char path[32];
            snprintf(path, sizeof path, "/dev/input/event%d", n);
            open_dev(in, path, 0);
        }
    if (gpio_chip_fd >= 0) {
        uint32_t lines[NWS_LINK_BUTTONS];
        unsigned n = 0;
        for (unsigned i = 0; i < NWS_LINK_BUTTONS; i++)
            if (b->link.buttons[i] != NWS_NO_PIN)
                lines[n++] = b->link.buttons[i];
        if (n)
            in->buttons_fd = gpio_request(sys, gpio_chip_fd, lines, n, GPIO_BUTTONS,
                                          "newsreader-buttons");
    }
    if (!in->ndev && in->buttons_fd < 0) {
        if (!npaths)
            ERR(in, "/dev/input: no input device with keys or a touch screen%s",
                gpio_chip_fd >= 0 ? ", and the button lines could not be claimed" : "");
        return -1;
    }
    return 0;
}

/* Raw touch position -> reading view, with the board's axis fixes. */
static void touch_point(const nws_input *in, const nws_input_dev *dv, uint32_t *x, uint32_t *y)
{
    const nws_board *b = in->board;
    int64_t u = ((int64_t)dv->raw[0] - dv->min[0]) * 65535 / (dv->max[0] - dv->min[0]);
    int64_t v = ((int64_t)dv->raw[1] - dv->min[1]) * 65535 / (dv->max[1] - dv->min[1]);
    if (b->link.touch.swap_xy) {
        int64_t t = u;
        u = v;
        v = t;
    }
    if (b->link.touch.mirror_x)
        u = 65535 - u;
    if (b->link.touch.mirror_y)
        v = 65535 - v;
    u = u < 0 ? 0 : u > 65535 ? 65535 : u;
    v = v < 0 ? 0 : v > 65535 ? 65535 : v;
    *x = (uint32_t)(u * (b->width - 1) / 65535);
    *y = (uint32_t)(v * (b->height - 1) / 65535);
}

/* Read what is there; 1 when an event is complete. */
static int drain(nws_input *in, nws_input_dev *dv, nws_input_event *ev)
{
    const nws_sys *s = in->sys;
    struct input_event e;
    for (;;) {
        ssize_t r = s->read(s->ctx, dv->fd, &e, sizeof e);
        if (r != (ssize_t)sizeof e)
            return 0;
        if (e.type == EV_KEY && e.code == BTN_TOUCH) {
            if (e.value)
                dv->down = 1;
            else if (dv->down)
                dv->down = 2; /* lifted: a tap at the next report */
        } else if (e.type == EV_KEY && e.value == 1) {
            for (size_t i = 0; i < sizeof keymap / sizeof keymap[0]; i++)
                if (keymap[i].code == e.code) {
                    ev->kind = keymap[i].key < 0 ? NWS_IN_QUIT : NWS_IN_KEY;
                    ev->key = keymap[i].key;
                    return 1;
                }
        } else if (e.type == EV_ABS) {
            if (e.code == ABS_X || e.code == ABS_MT_POSITION_X)
                dv->raw[0] = e.value;
            else if (e.code == ABS_Y || e.code == ABS_MT_POSITION_Y)
                dv->raw[1] = e.value;
            else if (e.code == ABS_MT_TRACKING_ID)
                dv->down = e.value >= 0 ? 1 : dv->down ? 2 : 0;
        } else if (e.type == EV_SYN && e.code == SYN_REPORT && dv->down == 2 && dv->touch) {
            dv->down = 0;
            ev->kind = NWS_IN_TAP;
            touch_point(in, dv, &ev->x, &ev->y);
            return 1;
        }
    }
}

int input_wait(nws_input *in, int timeout_ms, nws_input_event *ev)
{
    const nws_sys *s = in->sys;
    struct pollfd pf[NWS_INPUT_MAX + 1];
    unsigned n = 0;
    for (unsigned i = 0; i < in->ndev; i++)
        pf[n++] = (struct pollfd){.fd = in->dev[i].fd, .events = POLLIN};
    if (in->buttons_fd >= 0)
        pf[n++] = (struct pollfd){.fd = in->buttons_fd, .events = POLLIN};
    memset(ev, 0, sizeof *ev);
    int r = s->poll(s->ctx, pf, n, timeout_ms);
    if (r < 0) {
        if (errno == EINTR)
            return 0;
        ERR(in, "waiting for input: %s", strerror(errno));
        return -1;
    }
    for (unsigned i = 0; i < n && r > 0; i++) {
        if (pf[i].revents & (POLLERR | POLLHUP | POLLNVAL)) {
            ERR(in, "%s: the input device went away",
                i < in->ndev ? in->dev[i].path : "GPIO buttons");
            return -1;
        }
        if (!(pf[i].revents & POLLIN))
            continue;
        if (i < in->ndev) {
            if (drain(in, &in->dev[i], ev))
                return 1;
        } else {
            uint32_t off;
            int falling;
            if (gpio_read_event(s, in->buttons_fd, &off, &falling) == 0 && falling)
                for (unsigned k = 0; k < NWS_LINK_BUTTONS; k++)
                    if (in->board->link.buttons[k] == off) {
                        ev->kind = NWS_IN_BUTTON;
                        ev->button = k;
                        return 1;
                    }
        }
    }
    return 0;
}

void input_close(nws_input *in)
{
    for (unsigned i = 0; i < in->ndev; i++)
        in->sys->close(in->sys->ctx, in->dev[i].fd);
    if (in->buttons_fd >= 0)
        in->sys->close(in->sys->ctx, in->buttons_fd);
    in->ndev = 0;
    in->buttons_fd = -1;
}
