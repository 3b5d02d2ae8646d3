/* font.h -- faces, sizes and a bounded glyph cache over FreeType (device
 * code).  FreeType's memory comes from the caller's arena; font files are
 * read in place (mmap on a host, flash on a device).  All measures are
 * 26.6 fixed point, as FreeType's own. */
#ifndef NWS_FONT_H
#define NWS_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "../core/arena.h"
#include "kernset.h"

#define NWS_FONT_STYLES 4     /* regular, italic, bold, bold italic (nws_style) */
#define NWS_FONT_FALLBACKS 4
#define NWS_FONT_FACES (NWS_FONT_STYLES + NWS_FONT_FALLBACKS)
#define NWS_FONT_SIZES 8
#define NWS_FONT_MISSING_KEPT 8
/* A page mixes body text, italic and bold runs and a small running head:
 * an ASCII index for each keeps them from evicting one another. */
#define NWS_FONT_ASCII_SETS 4
/* Different missing characters counted exactly up to this many. */
#define NWS_FONT_MISSING_COUNTED 48
#define NWS_FONT_MISSING_SET 64 /* a power of two above that */

typedef struct nws_font_file {
    const uint8_t *data;
    size_t size;
} nws_font_file;

/* Bytes kept readable (zero) before and after a gray cache's bitmaps:
 * drawing reads a glyph row 16 bytes at a time, and from the byte before
 * it at an odd x (render.c).  A mono cache keeps 8 after. */
#define NWS_GLYPH_SLACK 16

enum { NWS_KERN_LEFT = 1, NWS_KERN_RIGHT = 2 };

typedef struct nws_glyph {
    uint32_t cp;
    uint8_t style, size, face, has_bitmap, used;
    uint8_t kern;           /* NWS_KERN_LEFT, NWS_KERN_RIGHT: in a pair of
                               its face's kerning, first or second */
    uint32_t gindex;
    int32_t advance;        /* 26.6, hinted, a whole number of pixels */
    int16_t left, top;      /* bitmap offset from the pen, pixels */
    uint16_t width, rows;   /* bitmap size; one coverage byte per pixel */
    uint32_t bitmap;        /* offset in the cache pool */
} nws_glyph;

typedef struct nws_fonts {
    nws_arena *arena;
    void *memory;           /* FT_Memory, in the arena */
    void *lib;              /* FT_Library */
    void *face[NWS_FONT_FACES];
    void *ft_size[NWS_FONT_FACES][NWS_FONT_SIZES];
    int nfallback;
    uint32_t fallback_skipped; /* bit i: fallback i could not be loaded */
    int32_t size_px[NWS_FONT_SIZES];
    int nsizes;
    int mono;               /* 1-bit panels: monochrome hinting and bitmaps */
    int shared_sizes;       /* one FreeType size per face, re-scaled on change */
    int8_t cur_size[NWS_FONT_FACES];
    /* cache: open addressing on (style, size, code point) */
    nws_glyph *slots;
    uint32_t nslots, used;
    uint8_t *pool;
    uint32_t pool_size, pool_used;
    uint32_t flushes;
    /* where ASCII characters of a style and size sit in slots (0xFFFF:
     * not yet), for the last few styles and sizes asked for: ascii is the
     * set of ascii_style and ascii_size (0xFF: none), one of ascii_set,
     * whose keys are style << 4 | size (0xFF: free) */
    uint16_t *ascii;
    uint8_t ascii_style, ascii_size;
    uint8_t ascii_key[NWS_FONT_ASCII_SETS], ascii_victim, nascii_sets;
    uint16_t *ascii_set[NWS_FONT_ASCII_SETS]; /* the first here, the others in the arena */
    uint16_t ascii_first[128];
    /* characters no face has: drawn as .notdef, counted, reported once.
     * missing counts different characters, exactly up to
     * NWS_FONT_MISSING_COUNTED (then it stays there); missing_cp keeps
     * the first few in the order met. */
    uint32_t missing;
    uint32_t missing_cp[NWS_FONT_MISSING_KEPT];
    int nmissing_cp;
    uint32_t missing_seen[NWS_FONT_MISSING_SET]; /* the set of them: cp + 1; 0 free */
    uint32_t load_errors;   /* FreeType failures: damaged font or full arena */
    /* gray bitmaps are stored through this map (coverage -> panel level),
     * so drawing needs no lookup per pixel; map_tag 0 = raw coverage */
    uint8_t coverage_map[256];
    uint32_t map_tag;
    int nibbles;            /* gray bitmaps two pixels a byte (4-bit levels):
                               NWS_NIBBLES_HIGH_FIRST or _LOW_FIRST; 0 not */
    /* kerning pairs already asked for: FreeType scales each one anew */
    struct nws_kern {
        uint16_t a, b;      /* glyph indices */
        uint8_t which;      /* 0x80 | face << 3 | size; 0 = empty */
        int16_t value;      /* 26.6 */
    } *kern;
    uint32_t nkern;
    uint8_t has_kerning[NWS_FONT_FACES];
    /* per face: the glyphs its 'kern' table names on the left, then on
     * the right (kernset.h); NULL: ask FreeType for every pair */
    uint8_t *kern_sets[NWS_FONT_FACES];
    uint32_t kern_glyphs[NWS_FONT_FACES];
    int32_t *raster_work;   /* gray glyph rasterizer scratch (raster.c) */
} nws_fonts;

