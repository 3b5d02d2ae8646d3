/* font.c -- FreeType faces in an arena, and the glyph cache. */
#include "font.h"
#include "kernset.h"
#include "raster.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_MODULE_H
#include FT_SIZES_H

#include <string.h>

static void *ft_alloc(FT_Memory m, long n)
{
    return arena_alloc(m->user, (size_t)n);
}

static void ft_free(FT_Memory m, void *p)
{
    arena_free(m->user, p);
}

static void *ft_realloc(FT_Memory m, long cur, long n, void *p)
{
    (void)cur;
    return arena_realloc(m->user, p, (size_t)n);
}

/* Readable bytes before the bitmap pool: gray rows are read from the
 * byte before them (render.c); mono ones never are. */
static size_t pool_slack_before(const nws_fonts *f)
{
    return f->mono ? 0 : NWS_GLYPH_SLACK;
}

int fonts_init(nws_fonts *f, nws_arena *arena, const nws_font_file *main,
               const nws_font_file *fallback, int nfallback, int flags, uint32_t cache_slots,
               uint32_t pool_bytes)
{
    memset(f, 0, sizeof *f);
    f->arena = arena;
    f->mono = (flags & NWS_FONT_MONO) != 0;
    f->shared_sizes = (flags & NWS_FONT_SHARED_SIZES) != 0;
    for (unsigned c = 0; c < 256; c++)
        f->coverage_map[c] = (uint8_t)c;
    f->ascii_style = 0xFF;
    memset(f->ascii_key, 0xFF, sizeof f->ascii_key);
    FT_Memory m = arena_alloc(arena, sizeof *m);
    if (!m)
        return NWS_FONT_E_NOMEM;
    m->user = arena;
    m->alloc = ft_alloc;
    m->free = ft_free;
    m->realloc = ft_realloc;
    f->memory = m;
    FT_Library lib;
    if (FT_New_Library(m, &lib) != 0) {
        arena_free(arena, m);
        f->memory = NULL;
        return NWS_FONT_E_INIT;
    }
    FT_Add_Default_Modules(lib);
    f->lib = lib;
    int rc = NWS_FONT_OK;
    const nws_font_file *file[NWS_FONT_FACES] = {0};
    for (int s = 0; s < NWS_FONT_STYLES && rc == NWS_FONT_OK; s++) {
        const nws_font_file *ff = main[s].data ? &main[s] : &main[0];
        FT_Face face;
        if (!ff->data || FT_New_Memory_Face(lib, ff->data, (FT_Long)ff->size, 0, &face) != 0)
            rc = NWS_FONT_E_FACE;
        else
            f->face[s] = face;
        file[s] = ff;
    }
    for (int i = 0; i < nfallback && i < NWS_FONT_FALLBACKS && rc == NWS_FONT_OK; i++) {
        FT_Face face;
        /* A fallback that cannot be loaded (unreadable, or too big for the
         * arena) is left out, and said so: the reading faces matter more. */
        if (FT_New_Memory_Face(lib, fallback[i].data, (FT_Long)fallback[i].size, 0, &face) != 0)
            f->fallback_skipped |= 1u << i;
        else {
            file[NWS_FONT_STYLES + f->nfallback] = &fallback[i];
            f->face[NWS_FONT_STYLES + f->nfallback++] = face;
        }
    }
    if (rc == NWS_FONT_OK) {
        /* Open addressing stays quick up to three quarters full: the
         * table holds at least cache_slots glyphs, and as many more as its
         * power-of-two size allows (a 256-glyph cache keeps 384) */
        f->nslots = 1;
        while (f->nslots * 3 < cache_slots * 4)
            f->nslots *= 2;
        f->slots = arena_alloc(arena, f->nslots * sizeof *f->slots);
        int frugal = (flags & NWS_FONT_FRUGAL) != 0;
        f->nascii_sets = frugal ? 1 : NWS_FONT_ASCII_SETS;
        f->ascii_set[0] = f->ascii_first;
        uint16_t *more = f->nascii_sets > 1
                             ? arena_alloc(arena, (f->nascii_sets - 1u) * 128u * sizeof *more)
                             : NULL;
        for (int k = 1; more && k < f->nascii_sets; k++)
            f->ascii_set[k] = more + (k - 1) * 128;
        /* Slack around the bitmaps: the drawing code reads glyph rows a
         * word at a time, gray ones a vector (16 bytes) at a time and,
         * at an odd x, from the byte before too (render.c). */
        size_t before = pool_slack_before(f), after = f->mono ? 8 : NWS_GLYPH_SLACK;
        uint8_t *base = arena_alloc(arena, pool_bytes + before + after);
        if (base) {
            memset(base, 0, before);
            memset(base + before + pool_bytes, 0, after);
            f->pool = base + before;
        }
        f->pool_size = pool_bytes;
        /* Only pairs of glyphs the 'kern' tables name get here (see
         * fonts_kerning_glyphs), a few hundred in a language and style,
         * several styles and sizes on a page: an entry per two glyph
         * slots (8 bytes against their 56).  A quarter of that, on a 7.5"
         * page, sent 25,000 pairs of the news corpus back to FreeType (2%
         * of all the work); a microcontroller's arena keeps it so. */
        f->nkern = frugal ? f->nslots / 8 : f->nslots / 2;
        if (f->nkern == 0) /* a power of two, as nslots */
            f->nkern = 1;
        f->kern = arena_alloc(arena, f->nkern * sizeof *f->kern);
        if (!f->mono)
            f->raster_work = arena_alloc(arena, NWS_RASTER_CELLS * sizeof *f->raster_work);
        if (!f->slots || (f->nascii_sets > 1 && !f->ascii_set[1]) || !f->pool || !f->kern ||
            (!f->mono && !f->raster_work))
            rc = NWS_FONT_E_NOMEM;
        else {
            memset(f->slots, 0, f->nslots * sizeof *f->slots);
            memset(f->kern, 0, f->nkern * sizeof *f->kern);
        }
        for (int i = 0; i < NWS_FONT_FACES && rc == NWS_FONT_OK; i++) {
            f->has_kerning[i] = f->face[i] && FT_HAS_KERNING((FT_Face)f->face[i]);
            uint32_t n = f->has_kerning[i] ? kernset_span(file[i]->data, file[i]->size) : 0;
            if (!n)
                continue;
            /* 508 bytes a face for Liberation; without them every
             * adjacent pair of letters costs a FreeType call */
            f->kern_sets[i] = arena_alloc(arena, 2 * ((n + 7) / 8));
            if (!f->kern_sets[i]) {
                rc = NWS_FONT_E_NOMEM;
                break;
            }
            f->kern_glyphs[i] = n;
            kernset_fill(file[i]->data, file[i]->size, n, f->kern_sets[i], f->kern_sets[i] + (n + 7) / 8);
        }
    }
    if (rc != NWS_FONT_OK)
        fonts_done(f);
    return rc;
}

