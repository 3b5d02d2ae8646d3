#!/usr/bin/env bash
# Command-line tests of pictures and pack-time typography: pictures from
# pages and Markdown (relative paths, file: URLs, data: URIs, <picture>,
# srcset, lazy loading), the warnings for missing and broken ones, the
# options that bound or drop them, damage, and rendering; hyphenation,
# the language guess, scripts the renderer cannot set.
# Usage: tests/cli/pictures.sh BUILD_DIR.  Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
. tests/cli/lib.sh
NV="$PWD/$BUILD/newsview"
has() { grep -q -- "$2" "$1"; }
count() { grep -c -- "$2" "$1"; }

check "test pictures are made" "$BUILD/mkimages" "$T"
gray64=$(base64 -w0 "$T/gray.jpg")
cat >"$T/page.html" <<EOF
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour pictures</title></head>
<body><article><h1>Harbour pictures</h1>
<p>The ferry returned to the harbour on Monday after a long winter away, and the town turned out to greet it with flags and music along the quay.</p>
<figure><img src="photo.jpg" alt="ALT NOT SHOWN"><figcaption>The ferry at the quay on Monday morning.</figcaption></figure>
<p>Fishermen said the season had been the hardest in years, with storms keeping boats in port for weeks at a time, and fuel prices rising.</p>
<p><img src="file://$T/ph%6fto.png" alt="A view of the bay"></p>
<p>The harbour master said the repairs to the breakwater would be finished before the summer season begins, as planned last year.</p>
<img src="data:image/jpeg;base64,$gray64" alt="Inline gray picture">
<p>Tourists are expected to return in larger numbers this year, according to the town council, which approved a new budget.</p>
<figure><img src="missing.jpg" alt="x"><figcaption>A picture that was not saved.</figcaption></figure>
<figure><img src="fake.gif" alt="An animated map"></figure>
<figure><img src="cut.jpg" alt="A cut-off photo"></figure>
<figure><img src="https://example.com/remote.jpg" alt="REMOTE ALT"></figure>
<p>Lazy pictures follow, <img class="emoji" src="smile.png" alt="EMOJI-ALT"> with an emoji inline and words around it.</p>
<figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="gray.jpg" alt="lazy"><figcaption>Lazy loaded.</figcaption></figure>
<figure><picture><source srcset="https://cdn.example.com/big.jpg 2000w"><img src="cmyk.jpg" srcset="https://cdn.example.com/a.jpg 400w, cmyk.jpg 300w" alt="CMYK"></picture><figcaption>A CMYK JPEG from a picture element.</figcaption></figure>
<p><img src="tiny.png" alt=""> A closing paragraph with a tracking pixel that must leave no trace at all.</p>
</article></body></html>
EOF
"$NP" build --level 9 -o "$T/p.nwsb" "$T/page.html" 2>"$T/warn"
status=$?
[ "$status" -eq 0 ] && ok "a page with pictures packs" || bad "a page with pictures packs" "exit $status; $(cat "$T/warn")"
[ "$(count "$T/warn" "image left out")" -eq 3 ] && ok "one warning per missing or broken picture (3)" ||
    bad "one warning per missing or broken picture" "$(cat "$T/warn")"
has "$T/warn" "page.html:10: warning: image left out: .*missing.jpg: No such file" && ok "a missing picture is named with file and line" || bad "missing picture warning" "$(cat "$T/warn")"
has "$T/warn" "page.html:11: .*GIF is not supported" && ok "a GIF is refused by name" || bad "GIF warning" "$(cat "$T/warn")"
has "$T/warn" "page.html:12: .*broken JPEG" && ok "a cut-off JPEG is refused" || bad "cut JPEG warning" "$(cat "$T/warn")"
has "$T/warn" "1 image on the web not fetched" && ok "remote pictures: one summary warning" || bad "remote summary" "$(cat "$T/warn")"
has "$T/warn" "5 pictures" && ok "the summary counts 5 pictures" || bad "summary counts pictures" "$(tail -1 "$T/warn")"
"$NP" cat "$T/p.nwsb" 1 >"$T/cat"
[ "$(count "$T/cat" '^\[Picture ')" -eq 5 ] && ok "cat shows 5 pictures" || bad "cat shows 5 pictures" "$(cat "$T/cat")"
has "$T/cat" '^\[Picture 1600x1000\]$' && ok "a picture keeps its size under the default width" || bad "photo size" "$(grep Picture "$T/cat")"
grep -A2 '^\[Picture 1600x1000\]' "$T/cat" | grep -q "The ferry at the quay" && ok "the caption follows its picture" || bad "caption after picture"
has "$T/cat" "ALT NOT SHOWN" && bad "a figcaption wins over alt text" || ok "a figcaption wins over alt text"
has "$T/cat" "A picture that was not saved." && ok "a missing picture keeps its caption" || bad "missing picture caption"
has "$T/cat" "An animated map" && ok "a broken picture keeps its alt text" || bad "broken picture alt"
has "$T/cat" "REMOTE ALT" && bad "a remote picture's alt text is left out" || ok "a remote picture's alt text is left out"
has "$T/cat" "Lazy pictures follow, EMOJI-ALT with an emoji" && ok "an emoji picture reads inline" || bad "emoji inline" "$(grep Lazy "$T/cat")"
grep -B2 "Lazy loaded." "$T/cat" | grep -q '^\[Picture 300x200\]' && ok "data-src beats a placeholder src" || bad "lazy data-src" "$(cat "$T/cat")"
grep -B2 "A CMYK JPEG" "$T/cat" | grep -q '^\[Picture 300x200\]' && ok "a local srcset candidate in <picture> is found" || bad "picture srcset"
status_is "verify checks the pictures" 0 "$NP" verify "$T/p.nwsb"
has "$T/out" "5 pictures, all checksums match" && ok "verify counts the pictures" || bad "verify counts" "$(cat "$T/out")"
"$NP" info "$T/p.nwsb" >"$T/info"
has "$T/info" "pictures:          5" && ok "info lists the pictures" || bad "info pictures" "$(cat "$T/info")"

