/* linuxfb.c -- a Linux framebuffer with an i.MX EPDC behind it (Kobo,
 * Kindle; PocketBook-class readers have the same shape).
 *
 * The screen info decides the pixel format, not the board: 8-bit gray
 * (possibly inverted), RGB565 or 32-bit RGB, rows line_length bytes apart
 * (the EPDC pads them), the visible area at (xoffset, yoffset).  A
 * framebuffer in landscape under a portrait board (or the other way) is
 * drawn turned by 90 degrees.  Each screen goes out as one
 * MXCFB_SEND_UPDATE for the changed rectangle with the policy's waveform;
 * flashing updates are waited for, so the next page never lands on a
 * panel still inverting. */
#include "display.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/fb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "mxcfb.h"

#define ERR(d, ...) snprintf((d)->err, sizeof (d)->err, __VA_ARGS__)

/* --- e-ink ioctls, one entry per ABI (board.h NWS_FB_ABI_*) ---------------- */

typedef struct fb_abi {
    const char *name;
    int (*send)(nws_display *d, const nws_mxcfb_rect *r, uint32_t waveform, int full,
                uint32_t marker);
} fb_abi;

static int send_kobo(nws_display *d, const nws_mxcfb_rect *r, uint32_t waveform, int full,
                     uint32_t marker)
{
    nws_mxcfb_update_kobo u;
    memset(&u, 0, sizeof u);
    u.update_region = *r;
    u.waveform_mode = waveform;
    u.update_mode = full ? NWS_MXCFB_UPDATE_FULL : NWS_MXCFB_UPDATE_PARTIAL;
    u.update_marker = marker;
    u.temp = NWS_MXCFB_TEMP_AMBIENT;
    return d->sys->ioctl(d->sys->ctx, d->fb.fd, NWS_MXCFB_SEND_UPDATE_KOBO, &u);
}

static int send_rex(nws_display *d, const nws_mxcfb_rect *r, uint32_t waveform, int full,
                    uint32_t marker)
{
    nws_mxcfb_update_rex u;
    memset(&u, 0, sizeof u);
    u.update_region = *r;
    u.waveform_mode = waveform;
    u.update_mode = full ? NWS_MXCFB_UPDATE_FULL : NWS_MXCFB_UPDATE_PARTIAL;
    u.update_marker = marker;
    u.temp = NWS_MXCFB_TEMP_AMBIENT;
    /* the kernel reads these for its auto-waveform path; fill them as
     * the vendor's own reader does */
    u.hist_bw_waveform_mode = 1;   /* DU */
    u.hist_gray_waveform_mode = 2; /* GC16 */
    return d->sys->ioctl(d->sys->ctx, d->fb.fd, NWS_MXCFB_SEND_UPDATE_REX, &u);
}

static const fb_abi abis[] = {
    [NWS_FB_ABI_NONE] = {"plain framebuffer", NULL},
    [NWS_FB_ABI_KOBO_MARK7] = {"Kobo mxcfb", send_kobo},
    [NWS_FB_ABI_KINDLE_REX] = {"Kindle mxcfb", send_rex},
};

static int wait_marker(nws_display *d, uint32_t marker)
{
    if (d->board->link.fb_abi == NWS_FB_ABI_NONE || !marker)
        return 0;
    nws_mxcfb_marker m = {marker, 0};
    if (d->sys->ioctl(d->sys->ctx, d->fb.fd, NWS_MXCFB_WAIT_FOR_UPDATE_COMPLETE, &m) < 0) {
        ERR(d, "%s: waiting for update %u: %s", d->device, marker, strerror(errno));
        return -1;
    }
    return 0;
}

/* --- pixels ------------------------------------------------------------------ */

/* What the screen stores for each gray: worked out once at open, as the
 * screen info describes its channels, so a pixel costs a lookup. */
