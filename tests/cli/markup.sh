#!/usr/bin/env bash
# Command-line tests of newspack on web pages and feeds: extraction,
# metadata, encodings, feeds of every kind, selection options, and hostile
# input (broken, huge, deeply nested, entity bombs).  With ../shared the
# extraction quality and feed conformance bars are checked too.
# Usage: tests/cli/markup.sh BUILD_DIR.  Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
. tests/cli/lib.sh

pack() { "$NP" build -q --level 9 -o "$@"; }
has() { grep -q -- "$2" "$1"; }

# --- a saved page -------------------------------------------------------
cat >"$T/page.html" <<'EOF'
<!DOCTYPE html>
<html lang="en"><head><title>Night ferry returns to the harbour | The Gazette</title>
<meta property="og:site_name" content="The Gazette">
<meta name="author" content="Ana Ribeiro">
<meta property="article:published_time" content="2026-11-27T18:30:00Z">
<script>var tracking = "SCRIPT TEXT";</script><style>p { color: red }</style></head>
<body>
<nav class="menu"><a href="/">Home</a> <a href="/world">World</a> NAVIGATION LINKS</nav>
<div class="sidebar">SIDEBAR TEASER: read our other stories, and more, and more.</div>
<article class="post-content">
<h1>Night ferry returns to the harbour</h1>
<p>The small ferry that links the old harbour with the island villages made its first crossing of the season on Thursday evening, three weeks earlier than planned.</p>
<p>Crews had worked through the autumn to replace the engine, a job the operator had expected to last until the new year, and the <em>harbour master</em> said the early return was <strong>good news</strong> for commuters.</p>
<div hidden>HIDDEN PARAGRAPH that nobody sees</div>
<p style="display: none">INVISIBLE BY STYLE</p>
<blockquote><p>We missed the crossing more than we thought we would, said one passenger, who travels daily.</p></blockquote>
<ul><li>Departures every two hours, from six in the morning.</li><li>Tickets cost the same as last year, at four euros.</li></ul>
<div class="share-buttons">Share on social</div>
</article>
<div id="comments" class="comments">COMMENT: first!</div>
<footer>FOOTER copyright</footer>
</body></html>
EOF
check "a saved page packs" pack "$T/page.nwsb" "$T/page.html"
"$NP" cat "$T/page.nwsb" 1 >"$T/page.txt"
has "$T/page.txt" "made its first crossing" && ok "page: article text kept" || bad "page: article text kept"
has "$T/page.txt" "We missed the crossing" && ok "page: quote kept" || bad "page: quote kept"
has "$T/page.txt" "four euros" && ok "page: list kept" || bad "page: list kept"
bad_bits=$(grep -cE "NAVIGATION|SIDEBAR|COMMENT|FOOTER|HIDDEN|INVISIBLE|SCRIPT TEXT|color: red" "$T/page.txt")
[ "$bad_bits" -eq 0 ] && ok "page: navigation, sidebar, comments, hidden, scripts dropped" ||
    bad "page: furniture dropped" "$(grep -E "NAVIGATION|SIDEBAR|COMMENT|FOOTER|HIDDEN|INVISIBLE|SCRIPT" "$T/page.txt")"
[ "$(head -n 1 "$T/page.txt")" = "Night ferry returns to the harbour" ] && ok "page: title without the site suffix" ||
    bad "page: title" "$(head -n 1 "$T/page.txt")"
has "$T/page.txt" "^Author: Ana Ribeiro" && ok "page: byline from meta" || bad "page: byline"
has "$T/page.txt" "^Date: 2026-11-27T18:30:00Z" && ok "page: date from meta" || bad "page: date"
has "$T/page.txt" "^Source: The Gazette" && ok "page: site name" || bad "page: site name"
has "$T/page.txt" "^Language: en" && ok "page: language" || bad "page: language"
[ "$(grep -c "Night ferry returns" "$T/page.txt")" -eq 1 ] && ok "page: heading repeating the title dropped" ||
    bad "page: title heading dropped"