void fonts_done(nws_fonts *f)
{
    if (f->lib)
        FT_Done_Library(f->lib); /* frees faces and sizes */
    if (f->memory)
        arena_free(f->arena, f->memory);
    if (f->slots)
        arena_free(f->arena, f->slots);
    if (f->ascii_set[1])
        arena_free(f->arena, f->ascii_set[1]);
    if (f->kern)
        arena_free(f->arena, f->kern);
    if (f->pool)
        arena_free(f->arena, f->pool - pool_slack_before(f));
    if (f->raster_work)
        arena_free(f->arena, f->raster_work);
    for (int i = NWS_FONT_FACES - 1; i >= 0; i--)
        if (f->kern_sets[i])
            arena_free(f->arena, f->kern_sets[i]);
    memset(f, 0, sizeof *f);
}

int fonts_size(nws_fonts *f, int32_t px)
{
    for (int i = 0; i < f->nsizes; i++)
        if (f->size_px[i] == px)
            return i;
    if (f->nsizes == NWS_FONT_SIZES)
        return NWS_FONT_E_SIZE;
    f->size_px[f->nsizes] = px;
    return f->nsizes++;
}

/* FreeType size objects are made per face and size on first use: a face
 * that never shows a size costs nothing for it (fallback faces, mostly). */
