/* session.c -- the reader core driven from the host. */
#include "session.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"

static int page_has_picture(const lay_page *p)
{
    for (uint32_t i = 0; i < p->nruns; i++)
        if (p->runs[i].flags & LAY_RUN_IMAGE)
            return 1;
    return 0;
}

/* --- the state file ---------------------------------------------------- */

static void load_state(session *s)
{
    uint8_t buf[NWS_STATE_SIZE];
    memset(&s->saved, 0, sizeof s->saved);
    if (!s->state_path)
        return;
    int fd = open(s->state_path, O_RDONLY);
    if (fd < 0) {
        if (errno != ENOENT)
            diag_warn(s->state_path, 0, "cannot read the saved position: %s", strerror(errno));
        return;
    }
    ssize_t n = read(fd, buf, sizeof buf);
    close(fd);
    if (n < 0 || !state_load(buf, (uint32_t)n, &s->saved)) {
        diag_warn(s->state_path, 0, "no valid position saved in it (damaged or cut short); "
                                    "starting at the contents");
        memset(&s->saved, 0, sizeof s->saved);
    }
}

/* Write one slot in place and sync it: the other slot is never touched,
 * so a power cut leaves the previous position readable. */
static int save_state(session *s)
{
    if (!s->state_path)
        return 0;
    uint8_t slot[NWS_STATE_SLOT];
    nws_state st = s->saved;
    reader_save(&s->r, s->id, &st);
    st.refresh_every = (uint16_t)s->refresh_every;
    uint32_t at = state_save(&st, slot);
    /* the directories on the way (~/.local/state/newsview), like mkdir -p */
    char *dir = xstrdup(s->state_path);
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = 0;
        mkdir(dir, 0700);
        *p = '/';
    }
    free(dir);
    int fd = open(s->state_path, O_RDWR | O_CREAT, 0600);
    if (fd < 0 || pwrite(fd, slot, sizeof slot, at) != (ssize_t)sizeof slot || fsync(fd) != 0) {
        if (!s->save_failed) /* once, not at every key */
            diag_warn(s->state_path, 0, "cannot save the reading position: %s", strerror(errno));
        s->save_failed = 1;
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    s->saved = st;
    return 0;
}

char *session_default_state(const char *bundle)
{
    const char *base = strrchr(bundle, '/');
    base = base ? base + 1 : bundle;
    const char *xdg = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
    nwbuf p = {0};
    if (xdg && *xdg) {
        buf_adds(&p, xdg);
    } else if (home && *home) {
        buf_adds(&p, home);
        buf_adds(&p, "/.local/state");
    } else {
        return NULL;
    }
    buf_adds(&p, "/newsview/");
    buf_adds(&p, base);
    buf_adds(&p, ".state");
    return buf_take_str(&p);
}

/* --- screens ------------------------------------------------------------ */

static void log_refresh(session *s, const nws_refresh *rf)
{
    nws_where w;
    reader_where(&s->r, &w);
    s->refreshes++;
    s->last = *rf;
    if (!s->log)
        return;
    char pages[16] = "?";
    if (w.pages)
        snprintf(pages, sizeof pages, "%u", w.pages);
    fprintf(s->log, "%u %s %s %u,%u %ux%u %ums page %u/%s article %u/%u (%s)\n", s->refreshes,
            rf->full ? "full" : "partial", rf->mode->name, rf->rect.x, rf->rect.y, rf->rect.w,
            rf->rect.h, rf->time_ms, w.page, pages, w.article, w.articles, rf->reason);
    fflush(s->log);
}

/* Lay out, draw, plan and "send" the new screen. */
static int show(session *s, nws_change change)
{
    view *v = &s->v;
    const lay_page *page = &v->page;
    if (s->pre_no && s->pre_no == s->r.page && change == NWS_CHANGE_PAGE) {
        /* drawn ahead: the turn costs a copy */
        memcpy(v->fb.pix, s->pre_fb.pix, (size_t)v->fb.stride * v->fb.height);
        fb_mark_rows(&v->fb, 0, (int)v->fb.height);
        page = &s->pre_page;
        reader_shown(&s->r, page);
    } else {
        if (reader_page(&s->r, &v->page) < 0) {
            diag_error(s->bundle_path, 0, "cannot lay out page %u: %s", s->r.page,
                       v->lay.fail ? v->lay.fail : "the bundle is damaged");
            return -1;
        }
        view_draw(v, &v->page, &v->fb);
    }
    s->pre_no = 0;
    int picture = page_has_picture(page);
    nws_refresh rf;
    if (refresh_plan(v->board, &s->rs, &s->shown, &v->fb, s->started ? change : NWS_CHANGE_FIRST,
                     picture, s->refresh_every, &rf) < 0) {
        diag_error(NULL, 0, "board %s has no refresh modes", v->board->name);
        return -1;
    }
    if (v->fonts.load_errors && !s->glyphs_warned) {
        diag_warn(s->bundle_path, 0, "page %u: %u glyphs could not be loaded (damaged font, or "
                  "board %s's memory budget is too small)", s->r.page, v->fonts.load_errors,
                  v->board->name);
        s->glyphs_warned = 1;
    }
    s->started = 1;
    memcpy(s->shown.pix, v->fb.pix, (size_t)v->fb.stride * v->fb.height);
    log_refresh(s, &rf);
    return 0;
}

