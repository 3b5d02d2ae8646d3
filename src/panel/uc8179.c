/* uc8179.c -- UltraChip UC8179 (Waveshare 7.5" V2 and kin) in KW mode.
 *
 * Command numbers and parameters are the UC8179 datasheet's command table
 * (PSR 0x00, PWR 0x01, POF 0x02, PON 0x04, BTST 0x06, DSLP 0x07, DTM1 0x10,
 * DRF 0x12, DTM2 0x13, DUSPI 0x15, CDI 0x50, TCON 0x60, TRES 0x61,
 * PTL 0x90, PTIN 0x91, PTOUT 0x92, CCSET 0xE0, TSSET 0xE5); the values are
 * those Waveshare's EPD_7in5_V2 sequences use for this glass.  BUSY_N is
 * low while the controller works.  In KW mode DTM1 holds the image the
 * panel shows and DTM2 the new one, 1 for black. */
#include "panel_internal.h"

enum {
    UC_PSR = 0x00, UC_PWR = 0x01, UC_POF = 0x02, UC_PON = 0x04, UC_BTST = 0x06, UC_DSLP = 0x07,
    UC_DTM1 = 0x10, UC_DRF = 0x12, UC_DTM2 = 0x13, UC_DUSPI = 0x15, UC_CDI = 0x50,
    UC_TCON = 0x60, UC_TRES = 0x61, UC_PTL = 0x90, UC_PTIN = 0x91, UC_PTOUT = 0x92,
    UC_CCSET = 0xE0, UC_TSSET = 0xE5
};

/* Datasheet: DSLP takes the check code 0xA5 so that noise cannot put the
 * chip to sleep. */
#define UC_DSLP_CHECK 0xA5u

/* Power-on and the display refresh are the only long waits; the others
 * are a few ms (datasheet AC characteristics). */
#define UC_SHORT_WAIT_MS 1000u

static nws_panel_status wait(nws_panel *p, const char *stage, uint32_t ms)
{
    return panel_wait(p, stage, 0, ms); /* BUSY level while working */
}

static nws_panel_status wake(nws_panel *p, unsigned kind)
{
    const nws_board *b = p->board;
    uint32_t w = board_native_width(b), h = board_native_height(b);
    /* A hardware reset is the only way out of deep sleep (DSLP). */
    p->stage = "reset";
    if (p->bus.reset(p->bus.ctx, 2, 20) < 0)
        return NWS_PANEL_EBUS;
    static const uint8_t pwr[] = {0x07, 0x07, 0x3F, 0x3F}; /* VGH/VGL 20 V, VDH/VDL 15 V */
    static const uint8_t btst[] = {0x17, 0x17, 0x28, 0x17};
    PANEL_TRY(panel_cmd(p, "power setting", UC_PWR, pwr, sizeof pwr));
    PANEL_TRY(panel_cmd(p, "booster soft start", UC_BTST, btst, sizeof btst));
    PANEL_TRY(panel_cmd(p, "power on", UC_PON, NULL, 0));
    PANEL_TRY(wait(p, "power on", UC_SHORT_WAIT_MS));
    /* PSR 0x1F: KW mode, waveform from OTP, scan up, shift right, booster on */
    static const uint8_t psr[] = {0x1F};
    PANEL_TRY(panel_cmd(p, "panel setting", UC_PSR, psr, 1));
    const uint8_t tres[] = {(uint8_t)(w >> 8), (uint8_t)w, (uint8_t)(h >> 8), (uint8_t)h};
    PANEL_TRY(panel_cmd(p, "resolution", UC_TRES, tres, sizeof tres));
    static const uint8_t duspi[] = {0x00}, tcon[] = {0x22};
    PANEL_TRY(panel_cmd(p, "single SPI", UC_DUSPI, duspi, 1));
    PANEL_TRY(panel_cmd(p, "non-overlap", UC_TCON, tcon, 1));
    if (kind != NWS_UPDATE_FULL) {
        /* A forced temperature (TSSET via CCSET bit 1) makes the OTP pick
         * a shorter waveform: 0x5A for the fast full refresh, 0x6E for the
         * partial one (Waveshare's Init_Fast / Init_Part). */
        static const uint8_t ccset[] = {0x02};
        const uint8_t tsset[] = {kind == NWS_UPDATE_FAST ? 0x5A : 0x6E};
        PANEL_TRY(panel_cmd(p, "cascade setting", UC_CCSET, ccset, 1));
        PANEL_TRY(panel_cmd(p, "force temperature", UC_TSSET, tsset, 1));
    }
    /* CDI: border floating (0x10) for full updates; the partial waveform
     * wants the border kept (0xA9: LUTKW, DDX=01) and data interval 0x07 */
    const uint8_t cdi[] = {kind == NWS_UPDATE_PARTIAL ? 0xA9 : 0x10, 0x07};
    return panel_cmd(p, "VCOM and data interval", UC_CDI, cdi, sizeof cdi);
}

