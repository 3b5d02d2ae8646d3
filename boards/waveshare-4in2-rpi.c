/* Waveshare 4.2" e-Paper Module V2 on a Raspberry Pi, driven by our own controller
 * driver over spidev and the GPIO character device.  Wiring as on
 * Waveshare's HAT and its Raspberry Pi examples (BCM numbering): RST 17,
 * DC 25, BUSY 24, panel power 18, chip select CE0 (spidev0.0); SPI at
 * 4 MHz as Waveshare's examples clock it.  Buttons are optional, on
 * lines 5, 6, 13 and 19 (the keys of Waveshare's 2.7" HAT) wired to
 * ground: next, previous, contents, open. */
#include "../src/panel/panel.h"
#include "waveshare-4in2.h"

const nws_board board_waveshare_4in2_rpi = {
    .name = "waveshare-4in2-rpi",
    .description = "Waveshare 4.2\" e-Paper Module V2 on a Raspberry Pi",
    .interface = "SPI on a Raspberry Pi",
    WAVESHARE_4IN2_PANEL,
    .link = {.kind = NWS_LINK_SPI,
             .cross = "arm-linux-gnueabihf-",
             .device = "/dev/spidev0.0",
             .driver = &nws_panel_ssd1683,
             .gpiochip = "/dev/gpiochip0",
             .spi_hz = 4000000,
             .pin_dc = 25,
             .pin_rst = 17,
             .pin_busy = 24,
             .pin_power = 18,
             .buttons = {5, 6, 13, 19},
             .busy_timeout_ms = 15000},
};
