/* ssd16xx.c -- Solomon Systech SSD1680 (Waveshare 2.13" V4) and SSD1683
 * (Waveshare 4.2" V2), black/white.
 *
 * Command numbers are the SSD1680/SSD1683 datasheets' command tables:
 * driver output 0x01, deep sleep 0x10, data entry 0x11, SW reset 0x12,
 * temperature sensor 0x18, temperature write 0x1A, master activation 0x20,
 * update control 1 0x21 and 2 0x22, B/W RAM 0x24, RED RAM 0x26, border
 * 0x3C, RAM X range 0x44 (in bytes), RAM Y range 0x45 (in gates), address
 * counters 0x4E/0x4F.  BUSY is high while the controller works (the UC8179
 * is the other way round).  RAM bit 1 is white.  In display mode 2
 * (partial) the waveform for each pixel is chosen from RED RAM (what the
 * panel shows) and B/W RAM (the new image), so both are loaded every time
 * rather than trusting RAM kept over deep sleep and a reset. */
#include "panel_internal.h"

enum {
    SSD_DRIVER_OUTPUT = 0x01, SSD_DEEP_SLEEP = 0x10, SSD_DATA_ENTRY = 0x11, SSD_SW_RESET = 0x12,
    SSD_TEMP_SENSOR = 0x18, SSD_TEMP_WRITE = 0x1A, SSD_ACTIVATE = 0x20, SSD_UPDATE_CTRL1 = 0x21,
    SSD_UPDATE_CTRL2 = 0x22, SSD_RAM_BW = 0x24, SSD_RAM_RED = 0x26, SSD_BORDER = 0x3C,
    SSD_RAM_X = 0x44, SSD_RAM_Y = 0x45, SSD_RAM_X_COUNTER = 0x4E, SSD_RAM_Y_COUNTER = 0x4F
};

/* Update control 2 sequences (datasheet, command 0x22): 0xF7 clock and
 * analog on, load temperature and LUT, display mode 1, all off again;
 * 0xFF the same in display mode 2; 0x91 only loads temperature and LUT;
 * 0xC7 displays with the LUT already loaded. */
#define SSD_SEQ_FULL 0xF7u
#define SSD_SEQ_PARTIAL 0xFFu
#define SSD_SEQ_LOAD_LUT 0x91u
#define SSD_SEQ_DISPLAY_LOADED 0xC7u

#define SSD_SHORT_WAIT_MS 1000u

typedef struct ssd_variant {
    const char *name;
    uint8_t ctrl1_full[2], ctrl1_partial[2]; /* update control 1 */
    uint8_t fast_temperature;                /* 0: no fast mode */
} ssd_variant;

/* SSD1680 on a 122-source panel: sources from S8 (0x80); SSD1683 in B/W:
 * RED RAM bypassed as 0 for full updates (0x40), used for partial. */
static const ssd_variant ssd1680 = {"SSD1680", {0x00, 0x80}, {0x00, 0x80}, 0};
static const ssd_variant ssd1683 = {"SSD1683", {0x40, 0x00}, {0x00, 0x00}, 0x6E};

static nws_panel_status cmd1(nws_panel *p, const char *stage, uint8_t c, uint8_t v)
{
    return panel_cmd(p, stage, c, &v, 1);
}

static nws_panel_status wait(nws_panel *p, const char *stage, uint32_t ms)
{
    return panel_wait(p, stage, 1, ms); /* BUSY level while working */
}

static nws_panel_status wake(nws_panel *p, const ssd_variant *v, unsigned kind)
{
    const nws_board *b = p->board;
    uint32_t gates = board_native_height(b), bytes = board_native_stride(b);
    p->stage = "reset";
    if (p->bus.reset(p->bus.ctx, 2, 20) < 0)
        return NWS_PANEL_EBUS;
    PANEL_TRY(wait(p, "reset", SSD_SHORT_WAIT_MS));
    PANEL_TRY(panel_cmd(p, "software reset", SSD_SW_RESET, NULL, 0));
    PANEL_TRY(wait(p, "software reset", SSD_SHORT_WAIT_MS));
    const uint8_t out[] = {(uint8_t)(gates - 1), (uint8_t)((gates - 1) >> 8), 0x00};
    PANEL_TRY(panel_cmd(p, "driver output", SSD_DRIVER_OUTPUT, out, sizeof out));
    PANEL_TRY(cmd1(p, "data entry mode", SSD_DATA_ENTRY, 0x03)); /* X then Y increment */
    const uint8_t xr[] = {0x00, (uint8_t)(bytes - 1)};
    const uint8_t yr[] = {0x00, 0x00, (uint8_t)(gates - 1), (uint8_t)((gates - 1) >> 8)};
    PANEL_TRY(panel_cmd(p, "RAM X range", SSD_RAM_X, xr, sizeof xr));
    PANEL_TRY(panel_cmd(p, "RAM Y range", SSD_RAM_Y, yr, sizeof yr));
    /* border: follow the LUT to white (0x05) on full updates; keep it
     * (0x80, VCOM level) on partial ones, as Waveshare does */
    PANEL_TRY(cmd1(p, "border", SSD_BORDER, kind == NWS_UPDATE_PARTIAL ? 0x80 : 0x05));
    PANEL_TRY(panel_cmd(p, "update control 1", SSD_UPDATE_CTRL1,
            kind == NWS_UPDATE_PARTIAL ? v->ctrl1_partial : v->ctrl1_full, 2));
    PANEL_TRY(cmd1(p, "temperature sensor", SSD_TEMP_SENSOR, 0x80)); /* internal */
    if (kind == NWS_UPDATE_FAST) {
        /* A written temperature selects the OTP's shorter waveform. */
        PANEL_TRY(cmd1(p, "temperature", SSD_TEMP_WRITE, v->fast_temperature));
        PANEL_TRY(cmd1(p, "load LUT", SSD_UPDATE_CTRL2, SSD_SEQ_LOAD_LUT));
        PANEL_TRY(panel_cmd(p, "load LUT", SSD_ACTIVATE, NULL, 0));
        PANEL_TRY(wait(p, "load LUT", SSD_SHORT_WAIT_MS));
    }
    return NWS_PANEL_OK;
}

