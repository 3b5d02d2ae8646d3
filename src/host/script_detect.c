/* script_detect.c -- dominant script of an article by letter counts.
 * Block ranges from Unicode's Blocks.txt; a block is a good enough proxy
 * for the script of the letters in it. */
#include "script_detect.h"

#include <string.h>

#include "../core/utf8.h"

typedef struct range {
    uint32_t lo, hi;
    const char *code;
} range;

/* Sorted by lo; no overlaps. */
static const range ranges[] = {
    {0x0041, 0x005A, "Latn"}, {0x0061, 0x007A, "Latn"}, {0x00AA, 0x00AA, "Latn"},
    {0x00BA, 0x00BA, "Latn"}, {0x00C0, 0x00D6, "Latn"}, {0x00D8, 0x00F6, "Latn"},
    {0x00F8, 0x024F, "Latn"}, {0x0250, 0x02AF, "Latn"}, {0x0370, 0x03FF, "Grek"},
    {0x0400, 0x052F, "Cyrl"}, {0x0531, 0x058F, "Armn"}, {0x0591, 0x05FF, "Hebr"},
    {0x0600, 0x06FF, "Arab"}, {0x0700, 0x074F, "Syrc"}, {0x0750, 0x077F, "Arab"},
    {0x0780, 0x07BF, "Thaa"}, {0x07C0, 0x07FF, "Nkoo"}, {0x08A0, 0x08FF, "Arab"},
    {0x0900, 0x097F, "Deva"}, {0x0980, 0x09FF, "Beng"}, {0x0A00, 0x0A7F, "Guru"},
    {0x0A80, 0x0AFF, "Gujr"}, {0x0B00, 0x0B7F, "Orya"}, {0x0B80, 0x0BFF, "Taml"},
    {0x0C00, 0x0C7F, "Telu"}, {0x0C80, 0x0CFF, "Knda"}, {0x0D00, 0x0D7F, "Mlym"},
    {0x0D80, 0x0DFF, "Sinh"}, {0x0E00, 0x0E7F, "Thai"}, {0x0E80, 0x0EFF, "Laoo"},
    {0x0F00, 0x0FFF, "Tibt"}, {0x1000, 0x109F, "Mymr"}, {0x10A0, 0x10FF, "Geor"},
    {0x1100, 0x11FF, "Kore"}, {0x1200, 0x139F, "Ethi"}, {0x1780, 0x17FF, "Khmr"},
    {0x1C80, 0x1C8F, "Cyrl"}, {0x1E00, 0x1EFF, "Latn"}, {0x1F00, 0x1FFF, "Grek"},
    {0x2C60, 0x2C7F, "Latn"}, {0x2DE0, 0x2DFF, "Cyrl"}, {0x3040, 0x309F, "Jpan"},
    {0x30A0, 0x30FF, "Jpan"}, {0x3130, 0x318F, "Kore"}, {0x31F0, 0x31FF, "Jpan"},
    {0x3400, 0x4DBF, "Hani"}, {0x4E00, 0x9FFF, "Hani"}, {0xA640, 0xA69F, "Cyrl"},
    {0xA720, 0xA7FF, "Latn"}, {0xAC00, 0xD7AF, "Kore"}, {0xF900, 0xFAFF, "Hani"},
    {0xFB00, 0xFB06, "Latn"}, {0xFB1D, 0xFB4F, "Hebr"}, {0xFB50, 0xFDFF, "Arab"},
    {0xFE70, 0xFEFF, "Arab"}, {0xFF21, 0xFF3A, "Latn"}, {0xFF41, 0xFF5A, "Latn"},
    {0xFF66, 0xFF9F, "Jpan"}, {0x20000, 0x3134F, "Hani"},
};

static const nws_script *by_code(const char *code)
{
    return nws_script_find(NWS_SCRIPT_TAG(code[0], code[1], code[2], code[3]));
}

static int is_mark_or_symbol(uint32_t cp)
{
    /* Greek and Cyrillic blocks hold a few signs; Hebrew and Arabic
     * blocks hold points and punctuation that still say the script, which
     * is what matters for direction. */
    return cp == 0x00D7 || cp == 0x00F7 || cp == 0x0374 || cp == 0x0375 || cp == 0x037E ||
           cp == 0x0387 || cp == 0x0482 || (cp >= 0x0483 && cp <= 0x0489);
}