# options
check "--image-width bounds the pictures" "$NP" build -q --image-width 300 -o "$T/w.nwsb" "$T/page.html"
"$NP" info "$T/w.nwsb" >"$T/info"
has "$T/info" "widest 300 pixels" && ok "--image-width 300: widest is 300" || bad "--image-width" "$(grep pictures "$T/info")"
status_is "--image-width below 24 is a usage error" 2 "$NP" build --image-width 5 -o "$T/x.nwsb" "$T/page.html"
"$NP" build --no-images -o "$T/n.nwsb" "$T/page.html" 2>"$T/warn"
"$NP" cat "$T/n.nwsb" 1 >"$T/cat"
! has "$T/cat" '^\[Picture' && has "$T/cat" "The ferry at the quay on Monday morning." &&
    ok "--no-images keeps captions, no pictures" || bad "--no-images" "$(cat "$T/cat")"
! has "$T/warn" "image left out" && ok "--no-images reads no picture files" || bad "--no-images warnings" "$(cat "$T/warn")"

# Markdown
printf '# Bay notes\n\nSome text before the picture.\n\n![The bay at dusk](photo.png)\n\nText with a ![gone](nothere.png) picture inline.\n' >"$T/notes.md"
"$NP" build -o "$T/m.nwsb" "$T/notes.md" 2>"$T/warn"
"$NP" cat "$T/m.nwsb" 1 >"$T/cat"
has "$T/cat" '^\[Picture 640x400\]$' && has "$T/cat" "The bay at dusk" && ok "Markdown pictures with their alt text" || bad "markdown picture" "$(cat "$T/cat")"
has "$T/cat" "Text with a \[gone\] picture inline." && ok "a missing inline picture keeps the paragraph whole" || bad "inline missing" "$(cat "$T/cat")"
[ "$(count "$T/warn" "image left out")" -eq 1 ] && ok "Markdown: one warning for the missing picture" || bad "markdown warning" "$(cat "$T/warn")"

# rendering and damage
"$NV" --board kobo-clara-hd --text "$T/p.nwsb" >"$T/text" 2>"$T/err"
[ "$(count "$T/text" '^\[picture ')" -eq 5 ] && ok "newsview lays out all 5 pictures" || bad "newsview pictures" "$(grep -c picture "$T/text"); $(cat "$T/err")"
has "$T/text" '^\[picture 976x610\]$' && ok "a wide picture is scaled to the column (976 px)" || bad "column scaling" "$(grep picture "$T/text")"
check "newsview renders the pictures (1-bit)" "$NV" --board waveshare-7in5-v2 --png "$T/ws" "$T/p.nwsb"
check "newsview renders the pictures (16 levels)" "$NV" --board kobo-clara-hd --dither atkinson --png "$T/kobo" "$T/p.nwsb"
levels=$("$BUILD/pnginfo" "$T/kobo/page-0002.png" | awk '{print $4}')
[ "${levels:-0}" -gt 2 ] && ok "a page with a picture uses the panel's gray levels ($levels)" || bad "gray levels" "$levels"
# The smallest deflate window: pictures (a photo's rows are long) and text
# come out the same, drawn pixel for pixel alike.
check "a bundle with a 512-byte window packs" "$NP" build -q --window 512 -t p -o "$T/w9.nwsb" "$T/page.html"
check "it verifies" "$NP" verify "$T/w9.nwsb"
check "newsview renders it" "$NV" --board kobo-clara-hd --dither atkinson --png "$T/kobo9" "$T/w9.nwsb"
same=1
for f in "$T"/kobo/page-*.png; do cmp -s "$f" "$T/kobo9/$(basename "$f")" || same=0; done
[ $same = 1 ] && [ -f "$T/kobo9/page-0002.png" ] && ok "every page is identical to the 32K-window bundle's" || bad "small window pages differ"
[ "$(stat -c %s "$T/w9.nwsb")" -gt "$(stat -c %s "$T/p.nwsb")" ] &&
    ok "and the bundle is larger (the window costs compression)" || bad "window size effect"
