/* png_write.c -- grayscale PNG files (host code). */
#include "png_write.h"

#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "atomic_file.h"
#include "../app/buf.h"
#include "../app/diag.h"

static void to_buf(png_structp png, png_bytep data, png_size_t n)
{
    buf_add(png_get_io_ptr(png), data, n);
}

static void no_flush(png_structp png)
{
    (void)png;
}

int png_write_gray(const char *path, const uint8_t *pixels, uint32_t width, uint32_t height)
{
    nwbuf out = {0};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info) {
        png_destroy_write_struct(&png, &info);
        diag_error(path, 0, "libpng: out of memory");
        return -1;
    }
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        buf_free(&out);
        diag_error(path, 0, "libpng: encoding failed");
        return -1;
    }
    png_set_write_fn(png, &out, to_buf, no_flush);
    png_set_IHDR(png, info, width, height, 8, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (uint32_t y = 0; y < height; y++)
        png_write_row(png, (png_const_bytep)(pixels + (size_t)y * width));
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    int rc = atomic_write(path, out.data, out.len);
    buf_free(&out);
    return rc;
}

uint8_t *png_read_gray(const char *path, uint32_t *width, uint32_t *height)
{
    png_image img;
    memset(&img, 0, sizeof img);
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, path))
        return NULL;
    img.format = PNG_FORMAT_GRAY;
    uint8_t *px = malloc(PNG_IMAGE_SIZE(img));
    if (!px || !png_image_finish_read(&img, NULL, px, 0, NULL)) {
        free(px);
        png_image_free(&img);
        return NULL;
    }
    *width = img.width;
    *height = img.height;
    return px;
}