static int open_view(session *s)
{
    s->pre_no = 0;
    if (view_open(&s->v, s->bundle_path, &s->vo) < 0)
        return -1;
    s->id = nwsb_identity(s->v.bf.b);
    /* A second page buffer from the arena and a second framebuffer: a
     * device keeps them when its memory allows; without them every turn
     * lays out and draws on the key press. */
    if (layout_page_alloc(&s->v.lay, &s->v.arena, &s->pre_page) == 0 &&
        arena_largest_free(&s->v.arena) < VIEW_ARENA_HEADROOM) {
        /* It fits, but would eat the working memory FreeType needs to
         * load glyphs: glyphs would go missing from pages.  Without it. */
        arena_free(&s->v.arena, s->pre_page.runs);
        arena_free(&s->v.arena, s->pre_page.pool);
        memset(&s->pre_page, 0, sizeof s->pre_page);
    }
    if (!s->pre_mem) {
        size_t n = (size_t)s->v.fb.stride * s->v.fb.height;
        s->pre_mem = xmalloc(n);
        fb_init_board(&s->pre_fb, s->v.board, s->pre_mem, n);
    }
    if (!s->shown_mem) {
        size_t n = (size_t)s->v.fb.stride * s->v.fb.height;
        s->shown_mem = xcalloc(1, n);
        fb_init_board(&s->shown, s->v.board, s->shown_mem, n);
        fb_fill(&s->shown, s->v.fb.levels - 1u);
    }
    return 0;
}

int session_open(session *s, const char *bundle, const view_options *vo, const char *state_path,
                 FILE *log, unsigned refresh_every)
{
    memset(s, 0, sizeof *s);
    s->bundle_path = bundle;
    s->state_path = state_path;
    s->vo = *vo;
    s->vo.lazy = 1; /* only the pages needed now; the rest between keys */
    s->log = log;
    s->refresh_every = refresh_every;
    load_state(s);
    /* the saved font size wins over the board's, not over --font-size */
    if (!s->vo.font_size_10 && s->saved.font_size_10 >= NWS_FONT_MIN_10 &&
        s->saved.font_size_10 <= NWS_FONT_MAX_10)
        s->vo.font_size_10 = s->saved.font_size_10;
    if (!s->refresh_every && s->saved.refresh_every)
        s->refresh_every = s->saved.refresh_every;
    if (open_view(s) < 0)
        return -1;
    unsigned size = s->vo.font_size_10 ? s->vo.font_size_10 : s->v.board->font_size_10;
    reader_init(&s->r, &s->v.book, (uint16_t)size);
    if (s->saved.seq) {
        if (!reader_restore(&s->r, &s->saved, s->id, &s->v.page))
            diag_warn(s->state_path, 0, "the saved position is for another bundle (this one "
                                        "was replaced); starting at the contents");
    }
    return show(s, NWS_CHANGE_FIRST);
}

int session_key(session *s, nws_key key, uint32_t arg)
{
    nws_action a = reader_key(&s->r, key, arg);
    int rc = 0;
    switch (a) {
    case NWS_DO_NOTHING:
        return a;
    case NWS_DO_PAGE:
        rc = show(s, NWS_CHANGE_PAGE);
        break;
    case NWS_DO_HIGHLIGHT:
        rc = show(s, NWS_CHANGE_HIGHLIGHT);
        break;
    case NWS_DO_RELAYOUT:
        /* A device re-initialises its core in the same arena; so do we. */
        s->vo.font_size_10 = s->r.font_size_10;
        view_close(&s->v);
        if (open_view(s) < 0)
            return -1;
        if (reader_relayout(&s->r, &s->v.book, &s->v.page) < 0) {
            diag_error(s->bundle_path, 0, "cannot find the reading position after re-layout");
            return -1;
        }
        rc = show(s, NWS_CHANGE_PAGE);
        break;
    }
    if (rc < 0)
        return -1;
    save_state(s);
    return a;
}

int session_idle(session *s)
{
    uint32_t next = s->r.page + 1;
    nws_book *bk = &s->v.book;
    /* the rest of the book, one article per pause, before drawing ahead */
    if (s->started && !bk->complete) {
        if (book_step(bk) < 0)
            return 0;
        s->pre_no = 0;
        return 1;
    }
    /* contents pages carry the selection, which may still move */
    if (!s->started || !s->pre_page.runs || s->pre_no == next || next > bk->total ||
        next <= bk->contents_pages)
        return 0;
    if (book_page(bk, next, &s->pre_page) < 0)
        return 0;
    view_draw(&s->v, &s->pre_page, &s->pre_fb);
    s->pre_no = next;
    return 1;
}

void session_close(session *s)
{
    if (s->started)
        save_state(s);
    view_close(&s->v);
    free(s->shown_mem);
    free(s->pre_mem);
    memset(s, 0, sizeof *s);
}

int session_parse_key(const char *name, nws_key *key, uint32_t *arg)
{
    static const struct {
        const char *name;
        nws_key key;
    } keys[] = {{"next", NWS_KEY_NEXT},          {"prev", NWS_KEY_PREV},
                {"article+", NWS_KEY_NEXT_ARTICLE}, {"article-", NWS_KEY_PREV_ARTICLE},
                {"contents", NWS_KEY_CONTENTS},  {"up", NWS_KEY_UP},
                {"down", NWS_KEY_DOWN},          {"enter", NWS_KEY_ENTER},
                {"size+", NWS_KEY_SIZE_UP},      {"size-", NWS_KEY_SIZE_DOWN},
                {"back", NWS_KEY_BACK}};
    *arg = 0;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(name, keys[i].name) == 0) {
            *key = keys[i].key;
            return 0;
        }
    if (strncmp(name, "goto:", 5) == 0) {
        char *end;
        unsigned long n = strtoul(name + 5, &end, 10);
        if (name[5] && !*end && n >= 1 && n <= UINT32_MAX) {
            *key = NWS_KEY_GOTO;
            *arg = (uint32_t)n;
            return 0;
        }
    }
    return -1;
}
