/* native2pgm.c -- a board's native panel image (what the firmware sends
 * to its controller) as an 8-bit gray PGM in the reading view, through
 * the same fb_unpack() newsview's PNGs go through.
 * Usage: native2pgm BOARD IN.bin OUT.pgm
 *        native2pgm --sizes BOARD   framebuffer, panel image, native row, MCU arena,
 *                                   bundle reader and deflate window bytes */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/fb/fb.h"

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--sizes") == 0) {
        const nws_board *sb = board_find(argv[2]);
        if (!sb)
            return 2;
        printf("%zu %zu %u %u %u %u\n", fb_bytes(sb->width, sb->height, sb->gray_levels),
               fb_native_bytes(sb), board_native_stride(sb), board_mcu_arena(sb),
               board_mcu_bundle_memory(sb), 1u << board_mcu_window_bits(sb));
        return 0;
    }
    if (argc != 4) {
        fprintf(stderr, "usage: native2pgm BOARD IN.bin OUT.pgm\n");
        return 2;
    }
    const nws_board *b = board_find(argv[1]);
    if (!b) {
        fprintf(stderr, "native2pgm: no board %s\n", argv[1]);
        return 2;
    }
    size_t n = fb_native_bytes(b), w = b->width, h = b->height;
    uint8_t *native = malloc(n), *gray = malloc(w * h);
    FILE *in = fopen(argv[2], "rb");
    size_t got = in ? fread(native, 1, n, in) : 0;
    int extra = in ? fgetc(in) : EOF;
    if (in)
        fclose(in);
    if (got != n || extra != EOF) {
        fprintf(stderr, "native2pgm: %s: not a %zu-byte image for %s\n", argv[2], n, b->name);
        return 1;
    }
    fb_unpack(b, native, n, gray);
    FILE *out = fopen(argv[3], "wb");
    if (!out) {
        perror(argv[3]);
        return 1;
    }
    fprintf(out, "P5\n%zu %zu\n255\n", w, h);
    fwrite(gray, 1, w * h, out);
    fclose(out);
    free(native);
    free(gray);
    return 0;
}
