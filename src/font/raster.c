/* raster.c -- anti-aliased glyph coverage from a FreeType outline, in
 * integers only, so that every CPU draws the same pixels.
 *
 * Why not FT_Render_Glyph: FreeType's smooth rasterizer (ftgrays.c)
 * replaces divisions by multiplications with reciprocals computed in
 * `long`, whose width differs between 32-bit (armhf) and 64-bit
 * machines; the hinted outlines are identical everywhere but the coverage
 * of a few edge pixels is not.  The device promise is the same page on
 * every CPU, so the outline is rasterized here with exact 64-bit
 * arithmetic.
 *
 * Method: signed area accumulation.  Coordinates are in 1/256 pixel, y
 * down.  Each line of the flattened outline adds, per pixel cell it
 * crosses, its height times the part of the cell to its right into that
 * cell and the rest into the next; a running sum along each row is then
 * the winding-weighted coverage (nonzero rule, clamped).  The glyph is
 * done in bands of rows so the work buffer stays small. */
#include "raster.h"

#include <string.h>

#include FT_OUTLINE_H

#define ONE 256           /* subpixel units per pixel */
#define FLAT_LIMIT 32     /* curve flatness: 1/8 pixel */
#define MAX_STEPS 64

typedef struct band {
    int32_t *acc;
    uint32_t stride;      /* width + 2 cells */
    int32_t y0, y1;       /* band rows [y0, y1) in subpixels */
    int32_t width;        /* pixels */
    FT_Pos ox, oy;        /* outline origin: left and top, in 26.6 */
    int32_t cx, cy;       /* current point, subpixels */
    int32_t sx, sy;       /* contour start */
} band;

static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

/* One piece inside one cell: x from px0 to px1 (relative to the cell's
 * left edge, 0..ONE), height dy (signed). */
static void cell(band *b, int32_t row, int32_t c, int32_t px0, int32_t px1, int32_t dy)
{
    if (c < 0) {
        /* left of the bitmap: all of it covers what lies to the right */
        c = -1;
        px0 = px1 = 0;
    }
    if (c >= b->width)
        return; /* right of the bitmap: covers nothing inside */
    int32_t *r = b->acc + (size_t)row * b->stride + 1; /* r[-1] exists */
    int32_t mid2 = px0 + px1;                          /* twice the mean x */
    r[c] += dy * (2 * ONE - mid2);
    r[c + 1] += dy * mid2;
}

/* A line inside one row of the band: from (xa, ya) to (xb, yb), ya < yb
 * within the row; dir is the winding direction. */
static void row_line(band *b, int32_t row, int32_t xa, int32_t ya, int32_t xb, int32_t yb, int dir)
{
    int32_t lo = xa < xb ? xa : xb, hi = xa < xb ? xb : xa;
    /* an end exactly on a cell's left edge belongs to the cell before */
    int32_t c0 = (int32_t)floor_div(lo, ONE);
    int32_t c1 = hi > lo ? (int32_t)floor_div(hi - 1, ONE) : c0;
    if (c0 == c1) {
        cell(b, row, c0, xa - c0 * ONE, xb - c0 * ONE, dir * (yb - ya));
        return;
    }
    /* Across cells, y at each boundary exactly interpolated: the pieces'
     * heights add up to the whole by construction. */
    int step = xb > xa ? 1 : -1;
    int64_t dx = (int64_t)xb - xa, dyl = (int64_t)yb - ya;
    int32_t x = xa, y = ya, c = step > 0 ? c0 : c1;
    for (;;) {
        int last = step > 0 ? c == c1 : c == c0;
        int32_t nx = last ? xb : step > 0 ? (c + 1) * ONE : c * ONE;
        int32_t ny = last ? yb : (int32_t)(ya + floor_div(dyl * ((int64_t)nx - xa), dx));
        cell(b, row, c, x - c * ONE, nx - c * ONE, dir * (ny - y));
        if (last)
            return;
        x = nx;
        y = ny;
        c += step;
    }
}

