/* bundle_writer.c -- lay articles out as records and write the bundle.
 *
 * All articles form one text stream, cut into records of at most 8 KiB.
 * Records are filled to the brim (small articles share a record) because
 * deflate does better on more text; a block cut by a record boundary is
 * reopened at the start of the next record with a "continued" marker and
 * its current style, so every record can be laid out on its own.
 */
#include "bundle_writer.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zopfli/deflate.h>
#include <zopfli/zopfli.h>

#include "../bundle/nwsb_format.h"
#include "../text/nws_text.h"
#include "bundle_images.h"
#include "../app/diag.h"

/* A block marker is not started this close to the end of a record: it
 * would only be reopened as a continuation in the next one. */
#define TAIL_RESERVE 32

typedef struct rec_entry {
    uint32_t data_offset, stored_size, text_offset, text_size, crc, flags;
} rec_entry;

typedef struct chunker {
    const writer_options *opt;
    uint32_t cap;
    nwbuf rec;           /* text of the record being filled */
    nwbuf data;          /* compressed records so far */
    rec_entry *recs;
    size_t nrec, rec_cap;
    uint64_t text_pos;   /* bytes of text stream emitted so far */
    /* state of the block open at the cut, to reopen it */
    uint8_t marker[8];
    size_t marker_len;
    uint8_t style;
    int need_continue;
    z_stream zs;
    uint8_t *zout;
    nwbuf window; /* zopfli: dictionary followed by the record */
    int failed;
} chunker;

/* zlib: the usual deflate, with the preset dictionary. */
static size_t deflate_zlib(chunker *c)
{
    uLong bound = deflateBound(&c->zs, (uLong)c->rec.len);
    if (deflateReset(&c->zs) != Z_OK ||
        (c->opt->dict && deflateSetDictionary(&c->zs, c->opt->dict, c->opt->dict_size) != Z_OK)) {
        c->failed = 1;
        return 0;
    }
    c->zs.next_in = c->rec.data;
    c->zs.avail_in = (uInt)c->rec.len;
    c->zs.next_out = c->zout;
    c->zs.avail_out = (uInt)bound;
    if (deflate(&c->zs, Z_FINISH) != Z_STREAM_END) {
        c->failed = 1;
        return 0;
    }
    return c->zs.total_out;
}

/* Zopfli searches far harder for the cheapest deflate encoding.  Bytes
 * before instart serve as history only, which is exactly what a preset
 * dictionary is to the inflater. */
static size_t deflate_zopfli(chunker *c)
{
    ZopfliOptions zo;
    unsigned char bp = 0, *out = NULL;
    size_t outsize = 0;
    ZopfliInitOptions(&zo);
    zo.numiterations = WRITER_ZOPFLI_ITERATIONS;
    c->window.len = 0;
    if (c->opt->dict)
        buf_add(&c->window, c->opt->dict, c->opt->dict_size);
    size_t start = c->window.len;
    buf_add(&c->window, c->rec.data, c->rec.len);
    ZopfliDeflatePart(&zo, 2, 1, c->window.data, start, c->window.len, &bp, &out, &outsize);
    if (!out || outsize > deflateBound(&c->zs, (uLong)c->rec.len) + 64) {
        free(out);
        return deflate_zlib(c); /* never worse than zlib's bound */
    }
    memcpy(c->zout, out, outsize);
    free(out);
    return outsize;
}

static void compress_record(chunker *c)
{
    rec_entry e;
    size_t packed = c->opt->level > 9 ? deflate_zopfli(c) : deflate_zlib(c);
    if (c->failed)
        return;
    e.text_offset = (uint32_t)(c->text_pos - c->rec.len);
    e.text_size = (uint32_t)c->rec.len;
    e.data_offset = (uint32_t)c->data.len; /* made absolute when laid out */
    e.flags = 0;
    const uint8_t *bytes = c->zout;
    e.stored_size = (uint32_t)packed;
    if (e.stored_size >= e.text_size) {
        /* Incompressible (or tiny) text is stored as it is. */
        bytes = c->rec.data;
        e.stored_size = e.text_size;
        e.flags = NWSB_RF_STORED;
    }
    e.crc = (uint32_t)crc32(crc32(0L, Z_NULL, 0), bytes, e.stored_size);
    buf_add(&c->data, bytes, e.stored_size);
    if (c->nrec == c->rec_cap) {
        c->rec_cap = c->rec_cap ? c->rec_cap * 2 : 64;
        c->recs = xrealloc(c->recs, c->rec_cap * sizeof *c->recs);
    }
    c->recs[c->nrec++] = e;
}

