/* test_typeset.c -- pack-time typography: hyphenation, language guess,
 * script and direction. */
#include <stdlib.h>

#include "../../src/host/article.h"
#include "../../src/host/hyphenate.h"
#include "../../src/host/lang_guess.h"
#include "../../src/host/script_detect.h"
#include "test.h"

/* The word with "-" at each break, e.g. "hy-phen-ation". */
static char *hyphenated(hyphenator *h, const char *lang, const char *word)
{
    unsigned char br[64];
    static char out[256];
    int n = hyphenate_word(h, lang, word, br, 64);
    if (n < 0)
        return NULL;
    size_t o = 0;
    for (int i = 0, k = 0; word[i] && o < sizeof out - 2; k++) {
        /* copy one UTF-8 character */
        do
            out[o++] = word[i++];
        while (((unsigned char)word[i] & 0xC0) == 0x80);
        if (k < n && br[k])
            out[o++] = '-';
    }
    out[o] = 0;
    return out;
}

static void words_hyphenate_in_ten_languages(void)
{
    hyphen_options o = {0};
    hyphenator *h = hyphenator_new(&o);
    CHECK_STR(hyphenated(h, "en", "hyphenation"), "hy-phen-ation");
    CHECK_STR(hyphenated(h, "en-GB", "international"), "in-ter-na-tional");
    /* German patterns are ISO 8859-1: the word goes through iconv */
    CHECK_STR(hyphenated(h, "de", "Größenordnung"), "Grö-ßen-ord-nung");
    CHECK_STR(hyphenated(h, "fr-FR", "élémentaire"), "élé-men-taire");
    CHECK_STR(hyphenated(h, "es", "información"), "in-for-ma-ción");
    CHECK_STR(hyphenated(h, "it", "informazione"), "in-for-ma-zione"); /* right min 3 */
    CHECK_STR(hyphenated(h, "nl", "ontwikkeling"), "ont-wik-ke-ling");
    CHECK_STR(hyphenated(h, "pt", "informação"), "in-for-ma-ção");
    CHECK_STR(hyphenated(h, "ru", "правительство"), "пра-ви-тельство");
    CHECK_STR(hyphenated(h, "pl", "przedsiębiorstwo"), "przed-się-bior-stwo");
    CHECK_STR(hyphenated(h, "el", "κυβέρνηση"), "κυ-βέρ-νηση"); /* ISO 8859-7 patterns */
    CHECK(hyphenated(h, "xx", "whatever") == NULL);
    hyphenator_free(h);
    /* wider minimum fragments remove the breaks near the ends */
    o.left = 3;
    o.right = 4;
    h = hyphenator_new(&o);
    CHECK_STR(hyphenated(h, "en", "hyphenation"), "hyphen-ation");
    hyphenator_free(h);
}

static nws_article *para_article(const char *lang, const char *heading, const char *text)
{
    nws_article *a = article_new("t");
    if (lang)
        article_set(a, NWSB_FIELD_LANGUAGE, lang, strlen(lang));
    nws_builder b;
    builder_init(&b, a, 0);
    if (heading) {
        builder_block(&b, NWS_BLOCK_HEADING1 + 1, 0, 0);
        builder_text(&b, heading, strlen(heading));
    }
    builder_block(&b, NWS_BLOCK_PARAGRAPH, 0, 0);
    builder_text(&b, text, strlen(text));
    builder_finish(&b);
    return a;
}

/* The body with soft hyphens shown as "|" and markers dropped. */
static char *shown(const nws_article *a)
{
    static char out[1024];
    size_t o = 0;
    nws_scanner sc;
    nws_token t;
    nws_scan_init(&sc, a->body.data, 0, (uint32_t)a->body.len);
    while (nws_scan_next(&sc, &t) == 1 && o < sizeof out - 8) {
        if (t.kind == NWS_TOK_BLOCK && o)
            out[o++] = '/';
        if (t.kind != NWS_TOK_TEXT)
            continue;
        for (uint32_t i = 0; i < t.len && o < sizeof out - 2; i++) {
            if (t.text[i] == 0xC2 && i + 1 < t.len && t.text[i + 1] == 0xAD) {
                out[o++] = '|';
                i++;
            } else {
                out[o++] = (char)t.text[i];
            }
        }
    }
    out[o] = 0;
    return out;
}

static void only_running_words_are_hyphenated(void)
{
    hyphen_options o = {0};
    hyphenator *h = hyphenator_new(&o);
    nws_article *a = para_article(
        "en", "International relations",
        "International NASA iPhone covid19 www.international.com user@international.org "
        "see https://example.com/international and international.");
    CHECK(hyphenate_article(h, a) > 0);
    CHECK_STR(shown(a), "International relations/In|ter|na|tional NASA iPhone covid19 "
                        "www.international.com user@international.org see "
                        "https://example.com/international and in|ter|na|tional.");
    CHECK(a->flags & NWSB_AF_HYPHENATED);
    article_free(a);
    /* no language and no fallback: left alone, reported */
    a = para_article(NULL, NULL, "International understanding.");
    CHECK_INT(hyphenate_article(h, a), -1);
    CHECK_STR(shown(a), "International understanding.");
    article_free(a);
    hyphenator_free(h);
}

