/* newsview.c -- the desktop simulator: render a bundle's pages for a board
 * into PNGs (each PNG is what the panel would show), a contact sheet, or
 * the text of the pages. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../board/board.h"
#include "../core/utf8.h"
#include "../app/buf.h"
#include "../app/diag.h"
#include "../host/png_write.h"
#include "../app/view.h"
#include "newsview_read.h"
#include "newspack.h"

static const char help[] =
    "Usage: newsview [OPTIONS] BUNDLE\n"
    "Lay out and render a news bundle as an e-ink board would show it.\n"
    "\n"
    "  -b, --board NAME      board to simulate (default " VIEW_DEFAULT_BOARD ")\n"
    "      --list-boards     list boards: name, resolution, dpi, gray levels, controller\n"
    "  -p, --png DIR         write DIR/page-0001.png ... (8-bit gray, panel levels only)\n"
    "  -s, --sheet FILE      write a contact sheet of the pages as a PNG\n"
    "  -P, --pages RANGE     only these pages: N, N-M, N- (from 1; contents pages first)\n"
    "  -f, --font-size PT    body size in points (default: the board's)\n"
    "      --font-dir DIR    where the reading fonts are (default: fonts/ of the project)\n"
    "      --fallback FILE   a fallback font for characters the reading face lacks\n"
    "                        (repeatable; tried before the system defaults)\n"
    "      --no-default-fallbacks  do not try DejaVu Sans / Noto CJK from the system\n"
    "      --text            print the text of the pages (one block per line)\n"
    "      --mem             report the board's arena use\n"
    "      --arena KIB       arena size instead of the board's RAM budget\n"
    "      --dither HOW      pictures: floyd-steinberg, atkinson or none (default:\n"
    "                        atkinson on black-and-white panels, else floyd-steinberg)\n"
    "\n"
    "Reading (the device's reader core; the position is saved between runs):\n"
    "      --window          an interactive window that behaves like the panel\n"
    "      --keys LIST       headless: press these keys in turn: next prev article+\n"
    "                        article- contents up down enter size+ size- back goto:N\n"
    "      --png-final FILE  write the last screen as a PNG\n"
    "      --refresh-log F   one line per panel refresh: mode, rectangle, time (- stdout)\n"
    "      --state FILE      where the reading position is kept (default\n"
    "                        ~/.local/state/newsview/BUNDLE.state; '' for none)\n"
    "      --refresh-every N partial refreshes between full ones (default: the board's)\n"
    "      --scale F         window: screen pixels per panel pixel (default: fit)\n"
    "      --no-eink-effects window: no flashing, no ghosting, no refresh delay\n"
    "  -h, --help            show this help\n"
    "  -V, --version         show the version\n"
    "\n"
    "Exit status: 0 success, 1 failure, 2 usage error.\n";

static int usage(const char *fmt, const char *arg)
{
    fprintf(stderr, "newsview: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'newsview --help' for more information.\n");
    return EXIT_USAGE;
}

static void list_boards(void)
{
    for (size_t i = 0; i < nws_board_count; i++) {
        const nws_board *b = nws_boards[i];
        printf("%-22s %4ux%-4u %3u dpi %3u gray  %s (%s)\n", b->name, b->width, b->height, b->dpi,
               b->gray_levels, b->controller, b->interface);
    }
}

static int parse_range(const char *s, uint32_t *lo, uint32_t *hi)
{
    char *end;
    unsigned long a = strtoul(s, &end, 10);
    if (end == s || a == 0)
        return -1;
    *lo = (uint32_t)a;
    *hi = *lo;
    if (*end == '-') {
        if (end[1] == '\0') {
            *hi = UINT32_MAX;
            return 0;
        }
        char *e2;
        unsigned long b = strtoul(end + 1, &e2, 10);
        if (*e2 || b < a)
            return -1;
        *hi = (uint32_t)b;
        return 0;
    }
    return *end ? -1 : 0;
}

static int parse_points(const char *s, unsigned *tenths)
{
    char *end;
    double v = strtod(s, &end);
    if (*end || v < 4 || v > 72)
        return -1;
    *tenths = (unsigned)(v * 10 + 0.5);
    return 0;
}

/* Text of the laid-out page: blocks on their own lines, runs joined with
 * the spaces the source had; the hyphens of broken words left out. */
