/* test_parsers.c -- plain text and Markdown into the article model. */
#include <stdlib.h>

#include "helpers.h"
#include "test.h"

static char *body(const nws_article *a)
{
    return stream_dump(a->body.data, a->body.len);
}

static void text_title_headers_paragraphs(void)
{
    nws_article *a = parse_string("\xEF\xBB\xBFThe title\r\nRelease time:2025-02-17\r\nBy: Ann Writer\r\n"
                                  "source : The Daily\r\nFirst paragraph.\r\nSecond  one.\r\n\r\n\r\nThird.",
                                  FORMAT_TEXT, 0);
    CHECK(a != NULL);
    if (!a)
        return;
    CHECK_STR(a->field[NWSB_FIELD_TITLE], "The title");
    CHECK_STR(a->field[NWSB_FIELD_DATE], "2025-02-17");
    CHECK_STR(a->field[NWSB_FIELD_AUTHOR], "Ann Writer");
    CHECK_STR(a->field[NWSB_FIELD_SOURCE], "The Daily");
    char *d = body(a);
    CHECK_STR(d, "<P>First paragraph.<P>Second one.<P>Third.");
    free(d);
    article_free(a);
}

static void text_header_only_after_title(void)
{
    /* "Date:" in the body is text, and an unknown key is not a header. */
    nws_article *a = parse_string("Title\nTopic: politics\nDate: 2020-01-01\n", FORMAT_TEXT, 0);
    CHECK(a && a->field[NWSB_FIELD_DATE] == NULL);
    if (a) {
        char *d = body(a);
        CHECK_STR(d, "<P>Topic: politics<P>Date: 2020-01-01");
        free(d);
    }
    article_free(a);
}

static void text_joins_hard_wrapped(void)
{
    nws_article *a = parse_string(
        "Wrapped\n\nThis paragraph was wrapped by an editor at seventy columns, so\n"
        "its lines stop in the middle of sentences and carry on below until\n"
        "the end.\n\nA second paragraph, also wrapped at a fixed width by the\n"
        "same editor, which joins the lines back into one paragraph.\n",
        FORMAT_TEXT, 0);
    char *d = body(a);
    CHECK_STR(d, "<P>This paragraph was wrapped by an editor at seventy columns, so its lines "
                 "stop in the middle of sentences and carry on below until the end."
                 "<P>A second paragraph, also wrapped at a fixed width by the same editor, "
                 "which joins the lines back into one paragraph.");
    free(d);
    article_free(a);
    /* Short lines that end sentences are paragraphs of their own. */
    a = parse_string("List\nFounded\nFebruary 28, 1998\nProducts\nFirefox, Thunderbird.\n",
                     FORMAT_TEXT, 0);
    d = body(a);
    CHECK_STR(d, "<P>Founded<P>February 28, 1998<P>Products<P>Firefox, Thunderbird.");
    free(d);
    article_free(a);
}

static void text_long_first_line_is_body(void)
{
    char *big = malloc(3000);
    memset(big, 'w', 2999);
    for (int i = 5; i < 2999; i += 6)
        big[i] = ' ';
    big[2999] = '\0';
    nws_article *a = parse_string(big, FORMAT_TEXT, 0);
    CHECK(a != NULL);
    if (a) {
        const char *t = a->field[NWSB_FIELD_TITLE];
        CHECK(t && strlen(t) < 120 && strstr(t, "\xE2\x80\xA6"));
        CHECK(a->body.len > 2990); /* nothing lost */
    }
    article_free(a);
    free(big);
}

static void markdown_structure(void)
{
    const char *md = "---\ntitle: \"Front matter title\"\ndate: 2024-06-25\nauthor:\n  - A. One\n"
                     "  - B. Two\nlang: de\n---\n"
                     "# Heading one\n\nSome *emphasis*, **strong** and ***both*** with `code \"x\"`"
                     " and a [link](http://x) &amp; &eacute;.\n\n"
                     "> Quoted \"words\"\n>\n> > deeper\n\n"
                     "- first\n- second\n  - nested\n\n3. three\n4. four\n\n"
                     "```\nint x;\n  y;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                     "Hard  \nbreak ![alt text](img.png) <span>inline</span>\n";
    nws_article *a = parse_string(md, FORMAT_MARKDOWN, 1);
    CHECK(a != NULL);
    if (!a)
        return;
    CHECK_STR(a->field[NWSB_FIELD_TITLE], "Front matter title");
    CHECK_STR(a->field[NWSB_FIELD_DATE], "2024-06-25");
    CHECK_STR(a->field[NWSB_FIELD_AUTHOR], "A. One, B. Two");
    CHECK_STR(a->field[NWSB_FIELD_LANGUAGE], "de");
    char *d = body(a);
    CHECK_STR(d, "<H1>Heading one<P>Some {i}emphasis{r}, {b}strong{r} and {bi}both{r} with "
                 "code \"x\" and a link & \xC3\xA9."
                 "<Q0>Quoted \xE2\x80\x9Cwords\xE2\x80\x9D<Q1>deeper"
                 "<L0:0>first<L0:0>second<L1:0>nested<L0:3>three<L0:4>four"
                 "<PRE>int x;|  y;<P>{b}a{r} | {b}b<P>1 | 2<P>Hard|break [alt text] inline");
    free(d);
    article_free(a);
}

static void markdown_h1_title(void)
{
    nws_article *a = parse_string("# The \"Title\"\n\nBody text.\n\n# Another\n", FORMAT_MARKDOWN, 1);
    CHECK(a != NULL);
    if (!a)
        return;
    CHECK_STR(a->field[NWSB_FIELD_TITLE], "The \xE2\x80\x9CTitle\xE2\x80\x9D");
    char *d = body(a);
    CHECK_STR(d, "<P>Body text.<H1>Another");
    free(d);
    article_free(a);
}

const test_case parser_tests[] = {
    {"text_title_headers_paragraphs", text_title_headers_paragraphs},
    {"text_header_only_after_title", text_header_only_after_title},
    {"text_joins_hard_wrapped", text_joins_hard_wrapped},
    {"text_long_first_line_is_body", text_long_first_line_is_body},
    {"markdown_structure", markdown_structure},
    {"markdown_h1_title", markdown_h1_title},
    {NULL, NULL}};
