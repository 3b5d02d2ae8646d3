/* session.h -- a reading session on the host: the device's reader core
 * driven by keys, each screen change planned by the refresh policy and
 * logged, the position saved power-safe.  The simulator window and the
 * headless --keys mode both run on it, so they cannot differ. */
#ifndef HOST_SESSION_H
#define HOST_SESSION_H

#include <stdio.h>

#include "../reader/reader.h"
#include "../reader/refresh.h"
#include "view.h"

typedef struct session {
    view v;
    view_options vo;
    const char *bundle_path, *state_path;
    nws_reader r;
    nws_refresh_state rs;
    unsigned refresh_every;   /* 0: the board's */
    nws_fb shown;             /* what the panel shows now */
    uint8_t *shown_mem;
    uint64_t id;
    nws_state saved;          /* last state loaded or written (its seq) */
    FILE *log;                /* refresh log, or NULL */
    unsigned refreshes;
    nws_refresh last;         /* the last refresh made */
    int started;
    /* the next page, drawn ahead between key presses when memory allows */
    lay_page pre_page;
    nws_fb pre_fb;
    uint8_t *pre_mem;
    uint32_t pre_no;          /* its book page, 0: none ready */
    int save_failed;          /* warned once already */
    int glyphs_warned;        /* glyphs FreeType could not load: warned once */
} session;

/* Open the bundle, restore the saved position (warning when it is for
 * another bundle or unreadable), lay out and show the first screen.
 * 0, or -1 after a message. */
int session_open(session *s, const char *bundle, const view_options *vo, const char *state_path,
                 FILE *log, unsigned refresh_every);
/* One key: the reader moves, the screen is redrawn and refreshed as the
 * policy says.  Returns the reader's action, or -1 after a message. */
int session_key(session *s, nws_key key, uint32_t arg);
/* Between key presses: draw the page that "next" would show, if there is
 * room for it, so that turning to it costs only the refresh.  Returns 1
 * when a page was drawn. */
int session_idle(session *s);
/* Save the position and free everything. */
void session_close(session *s);

/* "next", "prev", "article+", "article-", "contents", "up", "down",
 * "enter", "size+", "size-", "back", "goto:N": 0 ok, -1 unknown. */
int session_parse_key(const char *name, nws_key *key, uint32_t *arg);
/* The default state file: $XDG_STATE_HOME (or ~/.local/state)
 * /newsview/NAME.state for the bundle's file name; malloc'd. */
char *session_default_state(const char *bundle);

#endif