static void print_page_text(const lay_page *p, uint32_t n)
{
    printf("--- page %u\n", n);
    int at_line_start = 1;
    for (uint32_t i = 0; i < p->nruns; i++) {
        const lay_run *r = &p->runs[i];
        if (r->flags & LAY_RUN_DECORATION)
            continue;
        if (r->flags & LAY_RUN_IMAGE) {
            printf("%s[picture %ux%u]\n", at_line_start ? "" : "\n", r->img_w, r->img_h);
            at_line_start = 1;
            continue;
        }
        if ((r->flags & LAY_RUN_BLOCK_START) && !at_line_start)
            putchar('\n');
        else if ((r->flags & LAY_RUN_SPACE_BEFORE) && !at_line_start)
            putchar(' ');
        fwrite(p->pool + r->text, 1, r->len, stdout);
        at_line_start = 0;
    }
    putchar('\n');
}

/* Pages scaled down side by side, with a gray gutter. */
static int write_sheet(view *v, const char *path, uint32_t lo, uint32_t hi)
{
    const nws_board *b = v->board;
    uint32_t n = hi - lo + 1, cols = 1;
    while (cols * cols < n)
        cols++;
    if (cols > 8)
        cols = 8;
    uint32_t rows = (n + cols - 1) / cols;
    uint32_t scale = 1;
    while (b->width / scale > 360 || b->height / scale > 480)
        scale++;
    uint32_t tw = b->width / scale, th = b->height / scale, gap = 12;
    uint32_t W = cols * tw + (cols + 1) * gap, H = rows * th + (rows + 1) * gap;
    uint8_t *sheet = xmalloc((size_t)W * H);
    memset(sheet, 160, (size_t)W * H);
    for (uint32_t i = 0; i < n; i++) {
        if (view_render(v, lo + i) < 0) {
            free(sheet);
            return -1;
        }
        uint32_t ox = gap + (i % cols) * (tw + gap), oy = gap + (i / cols) * (th + gap);
        for (uint32_t y = 0; y < th; y++)
            for (uint32_t x = 0; x < tw; x++) {
                uint32_t sum = 0;
                for (uint32_t dy = 0; dy < scale; dy++)
                    for (uint32_t dx = 0; dx < scale; dx++)
                        sum += v->gray[(size_t)(y * scale + dy) * b->width + x * scale + dx];
                sheet[(size_t)(oy + y) * W + ox + x] = (uint8_t)(sum / (scale * scale));
            }
    }
    int rc = png_write_gray(path, sheet, W, H);
    free(sheet);
    return rc;
}

