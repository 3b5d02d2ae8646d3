/* test_markup.c -- encodings, the HTML block converter and article
 * selection, in-process (the CLI suite covers whole pages and feeds). */
#include <stdlib.h>

#include "../../src/host/charset.h"
#include "../../src/host/html_blocks.h"
#include "../../src/host/html_doc.h"
#include "../../src/host/select.h"
#include "test.h"

static void encodings_are_found(void)
{
    char name[64];
    const char *bom = "\xEF\xBB\xBF<p>x</p>";
    CHECK_INT(charset_detect((const uint8_t *)bom, strlen(bom), CHARSET_HTML, name, sizeof name), 3);
    CHECK_STR(name, "UTF-8");
    const char *meta = "<html><head><META http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">";
    charset_detect((const uint8_t *)meta, strlen(meta), CHARSET_HTML, name, sizeof name);
    CHECK_STR(name, "WINDOWS-1252"); /* as browsers read Latin-1 labels */
    const char *xml = "<?xml version='1.0' encoding='Shift_JIS'?><rss/>";
    charset_detect((const uint8_t *)xml, strlen(xml), CHARSET_XML, name, sizeof name);
    CHECK_STR(name, "CP932");
    const char *undeclared = "<p>Gr\xfc\xdf""e</p>";
    charset_detect((const uint8_t *)undeclared, strlen(undeclared), CHARSET_HTML, name, sizeof name);
    CHECK_STR(name, "WINDOWS-1252");
    const char *utf8 = "<p>Gr\xc3\xbc\xc3\x9f" "e</p>";
    charset_detect((const uint8_t *)utf8, strlen(utf8), CHARSET_HTML, name, sizeof name);
    CHECK_STR(name, "UTF-8");
}

static void conversion_replaces_only_bad_bytes(void)
{
    nwbuf out = {0};
    /* KOI8-R "мир" */
    CHECK_INT(charset_to_utf8("t", (const uint8_t *)"\xcd\xc9\xd2", 3, "KOI8-R", &out), 0);
    CHECK_STR((const char *)out.data, "\xd0\xbc\xd0\xb8\xd1\x80");
    buf_free(&out);
    /* Shift_JIS with a cut double-byte character at the end */
    CHECK_INT(charset_to_utf8("t", (const uint8_t *)"\x93\xfa\x96\x7b\x82", 5, "CP932", &out), 1);
    CHECK_STR((const char *)out.data, "\xe6\x97\xa5\xe6\x9c\xac\xef\xbf\xbd");
    buf_free(&out);
    CHECK_INT(charset_to_utf8("t", (const uint8_t *)"a\xffz", 3, "UTF-8", &out), 1);
    CHECK_STR((const char *)out.data, "a\xef\xbf\xbdz");
    buf_free(&out);
}

static char *blocks_of(const char *html)
{
    xmlDoc *d = html_parse_fragment(html, strlen(html));
    nws_article *a = article_new("t");
    nws_builder b;
    builder_init(&b, a, 0);
    html_to_blocks(html_body(d), &b);
    builder_finish(&b);
    /* render the stream as "type:text|" for comparison */
    nwbuf out = {0};
    for (size_t i = 0; i < a->body.len; i++) {
        uint8_t c = a->body.data[i];
        if (c == NWS_MARK_BLOCK) {
            uint8_t attr = a->body.data[++i];
            char tag[16];
            snprintf(tag, sizeof tag, "%s[%u:%u]", out.len ? "|" : "", attr & 0x0F,
                     attr >> NWS_ATTR_DEPTH_SHIFT);
            buf_adds(&out, tag);
            if ((attr & 0x0F) == NWS_BLOCK_LIST_ITEM)
                while (a->body.data[++i] & 0x80) {
                }
        } else if (c == NWS_MARK_STYLE) {
            buf_addc(&out, (uint8_t)('0' + a->body.data[++i]));
        } else {
            buf_addc(&out, c);
        }
    }
    article_free(a);
    xmlFreeDoc(d);
    return buf_take_str(&out);
}

static void html_becomes_blocks(void)
{
    char *s = blocks_of("<h2>Head</h2><p>One <em>two</em> three</p><ul><li>a<ul><li>b</li></ul></li></ul>"
                        "<blockquote><p>q</p></blockquote><script>x()</script><pre>p  re</pre>"
                        "<table><tr><th>k</th><td>v</td></tr></table>");
    CHECK_STR(s, "[3:0]Head|[1:0]One 1two0 three|[9:0]a|[9:1]b|[8:0]q|[10:0]p  re|[1:0]2k0 | v");
    free(s);
}

static nws_article *art(const char *title, const char *date, const char *guid)
{
    nws_article *a = article_new("t");
    article_set(a, NWSB_FIELD_TITLE, title, strlen(title));
    if (date)
        article_set(a, NWSB_FIELD_DATE, date, strlen(date));
    if (guid)
        a->guid = xstrdup(guid);
    return a;
}

static void selection_dedupes_and_filters(void)
{
    article_list l = {0};
    article_list_add(&l, art("Ferry returns to the harbour", "2026-11-20", "g1"));
    article_list_add(&l, art("Ferry returns to the harbour!", "2026-11-21", "g2")); /* same title */
    article_list_add(&l, art("Something else entirely", "2026-11-22", "g1"));      /* same GUID */
    article_list_add(&l, art("Old news from October", "2026-10-01", "g3"));
    article_list_add(&l, art("Undated but fresh", NULL, "g4"));
    article_list_add(&l, art("Newest of the week", "2026-11-25", "g5"));
    select_options o = {"2026-11-01", NULL, 2};
    select_stats st;
    CHECK_INT(select_articles(&l, &o, &st), 0);
    CHECK_INT(st.duplicates, 2);
    CHECK_INT(st.older, 1);
    CHECK_INT(st.over_max, 1); /* the undated one counts as oldest */
    CHECK_INT(l.n, 2);
    if (l.n == 2) {
        CHECK_STR(l.v[0]->field[NWSB_FIELD_TITLE], "Ferry returns to the harbour");
        CHECK_STR(l.v[1]->field[NWSB_FIELD_TITLE], "Newest of the week");
    }
    article_list_free(&l);
}

const test_case markup_tests[] = {
    {"encodings_are_found", encodings_are_found},
    {"conversion_replaces_only_bad_bytes", conversion_replaces_only_bad_bytes},
    {"html_becomes_blocks", html_becomes_blocks},
    {"selection_dedupes_and_filters", selection_dedupes_and_filters},
    {NULL, NULL}};
