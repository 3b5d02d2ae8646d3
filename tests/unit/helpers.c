/* helpers.c -- shared by the unit tests. */
#include "helpers.h"

#include "../../src/host/atomic_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "../../src/bundle/nwsb_dict.h"
#include "../../src/host/atomic_file.h"
#include "../../src/app/bundle_file.h"
#include "../../src/text/nws_text.h"

char *stream_dump(const uint8_t *s, size_t n)
{
    nwbuf out = {0};
    nws_scanner sc;
    nws_token t;
    char tag[32];
    static const char *const styles[] = {"{r}", "{i}", "{b}", "{bi}"};
    nws_scan_init(&sc, s, 0, (uint32_t)n);
    int r;
    while ((r = nws_scan_next(&sc, &t)) == 1) {
        switch (t.kind) {
        case NWS_TOK_BLOCK:
            if (t.block_type == NWS_BLOCK_PARAGRAPH)
                snprintf(tag, sizeof tag, "<P");
            else if (NWS_IS_HEADING(t.block_type))
                snprintf(tag, sizeof tag, "<H%d", NWS_HEADING_LEVEL(t.block_type));
            else if (t.block_type == NWS_BLOCK_QUOTE)
                snprintf(tag, sizeof tag, "<Q%u", t.depth);
            else if (t.block_type == NWS_BLOCK_LIST_ITEM)
                snprintf(tag, sizeof tag, "<L%u:%u", t.depth, (unsigned)t.ordinal);
            else if (t.block_type == NWS_BLOCK_PRE)
                snprintf(tag, sizeof tag, "<PRE");
            else
                snprintf(tag, sizeof tag, "<T%u", t.block_type);
            buf_adds(&out, tag);
            buf_adds(&out, t.continued ? "+>" : ">");
            break;
        case NWS_TOK_STYLE:
            buf_adds(&out, styles[t.style & 3]);
            break;
        case NWS_TOK_BREAK:
            buf_adds(&out, "|");
            break;
        case NWS_TOK_TEXT:
            buf_add(&out, t.text, t.len);
            break;
        }
    }
    if (r < 0)
        buf_adds(&out, "<BAD>");
    return buf_take_str(&out);
}

nws_article *parse_string(const char *text, input_format fmt, int smart)
{
    article_list l = {0};
    input_options o = {fmt, smart, 0, 0};
    source_text src = {"test.txt", (char *)text, strlen(text)};
    size_t n = fmt == FORMAT_MARKDOWN ? parse_markdown(&src, &o, &l) : parse_text(&src, &o, &l);
    nws_article *a = n ? l.v[0] : NULL;
    free(l.v);
    return a;
}

writer_options default_writer(void)
{
    writer_options w = {0};
    w.level = 6;
    w.dict_kind = NWSB_DICT_BUILTIN;
    w.dict_id = nwsb_news_dict_id;
    w.dict = nwsb_news_dict;
    w.dict_size = nwsb_news_dict_size;
    return w;
}

int pack_strings(const char *const *texts, size_t n, const writer_options *wo, nwbuf *out)
{
    article_list l = {0};
    input_options o = {FORMAT_TEXT, 1, 0, 0};
    for (size_t i = 0; i < n; i++) {
        source_text src = {"test.txt", (char *)texts[i], strlen(texts[i])};
        parse_text(&src, &o, &l);
    }
    bundle_meta meta = {"Test bundle", "2026-11-28T00:00:00Z", "en", "unit tests"};
    writer_stats st;
    int rc = bundle_build(&l, &meta, wo, out, &st);
    article_list_free(&l);
    return rc;
}

int open_image(const nwbuf *img, nwsb_bundle **b, nwsb_diag *d)
{
    nwsb_source src = {img->data, NULL, NULL, (uint32_t)img->len};
    return nwsb_open(b, &src, &host_allocator, nwsb_news_dict, nwsb_news_dict_size, d);
}

