/* newspack_build.c -- "newspack build": inputs in, one bundle out. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../bundle/nwsb_dict.h"
#include "../host/atomic_file.h"
#include "../host/bundle_writer.h"
#include "../app/diag.h"
#include "../host/dates.h"
#include "../board/board.h"
#include "../host/hyphenate.h"
#include "../host/image_load.h"
#include "../host/input.h"
#include "../host/lang_guess.h"
#include "../host/script_detect.h"
#include "../host/select.h"
#include "newspack.h"

static const char build_help[] =
    "Usage: newspack build -o OUT.nwsb [OPTIONS] INPUT...\n"
    "Pack articles into a bundle.  INPUT is a file, a directory (searched\n"
    "recursively for articles, pages and feeds, sorted by path) or - for standard\n"
    "input.  Plain text (.txt), Markdown (.md), saved web pages (.html: the\n"
    "article is extracted) and RSS/Atom/JSON feeds (.rss .atom .xml .json: each\n"
    "entry is an article) are read.  Articles are numbered in the order given.\n"
    "\n"
    "  -o, --output FILE     the bundle to write (replaced atomically)\n"
    "  -f, --format FMT      read inputs as FMT: text, markdown, html, feed or\n"
    "                        auto (by extension and content; the default)\n"
    "      --max-articles N  keep the N newest articles\n"
    "      --since DATE      leave out articles dated before DATE (undated stay)\n"
    "      --skip-seen OLD   leave out articles already in the bundle OLD\n"
    "      --no-smart        keep straight quotes, -- and ... as typed\n"
    "      --no-hyphenate    insert no soft hyphens (default: hyphenate running\n"
    "                        text by each article's language with libhyphen)\n"
    "      --hyphen-min L,R[,W]  fewest letters before and after a hyphen, and in\n"
    "                        a word to hyphenate (2,3,7)\n"
    "      --hyphen-dir DIR  where the hyph_*.dic patterns are (/usr/share/hyphen)\n"
    "      --image-width N   scale pictures down to N pixels wide at most (default:\n"
    "                        the text width of the largest board)\n"
    "      --no-images       keep captions and alt text, leave pictures out\n"
    "  -t, --title TEXT      bundle title (default: the output name)\n"
    "  -l, --language CODE   bundle language (default: the articles' most common)\n"
    "      --dict WHICH      preset dictionary: builtin (default), none, or a file\n"
    "                        of up to 32 KiB to embed in the bundle\n"
    "      --level LEVEL     compression: 0-9 (zlib), max (zopfli: about 4%\n"
    "                        smaller, 20x slower), or auto (the default: max up\n"
    "                        to 8 MiB of text, else 9)\n"
    "      --record-size N   text bytes per record, 256-8192 (default 8192)\n"
    "      --window SIZE     deflate window: a power of two from 512 to 32K (the\n"
    "                        default); readers need this much RAM to decode, so\n"
    "                        8K suits a microcontroller (bundle ~10% larger)\n"
    "  -q, --quiet           no warnings, progress or summary\n"
    "  -h, --help            show this help\n";

/* Zopfli packs about 0.2 MB/s: a daily edition takes seconds, but a
 * huge pack would take minutes, so auto switches to zlib past this. */
#define AUTO_MAX_TEXT (8u << 20)

typedef struct build_opts {
    const char *output, *title, *language, *dict;
    input_options in;
    int level, quiet;
    unsigned record_size;
    int window_bits;
    select_options sel;
    char since[16];
    int no_hyphenate, no_images;
    unsigned image_width;
    hyphen_options hy;
} build_opts;

/* Pictures are stored at most as large as the largest board's text area,
 * so that no board has to enlarge one. */
static void default_image_box(uint32_t *w, uint32_t *h)
{
    *w = *h = 0;
    for (size_t i = 0; i < nws_board_count; i++) {
        const nws_board *b = nws_boards[i];
        uint32_t bw = b->width - b->insets.left - b->insets.right - 2u * b->margin_px;
        uint32_t bh = b->height - b->insets.top - b->insets.bottom - 2u * b->margin_px;
        if (bw > *w)
            *w = bw;
        if (bh > *h)
            *h = bh;
    }
}

