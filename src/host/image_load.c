/* image_load.c -- image references to gray pixels (libpng, libjpeg). */
#include "image_load.h"


#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h> /* before jpeglib.h, which uses FILE */
#include <jpeglib.h>
#include <png.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "../core/fit.h"
#include "../app/diag.h"

static int failf(char *why, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int failf(char *why, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, cap, fmt, ap);
    va_end(ap);
    return IMAGE_FAILED;
}

void image_ctx_report(const image_ctx *ctx)
{
    if (ctx->remote)
        diag_warn(ctx->page_path, 0,
                  "%zu image%s on the web not fetched (newspack works offline; save the page "
                  "with its images to keep them)",
                  ctx->remote, ctx->remote == 1 ? "" : "s");
}

void image_place(image_ctx *ctx, nws_builder *b, const char *const *refs, size_t nrefs,
                 const char *caption, const char *alt, long line)
{
    /* A caption belongs to the picture; alt text stands in for it. */
    const char *shown = caption && *caption ? caption : alt;
    char why[256] = "", first_why[256] = "";
    int remote = 0, local_failed = 0, data_failed = 0;
    nwbuf bytes = {0};
    /* with --no-images (max_w 0) no reference is tried */
    for (size_t i = 0; i < nrefs && ctx->max_w; i++) {
        int rc = image_fetch(ctx->page_path, refs[i], &bytes, why, sizeof why);
        gray_image g;
        if (rc == IMAGE_REMOTE) {
            remote = 1;
            continue;
        }
        if (rc == IMAGE_OK)
            rc = image_decode(bytes.data, bytes.len, ctx->max_w, ctx->max_h, &g, why, sizeof why);
        if (rc == IMAGE_OK) {
            buf_free(&bytes);
            if (g.w < IMAGE_MIN_SIDE && g.h < IMAGE_MIN_SIDE) {
                gray_image_free(&g); /* a spacer or tracking pixel */
                builder_caption(b, shown);
                return;
            }
            builder_image(b, g.pix, (uint16_t)g.w, (uint16_t)g.h, shown);
            ctx->placed++;
            return;
        }
        if (strncasecmp(refs[i], "data:", 5) == 0)
            data_failed = 1; /* lazy-loading placeholders are often GIFs */
        else
            local_failed = 1;
        if (!first_why[0])
            snprintf(first_why, sizeof first_why, "%s", why);
    }
    buf_free(&bytes);
    if (remote && !local_failed) {
        /* Not fetched, not broken: a figure's caption still reads well,
         * alt text describing a picture nobody will see does not. */
        ctx->remote++;
        shown = caption;
    } else if (local_failed || data_failed) {
        ctx->failed++;
        diag_warn(ctx->page_path, (size_t)(line > 0 && !ctx->fragment ? line : 0), "image left out: %s%s",
                  first_why, shown && *shown ? "; its caption is kept" : "");
    }
    if (b->in_block && b->marker_written && shown && *shown) {
        /* in the middle of a paragraph: keep it whole, the alt text inline */
        builder_text(b, " [", 2);
        builder_text(b, shown, strlen(shown));
        builder_text(b, "] ", 2);
        return;
    }
    builder_caption(b, shown);
}

void gray_image_free(gray_image *g)
{
    free(g->pix);
    g->pix = NULL;
    g->w = g->h = 0;
}

/* --- references ------------------------------------------------------- */

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if ((c | 32) >= 'a' && (c | 32) <= 'f')
        return (c | 32) - 'a' + 10;
    return -1;
}

static void percent_decode(const char *s, size_t n, nwbuf *out)
{
    for (size_t i = 0; i < n; i++) {
        int h, l;
        if (s[i] == '%' && i + 2 < n && (h = hexval(s[i + 1])) >= 0 &&
            (l = hexval(s[i + 2])) >= 0) {
            buf_addc(out, (uint8_t)(h * 16 + l));
            i += 2;
        } else {
            buf_addc(out, (uint8_t)s[i]);
        }
    }
}

