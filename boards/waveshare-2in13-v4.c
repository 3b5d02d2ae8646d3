/* Waveshare 2.13" e-Paper HAT V4: the panel alone, for the simulator and for
 * microcontroller boards (see waveshare-2in13-v4.h). */
#include "waveshare-2in13-v4.h"

const nws_board board_waveshare_2in13_v4 = {
    .name = "waveshare-2in13-v4",
    .description = "Waveshare 2.13\" e-Paper HAT V4",
    .interface = "SPI",
    WAVESHARE_2IN13_V4_PANEL,
};