static int activate(nws_fonts *f, int fi, int size)
{
    FT_Face face = f->face[fi];
    if (f->shared_sizes) {
        /* One size object per face, re-scaled on change: a TrueType size
         * carries ~19 KB of hinting state, too much to keep one for each
         * size on a microcontroller.  Changes are rare: the glyph cache
         * answers most requests without FreeType. */
        if (f->cur_size[fi] != size + 1) {
            if (FT_Set_Char_Size(face, 0, f->size_px[size], 72, 72) != 0)
                return -1;
            f->cur_size[fi] = (int8_t)(size + 1);
        }
        f->ft_size[fi][size] = face->size;
        return 0;
    }
    FT_Size sz = f->ft_size[fi][size];
    if (!sz) {
        if (FT_New_Size(face, &sz) != 0)
            return -1;
        FT_Activate_Size(sz);
        if (FT_Set_Char_Size(face, 0, f->size_px[size], 72, 72) != 0)
            return -1;
        f->ft_size[fi][size] = sz;
    }
    FT_Activate_Size(sz);
    return 0;
}

int fonts_warm(nws_fonts *f, int style, int size)
{
    const nws_glyph *g = fonts_glyph(f, style, size, 'x');
    return g ? 0 : -1;
}

static uint32_t hash_key(int style, int size, uint32_t cp)
{
    uint32_t h = cp * 2654435761u ^ (uint32_t)(style * 97 + size * 131);
    return h ^ (h >> 15);
}

static void flush(nws_fonts *f)
{
    f->ascii_style = 0xFF; /* the ASCII index points into the table */
    memset(f->ascii_key, 0xFF, sizeof f->ascii_key);
    memset(f->slots, 0, f->nslots * sizeof *f->slots);
    f->used = 0;
    f->pool_used = 0;
    f->flushes++;
}

static void drop_bitmaps(nws_fonts *f)
{
    for (uint32_t i = 0; i < f->nslots; i++)
        f->slots[i].has_bitmap = 0;
    f->pool_used = 0;
}

/* A character no face has, met again or for the first time: the set
 * tells them apart whatever the glyph cache has forgotten since. */
static void note_missing(nws_fonts *f, uint32_t cp)
{
    const uint32_t mask = NWS_FONT_MISSING_SET - 1;
    if (f->missing >= NWS_FONT_MISSING_COUNTED)
        return; /* the set never fills, so every probe ends */
    for (uint32_t i = hash_key(0, 0, cp) & mask;; i = (i + 1) & mask) {
        if (f->missing_seen[i] == cp + 1)
            return;
        if (!f->missing_seen[i]) {
            f->missing_seen[i] = cp + 1;
            break;
        }
    }
    f->missing++;
    if (f->nmissing_cp < NWS_FONT_MISSING_KEPT)
        f->missing_cp[f->nmissing_cp++] = cp;
}

/* The font's own TrueType hinting, never the auto-hinter: the auto-hinter
 * builds per-script tables (~50 KB a face) the first time it meets a
 * script, i.e. while a page is being drawn, and from the arena. */
static FT_Int32 load_flags(const nws_fonts *f, int face)
{
    /* With sizes shared to save memory, fallback faces are not hinted:
     * their hinting state (~19 KB each) would be built the first time a
     * symbol shows up, and rare glyphs do not need it. */
    if (f->shared_sizes && face >= NWS_FONT_STYLES)
        return (f->mono ? FT_LOAD_TARGET_MONO : FT_LOAD_TARGET_NORMAL) | FT_LOAD_NO_HINTING;
    return (f->mono ? FT_LOAD_TARGET_MONO : FT_LOAD_TARGET_NORMAL) | FT_LOAD_NO_AUTOHINT;
}

