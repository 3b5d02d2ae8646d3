/* Waveshare 7.5" e-Paper HAT V2 on a Raspberry Pi, on Waveshare's HAT (waveshare-hat-rpi.h). */
#include "waveshare-hat-rpi.h"
#include "waveshare-7in5-v2.h"

const nws_board board_waveshare_7in5_v2_rpi = {
    .name = "waveshare-7in5-v2-rpi",
    .description = "Waveshare 7.5\" e-Paper HAT V2 on a Raspberry Pi",
    .interface = "SPI on a Raspberry Pi",
    WAVESHARE_7IN5_V2_PANEL,
    .ram_budget = 248 * 1024, /* renderer arena; the framebuffer is 48 KiB more */
    .link = WAVESHARE_HAT_RPI_LINK(&nws_panel_uc8179, 20000),
};
