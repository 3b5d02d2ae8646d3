/* lang_guess.h -- the language of an article that does not say (host). */
#ifndef HOST_LANG_GUESS_H
#define HOST_LANG_GUESS_H

#include <stddef.h>

/* A two-letter code for text in one of the languages we hyphenate (en de
 * fr es it nl pt ru pl), judged by its commonest short words; NULL when
 * the text is too short or no language clearly wins. */
const char *lang_guess(const char *text, size_t len);

#endif
