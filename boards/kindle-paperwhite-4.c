/* Kindle Paperwhite 4 (2018): 6" Carta 1.2, 1072x1448 portrait at 300 dpi,
 * i.MX6 EPDC with an 8-bit Linux framebuffer (not inverted on this model),
 * 16 gray levels; rows padded to 1088 pixels (FBInk's device notes for the
 * PW4).  Waveform times as on other Carta 1.2 devices: GC16 ~450 ms, GL16
 * ~450 ms, REAGL ~450 ms, DU ~260 ms, A2 ~120 ms. */
#include "../src/board/board.h"

const nws_board board_kindle_paperwhite_4 = {
    .name = "kindle-paperwhite-4",
    .description = "Kindle Paperwhite 4 (Carta 1.2, mxcfb)",
    .controller = "i.MX6 EPDC",
    .interface = "Linux framebuffer",
    .width = 1072,
    .height = 1448,
    .dpi = 300,
    .gray_levels = 16,
    .pack = {.bpp = 8, .lsb_first = 0, .black_is_zero = 1, .spread = 1, .stride_align = 32,
             .rotation = 0},
    /* hw: the PW4 ("rex") EPDC numbers, shared with "zelda" (GC16 2, GL16 3,
     * REAGL 4, DU 1, A2 6), as koreader-base's mxcfb_kindle_h lists them */
    .modes = {{"GC16", 450, 16, 1, 2}, {"GL16", 450, 16, 0, 3}, {"REAGL", 450, 16, 0, 4},
              {"DU", 260, 2, 0, 1}, {"A2", 120, 2, 0, 6}},
    .ram_budget = 8 * 1024 * 1024,
    .font_size_10 = 100,
    .margin_px = 48,
    .paragraph_indent = 1,
    /* The PW4's touch screen reports in the portrait view's own axes. */
    /* i.MX6SLL, a Cortex-A9 with NEON, as in the Kobo Clara HD. */
    .link = {.kind = NWS_LINK_LINUX_FB, .cross = "arm-linux-gnueabihf-",
             .cpu_flags = "-mfpu=neon", .device = "/dev/fb0",
             .fb_abi = NWS_FB_ABI_KINDLE_REX},
};
