/* newspack_check.c -- "newspack info" and "newspack verify". */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../bundle/nwsb.h"
#include "../app/bundle_file.h"
#include "../app/diag.h"
#include "../text/nws_text.h"
#include "newspack.h"

static int parse_args(int argc, char **argv, const char *cmd, const char *help)
{
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'}, {0, 0, 0, 0}};
    int c;
    while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        if (c == 'h') {
            fputs(help, stdout);
            return EXIT_OK;
        }
        return usage_error(cmd, "bad option");
    }
    if (argc - optind != 1)
        return usage_error(cmd, "expects one BUNDLE");
    return -1;
}

static void report(const char *path, int err, const nwsb_diag *d)
{
    char place[128];
    bundle_diag_place(d, place, sizeof place);
    diag_error(path, 0, "%s: %s", place, nwsb_strerror(err));
}

static int open_checked(const char *path, bundle_file *bf)
{
    nwsb_diag d;
    memset(&d, 0, sizeof d);
    int rc = bundle_file_open(path, bf, &d);
    if (rc == NWSB_OK)
        return 0;
    if (!(rc == NWSB_E_IO && !d.part))
        report(path, rc, &d);
    return -1;
}

static const char *section_name(uint32_t type)
{
    static const char *const names[] = {"?",          "metadata", "strings",
                                        "articles",   "records",  "dictionary",
                                        "data",       "images",   "image data",
                                        "window"};
    return type < sizeof names / sizeof names[0] ? names[type] : "unknown";
}

int cmd_info(int argc, char **argv)
{
    static const char help[] = "Usage: newspack info BUNDLE\n"
                               "Show counts, sizes, compression ratio, records, the\n"
                               "dictionary, the sections and the format version.\n";
    int rc = parse_args(argc, argv, "info", help);
    bundle_file bf;
    char v[512];
    if (rc >= 0)
        return rc;
    const char *path = argv[optind];
    if (open_checked(path, &bf))
        return EXIT_FAIL;
    nwsb_bundle *b = bf.b;
    unsigned major, minor;
    uint32_t kind, id, dsize, stored = 0, biggest = 0, stored_raw = 0;
    nwsb_version(b, &major, &minor);
    nwsb_dict_info(b, &kind, &id, &dsize);
    for (uint32_t i = 0; i < nwsb_record_count(b); i++) {
        nwsb_record r;
        nwsb_record_get(b, i, &r);
        stored += r.stored_size;
        stored_raw += (r.flags & NWSB_RF_STORED) != 0;
        if (r.text_size > biggest)
            biggest = r.text_size;
    }
    printf("file:              %s\n", path);
    printf("format version:    %u.%u\n", major, minor);
    printf("file size:         %u bytes\n", nwsb_file_size(b));
    static const char *const keys[] = {"title", "created", "language", "generator"};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++)
        if (nwsb_meta_lookup(b, keys[k], v, sizeof v) == NWSB_OK)
            printf("%s:%*s%s\n", keys[k], (int)(18 - strlen(keys[k])), "", v);
    printf("articles:          %u\n", nwsb_article_count(b));
    printf("records:           %u (largest %u text bytes; %u stored uncompressed)\n",
           nwsb_record_count(b), biggest, stored_raw);
    uint32_t text = nwsb_text_size(b);
    printf("text:              %u bytes\n", text);
    printf("compressed text:   %u bytes\n", stored);
    if (text)
        printf("compression ratio: %.3f (%.1f%% of the text; whole file %.1f%%)\n",
               (double)text / (stored ? stored : 1), 100.0 * stored / text,
               100.0 * nwsb_file_size(b) / text);
    uint32_t npic = nwsb_image_count(b), pic_bytes = 0;
    for (uint32_t i = 0; i < npic; i++) {
        nwsb_image im;
        nwsb_image_get(b, i, &im);
        pic_bytes += im.stored_size;
    }
    if (npic)
        printf("pictures:          %u (%u bytes stored, widest %u pixels)\n", npic, pic_bytes,
               nwsb_image_max_width(b));
    if (kind == NWSB_DICT_BUILTIN)
        printf("dictionary:        built-in news dictionary, id %u, %u bytes\n", id, dsize);
    else if (kind == NWSB_DICT_EMBEDDED)
        printf("dictionary:        embedded, %u bytes\n", dsize);
    else
        printf("dictionary:        none\n");
    unsigned wbits = nwsb_window_bits(b);
    printf("deflate window:    %u KiB%s\n", (1u << wbits) / 1024u,
           wbits < NWSB_WINDOW_BITS_MAX ? " (packed for a small reader)" : "");
    printf("sections:\n");
    for (uint32_t i = 0; i < nwsb_section_count(b); i++) {
        nwsb_section s;
        nwsb_section_info(b, i, &s);
        printf("  %-11s offset %8u  size %8u  crc %08x\n", section_name(s.type), s.offset,
               s.size, s.crc);
    }
    bundle_file_close(&bf);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
}

