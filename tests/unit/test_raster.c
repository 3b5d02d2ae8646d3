/* test_raster.c -- the integer glyph rasterizer and panel windows. */
#include <stdlib.h>

#include "../../src/font/raster.h"
#include "../../src/panel/panel.h"
#include "test.h"

#include FT_OUTLINE_H

static uint8_t identity[256];

static void init_identity(void)
{
    for (int i = 0; i < 256; i++)
        identity[i] = (uint8_t)i;
}

/* One closed polygon, points in 26.6. */
static void polygon(FT_Outline *o, FT_Vector *pts, char *tags, short *ends, int n)
{
    for (int i = 0; i < n; i++)
        tags[i] = FT_CURVE_TAG_ON;
    ends[0] = (short)(n - 1);
    o->n_points = (short)n;
    o->n_contours = 1;
    o->points = pts;
    o->tags = tags;
    o->contours = ends;
    o->flags = 0;
}

static int render(FT_Outline *o, raster_box_t *box, uint8_t *out, size_t cells)
{
    int32_t *work = malloc(cells * sizeof *work);
    raster_box(o, box);
    int rc = raster_outline(o, box, work, cells, identity, out);
    free(work);
    return rc;
}

static void raster_square_is_solid(void)
{
    init_identity();
    FT_Vector p[4] = {{2 * 64, 2 * 64}, {6 * 64, 2 * 64}, {6 * 64, 7 * 64}, {2 * 64, 7 * 64}};
    char tags[4];
    short ends[1];
    FT_Outline o;
    polygon(&o, p, tags, ends, 4);
    raster_box_t box;
    uint8_t out[64];
    CHECK_INT(render(&o, &box, out, 256), 0);
    CHECK_INT(box.left, 2);
    CHECK_INT(box.top, 7);
    CHECK_INT(box.width, 4);
    CHECK_INT(box.rows, 5);
    int solid = 1;
    for (unsigned i = 0; i < box.width * box.rows; i++)
        solid &= out[i] == 255;
    CHECK(solid);
    /* the other winding fills the same */
    FT_Vector q[4] = {p[3], p[2], p[1], p[0]};
    polygon(&o, q, tags, ends, 4);
    uint8_t out2[64];
    CHECK_INT(render(&o, &box, out2, 256), 0);
    CHECK(memcmp(out, out2, box.width * box.rows) == 0);
}

static void raster_half_pixels_and_bands(void)
{
    init_identity();
    /* x from 2.5 to 6.5, y from 1 to 5: the outer columns half covered */
    FT_Vector p[4] = {{160, 64}, {416, 64}, {416, 320}, {160, 320}};
    char tags[4];
    short ends[1];
    FT_Outline o;
    polygon(&o, p, tags, ends, 4);
    raster_box_t box;
    uint8_t big[64], small[64];
    CHECK_INT(render(&o, &box, big, 1024), 0);
    CHECK_INT(box.width, 5);
    CHECK(big[0] >= 127 && big[0] <= 128);
    CHECK_INT(big[1], 255);
    CHECK(big[4] >= 127 && big[4] <= 128);
    /* one row per band: the same pixels */
    CHECK_INT(render(&o, &box, small, box.width + 2), 0);
    CHECK(memcmp(big, small, box.width * box.rows) == 0);
    CHECK_INT(render(&o, &box, small, box.width + 1), -1); /* no room for one row */
}

static void raster_triangle_area(void)
{
    init_identity();
    /* right triangle, legs 40 px: area 800 px^2 */
    FT_Vector p[3] = {{0, 0}, {40 * 64, 0}, {0, 40 * 64}};
    char tags[3];
    short ends[1];
    FT_Outline o;
    polygon(&o, p, tags, ends, 3);
    raster_box_t box;
    uint8_t *out = malloc(40 * 40);
    CHECK_INT(render(&o, &box, out, 512), 0);
    long sum = 0;
    for (unsigned i = 0; i < box.width * box.rows; i++)
        sum += out[i];
    CHECK(labs(sum - 800L * 255) < 800L * 255 / 100);
    /* the diagonal pixels are half covered */
    CHECK(out[39 * 40 + 0] >= 250);
    CHECK_INT(out[20 * 40 + 19], 255);
    CHECK(out[19 * 40 + 19] >= 125 && out[19 * 40 + 19] <= 130);
    free(out);
}

static void panel_windows_are_native_and_byte_aligned(void)
{
    const nws_board *b = board_find("waveshare-7in5-v2");
    nws_panel_window w;
    CHECK_INT(panel_window(b, 13, 20, 30, 10, &w), 0);
    CHECK_INT(w.x, 8);
    CHECK_INT(w.w, 40);
    CHECK_INT(w.y, 20);
    CHECK_INT(w.h, 10);
    /* 2.13": the reading view turned 90 degrees onto the portrait RAM */
    const nws_board *s = board_find("waveshare-2in13-v4");
    CHECK_INT(panel_window(s, 0, 0, 250, 122, &w), 0);
    CHECK_INT(w.x, 0);
    CHECK_INT(w.w, 128); /* 122 sources padded to 16 bytes */
    CHECK_INT(w.y, 0);
    CHECK_INT(w.h, 250);
    CHECK_INT(panel_window(s, 10, 100, 5, 22, &w), 0);
    CHECK_INT(w.x, 0); /* native x = 121 - y: 0..21 -> bytes 0..2 */
    CHECK_INT(w.w, 24);
    CHECK_INT(w.y, 10);
    CHECK_INT(w.h, 5);
    CHECK_INT(panel_window(s, 300, 0, 5, 5, &w), -1);
}

const test_case raster_tests[] = {
    {"raster_square_is_solid", raster_square_is_solid},
    {"raster_half_pixels_and_bands", raster_half_pixels_and_bands},
    {"raster_triangle_area", raster_triangle_area},
    {"panel_windows_are_native_and_byte_aligned", panel_windows_are_native_and_byte_aligned},
    {NULL, NULL}};
