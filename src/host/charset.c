/* charset.c -- encoding detection and conversion to UTF-8. */
#include "charset.h"

#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../core/utf8.h"
#include "../app/diag.h"

#define SNIFF_BYTES 4096
#define REPORTS 5

/* Labels as pages write them -> names glibc's iconv knows.  Following the
 * WHATWG Encoding Standard, Latin-1 and ASCII labels mean windows-1252 (it
 * is what such pages really hold), and the Chinese and Japanese labels
 * map to the supersets browsers use. */
static const struct {
    const char *label, *iconv;
} aliases[] = {
    {"utf8", "UTF-8"},           {"unicode-1-1-utf-8", "UTF-8"},
    {"iso-8859-1", "WINDOWS-1252"}, {"iso8859-1", "WINDOWS-1252"},
    {"latin1", "WINDOWS-1252"},  {"l1", "WINDOWS-1252"},
    {"us-ascii", "WINDOWS-1252"}, {"ascii", "WINDOWS-1252"},
    {"cp1252", "WINDOWS-1252"},  {"x-cp1252", "WINDOWS-1252"},
    {"gb2312", "GBK"},           {"gb_2312-80", "GBK"},
    {"x-gbk", "GBK"},            {"chinese", "GBK"},
    {"shift_jis", "CP932"},      {"shift-jis", "CP932"},
    {"sjis", "CP932"},           {"x-sjis", "CP932"},
    {"ms_kanji", "CP932"},       {"windows-31j", "CP932"},
    {"x-euc-jp", "EUC-JP"},      {"big5-hkscs", "BIG5-HKSCS"},
    {"x-x-big5", "BIG5"},        {"cn-big5", "BIG5"},
    {"koi8", "KOI8-R"},          {"koi", "KOI8-R"},
    {"tis-620", "TIS-620"},      {"ks_c_5601-1987", "EUC-KR"},
};

static void normalise(const char *label, size_t len, char *name, size_t cap)
{
    char low[64];
    size_t k = 0;
    while (len && isspace((unsigned char)*label))
        label++, len--;
    while (len && isspace((unsigned char)label[len - 1]))
        len--;
    for (; k < len && k + 1 < sizeof low; k++)
        low[k] = (char)tolower((unsigned char)label[k]);
    low[k] = '\0';
    for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
        if (strcmp(low, aliases[i].label) == 0) {
            snprintf(name, cap, "%s", aliases[i].iconv);
            return;
        }
    for (size_t i = 0; i < k; i++)
        low[i] = (char)toupper((unsigned char)low[i]);
    snprintf(name, cap, "%s", low);
}

/* Value of an encoding label starting at p (after "charset" or
 * "encoding"): optional spaces, '=', optional quote, token. */
static int label_after(const char *p, const char *end, const char **label, size_t *len)
{
    while (p < end && isspace((unsigned char)*p))
        p++;
    if (p >= end || *p != '=')
        return 0;
    p++;
    while (p < end && (isspace((unsigned char)*p) || *p == '"' || *p == '\''))
        p++;
    const char *s = p;
    while (p < end && (isalnum((unsigned char)*p) || strchr("-_.:", *p)))
        p++;
    if (p == s)
        return 0;
    *label = s;
    *len = (size_t)(p - s);
    return 1;
}

static const char *find_ci(const char *p, const char *end, const char *needle)
{
    size_t n = strlen(needle);
    for (; p + n <= end; p++)
        if (strncasecmp(p, needle, n) == 0)
            return p;
    return NULL;
}

static int sniff_xml(const char *p, const char *end, const char **label, size_t *len)
{
    if (end - p < 5 || strncmp(p, "<?xml", 5) != 0)
        return 0;
    const char *close = find_ci(p, end, "?>");
    const char *enc = find_ci(p, close ? close : end, "encoding");
    return enc && label_after(enc + 8, close ? close : end, label, len);
}

static int sniff_meta(const char *p, const char *end, const char **label, size_t *len)
{
    for (const char *m = p; (m = find_ci(m, end, "<meta")) != NULL; m += 5) {
        const char *close = memchr(m, '>', (size_t)(end - m));
        const char *stop = close ? close : end;
        const char *cs = find_ci(m, stop, "charset");
        if (cs && label_after(cs + 7, stop, label, len))
            return 1;
    }
    return 0;
}

static int valid_utf8(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n;) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        uint32_t cp;
        int ok;
        size_t used = utf8_decode(p + i, n - i, &cp, &ok);
        /* A sequence cut by the end of the probe still counts as valid. */
        if (!ok && i + 4 < n)
            return 0;
        i += used;
    }
    return 1;
}

