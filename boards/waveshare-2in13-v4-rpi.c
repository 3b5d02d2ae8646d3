/* Waveshare 2.13" e-Paper HAT V4 on a Raspberry Pi, on Waveshare's HAT (waveshare-hat-rpi.h). */
#include "waveshare-hat-rpi.h"
#include "waveshare-2in13-v4.h"

const nws_board board_waveshare_2in13_v4_rpi = {
    .name = "waveshare-2in13-v4-rpi",
    .description = "Waveshare 2.13\" e-Paper HAT V4 on a Raspberry Pi",
    .interface = "SPI on a Raspberry Pi",
    WAVESHARE_2IN13_V4_PANEL,
    .link = WAVESHARE_HAT_RPI_LINK(&nws_panel_ssd1680, 10000),
};
