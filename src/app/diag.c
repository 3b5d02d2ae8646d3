/* diag.c -- warnings and errors of the host tools. */
#include "diag.h"

#include <stdarg.h>
#include <stdio.h>

diag_ctx g_diag = {"newspack", 0, 0, 0};

static void emit(const char *kind, const char *file, size_t line, const char *fmt, va_list ap)
{
    fprintf(stderr, "%s: ", g_diag.prog);
    if (file && line)
        fprintf(stderr, "%s:%zu: ", file, line);
    else if (file)
        fprintf(stderr, "%s: ", file);
    if (kind)
        fprintf(stderr, "%s: ", kind);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void diag_warn(const char *file, size_t line, const char *fmt, ...)
{
    va_list ap;
    g_diag.warnings++;
    if (g_diag.quiet)
        return;
    va_start(ap, fmt);
    emit("warning", file, line, fmt, ap);
    va_end(ap);
}

void diag_error(const char *file, size_t line, const char *fmt, ...)
{
    va_list ap;
    g_diag.errors++;
    va_start(ap, fmt);
    emit(NULL, file, line, fmt, ap);
    va_end(ap);
}