int main(int argc, char **argv)
{
    enum { OPT_LIST = 256, OPT_FONTDIR, OPT_FALLBACK, OPT_NOFB, OPT_TEXT, OPT_MEM, OPT_ARENA,
           OPT_DITHER, OPT_KEYS, OPT_WINDOW, OPT_PNG_FINAL, OPT_LOG, OPT_STATE, OPT_EVERY,
           OPT_SCALE, OPT_NOFX };
    static const struct option opts[] = {{"board", required_argument, NULL, 'b'},
                                         {"list-boards", no_argument, NULL, OPT_LIST},
                                         {"png", required_argument, NULL, 'p'},
                                         {"sheet", required_argument, NULL, 's'},
                                         {"pages", required_argument, NULL, 'P'},
                                         {"font-size", required_argument, NULL, 'f'},
                                         {"font-dir", required_argument, NULL, OPT_FONTDIR},
                                         {"fallback", required_argument, NULL, OPT_FALLBACK},
                                         {"no-default-fallbacks", no_argument, NULL, OPT_NOFB},
                                         {"text", no_argument, NULL, OPT_TEXT},
                                         {"mem", no_argument, NULL, OPT_MEM},
                                         {"arena", required_argument, NULL, OPT_ARENA},
                                         {"dither", required_argument, NULL, OPT_DITHER},
                                         {"keys", required_argument, NULL, OPT_KEYS},
                                         {"window", no_argument, NULL, OPT_WINDOW},
                                         {"png-final", required_argument, NULL, OPT_PNG_FINAL},
                                         {"refresh-log", required_argument, NULL, OPT_LOG},
                                         {"state", required_argument, NULL, OPT_STATE},
                                         {"refresh-every", required_argument, NULL, OPT_EVERY},
                                         {"scale", required_argument, NULL, OPT_SCALE},
                                         {"no-eink-effects", no_argument, NULL, OPT_NOFX},
                                         {"help", no_argument, NULL, 'h'},
                                         {"version", no_argument, NULL, 'V'},
                                         {0, 0, 0, 0}};
    view_options vo;
    read_opts ro;
    memset(&ro, 0, sizeof ro);
    const char *png_dir = NULL, *sheet = NULL;
    uint32_t lo = 1, hi = UINT32_MAX;
    int text = 0, mem = 0, c;
    memset(&vo, 0, sizeof vo);
    g_diag.prog = "newsview";
    while ((c = getopt_long(argc, argv, "b:p:s:P:f:hV", opts, NULL)) != -1) {
        switch (c) {
        case 'b': vo.board = optarg; break;
        case OPT_LIST: list_boards(); return EXIT_OK;
        case 'p': png_dir = optarg; break;
        case 's': sheet = optarg; break;
        case 'P':
            if (parse_range(optarg, &lo, &hi) < 0)
                return usage("--pages takes N, N-M or N-, not '%s'", optarg);
            break;
        case 'f':
            if (parse_points(optarg, &vo.font_size_10) < 0)
                return usage("--font-size takes points from 4 to 72, not '%s'", optarg);
            break;
        case OPT_FONTDIR: vo.font_dir = optarg; break;
        case OPT_FALLBACK:
            if (vo.nfallbacks == VIEW_MAX_FALLBACKS)
                return usage("at most %s --fallback fonts", "4");
            vo.fallbacks[vo.nfallbacks++] = optarg;
            break;
        case OPT_NOFB: vo.no_default_fallbacks = 1; break;
        case OPT_TEXT: text = 1; break;
        case OPT_MEM: mem = 1; break;
        case OPT_ARENA: {
            char *end;
            unsigned long kib = strtoul(optarg, &end, 10);
            if (*end || kib < 16 || kib > 1024 * 1024)
                return usage("--arena takes KiB from 16 to 1048576, not '%s'", optarg);
            vo.arena_bytes = (uint32_t)(kib * 1024);
            break;
        }
        case OPT_DITHER:
            if (strcmp(optarg, "floyd-steinberg") == 0 || strcmp(optarg, "fs") == 0)
                vo.dither = NWS_DITHER_FLOYD_STEINBERG;
            else if (strcmp(optarg, "atkinson") == 0)
                vo.dither = NWS_DITHER_ATKINSON;
            else if (strcmp(optarg, "none") == 0)
                vo.dither = NWS_DITHER_NONE;
            else
                return usage("--dither takes floyd-steinberg, atkinson or none, not '%s'",
                             optarg);
            break;
        case OPT_KEYS: ro.keys = optarg; break;
        case OPT_WINDOW: ro.window = 1; break;
        case OPT_PNG_FINAL: ro.png_final = optarg; break;
        case OPT_LOG: ro.log_path = optarg; break;
        case OPT_STATE: ro.state_path = optarg; break;
        case OPT_NOFX: ro.no_effects = 1; break;
        case OPT_EVERY: {
            char *end;
            unsigned long n = strtoul(optarg, &end, 10);
            if (!*optarg || *end || n < 1 || n > 1000)
                return usage("--refresh-every takes 1 to 1000, not '%s'", optarg);
            ro.refresh_every = (unsigned)n;
            break;
        }
        case OPT_SCALE: {
            char *end;
            double f = strtod(optarg, &end);
            if (*end || f < 0.1 || f > 4)
                return usage("--scale takes 0.1 to 4, not '%s'", optarg);
            ro.scale_pct = (unsigned)(f * 100 + 0.5);
            break;
        }
        case 'h': fputs(help, stdout); return EXIT_OK;
        case 'V':
            printf("newsview %s (bundle format %d.%d)\n", NEWSPACK_VERSION, NWSB_VERSION_MAJOR,
                   NWSB_VERSION_MINOR);
            return EXIT_OK;
        default: return usage("%s", "bad option");
        }
    }
    if (optind != argc - 1)
        return usage("%s", "expects one BUNDLE");
    if (vo.board && !board_find(vo.board))
        return usage("unknown board '%s' (see --list-boards)", vo.board);
    if (ro.keys || ro.window)
        return newsview_read(argv[optind], &vo, &ro);
    if (ro.png_final || ro.log_path || ro.state_path)
        return usage("%s", "--png-final, --refresh-log and --state go with --keys or --window");

    view v;
    if (view_open(&v, argv[optind], &vo) < 0) {
        view_close(&v);
        return EXIT_FAIL;
    }
    uint32_t total = v.book.total;
    if (hi > total)
        hi = total;
    int rc = EXIT_OK;
    if (lo > total) {
        diag_error(argv[optind], 0, "no page %u (the bundle has %u pages on %s)", lo, total,
                   v.board->name);
        view_close(&v);
        return EXIT_FAIL;
    }
    if (png_dir) {
        if (mkdir(png_dir, 0777) < 0 && errno != EEXIST) {
            diag_error(png_dir, 0, "cannot create directory: %s", strerror(errno));
            rc = EXIT_FAIL;
        }
        for (uint32_t n = lo; n <= hi && rc == EXIT_OK; n++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/page-%04u.png", png_dir, n);
            if (view_render(&v, n) < 0 ||
                png_write_gray(path, v.gray, v.board->width, v.board->height) < 0)
                rc = EXIT_FAIL;
        }
        if (rc == EXIT_OK)
            printf("%u pages\n", hi - lo + 1);
    }
    if (sheet && rc == EXIT_OK && write_sheet(&v, sheet, lo, hi) < 0)
        rc = EXIT_FAIL;
    if (text) {
        for (uint32_t n = lo; n <= hi && rc == EXIT_OK; n++) {
            if (view_layout(&v, n) < 0)
                rc = EXIT_FAIL;
            else
                print_page_text(&v.page, n);
        }
    }
    if (!png_dir && !sheet && !text)
        printf("%u pages on %s (%u contents)\n", total, v.board->name, v.book.contents_pages);
    if (mem)
        printf("arena: budget %zu bytes; %zu after set-up; peak %zu (%.1f KiB); glyph cache "
               "flushes %u; refused %zu (largest %zu)\n",
               v.arena.size, v.arena_after_init, v.arena.peak, v.arena.peak / 1024.0,
               v.fonts.flushes, v.arena.failures, v.arena.largest_refused);
    if (mem && (v.lay.memo.log || v.lay.memo.given))
        printf("line breaks kept from pagination: %zu of %zu bytes; %u paragraphs set from "
               "them, %u keys that differed; %u bytes given back to FreeType\n",
               (size_t)v.lay.memo.len, (size_t)v.lay.memo.cap, v.lay.memo.replayed,
               v.lay.memo.missed, v.lay.memo.given);
    if (v.fonts.missing) {
        fprintf(stderr, "newsview: warning: %s%u different character%s with no glyph in any "
                        "font, drawn as boxes:",
                v.fonts.missing >= NWS_FONT_MISSING_COUNTED ? "at least " : "", v.fonts.missing,
                v.fonts.missing == 1 ? "" : "s");
        for (int i = 0; i < v.fonts.nmissing_cp; i++)
            fprintf(stderr, " U+%04X", v.fonts.missing_cp[i]);
        fputc('\n', stderr);
    }
    if (v.picture_failures)
        fprintf(stderr, "newsview: warning: %u picture%s damaged in the bundle, drawn as empty "
                        "frames (newspack verify names them)\n",
                v.picture_failures, v.picture_failures == 1 ? "" : "s");
    if (v.fonts.load_errors) {
        fprintf(stderr, "newsview: warning: %u glyphs could not be loaded (a damaged font, or "
                        "the arena is too small: try --arena)\n", v.fonts.load_errors);
        if (rc == EXIT_OK)
            rc = EXIT_FAIL;
    }
    view_close(&v);
    return rc;
}
