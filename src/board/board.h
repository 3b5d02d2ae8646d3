/* board.h -- a device described as data.
 *
 * Each board is one const table in boards/<name>.c (epdiy style: designated
 * initialisers, no code), listed in boards/registry.c.  Nothing in the core
 * switches on a board's name: layout reads the geometry and typography
 * defaults, the packing step reads the framebuffer description, the refresh
 * policy (reader issue) reads the mode table. */
#ifndef NWS_BOARD_H
#define NWS_BOARD_H

#include <stddef.h>
#include <stdint.h>

/* How the panel's controller wants its pixels. */
typedef struct nws_packing {
    uint8_t bpp;          /* native bits per pixel: 1, 2, 4 or 8 */
    uint8_t lsb_first;    /* first pixel of a byte in its low bits (else high) */
    uint8_t black_is_zero;/* pixel value 0 is black (else 0 is white) */
    uint8_t spread;       /* gray levels spread over the full bpp range (8-bit
                             framebuffers); else a level is stored as its index */
    uint16_t stride_align;/* bytes a native row is padded to a multiple of */
    uint16_t rotation;    /* degrees clockwise the reading view is turned to
                             reach the native buffer: 0, 90, 180, 270 */
} nws_packing;

typedef struct nws_refresh_mode {
    const char *name;     /* "GC16", "GL16", "DU", "A2", "full", "fast", "partial" */
    uint16_t time_ms;     /* typical panel time for a full-screen update */
    uint8_t levels;       /* gray levels the mode can show */
    uint8_t flashing;     /* inverts the screen while updating */
    uint16_t hw;          /* what the hardware calls it: the EPDC waveform
                             number for a Linux e-ink framebuffer, the
                             NWS_UPDATE_* kind for a panel driver */
} nws_refresh_mode;

/* Update kinds a panel controller driver knows (src/panel/panel.h). */
enum { NWS_UPDATE_FULL = 0, NWS_UPDATE_FAST = 1, NWS_UPDATE_PARTIAL = 2 };

/* How a Linux device reaches the panel. */
enum {
    NWS_LINK_NONE = 0,  /* simulator only (or a microcontroller) */
    NWS_LINK_LINUX_FB,  /* /dev/fb0 with the vendor's e-ink ioctls */
    NWS_LINK_SPI,       /* spidev + GPIO character device, our own controller driver */
    NWS_LINK_MCU        /* bare-metal firmware (src/mcu/<mcu>/) */
};
/* Which e-ink ioctl set a Linux framebuffer speaks (src/platform/mxcfb.h). */
enum { NWS_FB_ABI_NONE = 0, NWS_FB_ABI_KOBO_MARK7, NWS_FB_ABI_KINDLE_REX };

#define NWS_NO_PIN 0xFFu
/* A microcontroller pin in the same fields: port letter and number
 * ('D', 14 is PD14), stored as port * 16 + number. */
#define NWS_PIN(port, n) ((uint8_t)(((port) - 'A') * 16 + (n)))
#define NWS_LINK_BUTTONS 4

struct nws_panel_driver;

typedef struct nws_link {
    uint8_t kind;             /* NWS_LINK_* */
    const char *cross;        /* toolchain prefix `make BOARD=` uses, e.g.
                                 "arm-linux-gnueabihf-" (the Makefile reads it) */
    const char *cpu_flags;    /* what `make BOARD=` adds to CFLAGS for the SoC
                                 with that toolchain, e.g. "-mfpu=neon" (read
                                 by the Makefile too) */
    const char *device;       /* "/dev/fb0", "/dev/spidev0.0" */
    /* Linux framebuffer */
    uint8_t fb_abi;           /* NWS_FB_ABI_* */
    struct {
        uint8_t swap_xy, mirror_x, mirror_y; /* raw touch axes -> reading view */
    } touch;
    /* SPI panel */
    const struct nws_panel_driver *driver;
    const char *gpiochip;     /* "/dev/gpiochip0" */
    uint32_t spi_hz;
    uint8_t pin_dc, pin_rst, pin_busy, pin_power; /* GPIO line offsets (Linux) or
                                                     NWS_PIN()s (MCU); NWS_NO_PIN */
    uint8_t pin_cs;           /* MCU: chip select driven as a GPIO; Linux: spidev's own */
    uint8_t buttons[NWS_LINK_BUTTONS];  /* next, prev, contents, enter; NWS_NO_PIN */
    uint16_t busy_timeout_ms; /* longest a refresh may keep BUSY before we give up */
    /* microcontroller */
    const char *mcu;          /* platform folder src/mcu/<mcu>/ (start-up, linker script) */
    uint32_t mcu_ram;         /* RAM the firmware may use in all: data, stack, the
                                 arenas and the framebuffers (the Makefile reads it) */
    uint32_t mcu_arena;       /* the core's arena on the 32-bit MCU, where FreeType's
                                 and the layout's structures are smaller than in
                                 the 64-bit simulator's ram_budget; 0: ram_budget */
    uint8_t mcu_window_bits;  /* deflate window the firmware decodes, 9..15 (0: 15);
                                 its bundle is packed with newspack --window to match */
} nws_link;

#define NWS_BOARD_MAX_MODES 6

typedef struct nws_board {
    const char *name;
    const char *description;
    const char *controller;
    const char *interface;
    uint16_t width, height;   /* reading view in pixels */
    uint16_t dpi;
    uint8_t gray_levels;      /* levels the panel shows: 2, 4, 8, 16 */
    nws_packing pack;
    struct {
        uint16_t top, right, bottom, left; /* pixels hidden by the bezel */
    } insets;
    nws_refresh_mode modes[NWS_BOARD_MAX_MODES];
    uint8_t full_refresh_every; /* partial updates between full ones; 0: the
                                   reader's default (src/reader/refresh.h) */
    uint32_t ram_budget;      /* bytes for the reader's arena (fonts engine,
                                 glyph cache, layout), framebuffer excluded */
    /* typography defaults */
    uint16_t font_size_10;    /* body size in tenths of a point */
    uint16_t margin_px;       /* page margin inside the insets */
    uint8_t paragraph_indent; /* 1: first-line indent; 0: space between */
    nws_link link;            /* zero: no Linux device behind it */
} nws_board;

extern const nws_board *const nws_boards[];
extern const size_t nws_board_count;

/* NULL if no board has that name. */
const nws_board *board_find(const char *name);

/* A microcontroller board's memory, as its firmware carves it: the core's
 * arena, and the bundle reader's (zlib's inflate state and the window). */
uint32_t board_mcu_arena(const nws_board *b);
uint32_t board_mcu_bundle_memory(const nws_board *b);
unsigned board_mcu_window_bits(const nws_board *b);

/* Native buffer geometry. */
uint32_t board_native_width(const nws_board *b);
uint32_t board_native_height(const nws_board *b);
uint32_t board_native_stride(const nws_board *b);

#endif
