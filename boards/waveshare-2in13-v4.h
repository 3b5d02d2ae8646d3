/* Waveshare 2.13" e-Paper V4: 250x122 read in landscape, SSD1680 over SPI.
 * The controller's RAM is portrait: 122 source pixels per row, padded to
 * 16 bytes (128 bits), 250 rows (SSD1680 datasheet, RAM X address in
 * bytes; Waveshare EPD_2in13_V4.c uses Width = 122/8 + 1).  Bit 1 is white.
 * Waveshare 2.13inch e-Paper HAT (V4) spec: full refresh 2 s, partial
 * refresh 0.3 s.
 *
 * The panel's data, shared by the board that previews it and the board
 * that drives it from a Raspberry Pi. */
#ifndef BOARDS_WAVESHARE_2IN13_V4_H
#define BOARDS_WAVESHARE_2IN13_V4_H

#include "../src/board/board.h"

#define WAVESHARE_2IN13_V4_PANEL \
    .controller = "SSD1680",                                                                       \
    .width = 250,                                                                                  \
    .height = 122,                                                                                 \
    .dpi = 130, /* 250x122 on 2.13" */                                                             \
    .gray_levels = 2,                                                                              \
    .pack = {.bpp = 1, .lsb_first = 0, .black_is_zero = 1, .stride_align = 1, .rotation = 90},     \
    .modes = {{"full", 2000, 2, 1, NWS_UPDATE_FULL}, {"partial", 300, 2, 0, NWS_UPDATE_PARTIAL}},  \
    /* Waveshare's notes ask for a full refresh after several partial ones                         \
     * without giving a number; five keeps the trace faint. */                                     \
    .full_refresh_every = 5,                                                                       \
    .ram_budget = 248 * 1024,                                                                      \
    .font_size_10 = 80,                                                                            \
    .margin_px = 4,                                                                                \
    .paragraph_indent = 1

#endif