# --- encodings ------------------------------------------------------------
printf '<html><head><meta charset="windows-1252"><title>Caf\xe9 prices</title></head><body><p>The caf\xe9 on the quay raised its prices \x96 a \x93small\x94 rise, said the owner, of twenty cents a cup.</p></body></html>' >"$T/cp1252.html"
printf '<html><head><title>Kein Hinweis</title></head><body><p>Gr\xfc\xdfe aus M\xfcnchen: keine Angabe zur Kodierung, und doch lesbar f\xfcr jeden Leser hier.</p></body></html>' >"$T/undeclared.html"
printf '<?xml version="1.0" encoding="KOI8-R"?>\n<rss version="2.0"><channel><title>Лента</title><item><title>Паром</title><description>Новости дня: паром вернулся в гавань раньше срока, сообщил капитан порта.</description></item></channel></rss>\n' |
    iconv -f UTF-8 -t KOI8-R >"$T/koi8.rss"
printf '<?xml version="1.0" encoding="Shift_JIS"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>ニュース</title><entry><title>港のフェリー</title><content type="text">フェリーが予定より早く港に戻った。</content></entry></feed>\n' |
    iconv -f UTF-8 -t SHIFT_JIS >"$T/sjis.atom"
printf '<?xml version="1.0" encoding="big5"?>\n<rss version="2.0"><channel><title>新聞</title><item><title>渡輪回港</title><description>渡輪提前返回港口。</description></item></channel></rss>\n' |
    iconv -f UTF-8 -t BIG5 >"$T/big5.rss"
check "legacy encodings pack" pack "$T/enc.nwsb" "$T/cp1252.html" "$T/undeclared.html" "$T/koi8.rss" "$T/sjis.atom" "$T/big5.rss"
"$NP" cat "$T/enc.nwsb" 1 >"$T/e1"
has "$T/e1" "café on the quay raised its prices – a “small” rise" && ok "windows-1252 page (meta charset)" || bad "windows-1252 page" "$(cat "$T/e1")"
"$NP" cat "$T/enc.nwsb" 2 >"$T/e2"
has "$T/e2" "Grüße aus München" && ok "undeclared Latin-1 page read as windows-1252" || bad "undeclared page" "$(cat "$T/e2")"
"$NP" cat "$T/enc.nwsb" 3 >"$T/e3"
has "$T/e3" "паром вернулся в гавань" && has "$T/e3" "^Source: Лента" && ok "KOI8-R feed" || bad "KOI8-R feed" "$(cat "$T/e3")"
"$NP" cat "$T/enc.nwsb" 4 >"$T/e4"
has "$T/e4" "フェリーが予定より早く港に戻った" && ok "Shift_JIS feed" || bad "Shift_JIS feed" "$(cat "$T/e4")"
"$NP" cat "$T/enc.nwsb" 5 >"$T/e5"
has "$T/e5" "渡輪提前返回港口" && ok "Big5 feed" || bad "Big5 feed" "$(cat "$T/e5")"

# --- feeds ------------------------------------------------------------------
cat >"$T/news.rss" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour &amp; Town</title><link>https://example.org/</link><language>en</language>
<item><title>Ferry back early</title><link>https://example.org/ferry</link><guid>ferry-1</guid>
<dc:creator>Ana Ribeiro</dc:creator><pubDate>Fri, 27 Nov 2026 18:30:00 +0100</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>The ferry is <em>back</em>.</p><h2>Timetable</h2><p>Every two hours.</p>]]></content:encoded></item>
<item><title>Library hours</title><link>https://example.org/library</link>
<description>&lt;p&gt;The library opens &lt;b&gt;late&lt;/b&gt; on Thursdays.&lt;/p&gt;</description></item>
</channel></rss>
EOF
cat >"$T/news.atom" <<'EOF'
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.net/">
<title type="html">Island &lt;i&gt;Post&lt;/i&gt;</title>
<entry><title>Market day</title><id>tag:example.net,2026:1</id><updated>2026-11-26T09:00:00Z</updated>
<author><name>Bo Lind</name><email>bo@example.net</email></author><link href="market"/>
<summary>Summary only.</summary>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Stalls open at <b>eight</b>.</p></div></content></entry>
</feed>
EOF
cat >"$T/news.rdf" <<'EOF'
<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://example.com/"><title>Valley Times</title><link>https://example.com/</link><description>d</description></channel>
<item rdf:about="https://example.com/bridge"><title>Bridge reopens</title><link>https://example.com/bridge</link>
<description>The old bridge reopened to traffic on Monday.</description><dc:date>2026-11-23</dc:date></item>
</rdf:RDF>
EOF
cat >"$T/news.json" <<'EOF'
{"version": "https://jsonfeed.org/version/1.1", "title": "Coast Daily", "language": "en",
 "items": [{"id": "c1", "url": "https://example.com/coast", "title": "Storm warning lifted",
            "content_html": "<p>The storm warning was <strong>lifted</strong> at noon.</p>",
            "date_published": "2026-11-25T12:00:00+01:00", "authors": [{"name": "Cy Dunn"}]}]}
