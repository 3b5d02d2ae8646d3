/* Waveshare 10.3" e-Paper HAT: 1872x1404 ES103TC1, 16 grays, IT8951
 * controller (SPI, I80 or USB).  IT8951 4 bpp image loads pack four pixels
 * into each little-endian 16-bit word, pixel 0 in bits 3..0, so the even
 * pixel is in the low nibble; 0 is black (IT8951 programming guide, "Load
 * Image Area", 4bpp).  Modes and times: Waveshare 10.3inch e-Paper HAT spec
 * (GC16 0.45 s full refresh, DU 0.26 s, A2 0.12 s; INIT clears with a
 * 1.5 s flash). */
#include "../src/board/board.h"

const nws_board board_it8951_10in3 = {
    .name = "it8951-10in3",
    .description = "Waveshare 10.3\" e-Paper HAT (IT8951)",
    .controller = "IT8951",
    .interface = "SPI/I80/USB",
    .width = 1872,
    .height = 1404,
    .dpi = 227, /* 1872x1404 on 10.3" */
    .gray_levels = 16,
    .pack = {.bpp = 4, .lsb_first = 1, .black_is_zero = 1, .stride_align = 2, .rotation = 0},
    /* hw 0: no driver in this project reaches this panel yet */
    .modes = {{"INIT", 1500, 2, 1, 0}, {"GC16", 450, 16, 1, 0}, {"GL16", 450, 16, 0, 0},
              {"DU", 260, 2, 0, 0}, {"A2", 120, 2, 0, 0}},
    .ram_budget = 4 * 1024 * 1024, /* a Raspberry Pi drives it */
    .font_size_10 = 100,
    .margin_px = 48,
    .paragraph_indent = 1,
};
