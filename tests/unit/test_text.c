/* test_text.c -- UTF-8, the text stream and the builder's text rules. */
#include <stdlib.h>

#include "../../src/core/utf8.h"
#include "../../src/host/article.h"
#include "helpers.h"
#include "test.h"

static void utf8_rejects_malformed(void)
{
    static const struct {
        const char *in;
        size_t used;
        int ok;
        uint32_t cp;
    } cases[] = {
        {"A", 1, 1, 'A'},
        {"\xC3\xA9", 2, 1, 0xE9},
        {"\xE2\x80\x99", 3, 1, 0x2019},
        {"\xF0\x9F\x93\xB0", 4, 1, 0x1F4F0},
        {"\xC0\xAF", 1, 0, UTF8_REPLACEMENT},     /* overlong */
        {"\xE0\x80\xAF", 1, 0, UTF8_REPLACEMENT}, /* overlong */
        {"\xED\xA0\x80", 1, 0, UTF8_REPLACEMENT}, /* surrogate */
        {"\xF4\x90\x80\x80", 1, 0, UTF8_REPLACEMENT}, /* past U+10FFFF */
        {"\xE2\x80", 2, 0, UTF8_REPLACEMENT},     /* truncated: maximal prefix */
        {"\x80", 1, 0, UTF8_REPLACEMENT},
        {"\xFF", 1, 0, UTF8_REPLACEMENT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t cp;
        int ok;
        size_t used = utf8_decode((const uint8_t *)cases[i].in, strlen(cases[i].in), &cp, &ok);
        CHECK_INT(used, cases[i].used);
        CHECK_INT(ok, cases[i].ok);
        CHECK_INT(cp, cases[i].cp);
    }
    uint8_t enc[4];
    CHECK_INT(utf8_encode(0x1F4F0, enc), 4);
    CHECK(memcmp(enc, "\xF0\x9F\x93\xB0", 4) == 0);
}

static char *build_dump(void (*fill)(nws_builder *), int smart)
{
    nws_article *a = article_new("t");
    nws_builder b;
    builder_init(&b, a, smart);
    fill(&b);
    builder_finish(&b);
    char *d = stream_dump(a->body.data, a->body.len);
    article_free(a);
    return d;
}

static void fill_spaces(nws_builder *b)
{
    builder_block(b, NWS_BLOCK_PARAGRAPH, 0, 0);
    builder_text(b, "  Hello \t  world\n again  ", 25);
    builder_style(b, NWS_STYLE_ITALIC);
    builder_text(b, " in italics ", 12);
    builder_style(b, NWS_STYLE_REGULAR);
    builder_text(b, "end. ", 5);
    builder_block(b, NWS_BLOCK_PARAGRAPH, 0, 0); /* empty: dropped */
    builder_block(b, NWS_BLOCK_LIST_ITEM, 1, 300);
    builder_text(b, "item\x01\x7f", 6);
}

static void builder_collapses_whitespace(void)
{
    char *d = build_dump(fill_spaces, 1);
    CHECK_STR(d, "<P>Hello world again {i}in italics {r}end.<L1:300>item");
    free(d);
}

static void fill_typo(nws_builder *b)
{
    builder_block(b, NWS_BLOCK_PARAGRAPH, 0, 0);
    const char *t = "\"Don't,\" she said -- twice --- 'maybe'... in the '90s (\"quoted\") 1--2 ----";
    builder_text(b, t, strlen(t));
}

static void builder_smart_typography(void)
{
    char *d = build_dump(fill_typo, 1);
    CHECK_STR(d, "<P>\xE2\x80\x9C" "Don\xE2\x80\x99t,\xE2\x80\x9D she said \xE2\x80\x93 twice "
                 "\xE2\x80\x94 \xE2\x80\x98maybe\xE2\x80\x99\xE2\x80\xA6 in the \xE2\x80\x99"
                 "90s (\xE2\x80\x9Cquoted\xE2\x80\x9D) 1\xE2\x80\x93" "2 ----");
    free(d);
    d = build_dump(fill_typo, 0);
    CHECK_STR(d, "<P>\"Don't,\" she said -- twice --- 'maybe'... in the '90s (\"quoted\") 1--2 ----");
    free(d);
}

static void fill_pre(nws_builder *b)
{
    builder_block(b, NWS_BLOCK_PRE, 0, 0);
    builder_text(b, "a\tb  \"c\"\n  d--e\n", 17);
    builder_block(b, NWS_BLOCK_PARAGRAPH, 0, 0);
    builder_text(b, "x", 1);
    builder_line_break(b);
    builder_text(b, " y", 2);
}

static void builder_preformatted_is_verbatim(void)
{
    char *d = build_dump(fill_pre, 1);
    CHECK_STR(d, "<PRE>a       b  \"c\"|  d--e<P>x|y");
    free(d);
}

static void scanner_rejects_bad_streams(void)
{
    static const struct {
        const char *s;
        size_t n;
        int ok;
    } cases[] = {
        {"\x01\x01hello", 7, 1},
        {"hello", 5, 0},                 /* must start with a block */
        {"\x01\x0Fx", 3, 0},             /* unknown block type */
        {"\x01\x01x\x02\x07y", 6, 0},    /* unknown style */
        {"\x01\x01x\x03y", 5, 0},        /* stray control byte */
        {"\x01\x09\x80\x80", 4, 0},      /* list ordinal runs off the end */
        {"\x01\x01\xC3", 3, 0},          /* cut UTF-8 */
        {"\x01", 1, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t r = nws_text_check((const uint8_t *)cases[i].s, (uint32_t)cases[i].n);
        if ((r == 0) != cases[i].ok)
            fprintf(stderr, "  case %zu\n", i);
        CHECK((r == 0) == cases[i].ok);
    }
}

static void typo_string_for_titles(void)
{
    char *t = typo_string("  \"Breaking\"  news -- it's  here...  ", 1);
    CHECK_STR(t, "\xE2\x80\x9C" "Breaking\xE2\x80\x9D news \xE2\x80\x93 it\xE2\x80\x99s here\xE2\x80\xA6");
    free(t);
}

const test_case text_tests[] = {
    {"utf8_rejects_malformed", utf8_rejects_malformed},
    {"builder_collapses_whitespace", builder_collapses_whitespace},
    {"builder_smart_typography", builder_smart_typography},
    {"builder_preformatted_is_verbatim", builder_preformatted_is_verbatim},
    {"scanner_rejects_bad_streams", scanner_rejects_bad_streams},
    {"typo_string_for_titles", typo_string_for_titles},
    {NULL, NULL}};
