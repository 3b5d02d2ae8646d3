/* ftsystem.c -- FreeType's system layer for the firmware, replacing its
 * stdio and malloc one: fonts are opened from memory only (flash), and
 * all memory comes from the arena through the FT_Memory the reader
 * passes to FT_New_Library (src/font/font.c). */
#include <ft2build.h>
#include <freetype/internal/ftdebug.h>
#include <freetype/internal/ftobjs.h>
#include <freetype/internal/ftstream.h>
#include <freetype/ftsystem.h>
#include <freetype/fterrors.h>

FT_BASE_DEF(FT_Error)
FT_Stream_Open(FT_Stream stream, const char *filepathname)
{
    (void)filepathname;
    if (stream)
        stream->base = NULL;
    return FT_Err_Cannot_Open_Resource; /* no file system */
}

FT_BASE_DEF(FT_Memory)
FT_New_Memory(void)
{
    return NULL; /* the reader brings its own allocator */
}

FT_BASE_DEF(void)
FT_Done_Memory(FT_Memory memory)
{
    (void)memory;
}