static nws_panel_status send_ram(nws_panel *p, const char *stage, uint8_t c,
                                 const nws_panel_source *src, int plane)
{
    const nws_board *b = p->board;
    const uint8_t zero[] = {0x00, 0x00};
    PANEL_TRY(panel_cmd(p, stage, SSD_RAM_X_COUNTER, zero, 1));
    PANEL_TRY(panel_cmd(p, stage, SSD_RAM_Y_COUNTER, zero, 2));
    PANEL_TRY(panel_cmd(p, stage, c, NULL, 0));
    return panel_send_rows(p, src, plane, 0, board_native_height(b), 0, board_native_stride(b));
}

static nws_panel_status ssd_sleep(nws_panel *p)
{
    /* mode 1; the panel keeps its image without power */
    return cmd1(p, "deep sleep", SSD_DEEP_SLEEP, 0x01);
}

static nws_panel_status ssd_update(const ssd_variant *v, nws_panel *p,
                                   const nws_panel_source *src, unsigned kind)
{
    if (kind == NWS_UPDATE_PARTIAL && !src->has_shown)
        kind = NWS_UPDATE_FULL;
    const nws_board *b = p->board;
    if (b->pack.bpp != 1 || board_native_stride(b) > 256 || board_native_height(b) > 512)
        return NWS_PANEL_EARG;
    if (kind == NWS_UPDATE_FAST && !v->fast_temperature)
        kind = NWS_UPDATE_FULL;
    PANEL_TRY(wake(p, v, kind));
    PANEL_TRY(send_ram(p, "new image", SSD_RAM_BW, src, NWS_PLANE_NEXT));
    PANEL_TRY(send_ram(p, "old image", SSD_RAM_RED, src,
                 src->has_shown ? NWS_PLANE_SHOWN : NWS_PLANE_NEXT));
    uint8_t seq = kind == NWS_UPDATE_PARTIAL ? SSD_SEQ_PARTIAL
                  : kind == NWS_UPDATE_FAST  ? SSD_SEQ_DISPLAY_LOADED
                                             : SSD_SEQ_FULL;
    PANEL_TRY(cmd1(p, "update sequence", SSD_UPDATE_CTRL2, seq));
    PANEL_TRY(panel_cmd(p, "display refresh", SSD_ACTIVATE, NULL, 0));
    uint32_t timeout = b->link.busy_timeout_ms ? b->link.busy_timeout_ms : 30000u;
    PANEL_TRY(wait(p, "display refresh", timeout));
    p->updates++;
    return ssd_sleep(p);
}

/* The whole RAM is loaded every time, so the window only matters to the
 * panel's own comparison of the two images (display mode 2). */
static nws_panel_status ssd1680_update(nws_panel *p, const nws_panel_source *src,
                                       const nws_panel_window *win, unsigned kind)
{
    (void)win;
    return ssd_update(&ssd1680, p, src, kind);
}

static nws_panel_status ssd1683_update(nws_panel *p, const nws_panel_source *src,
                                       const nws_panel_window *win, unsigned kind)
{
    (void)win;
    return ssd_update(&ssd1683, p, src, kind);
}

static nws_panel_status ssd_sleep_now(nws_panel *p)
{
    p->stage = "reset";
    if (p->bus.reset(p->bus.ctx, 2, 20) < 0)
        return NWS_PANEL_EBUS;
    PANEL_TRY(wait(p, "reset", SSD_SHORT_WAIT_MS));
    return ssd_sleep(p);
}

const nws_panel_driver nws_panel_ssd1680 = {
    .name = "SSD1680",
    .busy_level = 1,
    .update = ssd1680_update,
    .sleep = ssd_sleep_now,
};

const nws_panel_driver nws_panel_ssd1683 = {
    .name = "SSD1683",
    .busy_level = 1,
    .update = ssd1683_update,
    .sleep = ssd_sleep_now,
};