size_t charset_detect(const uint8_t *p, size_t n, charset_kind kind, char *name, size_t cap)
{
    if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
        snprintf(name, cap, "UTF-8");
        return 3;
    }
    if (n >= 2 && p[0] == 0xFE && p[1] == 0xFF) {
        snprintf(name, cap, "UTF-16BE");
        return 2;
    }
    if (n >= 2 && p[0] == 0xFF && p[1] == 0xFE) {
        snprintf(name, cap, "UTF-16LE");
        return 2;
    }
    if (n >= 4 && p[0] == '<' && p[1] == 0 && p[2] == '?' && p[3] == 0) {
        snprintf(name, cap, "UTF-16LE");
        return 0;
    }
    if (n >= 4 && p[0] == 0 && p[1] == '<' && p[2] == 0 && p[3] == '?') {
        snprintf(name, cap, "UTF-16BE");
        return 0;
    }
    const char *s = (const char *)p, *end = s + (n < SNIFF_BYTES ? n : SNIFF_BYTES);
    const char *label;
    size_t len;
    if (sniff_xml(s, end, &label, &len) || (kind == CHARSET_HTML && sniff_meta(s, end, &label, &len))) {
        normalise(label, len, name, cap);
        /* A page that says UTF-16 in ASCII cannot be UTF-16. */
        if (strncmp(name, "UTF-16", 6) == 0)
            snprintf(name, cap, "UTF-8");
        return 0;
    }
    snprintf(name, cap, "%s", valid_utf8(p, n < 1u << 20 ? n : 1u << 20) ? "UTF-8" : "WINDOWS-1252");
    return 0;
}

static size_t line_at(const uint8_t *p, size_t upto, size_t *counted, size_t *line)
{
    for (; *counted < upto; (*counted)++)
        if (p[*counted] == '\n')
            (*line)++;
    return *line;
}

static void replacement(nwbuf *out)
{
    static const uint8_t fffd[3] = {0xEF, 0xBF, 0xBD};
    buf_add(out, fffd, 3);
}

static size_t utf8_clean(const char *file, const uint8_t *p, size_t n, nwbuf *out)
{
    size_t bad = 0, counted = 0, line = 1;
    buf_reserve(out, n + 1);
    for (size_t i = 0; i < n;) {
        if (p[i] < 0x80) {
            buf_addc(out, p[i++]);
            continue;
        }
        uint32_t cp;
        int ok;
        size_t used = utf8_decode(p + i, n - i, &cp, &ok);
        if (ok) {
            buf_add(out, p + i, used);
        } else {
            replacement(out);
            if (bad++ < REPORTS)
                diag_warn(file, line_at(p, i, &counted, &line),
                          "invalid UTF-8 (byte 0x%02X), replaced by U+FFFD", p[i]);
        }
        i += used;
    }
    return bad;
}

size_t charset_to_utf8(const char *file, const uint8_t *p, size_t n, const char *charset,
                       nwbuf *out)
{
    size_t bad = 0;
    if (strcmp(charset, "UTF-8") == 0) {
        bad = utf8_clean(file, p, n, out);
    } else {
        iconv_t cd = iconv_open("UTF-8", charset);
        if (cd == (iconv_t)-1) {
            diag_warn(file, 0, "unknown encoding \"%s\", read as windows-1252", charset);
            cd = iconv_open("UTF-8", "WINDOWS-1252");
            if (cd == (iconv_t)-1)
                return utf8_clean(file, p, n, out);
        }
        size_t counted = 0, line = 1;
        char *in = (char *)(uintptr_t)p;
        size_t left = n;
        while (left > 0) {
            buf_reserve(out, left * 2 + 16);
            char *o = (char *)out->data + out->len;
            size_t room = out->cap - out->len;
            size_t r = iconv(cd, &in, &left, &o, &room);
            out->len = (size_t)((uint8_t *)o - out->data);
            if (r != (size_t)-1 || errno == E2BIG)
                continue;
            /* EILSEQ or EINVAL (cut at the end): one byte becomes U+FFFD */
            size_t at = (size_t)((const uint8_t *)in - p);
            if (bad++ < REPORTS)
                diag_warn(file, line_at(p, at, &counted, &line),
                          "byte 0x%02X is not valid %s, replaced by U+FFFD", p[at], charset);
            replacement(out);
            in++;
            left--;
            iconv(cd, NULL, NULL, NULL, NULL);
        }
        iconv_close(cd);
    }
    if (bad > REPORTS)
        diag_warn(file, 0, "%zu bytes in all were not valid %s, each replaced by U+FFFD", bad,
                  charset);
    buf_reserve(out, 1);
    out->data[out->len] = '\0';
    return bad;
}
