/* newsview_read.c -- the reader in the simulator. */
#include "newsview_read.h"

#include <stdlib.h>
#include <string.h>

#include "../host/buf.h"
#include "../host/diag.h"
#include "../host/png_write.h"
#include "../host/session.h"
#include "newspack.h"

static int run_keys(session *s, const char *keys)
{
    char *list = xstrdup(keys);
    int rc = 0;
    for (char *save = NULL, *k = strtok_r(list, " \t\n,", &save); k && rc == 0;
         k = strtok_r(NULL, " \t\n,", &save)) {
        nws_key key;
        uint32_t arg;
        if (session_parse_key(k, &key, &arg) < 0) {
            diag_error(NULL, 0, "--keys: unknown key '%s' (next prev article+ article- contents "
                                "up down enter size+ size- back goto:N)", k);
            rc = -1;
        } else if (session_key(s, key, arg) < 0) {
            rc = -1;
        } else {
            session_idle(s); /* what a device does while the panel refreshes */
        }
    }
    free(list);
    return rc;
}

/* Every key name valid?  Checked before anything opens: a typo is a usage
 * error, not half a run. */
static int keys_valid(const char *keys)
{
    char *list = xstrdup(keys);
    int ok = 1;
    for (char *save = NULL, *k = strtok_r(list, " \t\n,", &save); k;
         k = strtok_r(NULL, " \t\n,", &save)) {
        nws_key key;
        uint32_t arg;
        if (session_parse_key(k, &key, &arg) < 0) {
            fprintf(stderr, "newsview: --keys: unknown key '%s' (next prev article+ article- "
                            "contents up down enter size+ size- back goto:N)\n", k);
            ok = 0;
        }
    }
    free(list);
    return ok;
}

int newsview_read(const char *bundle, const view_options *vo, const read_opts *ro)
{
    FILE *log = NULL;
    if (ro->keys && !keys_valid(ro->keys))
        return EXIT_USAGE;
    char *state = NULL;
    if (ro->log_path) {
        log = strcmp(ro->log_path, "-") == 0 ? stdout : fopen(ro->log_path, "w");
        if (!log) {
            diag_error(ro->log_path, 0, "cannot write the refresh log");
            return EXIT_FAIL;
        }
    }
    if (!ro->state_path)
        state = session_default_state(bundle);
    else if (ro->state_path[0])
        state = xstrdup(ro->state_path);
    session s;
    int rc = session_open(&s, bundle, vo, state, log, ro->refresh_every) < 0 ? -1 : 0;
    if (rc == 0) {
        session_idle(&s);
        if (ro->keys)
            rc = run_keys(&s, ro->keys);
    }
    if (rc == 0 && ro->window)
        rc = window_run(&s, ro);
    if (rc == 0 && ro->png_final) {
        if (view_gray(&s.v) < 0 ||
            png_write_gray(ro->png_final, s.v.gray, s.v.board->width, s.v.board->height) < 0)
            rc = -1;
    }
    if (s.v.picture_failures)
        diag_warn(bundle, 0, "%u picture%s damaged, drawn as empty frames", s.v.picture_failures,
                  s.v.picture_failures == 1 ? "" : "s");
    session_close(&s);
    if (log && log != stdout)
        fclose(log);
    free(state);
    return rc < 0 ? EXIT_FAIL : EXIT_OK;
}
