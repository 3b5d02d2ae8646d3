/* breaks.h -- where the device may break a line (device code).
 *
 * The device keeps its rules small: after a space, at a zero-width space,
 * at a soft hyphen, after a hyphen between letters or digits, and between
 * two ideographs.  newspack computes the full Unicode line-breaking rules
 * (UAX #14, with libunibreak) at pack time and reconciles the two by
 * inserting U+200B where UAX #14 allows a break these rules miss, and
 * U+2060 (word joiner) where it forbids one they would take. */
#ifndef NWS_BREAKS_H
#define NWS_BREAKS_H

#include <stdint.h>

#define NWS_CP_SOFT_HYPHEN 0x00ADu
#define NWS_CP_ZWSP 0x200Bu
#define NWS_CP_WORD_JOINER 0x2060u
#define NWS_CP_NBSP 0x00A0u

int nws_is_ideograph(uint32_t cp);
/* The rules themselves; nws_break_between() and nws_is_invisible() answer
 * the common ASCII cases first, without a call. */
int nws__break_rules(uint32_t a, uint32_t b, uint32_t c);
int nws__invisible_rules(uint32_t cp);

/* An ASCII letter or digit. */
static inline int nws_ascii_alnum(uint32_t cp)
{
    return cp - '0' < 10u || (cp | 0x20u) - 'a' < 26u;
}

/* May a line break between b and c, where a precedes b (0 at the start)?
 * After an ASCII letter or digit no rule breaks before an ASCII
 * character: most of a text is answered here (and the layout's ASCII
 * word loop relies on it). */
static inline int nws_break_between(uint32_t a, uint32_t b, uint32_t c)
{
    if (c < 0x80 && nws_ascii_alnum(b))
        return 0;
    return nws__break_rules(a, b, c);
}

/* Characters that take no room and are never drawn (none is ASCII). */
static inline int nws_is_invisible(uint32_t cp)
{
    return cp >= 0x80 && nws__invisible_rules(cp);
}

#endif