static int cmp_first_record(const void *a, const void *b)
{
    const nwsb_article *x = a, *y = b;
    return x->first_record < y->first_record ? -1 : x->first_record > y->first_record;
}

/* Every picture decodes to exactly its rows. */
static unsigned verify_pictures(const char *path, nwsb_bundle *b)
{
    unsigned damaged = 0;
    uint8_t *row = malloc(nwsb_image_max_width(b) + 1u);
    for (uint32_t i = 0; row && i < nwsb_image_count(b); i++) {
        nwsb_image_stream s;
        nwsb_diag d;
        int e = nwsb_image_open(b, i, &s, &d);
        for (uint32_t y = 0; e == NWSB_OK && y < s.img.height; y++)
            e = nwsb_image_row(b, &s, row, &d);
        if (e != NWSB_OK) {
            report(path, e, &d);
            damaged++;
        }
    }
    free(row);
    return damaged;
}

int cmd_verify(int argc, char **argv)
{
    static const char help[] =
        "Usage: newspack verify BUNDLE\n"
        "Check the header, every section, every record and every picture: checksums,\n"
        "that each record decompresses to its stated size and its text is well\n"
        "formed, and that each picture decompresses to exactly its rows.\n"
        "Exit 0 if intact; otherwise each damaged part is named and the exit is 1.\n";
    int rc = parse_args(argc, argv, "verify", help);
    bundle_file bf;
    if (rc >= 0)
        return rc;
    const char *path = argv[optind];
    if (open_checked(path, &bf))
        return EXIT_FAIL;
    nwsb_bundle *b = bf.b;
    unsigned damaged = 0;
    if (bf.size > nwsb_file_size(b)) {
        diag_error(path, 0, "%zu bytes after the end of the bundle",
                   bf.size - nwsb_file_size(b));
        damaged++;
    }
    /* Articles ordered by their first record, to check each one starts on
     * a block while that record is decoded anyway. */
    uint32_t na = nwsb_article_count(b), next = 0;
    nwsb_article *arts = malloc((na ? na : 1) * sizeof *arts);
    uint8_t *buf = malloc(NWSB_RECORD_MAX);
    if (!arts || !buf) {
        diag_error(path, 0, "out of memory");
        free(arts);
        free(buf);
        bundle_file_close(&bf);
        return EXIT_FAIL;
    }
    for (uint32_t i = 0; i < na; i++)
        nwsb_article_get(b, i, &arts[i]);
    qsort(arts, na, sizeof *arts, cmp_first_record);
    for (uint32_t r = 0; r < nwsb_record_count(b); r++) {
        nwsb_diag d;
        nwsb_record rec;
        uint32_t len;
        int e = nwsb_record_read(b, r, buf, NWSB_RECORD_MAX, &len, &d);
        nwsb_record_get(b, r, &rec);
        while (next < na && arts[next].first_record < r)
            next++;
        if (e != NWSB_OK) {
            report(path, e, &d);
            damaged++;
            continue;
        }
        uint32_t bad = nws_text_check(buf, len);
        if (bad) {
            diag_error(path, 0, "record %u (offset %u): text stream malformed at byte %u",
                       (unsigned)r, (unsigned)rec.data_offset, (unsigned)(bad - 1));
            damaged++;
            continue;
        }
        for (; next < na && arts[next].first_record == r; next++) {
            uint32_t at = arts[next].text_offset - rec.text_offset;
            if (arts[next].text_size > 0 &&
                (buf[at] != NWS_MARK_BLOCK || (buf[at + 1] & NWS_ATTR_CONTINUED))) {
                diag_error(path, 0, "article index: an article does not start at a block "
                                    "(record %u)", (unsigned)r);
                damaged++;
            }
        }
    }
    damaged += verify_pictures(path, b);
    unsigned major, minor;
    nwsb_version(b, &major, &minor);
    if (!damaged)
        printf("%s: OK (format %u.%u, %u articles, %u records, %u pictures, all checksums "
               "match)\n",
               path, major, minor, na, nwsb_record_count(b), nwsb_image_count(b));
    else
        diag_error(path, 0, "damaged: %u problem%s found", damaged, damaged == 1 ? "" : "s");
    free(arts);
    free(buf);
    bundle_file_close(&bf);
    return damaged ? EXIT_FAIL : (fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL);
}