static void flush_record(chunker *c)
{
    if (c->rec.len == 0)
        return;
    compress_record(c);
    c->rec.len = 0;
    c->need_continue = 1;
}

static uint32_t room(const chunker *c)
{
    return c->cap - (uint32_t)c->rec.len;
}

static void append(chunker *c, const uint8_t *p, size_t n)
{
    buf_add(&c->rec, p, n);
    c->text_pos += n;
}

/* Before text, a style or a break lands in a fresh record, reopen the
 * block that the cut interrupted. */
static void reopen_block(chunker *c)
{
    if (!c->need_continue)
        return;
    c->need_continue = 0;
    uint8_t m[8];
    memcpy(m, c->marker, c->marker_len);
    m[1] |= NWS_ATTR_CONTINUED;
    append(c, m, c->marker_len);
    if (c->style != NWS_STYLE_REGULAR) {
        uint8_t s[2] = {NWS_MARK_STYLE, c->style};
        append(c, s, 2);
    }
}

static void ensure_room(chunker *c, uint32_t need)
{
    if (room(c) < need)
        flush_record(c);
    reopen_block(c);
}

/* Where to cut text that does not fit: after the last space that leaves
 * the record at least half full, else at the last character boundary. */
static size_t cut_point(const uint8_t *t, size_t len, size_t max)
{
    if (max >= len)
        return len;
    for (size_t i = max; i > max / 2; i--)
        if (t[i - 1] == ' ')
            return i;
    size_t i = max;
    while (i > 0 && (t[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static void add_text(chunker *c, const uint8_t *t, size_t len)
{
    while (len > 0) {
        ensure_room(c, TAIL_RESERVE < c->cap / 4 ? TAIL_RESERVE : 1);
        size_t n = cut_point(t, len, room(c));
        if (n == 0) {
            flush_record(c);
            continue;
        }
        append(c, t, n);
        t += n;
        len -= n;
        if (len > 0)
            flush_record(c);
    }
}

/* Feed one article's stream; returns its offset in the bundle text.
 * block_pos gets the stream offset of each block start (pictures are
 * anchored to blocks). */
static uint64_t add_article(chunker *c, const nwbuf *body, uint64_t *block_pos, size_t nblocks)
{
    size_t block = 0;
    nws_scanner s;
    nws_token t;
    uint64_t start = UINT64_MAX;
    nws_scan_init(&s, body->data, 0, (uint32_t)body->len);
    while (nws_scan_next(&s, &t) == 1) {
        const uint8_t *raw = body->data + t.offset;
        switch (t.kind) {
        case NWS_TOK_BLOCK: {
            size_t mlen = s.pos - t.offset;
            if (room(c) < mlen + TAIL_RESERVE)
                flush_record(c);
            c->need_continue = 0; /* a new block needs no reopening */
            if (start == UINT64_MAX)
                start = c->text_pos;
            if (block < nblocks)
                block_pos[block++] = c->text_pos;
            memcpy(c->marker, raw, mlen);
            c->marker_len = mlen;
            c->style = NWS_STYLE_REGULAR;
            append(c, raw, mlen);
            break;
        }
        case NWS_TOK_STYLE:
            ensure_room(c, 2 + TAIL_RESERVE);
            c->style = t.style;
            append(c, raw, 2);
            break;
        case NWS_TOK_BREAK:
            ensure_room(c, 1);
            append(c, raw, 1);
            break;
        case NWS_TOK_TEXT:
            add_text(c, t.text, t.len);
            break;
        }
    }
    return start == UINT64_MAX ? c->text_pos : start;
}

/* Strings are stored once each (sources, dates and languages repeat);
 * an open-addressing hash keeps that linear for 10,000s of articles. */
typedef struct strtab {
    nwbuf bytes;
    uint32_t *slots; /* offset + 1, 0 = empty */
    size_t nslots, used;
} strtab;

static uint32_t intern(strtab *st, const char *s)
{
    if (!s)
        return NWSB_NO_STRING;
    if (st->used * 2 >= st->nslots) {
        size_t n = st->nslots ? st->nslots * 2 : 256;
        uint32_t *slots = xcalloc(n, sizeof *slots);
        for (size_t i = 0; i < st->nslots; i++) {
            if (!st->slots[i])
                continue;
            const char *old = (const char *)st->bytes.data + st->slots[i] - 1;
            size_t j = (size_t)fnv1a64(FNV1A64_INIT, old) & (n - 1);
            while (slots[j])
                j = (j + 1) & (n - 1);
            slots[j] = st->slots[i];
        }
        free(st->slots);
        st->slots = slots;
        st->nslots = n;
    }
    size_t j = (size_t)fnv1a64(FNV1A64_INIT, s) & (st->nslots - 1);
    while (st->slots[j]) {
        if (strcmp((const char *)st->bytes.data + st->slots[j] - 1, s) == 0)
            return st->slots[j] - 1;
        j = (j + 1) & (st->nslots - 1);
    }
    uint32_t off = (uint32_t)st->bytes.len;
    buf_add(&st->bytes, s, strlen(s) + 1);
    st->slots[j] = off + 1;
    st->used++;
    return off;
}

static void add_section(nwbuf *dir, nwbuf *body, uint32_t type, const nwbuf *sec, int crc,
                        uint32_t base)
{
    buf_add32(dir, type);
    buf_add32(dir, base + (uint32_t)body->len);
    buf_add32(dir, (uint32_t)sec->len);
    buf_add32(dir, crc ? (uint32_t)crc32(crc32(0L, Z_NULL, 0), sec->data, (uInt)sec->len) : 0);
    buf_add(body, sec->data, sec->len);
}

int bundle_build(const article_list *arts, const bundle_meta *meta, const writer_options *opt,
                 nwbuf *out, writer_stats *stats)
{
    chunker c;
    strtab st = {0};
    nwbuf sec_meta = {0}, sec_art = {0}, sec_rec = {0}, sec_dict = {0}, dir = {0}, body = {0};
    nwbuf sec_img = {0}, sec_window = {0};
    image_sections imgs = {0};
    uint64_t *starts = xcalloc(arts->n ? arts->n : 1, sizeof *starts);
    int rc = -1;

    memset(&c, 0, sizeof c);
    c.opt = opt;
    c.cap = opt->record_max && opt->record_max < NWSB_RECORD_MAX ? opt->record_max
                                                                  : NWSB_RECORD_MAX;
    int wbits = opt->window_bits ? opt->window_bits : NWSB_WINDOW_BITS_MAX;
    if (wbits < NWSB_WINDOW_BITS_MIN || wbits > NWSB_WINDOW_BITS_MAX ||
        (wbits < NWSB_WINDOW_BITS_MAX && opt->level > 9)) {
        diag_error(NULL, 0, "deflate window of 2^%d bytes is not possible%s", wbits,
                   opt->level > 9 ? " with zopfli (level 10)" : "");
        free(starts);
        return -1;
    }
    imgs.window_bits = wbits;
    /* zlib keeps the dictionary's last 2^wbits bytes, as the inflater will. */
    if (deflateInit2(&c.zs, opt->level > 9 ? 9 : opt->level, Z_DEFLATED, -wbits, 9,
                     Z_DEFAULT_STRATEGY) != Z_OK) {
        diag_error(NULL, 0, "zlib: cannot start deflate");
        free(starts);
        return -1;
    }
    c.zout = xmalloc(deflateBound(&c.zs, NWSB_RECORD_MAX) + 64);
    for (size_t i = 0; i < arts->n && !c.failed; i++) {
        const nws_article *a = arts->v[i];
        uint64_t *block_pos = xcalloc(a->blocks + 1, sizeof *block_pos);
        starts[i] = add_article(&c, &a->body, block_pos, a->blocks);
        /* an image at the very end belongs before the next article */
        int bad = images_add_article(&imgs, a, (uint32_t)i, block_pos, c.text_pos) < 0;
        free(block_pos);
        if (bad)
            goto done;
        if (c.text_pos > UINT32_MAX - NWSB_RECORD_MAX)
            break;
    }
    flush_record(&c);
    if (c.failed) {
        diag_error(NULL, 0, "zlib: compression failed");
        goto done;
    }

    /* Metadata and index. */
    struct {
        const char *k, *v;
    } kv[] = {{"title", meta->title},
              {"created", meta->created},
              {"language", meta->language},
              {"generator", meta->generator}};
    uint32_t nkv = 0;
    for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++)
        nkv += kv[i].v != NULL && kv[i].v[0] != '\0';
    buf_add32(&sec_meta, nkv);
    for (size_t i = 0; i < sizeof kv / sizeof kv[0]; i++) {
        if (!kv[i].v || !kv[i].v[0])
            continue;
        buf_add32(&sec_meta, intern(&st, kv[i].k));
        buf_add32(&sec_meta, intern(&st, kv[i].v));
    }
    buf_add32(&sec_art, NWSB_ARTICLE_ENTRY_SIZE);
    buf_add32(&sec_art, (uint32_t)arts->n);
    size_t r = 0;
    for (size_t i = 0; i < arts->n; i++) {
        const nws_article *a = arts->v[i];
        uint64_t end = i + 1 < arts->n ? starts[i + 1] : c.text_pos;
        uint8_t e[NWSB_ARTICLE_ENTRY_SIZE];
        while (r + 1 < c.nrec && c.recs[r + 1].text_offset <= starts[i])
            r++;
        nwsb_put64(e + NWSB_A_ID, article_id(a));
        nwsb_put32(e + NWSB_A_TEXT_OFFSET, (uint32_t)starts[i]);
        nwsb_put32(e + NWSB_A_TEXT_SIZE, (uint32_t)(end - starts[i]));
        nwsb_put32(e + NWSB_A_FIRST_RECORD, (uint32_t)r);
        for (int f = 0; f < NWSB_FIELD_COUNT; f++)
            nwsb_put32(e + NWSB_A_FIELDS + 4 * f, intern(&st, a->field[f]));
        nwsb_put32(e + NWSB_A_FLAGS, a->flags);
        nwsb_put32(e + NWSB_A_SCRIPT, a->script);
        buf_add(&sec_art, e, sizeof e);
    }
    if (st.bytes.len == 0)
        buf_addc(&st.bytes, 0); /* the table must end in NUL */
    if (opt->dict_kind != NWSB_DICT_NONE) {
        buf_add32(&sec_dict, opt->dict_kind);
        buf_add32(&sec_dict, opt->dict_kind == NWSB_DICT_BUILTIN ? opt->dict_id : 0);
        buf_add32(&sec_dict, opt->dict_size);
        buf_add32(&sec_dict, (uint32_t)crc32(crc32(0L, Z_NULL, 0), opt->dict, opt->dict_size));
        if (opt->dict_kind == NWSB_DICT_EMBEDDED)
            buf_add(&sec_dict, opt->dict, opt->dict_size);
    }

    /* Lay out: header, directory, index sections, then the records.  The
     * record table needs absolute data offsets, so its position is known
     * before it is filled. */
    if (wbits < NWSB_WINDOW_BITS_MAX)
        buf_add32(&sec_window, (uint32_t)wbits);
    uint32_t nsec = 5 + (opt->dict_kind != NWSB_DICT_NONE) + 2 * (imgs.count > 0) +
                    (sec_window.len > 0);
    uint64_t img_table_size = imgs.count ? NWSB_TABLE_HEAD + (uint64_t)imgs.table.len : 0;
    uint64_t base = NWSB_HEADER_SIZE + (uint64_t)nsec * NWSB_DIRENT_SIZE;
    uint64_t rec_size = NWSB_TABLE_HEAD + (uint64_t)c.nrec * NWSB_RECORD_ENTRY_SIZE;
    uint64_t data_start = base + sec_meta.len + st.bytes.len + sec_art.len + rec_size +
                          sec_dict.len + sec_window.len + img_table_size;
    if (data_start + c.data.len + imgs.data.len > UINT32_MAX ||
        c.text_pos > UINT32_MAX - NWSB_RECORD_MAX) {
        diag_error(NULL, 0, "bundle would exceed 4 GiB; pack fewer articles");
        goto done;
    }
    buf_add32(&sec_rec, NWSB_RECORD_ENTRY_SIZE);
    buf_add32(&sec_rec, (uint32_t)c.nrec);
    for (size_t i = 0; i < c.nrec; i++) {
        uint8_t e[NWSB_RECORD_ENTRY_SIZE];
        nwsb_put32(e + NWSB_R_DATA_OFFSET, (uint32_t)data_start + c.recs[i].data_offset);
        nwsb_put32(e + NWSB_R_STORED_SIZE, c.recs[i].stored_size);
        nwsb_put32(e + NWSB_R_TEXT_OFFSET, c.recs[i].text_offset);
        nwsb_put32(e + NWSB_R_TEXT_SIZE, c.recs[i].text_size);
        nwsb_put32(e + NWSB_R_CRC, c.recs[i].crc);
        nwsb_put32(e + NWSB_R_FLAGS, c.recs[i].flags);
        buf_add(&sec_rec, e, sizeof e);
    }
    add_section(&dir, &body, NWSB_SEC_META, &sec_meta, 1, (uint32_t)base);
    add_section(&dir, &body, NWSB_SEC_STRINGS, &st.bytes, 1, (uint32_t)base);
    add_section(&dir, &body, NWSB_SEC_ARTICLES, &sec_art, 1, (uint32_t)base);
    add_section(&dir, &body, NWSB_SEC_RECORDS, &sec_rec, 1, (uint32_t)base);
    if (opt->dict_kind != NWSB_DICT_NONE)
        add_section(&dir, &body, NWSB_SEC_DICT, &sec_dict, 1, (uint32_t)base);
    if (sec_window.len)
        add_section(&dir, &body, NWSB_SEC_WINDOW, &sec_window, 1, (uint32_t)base);
    if (imgs.count) {
        images_table(&imgs, (uint32_t)(data_start + c.data.len), &sec_img);
        add_section(&dir, &body, NWSB_SEC_IMAGES, &sec_img, 1, (uint32_t)base);
    }
    add_section(&dir, &body, NWSB_SEC_DATA, &c.data, 0, (uint32_t)base);
    if (imgs.count)
        /* A real CRC, though each picture has its own: 1.0 readers check
         * the CRC of every section they do not know. */
        add_section(&dir, &body, NWSB_SEC_IMAGE_DATA, &imgs.data, 1, (uint32_t)base);

    uint8_t h[NWSB_HEADER_SIZE] = {0};
    uint32_t file_size = (uint32_t)(base + body.len);
    memcpy(h, NWSB_MAGIC, NWSB_MAGIC_LEN);
    nwsb_put16(h + NWSB_H_MAJOR, NWSB_VERSION_MAJOR);
    nwsb_put16(h + NWSB_H_MINOR, sec_window.len ? NWSB_VERSION_MINOR_WINDOW : 1);
    nwsb_put32(h + NWSB_H_FLAGS, 0);
    nwsb_put32(h + NWSB_H_FILE_SIZE, file_size);
    nwsb_put32(h + NWSB_H_SECTION_COUNT, nsec);
    uLong crc = crc32(crc32(0L, Z_NULL, 0), h, NWSB_H_CRC);
    crc = crc32(crc, dir.data, (uInt)dir.len);
    nwsb_put32(h + NWSB_H_CRC, (uint32_t)crc);
    out->len = 0;
    buf_add(out, h, sizeof h);
    buf_add(out, dir.data, dir.len);
    buf_add(out, body.data, body.len);

    stats->articles = (uint32_t)arts->n;
    stats->records = (uint32_t)c.nrec;
    stats->text_size = (uint32_t)c.text_pos;
    stats->stored_size = (uint32_t)c.data.len;
    stats->file_size = file_size;
    stats->images = imgs.count;
    stats->image_size = (uint32_t)imgs.data.len;
    rc = 0;
done:
    deflateEnd(&c.zs);
    free(c.zout);
    free(c.recs);
    buf_free(&c.rec);
    buf_free(&c.window);
    buf_free(&c.data);
    buf_free(&st.bytes);
    free(st.slots);
    buf_free(&sec_meta);
    buf_free(&sec_art);
    buf_free(&sec_rec);
    buf_free(&sec_dict);
    buf_free(&sec_window);
    buf_free(&dir);
    buf_free(&body);
    buf_free(&sec_img);
    images_free(&imgs);
    free(starts);
    return rc;
}
