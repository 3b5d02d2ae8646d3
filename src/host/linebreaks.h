/* linebreaks.h -- Unicode line breaking (UAX #14) at pack time. */
#ifndef HOST_LINEBREAKS_H
#define HOST_LINEBREAKS_H

#include "article.h"

/* Compare libunibreak's break opportunities with the device's own rules
 * (src/text/breaks.h) and reconcile them in the text: U+200B where UAX #14
 * allows a break the device would miss, U+2060 where it forbids one the
 * device would take.  Returns how many characters were inserted. */
size_t linebreaks_mark(nws_article *a);

#endif
