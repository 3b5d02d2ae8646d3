/* devemu -- run newsreader's device code against an emulated kernel.
 *
 * Usage: devemu --board NAME [EMULATION]... -- [NEWSREADER OPTION]... BUNDLE
 *   --fb WxH:BPP:LINE_LENGTH:GRAY  an EPDC framebuffer at /dev/fb0 (GRAY: 1 gray,
 *                                  2 inverted gray, 0 RGB)
 *   --panel                        /dev/spidev0.0 and /dev/gpiochip0 with the
 *                                  board's controller (UC8179, SSD1680, SSD1683)
 *   --no-touch, --no-keys          leave out /dev/input/event0 (touch), event1 (keys)
 *   --script "STEP..."             input, one step each time the program waits:
 *                                  tap:X,Y  key:CODE  button:N
 *   --dump DIR                     DIR/screen-NNNN.pgm: the panel after each refresh
 *   --log FILE                     every device operation
 *   --stuck-busy                   BUSY never clears
 *   --spi-fail-after N             SPI transfers fail from the N+1th on
 * Runs the program (as newsreader would with the real kernel), then prints
 * what the panel went through.  Exit: the program's status, or 3 when the
 * emulator saw the program break the hardware's rules. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/app/device.h"
#include "../../src/fb/fb.h"
#include "emu.h"

static void on_refresh(emu_ctrl *c, unsigned kind)
{
    emu *e = c->user;
    static const char *const names[] = {"full", "fast", "partial"};
    if (e->log)
        fprintf(e->log, "%6llu ms  %s refresh (%s)\n", (unsigned long long)e->now, c->name,
                names[kind]);
    uint8_t *gray = malloc((size_t)e->board->width * e->board->height);
    fb_unpack(e->board, c->glass, (size_t)c->stride * c->rows, gray);
    emu_dump(e, gray);
    free(gray);
}

static int parse_fb(const char *s, emu_fb_cfg *c)
{
    return sscanf(s, "%ux%u:%u:%u:%u", &c->xres, &c->yres, &c->bpp, &c->line_length,
                  &c->grayscale) == 5
               ? 0
               : -1;
}

int main(int argc, char **argv)
{
    const char *board = NULL, *script = NULL, *dump = NULL, *log = NULL, *fb = NULL;
    int panel = 0, no_touch = 0, no_keys = 0, stuck = 0, spi_fail = -1;
    enum { O_FB = 256, O_PANEL, O_NOTOUCH, O_NOKEYS, O_SCRIPT, O_DUMP, O_LOG, O_STUCK, O_SPIFAIL };
    static const struct option opts[] = {
        {"board", required_argument, NULL, 'b'}, {"fb", required_argument, NULL, O_FB},
        {"panel", no_argument, NULL, O_PANEL},   {"no-touch", no_argument, NULL, O_NOTOUCH},
        {"no-keys", no_argument, NULL, O_NOKEYS}, {"script", required_argument, NULL, O_SCRIPT},
        {"dump", required_argument, NULL, O_DUMP}, {"log", required_argument, NULL, O_LOG},
        {"stuck-busy", no_argument, NULL, O_STUCK},
        {"spi-fail-after", required_argument, NULL, O_SPIFAIL}, {NULL, 0, NULL, 0}};
    for (int c; (c = getopt_long(argc, argv, "+b:", opts, NULL)) != -1;) {
        switch (c) {
        case 'b': board = optarg; break;
        case O_FB: fb = optarg; break;
        case O_PANEL: panel = 1; break;
        case O_NOTOUCH: no_touch = 1; break;
        case O_NOKEYS: no_keys = 1; break;
        case O_SCRIPT: script = optarg; break;
        case O_DUMP: dump = optarg; break;
        case O_LOG: log = optarg; break;
        case O_STUCK: stuck = 1; break;
        case O_SPIFAIL: spi_fail = atoi(optarg); break;
        default: return 2;
        }
    }
    const nws_board *b = board ? board_find(board) : NULL;
    if (!b) {
        fprintf(stderr, "devemu: --board NAME is required and must be a board\n");
        return 2;
    }
    emu e;
    emu_init(&e, b);
    e.dump_dir = dump;
    e.spi_fail_after = spi_fail;
    e.have_touch = !no_touch;
    e.have_keys = !no_keys;
    if (log && !(e.log = fopen(log, "w"))) {
        perror(log);
        return 2;
    }
    if (fb) {
        if (parse_fb(fb, &e.fbc) < 0) {
            fprintf(stderr, "devemu: --fb WxH:BPP:LINE_LENGTH:GRAY, not '%s'\n", fb);
            return 2;
        }
        e.fbc.present = 1;
        e.fblen = (size_t)e.fbc.line_length * e.fbc.yres;
        e.fbmem = calloc(1, e.fblen);
        /* what was on the screen before: a mid-gray the reader must restore */
        memset(e.fbmem, 0x88, e.fblen);
        e.fb_glass = malloc((size_t)b->width * b->height);
        memset(e.fb_glass, 0x88, (size_t)b->width * b->height);
    }
    emu_ctrl ctrl;
    if (panel) {
        if (strcmp(b->controller, "UC8179") == 0)
            ctrl_init_uc8179(&ctrl, b);
        else
            ctrl_init_ssd16xx(&ctrl, b, b->controller);
        ctrl.stuck = stuck;
        ctrl.user = &e;
        ctrl.on_refresh = on_refresh;
        e.ctrl = &ctrl;
    }
    if (script)
        emu_set_script(&e, script);

    nws_sys sys = emu_sys_template;
    sys.ctx = &e;
    int n = argc - optind + 3;
    char **args = calloc((size_t)n + 1, sizeof *args);
    int k = 0;
    args[k++] = "newsreader";
    args[k++] = "--board";
    args[k++] = (char *)b->name;
    for (int i = optind; i < argc; i++)
        args[k++] = argv[i];
    int rc = device_main(k, args, &sys);
    free(args);

    int bad = e.failed;
    if (panel && ctrl.error[0]) {
        fprintf(stderr, "devemu: %s\n", ctrl.error);
        bad = 1;
    }
    if (fb) {
        printf("devemu: %u screens; %u updates (%u full), %u waits", e.screens, e.fb_updates,
               e.fb_full, e.fb_waits);
        for (int i = 0; i < NWS_BOARD_MAX_MODES && b->modes[i].name; i++)
            if (b->modes[i].hw < 16 && e.by_waveform[b->modes[i].hw])
                printf(", %s %u", b->modes[i].name, e.by_waveform[b->modes[i].hw]);
        /* restored: the screen shows what it showed before the reader */
        int restored = 1;
        for (size_t i = 0; i < e.fblen; i++)
            if (e.fbmem[i] != 0x88) {
                restored = 0;
                break;
            }
        printf("; screen %s\n", restored ? "restored" : "NOT restored");
    }
    if (panel) {
        printf("devemu: %u screens; %s refreshes: %u full, %u fast, %u partial; controller %s; "
               "panel power %s; %llu ms\n",
               e.screens, ctrl.name, ctrl.refreshes[NWS_UPDATE_FULL], ctrl.refreshes[NWS_UPDATE_FAST],
               ctrl.refreshes[NWS_UPDATE_PARTIAL], ctrl.asleep ? "asleep" : "AWAKE",
               b->link.pin_power == NWS_NO_PIN ? "-" : e.power ? "ON" : "off",
               (unsigned long long)e.now);
        ctrl_free(&ctrl);
    }
    if (e.log)
        fclose(e.log);
    emu_free(&e);
    return bad ? 3 : rc;
}