static void line(band *b, int32_t x0, int32_t y0, int32_t x1, int32_t y1)
{
    if (y0 == y1)
        return;
    int dir = 1;
    if (y0 > y1) {
        int32_t t = x0;
        x0 = x1;
        x1 = t;
        t = y0;
        y0 = y1;
        y1 = t;
        dir = -1;
    }
    int32_t ys = y0 > b->y0 ? y0 : b->y0, ye = y1 < b->y1 ? y1 : b->y1;
    if (ys >= ye)
        return;
    int64_t dx = (int64_t)x1 - x0, dy = (int64_t)y1 - y0;
    for (int32_t r = (int32_t)floor_div(ys, ONE); r * ONE < ye; r++) {
        int32_t ry0 = r * ONE > ys ? r * ONE : ys;
        int32_t ry1 = (r + 1) * ONE < ye ? (r + 1) * ONE : ye;
        int32_t xa = (int32_t)(x0 + floor_div(dx * ((int64_t)ry0 - y0), dy));
        int32_t xb = (int32_t)(x0 + floor_div(dx * ((int64_t)ry1 - y0), dy));
        row_line(b, r - b->y0 / ONE, xa, ry0, xb, ry1, dir);
    }
}

/* 26.6, y up -> subpixels, y down, relative to the bitmap. */
static void to_sub(const band *b, const FT_Vector *v, int32_t *x, int32_t *y)
{
    *x = (int32_t)((v->x - b->ox) * (ONE / 64));
    *y = (int32_t)((b->oy - v->y) * (ONE / 64));
}

static int32_t iabs32(int32_t v)
{
    return v < 0 ? -v : v;
}

/* Segments for a curve whose second differences are d: each halving of
 * the step quarters them. */
static int64_t steps_for(int32_t d)
{
    int64_t n = 1;
    while (d > FLAT_LIMIT && n < MAX_STEPS) {
        d >>= 2;
        n <<= 1;
    }
    return n;
}

static int move_to(const FT_Vector *to, void *user)
{
    band *b = user;
    if (b->cx != b->sx || b->cy != b->sy)
        line(b, b->cx, b->cy, b->sx, b->sy); /* close the previous contour */
    to_sub(b, to, &b->cx, &b->cy);
    b->sx = b->cx;
    b->sy = b->cy;
    return 0;
}

static int line_to(const FT_Vector *to, void *user)
{
    band *b = user;
    int32_t x, y;
    to_sub(b, to, &x, &y);
    line(b, b->cx, b->cy, x, y);
    b->cx = x;
    b->cy = y;
    return 0;
}

/* A quadratic (degree 2) or cubic (3) Bézier from xs[0], ys[0] as lines
 * at n equal steps of t, every point exact to the subpixel: Bernstein
 * weights in 64-bit integers over n^degree. */
static void bezier(band *b, const int32_t *xs, const int32_t *ys, int degree)
{
    static const int64_t binom[2][4] = {{1, 2, 1, 0}, {1, 3, 3, 1}};
    const int64_t *c = binom[degree - 2];
    int32_t d = 0;
    for (int k = 0; k + 2 <= degree; k++) {
        int32_t ex = iabs32(xs[k] - 2 * xs[k + 1] + xs[k + 2]);
        int32_t ey = iabs32(ys[k] - 2 * ys[k + 1] + ys[k + 2]);
        d = ex > d ? ex : d;
        d = ey > d ? ey : d;
    }
    int64_t n = steps_for(d), den = degree == 2 ? n * n : n * n * n;
    int32_t px = xs[0], py = ys[0];
    for (int64_t i = 1; i <= n; i++) {
        int64_t a = n - i, sx = 0, sy = 0;
        for (int k = 0; k <= degree; k++) {
            int64_t w = c[k];
            for (int e = 0; e < degree - k; e++)
                w *= a;
            for (int e = 0; e < k; e++)
                w *= i;
            sx += w * xs[k];
            sy += w * ys[k];
        }
        int32_t x = (int32_t)floor_div(sx, den), y = (int32_t)floor_div(sy, den);
        line(b, px, py, x, y);
        px = x;
        py = y;
    }
    b->cx = xs[degree];
    b->cy = ys[degree];
}