/* Load the glyph's outline at the right size; leaves it in the face slot. */
static FT_Face load(nws_fonts *f, const nws_glyph *g)
{
    FT_Face face = f->face[g->face];
    if (activate(f, g->face, g->size) < 0 || FT_Load_Glyph(face, g->gindex, load_flags(f, g->face)) != 0) {
        f->load_errors++;
        return NULL;
    }
    return face;
}

static uint32_t glyph_bytes(const nws_fonts *f, unsigned width, unsigned rows)
{
    return f->mono ? (width + 7) / 8 * rows : f->nibbles ? (width + 1) / 2 * rows : width * rows;
}

/* A byte-per-pixel bitmap two pixels a byte, in place (the write index
 * never passes the read index); an odd row ends in white. */
static void pack_nibbles(uint8_t *bm, unsigned width, unsigned rows, uint8_t white, int low_first)
{
    unsigned rb = (width + 1) / 2, first = low_first ? 0 : 4, second = low_first ? 4 : 0;
    for (unsigned y = 0; y < rows; y++) {
        const uint8_t *src = bm + (size_t)y * width;
        uint8_t *dst = bm + (size_t)y * rb;
        for (unsigned x = 0; x < width; x += 2)
            dst[x / 2] = (uint8_t)(src[x] << first | (x + 1 < width ? src[x + 1] : white) << second);
    }
}

/* Where a face's .notdef draws nothing, a character no face has would
 * vanish from the page; the reader shows it as the usual box instead: an
 * outline the height of capitals, inside the glyph's advance. */
static void notdef_box(FT_Face face, int32_t advance, raster_box_t *box)
{
    int adv = (int)(advance >> 6), cap = (int)(face->size->metrics.ascender * 7 / 10 >> 6);
    int pad = adv / 10 > 1 ? adv / 10 : 1;
    box->width = adv - 2 * pad > 3 ? (unsigned)(adv - 2 * pad) : 3;
    box->rows = cap > 4 ? (unsigned)cap : 4;
    box->left = pad;
    box->top = (int32_t)box->rows;
}

static void draw_notdef_box(const nws_fonts *f, FT_Face face, const raster_box_t *box,
                            uint8_t *dst)
{
    int stroke = face->size->metrics.x_ppem / 16 > 1 ? face->size->metrics.x_ppem / 16 : 1;
    unsigned w = box->width, h = box->rows, rb = (w + 7) / 8;
    if (f->mono)
        memset(dst, 0, (size_t)rb * h);
    for (unsigned y = 0; y < h; y++)
        for (unsigned x = 0; x < w; x++) {
            int ink = (int)x < stroke || (int)y < stroke || x + (unsigned)stroke >= w ||
                      y + (unsigned)stroke >= h;
            if (f->mono && ink)
                dst[y * rb + x / 8] |= (uint8_t)(0x80 >> (x & 7));
            else if (!f->mono)
                dst[y * w + x] = f->coverage_map[ink ? 255 : 0];
        }
}

/* Make the ASCII index of style and size the current one: the set it
 * has if it has one, else the oldest set, emptied. */
static void bind_ascii(nws_fonts *f, int style, int size)
{
    uint8_t key = (uint8_t)(style << 4 | size);
    int k = 0;
    while (k < f->nascii_sets && f->ascii_key[k] != key)
        k++;
    if (k == f->nascii_sets) {
        k = f->ascii_victim;
        f->ascii_victim = (uint8_t)((k + 1) % f->nascii_sets);
        memset(f->ascii_set[k], 0xFF, 128 * sizeof *f->ascii_set[k]);
        f->ascii_key[k] = key;
    }
    f->ascii = f->ascii_set[k];
    f->ascii_style = (uint8_t)style;
    f->ascii_size = (uint8_t)size;
}

