/* Kobo Clara HD: 6" Carta 1.2, 1072x1448 portrait at 300 dpi, i.MX6SLL
 * EPDC with an 8-bit (Y8) Linux framebuffer, 16 gray levels used (values
 * multiples of 0x11).  line_length is 1088: the EPDC pads rows to 32 pixels
 * (FBInk's device notes for the Clara HD).  Waveform times for Carta 1.2
 * at room temperature: GC16 ~450 ms, GL16/REAGL ~450 ms, DU ~260 ms,
 * A2 ~120 ms (E Ink waveform mode notes, as FBInk documents them). */
#include "../src/board/board.h"

const nws_board board_kobo_clara_hd = {
    .name = "kobo-clara-hd",
    .description = "Kobo Clara HD (Carta 1.2, mxcfb)",
    .controller = "i.MX6SLL EPDC",
    .interface = "Linux framebuffer",
    .width = 1072,
    .height = 1448,
    .dpi = 300,
    .gray_levels = 16,
    .pack = {.bpp = 8, .lsb_first = 0, .black_is_zero = 1, .spread = 1, .stride_align = 32,
             .rotation = 0},
    /* hw: the NTX waveform numbers of Kobo's mxcfb (GC16 2, GL16 5, REAGL
     * as GLR16 6, DU 1, A2 4), as koreader-base's mxcfb_kobo_h lists them */
    .modes = {{"GC16", 450, 16, 1, 2}, {"GL16", 450, 16, 0, 5}, {"REAGL", 450, 16, 0, 6},
              {"DU", 260, 2, 0, 1}, {"A2", 120, 2, 0, 4}},
    .ram_budget = 8 * 1024 * 1024,
    .font_size_10 = 100,
    .margin_px = 48,
    .paragraph_indent = 1,
    /* i.MX6SLL: a Cortex-A9 with NEON (NXP's i.MX 6SLL fact sheet), which
     * Debian's armhf baseline (VFPv3-D16) does not assume: the vector loops
     * of core/vectors.h come in with -mfpu=neon.  Kobo touch panels report
     * the portrait view's axes swapped and x mirrored (KOReader's Kobo
     * defaults: touch_switch_xy, touch_mirrored_x). */
    .link = {.kind = NWS_LINK_LINUX_FB, .cross = "arm-linux-gnueabihf-",
             .cpu_flags = "-mfpu=neon", .device = "/dev/fb0",
             .fb_abi = NWS_FB_ABI_KOBO_MARK7, .touch = {.swap_xy = 1, .mirror_x = 1}},
};
