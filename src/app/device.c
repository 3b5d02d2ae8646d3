/* device.c -- newsreader on a Linux e-reader or a Raspberry Pi: the same
 * reading session as the simulator, its screens sent to the panel, its
 * keys from evdev and GPIO buttons. */
#include "device.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../platform/display.h"
#include "../platform/input.h"
#include "diag.h"
#include "session.h"

#ifndef NWS_DEVICE_BOARD
#define NWS_DEVICE_BOARD "kobo-clara-hd"
#endif
#ifndef NWS_VERSION
#define NWS_VERSION "0.1.0"
#endif

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

static volatile sig_atomic_t g_stop;

static void on_signal(int sig)
{
    g_stop = sig;
}

static void usage(FILE *f)
{
    fprintf(f,
            "Usage: newsreader [OPTION]... BUNDLE\n"
            "Read a news bundle on this device's e-ink panel.\n\n"
            "  -b, --board NAME        board (default " NWS_DEVICE_BOARD ")\n"
            "  -d, --device PATH       framebuffer or SPI device (default: the board's)\n"
            "      --gpiochip PATH     GPIO chip for an SPI panel (default: the board's)\n"
            "  -i, --input PATH        an evdev device to read (repeatable; default: every\n"
            "                          /dev/input/eventN with keys or a touch screen)\n"
            "      --state FILE        where the reading position is kept (default BUNDLE.state)\n"
            "  -f, --font-size PT      body size in points (default: saved, else the board's)\n"
            "      --font-dir DIR      fonts (default: fonts/ beside the program)\n"
            "      --refresh-every N   partial refreshes between full ones (default: board's)\n"
            "      --refresh-log FILE  one line per panel refresh ('-': stdout)\n"
            "  -h, --help              show this help\n"
            "  -V, --version           show the version\n\n"
            "Keys: Page Down/Right/Space next, Page Up/Left previous, Home contents,\n"
            "Up/Down select, Enter open, +/- text size, Esc back, Power or q quit.\n"
            "Touch: left third previous, right two thirds next; the top band holds\n"
            "contents, smaller and larger text; on the contents, left up, middle open,\n"
            "right down.  SIGTERM restores the screen and saves the position.\n");
}

/* Touch zones, as usage() describes them. */
static void tap_key(const session *s, uint32_t x, uint32_t y, nws_key *key)
{
    const nws_board *b = s->v.board;
    uint32_t third = b->width / 3u;
    int col = x < third ? 0 : x < 2u * third ? 1 : 2;
    if (y < b->height / 10u) {
        static const nws_key top[3] = {NWS_KEY_CONTENTS, NWS_KEY_SIZE_DOWN, NWS_KEY_SIZE_UP};
        *key = top[col];
        return;
    }
    if (reader_on_contents(&s->r)) {
        static const nws_key contents[3] = {NWS_KEY_UP, NWS_KEY_ENTER, NWS_KEY_DOWN};
        *key = contents[col];
        return;
    }
    *key = col == 0 ? NWS_KEY_PREV : NWS_KEY_NEXT;
}

/* Pack the session's screen and put it on the panel with its refresh. */
static int present(session *s, nws_display *d)
{
    /* an SPI panel takes the packed image as it is: no unpacking for it */
    if (display_wants_gray(d) ? view_gray(&s->v) < 0 : view_pack(&s->v) < 0) {
        diag_error(d->device, 0, "cannot pack the page for board %s", d->board->name);
        return -1;
    }
    if (display_show(d, s->v.native, s->v.gray, &s->last) < 0) {
        diag_error(NULL, 0, "%s", d->err);
        return -1;
    }
    return 0;
}

typedef struct device_opts {
    const char *board, *device, *gpiochip, *state, *font_dir, *log_path;
    const char *inputs[NWS_INPUT_MAX];
    unsigned ninputs;
    unsigned font_size_10, refresh_every;
} device_opts;