status_is "newsview --dither bad is a usage error" 2 "$NV" --dither sharp "$T/p.nwsb"
cp "$T/p.nwsb" "$T/d.nwsb"
# a byte inside the first picture's data
off=$("$NP" info "$T/d.nwsb" | awk '$1 == "image" && $2 == "data" {print $4 + 100}')
printf '\x55' | dd of="$T/d.nwsb" bs=1 seek="$off" conv=notrunc 2>/dev/null
status_is "verify names a damaged picture" 1 "$NP" verify "$T/d.nwsb"
has "$T/err" "image 0 (offset [0-9]*): image checksum mismatch" && ok "the damaged picture is named" || bad "damaged picture named" "$(cat "$T/err")"
"$NV" --png "$T/dd" "$T/d.nwsb" >/dev/null 2>"$T/err"
has "$T/err" "1 picture damaged in the bundle, drawn as empty frames" && ok "newsview draws a damaged picture as a frame and says so" || bad "newsview damaged" "$(cat "$T/err")"

# --- typography ---------------------------------------------------------
words="The international conference on environmental protection brought together representatives from governments, universities and organisations, who discussed the consequences of industrialisation for biodiversity and the responsibilities of the international community."
printf 'Hyphens\n\n%s\n' "$words" >"$T/en.txt"
"$NP" build -q -o "$T/hy.nwsb" "$T/en.txt"
"$NP" build -q --no-hyphenate -o "$T/nohy.nwsb" "$T/en.txt"
hy=$("$NP" info "$T/hy.nwsb" | awk '$1 == "text:" {print $2}')
nohy=$("$NP" info "$T/nohy.nwsb" | awk '$1 == "text:" {print $2}')
[ "$hy" -gt "$((nohy + 40))" ] && ok "soft hyphens are inserted ($((hy - nohy)) bytes)" || bad "hyphenation" "$hy vs $nohy"
"$NP" cat "$T/hy.nwsb" 1 >"$T/a"
"$NP" cat "$T/nohy.nwsb" 1 >"$T/b"
cmp -s "$T/a" "$T/b" && ok "cat shows the same text with or without hyphens" || bad "cat differs" "$(diff "$T/a" "$T/b" | head -5)"
has "$T/a" "Language: en" && ok "an unlabelled English text is recognised" || bad "language guess" "$(head -4 "$T/a")"
printf 'Nachrichten\n\nDer Bürgermeister sagte, dass der Rat in dieser Woche über den Plan abstimmen wird und dass es noch nicht klar ist, wer die Arbeit für die Stadt übernimmt.\n' >"$T/de.txt"
"$NP" build -q -o "$T/de.nwsb" "$T/de.txt"
"$NP" cat "$T/de.nwsb" 1 | grep -q "Language: de" && ok "an unlabelled German text is recognised" || bad "german guess"
"$NP" build -q -l fr -o "$T/fr.nwsb" "$T/de.txt"
"$NP" cat "$T/fr.nwsb" 1 | grep -q "Language:" && bad "--language is not written into articles as a guess" || ok "--language is not written into articles as a guess"
status_is "--hyphen-min takes L,R" 2 "$NP" build --hyphen-min 2 -o "$T/x.nwsb" "$T/en.txt"
"$NP" build -q --hyphen-min 4,5 -o "$T/h45.nwsb" "$T/en.txt"
h45=$("$NP" info "$T/h45.nwsb" | awk '$1 == "text:" {print $2}')
[ "$h45" -lt "$hy" ] && [ "$h45" -gt "$nohy" ] && ok "--hyphen-min 4,5 allows fewer breaks" || bad "--hyphen-min" "$h45 vs $hy"
"$NP" build --hyphen-dir "$T" -o "$T/x.nwsb" "$T/en.txt" 2>"$T/err"
has "$T/err" "no hyphenation patterns for language 'en'" && ok "missing patterns: one warning naming the language" || bad "missing patterns" "$(cat "$T/err")"
printf 'مرحبا بكم\n\nمرحبا بكم في الأخبار اليوم، وهذه مقالة قصيرة مكتوبة باللغة العربية.\n' >"$T/ar.txt"
"$NP" build -q -o "$T/ar.nwsb" "$T/ar.txt" "$T/en.txt"
"$NP" cat "$T/ar.nwsb" 1 >"$T/cat"
has "$T/cat" "^Script: Arabic (Arab), shown as a notice" && has "$T/cat" "^Direction: right to left" &&
    ok "an Arabic article is recorded as Arabic, right to left" || bad "arabic script" "$(head -6 "$T/cat")"
has "$T/cat" "مرحبا بكم في الأخبار" && ok "its text is packed intact" || bad "arabic text kept"
"$NV" --text "$T/ar.nwsb" >"$T/text"
has "$T/text" "This article is written in Arabic script" && ! has "$T/text" "الأخبار" &&
    ok "the reader shows a notice, not garbled Arabic" || bad "arabic notice" "$(head -8 "$T/text")"

summary