EOF
check "RSS 2.0, Atom, RSS 1.0 and JSON Feed pack" pack "$T/feeds.nwsb" "$T/news.rss" "$T/news.atom" "$T/news.rdf" "$T/news.json"
"$NP" ls "$T/feeds.nwsb" >"$T/ls"
[ "$(wc -l <"$T/ls")" -eq 5 ] && ok "every feed entry is an article" || bad "entries" "$(cat "$T/ls")"
"$NP" cat "$T/feeds.nwsb" 1 >"$T/f1"
has "$T/f1" "The ferry is back." && has "$T/f1" "^Timetable" && ! has "$T/f1" "Short teaser" &&
    ok "RSS: content:encoded preferred over description" || bad "RSS content" "$(cat "$T/f1")"
has "$T/f1" "^Date: 2026-11-27T18:30:00+01:00" && has "$T/f1" "^Author: Ana Ribeiro" &&
    has "$T/f1" "^Source: Harbour & Town" && has "$T/f1" "^URL: https://example.org/ferry" &&
    ok "RSS: date, author, feed title as source, link" || bad "RSS metadata" "$(cat "$T/f1")"
"$NP" cat "$T/feeds.nwsb" 2 >"$T/f2"
has "$T/f2" "The library opens late on Thursdays." && ok "RSS: escaped HTML description" || bad "escaped description" "$(cat "$T/f2")"
"$NP" cat "$T/feeds.nwsb" 3 >"$T/f3"
has "$T/f3" "Stalls open at eight." && has "$T/f3" "^URL: https://example.net/market" &&
    has "$T/f3" "^Source: Island Post" && has "$T/f3" "^Author: Bo Lind" &&
    ok "Atom: XHTML content, xml:base link, HTML feed title" || bad "Atom" "$(cat "$T/f3")"
"$NP" cat "$T/feeds.nwsb" 4 >"$T/f4"
has "$T/f4" "The old bridge reopened" && has "$T/f4" "^Date: 2026-11-23" && ok "RSS 1.0 (RDF) items" || bad "RDF" "$(cat "$T/f4")"
"$NP" cat "$T/feeds.nwsb" 5 >"$T/f5"
has "$T/f5" "The storm warning was lifted at noon." && has "$T/f5" "^Author: Cy Dunn" && ok "JSON Feed" || bad "JSON Feed" "$(cat "$T/f5")"

# --- selection ----------------------------------------------------------------
cp "$T/news.rss" "$T/again.rss"
"$NP" build --level 9 -o "$T/dup.nwsb" "$T/news.rss" "$T/again.rss" >"$T/out" 2>"$T/err"
[ "$("$NP" ls "$T/dup.nwsb" | wc -l)" -eq 2 ] && grep -q "left out: 2 duplicates" "$T/err" &&
    ok "duplicates (same GUID or URL) left out, and counted" || bad "dedupe" "$(cat "$T/err")"
"$NP" build --level 9 --since 2026-11-26 -o "$T/since.nwsb" "$T/feeds.nwsb" "$T/news.rss" "$T/news.atom" "$T/news.rdf" "$T/news.json" >"$T/out" 2>"$T/err"
"$NP" ls "$T/since.nwsb" | cut -f3 >"$T/ls"
has "$T/ls" "Ferry back early" && has "$T/ls" "Market day" && has "$T/ls" "Library hours" &&
    ! has "$T/ls" "Bridge reopens" && ! has "$T/ls" "Storm warning" &&
    ok "--since keeps newer and undated articles" || bad "--since" "$(cat "$T/ls" "$T/err")"
