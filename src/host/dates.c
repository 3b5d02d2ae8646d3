/* dates.c -- date recognition for article headers and feeds. */
#include "dates.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef struct {
    int y, mo, d, h, mi, s;
    int has_time, has_zone, zone_min; /* zone in minutes east of UTC */
} when;

typedef struct {
    const char *p;
} cur;

static void skip_space(cur *c)
{
    while (*c->p == ' ' || *c->p == '\t' || *c->p == ',')
        c->p++;
}

static int read_num(cur *c, int min_digits, int max_digits, int *v)
{
    int n = 0, val = 0;
    while (isdigit((unsigned char)c->p[n]) && n < max_digits)
        val = val * 10 + (c->p[n++] - '0');
    if (n < min_digits || isdigit((unsigned char)c->p[n]))
        return 0;
    c->p += n;
    *v = val;
    return 1;
}

static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec"};

/* English month names, full or abbreviated ("Sept." too). */
static int read_month(cur *c, int *mo)
{
    size_t n = 0;
    while (isalpha((unsigned char)c->p[n]))
        n++;
    if (n < 3)
        return 0;
    for (int i = 0; i < 12; i++) {
        if (strncasecmp(c->p, months[i], 3) != 0)
            continue;
        static const char *const full[] = {"january", "february", "march",     "april",
                                           "may",     "june",     "july",      "august",
                                           "september", "october", "november", "december"};
        if (n == 3 || (n <= strlen(full[i]) && strncasecmp(c->p, full[i], n) == 0) ||
            (i == 8 && n == 4 && strncasecmp(c->p, "sept", 4) == 0)) {
            c->p += n;
            if (*c->p == '.')
                c->p++;
            *mo = i + 1;
            return 1;
        }
    }
    return 0;
}

static int skip_weekday(cur *c)
{
    static const char *const days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    size_t n = 0;
    while (isalpha((unsigned char)c->p[n]))
        n++;
    if (n < 3)
        return 0;
    for (int i = 0; i < 7; i++)
        if (strncasecmp(c->p, days[i], 3) == 0) {
            c->p += n;
            if (*c->p == '.')
                c->p++;
            skip_space(c);
            return 1;
        }
    return 0;
}

/* HH:MM[:SS[.frac]] [am|pm] */
static int read_time(cur *c, when *w)
{
    cur save = *c;
    if (!read_num(c, 1, 2, &w->h) || *c->p != ':') {
        *c = save;
        return 0;
    }
    c->p++;
    if (!read_num(c, 2, 2, &w->mi)) {
        *c = save;
        return 0;
    }
    w->s = 0;
    if (*c->p == ':') {
        c->p++;
        if (!read_num(c, 2, 2, &w->s)) {
            *c = save;
            return 0;
        }
        if (*c->p == '.' || *c->p == ',') {
            c->p++;
            while (isdigit((unsigned char)*c->p))
                c->p++;
        }
    }
    cur t = *c;
    skip_space(&t);
    if (strncasecmp(t.p, "am", 2) == 0 || strncasecmp(t.p, "pm", 2) == 0) {
        int pm = tolower((unsigned char)t.p[0]) == 'p';
        if (w->h < 1 || w->h > 12)
            return 0;
        w->h = w->h % 12 + (pm ? 12 : 0);
        c->p = t.p + 2;
    }
    w->has_time = 1;
    return 1;
}

/* Z, +HH:MM, +HHMM, +HH, or a named zone of RFC 822. */
static void read_zone(cur *c, when *w)
{
    static const struct {
        const char *name;
        int min;
    } named[] = {{"UTC", 0},     {"UT", 0},      {"GMT", 0},     {"Z", 0},
                 {"EST", -300},  {"EDT", -240},  {"CST", -360},  {"CDT", -300},
                 {"MST", -420},  {"MDT", -360},  {"PST", -480},  {"PDT", -420},
                 {"CET", 60},    {"CEST", 120},  {"BST", 60},    {"JST", 540}};
    skip_space(c);
    if (*c->p == '+' || *c->p == '-') {
        int sign = *c->p == '-' ? -1 : 1, hh, mm = 0;
        cur t = {c->p + 1};
        if (read_num(&t, 2, 2, &hh)) {
            if (*t.p == ':')
                t.p++;
            if (isdigit((unsigned char)*t.p) && !read_num(&t, 2, 2, &mm))
                return;
            if (hh > 14 || mm > 59)
                return;
            w->has_zone = 1;
            w->zone_min = sign * (hh * 60 + mm);
            c->p = t.p;
            return;
        }
        if (read_num(&t, 4, 4, &hh)) {
            w->has_zone = 1;
            w->zone_min = sign * ((hh / 100) * 60 + hh % 100);
            c->p = t.p;
        }
        return;
    }
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        size_t n = strlen(named[i].name);
        if (strncasecmp(c->p, named[i].name, n) == 0 && !isalpha((unsigned char)c->p[n])) {
            w->has_zone = 1;
            w->zone_min = named[i].min;
            c->p += n;
            if (named[i].min == 0 && (*c->p == '+' || *c->p == '-')) {
                w->has_zone = 0; /* "GMT+2" style: take the offset */
                read_zone(c, w);
            }
            return;
        }
    }
}

