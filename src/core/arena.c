/* arena.c -- first-fit allocation with coalescing in a caller's block. */
#include "arena.h"

#include <string.h>

#define ALIGN 16u

/* Every block, free or used, starts with this header; sizes include it. */
typedef struct block {
    size_t size;
    struct block *next; /* free blocks only */
} block;

#define HDR ((sizeof(block) + ALIGN - 1) & ~(size_t)(ALIGN - 1))

void arena_init(nws_arena *a, void *buf, size_t size)
{
    uintptr_t p = ((uintptr_t)buf + ALIGN - 1) & ~(uintptr_t)(ALIGN - 1);
    memset(a, 0, sizeof *a);
    if (size < (size_t)(p - (uintptr_t)buf) + HDR * 2)
        return;
    size -= (size_t)(p - (uintptr_t)buf);
    size &= ~(size_t)(ALIGN - 1);
    a->base = (uint8_t *)p;
    a->size = size;
    block *b = (block *)a->base;
    b->size = size;
    b->next = NULL;
    a->free_list = b;
}

static void *alloc_once(nws_arena *a, size_t n);

void *arena_alloc(nws_arena *a, size_t n)
{
    void *p = alloc_once(a, n);
    while (!p && a->reclaim && a->reclaim(a->reclaim_ctx, n))
        p = alloc_once(a, n);
    if (!p) {
        a->failures++;
        if (n > a->largest_refused)
            a->largest_refused = n;
    }
    return p;
}

static void *alloc_once(nws_arena *a, size_t n)
{
    if (n == 0)
        n = 1;
    if (n > a->size)
        return NULL;
    size_t need = (n + HDR + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    block **link = (block **)&a->free_list;
    for (block *b = *link; b; link = &b->next, b = b->next) {
        if (b->size < need)
            continue;
        if (b->size - need >= HDR + ALIGN) {
            /* split: the tail stays free */
            block *rest = (block *)((uint8_t *)b + need);
            rest->size = b->size - need;
            rest->next = b->next;
            *link = rest;
            b->size = need;
        } else {
            *link = b->next;
        }
        a->used += b->size;
        if (a->used > a->peak)
            a->peak = a->used;
        return (uint8_t *)b + HDR;
    }
    return NULL;
}

void arena_free(nws_arena *a, void *p)
{
    if (!p)
        return;
    block *b = (block *)((uint8_t *)p - HDR);
    a->used -= b->size;
    /* Keep the free list in address order so neighbours merge. */
    block **link = (block **)&a->free_list;
    while (*link && *link < b)
        link = &(*link)->next;
    b->next = *link;
    *link = b;
    if (b->next && (uint8_t *)b + b->size == (uint8_t *)b->next) {
        b->size += b->next->size;
        b->next = b->next->next;
    }
    if (link != (block **)&a->free_list) {
        block *prev = (block *)((uint8_t *)link - offsetof(block, next));
        if ((uint8_t *)prev + prev->size == (uint8_t *)b) {
            prev->size += b->size;
            prev->next = b->next;
        }
    }
}

void arena_shrink(nws_arena *a, void *p, size_t n)
{
    if (!p)
        return;
    block *b = (block *)((uint8_t *)p - HDR);
    size_t keep = (n + HDR + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    if (keep >= b->size || b->size - keep < HDR + ALIGN)
        return;
    /* the tail becomes a block of its own, and is freed like any other */
    block *tail = (block *)((uint8_t *)b + keep);
    tail->size = b->size - keep;
    b->size = keep;
    arena_free(a, (uint8_t *)tail + HDR);
}

void *arena_realloc(nws_arena *a, void *p, size_t n)
{
    if (!p)
        return arena_alloc(a, n);
    block *b = (block *)((uint8_t *)p - HDR);
    size_t have = b->size - HDR;
    if (n <= have)
        return p;
    void *q = arena_alloc(a, n);
    if (!q)
        return NULL;
    memcpy(q, p, have);
    arena_free(a, p);
    return q;
}

size_t arena_largest_free(const nws_arena *a)
{
    size_t m = 0;
    for (const block *b = a->free_list; b; b = b->next)
        if (b->size > m)
            m = b->size;
    return m > HDR ? m - HDR : 0;
}