static int parse(int argc, char **argv, device_opts *o)
{
    enum { OPT_GPIOCHIP = 256, OPT_STATE, OPT_FONTDIR, OPT_EVERY, OPT_LOG };
    static const struct option opts[] = {
        {"board", required_argument, NULL, 'b'},     {"device", required_argument, NULL, 'd'},
        {"gpiochip", required_argument, NULL, OPT_GPIOCHIP},
        {"input", required_argument, NULL, 'i'},     {"state", required_argument, NULL, OPT_STATE},
        {"font-size", required_argument, NULL, 'f'},
        {"font-dir", required_argument, NULL, OPT_FONTDIR},
        {"refresh-every", required_argument, NULL, OPT_EVERY},
        {"refresh-log", required_argument, NULL, OPT_LOG},
        {"help", no_argument, NULL, 'h'},            {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0}};
    memset(o, 0, sizeof *o);
    o->board = NWS_DEVICE_BOARD;
    optind = 1;
    for (int c; (c = getopt_long(argc, argv, "b:d:i:f:hV", opts, NULL)) != -1;) {
        char *end;
        switch (c) {
        case 'b': o->board = optarg; break;
        case 'd': o->device = optarg; break;
        case OPT_GPIOCHIP: o->gpiochip = optarg; break;
        case 'i':
            if (o->ninputs == NWS_INPUT_MAX) {
                fprintf(stderr, "newsreader: at most %d --input devices\n", NWS_INPUT_MAX);
                return EXIT_USAGE;
            }
            o->inputs[o->ninputs++] = optarg;
            break;
        case OPT_STATE: o->state = optarg; break;
        case OPT_FONTDIR: o->font_dir = optarg; break;
        case OPT_LOG: o->log_path = optarg; break;
        case 'f': {
            double pt = strtod(optarg, &end);
            if (*end || pt < NWS_FONT_MIN_10 / 10.0 || pt > NWS_FONT_MAX_10 / 10.0) {
                fprintf(stderr, "newsreader: --font-size: '%s' is not a size from %d to %d\n",
                        optarg, NWS_FONT_MIN_10 / 10, NWS_FONT_MAX_10 / 10);
                return EXIT_USAGE;
            }
            o->font_size_10 = (unsigned)(pt * 10.0 + 0.5);
            break;
        }
        case OPT_EVERY: {
            unsigned long n = strtoul(optarg, &end, 10);
            if (*end || !*optarg || n < 1 || n > 1000) {
                fprintf(stderr, "newsreader: --refresh-every: '%s' is not 1..1000\n", optarg);
                return EXIT_USAGE;
            }
            o->refresh_every = (unsigned)n;
            break;
        }
        case 'h': usage(stdout); return -EXIT_OK - 1;
        case 'V':
            printf("newsreader %s (board %s)\n", NWS_VERSION, NWS_DEVICE_BOARD);
            return -EXIT_OK - 1;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (optind != argc - 1) {
        fprintf(stderr, "newsreader: expected one bundle (try --help)\n");
        return EXIT_USAGE;
    }
    return 0;
}

static int run(session *s, nws_display *d, nws_input *in)
{
    if (present(s, d) < 0)
        return -1;
    int idle = 1;
    while (!g_stop) {
        nws_input_event ev;
        int r = input_wait(in, idle ? 0 : -1, &ev);
        if (r < 0) {
            diag_error(NULL, 0, "%s", in->err);
            return -1;
        }
        if (r == 0) {
            if (idle && !g_stop)
                idle = session_idle(s);
            continue;
        }
        nws_key key = NWS_KEY_NEXT;
        if (ev.kind == NWS_IN_QUIT)
            break;
        if (ev.kind == NWS_IN_KEY)
            key = (nws_key)ev.key;
        else if (ev.kind == NWS_IN_TAP)
            tap_key(s, ev.x, ev.y, &key);
        else if (ev.kind != NWS_IN_BUTTON || reader_button(&s->r, ev.button, &key) < 0)
            continue;
        int a = session_key(s, key, 0);
        if (a < 0)
            return -1;
        if (a != NWS_DO_NOTHING && present(s, d) < 0)
            return -1;
        idle = 1;
    }
    return 0;
}

int device_main(int argc, char **argv, const nws_sys *sys)
{
    g_diag.prog = "newsreader";
    device_opts o;
    int rc = parse(argc, argv, &o);
    if (rc)
        return rc < 0 ? -rc - 1 : rc;
    const char *bundle = argv[optind];
    const nws_board *b = board_find(o.board);
    if (!b) {
        fprintf(stderr, "newsreader: no board '%s' (newsview --list-boards lists them)\n", o.board);
        return EXIT_USAGE;
    }
    g_stop = 0;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal; /* no SA_RESTART: poll() returns at once */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);

    FILE *log = NULL;
    if (o.log_path) {
        log = strcmp(o.log_path, "-") == 0 ? stdout : fopen(o.log_path, "w");
        if (!log) {
            diag_error(o.log_path, 0, "cannot write the refresh log");
            return EXIT_FAIL;
        }
    }
    char *state = NULL;
    if (!o.state) {
        size_t n = strlen(bundle) + sizeof ".state";
        state = malloc(n);
        if (!state) {
            diag_error(NULL, 0, "out of memory");
            return EXIT_FAIL;
        }
        snprintf(state, n, "%s.state", bundle);
    }
    nws_display d;
    nws_input in;
    memset(&in, 0, sizeof in);
    in.buttons_fd = -1;
    session s;
    memset(&s, 0, sizeof s);
    int opened = 0;
    rc = EXIT_FAIL;
    if (display_open(&d, sys, b, o.device, o.gpiochip) < 0) {
        diag_error(NULL, 0, "%s", d.err);
        goto out;
    }
    if (input_open(&in, sys, b, o.inputs, o.ninputs,
                   b->link.kind == NWS_LINK_SPI ? d.spi.chip_fd : -1) < 0) {
        diag_error(NULL, 0, "%s", in.err);
        goto out;
    }
    view_options vo;
    memset(&vo, 0, sizeof vo);
    vo.board = b->name;
    vo.font_size_10 = o.font_size_10;
    vo.font_dir = o.font_dir;
    if (session_open(&s, bundle, &vo, o.state ? o.state : state, log, o.refresh_every) < 0)
        goto out;
    opened = 1;
    rc = run(&s, &d, &in) < 0 ? EXIT_FAIL : EXIT_OK;
    if (log)
        fprintf(log, "end: %u refreshes, %u full%s\n", d.updates, d.full_updates,
                g_stop == SIGTERM ? " (SIGTERM)" : "");
out:
    if (opened)
        session_close(&s); /* saves the position */
    input_close(&in);
    if (display_restore(&d) < 0) {
        diag_error(NULL, 0, "%s", d.err);
        rc = EXIT_FAIL;
    }
    display_close(&d);
    if (log && log != stdout)
        fclose(log);
    else if (log)
        fflush(log);
    free(state);
    return rc;
}
