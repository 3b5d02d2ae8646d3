/* test_main.c -- runs every unit test table; "N passed, N failed" last. */
#include <stdlib.h>

#include "../../src/app/diag.h"
#include "test.h"

int test_case_failed;

static int skipped(const char *list, const char *name)
{
    char buf[256];
    snprintf(buf, sizeof buf, "%s", list);
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ","))
        if (*tok && strstr(name, tok))
            return 1;
    return 0;
}

int main(int argc, char **argv)
{
    const test_case *tables[] = {text_tests,  date_tests,   parser_tests,
                                 bundle_tests, damage_tests, alloc_tests,
                                 fb_tests,    layout_tests, markup_tests, typeset_tests, image_tests, reader_tests, raster_tests, panel_tests,
                                 glyph_tests};
    int pass = 0, fail = 0;
    const char *only = argc > 1 ? argv[1] : NULL;
    /* UNIT_SKIP=a,b skips cases whose names contain a or b (valgrind runs
     * leave out the slow corpus-wide layout cases). */
    const char *skip = getenv("UNIT_SKIP");
    g_diag.quiet = 1; /* parsers warn on purpose in these tests */
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
        for (const test_case *c = tables[t]; c->name; c++) {
            if (only && !strstr(c->name, only))
                continue;
            if (skip && skipped(skip, c->name))
                continue;
            test_case_failed = 0;
            c->fn();
            printf("%s %s\n", test_case_failed ? "FAIL" : "ok  ", c->name);
            fflush(stdout);
            if (test_case_failed)
                fail++;
            else
                pass++;
        }
    }
    printf("%d passed, %d failed\n", pass, fail);
    return fail ? EXIT_FAILURE : EXIT_SUCCESS;
}
