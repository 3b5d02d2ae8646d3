/* scripts.h -- writing systems the bundle names per article (device code).
 *
 * newspack records each article's dominant script as an ISO 15924 code
 * (four ASCII letters packed into a u32, first letter in the low byte) and
 * whether the text runs right to left or needs shaping the renderer does
 * not do yet.  The device only needs the names, for its notice. */
#ifndef NWS_SCRIPTS_H
#define NWS_SCRIPTS_H

#include <stdint.h>

/* "Latn" -> its u32 tag, as stored in the article index. */
#define NWS_SCRIPT_TAG(a, b, c, d)                                                  \
    ((uint32_t)(uint8_t)(a) | ((uint32_t)(uint8_t)(b) << 8) |                       \
     ((uint32_t)(uint8_t)(c) << 16) | ((uint32_t)(uint8_t)(d) << 24))

typedef struct nws_script {
    const char *code; /* ISO 15924, e.g. "Arab" */
    const char *name; /* English name for notices */
    uint8_t rtl;      /* written right to left */
    uint8_t complex;  /* needs bidi or shaping this renderer lacks */
} nws_script;

/* The entry for a tag, or NULL if the tag is 0 or unknown. */
const nws_script *nws_script_find(uint32_t tag);
uint32_t nws_script_tag(const nws_script *s);
/* All entries, for the host's detection table; *n gets the count. */
const nws_script *nws_script_list(uint32_t *n);

#endif
