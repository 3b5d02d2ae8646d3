/* test_dates.c -- date normalisation to ISO 8601. */
#include "../../src/host/dates.h"
#include "test.h"

static void dates_normalise(void)
{
    static const struct {
        const char *in, *out;
    } ok[] = {
        {"2025-02-17", "2025-02-17"},
        {"2025/2/7", "2025-02-07"},
        {"2019-01-03T10:20:30Z", "2019-01-03T10:20:30Z"},
        {"2019-01-03 10:20", "2019-01-03T10:20:00"},
        {"2019-01-03T10:20:30.123+01:00", "2019-01-03T10:20:30+01:00"},
        {"2019-01-03T10:20:30-0530", "2019-01-03T10:20:30-05:30"},
        {"Thu, 03 Jan 2019 10:00:00 +0000", "2019-01-03T10:00:00Z"},
        {"Thu, 3 Jan 2019 10:00:00 GMT", "2019-01-03T10:00:00Z"},
        {"Sat, 07 Sep 2002 00:00:01 EDT", "2002-09-07T00:00:01-04:00"},
        {"03 Jan 19 10:00 PST", "2019-01-03T10:00:00-08:00"},
        {"February 28, 1998", "1998-02-28"},
        {"Feb. 28 1998", "1998-02-28"},
        {"Sept 1st, 2020", "2020-09-01"},
        {"28 February 1998", "1998-02-28"},
        {"1 March 2021 at 3:05 pm", "2021-03-01T15:05:00"},
        {"03.01.2019", "2019-01-03"},
        {"1/3/2019", "2019-01-03"},
        {"13/3/2019", "2019-03-13"},
        {"2024-02-29", "2024-02-29"},
    };
    static const char *const bad[] = {"yesterday", "2023-02-29", "2019-13-01", "2019-01-32",
                                      "Feb 30, 2020", "2019-01-03 25:00", "12345", "",
                                      "2019-01-03 junk"};
    char out[64];
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        int rc = date_normalize(ok[i].in, out, sizeof out);
        CHECK_INT(rc, 0);
        if (rc == 0)
            CHECK_STR(out, ok[i].out);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int rc = date_normalize(bad[i], out, sizeof out);
        if (rc == 0)
            fprintf(stderr, "  accepted \"%s\" as %s\n", bad[i], out);
        CHECK_INT(rc, -1);
    }
}

const test_case date_tests[] = {{"dates_normalise", dates_normalise}, {NULL, NULL}};
