/* fuzz_markup.c -- libFuzzer target for the host's HTML page converter
 * (FUZZ_FEED undefined) or its feed parser (FUZZ_FEED defined): any bytes
 * must give articles or a warning, never a crash, leak or overflow. */
#include <stddef.h>
#include <stdint.h>

#include "../../src/app/diag.h"
#include "../../src/host/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    article_list out = {0};
    input_options opt = {FORMAT_AUTO, 1, 1600, 1200};
    g_diag.quiet = 1;
#ifdef FUZZ_FEED
    parse_feed("fuzz.xml", data, size, &opt, &out);
#else
    parse_html("fuzz.html", data, size, &opt, &out);
#endif
    article_list_free(&out);
    return 0;
}
