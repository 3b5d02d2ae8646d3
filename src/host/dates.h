/* dates.h -- normalising the dates found in articles and feeds. */
#ifndef HOST_DATES_H
#define HOST_DATES_H

#include <stddef.h>

/* Parse a date in one of the common forms and write ISO 8601 to out:
 * "YYYY-MM-DD" for a date alone, "YYYY-MM-DDTHH:MM:SS" for a local time,
 * with "Z" or "+HH:MM" when the zone is known.  Understood: ISO 8601 and
 * RFC 3339, RFC 822/2822 (with or without weekday, named US zones),
 * "February 28, 1998", "28 February 1998", "Feb 28 1998", "2019/01/03",
 * "03.01.2019" (day first), and "1/3/2019" (month first unless the first
 * number is over 12), each optionally followed by a time.
 * Returns 0 on success, -1 if the text is not a date we understand. */
int date_normalize(const char *in, char *out, size_t cap);

#endif
