/* render.h -- drawing laid-out pages into the framebuffer model (device
 * code: no allocation; glyphs come from the font cache). */
#ifndef NWS_RENDER_H
#define NWS_RENDER_H

#include <stdint.h>

#include "../fb/fb.h"
#include "../font/font.h"
#include "../layout/layout.h"

extern const uint8_t render_gamma[256];

/* Clear the fb to white and draw every run of the page. */
int render_page(nws_fonts *fonts, const lay_page *page, nws_fb *fb);

#endif
