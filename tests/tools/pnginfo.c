/* pnginfo.c -- for the tests: "WIDTH HEIGHT GRAY8 DISTINCT v1 v2 ..." of a
 * PNG (GRAY8 is 1 when the file is 8-bit grayscale). */
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    png_image img;
    if (argc != 2) {
        fprintf(stderr, "usage: pnginfo FILE.png\n");
        return 2;
    }
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, argv[1])) {
        fprintf(stderr, "pnginfo: %s: %s\n", argv[1], img.message);
        return 1;
    }
    int gray8 = img.format == PNG_FORMAT_GRAY;
    img.format = PNG_FORMAT_GRAY;
    unsigned char *px = malloc(PNG_IMAGE_SIZE(img));
    if (!px || !png_image_finish_read(&img, NULL, px, 0, NULL)) {
        fprintf(stderr, "pnginfo: %s: cannot decode\n", argv[1]);
        return 1;
    }
    int seen[256] = {0}, n = 0;
    for (size_t i = 0; i < (size_t)img.width * img.height; i++)
        seen[px[i]] = 1;
    for (int v = 0; v < 256; v++)
        n += seen[v];
    printf("%u %u %d %d", img.width, img.height, gray8, n);
    for (int v = 0; v < 256; v++)
        if (seen[v])
            printf(" %d", v);
    printf("\n");
    free(px);
    return 0;
}
