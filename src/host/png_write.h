/* png_write.h -- 8-bit grayscale PNGs through libpng, written atomically. */
#ifndef HOST_PNG_WRITE_H
#define HOST_PNG_WRITE_H

#include <stdint.h>

/* 0, or -1 after a message naming path. */
int png_write_gray(const char *path, const uint8_t *pixels, uint32_t width, uint32_t height);
/* Read an 8-bit gray PNG (tests, golden pages): malloc'd pixels or NULL. */
uint8_t *png_read_gray(const char *path, uint32_t *width, uint32_t *height);

#endif