static void pixel_table(nws_display_fb *f, const struct fb_var_screeninfo *var)
{
    const struct fb_bitfield *bf[4] = {&var->red, &var->green, &var->blue, &var->transp};
    for (unsigned g = 0; g < 256; g++) {
        uint32_t v = 0;
        if (f->bpp == 8) {
            /* mxcfb: GRAYSCALE_8BIT_INVERTED (2) means 0 is white */
            v = var->grayscale == 2 ? 255u - g : g;
        } else {
            for (int c = 0; c < 3; c++) {
                uint32_t len = bf[c]->length > 8 ? 8 : bf[c]->length;
                v |= (g >> (8u - len)) << bf[c]->offset;
            }
            if (bf[3]->length)
                v |= ((1u << (bf[3]->length > 8 ? 8 : bf[3]->length)) - 1u) << bf[3]->offset;
        }
        f->pixel[g] = v;
    }
}

static void put(nws_display_fb *f, uint32_t fx, uint32_t fy, uint8_t g)
{
    uint8_t *at = f->mem + (size_t)(fy + f->yoffset) * f->line_length +
                  (size_t)(fx + f->xoffset) * (f->bpp / 8u);
    uint32_t v = f->pixel[g];
    switch (f->bpp) {
    case 8: *at = (uint8_t)v; break;
    case 16: {
        uint16_t h = (uint16_t)v;
        memcpy(at, &h, 2);
        break;
    }
    default: memcpy(at, &v, 4);
    }
}

/* Reading (x, y) -> framebuffer; turned: clockwise, as the board's own
 * rotation would be. */
static void to_fb(const nws_display *d, uint32_t x, uint32_t y, uint32_t *fx, uint32_t *fy)
{
    if (d->fb.turned) {
        *fx = d->board->height - 1 - y;
        *fy = x;
    } else {
        *fx = x;
        *fy = y;
    }
}

/* --- backend ------------------------------------------------------------------ */

static int fb_open(nws_display *d)
{
    const nws_sys *s = d->sys;
    nws_display_fb *f = &d->fb;
    const nws_board *b = d->board;
    f->fd = s->open(s->ctx, d->device, O_RDWR);
    if (f->fd < 0) {
        ERR(d, "%s: cannot open the framebuffer: %s", d->device, strerror(errno));
        return -1;
    }
    struct fb_var_screeninfo var;
    struct fb_fix_screeninfo fix;
    memset(&var, 0, sizeof var);
    memset(&fix, 0, sizeof fix);
    if (s->ioctl(s->ctx, f->fd, FBIOGET_VSCREENINFO, &var) < 0 ||
        s->ioctl(s->ctx, f->fd, FBIOGET_FSCREENINFO, &fix) < 0) {
        ERR(d, "%s: not a framebuffer (screen info: %s)", d->device, strerror(errno));
        return -1;
    }
    f->xres = var.xres;
    f->yres = var.yres;
    f->bpp = var.bits_per_pixel;
    f->line_length = fix.line_length;
    f->xoffset = var.xoffset;
    f->yoffset = var.yoffset;
    const char *why = NULL;
    if (f->bpp != 8 && f->bpp != 16 && f->bpp != 32)
        why = "only 8, 16 and 32 bits per pixel are supported";
    else if (f->bpp == 8 && var.grayscale != 1 && var.grayscale != 2)
        why = "an 8-bit framebuffer that is not gray (a palette)";
    else if (f->bpp > 8 && (var.red.length == 0 || var.red.length > 8 || var.green.length == 0 ||
                            var.green.length > 8 || var.blue.length == 0 || var.blue.length > 8))
        why = "colour channels the reader cannot fill";
    else if (f->line_length < (uint64_t)(var.xres + var.xoffset) * f->bpp / 8u)
        why = "rows shorter than the visible width";
    if (!why) {
        if (f->xres >= b->width && f->yres >= b->height)
            f->turned = 0;
        else if (f->xres >= b->height && f->yres >= b->width)
            f->turned = 1;
        else
            why = "smaller than the board's page";
    }
    if (why) {
        ERR(d, "%s: unexpected framebuffer format %ux%u, %u bpp, grayscale %u, line_length %u: "
               "%s (board %s is %ux%u)", d->device, var.xres, var.yres, var.bits_per_pixel,
            var.grayscale, fix.line_length, why, b->name, b->width, b->height);
        return -1;
    }
    pixel_table(f, &var);
    f->len = (size_t)f->line_length * (var.yres + var.yoffset);
    if (fix.smem_len && fix.smem_len < f->len) {
        ERR(d, "%s: framebuffer memory (%u bytes) smaller than its screen", d->device,
            fix.smem_len);
        return -1;
    }
    void *m = s->mmap(s->ctx, f->len, f->fd);
    if (m == MAP_FAILED) {
        ERR(d, "%s: cannot map the framebuffer: %s", d->device, strerror(errno));
        return -1;
    }
    f->mem = m;
    f->before = malloc(f->len);
    if (!f->before) {
        ERR(d, "%s: out of memory", d->device);
        return -1;
    }
    memcpy(f->before, f->mem, f->len);
    return 0;
}

