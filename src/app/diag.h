/* diag.h -- messages of the host tools, in the form
 *   prog: file:line: message
 * on stderr.  Counts warnings so the summary can report them. */
#ifndef HOST_DIAG_H
#define HOST_DIAG_H

#include <stddef.h>

typedef struct diag_ctx {
    const char *prog;
    int quiet;           /* -q: warnings are counted, not printed */
    unsigned warnings;
    unsigned errors;
} diag_ctx;

extern diag_ctx g_diag;

/* line 0 leaves the line out; file NULL leaves the place out. */
void diag_warn(const char *file, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_error(const char *file, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