/* The window's bytes of one plane, row by row. */
static nws_panel_status send_plane(nws_panel *p, const char *stage, uint8_t c,
                                   const nws_panel_source *src, int plane,
                                   const nws_panel_window *win)
{
    PANEL_TRY(panel_cmd(p, stage, c, NULL, 0));
    return panel_send_rows(p, src, plane, win->y, win->h, win->x / 8u, win->w / 8u);
}

static nws_panel_status uc_sleep(nws_panel *p)
{
    static const uint8_t cdi[] = {0xF7, 0x07}, dslp[] = {UC_DSLP_CHECK};
    PANEL_TRY(panel_cmd(p, "VCOM and data interval", UC_CDI, cdi, sizeof cdi));
    PANEL_TRY(panel_cmd(p, "power off", UC_POF, NULL, 0));
    PANEL_TRY(wait(p, "power off", UC_SHORT_WAIT_MS));
    return panel_cmd(p, "deep sleep", UC_DSLP, dslp, 1);
}

static nws_panel_status uc_update(nws_panel *p, const nws_panel_source *src,
                                  const nws_panel_window *win, unsigned kind)
{
    if (kind == NWS_UPDATE_PARTIAL && !src->has_shown)
        kind = NWS_UPDATE_FULL;
    const nws_board *b = p->board;
    nws_panel_window all = {0, 0, board_native_width(b), board_native_height(b)};
    all.w = (all.w + 7u) / 8u * 8u;
    if (kind != NWS_UPDATE_PARTIAL || !win)
        win = &all;
    if (b->pack.bpp != 1 || win->x % 8u || win->w % 8u || win->x + win->w > all.w ||
        win->y + win->h > all.h || !win->w || !win->h)
        return NWS_PANEL_EARG;
    PANEL_TRY(wake(p, kind));
    if (kind == NWS_UPDATE_PARTIAL) {
        uint32_t xe = win->x + win->w - 1, ye = win->y + win->h - 1;
        /* PTL: HRST[9:3], HRED[9:3] with its low bits set, VRST, VRED,
         * PT_SCAN = 1 (gates scan inside and outside the window) */
        const uint8_t ptl[] = {(uint8_t)(win->x >> 8), (uint8_t)(win->x & 0xF8u),
                               (uint8_t)(xe >> 8),     (uint8_t)((xe & 0xF8u) | 0x07u),
                               (uint8_t)(win->y >> 8), (uint8_t)win->y,
                               (uint8_t)(ye >> 8),     (uint8_t)ye,
                               0x01};
        PANEL_TRY(panel_cmd(p, "partial in", UC_PTIN, NULL, 0));
        PANEL_TRY(panel_cmd(p, "partial window", UC_PTL, ptl, sizeof ptl));
    }
    /* Without the shown image (a microcontroller that keeps none), the
     * full waveform gets the new one as old data too, as Waveshare's own
     * full refresh does. */
    int old = src->has_shown ? NWS_PLANE_SHOWN : NWS_PLANE_NEXT;
    PANEL_TRY(send_plane(p, "old image", UC_DTM1, src, old, win));
    PANEL_TRY(send_plane(p, "new image", UC_DTM2, src, NWS_PLANE_NEXT, win));
    PANEL_TRY(panel_cmd(p, "display refresh", UC_DRF, NULL, 0));
    /* 10 ms before BUSY_N reliably goes low (Waveshare waits likewise). */
    p->bus.delay_ms(p->bus.ctx, 10);
    uint32_t timeout = b->link.busy_timeout_ms ? b->link.busy_timeout_ms : 30000u;
    PANEL_TRY(wait(p, "display refresh", timeout));
    if (kind == NWS_UPDATE_PARTIAL)
        PANEL_TRY(panel_cmd(p, "partial out", UC_PTOUT, NULL, 0));
    p->updates++;
    return uc_sleep(p);
}

/* The driver sleeps after every update already; a separate sleep is for
 * a controller woken by someone else. */
static nws_panel_status uc_sleep_now(nws_panel *p)
{
    p->stage = "reset";
    if (p->bus.reset(p->bus.ctx, 2, 20) < 0)
        return NWS_PANEL_EBUS;
    return uc_sleep(p);
}

const nws_panel_driver nws_panel_uc8179 = {
    .name = "UC8179",
    .busy_level = 0,
    .update = uc_update,
    .sleep = uc_sleep_now,
};
