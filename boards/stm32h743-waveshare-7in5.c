/* An STM32H743 (Cortex-M7, 2 MB flash, AXI SRAM 512 KB at 0x24000000;
 * RM0433) driving the Waveshare 7.5" V2 panel over SPI1, e.g. a
 * NUCLEO-H743ZI2 wired to Waveshare's e-Paper Driver HAT:
 *   DIN  PA7 (SPI1_MOSI, AF5)   CLK  PA5 (SPI1_SCK, AF5)   CS  PD14
 *   DC   PD15                   RST  PF12                  BUSY PF13
 *   PWR  PE9                    buttons PG0..PG3 to ground: next, previous,
 *                               contents, open (internal pull-ups)
 * The CPU runs from its 64 MHz HSI at reset; SPI1 takes the same clock
 * divided by 16 (4 MHz, as Waveshare clocks the panel).  The reading
 * position lives in flash bank 2, sectors 6 and 7. */
#include "../src/panel/panel.h"
#include "waveshare-7in5-v2.h"

const nws_board board_stm32h743_waveshare_7in5 = {
    .name = "stm32h743-waveshare-7in5",
    .description = "STM32H743 with the Waveshare 7.5\" V2 panel",
    .interface = "SPI (bare metal)",
    WAVESHARE_7IN5_V2_PANEL,
    .ram_budget = 248 * 1024,
    .link = {.kind = NWS_LINK_MCU,
             .cross = "arm-none-eabi-",
             .mcu = "stm32h743",
             .mcu_ram = 256 * 1024,
             .mcu_arena = 180 * 1024, /* as measured for qemu-mps2-an500 */
             .mcu_window_bits = 13,
             .driver = &nws_panel_uc8179,
             .spi_hz = 4000000,
             .pin_cs = NWS_PIN('D', 14),
             .pin_dc = NWS_PIN('D', 15),
             .pin_rst = NWS_PIN('F', 12),
             .pin_busy = NWS_PIN('F', 13),
             .pin_power = NWS_PIN('E', 9),
             .buttons = {NWS_PIN('G', 0), NWS_PIN('G', 1), NWS_PIN('G', 2), NWS_PIN('G', 3)},
             .busy_timeout_ms = 20000},
};
