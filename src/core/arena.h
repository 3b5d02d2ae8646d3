/* arena.h -- one block of memory, handed out and taken back (device code).
 *
 * The device core allocates only from an arena the board sizes: FreeType's
 * memory hooks, the glyph cache and the layout buffers all come from here.
 * It is a first-fit allocator with coalescing, because FreeType frees and
 * reallocates while loading faces; the peak is tracked so that a board's
 * budget can be measured (newsview --mem). */
#ifndef NWS_ARENA_H
#define NWS_ARENA_H

#include <stddef.h>
#include <stdint.h>

typedef struct nws_arena {
    uint8_t *base;
    size_t size;
    size_t used, peak;   /* bytes in live blocks, headers included */
    size_t failures;     /* requests refused */
    size_t largest_refused;
    void *free_list;
    /* When a request does not fit: asked to give back room it holds as
     * a cache (at least need bytes in one block if it can); nonzero when
     * it gave some, and the request is tried again.  NULL: none. */
    int (*reclaim)(void *ctx, size_t need);
    void *reclaim_ctx;
} nws_arena;

/* Take over buf[0..size) (aligned by the arena itself). */
void arena_init(nws_arena *a, void *buf, size_t size);
void *arena_alloc(nws_arena *a, size_t n);
void arena_free(nws_arena *a, void *p);
void *arena_realloc(nws_arena *a, void *p, size_t n);
/* Keep the first n bytes of p's block and free the rest. */
void arena_shrink(nws_arena *a, void *p, size_t n);
/* The largest request that would succeed now: free bytes can be many
 * small holes, and FreeType asks for blocks of a few KB at a time. */
size_t arena_largest_free(const nws_arena *a);

#endif