static int data_uri(const char *ref, nwbuf *out, char *why, size_t cap)
{
    const char *comma = strchr(ref, ',');
    if (!comma)
        return failf(why, cap, "data: URI without a comma");
    size_t head = (size_t)(comma - ref);
    int b64 = head >= 7 && strncasecmp(comma - 7, ";base64", 7) == 0;
    size_t n = strlen(comma + 1);
    if (b64)
        base64_decode_into(comma + 1, n, out);
    else
        percent_decode(comma + 1, n, out);
    return out->len ? IMAGE_OK : failf(why, cap, "empty data: URI");
}

static int read_file(const char *path, nwbuf *out, char *why, size_t cap)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return failf(why, cap, "%s: %s", path, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return failf(why, cap, "%s: not a regular file", path);
    if (st.st_size > (off_t)IMAGE_MAX_FILE)
        return failf(why, cap, "%s: larger than %u MiB", path, IMAGE_MAX_FILE >> 20);
    FILE *f = fopen(path, "rb");
    if (!f)
        return failf(why, cap, "%s: %s", path, strerror(errno));
    buf_reserve(out, (size_t)st.st_size + 1);
    out->len = fread(out->data, 1, (size_t)st.st_size, f);
    int err = ferror(f);
    fclose(f);
    if (err || out->len != (size_t)st.st_size)
        return failf(why, cap, "%s: read failed", path);
    return IMAGE_OK;
}

int image_fetch(const char *page_path, const char *ref, nwbuf *out, char *why, size_t cap)
{
    while (*ref == ' ' || *ref == '\t' || *ref == '\n' || *ref == '\r')
        ref++;
    out->len = 0;
    if (!*ref)
        return failf(why, cap, "empty image reference");
    if (strncasecmp(ref, "data:", 5) == 0)
        return data_uri(ref + 5, out, why, cap);
    if (strncasecmp(ref, "http:", 5) == 0 || strncasecmp(ref, "https:", 6) == 0 ||
        strncmp(ref, "//", 2) == 0 || ref[0] == '/')
        return IMAGE_REMOTE;
    nwbuf path = {0};
    size_t n = strcspn(ref, "?#");
    if (strncasecmp(ref, "file:", 5) == 0) {
        const char *p = ref + 5;
        if (strncmp(p, "//", 2) == 0) {
            p += 2;
            if (strncasecmp(p, "localhost/", 10) == 0)
                p += 9;
            else if (*p != '/') {
                return failf(why, cap, "file: URL names another host");
            }
        }
        percent_decode(p, n - (size_t)(p - ref), &path);
    } else {
        /* a scheme we do not know ("cid:", "blob:") is not a path */
        size_t scheme = strspn(ref, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ+-.");
        if (scheme > 1 && ref[scheme] == ':')
            return failf(why, cap, "%.*s: references are not supported", (int)scheme, ref);
        const char *slash = page_path ? strrchr(page_path, '/') : NULL;
        if (slash)
            buf_add(&path, page_path, (size_t)(slash - page_path) + 1);
        percent_decode(ref, n, &path);
    }
    buf_addc(&path, 0);
    int rc = read_file((const char *)path.data, out, why, cap);
    buf_free(&path);
    return rc;
}

/* --- decoding --------------------------------------------------------- */

static int decode_png(const uint8_t *data, size_t n, gray_image *out, char *why, size_t cap)
{
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&img, data, n))
        return failf(why, cap, "broken PNG (%s)", img.message);
    if ((uint64_t)img.width * img.height > IMAGE_MAX_PIXELS) {
        png_image_free(&img);
        return failf(why, cap, "PNG of %ux%u is too large", img.width, img.height);
    }
    img.format = PNG_FORMAT_GRAY; /* sRGB-encoded gray, alpha composed below */
    out->w = img.width;
    out->h = img.height;
    out->pix = malloc((size_t)img.width * img.height);
    if (!out->pix) {
        png_image_free(&img);
        return failf(why, cap, "out of memory for a %ux%u PNG", img.width, img.height);
    }
    png_color white = {255, 255, 255};
    if (!png_image_finish_read(&img, &white, out->pix, 0, NULL)) {
        gray_image_free(out);
        return failf(why, cap, "broken PNG (%s)", img.message);
    }
    return IMAGE_OK;
}