pack "$T/yesterday.nwsb" "$T/news.rss"
"$NP" build --level 9 --skip-seen "$T/yesterday.nwsb" -o "$T/today.nwsb" "$T/news.rss" "$T/news.json" 2>"$T/err"
[ "$("$NP" ls "$T/today.nwsb" | cut -f3)" = "Storm warning lifted" ] && grep -q "2 already in" "$T/err" &&
    ok "--skip-seen drops what an earlier bundle has" || bad "--skip-seen" "$(cat "$T/err")"
status_is "--skip-seen with a damaged bundle fails" 1 "$NP" build -q --skip-seen "$T/page.html" -o "$T/x.nwsb" "$T/news.rss"
"$NP" build --level 9 --max-articles 2 -o "$T/max.nwsb" "$T/news.rss" "$T/news.atom" "$T/news.rdf" "$T/news.json" 2>"$T/err"
"$NP" ls "$T/max.nwsb" | cut -f3 >"$T/ls"
[ "$(wc -l <"$T/ls")" -eq 2 ] && has "$T/ls" "Ferry back early" && has "$T/ls" "Market day" &&
    ok "--max-articles keeps the newest" || bad "--max-articles" "$(cat "$T/ls")"
status_is "--since with a bad date is a usage error" 2 "$NP" build --since yesterday -o "$T/x.nwsb" "$T/news.rss"

# --- hostile input ------------------------------------------------------------
head -c 3000 "$T/page.html" >"$T/truncated.html"
head -c 20000 /dev/urandom >"$T/junk.html"
printf 'not a feed at all {' >"$T/junk.json"
cat >"$T/lol.xml" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
<!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
<!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<rss version="2.0"><channel><title>Bomb</title><item><title>Laughs</title><description>&i;</description></item></channel></rss>
EOF
cat >"$T/xxe.rss" <<'EOF'
<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>XXE</title><item><title>Probe</title><description>x&secret;y</description></item></channel></rss>
EOF
python3 - "$T" <<'EOF'
import sys
t = sys.argv[1]
with open(f"{t}/deep.html", "w") as f:
    f.write("<html><body>" + "<div>" * 100000 + "<p>Deep text at the bottom of a hundred thousand divs, kept as text.</p>" + "</div>" * 100000 + "</body></html>")
with open(f"{t}/many.rss", "w") as f:
    f.write('<rss version="2.0"><channel><title>Many</title>')
    for i in range(10000):
        f.write(f"<item><title>Item number {i}</title><guid>g{i}</guid><description>Body of item {i}.</description></item>")
    f.write("</channel></rss>")
para = "<p>" + "A long paragraph of ordinary news text, repeated to make a very large page. " * 20 + "</p>\n"
with open(f"{t}/huge.html", "w") as f:
    f.write("<html><head><title>Huge page</title></head><body><article>")
    n = 0
    while n < 50 * 1024 * 1024:
        f.write(para)
        n += len(para)
    f.write("</article></body></html>")
EOF
"$NP" build --level 1 -o "$T/hostile.nwsb" "$T/page.html" "$T/truncated.html" "$T/junk.html" "$T/junk.json" \
    "$T/lol.xml" "$T/xxe.rss" "$T/deep.html" "$T/news.json" >"$T/out" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] && ok "hostile inputs: the bundle is still written" || bad "hostile inputs" "exit $rc; $(head -c 600 "$T/err")"