const nws_script *script_of_cp(uint32_t cp)
{
    if (cp < 0x41 || is_mark_or_symbol(cp))
        return NULL;
    size_t lo = 0, hi = sizeof ranges / sizeof ranges[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (cp < ranges[mid].lo)
            hi = mid;
        else if (cp > ranges[mid].hi)
            lo = mid + 1;
        else
            return by_code(ranges[mid].code);
    }
    return NULL;
}

int script_cased_letter(uint32_t cp, int *upper)
{
    *upper = 0;
    if (cp < 0x80) {
        *upper = cp >= 'A' && cp <= 'Z';
        return *upper || (cp >= 'a' && cp <= 'z');
    }
    if (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) {
        if (cp <= 0xDE)
            *upper = 1;
        else if (cp >= 0x100 && cp <= 0x17F)
            *upper = script_lower(cp) != cp;
        return 1;
    }
    if ((cp >= 0x386 && cp <= 0x3CE) || (cp >= 0x400 && cp <= 0x45F)) {
        *upper = script_lower(cp) != cp;
        return 1;
    }
    if (cp >= 0x460 && cp <= 0x52F)
        return 1;
    if (cp >= 0x1E00 && cp <= 0x1EFF) {
        *upper = (cp & 1) == 0 && cp < 0x1E96;
        return 1;
    }
    return 0;
}

uint32_t script_lower(uint32_t cp)
{
    if (cp >= 'A' && cp <= 'Z')
        return cp + 32;
    if (cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)
        return cp + 32;
    /* Latin Extended-A alternates capital and small letter, with the
     * pairing shifted by one between U+0138 and U+0148 and after U+0178. */
    if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
        return cp & 1 ? cp : cp + 1;
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E))
        return cp & 1 ? cp + 1 : cp;
    if (cp == 0x178)
        return 0xFF;
    if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2)
        return cp + 32;
    if (cp >= 0x410 && cp <= 0x42F)
        return cp + 32;
    if (cp >= 0x400 && cp <= 0x40F)
        return cp + 80;
    if (cp >= 0x1E00 && cp < 0x1E96 && (cp & 1) == 0)
        return cp + 1;
    return cp;
}

static void count(uint32_t *counts, uint32_t n, const nws_script *list, const uint8_t *s,
                  size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        int ok;
        i += utf8_decode(s + i, len - i, &cp, &ok);
        const nws_script *sc = script_of_cp(cp);
        size_t k = sc ? (size_t)(sc - list) : n;
        if (k < n)
            counts[k]++;
    }
}

void script_detect(nws_article *a)
{
    uint32_t n;
    const nws_script *list = nws_script_list(&n);
    uint32_t counts[64] = {0};
    if (n > 64)
        n = 64;
    count(counts, n, list, a->body.data, a->body.len); /* markers are below 0x20 */
    if (a->field[NWSB_FIELD_TITLE])
        count(counts, n, list, (const uint8_t *)a->field[NWSB_FIELD_TITLE],
              strlen(a->field[NWSB_FIELD_TITLE]));
    uint32_t best = 0, total = 0, complex = 0;
    for (uint32_t i = 0; i < n; i++) {
        total += counts[i];
        if (list[i].complex)
            complex += counts[i];
        if (counts[i] > counts[best])
            best = i;
    }
    /* Kana mixed with kanji is Japanese; Han alone is Chinese. */
    if (total && counts[best] && strcmp(list[best].code, "Hani") == 0) {
        const nws_script *jp = by_code("Jpan");
        if (jp && counts[jp - list] * 20 > counts[best])
            best = (uint32_t)(jp - list);
    }
    a->script = 0;
    a->flags &= ~(NWSB_AF_RTL | NWSB_AF_COMPLEX);
    if (total) {
        a->script = nws_script_tag(&list[best]);
        if (list[best].rtl)
            a->flags |= NWSB_AF_RTL;
        /* A Latin article quoting a few Arabic words still reads; one
         * that is a fifth Devanagari does not. */
        if (list[best].complex || complex * 5 > total)
            a->flags |= NWSB_AF_COMPLEX;
    } else if (a->dir_hint == ARTICLE_DIR_RTL) {
        a->flags |= NWSB_AF_RTL;
    }
}
