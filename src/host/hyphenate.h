/* hyphenate.h -- soft hyphens at pack time, so the device needs no
 * dictionaries (host code).
 *
 * Words are hyphenated with libhyphen and the TeX-derived patterns of
 * Debian's hyphen-* packages, chosen by the article's language.  Only
 * running text is touched: not headings or code, not URLs, e-mail
 * addresses or paths, not words with digits or inner capitals (acronyms,
 * brand names), not words the author already hyphenated, and not words
 * too short to leave the minimum fragments on both sides. */
#ifndef HOST_HYPHENATE_H
#define HOST_HYPHENATE_H

#include "article.h"

typedef struct hyphenator hyphenator;

typedef struct hyphen_options {
    const char *dir;   /* pattern files hyph_LL_CC.dic; NULL: the default */
    int left, right;   /* minimum letters before and after a break */
    int min_word;      /* shorter words are left whole */
    const char *fallback_language; /* for articles that name none */
} hyphen_options;

#define HYPHEN_DIR_DEFAULT "/usr/share/hyphen"
#define HYPHEN_LEFT_DEFAULT 2
#define HYPHEN_RIGHT_DEFAULT 3
/* Breaks in short words do little for justified lines but cost bytes:
 * every soft hyphen is two, and hyphenated words no longer match the
 * preset dictionary (news corpus at zlib level 9: +17 % stored text from
 * 5 letters up, +15 % from 7, +12 % from 8). */
#define HYPHEN_MIN_WORD_DEFAULT 7

hyphenator *hyphenator_new(const hyphen_options *opt);
/* Writes one warning per language without patterns, naming how many
 * articles were left alone, and frees everything. */
void hyphenator_free(hyphenator *h);

/* Insert soft hyphens into a's body.  Returns how many were inserted, or
 * -1 when no patterns serve the article's language (counted for the
 * warning). */
long hyphenate_article(hyphenator *h, nws_article *a);

/* Break points of one word (UTF-8, letters only) for tests: breaks[i] is
 * set when a hyphen may follow the i-th character.  Returns the number of
 * characters, or -1 if the language has no patterns. */
int hyphenate_word(hyphenator *h, const char *lang, const char *word, unsigned char *breaks,
                   int cap);

#endif
