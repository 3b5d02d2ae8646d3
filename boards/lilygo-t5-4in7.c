/* LilyGo T5 4.7": ED047TC1 960x540, 16 grays, driven by an ESP32-S3 over
 * the panel's parallel bus (epdiy / LilyGo-EPD47).  The epdiy framebuffer is
 * 4 bits per pixel, the even pixel in the low nibble, 0xF white (epdiy
 * epd_draw_pixel).  Mode times: epdiy's waveforms for ED047TC1 at room
 * temperature (GC16 about 1.2 s, GL16 about 1 s, DU about 0.3 s). */
#include "../src/board/board.h"

const nws_board board_lilygo_t5_4in7 = {
    .name = "lilygo-t5-4in7",
    .description = "LilyGo T5 4.7\" (ED047TC1, epdiy)",
    .controller = "ESP32-S3 (epdiy)",
    .interface = "parallel",
    .width = 960,
    .height = 540,
    .dpi = 234, /* 960x540 on 4.7" */
    .gray_levels = 16,
    .pack = {.bpp = 4, .lsb_first = 1, .black_is_zero = 1, .stride_align = 1, .rotation = 0},
    /* hw 0: no driver in this project reaches this panel yet */
    .modes = {{"GC16", 1200, 16, 1, 0}, {"GL16", 1000, 16, 0, 0}, {"DU", 300, 2, 0, 0}},
    .ram_budget = 1024 * 1024, /* the module has 8 MiB of PSRAM */
    .font_size_10 = 90,
    .margin_px = 24,
    .paragraph_indent = 1,
};