static int parse_uint(const char *s, unsigned lo, unsigned hi, unsigned *out)
{
    char *end;
    unsigned long v = strtoul(s, &end, 10);
    if (!*s || *end || v < lo || v > hi)
        return -1;
    *out = (unsigned)v;
    return 0;
}

static char *iso_now(void)
{
    /* SOURCE_DATE_EPOCH makes builds reproducible (reproducible-builds.org). */
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    time_t t = sde && *sde ? (time_t)strtoll(sde, NULL, 10) : time(NULL);
    struct tm tm;
    char buf[32];
    gmtime_r(&t, &tm);
    strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return xstrdup(buf);
}

static char *default_title(const char *output)
{
    const char *base = strrchr(output, '/');
    base = base ? base + 1 : output;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot > base ? (size_t)(dot - base) : strlen(base);
    return xstrndup(base, n);
}

/* The language most articles declare, if any do. */
static const char *common_language(const article_list *l)
{
    const char *best = NULL;
    size_t best_n = 0;
    for (size_t i = 0; i < l->n; i++) {
        const char *lang = l->v[i]->field[NWSB_FIELD_LANGUAGE];
        size_t n = 0;
        if (!lang)
            continue;
        for (size_t j = 0; j < l->n; j++)
            n += l->v[j]->field[NWSB_FIELD_LANGUAGE] &&
                 strcmp(l->v[j]->field[NWSB_FIELD_LANGUAGE], lang) == 0;
        if (n > best_n) {
            best = lang;
            best_n = n;
        }
        if (best_n * 2 > l->n)
            break;
    }
    return best;
}

static int load_dict(const char *which, writer_options *w, nwbuf *owned)
{
    if (!which || strcmp(which, "builtin") == 0) {
        w->dict_kind = NWSB_DICT_BUILTIN;
        w->dict_id = nwsb_news_dict_id;
        w->dict = nwsb_news_dict;
        w->dict_size = nwsb_news_dict_size;
        return 0;
    }
    if (strcmp(which, "none") == 0) {
        w->dict_kind = NWSB_DICT_NONE;
        return 0;
    }
    FILE *f = fopen(which, "rb");
    if (!f) {
        diag_error(which, 0, "cannot open dictionary: %s", strerror(errno));
        return -1;
    }
    buf_reserve(owned, NWSB_DICT_MAX + 1);
    owned->len = fread(owned->data, 1, NWSB_DICT_MAX + 1, f);
    fclose(f);
    if (owned->len == 0 || owned->len > NWSB_DICT_MAX) {
        diag_error(which, 0, "a dictionary must hold 1 to %u bytes", NWSB_DICT_MAX);
        return -1;
    }
    w->dict_kind = NWSB_DICT_EMBEDDED;
    w->dict = owned->data;
    w->dict_size = (uint32_t)owned->len;
    return 0;
}

static void progress(const build_opts *o, size_t i, size_t n, const char *path)
{
    static int tty = -1;
    if (tty < 0)
        tty = isatty(STDERR_FILENO);
    if (o->quiet || !tty || n < 50)
        return;
    if (path)
        fprintf(stderr, "\r\033[K[%zu/%zu] %.60s", i + 1, n, path);
    else
        fprintf(stderr, "\r\033[K");
}

/* Script, direction and soft hyphens: after selection, so that articles
 * left out cost nothing. */
static void finish_articles(const build_opts *o, article_list *arts)
{
    /* An article that names no language (plain text, Markdown, many
     * feeds) takes --language, else a guess from its words. */
    for (size_t i = 0; i < arts->n && !o->language; i++) {
        nws_article *a = arts->v[i];
        const char *guess = a->field[NWSB_FIELD_LANGUAGE]
                                ? NULL
                                : lang_guess((const char *)a->body.data, a->body.len);
        if (guess)
            article_set(a, NWSB_FIELD_LANGUAGE, guess, strlen(guess));
    }
    hyphen_options hy = o->hy;
    hy.fallback_language = o->language ? o->language : common_language(arts);
    hyphenator *h = o->no_hyphenate ? NULL : hyphenator_new(&hy);
    for (size_t i = 0; i < arts->n; i++) {
        nws_article *a = arts->v[i];
        script_detect(a);
        /* patterns are for alphabets; complex scripts stay untouched */
        if (h && !(a->flags & NWSB_AF_COMPLEX))
            hyphenate_article(h, a);
    }
    hyphenator_free(h);
}

