/* board.c -- looking boards up and deriving their native geometry. */
#include "board.h"

#include <string.h>

const nws_board *board_find(const char *name)
{
    for (size_t i = 0; i < nws_board_count; i++)
        if (strcmp(nws_boards[i]->name, name) == 0)
            return nws_boards[i];
    return NULL;
}

static int turned(const nws_board *b)
{
    return b->pack.rotation == 90 || b->pack.rotation == 270;
}

uint32_t board_native_width(const nws_board *b)
{
    return turned(b) ? b->height : b->width;
}

uint32_t board_native_height(const nws_board *b)
{
    return turned(b) ? b->width : b->height;
}

uint32_t board_native_stride(const nws_board *b)
{
    uint32_t bytes = (board_native_width(b) * b->pack.bpp + 7) / 8;
    uint32_t a = b->pack.stride_align ? b->pack.stride_align : 1;
    return (bytes + a - 1) / a * a;
}
