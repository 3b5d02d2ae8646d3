/* helpers.h -- shared by the unit tests. */
#ifndef TEST_HELPERS_H
#define TEST_HELPERS_H

#include <stddef.h>
#include <stdint.h>

#include "../../src/bundle/nwsb.h"
#include "../../src/host/bundle_writer.h"
#include "../../src/host/input.h"
#include "../../src/app/view.h"

/* The stream as readable text: <P>, <H2>, <Q1> (quote, depth), <L0:3> (list
 * item depth 0, ordinal 3), <PRE>; "+" after the tag for continued blocks;
 * {r} {i} {b} {bi} for styles; "|" for a line break. */
char *stream_dump(const uint8_t *s, size_t n);

/* Parse a string as if it were a file of the given format. */
nws_article *parse_string(const char *text, input_format fmt, int smart);

/* Pack articles from strings (text format) into a bundle image. */
int pack_strings(const char *const *texts, size_t n, const writer_options *wo, nwbuf *out);
/* Defaults: built-in dictionary, zlib level 6, full records. */
writer_options default_writer(void);

/* Whole text stream of article i, continuation markers dropped so it can be
 * compared with the article body that was packed. */
char *read_article_stream(nwsb_bundle *b, uint32_t i, size_t *len);

int open_image(const nwbuf *img, nwsb_bundle **b, nwsb_diag *d);

/* Crafting damage: where section `type` lies (0 when absent; *size and
 * *dirent, its directory entry's offset, set when found), and the
 * header CRC recomputed after the directory was changed, or a section's
 * CRC and then the header's, as a crafted file would have them. */
uint32_t section_offset(const nwbuf *img, uint32_t type, uint32_t *size, uint32_t *dirent);
void reseal_header(nwbuf *img);
void reseal_section(nwbuf *img, uint32_t dirent);

/* Pack files and directories (as newspack build reads them, without the
 * finishing steps) into a bundle file at path. */
int pack_files(const char *const *files, size_t n, const char *path);
/* Options for a view on a board with the project's fonts and no system
 * fallbacks; size10 0 is the board's. */
void test_view_options(view_options *o, const char *board, unsigned size10);

#endif
