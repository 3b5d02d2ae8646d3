#!/usr/bin/env bash
# Command-line tests of newsview: the fixed contract (--list-boards, --png,
# --pages, --font-size, --sheet), PNGs holding exactly the panel's gray
# levels, clear errors, missing glyphs, and legibility read back by
# Tesseract OCR.  Usage: tests/cli/newsview.sh BUILD_DIR
# Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
. tests/cli/lib.sh
NV="$PWD/$BUILD/newsview"
INFO="$PWD/$BUILD/pnginfo"
export SOURCE_DATE_EPOCH=1764288000

"$NP" build -q -o "$T/s.nwsb" docs/samples

# --- contract ----------------------------------------------------------
status_is "help exits 0" 0 "$NV" --help
status_is "version exits 0" 0 "$NV" --version
status_is "list boards" 0 "$NV" --list-boards
for b in waveshare-7in5-v2 waveshare-4in2 waveshare-2in13-v4 lilygo-t5-4in7 inkplate-6 \
    it8951-10in3 kobo-clara-hd kindle-paperwhite-4; do
    grep -qE "^$b +[0-9]+x[0-9]+ +[0-9]+ dpi +[0-9]+ gray +[^ ]" "$T/out" && ok "listed: $b" ||
        bad "listed: $b" "$(cat "$T/out")"
done
grep -qE '^waveshare-7in5-v2 +800x480 +124 dpi +2 gray +UC8179' "$T/out" && ok "7.5\" line" || bad "7.5\" line"
grep -qE '^kobo-clara-hd +1072x1448 +300 dpi +16 gray' "$T/out" && ok "Clara HD line" || bad "Clara HD line"
status_is "unknown board is a usage error" 2 "$NV" --board no-such-board "$T/s.nwsb"
status_is "no bundle is a usage error" 2 "$NV"
status_is "bad --pages is a usage error" 2 "$NV" --pages 5-2 "$T/s.nwsb"
status_is "bad --font-size is a usage error" 2 "$NV" --font-size big "$T/s.nwsb"
status_is "missing bundle fails" 1 "$NV" "$T/none.nwsb"
grep -q "none.nwsb: cannot open" "$T/err" && ok "missing bundle named" || bad "missing bundle named"
head -c 100 "$T/s.nwsb" >"$T/cut.nwsb"
status_is "truncated bundle fails cleanly" 1 "$NV" "$T/cut.nwsb"
grep -q "cut.nwsb: .*truncated" "$T/err" && ok "truncated bundle named" || bad "truncated bundle named" "$(cat "$T/err")"
status_is "page out of range fails" 1 "$NV" --pages 999 --png "$T/x" "$T/s.nwsb"

