/* Waveshare 7.5" e-Paper V2: 800x480, black/white, UC8179 over SPI.
 * Geometry and refresh times: Waveshare 7.5inch e-Paper HAT (V2) spec
 * (full 5 s, fast 1.5 s, partial 0.4 s).  Polarity: in KW mode the UC8179's
 * "new data" RAM (command 0x13, DTM2) takes 1 for black -- Waveshare's
 * EPD_7in5_V2.c inverts its 1-is-white image before sending it there.
 *
 * The panel's data, shared by the board that previews it and the board
 * that drives it from a Raspberry Pi. */
#ifndef BOARDS_WAVESHARE_7IN5_V2_H
#define BOARDS_WAVESHARE_7IN5_V2_H

#include "../src/board/board.h"

#define WAVESHARE_7IN5_V2_PANEL \
    .controller = "UC8179",                                                                        \
    .width = 800,                                                                                  \
    .height = 480,                                                                                 \
    .dpi = 124, /* 800x480 on a 7.5" diagonal */                                                   \
    .gray_levels = 2,                                                                              \
    .pack = {.bpp = 1, .lsb_first = 0, .black_is_zero = 0, .stride_align = 1, .rotation = 0},      \
    .modes = {{"full", 5000, 2, 1, NWS_UPDATE_FULL},                                              \
              {"fast", 1500, 2, 1, NWS_UPDATE_FAST}, {"partial", 400, 2, 0, NWS_UPDATE_PARTIAL}}, \
    /* Waveshare's notes ask for a full refresh after several partial ones                         \
     * without giving a number; five keeps the trace faint. */                                     \
    .full_refresh_every = 5,                                                                       \
    .font_size_10 = 110,                                                                           \
    .margin_px = 18,                                                                               \
    .paragraph_indent = 1

#endif