static int fb_send(nws_display *d, uint32_t x, uint32_t y, uint32_t w, uint32_t h,
                   uint32_t waveform, int full)
{
    const fb_abi *abi = &abis[d->board->link.fb_abi];
    if (!abi->send)
        return 0; /* a plain framebuffer shows what is written */
    nws_mxcfb_rect r = {.top = y + d->fb.yoffset, .left = x + d->fb.xoffset, .width = w,
                        .height = h};
    uint32_t marker = d->fb.marker + 1 ? d->fb.marker + 1 : 1;
    if (abi->send(d, &r, waveform, full, marker) < 0) {
        ERR(d, "%s: %s update (waveform %u, %ux%u at %u,%u) refused: %s", d->device, abi->name,
            waveform, w, h, x, y, strerror(errno));
        return -1;
    }
    d->fb.marker = marker;
    return full ? wait_marker(d, marker) : 0;
}

static int fb_show(nws_display *d, const uint8_t *native, const uint8_t *gray,
                   const nws_refresh *rf)
{
    (void)native;
    const nws_board *b = d->board;
    const nws_rect *r = &rf->rect;
    if (!r->w || !r->h)
        return 0;
    for (uint32_t y = r->y; y < r->y + r->h; y++)
        for (uint32_t x = r->x; x < r->x + r->w; x++) {
            uint32_t fx, fy;
            to_fb(d, x, y, &fx, &fy);
            put(&d->fb, fx, fy, gray[(size_t)y * b->width + x]);
        }
    uint32_t fx, fy, fw = r->w, fh = r->h;
    if (d->fb.turned) {
        to_fb(d, r->x, r->y + r->h - 1, &fx, &fy);
        fw = r->h;
        fh = r->w;
    } else {
        fx = r->x;
        fy = r->y;
    }
    return fb_send(d, fx, fy, fw, fh, rf->mode->hw, rf->full);
}

static int fb_restore(nws_display *d)
{
    nws_display_fb *f = &d->fb;
    if (!f->mem || !f->before)
        return 0;
    memcpy(f->mem, f->before, f->len);
    /* the first mode is the board's flashing full-screen one by convention
     * (board.h); look for one rather than trust the order */
    uint32_t waveform = d->board->modes[0].hw;
    for (int i = 0; i < NWS_BOARD_MAX_MODES && d->board->modes[i].name; i++)
        if (d->board->modes[i].flashing) {
            waveform = d->board->modes[i].hw;
            break;
        }
    return fb_send(d, 0, 0, f->xres, f->yres, waveform, 1);
}

static void fb_close(nws_display *d)
{
    nws_display_fb *f = &d->fb;
    if (f->mem)
        d->sys->munmap(d->sys->ctx, f->mem, f->len);
    if (f->fd >= 0)
        d->sys->close(d->sys->ctx, f->fd);
    free(f->before);
    memset(f, 0, sizeof *f);
    f->fd = -1;
}

const nws_display_ops nws_display_linuxfb = {
    .wants_gray = 1, /* the screen's own format is filled from gray */
    .open = fb_open, .show = fb_show, .restore = fb_restore, .close = fb_close,
};
