/* charset.h -- finding a document's character encoding and converting it
 * to UTF-8 (host code, through the C library's iconv).
 *
 * Web pages and feeds still arrive in ISO-8859-x, windows-125x, KOI8-R,
 * Shift_JIS, EUC-JP, GB2312 or Big5.  The declared encoding wins (byte
 * order mark, then <?xml encoding?>, then <meta charset> or its
 * http-equiv form); without one, text that is valid UTF-8 is UTF-8 and
 * anything else is read as windows-1252, as browsers do. */
#ifndef HOST_CHARSET_H
#define HOST_CHARSET_H

#include <stddef.h>
#include <stdint.h>

#include "../app/buf.h"

typedef enum { CHARSET_HTML, CHARSET_XML } charset_kind;

/* The encoding the document declares or implies, normalised for iconv
 * ("UTF-8", "WINDOWS-1252", "SHIFT_JIS", ...), written to name.  Returns
 * how many leading bytes to skip (a byte order mark). */
size_t charset_detect(const uint8_t *p, size_t n, charset_kind kind, char *name, size_t cap);

/* Convert to UTF-8 (NUL-terminated in out).  Bytes that are not valid in
 * the encoding become U+FFFD; the first few are reported with their line
 * (file names the input).  An encoding iconv does not know is reported and
 * read as windows-1252.  Returns the number of replaced bytes. */
size_t charset_to_utf8(const char *file, const uint8_t *p, size_t n, const char *charset,
                       nwbuf *out);

#endif
