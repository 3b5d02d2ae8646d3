/* imgcmp.c -- compare two 8-bit gray images, PNG or binary PGM, pixel for
 * pixel.  Usage: imgcmp A B
 * Prints "identical" or "N of M pixels differ, first at X,Y"; exit 0 if
 * identical, 1 if not, 2 on bad input. */
#include <png.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint8_t *load_pgm(FILE *f, uint32_t *w, uint32_t *h)
{
    unsigned maxv;
    if (fscanf(f, "P5 %u %u %u", w, h, &maxv) != 3 || maxv != 255 || fgetc(f) == EOF)
        return NULL;
    size_t n = (size_t)*w * *h;
    uint8_t *p = malloc(n ? n : 1);
    if (p && fread(p, 1, n, f) != n) {
        free(p);
        return NULL;
    }
    return p;
}

static uint8_t *load_png(FILE *f, uint32_t *w, uint32_t *h)
{
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png_create_info_struct(png);
    uint8_t *p = NULL;
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_read_struct(&png, &info, NULL);
        free(p);
        return NULL;
    }
    png_init_io(png, f);
    png_read_info(png, info);
    if (png_get_color_type(png, info) != PNG_COLOR_TYPE_GRAY || png_get_bit_depth(png, info) != 8)
        png_error(png, "not 8-bit gray");
    *w = png_get_image_width(png, info);
    *h = png_get_image_height(png, info);
    p = malloc((size_t)*w * *h);
    for (uint32_t y = 0; y < *h; y++)
        png_read_row(png, p + (size_t)y * *w, NULL);
    png_destroy_read_struct(&png, &info, NULL);
    return p;
}

static uint8_t *load(const char *path, uint32_t *w, uint32_t *h)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return NULL;
    }
    unsigned char sig[8] = {0};
    size_t got = fread(sig, 1, 8, f);
    rewind(f);
    uint8_t *p = got == 8 && png_sig_cmp(sig, 0, 8) == 0 ? load_png(f, w, h) : load_pgm(f, w, h);
    fclose(f);
    if (!p)
        fprintf(stderr, "imgcmp: %s: not an 8-bit gray PNG or PGM\n", path);
    return p;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: imgcmp A B\n");
        return 2;
    }
    uint32_t wa, ha, wb, hb;
    uint8_t *a = load(argv[1], &wa, &ha), *b = load(argv[2], &wb, &hb);
    int rc = 2;
    if (a && b) {
        if (wa != wb || ha != hb) {
            printf("sizes differ: %ux%u and %ux%u\n", wa, ha, wb, hb);
            rc = 1;
        } else {
            size_t n = (size_t)wa * ha, diff = 0, first = 0;
            for (size_t i = 0; i < n; i++)
                if (a[i] != b[i] && !diff++)
                    first = i;
            if (diff)
                printf("%zu of %zu pixels differ, first at %zu,%zu\n", diff, n, first % wa,
                       first / wa);
            else
                printf("identical\n");
            rc = diff ? 1 : 0;
        }
    }
    free(a);
    free(b);
    return rc;
}