"$NP" ls "$T/hostile.nwsb" | cut -f3 >"$T/ls"
has "$T/ls" "Night ferry returns" && has "$T/ls" "Storm warning lifted" && ok "hostile inputs: good inputs packed" || bad "good inputs" "$(cat "$T/ls")"
grep -q "junk.json: warning: not an RSS, Atom or JSON feed" "$T/err" && ok "junk JSON named in a warning" || bad "junk JSON warning" "$(cat "$T/err")"
grep -q "junk.html: warning: binary file" "$T/err" && ok "binary junk skipped with a warning" || bad "binary junk" "$(cat "$T/err")"
grep -q "truncated.html.*duplicate" "$T/err" && ok "a truncated copy of a page is a duplicate" || bad "truncated duplicate" "$(cat "$T/err")"
grep -q "lol.xml.*not well-formed" "$T/err" && ok "entity bomb stopped with a warning" || bad "entity bomb" "$(cat "$T/err")"
pack "$T/trunc.nwsb" "$T/truncated.html"
"$NP" cat "$T/trunc.nwsb" 1 >"$T/h2"
has "$T/h2" "Crews had worked through" && ok "truncated page keeps its text" || bad "truncated page" "$(cat "$T/h2")"
! for i in 1 2 3 4 5 6; do "$NP" cat "$T/hostile.nwsb" $i 2>/dev/null; done | grep -q "root:" &&
    ok "external entities are never read" || bad "external entity read"
grep -q "deep.html: warning: elements nested deeper" "$T/err" && ok "100,000 nested divs: a warning naming the limit, no crash" || bad "deep nesting" "$(cat "$T/err")"
check "a feed with 10,000 items packs" "$NP" build --level 1 -q -o "$T/many.nwsb" "$T/many.rss"
[ "$("$NP" ls "$T/many.nwsb" | wc -l)" -eq 10000 ] && ok "all 10,000 items are articles" || bad "10,000 items"
# A broken tag that leaves the whole page in <head> (found by fuzzing:
# the extractor once moved and freed the document's root): no crash, and
# the paragraphs a browser would show are kept.
{
    printf '<head><title>Headless</title><section><p>'
    for i in $(seq 12); do printf 'Ferries kept running through the night, the harbour master said. '; done
    printf '</p></section>'
} >"$T/headless.html"
status_is "a page without a body packs" 0 "$NP" build -q -o "$T/headless.nwsb" "$T/headless.html"
"$NP" cat "$T/headless.nwsb" 1 2>/dev/null | grep -q "harbour master said" &&
    ok "a page left inside <head> keeps its paragraphs" || bad "headless page text"
printf '<meta><section>l;meta charset="utf-8"&gt' >"$T/headless2.html"
status_is "the fuzzer's headless fragment packs" 0 "$NP" build -q -o "$T/headless2.nwsb" "$T/headless2.html"
# JSON-LD name and headline differ on a page without a title (found by
# fuzzing: the empty cleaned title was read through a null pointer).
{
    printf '<script type="application/ld+json">{"@type":"NewsArticle","name":"Ferry news","headline":"Ferry returns"}</script><p>'
    for i in $(seq 8); do printf 'The ferry returned to the harbour on Monday, the pilot said. '; done
    printf '</p>'
} >"$T/ldonly.html"
status_is "a page with JSON-LD titles and no <title> packs" 0 "$NP" build -q -o "$T/ldonly.nwsb" "$T/ldonly.html"
"$NP" ls "$T/ldonly.nwsb" 2>/dev/null | grep -q "Ferry news" && ok "its title comes from JSON-LD" || bad "JSON-LD title" "$("$NP" ls "$T/ldonly.nwsb" 2>&1)"
check "a 50 MB page packs" "$NP" build --level 1 -q -o "$T/huge.nwsb" "$T/huge.html"

# --- quality bars on the shared corpus ------------------------------------------
if [ -d "$CORPUS/readability-dev" ]; then
    if python3 tools/eval_extract.py "$NP" "$CORPUS/readability-dev" --min-f1 0.95 --min-title 0.90 >"$T/eval" 2>&1; then
        ok "extraction: $(tail -n 1 "$T/eval")"
    else
        bad "extraction quality" "$(tail -n 3 "$T/eval")"
    fi
else
    echo "skip extraction quality: $CORPUS/readability-dev not present"
fi
if [ -d "$CORPUS/feedparser" ]; then
    if python3 tests/feeds/conformance.py "$BUILD/feeddump" "$CORPUS/feedparser" --min 0.95 >"$T/conf" 2>&1; then
        ok "$(tail -n 1 "$T/conf")"
    else
        bad "feed conformance" "$(grep -E 'FAIL|CRASH' "$T/conf" | head -5; tail -n 1 "$T/conf")"
    fi
else
    echo "skip feed conformance: $CORPUS/feedparser not present"
fi

summary