char *read_article_stream(nwsb_bundle *b, uint32_t i, size_t *len)
{
    nwsb_article a;
    nwbuf out = {0};
    uint8_t *buf = malloc(NWSB_RECORD_MAX);
    if (nwsb_article_get(b, i, &a) != NWSB_OK) {
        free(buf);
        return NULL;
    }
    uint32_t pos = a.text_offset, stop = a.text_offset + a.text_size;
    uint8_t style_state = NWS_STYLE_REGULAR, *cur_style = &style_state;
    for (uint32_t r = a.first_record; pos < stop; r++) {
        nwsb_record rec;
        uint32_t n;
        if (nwsb_record_get(b, r, &rec) || nwsb_record_read(b, r, buf, NWSB_RECORD_MAX, &n, NULL))
            break;
        uint32_t from = pos - rec.text_offset, to = (stop < rec.text_offset + n ? stop : rec.text_offset + n) - rec.text_offset;
        nws_scanner sc;
        nws_token t;
        nws_scan_init(&sc, buf, from, to);
        int after_reopen = 0;
        while (nws_scan_next(&sc, &t) == 1) {
            /* Drop what the writer added at record starts: the reopened
             * block, and the style it re-states when not regular. */
            if (t.kind == NWS_TOK_BLOCK && t.continued) {
                after_reopen = 1;
                continue;
            }
            if (after_reopen && t.kind == NWS_TOK_STYLE && t.style == *cur_style &&
                *cur_style != NWS_STYLE_REGULAR) {
                after_reopen = 0;
                continue;
            }
            after_reopen = 0;
            if (t.kind == NWS_TOK_BLOCK)
                *cur_style = NWS_STYLE_REGULAR;
            if (t.kind == NWS_TOK_STYLE)
                *cur_style = t.style;
            buf_add(&out, buf + t.offset, sc.pos - t.offset);
        }
        pos = rec.text_offset + n;
    }
    free(buf);
    *len = out.len;
    return buf_take_str(&out);
}

/* Pack files into a bundle at path. */
int pack_files(const char *const *files, size_t n, const char *path)
{
    article_list l = {0};
    input_options o = {FORMAT_AUTO, 1, 0, 0};
    char **paths = NULL;
    size_t np = 0, cap = 0;
    for (size_t i = 0; i < n; i++)
        if (input_expand(files[i], &paths, &np, &cap) < 0)
            return -1;
    for (size_t i = 0; i < np; i++) {
        input_read(paths[i], &o, &l, NULL);
        free(paths[i]);
    }
    free(paths);
    writer_options w = default_writer();
    bundle_meta meta = {"Test edition", "2026-01-01T00:00:00Z", "en", "unit tests"};
    writer_stats st;
    nwbuf img = {0};
    int rc = l.n ? bundle_build(&l, &meta, &w, &img, &st) : -1;
    if (rc == 0)
        rc = atomic_write(path, img.data, img.len);
    article_list_free(&l);
    buf_free(&img);
    return rc;
}

void test_view_options(view_options *o, const char *board, unsigned size10)
{
    memset(o, 0, sizeof *o);
    o->board = board;
    o->font_size_10 = size10;
    o->font_dir = "fonts";
    o->no_default_fallbacks = 1;
}

uint32_t section_offset(const nwbuf *img, uint32_t type, uint32_t *size, uint32_t *dirent)
{
    uint32_t n = nwsb_get32(img->data + NWSB_H_SECTION_COUNT);
    for (uint32_t i = 0; i < n; i++) {
        const uint8_t *e = img->data + NWSB_HEADER_SIZE + i * NWSB_DIRENT_SIZE;
        if (nwsb_get32(e) == type) {
            *size = nwsb_get32(e + 8);
            *dirent = NWSB_HEADER_SIZE + i * NWSB_DIRENT_SIZE;
            return nwsb_get32(e + 4);
        }
    }
    return 0;
}

void reseal_header(nwbuf *img)
{
    uint32_t nsec = nwsb_get32(img->data + NWSB_H_SECTION_COUNT);
    uLong crc = crc32(crc32(0L, Z_NULL, 0), img->data, NWSB_H_CRC);
    crc = crc32(crc, img->data + NWSB_HEADER_SIZE, nsec * NWSB_DIRENT_SIZE);
    nwsb_put32(img->data + NWSB_H_CRC, (uint32_t)crc);
}

void reseal_section(nwbuf *img, uint32_t dirent)
{
    uint32_t off = nwsb_get32(img->data + dirent + 4), size = nwsb_get32(img->data + dirent + 8);
    nwsb_put32(img->data + dirent + 12,
               (uint32_t)crc32(crc32(0L, Z_NULL, 0), img->data + off, size));
    reseal_header(img);
}
