/* emu.h -- an emulated kernel for newsreader's device backends: /dev/fb0
 * with the mxcfb ioctls, evdev devices, /dev/spidev0.0 with a panel
 * controller on the wire, /dev/gpiochip0, and a virtual clock.  It records
 * what the program does and rebuilds what the panel would show. */
#ifndef EMU_H
#define EMU_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../../src/board/board.h"
#include "../../src/platform/sys.h"

/* --- panel controllers ------------------------------------------------------ */

typedef struct emu_ctrl emu_ctrl;
struct emu_ctrl {
    const char *name;
    int busy_level;            /* BUSY level while working */
    const nws_board *board;
    uint32_t stride, rows;     /* native RAM geometry */
    uint8_t *ram_new, *ram_old, *glass;
    int asleep, powered, lut_loaded, partial_mode;
    uint8_t regs[256][12];     /* last parameters of each command */
    uint8_t nparam[256];
    int cmd;                   /* command receiving data, -1 none */
    size_t pos;                /* data bytes since the command */
    /* RAM window and address counters (SSD16xx in bytes/gates) */
    uint32_t xs, xe, ys, ye, xc, yc;
    uint64_t busy_until;       /* virtual ms */
    int stuck;                 /* fault: BUSY never clears */
    unsigned refreshes[3];     /* by NWS_UPDATE_* */
    char error[256];           /* first protocol violation seen */
    void (*on_refresh)(emu_ctrl *c, unsigned kind);
    void *user;
    /* per controller */
    void (*command)(emu_ctrl *c, uint8_t cmd, uint64_t now);
    void (*data)(emu_ctrl *c, uint8_t byte, uint64_t now);
};

void ctrl_init_uc8179(emu_ctrl *c, const nws_board *b);
void ctrl_init_ssd16xx(emu_ctrl *c, const nws_board *b, const char *name);
void ctrl_reset(emu_ctrl *c);
void ctrl_fail(emu_ctrl *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ctrl_free(emu_ctrl *c);

/* --- the kernel -------------------------------------------------------------- */

#define EMU_MAX_EVENTS 4096
/* raw touch ranges, like a Kobo's panel (any will do) */
#define EMU_TOUCH_MAX_X 1447
#define EMU_TOUCH_MAX_Y 1071

typedef struct emu_fb_cfg {
    uint32_t xres, yres, bpp, line_length, grayscale; /* grayscale 1, 2 inverted, 0 rgb */
    int present;
} emu_fb_cfg;

typedef struct emu_queue {
    uint8_t *data;             /* records of rec bytes */
    size_t rec, n, head, cap;
} emu_queue;

typedef struct emu {
    const nws_board *board;
    FILE *log;
    const char *dump_dir;
    unsigned screens;          /* panel images written */
    uint64_t now;              /* virtual ms */
    /* framebuffer */
    emu_fb_cfg fbc;
    uint8_t *fbmem;
    size_t fblen;
    int fb_mapped;
    uint32_t last_marker;
    unsigned fb_updates, fb_full, fb_waits;
    unsigned by_waveform[16];
    uint8_t *fb_glass;         /* gray, reading view: what the panel shows */
    /* input */
    int have_touch, have_keys;
    emu_queue touch_q, keys_q, button_q;
    char **script;
    size_t nscript, next_step;
    /* SPI panel */
    emu_ctrl *ctrl;
    int dc, rst;
    int spi_fail_after;        /* fault: transfers before SPI fails; -1 never */
    unsigned spi_transfers;
    int line_fd_out, line_fd_busy, line_fd_buttons;
    uint32_t out_offsets[8], nout, button_offsets[8], nbuttons;
    int power;
    /* open files by fd */
    int kind[64];
    int failed;                /* a check failed (message printed) */
} emu;

enum { EMU_NONE = 0, EMU_FB, EMU_TOUCH, EMU_KEYS, EMU_SPI, EMU_CHIP, EMU_LINES_OUT,
       EMU_LINES_BUSY, EMU_LINES_BUTTONS };

void emu_init(emu *e, const nws_board *b);
/* Steps: "tap:X,Y" (reading view), "key:CODE" (evdev code number),
 * "button:N" (board button index).  Released one per blocking wait. */
int emu_set_script(emu *e, const char *script);
void emu_free(emu *e);
extern const nws_sys emu_sys_template;
void emu_fail(emu *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Write the panel image (gray, reading view) as DIR/screen-NNNN.pgm. */
void emu_dump(emu *e, const uint8_t *gray);

#endif
