/* script_detect.h -- which writing system an article is in (host code). */
#ifndef HOST_SCRIPT_DETECT_H
#define HOST_SCRIPT_DETECT_H

#include "../text/scripts.h"
#include "article.h"

/* The script of a code point: NULL for digits, punctuation, symbols,
 * spaces and combining marks (they take the script around them). */
const nws_script *script_of_cp(uint32_t cp);
/* Is cp a letter of an alphabet that has case (Latin, Greek, Cyrillic,
 * Armenian)?  *upper tells whether it is a capital. */
int script_cased_letter(uint32_t cp, int *upper);
/* The lower-case form of a cased letter (same UTF-8 length). */
uint32_t script_lower(uint32_t cp);

/* Count the letters of each script in the body and title; set the
 * article's script tag and its right-to-left and complex flags.  A page's
 * dir="rtl" (a->dir_hint) decides when no letters do. */
void script_detect(nws_article *a);

#endif