static int days_in_month(int y, int m)
{
    static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dm[m - 1];
}

/* The date part, in one of the accepted orders. */
static int read_date(cur *c, when *w)
{
    cur save = *c;
    int a, b, y;
    skip_weekday(c);
    /* YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYYMMDD is not accepted (ambiguous) */
    if (read_num(c, 4, 4, &w->y)) {
        char sep = *c->p;
        if ((sep == '-' || sep == '/' || sep == '.') && (c->p++, read_num(c, 1, 2, &w->mo)) &&
            *c->p == sep && (c->p++, read_num(c, 1, 2, &w->d)))
            return 1;
        *c = save;
        return 0;
    }
    /* Month D, YYYY / Mon D YYYY */
    if (read_month(c, &w->mo)) {
        skip_space(c);
        if (!read_num(c, 1, 2, &w->d))
            return 0;
        if (c->p[0] && strchr("snrt", c->p[0]) && isalpha((unsigned char)c->p[1]))
            c->p += 2; /* 1st, 2nd, 3rd, 4th */
        skip_space(c);
        return read_num(c, 4, 4, &w->y);
    }
    if (!read_num(c, 1, 2, &a))
        return 0;
    /* D Month YYYY (RFC 822 uses this with abbreviated months) */
    cur t = *c;
    if (*t.p == '-')
        t.p++;
    skip_space(&t);
    if (read_month(&t, &w->mo)) {
        if (*t.p == '-')
            t.p++;
        skip_space(&t);
        if (!read_num(&t, 2, 4, &y))
            return 0;
        w->y = y < 100 ? (y < 50 ? 2000 + y : 1900 + y) : y;
        w->d = a;
        *c = t;
        return 1;
    }
    /* D.M.YYYY (day first) or M/D/YYYY (month first unless impossible) */
    char sep = *c->p;
    if ((sep != '.' && sep != '/' && sep != '-') || (c->p++, !read_num(c, 1, 2, &b)) ||
        *c->p != sep || (c->p++, !read_num(c, 4, 4, &w->y)))
        return 0;
    if (sep == '.' || (sep != '.' && a > 12)) {
        w->d = a;
        w->mo = b;
    } else {
        w->mo = a;
        w->d = b;
    }
    return 1;
}

int date_normalize(const char *in, char *out, size_t cap)
{
    when w;
    cur c = {in};
    memset(&w, 0, sizeof w);
    skip_space(&c);
    if (!read_date(&c, &w))
        return -1;
    if (*c.p == 'T' || *c.p == 't')
        c.p++;
    skip_space(&c);
    if (strncasecmp(c.p, "at ", 3) == 0)
        c.p += 3;
    if (read_time(&c, &w))
        read_zone(&c, &w);
    skip_space(&c);
    /* A trailing zone abbreviation in parentheses, as some mailers write. */
    if (*c.p == '(') {
        const char *close = strchr(c.p, ')');
        if (close)
            c.p = close + 1;
        skip_space(&c);
    }
    if (*c.p != '\0')
        return -1;
    if (w.y < 1000 || w.y > 9999 || w.mo < 1 || w.mo > 12 || w.d < 1 ||
        w.d > days_in_month(w.y, w.mo) || w.h > 23 || w.mi > 59 || w.s > 60)
        return -1;
    int n;
    if (!w.has_time)
        n = snprintf(out, cap, "%04d-%02d-%02d", w.y, w.mo, w.d);
    else if (!w.has_zone)
        n = snprintf(out, cap, "%04d-%02d-%02dT%02d:%02d:%02d", w.y, w.mo, w.d, w.h, w.mi, w.s);
    else if (w.zone_min == 0)
        n = snprintf(out, cap, "%04d-%02d-%02dT%02d:%02d:%02dZ", w.y, w.mo, w.d, w.h, w.mi, w.s);
    else {
        int z = w.zone_min < 0 ? -w.zone_min : w.zone_min;
        n = snprintf(out, cap, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", w.y, w.mo, w.d, w.h,
                     w.mi, w.s, w.zone_min < 0 ? '-' : '+', z / 60, z % 60);
    }
    return n > 0 && (size_t)n < cap ? 0 : -1;
}
