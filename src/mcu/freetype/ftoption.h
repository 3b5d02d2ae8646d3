/* ftoption.h -- FreeType's options for the firmware: the distribution's
 * own defaults (the same hinting as the host's FreeType, so pages match
 * newsview bit for bit), minus everything a reader of TrueType fonts in
 * flash does not need: no compressed or Mac fonts, no SVG, no variation
 * fonts, no glyph names, no external libraries.  Selected with
 * -DFT_CONFIG_OPTIONS_H; the modules are in ftmodule.h. */
#ifndef NWS_MCU_FTOPTION_H
#define NWS_MCU_FTOPTION_H

#include <freetype/config/ftoption.h>

#undef FT_CONFIG_OPTION_USE_LZW
#undef FT_CONFIG_OPTION_USE_ZLIB
#undef FT_CONFIG_OPTION_USE_BZIP2
#undef FT_CONFIG_OPTION_USE_PNG
#undef FT_CONFIG_OPTION_USE_HARFBUZZ
#undef FT_CONFIG_OPTION_USE_BROTLI
#undef FT_CONFIG_OPTION_POSTSCRIPT_NAMES
#undef FT_CONFIG_OPTION_ADOBE_GLYPH_LIST
#undef FT_CONFIG_OPTION_MAC_FONTS
#undef FT_CONFIG_OPTION_GUESSING_EMBEDDED_RFORK
#undef FT_CONFIG_OPTION_INCREMENTAL
#undef FT_CONFIG_OPTION_SVG
#undef FT_CONFIG_OPTION_SUBPIXEL_RENDERING
#undef TT_CONFIG_OPTION_BDF
#undef TT_CONFIG_OPTION_GX_VAR_SUPPORT
#undef TT_CONFIG_OPTION_POSTSCRIPT_NAMES
#undef TT_CONFIG_OPTION_EMBEDDED_BITMAPS
#undef TT_CONFIG_OPTION_COLOR_LAYERS
#undef FT_DEBUG_LEVEL_ERROR
#undef FT_DEBUG_LEVEL_TRACE
#undef FT_DEBUG_MEMORY
/* The monochrome rasterizer's pool lives on the stack: 4 KB instead of
 * 16 KB, rendering big glyphs in more bands (with the same pixels). */
#undef FT_RENDER_POOL_SIZE
#define FT_RENDER_POOL_SIZE 4096L

#endif
