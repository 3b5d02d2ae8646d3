/* scripts.c -- the table behind scripts.h (device code). */
#include "scripts.h"

/* Complex means the text would come out wrong letter by letter: Arabic
 * and Syriac join, Hebrew and Thaana run right to left, Indic and
 * Southeast Asian scripts reorder vowel signs and stack conjuncts.  Han,
 * kana and Hangul syllables need none of that. */
static const nws_script scripts[] = {
    {"Latn", "Latin", 0, 0},      {"Grek", "Greek", 0, 0},
    {"Cyrl", "Cyrillic", 0, 0},   {"Armn", "Armenian", 0, 0},
    {"Geor", "Georgian", 0, 0},   {"Ethi", "Ethiopic", 0, 0},
    {"Hani", "Han", 0, 0},        {"Jpan", "Japanese", 0, 0},
    {"Kore", "Korean", 0, 0},     {"Hebr", "Hebrew", 1, 1},
    {"Arab", "Arabic", 1, 1},     {"Syrc", "Syriac", 1, 1},
    {"Thaa", "Thaana", 1, 1},     {"Nkoo", "N'Ko", 1, 1},
    {"Deva", "Devanagari", 0, 1}, {"Beng", "Bengali", 0, 1},
    {"Guru", "Gurmukhi", 0, 1},   {"Gujr", "Gujarati", 0, 1},
    {"Orya", "Odia", 0, 1},       {"Taml", "Tamil", 0, 1},
    {"Telu", "Telugu", 0, 1},     {"Knda", "Kannada", 0, 1},
    {"Mlym", "Malayalam", 0, 1},  {"Sinh", "Sinhala", 0, 1},
    {"Thai", "Thai", 0, 1},       {"Laoo", "Lao", 0, 1},
    {"Tibt", "Tibetan", 0, 1},    {"Mymr", "Myanmar", 0, 1},
    {"Khmr", "Khmer", 0, 1},
};

uint32_t nws_script_tag(const nws_script *s)
{
    return NWS_SCRIPT_TAG(s->code[0], s->code[1], s->code[2], s->code[3]);
}

const nws_script *nws_script_find(uint32_t tag)
{
    for (uint32_t i = 0; i < sizeof scripts / sizeof scripts[0]; i++)
        if (nws_script_tag(&scripts[i]) == tag)
            return &scripts[i];
    return 0;
}

const nws_script *nws_script_list(uint32_t *n)
{
    *n = sizeof scripts / sizeof scripts[0];
    return scripts;
}
