/* Waveshare 4.2" e-Paper Module V2: the panel alone, for the simulator and for
 * microcontroller boards (see waveshare-4in2.h). */
#include "waveshare-4in2.h"

const nws_board board_waveshare_4in2 = {
    .name = "waveshare-4in2",
    .description = "Waveshare 4.2\" e-Paper Module V2",
    .interface = "SPI",
    WAVESHARE_4IN2_PANEL,
};
