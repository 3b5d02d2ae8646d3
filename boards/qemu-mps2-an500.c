/* QEMU's MPS2 board with the AN500 FPGA image (Cortex-M7), standing in for
 * a microcontroller board with the Waveshare 7.5" V2 panel: the firmware
 * renders into the panel's own buffer format and writes each screen out
 * through semihosting, so every page can be compared with newsview's.
 * Memory map (QEMU hw/arm/mps2.c, ARM AN500): ZBT SSRAM1 at 0x00000000
 * (4 MB, code, fonts and bundle: "flash"), SSRAM2/3 at 0x20000000 (4 MB,
 * RAM; the linker script allows the firmware only what the board budgets).
 * SysTick runs from the 25 MHz system clock. */
#include "waveshare-7in5-v2.h"

const nws_board board_qemu_mps2_an500 = {
    .name = "qemu-mps2-an500",
    .description = "QEMU MPS2 AN500 (Cortex-M7) with a 7.5\" 1-bit panel",
    .interface = "semihosting",
    WAVESHARE_7IN5_V2_PANEL,
    .ram_budget = 248 * 1024,
    /* 256 KiB in all (the budget): the 48,000-byte framebuffer, an
     * arena measured on the Cortex-M7 (161 KB after set-up, which numbers
     * only the pages on screen; peak 164 KB; set-up wants 16 KB more free
     * for FreeType: NWS_SETUP_HEADROOM), the bundle reader with an 8 KiB
     * window (its bundle is packed so), a band of panel rows, the stack
     * and static data (make BOARD=qemu-mps2-an500 size). */
    .link = {.kind = NWS_LINK_MCU, .cross = "arm-none-eabi-", .mcu = "mps2-an500",
             .mcu_ram = 256 * 1024, .mcu_arena = 180 * 1024, .mcu_window_bits = 13},
};
