/* Waveshare 4.2" e-Paper Module V2 on a Raspberry Pi, on Waveshare's HAT (waveshare-hat-rpi.h). */
#include "waveshare-hat-rpi.h"
#include "waveshare-4in2.h"

const nws_board board_waveshare_4in2_rpi = {
    .name = "waveshare-4in2-rpi",
    .description = "Waveshare 4.2\" e-Paper Module V2 on a Raspberry Pi",
    .interface = "SPI on a Raspberry Pi",
    WAVESHARE_4IN2_PANEL,
    .link = WAVESHARE_HAT_RPI_LINK(&nws_panel_ssd1683, 15000),
};