# --- PNGs hold exactly the panel's levels ------------------------------
check_pngs() { # board, width, height, allowed-values-regex
    local b=$1 w=$2 h=$3 allowed=$4 dir="$T/png-$1"
    "$NV" --board "$b" --png "$dir" "$T/s.nwsb" >"$T/out" 2>"$T/err" || { bad "$b renders" "$(cat "$T/err")"; return; }
    local n
    n=$(ls "$dir" | wc -l)
    grep -qx "$n pages" "$T/out" && ok "$b: prints \"$n pages\"" || bad "$b: prints N pages" "$(cat "$T/out")"
    [ -f "$dir/page-0001.png" ] && [ -f "$dir/$(printf 'page-%04d.png' "$n")" ] && ok "$b: page-0001.png .. page-$(printf %04d "$n").png" ||
        bad "$b: page file names"
    local wrong=0 f
    for f in "$dir"/*.png; do
        read -r pw ph g8 nv vals <<<"$("$INFO" "$f")"
        [ "$pw" = "$w" ] && [ "$ph" = "$h" ] && [ "$g8" = 1 ] || wrong=$((wrong + 1))
        for v in $vals; do echo "$v" | grep -qxE "$allowed" || wrong=$((wrong + 1)); done
    done
    [ "$wrong" -eq 0 ] && ok "$b: ${w}x${h} 8-bit gray, only the panel's levels" || bad "$b: PNG format/levels" "$wrong problems"
}
check_pngs waveshare-7in5-v2 800 480 '0|255'
check_pngs waveshare-2in13-v4 250 122 '0|255'
check_pngs kobo-clara-hd 1072 1448 '0|17|34|51|68|85|102|119|136|153|170|187|204|221|238|255'
check_pngs inkplate-6 800 600 '0|36|73|109|146|182|219|255'
levels=$("$INFO" "$T/png-kobo-clara-hd/page-0002.png" | awk '{print $4}')
[ "$levels" -gt 4 ] && ok "gray panel uses anti-aliased levels ($levels)" || bad "gray panel anti-aliased" "$levels levels"

# --- options -----------------------------------------------------------------
"$NV" --board kobo-clara-hd --font-size 11 --pages 3-5 --png "$T/range" "$T/s.nwsb" >"$T/out" 2>"$T/err"
[ "$(cat "$T/out")" = "3 pages" ] && [ "$(ls "$T/range" | tr '\n' ' ')" = "page-0003.png page-0004.png page-0005.png " ] &&
    ok "--pages 3-5 writes pages 3 to 5" || bad "--pages 3-5" "$(cat "$T/out" "$T/err"; ls "$T/range")"
small=$("$NV" --board waveshare-7in5-v2 --font-size 9 "$T/s.nwsb" | awk '{print $1}')
large=$("$NV" --board waveshare-7in5-v2 --font-size 16 "$T/s.nwsb" | awk '{print $1}')
[ "$large" -gt "$small" ] && ok "a larger font makes more pages ($small -> $large)" || bad "font size changes pagination" "$small vs $large"
status_is "contact sheet" 0 "$NV" --board lilygo-t5-4in7 --sheet "$T/sheet.png" "$T/s.nwsb"
read -r sw sh sg rest <<<"$("$INFO" "$T/sheet.png")"
[ "$sg" = 1 ] && [ "$sw" -gt 960 ] && ok "sheet is a gray PNG of all pages (${sw}x${sh})" || bad "sheet PNG" "$sw $sh $sg"
"$NV" --board kobo-clara-hd --text "$T/s.nwsb" >"$T/text"
grep -q "^--- page 2$" "$T/text" && grep -qF "The small ferry that links the old harbour" "$T/text" &&
    ok "--text prints the pages' text" || bad "--text"
"$NV" --board waveshare-7in5-v2 --mem "$T/s.nwsb" >"$T/out"
peak=$(sed -n 's/.*peak \([0-9]*\) .*/\1/p' "$T/out")
[ -n "$peak" ] && [ "$peak" -le $((256 * 1024)) ] && ok "--mem: 800x480 board peak $peak B < 256 KiB" ||
    bad "--mem 800x480 under 256 KiB" "$(cat "$T/out")"
status_is "an arena too small fails with a message" 1 "$NV" --board kobo-clara-hd --arena 64 "$T/s.nwsb"
grep -q "budget" "$T/err" && ok "small arena says why" || bad "small arena says why" "$(cat "$T/err")"
# a board of 1 MiB keeps pagination's line breaks and draws from them
"$NV" --board lilygo-t5-4in7 --mem --png "$T/memo" "$T/s.nwsb" >"$T/out" 2>"$T/err"
set_from=$(sed -n 's/^line breaks kept from pagination: .*; \([0-9]*\) paragraphs set from them, \([0-9]*\) keys .*/\1 \2/p' "$T/out")
[ -n "$set_from" ] && [ "${set_from% *}" -gt 0 ] && [ "${set_from#* }" -eq 0 ] &&
    ok "--mem: lilygo-t5-4in7 sets paragraphs from the breaks kept ($set_from)" ||
    bad "--mem reports the breaks kept" "$(cat "$T/out")"
# a small board keeps the breaks too, in what its arena can spare, and the
# log gives its room back when FreeType needs it: the same pages whatever
# it kept (the corpus, without the system fallbacks, makes it give back)
if [ -d ../shared/corpus/news-text ]; then
    "$NP" build -q -o "$T/memo-corpus.nwsb" ../shared/corpus/seed/*.txt ../shared/corpus/news-text/*.txt docs/samples/*
    "$NV" --board waveshare-7in5-v2 --no-default-fallbacks --mem --png "$T/memo248" "$T/memo-corpus.nwsb" >"$T/out" 2>"$T/err"
    "$NV" --board waveshare-7in5-v2 --no-default-fallbacks --arena 400 --mem --png "$T/memo400" "$T/memo-corpus.nwsb" >"$T/out400" 2>"$T/err400"
    given=$(sed -n 's/^line breaks kept .*; \([0-9]*\) bytes given back to FreeType$/\1/p' "$T/out")
    given400=$(sed -n 's/^line breaks kept .*; \([0-9]*\) bytes given back to FreeType$/\1/p' "$T/out400")
    if [ -n "$given" ] && [ "$given" -gt 0 ] && [ "$given400" = 0 ] && grep -q "refused 0 " "$T/out" &&
        ! grep -q "could not be loaded" "$T/err" && [ -e "$T/memo248/page-0100.png" ] &&
        diff -rq "$T/memo248" "$T/memo400" >/dev/null; then
        ok "waveshare-7in5-v2 keeps breaks in its 248 KiB and gives $given bytes back to FreeType: the same pages"
    else
        bad "a small board's break log gives its room back" "$(cat "$T/out" "$T/out400" | grep -v '^[0-9]* pages')"
    fi
fi

# --- the whole corpus on the 800x480 board, system fallbacks included -------
if [ -d ../shared/corpus/news-text ]; then
    "$NP" build -q --level 9 -o "$T/corpus.nwsb" ../shared/corpus/seed ../shared/corpus/news-text
    "$NV" --board waveshare-7in5-v2 --mem --png "$T/corpus" "$T/corpus.nwsb" >"$T/out" 2>"$T/err"
    rc=$?
    peak=$(sed -n 's/.*peak \([0-9]*\) .*/\1/p' "$T/out")
    if [ $rc -eq 0 ] && [ -n "$peak" ] && [ "$peak" -lt $((256 * 1024)) ] &&
        ! grep -q "could not be loaded" "$T/err"; then
        ok "corpus renders on waveshare-7in5-v2 within 256 KiB (peak $peak B)"
    else
        bad "corpus renders on waveshare-7in5-v2 within 256 KiB" "exit $rc; $(cat "$T/out" "$T/err" | head -5)"
    fi
fi

# --- glyphs no font has --------------------------------------------------------
printf 'Missing glyphs\nA private-use character \xee\x80\x80 and \xee\x80\x81 here.\n' >"$T/pua.txt"
"$NP" build -q -o "$T/pua.nwsb" "$T/pua.txt"
status_is "missing glyphs do not fail" 0 "$NV" --board waveshare-4in2 --no-default-fallbacks --png "$T/pua" "$T/pua.nwsb"
[ "$(grep -c "no glyph in any font" "$T/err")" = 1 ] && grep -q "U+E000 U+E001" "$T/err" &&
    grep -q " 2 different characters with no glyph" "$T/err" &&
    ok "missing glyphs reported once, with code points" || bad "missing glyph report" "$(cat "$T/err")"
status_is "a fallback that is not a font fails" 1 "$NV" --fallback README.md "$T/pua.nwsb"

# --- legibility: Tesseract reads the seed article back ---------------------------
if command -v tesseract >/dev/null 2>&1 && [ -d ../shared/corpus/seed ]; then
    "$NP" build -q -o "$T/seed.nwsb" ../shared/corpus/seed/*.txt
    "$NP" cat "$T/seed.nwsb" 1 >"$T/seed-ref.txt"
    for b in kobo-clara-hd waveshare-7in5-v2; do
        rm -rf "$T/ocr"
        "$NV" --board "$b" --pages 2- --png "$T/ocr" "$T/seed.nwsb" >/dev/null
        for f in "$T"/ocr/*.png; do tesseract "$f" - 2>/dev/null; done >"$T/ocr.txt"
        read -r got total pct <<<"$(awk -f tests/cli/ocr_score.awk "$T/seed-ref.txt" "$T/ocr.txt")"
        if awk -v p="$pct" 'BEGIN { exit !(p >= 97) }'; then
            ok "OCR on $b recovers $pct% of the words in order ($got/$total)"
        else
            bad "OCR on $b recovers >= 97% of the words" "$pct% ($got/$total)"
        fi
    done
else
    echo "skip OCR: tesseract or ../shared/corpus/seed not available"
fi

# --- demo ----------------------------------------------------------------------
if tools/demo.sh "$BUILD" >"$T/out" 2>"$T/err" && grep -q "contact sheet" "$T/out" &&
    [ -f "$BUILD/demo/pages/page-0001.png" ]; then
    ok "demo packs and renders the samples"
else
    bad "demo packs and renders the samples" "$(tail -5 "$T/err")"
fi

summary
