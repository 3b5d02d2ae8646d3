#!/usr/bin/env bash
# make bench: compression and speed figures for newspack and the reader.
# Uses ../shared/corpus when present (else the project's samples).
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
NP="$build/newspack"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
if [ -d ../shared/corpus/news-text ]; then
    files=(../shared/corpus/news-text/*.txt)
    label="../shared/corpus/news-text (${#files[@]} articles)"
else
    files=(docs/samples/*)
    label="docs/samples (${#files[@]} articles; the shared corpus is absent)"
fi
cat "${files[@]}" >"$T/all.txt"
raw=$(stat -c %s "$T/all.txt")
sz() { stat -c %s "$1"; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%6.1f%%", 100 * a / b }'; }
row() { printf "  %-58s %9s B  %s\n" "$1" "$2" "$(pct "$2" "$raw")"; }
timed_build() { # out, args...: prints seconds
    local out=$1 t0 t1
    shift
    t0=$(date +%s.%N)
    "$NP" build -q -o "$out" "$@" "${files[@]}"
    t1=$(date +%s.%N)
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }'
}

echo "Compression on $label, $raw bytes of plain text"
echo "(bundles without soft hyphens, so that they hold the same text as the others;"
echo " what hyphenation adds is measured below)"
gzip -9 -n -c "$T/all.txt" >"$T/all.gz"
xz -9 -c "$T/all.txt" >"$T/all.xz"
per=0
for f in "${files[@]}"; do
    # raw deflate per article: a gzip member less its 18-byte frame
    per=$((per + $(gzip -9 -n -c "$f" | wc -c) - 18))
done
(cd "$(dirname "${files[0]}")" && zip -9 -q -X "$T/all.zip" $(for f in "${files[@]}"; do basename "$f"; done))
t_max=$(timed_build "$T/max.nwsb" --no-hyphenate)
t_9=$(timed_build "$T/l9.nwsb" --level 9 --no-hyphenate)
timed_build "$T/nodict.nwsb" --dict none --no-hyphenate >/dev/null
timed_build "$T/nodict9.nwsb" --dict none --level 9 --no-hyphenate >/dev/null
timed_build "$T/hyph.nwsb" >/dev/null
row "plain text" "$raw"
row "one solid gzip -9 stream (the target to beat)" "$(sz "$T/all.gz")"
row "one solid xz -9 stream" "$(sz "$T/all.xz")"
row "one raw deflate -9 stream per article (EPUB-style)" "$per"
row "zip -9 archive of the articles" "$(sz "$T/all.zip")"
row "bundle, default (zopfli + built-in dictionary)" "$(sz "$T/max.nwsb")"
row "bundle, --level 9 (zlib + built-in dictionary)" "$(sz "$T/l9.nwsb")"
row "bundle, --dict none (zopfli, no dictionary)" "$(sz "$T/nodict.nwsb")"
row "bundle, --dict none --level 9" "$(sz "$T/nodict9.nwsb")"
row "bundle, default with soft hyphens (newspack build)" "$(sz "$T/hyph.nwsb")"
if [ "$(sz "$T/max.nwsb")" -le "$(sz "$T/all.gz")" ]; then
    echo "  target met: the bundle is no larger than solid gzip -9 of the same text, and every"
    echo "  record inflates alone"
else
    echo "  TARGET MISSED: the bundle is larger than solid gzip -9"
fi
echo "  (the text stream also holds block markers and curly quotes: $("$NP" info "$T/max.nwsb" | awk '/^text:/ {print $2}') bytes)"

# The built-in dictionary was trained on this very corpus, so the figure
# above flatters it.  Train on half the articles, pack the other half.
if command -v python3 >/dev/null 2>&1 && [ ${#files[@]} -ge 10 ]; then
    mkdir -p "$T/train" "$T/test"
    i=0
    for f in "${files[@]}"; do
        if [ $((i % 2)) -eq 0 ]; then cp "$f" "$T/train/"; else cp "$f" "$T/test/"; fi
        i=$((i + 1))
    done
    python3 tools/gen_dict.py --raw "$T/half.dict" "$T/train" 2>/dev/null
    "$NP" build -q --dict "$T/half.dict" -o "$T/held.nwsb" "$T/test"
    "$NP" build -q --dict none -o "$T/held0.nwsb" "$T/test"
    dsz=$(sz "$T/half.dict")
    tgz=$(cat "$T"/test/*.txt | gzip -9 -n | wc -c)
    echo
    echo "Held-out check: dictionary trained on the even-numbered half ($dsz B), other half packed"
    printf "  %-58s %9s B\n" "solid gzip -9 of the held-out half" "$tgz"
    printf "  %-58s %9s B\n" "bundle with that dictionary (its own copy not counted)" "$(($(sz "$T/held.nwsb") - dsz - 16))"
    printf "  %-58s %9s B\n" "bundle without a dictionary" "$(sz "$T/held0.nwsb")"
fi

echo
echo "Pack throughput (plain text in, wall clock, one run each):"
awk -v r="$raw" -v a="$t_max" -v b="$t_9" 'BEGIN {
    printf "  default (zopfli):  %7.3f s  %6.2f MB/s\n", a, r / a / 1e6
    printf "  --level 9 (zlib):  %7.3f s  %6.2f MB/s\n", b, r / b / 1e6 }'

echo
echo "Reader (device code on this host), bundle $T/max.nwsb:"
"$build/bench-read" "$T/max.nwsb" 20

# --- rendering: the device core per page, next to mutool on an EPUB -----------
# Both sides are timed whole, so that neither's way of splitting its work
# (our pagination at open; mutool's layout, which it reports differently
# from run to run) flatters it:
#   ours   = open with pagination + every page laid out, drawn and packed,
#   mutool = the whole EPUB laid out and rasterised to 8-bit gray, wall
#            clock, less a one-page run (process start and opening) made
#            with its page breaks saved, so that it holds no layout.
# Each is the best of five runs, the two sides' runs alternating: the
# figures of a shared machine wander.
echo
echo "Rendering $label, whole corpus: ours = pagination at open + every page"
echo "laid out, drawn and packed for the panel; mutool draw = the same articles"
echo "as an EPUB made by pandoc, laid out and rasterised to 8-bit gray on the same"
echo "page: size in pixels, dpi, font (our Liberation Serif, embedded), font size,"
echo "margins, line spacing and paragraph indent (wall clock less its start-up)."
"$NP" build -q -o "$T/render.nwsb" "${files[@]}"
have_mutool=0
if command -v pandoc >/dev/null 2>&1 && command -v mutool >/dev/null 2>&1; then
    have_mutool=1
    {
        echo "<html><body>"
        for f in "${files[@]}"; do
            sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' "$f" |
                awk 'NR == 1 { print "<h1>" $0 "</h1>"; next } tolower($0) ~ /^release time:/ { next } NF { print "<p>" $0 "</p>" }'
        done
        echo "</body></html>"
    } >"$T/all.html"
fi
# epub_for BOARD TOP RIGHT BOTTOM LEFT DPI INDENT: $T/BOARD.epub, the
# articles set as our layout sets them on that board (block_setup in
# src/layout/paginate.c: body lines 1.35 em, a first-line indent of 1.5 em
# or half a line between paragraphs, titles at 160 % on 1.2 em lines) in
# the text box our pages leave inside their margins and running header
# and footer; mutool reads the fonts from the EPUB.
epub_for() {
    local b=$1 dpi=$6 f css="$T/$1.css" fonts=()
    pt() { awk -v p="$1" -v d="$dpi" 'BEGIN { printf "%.2fpt", p * 72 / d }'; }
    for f in Regular:normal:normal Italic:italic:normal Bold:normal:bold BoldItalic:italic:bold; do
        IFS=: read -r face style weight <<<"$f"
        fonts+=("--epub-embed-font=fonts/LiberationSerif-$face.ttf")
        printf '@font-face { font-family: "Liberation Serif"; font-style: %s; font-weight: %s; src: url("../fonts/LiberationSerif-%s.ttf"); }\n' \
            "$style" "$weight" "$face"
    done >"$css"
    {
        echo "@page { margin: $(pt "$2") $(pt "$3") $(pt "$4") $(pt "$5") }"
        echo 'body { margin: 0; padding: 0; font-family: "Liberation Serif"; }'
        echo "p { margin: 0; line-height: 1.35; text-align: justify; }"
        if [ "$7" = 1 ]; then
            echo "p + p { text-indent: 1.5em; }"
        else
            echo "p + p { margin-top: 0.675em; }"
        fi
        echo "h1 { font-size: 160%; line-height: 1.2; margin: 0; text-align: left; }"
    } >>"$css"
    pandoc -f html -t epub3 --metadata title=Bench --css "$css" "${fonts[@]}" -o "$T/$b.epub" "$T/all.html"
}
ms_now() { date +%s%N; }
# mutool keeps an EPUB's page breaks in /var/tmp/<path with / as %>.accel
# and skips its pagination when the file is there: whole runs start
# without it, as our runs paginate at open.
accel_of() { echo "/var/tmp/$(printf '%s' "$1" | sed -e 's|^/||' -e 's|/|%|g').accel"; }
accel=""
trap 'rm -rf "$T" $accel' EXIT
# mutool_once W H DPI SIZE PAGES COLD: wall milliseconds of one run (PAGES
# "" for all; COLD 1: without the saved page breaks); its page count in
# $T/mutool.pages
mutool_once() {
    local t0 t1
    [ "$6" = 1 ] && rm -f "$(accel_of "$epub")"
    t0=$(ms_now)
    mutool draw -s t -c gray -r "$3" -W "$1" -H "$2" -S "$4" -F pgm -o /dev/null \
        "$epub" $5 >"$T/mutool.out" 2>&1 || true
    t1=$(ms_now)
    awk '/^total/ { for (i = 1; i <= NF; i++) if ($i == "pages") print $(i - 1) }' "$T/mutool.out" >"$T/mutool.pages"
    awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e6 }'
}
# least NAME VALUE: NAME = VALUE when NAME is empty or larger
least() {
    if [ -z "${!1}" ] || awk -v a="$2" -v b="${!1}" 'BEGIN { exit !(a < b) }'; then
        printf -v "$1" '%s' "$2"
    fi
}
printf "  %-18s %6s %9s %9s %11s %9s | %6s %9s %9s | %9s %9s\n" board pages paginate "ms/page" "arena peak" "per page" \
    pages "all" "per page" "per page" "corpus"
printf "  %-18s %6s %9s %9s %11s %9s | %6s %9s %9s | %9s %9s\n" "" "(ours)" "" "(drawn)" "" "(all in)" \
    "(mutool)" "" "" "ratio" "ratio"
# The runs of the two alternate, so that a machine that speeds up or slows
# down meanwhile tilts neither side.
for b in waveshare-7in5-v2 kobo-clara-hd lilygo-t5-4in7; do
    ms="" pag="" one="" all=""
    geom=$("$build/newsview" --list-boards | awk -v b="$b" '$1 == b { print $2, $3 }')
    w=${geom%%x*}
    rest=${geom#*x}
    h=${rest%% *}
    dpi=${rest##* }
    for run in 1 2 3 4 5; do
        # board pages paginate_ms ms_per_page arena_peak body_size and the
        # text box (the body size comes from the core: board files may take
        # it from a panel header, so it is not read from the .c file)
        read -r _ pages p m peak size mt mr mb ml indent <<<"$("$build/bench-render" "$T/render.nwsb" "$b" 3)"
        least ms "$m"
        least pag "$p"
        [ "$have_mutool" = 1 ] || continue
        if [ $run = 1 ]; then
            epub_for "$b" "$mt" "$mr" "$mb" "$ml" "$dpi" "$indent"
            epub="$T/$b.epub"
            accel="$accel $(accel_of "$epub")"
            W=$(awk -v p="$w" -v d="$dpi" 'BEGIN { print p * 72 / d }')
            H=$(awk -v p="$h" -v d="$dpi" 'BEGIN { print p * 72 / d }')
            S=$(awk -v s="$size" 'BEGIN { print s / 10 }')
        fi
        least all "$(mutool_once "$W" "$H" "$dpi" "$S" "" 1)"
        cp "$T/mutool.pages" "$T/mutool.all.pages"
        # start-up: process, EPUB and first page, with the page breaks the
        # whole run just saved
        least one "$(mutool_once "$W" "$H" "$dpi" "$S" 1 0)"
    done
    ours=$(awk -v a="$ms" -v g="$pag" -v p="$pages" 'BEGIN { printf "%.4f", a + g / p }')
    whole=$(awk -v a="$ms" -v g="$pag" -v p="$pages" 'BEGIN { printf "%.1f", a * p + g }')
    mp="-" mall="-" mper="-" rpage="-" rall="-"
    if [ "$have_mutool" = 1 ]; then
        mp=$(cat "$T/mutool.all.pages")
        mall=$(awk -v a="$all" -v o="$one" 'BEGIN { printf "%.1f", a - o }')
        mper=$(awk -v a="$mall" -v p="$mp" 'BEGIN { printf "%.3f", a / p }')
        rpage=$(awk -v m="$mper" -v o="$ours" 'BEGIN { printf "%.1fx", m / o }')
        rall=$(awk -v m="$mall" -v o="$whole" 'BEGIN { printf "%.1fx", m / o }')
    fi
    printf "  %-18s %6s %7sms %7sms %9s B %7sms | %6s %7sms %7sms | %9s %9s\n" "$b" "$pages" "$pag" "$ms" "$peak" \
        "$ours" "$mp" "$mall" "$mper" "$rpage" "$rall"
done
echo "  (ms/page (drawn): one page laid out, drawn and packed, pagination aside;"
echo "   per page (all in): the whole corpus over our pages, pagination included;"
echo "   per page ratio: mutool's time a page over ours; corpus ratio: its whole"
echo "   run over ours, which does not depend on how much text a page holds (its"
echo "   pages hold a little more than ours: ours keep room for the running"
echo "   header and footer and a contents page); arena peak: FreeType, glyph cache"
echo "   and layout, framebuffer and font files extra.  The target is 10x.)"

echo
echo "Pack-time hyphenation on $label (zlib level 9, so that only the hyphens differ):"
t_hy=$(timed_build "$T/hy.nwsb" --level 9)
t_nohy=$(timed_build "$T/nohy.nwsb" --level 9 --no-hyphenate)
s_hy=$("$NP" info "$T/hy.nwsb" | awk '/^compressed text:/ {print $3}')
s_nohy=$("$NP" info "$T/nohy.nwsb" | awk '/^compressed text:/ {print $3}')
awk -v a="$s_nohy" -v b="$s_hy" -v ta="$t_nohy" -v tb="$t_hy" 'BEGIN {
    printf "  stored text: %d B without soft hyphens, %d B with (+%.1f%%)\n", a, b, 100 * (b - a) / a
    printf "  pack time:   %.3f s without, %.3f s with\n", ta, tb }'

echo
echo "Pictures: a page with a 1600x1000 JPEG, a 640x400 PNG with alpha and two"
echo "300x200 JPEGs (made by tests/tools/mkimages), packed and rendered:"
"$build/mkimages" "$T"
{
    echo "<html><head><title>Pictures</title></head><body><article><h1>Pictures</h1>"
    for f in photo.jpg photo.png gray.jpg cmyk.jpg; do
        echo "<p>$(head -c 600 "${files[0]}" | tr -d '<>&')</p>"
        echo "<figure><img src=\"$f\"><figcaption>A picture: $f</figcaption></figure>"
    done
    echo "</article></body></html>"
} >"$T/pics.html"
t0=$(date +%s.%N)
"$NP" build -q -o "$T/pics.nwsb" "$T/pics.html"
t_pic=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f", b - a }')
"$NP" info "$T/pics.nwsb" | awk -v t="$t_pic" '/^pictures:/ { printf "  packed in %.3f s; %s\n", t, $0 }'
printf "  %-20s %6s %9s %10s %12s\n" board pages paginate "ms/page" "arena peak"
for b in kobo-clara-hd waveshare-7in5-v2 lilygo-t5-4in7; do
    "$build/bench-render" "$T/pics.nwsb" "$b" 5 |
        awk '{ printf "  %-20s %6s %7sms %10s %10s B\n", $1, $2, $3, $4, $5 }'
done
echo "  (ms/page over every page of that bundle, pictures streamed from the bundle,"
echo "   box-scaled and dithered; the text-only figures are in the table above)"

echo
echo "Reader: a page turn is the time from the key to the finished framebuffer"
echo "(the panel's own refresh time not included), over every page of"
echo "$label once. The next page is drawn ahead between key presses"
echo "(\"ahead\") when the board's arena keeps room for a second page and FreeType's"
echo "working memory (\"-\": it does not, every turn lays out and draws), so a turn is"
echo "a copy plus the refresh plan. Open is opening the"
echo "bundle at a saved position in its middle (state, fonts, pagination, first screen):"
printf "  %-20s %6s %12s %12s %10s %13s %12s\n" board pages "turn median" "turn worst" "open" "ahead median" "ahead worst"
for b in kobo-clara-hd waveshare-7in5-v2 lilygo-t5-4in7; do
    "$build/bench-reader" "$T/render.nwsb" "$b" |
        awk '{ if ($6 + 0 == 0) { $6 = "-"; $7 = "-"; u = "  " } else u = "ms"
               printf "  %-20s %6s %10sms %10sms %8sms %11s%s %10s%s %s\n", $1, $2, $3, $4, $5, $6, u, $7, u, $8 $9 $10 }'
done
