/* waveshare-hat-rpi.h -- how Waveshare's e-Paper HAT sits on a Raspberry
 * Pi, shared by the boards that drive its panels from a Pi with our own
 * controller drivers over spidev and the GPIO character device.  Wiring
 * as on the HAT and Waveshare's Raspberry Pi examples (BCM numbering):
 * RST 17, DC 25, BUSY 24, panel power 18, chip select CE0
 * (/dev/spidev0.0); SPI at 4 MHz as the examples clock it.  Buttons are
 * optional, on lines 5, 6, 13 and 19 (the keys of Waveshare's 2.7" HAT)
 * wired to ground: next, previous, contents, open. */
#ifndef BOARDS_WAVESHARE_HAT_RPI_H
#define BOARDS_WAVESHARE_HAT_RPI_H

#include "../src/panel/panel.h"

/* The board's .link, with the panel's driver and its longest refresh. */
#define WAVESHARE_HAT_RPI_LINK(panel_driver, timeout_ms)                                          \
    {                                                                                             \
        .kind = NWS_LINK_SPI, .cross = "arm-linux-gnueabihf-", .device = "/dev/spidev0.0",       \
        .driver = (panel_driver), .gpiochip = "/dev/gpiochip0", .spi_hz = 4000000, .pin_dc = 25, \
        .pin_rst = 17, .pin_busy = 24, .pin_power = 18, .buttons = {5, 6, 13, 19},               \
        .busy_timeout_ms = (timeout_ms)                                                           \
    }

#endif
