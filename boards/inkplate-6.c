/* Inkplate 6: 800x600 ED060SC7 panel, ESP32, 3-bit gray mode (8 levels).
 * The Inkplate library's 3-bit buffer holds a pixel per nibble, the even
 * pixel in the high nibble, values 0 (black) to 7 (white) (Inkplate
 * drawPixel, 3-bit mode).  Refresh: full 3-bit update about 1.1 s, partial
 * (1-bit only) about 0.26 s (Soldered Inkplate 6 documentation). */
#include "../src/board/board.h"

const nws_board board_inkplate_6 = {
    .name = "inkplate-6",
    .description = "Soldered Inkplate 6 (3-bit gray)",
    .controller = "ESP32 (Inkplate)",
    .interface = "parallel",
    .width = 800,
    .height = 600,
    .dpi = 167, /* 800x600 on 6" */
    .gray_levels = 8,
    .pack = {.bpp = 4, .lsb_first = 0, .black_is_zero = 1, .spread = 0, .stride_align = 1,
             .rotation = 0},
    /* hw 0: no driver in this project reaches this panel yet */
    .modes = {{"full", 1100, 8, 1, 0}, {"partial", 260, 2, 0, 0}},
    .ram_budget = 512 * 1024, /* 4 MiB PSRAM */
    .font_size_10 = 90,
    .margin_px = 16,
    .paragraph_indent = 1,
};