/* Why inputs were skipped, counted by reason, in order of first sight. */
typedef struct skip_tally {
    const char *reason[8];
    size_t count[8], n;
} skip_tally;

static void tally_add(skip_tally *t, const char *reason)
{
    if (!reason)
        reason = "unreadable";
    for (size_t k = 0; k < t->n; k++)
        if (strcmp(t->reason[k], reason) == 0) {
            t->count[k]++;
            return;
        }
    if (t->n < sizeof t->reason / sizeof t->reason[0]) {
        t->reason[t->n] = reason;
        t->count[t->n++] = 1;
    }
}

static int run_build(const build_opts *o, char **paths, size_t npaths)
{
    article_list arts = {0};
    writer_options w = {0};
    nwbuf dict = {0}, image = {0};
    writer_stats st;
    size_t skipped = 0, failed = 0;
    int rc = EXIT_FAIL;

    w.level = o->level;
    w.record_max = o->record_size;
    w.window_bits = o->window_bits;
    if (load_dict(o->dict, &w, &dict) < 0)
        goto out;
    skip_tally why = {0};
    for (size_t i = 0; i < npaths; i++) {
        progress(o, i, npaths, paths[i]);
        const char *reason = NULL;
        int r = input_read(paths[i], &o->in, &arts, &reason);
        if (r == 1)
            tally_add(&why, reason);
        skipped += r == 1;
        failed += r < 0;
    }
    progress(o, 0, npaths, NULL);
    select_stats sel;
    if (select_articles(&arts, &o->sel, &sel) < 0) {
        diag_error(o->output, 0, "not written: --skip-seen bundle unreadable");
        goto out;
    }
    if (!o->quiet && (sel.duplicates || sel.older || sel.seen || sel.over_max)) {
        fprintf(stderr, "newspack: left out:");
        const char *sep = " ";
        if (sel.duplicates) {
            fprintf(stderr, "%s%zu duplicate%s", sep, sel.duplicates, sel.duplicates == 1 ? "" : "s");
            sep = ", ";
        }
        if (sel.older) {
            fprintf(stderr, "%s%zu dated before %s", sep, sel.older, o->sel.since);
            sep = ", ";
        }
        if (sel.seen) {
            fprintf(stderr, "%s%zu already in %s", sep, sel.seen, o->sel.seen);
            sep = ", ";
        }
        if (sel.over_max)
            fprintf(stderr, "%s%zu past --max-articles %zu", sep, sel.over_max,
                    o->sel.max_articles);
        fputc('\n', stderr);
    }
    if (arts.n == 0) {
        diag_error(o->output, 0, "not written: no articles to pack");
        goto out;
    }
    finish_articles(o, &arts);
    const char *language = o->language ? o->language : common_language(&arts);
    if (w.level < 0) {
        size_t text = 0;
        for (size_t i = 0; i < arts.n; i++)
            text += arts.v[i]->body.len;
        /* zopfli's window is 32 KiB, fixed when it was compiled */
        w.level = text <= AUTO_MAX_TEXT && o->window_bits == NWSB_WINDOW_BITS_MAX
                      ? WRITER_LEVEL_MAX : 9;
    }
    char *created = iso_now();
    char *title = o->title ? xstrdup(o->title) : default_title(o->output);
    bundle_meta meta = {title, created, language, "newspack " NEWSPACK_VERSION};
    int built = bundle_build(&arts, &meta, &w, &image, &st);
    free(created);
    free(title);
    if (built < 0)
        goto out;
    if (strcmp(o->output, "-") == 0) {
        if (fwrite(image.data, 1, image.len, stdout) != image.len || fflush(stdout) != 0) {
            diag_error("-", 0, "write failed");
            goto out;
        }
    } else if (atomic_write(o->output, image.data, image.len) < 0) {
        goto out;
    }
    char pics[64] = "";
    if (st.images)
        snprintf(pics, sizeof pics, "%u picture%s, %u bytes; ", st.images,
                 st.images == 1 ? "" : "s", st.image_size);
    if (!o->quiet)
        fprintf(stderr,
                "newspack: %s: %u article%s, %u record%s; text %u bytes, stored %u (%.1f%%); "
                "%s"
                "file %u bytes%s",
                o->output, st.articles, st.articles == 1 ? "" : "s", st.records,
                st.records == 1 ? "" : "s", st.text_size, st.stored_size,
                st.text_size ? 100.0 * st.stored_size / st.text_size : 0.0, pics, st.file_size,
                skipped ? "" : "\n");
    if (!o->quiet && skipped) {
        fprintf(stderr, "; %zu input%s skipped (", skipped, skipped == 1 ? "" : "s");
        for (size_t k = 0; k < why.n; k++)
            fprintf(stderr, "%s%zu %s", k ? ", " : "", why.count[k], why.reason[k]);
        fprintf(stderr, ")\n");
    }
    if (failed) {
        /* The bundle holds everything that could be read; the status
         * says that something could not. */
        diag_error(o->output, 0, "written without %zu input%s that could not be read", failed,
                   failed == 1 ? "" : "s");
        goto out;
    }
    rc = EXIT_OK;
out:
    article_list_free(&arts);
    buf_free(&dict);
    buf_free(&image);
    return rc;
}