/* Remember where an ASCII character of a style and size sits: text is
 * mostly ASCII in a few styles, and this spares the hashing and probing.
 * Entries stay where they are until a flush. */
static nws_glyph *note_ascii(nws_fonts *f, int style, int size, uint32_t cp, uint32_t i)
{
    if (cp < 128) {
        if (f->ascii_style != style || f->ascii_size != size)
            bind_ascii(f, style, size);
        f->ascii[cp] = (uint16_t)i;
    }
    return &f->slots[i];
}

/* The key of the .notdef entries: past Unicode, so no text has it. */
#define NOTDEF 0x110000u

/* Whether a glyph may begin or end a kerning pair of its face (see
 * fonts_kerning_glyphs, whose tests these are, made once). */
static uint8_t kern_flags(const nws_fonts *f, int face, uint32_t gi)
{
    if (face >= NWS_FONT_FACES || !f->has_kerning[face] || !gi)
        return 0;
    const uint8_t *sets = f->kern_sets[face];
    if (!sets)
        return NWS_KERN_LEFT | NWS_KERN_RIGHT;
    uint32_t n = f->kern_glyphs[face];
    return (uint8_t)((kernset_has(sets, n, gi) ? NWS_KERN_LEFT : 0) |
                     (kernset_has(sets + (n + 7) / 8, n, gi) ? NWS_KERN_RIGHT : 0));
}

/* Find or create the cache entry (metrics loaded). */
static nws_glyph *lookup(nws_fonts *f, int style, int size, uint32_t cp)
{
    nws_glyph *known = fonts__ascii_entry(f, style, size, cp);
    if (known)
        return known;
    if (style < 0 || style >= NWS_FONT_STYLES || size < 0 || size >= f->nsizes)
        return NULL;
    if (cp < 128 && (style != f->ascii_style || size != f->ascii_size)) {
        /* another style's set may know it already */
        bind_ascii(f, style, size);
        if (f->ascii[cp] != 0xFFFF)
            return &f->slots[f->ascii[cp]];
    }
    uint32_t mask = f->nslots - 1, i = hash_key(style, size, cp) & mask;
    for (;; i = (i + 1) & mask) {
        nws_glyph *g = &f->slots[i];
        if (!g->used)
            break;
        if (g->cp == cp && g->style == style && g->size == size)
            return note_ascii(f, style, size, cp, i);
    }
    /* The style's face, then the fallbacks in order, then .notdef. */
    int fi = style;
    FT_UInt gi = 0;
    if (cp != NOTDEF) {
        gi = FT_Get_Char_Index(f->face[style], cp);
        for (int k = 0; !gi && k < f->nfallback; k++)
            if ((gi = FT_Get_Char_Index(f->face[NWS_FONT_STYLES + k], cp)) != 0)
                fi = NWS_FONT_STYLES + k;
        if (!gi) {
            /* Characters no face has all show the style's .notdef, loaded
             * once under its own key: a page of CJK without a CJK font
             * would otherwise cost a hinted load for each, and flush a
             * small table over and over (taking the Latin glyphs with it). */
            note_missing(f, cp);
            return lookup(f, style, size, NOTDEF);
        }
    }
    if (f->used * 4 >= f->nslots * 3) {
        flush(f);
        i = hash_key(style, size, cp) & mask;
    }
    nws_glyph *g = &f->slots[i];
    memset(g, 0, sizeof *g);
    g->cp = cp;
    g->style = (uint8_t)style;
    g->size = (uint8_t)size;
    g->face = (uint8_t)fi;
    g->gindex = gi;
    g->kern = kern_flags(f, fi, gi);
    FT_Face face = load(f, g);
    if (!face)
        return NULL;
    g->advance = (int32_t)face->glyph->advance.x;
    g->used = 1;
    f->used++;
    return note_ascii(f, style, size, cp, i);
}

