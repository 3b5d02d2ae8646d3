/* firmware.h -- the reader as bare-metal firmware: what the portable part
 * (firmware.c) needs from a microcontroller platform (src/mcu/<mcu>/).
 *
 * All memory is static: the linker script gives the firmware the board's
 * RAM (mcu_ram in the board file); what .data, .bss and the stack leave
 * is carved at start into the board's arena, the bundle reader's arena,
 * the framebuffer and a band of the panel's rows.  The bundle and the fonts are
 * linked into flash and read in place. */
#ifndef NWS_FIRMWARE_H
#define NWS_FIRMWARE_H

#include <stddef.h>
#include <stdint.h>

#include "../panel/panel.h"
#include "../reader/reader.h"
#include "../reader/state.h"

/* Exit codes: 0 ok, else what failed. */
enum {
    NWS_FW_OK = 0,
    NWS_FW_E_BOARD = 10,     /* the board named at build time is not in the registry */
    NWS_FW_E_BUNDLE = 11,    /* the bundle in flash does not open */
    NWS_FW_E_FONTS = 12,     /* the fonts do not fit the arena, or are damaged */
    NWS_FW_E_LAYOUT = 13,    /* layout buffers do not fit the arena */
    NWS_FW_E_BOOK = 14,      /* pagination failed (damaged bundle or arena full) */
    NWS_FW_E_HEADROOM = 15,  /* set-up leaves FreeType too little working memory */
    NWS_FW_E_PAGE = 16,      /* a page could not be laid out */
    NWS_FW_E_PANEL = 17,     /* the panel refused the image */
    NWS_FW_E_OUTPUT = 18,    /* the platform could not deliver the screen */
    NWS_FW_E_RAM = 19,       /* the board's RAM does not hold its arena and framebuffers */
    NWS_FW_E_WINDOW = 20     /* the bundle's deflate window is larger than the board's
                                (pack it with newspack --window, see docs/FIRMWARE.md) */
};

/* Flash contents (src/mcu/blobs.S). */
extern const uint8_t nws_fw_bundle[], nws_fw_bundle_end[];
extern const uint8_t nws_fw_font_regular[], nws_fw_font_regular_end[];
extern const uint8_t nws_fw_font_italic[], nws_fw_font_italic_end[];
extern const uint8_t nws_fw_font_bold[], nws_fw_font_bold_end[];
extern const uint8_t nws_fw_font_bold_italic[], nws_fw_font_bold_italic_end[];

/* --- the platform ------------------------------------------------------------ */

/* A free-running count of core clock ticks (for instructions per page). */
uint64_t platform_ticks(void);
/* Ticks per second of platform_ticks(). */
uint32_t platform_tick_hz(void);
/* The next key, waiting for it: 1 with *key, *arg; 0 when there are no
 * more (the run ends). */
int platform_key(nws_key *key, uint32_t *arg);
/* 1 when a key is waiting (or the keys have run out), 0 while the reader
 * is idle: the firmware numbers the rest of the book then, one article at
 * a time, so that opening and a font-size change cost only the pages on
 * screen. */
int platform_key_pending(void);
/* What a screen is. */
typedef struct fw_screen {
    unsigned number;         /* from 1 */
    uint32_t page;           /* book page */
    unsigned size10;         /* body size, tenths of a point */
    unsigned kind;           /* NWS_UPDATE_* the firmware asks for */
} fw_screen;

/* Put a screen on the panel (or out of the emulator).  The native rows
 * come from src a band at a time, packed from the framebuffer as they are
 * asked for: no whole native image is ever held.  0, or -1. */
int platform_present(const nws_panel_source *src, const fw_screen *screen);
/* The reading position, as state.c's 64-byte slots appended one after
 * another (flash cannot rewrite in place; the newest valid slot wins).
 * read: slot i (from 0) into out; 1, or 0 past the last.  append: 0, or
 * -1. */
int platform_state_read(uint32_t i, uint8_t out[NWS_STATE_SLOT]);
int platform_state_append(const uint8_t slot[NWS_STATE_SLOT]);
/* What button i (0 next, 1 previous, 2 contents, 3 open) means for what
 * is on screen, for a platform_key() reading buttons: 0, or -1. */
int fw_button_key(unsigned button, nws_key *key);

/* One line of text for whoever watches (a console, a debugger). */
void platform_log(const char *msg);

/* Bring up clocks and pins for the board; leave with a code. */
void platform_init(const nws_board *b);
__attribute__((noreturn)) void platform_exit(int code);

/* v in decimal at p, zero-padded to width digits (no stdio here); the
 * end of what was written. */
char *fw_put_uint(char *p, uint64_t v, int width);

/* The board the firmware runs (valid once firmware_run has started). */
const nws_board *fw_board(void);

/* The firmware proper: returns an NWS_FW_* code. */
int firmware_run(void);

#endif
