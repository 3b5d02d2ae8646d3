/* breaks.c -- the device's line-break rules (see breaks.h). */
#include "breaks.h"

int nws_is_ideograph(uint32_t cp)
{
    return (cp >= 0x3040 && cp <= 0x309F && cp != 0x3041 && cp != 0x3043 && cp != 0x3045 &&
            cp != 0x3047 && cp != 0x3049 && cp != 0x3063 && cp != 0x3083 && cp != 0x3085 &&
            cp != 0x3087) || /* hiragana, not the small kana that may not start a line */
           (cp >= 0x30A0 && cp <= 0x30FF && cp != 0x30A1 && cp != 0x30A3 && cp != 0x30A5 &&
            cp != 0x30A7 && cp != 0x30A9 && cp != 0x30C3 && cp != 0x30E3 && cp != 0x30E5 &&
            cp != 0x30E7 && cp != 0x30FC) || /* katakana, likewise */
           (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x3FFFD);
}

static int is_letter(uint32_t cp)
{
    return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
           (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) ||
           (cp >= 0x370 && cp <= 0x52F); /* Greek, Cyrillic */
}

static int is_alnum(uint32_t cp)
{
    return (cp >= '0' && cp <= '9') || is_letter(cp);
}

int nws__invisible_rules(uint32_t cp)
{
    return cp == NWS_CP_SOFT_HYPHEN || cp == NWS_CP_ZWSP || cp == NWS_CP_WORD_JOINER ||
           cp == 0xFEFF || cp == 0x200C || cp == 0x200D;
}

int nws__break_rules(uint32_t a, uint32_t b, uint32_t c)
{
    /* Keep these few rules in step with UAX #14 where they overlap: what
     * they get wrong, newspack repairs with U+200B and U+2060, at a cost
     * of three bytes each. */
    if (b == NWS_CP_WORD_JOINER || c == NWS_CP_WORD_JOINER || c == ' ')
        return 0;
    if (b == ' ' || b == NWS_CP_ZWSP || b == NWS_CP_SOFT_HYPHEN)
        return 1;
    /* "well-known" may break after the hyphen; "2020-08-01" may not. */
    if ((b == '-' || b == 0x2010) && is_letter(a) && is_letter(c))
        return 1;
    /* Paths and URLs: after a slash that is followed by a word. */
    if (b == '/' && a && a != ' ' && is_letter(c))
        return 1;
    /* After CJK commas and full stops, before an ideograph. */
    if ((b == 0x3001 || b == 0x3002 || b == 0xFF0C || b == 0xFF01 || b == 0xFF1F) &&
        nws_is_ideograph(c))
        return 1;
    /* Around an em dash written without spaces. */
    if ((b == 0x2014 && is_alnum(c)) || (c == 0x2014 && is_alnum(b)))
        return 1;
    return nws_is_ideograph(b) && nws_is_ideograph(c);
}
