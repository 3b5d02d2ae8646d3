/* xwdcmp.c -- for the window test: compare a region of an X screenshot
 * (xwd -root, ZPixmap, 24/32 bits per pixel) with an 8-bit gray PNG.
 * Usage: xwdcmp SHOT.xwd X Y FRAME.png
 * Prints "N of M pixels differ" (a pixel differs when its green channel
 * is off by more than 2 gray levels); exit 0 if none, 1 if some, 2 on
 * bad input. */
#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: xwdcmp SHOT.xwd X Y FRAME.png\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *x = malloc((size_t)size);
    if (!x || fread(x, 1, (size_t)size, f) != (size_t)size || size < 100) {
        fprintf(stderr, "xwdcmp: %s: cannot read\n", argv[1]);
        return 2;
    }
    fclose(f);
    /* XWDFileHeader: 25 big-endian CARD32 fields */
    uint32_t hsize = be32(x), format = be32(x + 8), width = be32(x + 16), height = be32(x + 20);
    uint32_t byte_order = be32(x + 28), bpp = be32(x + 44), bpl = be32(x + 48);
    uint32_t ncolors = be32(x + 76);
    size_t data = hsize + (size_t)ncolors * 12;
    if (format != 2 || (bpp != 32 && bpp != 24) || data + (size_t)bpl * height > (size_t)size) {
        fprintf(stderr, "xwdcmp: %s: not a 24/32-bit ZPixmap dump\n", argv[1]);
        return 2;
    }
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, argv[4])) {
        fprintf(stderr, "xwdcmp: %s: %s\n", argv[4], img.message);
        return 2;
    }
    img.format = PNG_FORMAT_GRAY;
    uint8_t *g = malloc((size_t)img.width * img.height);
    if (!g || !png_image_finish_read(&img, NULL, g, 0, NULL)) {
        fprintf(stderr, "xwdcmp: %s: %s\n", argv[4], img.message);
        return 2;
    }
    uint32_t ox = (uint32_t)atoi(argv[2]), oy = (uint32_t)atoi(argv[3]);
    if (ox + img.width > width || oy + img.height > height) {
        fprintf(stderr, "xwdcmp: the frame does not fit the screenshot at %u,%u\n", ox, oy);
        return 2;
    }
    uint32_t bytes = bpp / 8, diff = 0;
    for (uint32_t y = 0; y < img.height; y++)
        for (uint32_t xx = 0; xx < img.width; xx++) {
            const uint8_t *p = x + data + (size_t)(oy + y) * bpl + (size_t)(ox + xx) * bytes;
            int green = p[1]; /* the middle byte in either byte order */
            (void)byte_order;
            int want = g[(size_t)y * img.width + xx];
            diff += abs(green - want) > 2;
        }
    printf("%u of %u pixels differ\n", diff, img.width * img.height);
    free(g);
    free(x);
    return diff ? 1 : 0;
}
