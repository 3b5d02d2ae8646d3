/* window_none.c -- newsview built without SDL2: --window says how to get it. */
#include "../app/diag.h"
#include "newsview_read.h"

int window_run(struct session *s, const read_opts *ro)
{
    (void)s;
    (void)ro;
    diag_error(NULL, 0, "this newsview was built without SDL2; install libsdl2-dev "
                        "(tools/install-deps.sh) and rebuild for --window");
    return -1;
}
