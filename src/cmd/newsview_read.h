/* newsview_read.h -- newsview as a reader: keys (headless or in a
 * window), refresh log, saved position. */
#ifndef NEWSVIEW_READ_H
#define NEWSVIEW_READ_H

#include "../app/view.h"

typedef struct read_opts {
    const char *keys;       /* headless: space-separated key names */
    int window;             /* an interactive window (SDL) */
    const char *png_final;  /* the last screen as a PNG */
    const char *log_path;   /* refresh log ("-" standard output) */
    const char *state_path; /* NULL: the default; "" none */
    unsigned refresh_every; /* 0: the board's */
    unsigned scale_pct;     /* window: panel pixels per screen pixel x100; 0 fit */
    int no_effects;         /* window: plain view, no flashing or ghosting */
} read_opts;

int newsview_read(const char *bundle, const view_options *vo, const read_opts *ro);

/* window_sdl.c (or its stand-in when SDL is missing): run the window
 * until q; 0 ok, -1 after a message. */
struct session;
int window_run(struct session *s, const read_opts *ro);

#endif