/* Scratch cells of the gray rasterizer: 6 KB, bands of 7 rows for a
 * 200-pixel-wide headline glyph. */
#define NWS_RASTER_CELLS 1536u

typedef enum {
    NWS_FONT_OK = 0,
    NWS_FONT_E_NOMEM = -1,
    NWS_FONT_E_FACE = -2,   /* a font file FreeType cannot read */
    NWS_FONT_E_SIZE = -3,
    NWS_FONT_E_INIT = -4
} nws_font_err;

enum {
    NWS_FONT_MONO = 1,          /* 1-bit panel: mono hinting and bitmaps */
    NWS_FONT_SHARED_SIZES = 2,  /* save memory: see activate() in font.c */
    NWS_FONT_FRUGAL = 4         /* a microcontroller's arena: one ASCII index
                                   (no others in the arena), a kerning cache of
                                   an eighth of the slots */
};

/* main[NWS_FONT_STYLES]: a missing style (data NULL) falls back to regular.
 * The cache holds at least cache_slots glyphs (its table is a power of
 * two kept under three quarters full) and pool_bytes of bitmaps. */
int fonts_init(nws_fonts *f, nws_arena *arena, const nws_font_file *main,
               const nws_font_file *fallback, int nfallback, int flags, uint32_t cache_slots,
               uint32_t pool_bytes);
void fonts_done(nws_fonts *f);
/* Returns the size index for a pixel size (26.6), creating it if needed;
 * negative on failure.  Call before laying out: sizes allocate. */
int fonts_size(nws_fonts *f, int32_t px);
/* Make FreeType build its per-size state for a style now (it does so
 * lazily), so that drawing pages later takes no more arena. */
int fonts_warm(nws_fonts *f, int style, int size);
/* Metrics only (advance); NULL only if FreeType fails on the glyph. */
static inline const nws_glyph *fonts_glyph(nws_fonts *f, int style, int size, uint32_t cp);
/* With the bitmap; the pointer lives until the next fonts_* call.  Gray
 * bitmaps hold a byte per pixel: coverage, or what the coverage map made
 * of it; with nibbles set, two such 4-bit values a byte (high nibble
 * first, or the low one with NWS_NIBBLES_LOW_FIRST, rows of
 * (width + 1) / 2 bytes, an odd row padded with map[0]);
 * in mono mode, one bit per pixel, MSB first, rows of (width + 7) / 8
 * bytes.  fonts_gray_at() reads either gray form. */
static inline const nws_glyph *fonts_render(nws_fonts *f, int style, int size, uint32_t cp,
                                            const uint8_t **bitmap);
/* Store gray bitmaps as map[coverage] from now on (drops the bitmaps
 * already cached; metrics stay), two a byte when nibbles is set (the map
 * must then give values below 16), NWS_NIBBLES_HIGH_FIRST or
 * NWS_NIBBLES_LOW_FIRST as the framebuffer holds them.  tag names the map
 * and form so that a caller can tell whether they are already in place; 0
 * means raw coverage. */
enum { NWS_NIBBLES_HIGH_FIRST = 1, NWS_NIBBLES_LOW_FIRST = 2 };
void fonts_set_coverage_map(nws_fonts *f, const uint8_t map[256], uint32_t tag, int nibbles);

/* Pixel (x, y) of a gray glyph's bitmap from fonts_render(). */
static inline unsigned fonts_gray_at(const nws_fonts *f, const nws_glyph *g, const uint8_t *bm,
                                     unsigned x, unsigned y)
{
    if (f->nibbles)
        return (bm[(size_t)y * ((g->width + 1u) / 2u) + x / 2] >>
                ((x & 1) == (f->nibbles == NWS_NIBBLES_LOW_FIRST) ? 4 : 0)) & 15u;
    return bm[(size_t)y * g->width + x];
}
/* Kerning (26.6) between two glyphs already looked up, by face and glyph
 * index; 0 unless both come from one face.  Cached. */