void fonts_set_coverage_map(nws_fonts *f, const uint8_t map[256], uint32_t tag, int nibbles)
{
    memcpy(f->coverage_map, map, sizeof f->coverage_map);
    f->map_tag = tag;
    f->nibbles = f->mono ? 0 : nibbles;
    drop_bitmaps(f);
}

const nws_glyph *fonts_glyph_lookup(nws_fonts *f, int style, int size, uint32_t cp)
{
    return lookup(f, style, size, cp);
}

const nws_glyph *fonts_render_lookup(nws_fonts *f, int style, int size, uint32_t cp,
                                     const uint8_t **bitmap)
{
    nws_glyph *g = lookup(f, style, size, cp);
    if (!g)
        return NULL;
    if (!g->has_bitmap) {
        FT_Face face = load(f, g);
        if (!face)
            return NULL;
        FT_GlyphSlot slot = face->glyph;
        /* Gray outlines go through our own integer rasterizer (raster.c:
         * FreeType's differs between 32- and 64-bit CPUs); 1-bit glyphs
         * and embedded bitmaps through FreeType's, which does not. */
        int own = !f->mono && slot->format == FT_GLYPH_FORMAT_OUTLINE && f->raster_work;
        raster_box_t box;
        FT_Bitmap *bm = &slot->bitmap;
        /* (asked before FreeType renders the slot in place, a bitmap then) */
        int synth = !g->gindex && slot->format == FT_GLYPH_FORMAT_OUTLINE &&
                    slot->outline.n_points == 0;
        if (own) {
            raster_box(&slot->outline, &box);
        } else {
            if (FT_Render_Glyph(slot, f->mono ? FT_RENDER_MODE_MONO : FT_RENDER_MODE_NORMAL) != 0)
                return NULL;
            box.width = bm->width;
            box.rows = bm->rows;
            box.left = slot->bitmap_left;
            box.top = slot->bitmap_top;
        }
        if (synth) /* .notdef with nothing to draw (Liberation's): a box of our own */
            notdef_box(face, g->advance, &box);
        uint32_t need = glyph_bytes(f, box.width, box.rows);
        /* nibbles are packed where the byte-per-pixel bitmap was made */
        uint32_t stage = f->nibbles ? box.width * box.rows : need;
        if (stage > f->pool_size)
            return NULL; /* a glyph larger than the whole cache */
        if (f->pool_used + stage > f->pool_size) {
            /* Full: the bitmaps start over, the metrics stay.  Layout asks
             * for metrics far more often than drawing for bitmaps, and
             * loading them again costs a hinted FreeType load apiece. */
            drop_bitmaps(f);
            f->flushes++;
        }
        /* Mono glyphs stay one bit per pixel (rows byte-aligned): a 1-bit
         * panel's cache holds eight times as many glyphs. */
        uint8_t *dst = f->pool + f->pool_used;
        if (synth) {
            draw_notdef_box(f, face, &box, dst);
        } else if (own && raster_outline(&slot->outline, &box, f->raster_work, NWS_RASTER_CELLS,
                                  f->coverage_map, dst) < 0) {
            f->load_errors++;
            return NULL;
        }
        for (unsigned y = 0; !own && !synth && y < bm->rows; y++) {
            const uint8_t *src = bm->buffer + (long)y * bm->pitch;
            if (f->mono) {
                unsigned rb = (bm->width + 7) / 8;
                if (bm->pixel_mode == FT_PIXEL_MODE_MONO) {
                    memcpy(dst + y * rb, src, rb);
                    /* bits past the width clear: drawing needs no mask */
                    if (bm->width & 7)
                        dst[y * rb + rb - 1] &= (uint8_t)(0xFF00u >> (bm->width & 7));
                } else {
                    memset(dst + y * rb, 0, rb);
                    for (unsigned x = 0; x < bm->width; x++)
                        if (src[x] >= 128)
                            dst[y * rb + x / 8] |= (uint8_t)(0x80 >> (x & 7));
                }
            } else {
                for (unsigned x = 0; x < bm->width; x++)
                    dst[y * bm->width + x] = bm->pixel_mode == FT_PIXEL_MODE_MONO
                                                 ? f->coverage_map[(src[x >> 3] >> (7 - (x & 7))) & 1 ? 255 : 0]
                                                 : f->coverage_map[src[x]];
            }
        }
        if (f->nibbles)
            pack_nibbles(dst, box.width, box.rows, f->coverage_map[0],
                         f->nibbles == NWS_NIBBLES_LOW_FIRST);
        g->bitmap = f->pool_used;
        g->width = (uint16_t)box.width;
        g->rows = (uint16_t)box.rows;
        g->left = (int16_t)box.left;
        g->top = (int16_t)box.top;
        g->has_bitmap = 1;
        f->pool_used += need;
    }
    *bitmap = f->pool + g->bitmap;
    return g;
}

