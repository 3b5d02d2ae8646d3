/* ftmodule.h -- the firmware's FreeType modules: the TrueType driver, the
 * SFNT tables it reads, and the monochrome rasterizer for 1-bit panels
 * (gray glyphs go through src/font/raster.c).  Selected with
 * -DFT_CONFIG_MODULES_H. */
FT_USE_MODULE( FT_Driver_ClassRec, tt_driver_class )
FT_USE_MODULE( FT_Module_Class, sfnt_module_class )
FT_USE_MODULE( FT_Renderer_Class, ft_raster1_renderer_class )