/* "8K", "8192", "32k": zlib's window bits, or -1. */
static int parse_window(const char *s)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *s == '-')
        return -1;
    if (*end == 'K' || *end == 'k') {
        if (v > 32)
            return -1;
        v *= 1024;
        end++;
    }
    if (*end)
        return -1;
    for (int bits = NWSB_WINDOW_BITS_MIN; bits <= NWSB_WINDOW_BITS_MAX; bits++)
        if (v == 1ul << bits)
            return bits;
    return -1;
}

int cmd_build(int argc, char **argv)
{
    static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
                                         {"format", required_argument, NULL, 'f'},
                                         {"no-smart", no_argument, NULL, 'S'},
                                         {"title", required_argument, NULL, 't'},
                                         {"language", required_argument, NULL, 'l'},
                                         {"dict", required_argument, NULL, 'D'},
                                         {"level", required_argument, NULL, 'L'},
                                         {"record-size", required_argument, NULL, 'R'},
                                         {"window", required_argument, NULL, 'w'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"max-articles", required_argument, NULL, 'M'},
                                         {"since", required_argument, NULL, 'N'},
                                         {"skip-seen", required_argument, NULL, 'K'},
                                         {"no-hyphenate", no_argument, NULL, 'Y'},
                                         {"no-images", no_argument, NULL, 'I'},
                                         {"image-width", required_argument, NULL, 'W'},
                                         {"hyphen-min", required_argument, NULL, 'm'},
                                         {"hyphen-dir", required_argument, NULL, 'd'},
                                         {"help", no_argument, NULL, 'h'},
                                         {0, 0, 0, 0}};
    build_opts o = {0};
    unsigned u;
    int level = -1;
    int c;
    o.in.smart = 1;
    o.record_size = NWSB_RECORD_MAX;
    o.window_bits = NWSB_WINDOW_BITS_MAX;
    while ((c = getopt_long(argc, argv, "o:f:t:l:qh", opts, NULL)) != -1) {
        switch (c) {
        case 'o': o.output = optarg; break;
        case 'f':
            if (strcmp(optarg, "text") == 0)
                o.in.format = FORMAT_TEXT;
            else if (strcmp(optarg, "markdown") == 0 || strcmp(optarg, "md") == 0)
                o.in.format = FORMAT_MARKDOWN;
            else if (strcmp(optarg, "html") == 0)
                o.in.format = FORMAT_HTML;
            else if (strcmp(optarg, "feed") == 0)
                o.in.format = FORMAT_FEED;
            else if (strcmp(optarg, "auto") == 0)
                o.in.format = FORMAT_AUTO;
            else
                return usage_error("build", "unknown format '%s' (text, markdown, html, feed, auto)",
                                   optarg);
            break;
        case 'S': o.in.smart = 0; break;
        case 't': o.title = optarg; break;
        case 'l': o.language = optarg; break;
        case 'D': o.dict = optarg; break;
        case 'L':
            if (strcmp(optarg, "max") == 0)
                level = WRITER_LEVEL_MAX;
            else if (strcmp(optarg, "auto") == 0)
                level = -1;
            else if (parse_uint(optarg, 0, 9, &u) == 0)
                level = (int)u;
            else
                return usage_error("build", "--level takes 0-9, max or auto, not '%s'", optarg);
            break;
        case 'R':
            if (parse_uint(optarg, 256, NWSB_RECORD_MAX, &o.record_size) < 0)
                return usage_error("build", "--record-size takes 256 to %u, not '%s'",
                                   NWSB_RECORD_MAX, optarg);
            break;
        case 'w':
            if ((o.window_bits = parse_window(optarg)) < 0)
                return usage_error("build",
                                   "--window takes a power of two from 512 to 32K, not '%s'",
                                   optarg);
            break;
        case 'q': o.quiet = 1; break;
        case 'M':
            if (parse_uint(optarg, 1, 1000000, &u) < 0)
                return usage_error("build", "--max-articles takes 1 to 1000000, not '%s'", optarg);
            o.sel.max_articles = u;
            break;
        case 'N': {
            char iso[64];
            if (date_normalize(optarg, iso, sizeof iso) < 0)
                return usage_error("build", "--since takes a date such as 2026-11-01, not '%s'",
                                   optarg);
            snprintf(o.since, sizeof o.since, "%.10s", iso);
            o.sel.since = o.since;
            break;
        }
        case 'K': o.sel.seen = optarg; break;
        case 'Y': o.no_hyphenate = 1; break;
        case 'I': o.no_images = 1; break;
        case 'W':
            if (parse_uint(optarg, IMAGE_MIN_SIDE, NWSB_IMAGE_MAX_SIDE, &o.image_width) < 0)
                return usage_error("build", "--image-width takes %u to %u, not '%s'",
                                   IMAGE_MIN_SIDE, NWSB_IMAGE_MAX_SIDE, optarg);
            break;
        case 'd': o.hy.dir = optarg; break;
        case 'm': {
            unsigned l, r, w = HYPHEN_MIN_WORD_DEFAULT;
            char tail;
            int got = sscanf(optarg, "%u,%u,%u%c", &l, &r, &w, &tail);
            if ((got != 2 && got != 3) || l < 1 || l > 9 || r < 1 || r > 9 || w < 2 || w > 30)
                return usage_error("build",
                                   "--hyphen-min takes LEFT,RIGHT[,WORD] such as 2,3,7, not '%s'",
                                   optarg);
            o.hy.left = (int)l;
            o.hy.right = (int)r;
            o.hy.min_word = (int)w;
            break;
        }
        case 'h': fputs(build_help, stdout); return EXIT_OK;
        default: return usage_error("build", "bad option");
        }
    }
    if (level == WRITER_LEVEL_MAX && o.window_bits < NWSB_WINDOW_BITS_MAX)
        return usage_error("build", "--level max (zopfli) needs the 32K window");
    o.level = level;
    g_diag.quiet = o.quiet;
    if (!o.no_images) {
        default_image_box(&o.in.image_max_w, &o.in.image_max_h);
        if (o.image_width) {
            /* the height bound keeps the largest board's page shape */
            o.in.image_max_h = (uint32_t)((uint64_t)o.in.image_max_h * o.image_width /
                                          o.in.image_max_w);
            o.in.image_max_w = o.image_width;
        }
    }
    if (!o.output)
        return usage_error("build", "no output: give -o FILE");
    if (optind >= argc)
        return usage_error("build", "no inputs");

    char **paths = NULL;
    size_t n = 0, cap = 0;
    int bad = 0;
    for (int i = optind; i < argc; i++)
        bad |= input_expand(argv[i], &paths, &n, &cap) < 0;
    int rc = EXIT_FAIL;
    if (bad)
        diag_error(o.output, 0, "not written: some inputs could not be opened");
    else
        rc = run_build(&o, paths, n);
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    return rc;
}
