/* blobs.S -- the bundle and the reading fonts, linked into flash and read
 * in place.  The Makefile passes their paths. */
    .section .rodata.blobs, "a"
    .balign 8
    .global nws_fw_bundle, nws_fw_bundle_end
nws_fw_bundle:
    .incbin NWS_FW_BUNDLE_PATH
nws_fw_bundle_end:
    .balign 8
    .global nws_fw_font_regular, nws_fw_font_regular_end
nws_fw_font_regular:
    .incbin NWS_FW_FONT_REGULAR
nws_fw_font_regular_end:
    .balign 8
    .global nws_fw_font_italic, nws_fw_font_italic_end
nws_fw_font_italic:
    .incbin NWS_FW_FONT_ITALIC
nws_fw_font_italic_end:
    .balign 8
    .global nws_fw_font_bold, nws_fw_font_bold_end
nws_fw_font_bold:
    .incbin NWS_FW_FONT_BOLD
nws_fw_font_bold_end:
    .balign 8
    .global nws_fw_font_bold_italic, nws_fw_font_bold_italic_end
nws_fw_font_bold_italic:
    .incbin NWS_FW_FONT_BOLD_ITALIC
nws_fw_font_bold_italic_end:
