/* newspack_inspect.c -- "newspack ls / cat / info / verify": reading
 * bundles on the host through the same reader the device uses. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../bundle/nwsb.h"
#include "../app/bundle_file.h"
#include "../app/diag.h"
#include "../text/nws_text.h"
#include "../text/scripts.h"
#include "newspack.h"

/* Longest metadata string printed whole; longer ones are cut. */
#define FIELD_MAX 4096

static int only_help(int argc, char **argv, const char *cmd, const char *help, int nargs)
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
    if (argc - optind != nargs)
        return usage_error(cmd, "expects %s", nargs == 1 ? "BUNDLE" : "BUNDLE N");
    return -1;
}

static int report_open_error(const char *path, int rc, const nwsb_diag *d)
{
    char place[128];
    if (rc == NWSB_E_IO && !d->part)
        return EXIT_FAIL; /* bundle_file_open already said why */
    bundle_diag_place(d, place, sizeof place);
    diag_error(path, 0, "%s: %s", place, nwsb_strerror(rc));
    return EXIT_FAIL;
}

static int open_or_report(const char *path, bundle_file *bf)
{
    nwsb_diag d;
    memset(&d, 0, sizeof d);
    int rc = bundle_file_open(path, bf, &d);
    return rc == NWSB_OK ? 0 : report_open_error(path, rc, &d);
}

int cmd_ls(int argc, char **argv)
{
    static const char help[] = "Usage: newspack ls BUNDLE\n"
                               "List the articles: index<TAB>date<TAB>title, one per line.\n";
    int rc = only_help(argc, argv, "ls", help, 1);
    bundle_file bf;
    char date[128], title[FIELD_MAX];
    if (rc >= 0)
        return rc;
    if (open_or_report(argv[optind], &bf))
        return EXIT_FAIL;
    for (uint32_t i = 0; i < nwsb_article_count(bf.b); i++) {
        nwsb_article_field(bf.b, i, NWSB_FIELD_DATE, date, sizeof date);
        nwsb_article_field(bf.b, i, NWSB_FIELD_TITLE, title, sizeof title);
        printf("%u\t%s\t%s\n", (unsigned)i + 1, date, title);
    }
    bundle_file_close(&bf);
    return fflush(stdout) == 0 ? EXIT_OK : EXIT_FAIL;
}

/* Text without the invisible layout hints: soft hyphen, zero-width space,
 * word joiner, zero-width no-break space. */
static void put_visible(const uint8_t *t, uint32_t n)
{
    uint32_t run = 0;
    for (uint32_t i = 0; i < n;) {
        uint32_t skip = 0;
        if (i + 1 < n && t[i] == 0xC2 && t[i + 1] == 0xAD)
            skip = 2;
        else if (i + 2 < n && t[i] == 0xE2 && t[i + 1] == 0x80 && t[i + 2] == 0x8B)
            skip = 3;
        else if (i + 2 < n && t[i] == 0xE2 && t[i + 1] == 0x81 && t[i + 2] == 0xA0)
            skip = 3;
        else if (i + 2 < n && t[i] == 0xEF && t[i + 1] == 0xBB && t[i + 2] == 0xBF)
            skip = 3;
        if (skip) {
            fwrite(t + run, 1, i - run, stdout);
            i += skip;
            run = i;
        } else {
            i++;
        }
    }
    fwrite(t + run, 1, n - run, stdout);
}

typedef struct cat_state {
    int blocks;
    const nwsb_bundle *b;
    uint32_t article;
} cat_state;

/* Pictures of the article anchored at stream offset at, as blocks. */
static void print_pictures(cat_state *st, uint32_t at)
{
    for (uint32_t i = nwsb_image_find(st->b, at); i < nwsb_image_count(st->b); i++) {
        nwsb_image im;
        if (nwsb_image_get(st->b, i, &im) != NWSB_OK || im.text_offset != at)
            break;
        if (im.article != st->article)
            continue;
        if (st->blocks++)
            fputs("\n\n", stdout);
        printf("[Picture %ux%u]", im.width, im.height);
    }
}

static int print_range(const uint8_t *buf, uint32_t base, uint32_t from, uint32_t to,
                       cat_state *st)
{
    nws_scanner s;
    nws_token t;
    int r;
    nws_scan_init(&s, buf, from, to);
    while ((r = nws_scan_next(&s, &t)) == 1) {
        switch (t.kind) {
        case NWS_TOK_BLOCK:
            if (t.continued)
                break;
            print_pictures(st, base + t.offset);
            if (st->blocks++)
                fputs("\n\n", stdout);
            if (t.block_type == NWS_BLOCK_LIST_ITEM) {
                for (unsigned d = 0; d < t.depth; d++)
                    fputs("  ", stdout);
                if (t.ordinal)
                    printf("%u. ", (unsigned)t.ordinal);
                else
                    fputs("- ", stdout);
            }
            break;
        case NWS_TOK_BREAK:
            fputc('\n', stdout);
            break;
        case NWS_TOK_TEXT:
            put_visible(t.text, t.len);
            break;
        case NWS_TOK_STYLE:
            break;
        }
    }
    return r;
}

