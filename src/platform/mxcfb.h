/* mxcfb.h -- the e-ink update ioctls of i.MX EPDC framebuffers (Kobo,
 * Kindle), declared from their documented ABI.
 *
 * These are facts about the vendors' kernels, written down here rather
 * than taken from their headers:
 *   - struct layouts and request numbers of Kobo's "Mark 7" kernels
 *     (i.MX6SLL: Clara HD, Libra H2O, Forma; Kobo-Reader hw/ kernel
 *     sources, include/uapi/linux/mxcfb.h, 4.1.15-based) and of Kindle's
 *     "rex" kernels (i.MX6SLL: Paperwhite 4, Kindle 10), as koreader-base
 *     (ffi/mxcfb_kobo_h.lua, ffi/mxcfb_kindle_h.lua) and FBInk record them;
 *   - the request numbers are asserted below, so a layout mistake fails
 *     the build instead of sending the kernel garbage.
 * Both kernels are 32-bit ARM: Kobo's alt_buffer_data holds a 32-bit
 * virt_addr pointer, spelt uint32_t here so the layout is the device's on
 * every build (the emulator in tests/ checks the same bytes). */
#ifndef NWS_MXCFB_H
#define NWS_MXCFB_H

#include <linux/ioctl.h>
#include <stdint.h>

typedef struct nws_mxcfb_rect {
    uint32_t top, left, width, height;
} nws_mxcfb_rect;

/* Kobo Mark 7: struct mxcfb_update_data (68 bytes). */
typedef struct nws_mxcfb_update_kobo {
    nws_mxcfb_rect update_region;
    uint32_t waveform_mode;
    uint32_t update_mode;      /* NWS_MXCFB_UPDATE_* */
    uint32_t update_marker;
    int32_t temp;              /* NWS_MXCFB_TEMP_AMBIENT */
    uint32_t flags;
    struct {
        uint32_t virt_addr, phys_addr, width, height;
        nws_mxcfb_rect alt_update_region;
    } alt_buffer_data;
} nws_mxcfb_update_kobo;

/* Kindle rex: struct mxcfb_update_data_rex (80 bytes). */
typedef struct nws_mxcfb_update_rex {
    nws_mxcfb_rect update_region;
    uint32_t waveform_mode;
    uint32_t update_mode;
    uint32_t update_marker;
    int32_t temp;
    uint32_t flags;
    int32_t dither_mode;
    int32_t quant_bit;
    struct {
        uint32_t phys_addr, width, height;
        nws_mxcfb_rect alt_update_region;
    } alt_buffer_data;
    uint32_t hist_bw_waveform_mode;
    uint32_t hist_gray_waveform_mode;
} nws_mxcfb_update_rex;

/* struct mxcfb_update_marker_data, both kernels. */
typedef struct nws_mxcfb_marker {
    uint32_t update_marker;
    uint32_t collision_test;
} nws_mxcfb_marker;

#define NWS_MXCFB_SEND_UPDATE_KOBO _IOW('F', 0x2E, nws_mxcfb_update_kobo)
#define NWS_MXCFB_SEND_UPDATE_REX _IOW('F', 0x2E, nws_mxcfb_update_rex)
#define NWS_MXCFB_WAIT_FOR_UPDATE_COMPLETE _IOWR('F', 0x2F, nws_mxcfb_marker)

_Static_assert(sizeof(nws_mxcfb_update_kobo) == 68, "Kobo mxcfb_update_data is 68 bytes");
_Static_assert(sizeof(nws_mxcfb_update_rex) == 80, "Kindle rex mxcfb_update_data is 80 bytes");
_Static_assert(NWS_MXCFB_SEND_UPDATE_KOBO == 0x4044462Eu, "Kobo MXCFB_SEND_UPDATE");
_Static_assert(NWS_MXCFB_SEND_UPDATE_REX == 0x4050462Eu, "Kindle MXCFB_SEND_UPDATE_REX");
_Static_assert(NWS_MXCFB_WAIT_FOR_UPDATE_COMPLETE == 0xC008462Fu, "MXCFB_WAIT_FOR_UPDATE_COMPLETE");

#define NWS_MXCFB_UPDATE_PARTIAL 0u
#define NWS_MXCFB_UPDATE_FULL 1u
/* TEMP_USE_AMBIENT: the EPDC reads the panel's own sensor. */
#define NWS_MXCFB_TEMP_AMBIENT 0x1000

#endif