typedef struct jpeg_err {
    struct jpeg_error_mgr pub;
    jmp_buf jump;
    char msg[JMSG_LENGTH_MAX];
} jpeg_err;

static void jpeg_fatal(j_common_ptr cinfo)
{
    jpeg_err *e = (jpeg_err *)cinfo->err;
    e->pub.format_message(cinfo, e->msg);
    longjmp(e->jump, 1);
}

static void jpeg_quiet(j_common_ptr cinfo, int level)
{
    jpeg_err *e = (jpeg_err *)cinfo->err;
    /* Warnings (level -1) are counted: a truncated file is one. */
    if (level < 0) {
        if (!e->pub.num_warnings)
            e->pub.format_message(cinfo, e->msg);
        e->pub.num_warnings++;
    }
}

static int decode_jpeg(const uint8_t *data, size_t n, uint32_t max_w, gray_image *out, char *why,
                       size_t cap)
{
    struct jpeg_decompress_struct ci;
    jpeg_err err;
    uint8_t *volatile pix = NULL;
    uint8_t *volatile line = NULL;
    memset(&err, 0, sizeof err);
    ci.err = jpeg_std_error(&err.pub);
    err.pub.error_exit = jpeg_fatal;
    err.pub.emit_message = jpeg_quiet;
    if (setjmp(err.jump)) {
        free(pix);
        free(line);
        jpeg_destroy_decompress(&ci);
        return failf(why, cap, "broken JPEG (%s)", err.msg);
    }
    jpeg_create_decompress(&ci);
    jpeg_mem_src(&ci, data, (unsigned long)n);
    jpeg_read_header(&ci, TRUE);
    int cmyk = ci.jpeg_color_space == JCS_CMYK || ci.jpeg_color_space == JCS_YCCK;
    ci.out_color_space = cmyk ? JCS_CMYK : JCS_GRAYSCALE;
    /* libjpeg scales by 1/2, 1/4, 1/8 in the DCT almost for free: go as
     * small as still leaves the width the box filter wants. */
    ci.scale_num = 1;
    ci.scale_denom = 1;
    while (ci.scale_denom < 8 && ci.image_width / (ci.scale_denom * 2) >= max_w)
        ci.scale_denom *= 2;
    jpeg_calc_output_dimensions(&ci);
    if ((uint64_t)ci.output_width * ci.output_height > IMAGE_MAX_PIXELS) {
        snprintf(err.msg, sizeof err.msg, "%ux%u is too large", ci.output_width,
                 ci.output_height);
        longjmp(err.jump, 1);
    }
    jpeg_start_decompress(&ci);
    uint32_t w = ci.output_width, h = ci.output_height, comps = (uint32_t)ci.output_components;
    pix = malloc((size_t)w * h);
    line = malloc((size_t)w * comps);
    if (!pix || !line) {
        snprintf(err.msg, sizeof err.msg, "out of memory");
        longjmp(err.jump, 1);
    }
    while (ci.output_scanline < h) {
        JSAMPROW row = (JSAMPROW)line;
        uint32_t y = ci.output_scanline;
        if (jpeg_read_scanlines(&ci, &row, 1) != 1)
            break;
        if (!cmyk) {
            memcpy((uint8_t *)pix + (size_t)y * w, (const uint8_t *)line, w);
            continue;
        }
        /* Adobe writes CMYK inverted (0 = full ink); others do not. */
        for (uint32_t x = 0; x < w; x++) {
            const uint8_t *p = (const uint8_t *)line + 4 * x;
            unsigned c = p[0], m = p[1], yy = p[2], k = p[3];
            if (!ci.saw_Adobe_marker) {
                c = 255 - c;
                m = 255 - m;
                yy = 255 - yy;
                k = 255 - k;
            }
            unsigned r = c * k / 255, g = m * k / 255, b = yy * k / 255;
            pix[(size_t)y * w + x] = (uint8_t)((r * 299 + g * 587 + b * 114) / 1000);
        }
    }
    free(line);
    line = NULL;
    if (err.pub.num_warnings) {
        /* a cut-off file decodes into gray mush: better the alt text */
        longjmp(err.jump, 1);
    }
    jpeg_finish_decompress(&ci);
    jpeg_destroy_decompress(&ci);
    out->pix = pix;
    out->w = w;
    out->h = h;
    return IMAGE_OK;
}