int cmd_cat(int argc, char **argv)
{
    static const char help[] =
        "Usage: newspack cat BUNDLE N\n"
        "Print article N (from 1): title, a blank line, the known metadata\n"
        "(Date, Author, Source, URL, Language; Script and Direction when not Latin\n"
        "or not left to right), a blank line, then the blocks separated by blank\n"
        "lines (list items prefixed \"- \"; a picture as \"[Picture WxH]\", its\n"
        "caption the block after it).\n";
    static const struct {
        nwsb_field f;
        const char *label;
    } labels[] = {{NWSB_FIELD_DATE, "Date"},
                  {NWSB_FIELD_AUTHOR, "Author"},
                  {NWSB_FIELD_SOURCE, "Source"},
                  {NWSB_FIELD_URL, "URL"},
                  {NWSB_FIELD_LANGUAGE, "Language"}};
    int rc = only_help(argc, argv, "cat", help, 2);
    bundle_file bf;
    char *end, field[FIELD_MAX];
    if (rc >= 0)
        return rc;
    const char *path = argv[optind];
    unsigned long n = strtoul(argv[optind + 1], &end, 10);
    if (!argv[optind + 1][0] || *end || n == 0 || argv[optind + 1][0] == '-')
        return usage_error("cat", "N must be an article number from 1, not '%s'",
                           argv[optind + 1]);
    if (open_or_report(path, &bf))
        return EXIT_FAIL;
    uint32_t count = nwsb_article_count(bf.b);
    if (n > count) {
        diag_error(path, 0, "no article %lu (the bundle has %u)", n, (unsigned)count);
        bundle_file_close(&bf);
        return EXIT_FAIL;
    }
    uint32_t ai = (uint32_t)(n - 1);
    nwsb_article a;
    nwsb_article_get(bf.b, ai, &a);
    nwsb_article_field(bf.b, ai, NWSB_FIELD_TITLE, field, sizeof field);
    printf("%s\n\n", field);
    int any = 0;
    for (size_t k = 0; k < sizeof labels / sizeof labels[0]; k++) {
        nwsb_article_field(bf.b, ai, labels[k].f, field, sizeof field);
        if (field[0]) {
            printf("%s: %s\n", labels[k].label, field);
            any = 1;
        }
    }
    const nws_script *sc = nws_script_find(a.script);
    if (sc && strcmp(sc->code, "Latn") != 0) {
        printf("Script: %s (%s)%s\n", sc->name, sc->code,
               (a.flags & NWSB_AF_COMPLEX) ? ", shown as a notice on the reader" : "");
        any = 1;
    }
    if (a.flags & NWSB_AF_RTL) {
        printf("Direction: right to left\n");
        any = 1;
    }
    if (any)
        fputc('\n', stdout);

    uint8_t *buf = malloc(NWSB_RECORD_MAX);
    cat_state st = {0, bf.b, ai};
    rc = EXIT_OK;
    uint32_t pos = a.text_offset, stop = a.text_offset + a.text_size;
    for (uint32_t r = a.first_record; pos < stop && buf; r++) {
        nwsb_record rec;
        nwsb_diag d;
        uint32_t len;
        int e = nwsb_record_get(bf.b, r, &rec);
        if (e == NWSB_OK)
            e = nwsb_record_read(bf.b, r, buf, NWSB_RECORD_MAX, &len, &d);
        else
            d = (nwsb_diag){"record", r, 0, 1};
        if (e != NWSB_OK) {
            char place[128];
            fflush(stdout);
            bundle_diag_place(&d, place, sizeof place);
            diag_error(path, 0, "%s: %s", place, nwsb_strerror(e));
            rc = EXIT_FAIL;
            break;
        }
        uint32_t from = pos - rec.text_offset;
        uint32_t to = (stop < rec.text_offset + len ? stop : rec.text_offset + len) - rec.text_offset;
        if (print_range(buf, rec.text_offset, from, to, &st) < 0) {
            fflush(stdout);
            diag_error(path, 0, "record %u: %s", (unsigned)r, nwsb_strerror(NWSB_E_TEXT));
            rc = EXIT_FAIL;
            break;
        }
        pos = rec.text_offset + len;
    }
    if (rc == EXIT_OK)
        print_pictures(&st, stop);
    if (st.blocks)
        fputc('\n', stdout);
    free(buf);
    bundle_file_close(&bf);
    if (fflush(stdout) != 0)
        rc = EXIT_FAIL;
    return rc;
}
