/* Waveshare 7.5" e-Paper HAT V2 on a Raspberry Pi, driven by our own controller
 * driver over spidev and the GPIO character device.  Wiring as on
 * Waveshare's HAT and its Raspberry Pi examples (BCM numbering): RST 17,
 * DC 25, BUSY 24, panel power 18, chip select CE0 (spidev0.0); SPI at
 * 4 MHz as Waveshare's examples clock it.  Buttons are optional, on
 * lines 5, 6, 13 and 19 (the keys of Waveshare's 2.7" HAT) wired to
 * ground: next, previous, contents, open. */
#include "../src/panel/panel.h"
#include "waveshare-7in5-v2.h"

const nws_board board_waveshare_7in5_v2_rpi = {
    .name = "waveshare-7in5-v2-rpi",
    .description = "Waveshare 7.5\" e-Paper HAT V2 on a Raspberry Pi",
    .interface = "SPI on a Raspberry Pi",
    WAVESHARE_7IN5_V2_PANEL,
    .ram_budget = 248 * 1024, /* renderer arena; the framebuffer is 48 KiB more */
    .link = {.kind = NWS_LINK_SPI,
             .cross = "arm-linux-gnueabihf-",
             .device = "/dev/spidev0.0",
             .driver = &nws_panel_uc8179,
             .gpiochip = "/dev/gpiochip0",
             .spi_hz = 4000000,
             .pin_dc = 25,
             .pin_rst = 17,
             .pin_busy = 24,
             .pin_power = 18,
             .buttons = {5, 6, 13, 19},
             .busy_timeout_ms = 20000},
};