static inline int32_t fonts_kerning_glyphs(nws_fonts *f, int size, uint8_t face_a, uint32_t ga,
                                           uint8_t face_b, uint32_t gb);
/* FreeType's version as "2.12.1" (golden images depend on it). */
void fonts_engine_version(const nws_fonts *f, char *buf, unsigned cap);
/* Ascender (positive) and descender (negative) of the style's face. */
void fonts_vmetrics(nws_fonts *f, int style, int size, int32_t *ascender, int32_t *descender);

/* The two calls above are made for every character laid out or drawn:
 * what most of them need is answered here without a call. */
const nws_glyph *fonts_glyph_lookup(nws_fonts *f, int style, int size, uint32_t cp);
const nws_glyph *fonts_render_lookup(nws_fonts *f, int style, int size, uint32_t cp,
                                     const uint8_t **bitmap);
int32_t fonts_kerning_cached(nws_fonts *f, int size, uint8_t face_a, uint32_t ga, uint32_t gb);

/* The ASCII index of style and size when it is the current one, else
 * NULL: index[c] is the slot of character c, or 0xFFFF.  Good until the
 * next call that may load a glyph (a tight loop over ASCII text hoists
 * it, and reads slots with fonts__slot). */
static inline const uint16_t *fonts__ascii_index(const nws_fonts *f, int style, int size)
{
    return style == f->ascii_style && size == f->ascii_size ? f->ascii : NULL;
}
static inline nws_glyph *fonts__slot(const nws_fonts *f, uint16_t k)
{
    return &f->slots[k];
}

/* The cache entry of an ASCII character of the current style and size,
 * from the ASCII index; NULL when the index does not know it. */
static inline nws_glyph *fonts__ascii_entry(nws_fonts *f, int style, int size, uint32_t cp)
{
    const uint16_t *index = fonts__ascii_index(f, style, size);
    if (cp < 128 && index && index[cp] != 0xFFFF)
        return fonts__slot(f, index[cp]);
    return NULL;
}

static inline const nws_glyph *fonts_glyph(nws_fonts *f, int style, int size, uint32_t cp)
{
    const nws_glyph *g = fonts__ascii_entry(f, style, size, cp);
    return g ? g : fonts_glyph_lookup(f, style, size, cp);
}

static inline const nws_glyph *fonts_render(nws_fonts *f, int style, int size, uint32_t cp,
                                            const uint8_t **bitmap)
{
    const nws_glyph *g = fonts__ascii_entry(f, style, size, cp);
    if (g && g->has_bitmap) {
        *bitmap = f->pool + g->bitmap;
        return g;
    }
    return fonts_render_lookup(f, style, size, cp, bitmap);
}

static inline int32_t fonts_kerning_glyphs(nws_fonts *f, int size, uint8_t face_a, uint32_t ga,
                                           uint8_t face_b, uint32_t gb)
{
    if (face_a != face_b || face_a >= NWS_FONT_FACES || !f->has_kerning[face_a] || !ga || !gb)
        return 0;
    const uint8_t *sets = f->kern_sets[face_a];
    if (sets) {
        uint32_t n = f->kern_glyphs[face_a];
        if (!kernset_has(sets, n, ga) || !kernset_has(sets + (n + 7) / 8, n, gb))
            return 0;
    }
    return fonts_kerning_cached(f, size, face_a, ga, gb);
}

/* fonts_kerning_glyphs() for a run of glyphs, from the flags each glyph
 * got when it was loaded: what a glyph leaves for the next one is its face,
 * or 0xFF where it begins no pair; then the next glyph's kerning after it.
 * (A face and a glyph index, not a pointer, since the cache may be
 * flushed between two glyphs.) */
static inline uint8_t fonts_kerning_left(const nws_glyph *g)
{
    return g->kern & NWS_KERN_LEFT ? g->face : 0xFF;
}
static inline int32_t fonts_kerning_after(nws_fonts *f, int size, uint8_t left_face,
                                          uint32_t left_gi, const nws_glyph *b)
{
    if (left_face != b->face || !(b->kern & NWS_KERN_RIGHT))
        return 0;
    return fonts_kerning_cached(f, size, left_face, left_gi, b->gindex);
}

#endif
