/* bundle_writer.h -- building a bundle image in memory (host code). */
#ifndef HOST_BUNDLE_WRITER_H
#define HOST_BUNDLE_WRITER_H

#include <stdint.h>

#include "../app/buf.h"
#include "input.h"

typedef struct bundle_meta {
    const char *title, *created, *language, *generator;
} bundle_meta;

#define WRITER_LEVEL_MAX 10
/* Past 3 iterations zopfli gains under 0.1% on news text, at 3x the time. */
#define WRITER_ZOPFLI_ITERATIONS 3

typedef struct writer_options {
    int level;             /* deflate level 0-9 (zlib), WRITER_LEVEL_MAX (zopfli) */
    uint32_t dict_kind;    /* NWSB_DICT_* */
    uint32_t dict_id;      /* for NWSB_DICT_BUILTIN */
    const uint8_t *dict;   /* bytes (built-in or to embed) */
    uint32_t dict_size;
    uint32_t record_max;   /* text per record, <= NWSB_RECORD_MAX; 0: the maximum */
    int window_bits;       /* deflate window, NWSB_WINDOW_BITS_MIN..MAX; 0: the
                              maximum.  Below it, level 10 (zopfli) is refused:
                              its window is fixed at 32 KiB */
} writer_options;

typedef struct writer_stats {
    uint32_t articles, records, text_size, stored_size, file_size;
    uint32_t images, image_size; /* pictures and their stored bytes */
} writer_stats;

/* Build the bundle into out.  Returns 0, or -1 with a message (too large
 * for 32-bit offsets, or a zlib failure). */
int bundle_build(const article_list *arts, const bundle_meta *meta, const writer_options *opt,
                 nwbuf *out, writer_stats *stats);

#endif
