/* lang_guess.c -- stop-word counting.  Function words make up a third of
 * running text in these languages and barely overlap between them, so a
 * few hundred words decide reliably; anything closer is left unknown. */
#include "lang_guess.h"

#include <string.h>

#include "../core/utf8.h"
#include "script_detect.h"

typedef struct lang_words {
    const char *code;
    const char *words; /* space-separated, lower case, UTF-8 */
} lang_words;

static const lang_words langs[] = {
    {"en", " the of and to in is that for it was on with as are be this by have from not "
           "but they his her at which has were an their been said would will who "},
    {"de", " der die das und ist nicht den von zu mit sich des auf für dem ein eine "
           "auch es an als wird sie ich bei nach wie aus noch hat sind "},
    {"fr", " le la les et des est une que dans pour qui pas sur au du ne il elle sont "
           "avec ce par plus mais nous ont été aux "},
    {"es", " el la los las y que en del se por con una para es no su al lo como más "
           "pero sus le ha fue este entre también "},
    {"it", " il di che la e per un una sono non del della con si le gli ma è da nel "
           "alla anche come più dei delle questo "},
    {"nl", " de het een en van is dat op te in niet zijn voor met die er aan ook als "
           "maar bij worden door naar wordt heeft "},
    {"pt", " o a os as e de que do da em um uma para com não no na por mais dos das "
           "se ao foi como mas também está são "},
    {"ru", " и в не на что с по как это он она они но из к у за от так же был было "
           "для все его её ещё мы "},
    {"pl", " i w nie na się z że do to jest jak o po ale od są za co tak przez jego "
           "dla już był była też "},
};

#define NLANGS (sizeof langs / sizeof langs[0])
#define SAMPLE_WORDS 2000 /* enough to decide; caps the work on long text */

static int is_listed(const char *list, const char *w, size_t n)
{
    char key[40];
    if (n + 2 >= sizeof key)
        return 0;
    key[0] = ' ';
    memcpy(key + 1, w, n);
    key[n + 1] = ' ';
    key[n + 2] = 0;
    return strstr(list, key) != NULL;
}

const char *lang_guess(const char *text, size_t len)
{
    unsigned hits[NLANGS] = {0}, words = 0;
    char w[40];
    size_t wn = 0;
    const uint8_t *s = (const uint8_t *)text;
    for (size_t i = 0; i <= len && words < SAMPLE_WORDS;) {
        uint32_t cp = ' ';
        size_t n = 1;
        int ok, up;
        if (i < len)
            n = utf8_decode(s + i, len - i, &cp, &ok);
        if (i < len && script_cased_letter(cp, &up)) {
            uint8_t enc[4];
            size_t k = utf8_encode(script_lower(cp), enc);
            if (wn + k < sizeof w) {
                memcpy(w + wn, enc, k);
                wn += k;
            }
        } else if (wn) {
            words++;
            for (size_t l = 0; l < NLANGS; l++)
                hits[l] += (unsigned)is_listed(langs[l].words, w, wn);
            wn = 0;
        }
        i += n;
    }
    size_t best = 0, second = 1;
    for (size_t l = 1; l < NLANGS; l++) {
        if (hits[l] > hits[best]) {
            second = best;
            best = l;
        } else if (l != best && hits[l] > hits[second]) {
            second = l;
        }
    }
    /* at least 20 words, one in ten a stop word, and a clear winner */
    if (words < 20 || hits[best] * 10 < words || hits[best] < hits[second] * 2)
        return NULL;
    return langs[best].code;
}
