/* Waveshare 7.5" e-Paper HAT V2: the panel alone, for the simulator and for
 * microcontroller boards (see waveshare-7in5-v2.h). */
#include "waveshare-7in5-v2.h"

const nws_board board_waveshare_7in5_v2 = {
    .name = "waveshare-7in5-v2",
    .description = "Waveshare 7.5\" e-Paper HAT V2",
    .interface = "SPI",
    WAVESHARE_7IN5_V2_PANEL,
    .ram_budget = 248 * 1024, /* renderer arena; the framebuffer is 48 KiB more */
};
