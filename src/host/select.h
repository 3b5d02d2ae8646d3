/* select.h -- choosing which parsed articles go into a bundle: duplicates
 * (same GUID, same URL or same title) are dropped, then articles dated
 * before --since, then those already in an earlier bundle (--skip-seen,
 * by the stable article id), then all but the newest --max-articles.
 * Input order is kept for what remains. */
#ifndef HOST_SELECT_H
#define HOST_SELECT_H

#include <stddef.h>

#include "input.h"

typedef struct select_options {
    const char *since;     /* "YYYY-MM-DD" (normalised), or NULL */
    const char *seen;      /* earlier bundle, or NULL */
    size_t max_articles;   /* 0: no limit */
} select_options;

typedef struct select_stats {
    size_t duplicates, older, seen, over_max;
} select_stats;

/* Returns 0, or -1 when the earlier bundle cannot be read (a message said
 * why). */
int select_articles(article_list *l, const select_options *o, select_stats *st);

#endif