static void languages_are_guessed_from_common_words(void)
{
    static const struct {
        const char *lang, *text;
    } cases[] = {
        {"en", "The mayor said that the council would vote on the plan this week, and that it was "
               "not yet clear who would be in charge of the work for the city."},
        {"de", "Der Bürgermeister sagte, dass der Rat in dieser Woche über den Plan abstimmen wird "
               "und dass es noch nicht klar ist, wer die Arbeit für die Stadt übernimmt."},
        {"fr", "Le maire a dit que le conseil votera sur le plan cette semaine et qu'il n'est pas "
               "encore clair qui sera chargé des travaux pour la ville dans les mois qui viennent."},
        {"es", "El alcalde dijo que el consejo votará el plan esta semana y que no está claro quién "
               "se encargará de las obras para la ciudad en los próximos meses con los vecinos."},
        {"it", "Il sindaco ha detto che il consiglio voterà il piano questa settimana e che non è "
               "ancora chiaro chi si occuperà dei lavori per la città nei prossimi mesi con le scuole."},
        {"nl", "De burgemeester zei dat de raad deze week over het plan zal stemmen en dat het nog "
               "niet duidelijk is wie het werk voor de stad op zich neemt, maar er is hoop."},
        {"pt", "O prefeito disse que o conselho vai votar o plano esta semana e que ainda não está "
               "claro quem vai cuidar das obras para a cidade nos próximos meses com os moradores."},
        {"ru", "Мэр сказал, что совет будет голосовать за план на этой неделе и что ещё не ясно, кто "
               "будет отвечать за работы в городе, но все они так же ждут решения и это важно."},
        {"pl", "Burmistrz powiedział, że rada będzie głosować nad planem w tym tygodniu i że nie jest "
               "jeszcze jasne, kto zajmie się pracami w mieście, ale to jest też ważne dla nas."},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *g = lang_guess(cases[i].text, strlen(cases[i].text));
        CHECK_STR(g, cases[i].lang);
    }
    CHECK(lang_guess("Too short.", 10) == NULL);
}

static uint32_t tag(const char *s)
{
    return NWS_SCRIPT_TAG(s[0], s[1], s[2], s[3]);
}

static void scripts_and_direction_are_recorded(void)
{
    static const struct {
        const char *text;
        const char *script;
        uint32_t flags;
    } cases[] = {
        {"The quick brown fox", "Latn", 0},
        {"Съешь же ещё этих мягких французских булок", "Cyrl", 0},
        {"Ξεσκεπάζω την ψυχοφθόρα βδελυγμία", "Grek", 0},
        {"مرحبا بكم في الأخبار اليوم", "Arab", NWSB_AF_RTL | NWSB_AF_COMPLEX},
        {"שלום וברוכים הבאים לחדשות", "Hebr", NWSB_AF_RTL | NWSB_AF_COMPLEX},
        {"आज की ताज़ा ख़बरें यहाँ पढ़ें", "Deva", NWSB_AF_COMPLEX},
        {"今日のニュースをお伝えします", "Jpan", 0},
        {"今天的新闻在这里", "Hani", 0},
        /* a Latin article quoting an Arabic name stays Latin and readable */
        {"The minister, known at home as محمد, arrived on Monday with a long list of requests",
         "Latn", 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nws_article *a = para_article(NULL, NULL, cases[i].text);
        script_detect(a);
        CHECK_INT(a->script, tag(cases[i].script));
        CHECK_INT(a->flags, cases[i].flags);
        article_free(a);
    }
    nws_article *a = para_article(NULL, NULL, "12345 !!!");
    a->dir_hint = ARTICLE_DIR_RTL;
    script_detect(a);
    CHECK_INT(a->script, 0);
    CHECK_INT(a->flags, NWSB_AF_RTL);
    article_free(a);
    CHECK_STR(nws_script_find(tag("Arab"))->name, "Arabic");
    CHECK(nws_script_find(0) == NULL);
}

const test_case typeset_tests[] = {
    {"words_hyphenate_in_ten_languages", words_hyphenate_in_ten_languages},
    {"only_running_words_are_hyphenated", only_running_words_are_hyphenated},
    {"languages_are_guessed_from_common_words", languages_are_guessed_from_common_words},
    {"scripts_and_direction_are_recorded", scripts_and_direction_are_recorded},
    {NULL, NULL}};
