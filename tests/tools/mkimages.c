/* mkimages.c -- test pictures for the image tests, made with libpng and
 * libjpeg so that no binary files need committing.  Usage: mkimages DIR
 * Writes photo.png (RGBA with a soft-edged disc over a gradient),
 * photo.jpg (RGB), gray.jpg (grayscale), cmyk.jpg (Adobe CMYK), tiny.png
 * (1x1), cut.jpg (photo.jpg cut in half) and fake.gif. */
#include <math.h>
#include <stdint.h>
#include <stdio.h> /* before jpeglib.h */
#include <jpeglib.h>
#include <png.h>
#include <stdlib.h>
#include <string.h>

/* A smooth scene: gradient sky, a darker disc, stripes at the bottom. */
static void scene(uint32_t x, uint32_t y, uint32_t w, uint32_t h, uint8_t rgb[3], uint8_t *alpha)
{
    double fx = (double)x / w, fy = (double)y / h;
    double dx = fx - 0.35, dy = fy - 0.45;
    double d = sqrt(dx * dx + dy * dy);
    double v = 235 - 120 * fy;
    if (d < 0.22)
        v = 60 + 80 * fx;
    if (fy > 0.8)
        v = ((x / 16) & 1) ? 30 : 200;
    rgb[0] = (uint8_t)v;
    rgb[1] = (uint8_t)(v * 0.9);
    rgb[2] = (uint8_t)(v * 0.8);
    if (alpha)
        *alpha = fx > 0.9 ? (uint8_t)(255 * (1 - fx) * 10) : 255;
}

static int write_png(const char *path, uint32_t w, uint32_t h)
{
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    img.width = w;
    img.height = h;
    img.format = PNG_FORMAT_RGBA;
    uint8_t *px = malloc((size_t)w * h * 4);
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++) {
            uint8_t *p = px + ((size_t)y * w + x) * 4;
            scene(x, y, w, h, p, p + 3);
        }
    int ok = png_image_write_to_file(&img, path, 0, px, 0, NULL);
    free(px);
    return ok ? 0 : -1;
}

static int write_jpeg(const char *path, uint32_t w, uint32_t h, J_COLOR_SPACE cs)
{
    struct jpeg_compress_struct ci;
    struct jpeg_error_mgr err;
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    ci.err = jpeg_std_error(&err);
    jpeg_create_compress(&ci);
    jpeg_stdio_dest(&ci, f);
    ci.image_width = w;
    ci.image_height = h;
    ci.input_components = cs == JCS_GRAYSCALE ? 1 : cs == JCS_CMYK ? 4 : 3;
    ci.in_color_space = cs;
    jpeg_set_defaults(&ci);
    jpeg_set_quality(&ci, 85, TRUE);
    jpeg_start_compress(&ci, TRUE);
    uint8_t *row = malloc((size_t)w * 4);
    while (ci.next_scanline < h) {
        for (uint32_t x = 0; x < w; x++) {
            uint8_t rgb[3];
            scene(x, ci.next_scanline, w, h, rgb, NULL);
            if (cs == JCS_GRAYSCALE) {
                row[x] = rgb[0];
            } else if (cs == JCS_CMYK) {
                /* Adobe's inverted CMYK: 255 means no ink */
                row[4 * x] = rgb[0];
                row[4 * x + 1] = rgb[1];
                row[4 * x + 2] = rgb[2];
                row[4 * x + 3] = 255;
            } else {
                memcpy(row + 3 * x, rgb, 3);
            }
        }
        JSAMPROW r = row;
        jpeg_write_scanlines(&ci, &r, 1);
    }
    jpeg_finish_compress(&ci);
    jpeg_destroy_compress(&ci);
    free(row);
    return fclose(f) == 0 ? 0 : -1;
}

static int write_bytes(const char *path, const void *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    size_t w = fwrite(p, 1, n, f);
    return fclose(f) == 0 && w == n ? 0 : -1;
}

int main(int argc, char **argv)
{
    char path[4096];
    if (argc != 2) {
        fprintf(stderr, "usage: mkimages DIR\n");
        return 2;
    }
    const char *d = argv[1];
    int bad = 0;
#define P(name) (snprintf(path, sizeof path, "%s/%s", d, name), path)
    bad |= write_png(P("photo.png"), 640, 400);
    bad |= write_png(P("tiny.png"), 1, 1);
    bad |= write_jpeg(P("photo.jpg"), 1600, 1000, JCS_RGB);
    bad |= write_jpeg(P("gray.jpg"), 300, 200, JCS_GRAYSCALE);
    bad |= write_jpeg(P("cmyk.jpg"), 300, 200, JCS_CMYK);
    bad |= write_bytes(P("fake.gif"), "GIF89a\1\0\1\0\0\0\0;", 14);
    FILE *f = fopen(P("photo.jpg"), "rb");
    if (f) {
        static uint8_t buf[1 << 20];
        size_t n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        bad |= write_bytes(P("cut.jpg"), buf, n / 2);
    }
    if (bad)
        fprintf(stderr, "mkimages: could not write the images in %s\n", d);
    return bad ? 1 : 0;
}