void image_scale(const gray_image *src, uint32_t dw, uint32_t dh, gray_image *dst)
{
    dst->w = dw;
    dst->h = dh;
    dst->pix = xmalloc((size_t)dw * dh);
    uint32_t *acc = xcalloc(dw, sizeof *acc);
    uint32_t *x0 = xmalloc((dw + 1) * sizeof *x0);
    for (uint32_t x = 0; x <= dw; x++)
        x0[x] = (uint32_t)((uint64_t)x * src->w / dw);
    for (uint32_t y = 0; y < dh; y++) {
        uint32_t ya = (uint32_t)((uint64_t)y * src->h / dh);
        uint32_t yb = (uint32_t)((uint64_t)(y + 1) * src->h / dh);
        if (yb <= ya)
            yb = ya + 1;
        memset(acc, 0, dw * sizeof *acc);
        for (uint32_t sy = ya; sy < yb; sy++) {
            const uint8_t *row = src->pix + (size_t)sy * src->w;
            for (uint32_t x = 0; x < dw; x++) {
                uint32_t xb = x0[x + 1] > x0[x] ? x0[x + 1] : x0[x] + 1;
                for (uint32_t sx = x0[x]; sx < xb; sx++)
                    acc[x] += row[sx];
            }
        }
        for (uint32_t x = 0; x < dw; x++) {
            uint32_t xb = x0[x + 1] > x0[x] ? x0[x + 1] : x0[x] + 1;
            uint32_t n = (xb - x0[x]) * (yb - ya);
            dst->pix[(size_t)y * dw + x] = (uint8_t)((acc[x] + n / 2) / n);
        }
    }
    free(acc);
    free(x0);
}

static int looks_svg(const uint8_t *d, size_t n)
{
    for (size_t i = 0; i + 4 <= n && i < 512; i++)
        if (memcmp(d + i, "<svg", 4) == 0)
            return 1;
    return 0;
}

int image_decode(const uint8_t *data, size_t n, uint32_t max_w, uint32_t max_h,
                 gray_image *out, char *why, size_t cap)
{
    gray_image full = {0};
    int rc;
    memset(out, 0, sizeof *out);
    if (n >= 8 && memcmp(data, "\x89PNG\r\n\x1a\n", 8) == 0)
        rc = decode_png(data, n, &full, why, cap);
    else if (n >= 3 && memcmp(data, "\xFF\xD8\xFF", 3) == 0)
        rc = decode_jpeg(data, n, max_w, &full, why, cap);
    else if (n >= 6 && (memcmp(data, "GIF87a", 6) == 0 || memcmp(data, "GIF89a", 6) == 0))
        return failf(why, cap, "GIF is not supported (PNG and JPEG are)");
    else if (n >= 12 && memcmp(data, "RIFF", 4) == 0 && memcmp(data + 8, "WEBP", 4) == 0)
        return failf(why, cap, "WebP is not supported (PNG and JPEG are)");
    else if (looks_svg(data, n))
        return failf(why, cap, "SVG is not supported (PNG and JPEG are)");
    else
        return failf(why, cap, "not a PNG or JPEG image");
    if (rc != IMAGE_OK)
        return rc;
    uint32_t w = full.w, h = full.h;
    nws_fit_within(&w, &h, max_w, max_h);
    if (w == full.w && h == full.h) {
        *out = full;
        return IMAGE_OK;
    }
    image_scale(&full, w, h, out);
    gray_image_free(&full);
    return IMAGE_OK;
}