static int conic_to(const FT_Vector *control, const FT_Vector *to, void *user)
{
    band *b = user;
    int32_t xs[3] = {b->cx}, ys[3] = {b->cy};
    to_sub(b, control, &xs[1], &ys[1]);
    to_sub(b, to, &xs[2], &ys[2]);
    bezier(b, xs, ys, 2);
    return 0;
}

static int cubic_to(const FT_Vector *c1, const FT_Vector *c2, const FT_Vector *to, void *user)
{
    band *b = user;
    int32_t xs[4] = {b->cx}, ys[4] = {b->cy};
    to_sub(b, c1, &xs[1], &ys[1]);
    to_sub(b, c2, &xs[2], &ys[2]);
    to_sub(b, to, &xs[3], &ys[3]);
    bezier(b, xs, ys, 3);
    return 0;
}

void raster_box(const FT_Outline *o, raster_box_t *box)
{
    FT_BBox cb;
    FT_Outline_Get_CBox(o, &cb);
    box->left = (int32_t)(cb.xMin >> 6);
    box->top = (int32_t)((cb.yMax + 63) >> 6);
    int32_t right = (int32_t)((cb.xMax + 63) >> 6), bottom = (int32_t)(cb.yMin >> 6);
    box->width = o->n_points ? (uint32_t)(right - box->left) : 0;
    box->rows = o->n_points ? (uint32_t)(box->top - bottom) : 0;
}

int raster_outline(const FT_Outline *o, const raster_box_t *box, int32_t *work, size_t work_cells,
                   const uint8_t map[256], uint8_t *out)
{
    static const FT_Outline_Funcs funcs = {move_to, line_to, conic_to, cubic_to, 0, 0};
    band b;
    memset(&b, 0, sizeof b);
    b.width = (int32_t)box->width;
    b.stride = box->width + 2;
    b.ox = (FT_Pos)box->left * 64;
    b.oy = (FT_Pos)box->top * 64;
    b.acc = work;
    uint32_t band_rows = (uint32_t)(work_cells / b.stride);
    if (!box->width || !box->rows)
        return 0;
    if (band_rows == 0)
        return -1;
    for (uint32_t r0 = 0; r0 < box->rows; r0 += band_rows) {
        uint32_t n = box->rows - r0 < band_rows ? box->rows - r0 : band_rows;
        memset(work, 0, (size_t)n * b.stride * sizeof *work);
        b.y0 = (int32_t)r0 * ONE;
        b.y1 = (int32_t)(r0 + n) * ONE;
        b.cx = b.cy = b.sx = b.sy = 0;
        if (FT_Outline_Decompose((FT_Outline *)o, &funcs, &b) != 0)
            return -1;
        if (b.cx != b.sx || b.cy != b.sy)
            line(&b, b.cx, b.cy, b.sx, b.sy);
        for (uint32_t y = 0; y < n; y++) {
            const int32_t *r = work + (size_t)y * b.stride;
            uint8_t *dst = out + (size_t)(r0 + y) * box->width;
            int32_t sum = r[0]; /* what lies left of the bitmap */
            for (uint32_t x = 0; x < box->width; x++) {
                sum += r[x + 1];
                int32_t a = sum < 0 ? -sum : sum;
                /* full coverage is ONE * 2 * ONE */
                uint32_t v = (uint32_t)a >> 9;
                dst[x] = map[v > 255 ? 255 : v];
            }
        }
    }
    return 0;
}
