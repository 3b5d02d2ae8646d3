/* test.h -- a minimal test runner: each TEST is one case; a case passes
 * when none of its CHECKs failed.  The runner ends with "N passed, N failed". */
#ifndef TEST_H
#define TEST_H

#include <stdio.h>
#include <string.h>

extern int test_case_failed;

#define CHECK(cond)                                                                   \
    do {                                                                              \
        if (!(cond)) {                                                                \
            test_case_failed = 1;                                                     \
            fprintf(stderr, "  %s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                             \
    } while (0)

#define CHECK_STR(got, want)                                                               \
    do {                                                                                   \
        const char *g_ = (got), *w_ = (want);                                              \
        if (!g_ || strcmp(g_, w_) != 0) {                                                  \
            test_case_failed = 1;                                                          \
            fprintf(stderr, "  %s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__,     \
                    g_ ? g_ : "(null)", w_);                                               \
        }                                                                                  \
    } while (0)

#define CHECK_INT(got, want)                                                             \
    do {                                                                                 \
        long long g_ = (long long)(got), w_ = (long long)(want);                         \
        if (g_ != w_) {                                                                  \
            test_case_failed = 1;                                                        \
            fprintf(stderr, "  %s:%d: %s is %lld, want %lld\n", __FILE__, __LINE__, #got, \
                    g_, w_);                                                             \
        }                                                                                \
    } while (0)

typedef struct test_case {
    const char *name;
    void (*fn)(void);
} test_case;

/* Each test file exports a NULL-terminated table. */
extern const test_case text_tests[], date_tests[], parser_tests[], bundle_tests[],
    damage_tests[], alloc_tests[], fb_tests[], layout_tests[], markup_tests[], typeset_tests[], image_tests[], reader_tests[], raster_tests[], panel_tests[],
    glyph_tests[];

#endif
