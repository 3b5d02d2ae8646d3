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

uint32_t board_mcu_arena(const nws_board *b)
{
    return b->link.mcu_arena ? b->link.mcu_arena : b->ram_budget;
}

unsigned board_mcu_window_bits(const nws_board *b)
{
    return b->link.mcu_window_bits ? b->link.mcu_window_bits : 15u;
}

/* zlib's inflate state on a 32-bit target is 7,1xx bytes (inflate.h's
 * struct inflate_state: its code tables dominate); with the reader's own
 * record and the allocator's rounding the measured total beside the window
 * is 7,632 bytes (make BOARD=qemu-mps2-an500 check): 8 KiB leaves room. */
#define MCU_INFLATE_STATE (8u * 1024u)

uint32_t board_mcu_bundle_memory(const nws_board *b)
{
    return (1u << board_mcu_window_bits(b)) + MCU_INFLATE_STATE;
}