_Static_assert(NWS_FONT_FACES <= 8 && NWS_FONT_SIZES <= 8, "kerning cache keys: 3 bits each");
_Static_assert(NWS_FONT_STYLES < 15 && NWS_FONT_SIZES <= 16, "ASCII set keys: style << 4 | size");

int32_t fonts_kerning_cached(nws_fonts *f, int size, uint8_t face_a, uint32_t ga, uint32_t gb)
{
    uint32_t key = (ga * 2654435761u) ^ (gb * 40503u) ^ ((uint32_t)face_a << 24 | (uint32_t)size << 16);
    uint8_t which = (uint8_t)(0x80 | face_a << 3 | size); /* faces and sizes: 8 each */
    struct nws_kern *slot = &f->kern[(key ^ key >> 16) & (f->nkern - 1)]; /* a power of two */
    if (slot->which == which && slot->a == ga && slot->b == gb)
        return slot->value;
    FT_Face face = f->face[face_a];
    FT_Vector k;
    if (activate(f, face_a, size) < 0 || FT_Get_Kerning(face, ga, gb, FT_KERNING_DEFAULT, &k) != 0)
        return 0;
    /* glyph ids are 16-bit in sfnt; a value beyond 16 bits (512 px)
     * is not kept */
    if (ga <= 0xFFFF && gb <= 0xFFFF && k.x >= INT16_MIN && k.x <= INT16_MAX) {
        slot->which = which;
        slot->a = (uint16_t)ga;
        slot->b = (uint16_t)gb;
        slot->value = (int16_t)k.x;
    }
    return (int32_t)k.x;
}

void fonts_vmetrics(nws_fonts *f, int style, int size, int32_t *ascender, int32_t *descender)
{
    if (activate(f, style, size) < 0) {
        *ascender = f->size_px[size];
        *descender = -f->size_px[size] / 4;
        return;
    }
    FT_Size sz = f->ft_size[style][size];
    *ascender = (int32_t)sz->metrics.ascender;
    *descender = (int32_t)sz->metrics.descender;
}

void fonts_engine_version(const nws_fonts *f, char *buf, unsigned cap)
{
    FT_Int major = 0, minor = 0, patch = 0;
    if (f->lib)
        FT_Library_Version(f->lib, &major, &minor, &patch);
    /* no stdio in the core: format by hand */
    char tmp[32];
    unsigned n = 0;
    FT_Int parts[3] = {major, minor, patch};
    for (int i = 0; i < 3; i++) {
        char d[12];
        unsigned k = 0;
        unsigned v = (unsigned)parts[i];
        do {
            d[k++] = (char)('0' + v % 10);
            v /= 10;
        } while (v && k < sizeof d);
        while (k && n < sizeof tmp - 2)
            tmp[n++] = d[--k];
        if (i < 2)
            tmp[n++] = '.';
    }
    tmp[n] = '\0';
    unsigned i = 0;
    for (; cap && i + 1 < cap && tmp[i]; i++)
        buf[i] = tmp[i];
    if (cap)
        buf[i] = '\0';
}
