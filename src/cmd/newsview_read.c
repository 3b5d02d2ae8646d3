/* newsview_read.c -- the reader in the simulator. */
#include "newsview_read.h"

#include <stdlib.h>
#include <string.h>

#include "../app/buf.h"
#include "../app/diag.h"
#include "../host/png_write.h"
#include "../app/session.h"
#include "newspack.h"

typedef struct key_list {
    nws_key *key;
    uint32_t *arg;
    size_t n;
} key_list;

/* The key names, parsed before anything opens: a typo is a usage error,
 * not half a run.  0, or -1 after naming every unknown key. */
static int parse_keys(const char *keys, key_list *out)
{
    char *list = xstrdup(keys);
    size_t cap = strlen(keys) / 2 + 1; /* a name and a separator at least */
    int rc = 0;
    out->key = xmalloc(cap * sizeof *out->key);
    out->arg = xmalloc(cap * sizeof *out->arg);
    out->n = 0;
    for (char *save = NULL, *k = strtok_r(list, " \t\n,", &save); k;
         k = strtok_r(NULL, " \t\n,", &save)) {
        if (session_parse_key(k, &out->key[out->n], &out->arg[out->n]) == 0) {
            out->n++;
        } else {
            fprintf(stderr, "newsview: --keys: unknown key '%s' (next prev article+ article- "
                            "contents up down enter size+ size- back goto:N)\n", k);
            rc = -1;
        }
    }
    free(list);
    return rc;
}

int newsview_read(const char *bundle, const view_options *vo, const read_opts *ro)
{
    FILE *log = NULL;
    key_list keys = {0};
    if (ro->keys && parse_keys(ro->keys, &keys) < 0) {
        free(keys.key);
        free(keys.arg);
        return EXIT_USAGE;
    }
    char *state = NULL;
    if (ro->log_path) {
        log = strcmp(ro->log_path, "-") == 0 ? stdout : fopen(ro->log_path, "w");
        if (!log) {
            diag_error(ro->log_path, 0, "cannot write the refresh log");
            free(keys.key);
            free(keys.arg);
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
        for (size_t i = 0; i < keys.n && rc == 0; i++) {
            rc = session_key(&s, keys.key[i], keys.arg[i]) < 0 ? -1 : 0;
            session_idle(&s); /* what a device does while the panel refreshes */
        }
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
    free(keys.key);
    free(keys.arg);
    return rc < 0 ? EXIT_FAIL : EXIT_OK;
}
