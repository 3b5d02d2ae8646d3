/* Waveshare 4.2" e-Paper (V2): 400x300, black/white, SSD1683 over SPI.
 * Waveshare 4.2inch e-Paper Module (V2) spec: full 4 s, fast 1.5 s,
 * partial 0.4 s.  SSD1683 RAM (command 0x24): bit 1 is white, MSB first
 * (SSD1683 datasheet, "Write RAM (BW)").
 *
 * The panel's data, shared by the board that previews it and the board
 * that drives it from a Raspberry Pi. */
#ifndef BOARDS_WAVESHARE_4IN2_H
#define BOARDS_WAVESHARE_4IN2_H

#include "../src/board/board.h"

#define WAVESHARE_4IN2_PANEL \
    .controller = "SSD1683",                                                                       \
    .width = 400,                                                                                  \
    .height = 300,                                                                                 \
    .dpi = 119, /* 400x300 on 4.2" */                                                              \
    .gray_levels = 2,                                                                              \
    .pack = {.bpp = 1, .lsb_first = 0, .black_is_zero = 1, .stride_align = 1, .rotation = 0},      \
    .modes = {{"full", 4000, 2, 1, NWS_UPDATE_FULL},                                              \
              {"fast", 1500, 2, 1, NWS_UPDATE_FAST}, {"partial", 400, 2, 0, NWS_UPDATE_PARTIAL}}, \
    /* Waveshare's notes ask for a full refresh after several partial ones                         \
     * without giving a number; five keeps the trace faint. */                                     \
    .full_refresh_every = 5,                                                                       \
    .ram_budget = 248 * 1024,                                                                      \
    .font_size_10 = 100,                                                                           \
    .margin_px = 10,                                                                               \
    .paragraph_indent = 1

#endif
