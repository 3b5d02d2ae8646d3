#!/usr/bin/env bash
# Command-line tests of newspack: the fixed contract (ls/cat/info/verify,
# exit codes), round trips over the shared corpus, damaged bundles, bad
# input, atomic writes.  Usage: tests/cli/run.sh BUILD_DIR
# Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
. tests/cli/lib.sh

# --- command-line contract -------------------------------------------------
status_is "help exits 0" 0 "$NP" --help
grep -q "Usage: newspack" "$T/out" && ok "help is printed" || bad "help is printed"
status_is "version exits 0" 0 "$NP" --version
grep -qE '^newspack [0-9]+\.[0-9]+\.[0-9]+ \(bundle format 1\.2\)$' "$T/out" && ok "version line" || bad "version line"
status_is "no command is a usage error" 2 "$NP"
status_is "unknown command is a usage error" 2 "$NP" frobnicate
status_is "build without -o is a usage error" 2 "$NP" build docs/samples
status_is "build --level bad is a usage error" 2 "$NP" build --level 11 -o "$T/x.nwsb" docs/samples
for c in build ls cat info verify; do
    status_is "$c --help exits 0" 0 "$NP" "$c" --help
done

# --- the samples ---------------------------------------------------------
check "build the samples" "$NP" build -o "$T/s.nwsb" docs/samples
status_is "verify a good bundle" 0 "$NP" verify "$T/s.nwsb"
grep -q ": OK " "$T/out" && ok "verify says OK" || bad "verify says OK"
"$NP" ls "$T/s.nwsb" >"$T/ls"
[ "$(wc -l <"$T/ls")" -eq 5 ] && ok "ls lists 5 articles" || bad "ls lists 5 articles"
if awk -F'\t' 'NF != 3 || $1 != NR || ($2 != "" && $2 !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]/) || $3 == "" { exit 1 }' "$T/ls"; then
    ok "ls lines are index<TAB>date<TAB>title"
else
    bad "ls lines are index<TAB>date<TAB>title" "$(cat "$T/ls")"
fi
# directory order is sorted path order
[ "$(cut -f3 "$T/ls" | head -1)" = "Night ferry returns to the harbour after a winter away" ] &&
    ok "directory inputs in sorted order" || bad "directory inputs in sorted order"
"$NP" cat "$T/s.nwsb" 1 >"$T/cat1"
if diff -u tests/data/sample-1.expected "$T/cat1" >"$T/diff"; then ok "cat output format (text)"; else bad "cat output format (text)" "$(head -20 "$T/diff")"; fi
"$NP" cat "$T/s.nwsb" 2 >"$T/cat2"
if diff -u tests/data/sample-2.expected "$T/cat2" >"$T/diff"; then ok "cat output format (markdown)"; else bad "cat output format (markdown)" "$(head -20 "$T/diff")"; fi
status_is "cat N out of range fails" 1 "$NP" cat "$T/s.nwsb" 99
grep -q "no article 99 (the bundle has 5)" "$T/err" && ok "cat out of range says why" || bad "cat out of range says why"
status_is "cat N=0 is a usage error" 2 "$NP" cat "$T/s.nwsb" 0
status_is "cat N=abc is a usage error" 2 "$NP" cat "$T/s.nwsb" abc
"$NP" info "$T/s.nwsb" >"$T/info"
for k in "format version:    1.1" "articles:          5" "records:" "compression ratio:" "dictionary:        built-in"; do
    grep -qF "$k" "$T/info" && ok "info shows '$k'" || bad "info shows '$k'" "$(cat "$T/info")"
done
grep -qF "deflate window:    32 KiB" "$T/info" && ok "info shows the 32K window" || bad "info window" "$(cat "$T/info")"
check "--window 8K packs" "$NP" build -q --window 8K -o "$T/w8.nwsb" docs/samples
"$NP" info "$T/w8.nwsb" >"$T/info"
grep -qF "format version:    1.2" "$T/info" && grep -qF "deflate window:    8 KiB" "$T/info" &&
    ok "an 8K-window bundle is format 1.2 and says its window" || bad "8K window info" "$(cat "$T/info")"
same=1
for i in 1 2 3 4 5; do cmp -s <("$NP" cat "$T/s.nwsb" $i) <("$NP" cat "$T/w8.nwsb" $i) || same=0; done
[ $same = 1 ] && ok "an 8K-window bundle holds the same articles" || bad "8K window text differs"
status_is "--window 3000 is a usage error" 2 "$NP" build --window 3000 -o "$T/x.nwsb" docs/samples
status_is "--window 64K is a usage error" 2 "$NP" build --window 64K -o "$T/x.nwsb" docs/samples
status_is "--window 8K with --level max is a usage error" 2 "$NP" build --window 8K --level max -o "$T/x.nwsb" docs/samples
grep -q "needs the 32K window" "$T/err" && ok "it says zopfli needs the 32K window" || bad "zopfli window message" "$(cat "$T/err")"
printf 'Piped title\nFrom stdin -- "quoted".\n' | "$NP" build -q -o "$T/stdin.nwsb" - && "$NP" cat "$T/stdin.nwsb" 1 >"$T/out"
grep -qF 'From stdin – “quoted”.' "$T/out" && ok "stdin input with typography" || bad "stdin input with typography" "$(cat "$T/out")"
printf 'Piped title\nFrom stdin -- "quoted".\n' | "$NP" build -q --no-smart -o "$T/stdin.nwsb" - && "$NP" cat "$T/stdin.nwsb" 1 >"$T/out"
grep -qF 'From stdin -- "quoted".' "$T/out" && ok "--no-smart keeps typing" || bad "--no-smart keeps typing"
printf '# Title\n\nText &shy;soft\xc2\xadhyphen and zero\xe2\x80\x8bwidth.\n' >"$T/hint.md"
"$NP" build -q -o "$T/hint.nwsb" "$T/hint.md" && "$NP" cat "$T/hint.nwsb" 1 >"$T/out"
grep -qF 'Text softhyphen and zerowidth.' "$T/out" && ok "cat hides soft hyphens and zero-width spaces" || bad "cat hides soft hyphens" "$(cat "$T/out")"

# --- round trip over the shared corpus ------------------------------------
# Expected text from the source file alone: title, "Date:", paragraphs.
expected_of() {
    awk 'function trim(s) { gsub(/[ \t]+/, " ", s); sub(/^ /, "", s); sub(/ $/, "", s); return s }
        NR == 1 { sub(/^\xef\xbb\xbf/, ""); title = trim($0); hdr = 1; next }
        hdr && tolower($0) ~ /^[ \t]*(release time|date)[ \t]*:/ { v = $0; sub(/^[^:]*:[ \t]*/, "", v); date = trim(v); next }
        { hdr = 0 }
        /^[ \t]*$/ { next }
        { p[++n] = trim($0) }
        END { print title; print ""; if (date != "") { print "Date: " date; print "" }
              for (i = 1; i <= n; i++) { print p[i]; if (i < n) print "" } }' "$1"
}
# Typography folded back, for comparing a smart pack with its source.
unsmart() { sed -e 's/[“”]/"/g' -e "s/[‘’]/'/g" -e 's/—/---/g' -e 's/–/--/g' -e 's/…/.../g'; }
if [ -d "$CORPUS/news-text" ]; then
    files=("$CORPUS"/seed/*.txt "$CORPUS"/news-text/*.txt)
    # -l: the sources name no language, and a guessed one would show in cat
    "$NP" build -q -l en --no-smart --level 6 -o "$T/corpus-plain.nwsb" "${files[@]}"
    "$NP" build -q -l en -o "$T/corpus-smart.nwsb" "${files[@]}"
    # the format's compression, without the soft hyphens the sources lack
    "$NP" build -q -l en --no-hyphenate -o "$T/corpus-nohy.nwsb" "${files[@]}"
    n=0 plain_bad=0 smart_bad=0
    for f in "${files[@]}"; do
        n=$((n + 1))
        expected_of "$f" >"$T/want"
        # a detected script (Han for a Chinese article) is not in the source
        "$NP" cat "$T/corpus-plain.nwsb" "$n" | sed '/^Script: /d' | cat -s >"$T/got"
        cmp -s "$T/want" "$T/got" || { plain_bad=$((plain_bad + 1)); echo "  differs (plain): $f"; diff "$T/want" "$T/got" | head -5; }
        "$NP" cat "$T/corpus-smart.nwsb" "$n" | sed '/^Script: /d' | cat -s | unsmart >"$T/got"
        unsmart <"$T/want" >"$T/want2"
        cmp -s "$T/want2" "$T/got" || { smart_bad=$((smart_bad + 1)); echo "  differs (smart): $f"; diff "$T/want2" "$T/got" | head -5; }
    done
    [ "$plain_bad" -eq 0 ] && ok "round trip of $n corpus articles (--no-smart)" || bad "round trip (--no-smart)" "$plain_bad differ"
    [ "$smart_bad" -eq 0 ] && ok "round trip of $n corpus articles (typography folded)" || bad "round trip (smart)" "$smart_bad differ"
    status_is "corpus bundle verifies" 0 "$NP" verify "$T/corpus-smart.nwsb"
    gz=$(cat "${files[@]}" | gzip -9 | wc -c)
    sz=$(stat -c %s "$T/corpus-nohy.nwsb")
    [ "$sz" -le "$gz" ] && ok "bundle ($sz B) no larger than gzip -9 ($gz B)" || bad "bundle ($sz B) no larger than gzip -9 ($gz B)"
else
    echo "skip corpus round trip: $CORPUS not found"
fi

# --- damaged bundles ------------------------------------------------------
printf 'Damage one\nDate: 2024-05-06\nA paragraph with enough words to compress.\nAnother.\n' >"$T/d1.txt"
printf 'Damage two\nAuthor: Someone\nShort text.\n' >"$T/d2.txt"
"$NP" build -q --record-size 256 -o "$T/d.nwsb" "$T/d1.txt" "$T/d2.txt"
size=$(stat -c %s "$T/d.nwsb")
missed=0 crashed=0 unnamed=0
for ((i = 0; i < size; i++)); do
    cp "$T/d.nwsb" "$T/x.nwsb"
    b=$(od -An -tu1 -j "$i" -N1 "$T/d.nwsb" | tr -d ' ')
    printf "$(printf '\\%03o' $(((b + 1) % 256)))" | dd of="$T/x.nwsb" bs=1 seek="$i" conv=notrunc status=none
    "$NP" verify "$T/x.nwsb" >/dev/null 2>"$T/err"
    rc=$?
    [ $rc -eq 1 ] || { missed=$((missed + 1)); echo "  byte $i: verify exit $rc"; }
    grep -qE '(header|section directory|bundle metadata|string table|article index|record table|dictionary|record data|record [0-9]+)' "$T/err" || unnamed=$((unnamed + 1))
    for c in ls info "cat@1" "cat@2"; do
        "$NP" ${c%@*} "$T/x.nwsb" $([ "$c" != "${c%@*}" ] && echo "${c#*@}") >/dev/null 2>&1
        rc=$?
        [ $rc -le 1 ] || { crashed=$((crashed + 1)); echo "  byte $i: $c exit $rc"; }
    done
done
[ "$missed" -eq 0 ] && ok "verify catches a change to any of $size bytes" || bad "verify catches every change" "$missed missed"
[ "$unnamed" -eq 0 ] && ok "verify names the damaged part" || bad "verify names the damaged part" "$unnamed unnamed"
[ "$crashed" -eq 0 ] && ok "ls/cat/info survive every damaged byte" || bad "ls/cat/info survive damage" "$crashed crashes"
trunc_bad=0
for ((n = 0; n < size; n++)); do
    head -c "$n" "$T/d.nwsb" >"$T/x.nwsb"
    "$NP" verify "$T/x.nwsb" >/dev/null 2>"$T/err"
    rc=$?
    { [ $rc -eq 1 ] && grep -qE 'truncated|not a news bundle' "$T/err"; } || { trunc_bad=$((trunc_bad + 1)); echo "  length $n: exit $rc $(cat "$T/err")"; }
    "$NP" cat "$T/x.nwsb" 1 >/dev/null 2>&1
    [ $? -le 1 ] || trunc_bad=$((trunc_bad + 1))
done
[ "$trunc_bad" -eq 0 ] && ok "every truncation gives a clear error" || bad "every truncation gives a clear error" "$trunc_bad"

# --- bad input -------------------------------------------------------------
mkdir -p "$T/in"
: >"$T/in/empty.txt"
head -c 4096 /dev/urandom >"$T/in/binary.txt"
printf 'Bad bytes\nfine line\nbad \xff\xfe here \xc3 end\n' >"$T/in/invalid.txt"
printf 'Good one\nAll fine.\n' >"$T/in/good.txt"
"$NP" build -o "$T/bad.nwsb" "$T/in" 2>"$T/err"
rc=$?
[ $rc -eq 0 ] && ok "bad inputs do not stop the pack" || bad "bad inputs do not stop the pack" "exit $rc"
grep -q "empty.txt: warning: empty file, skipped" "$T/err" && ok "empty file warned" || bad "empty file warned" "$(cat "$T/err")"
grep -q "binary.txt: warning: binary file" "$T/err" && ok "binary file warned" || bad "binary file warned"
grep -q "invalid.txt:3: warning: invalid UTF-8" "$T/err" && ok "invalid UTF-8 warned with file:line" || bad "invalid UTF-8 warned with file:line" "$(cat "$T/err")"
"$NP" ls "$T/bad.nwsb" | cut -f3 >"$T/out"
[ "$(tr '\n' '|' <"$T/out")" = "Good one|Bad bytes|" ] && ok "every valid article packed" || bad "every valid article packed" "$(cat "$T/out")"
"$NP" cat "$T/bad.nwsb" 2 | grep -qF 'bad �� here � end' && ok "invalid bytes become U+FFFD" || bad "invalid bytes become U+FFFD"
grep -q "2 inputs skipped (1 empty, 1 binary)\|2 inputs skipped (1 binary, 1 empty)" "$T/err" && ok "the summary says why inputs were skipped" || bad "skip reasons" "$(tail -2 "$T/err")"
# An input that opens but cannot be read (EIO): the rest is packed, the
# status says something failed.
if [ -r /proc/self/mem ]; then
    mkdir -p "$T/eio" && cp "$T/in/good.txt" "$T/eio/" && ln -s /proc/self/mem "$T/eio/mem.txt"
    status_is "an unreadable input fails the run" 1 "$NP" build -o "$T/eio.nwsb" "$T/eio"
    grep -q "mem.txt: read error" "$T/err" && grep -q "written without 1 input that could not be read" "$T/err" &&
        ok "the failed input is named and counted" || bad "failed input named" "$(cat "$T/err")"
    [ "$("$NP" ls "$T/eio.nwsb" | wc -l)" -eq 1 ] && ok "the readable inputs are still packed" || bad "readable inputs packed"
fi
status_is "missing input fails" 1 "$NP" build -o "$T/none.nwsb" "$T/does-not-exist.txt"
grep -q "does-not-exist.txt: cannot open" "$T/err" && ok "missing input named" || bad "missing input named"
[ ! -e "$T/none.nwsb" ] && ok "failed build writes nothing" || bad "failed build writes nothing"

# A 20 MB file on one line: the title is taken from it, nothing is lost.
awk 'BEGIN { s = ""; for (i = 0; i < 2000; i++) s = s "word" i " "; for (j = 0; j < 1300; j++) printf "%s", s; print "" }' >"$T/huge.txt"
hsize=$(stat -c %s "$T/huge.txt")
check "20 MB single-line file packs" "$NP" build -q -o "$T/huge.nwsb" "$T/huge.txt"
status_is "20 MB bundle verifies" 0 "$NP" verify "$T/huge.nwsb"
got=$("$NP" cat "$T/huge.nwsb" 1 | tail -n 1 | wc -w)
want=$(wc -w <"$T/huge.txt")
[ "$got" -eq "$want" ] && ok "20 MB line comes back whole ($want words)" || bad "20 MB line comes back whole" "$got vs $want words"

# 10,000 small articles
mkdir -p "$T/many"
awk -v d="$T/many" 'BEGIN { for (i = 0; i < 10000; i++) { f = sprintf("%s/%05d.txt", d, i); printf "Article %d\nDate: 2026-01-%02d\nBody of article %d.\n", i, i % 28 + 1, i > f; close(f) } }'
check "10,000 articles pack" "$NP" build -q -o "$T/many.nwsb" "$T/many"
[ "$("$NP" ls "$T/many.nwsb" | wc -l)" -eq 10000 ] && ok "10,000 articles listed" || bad "10,000 articles listed"
[ "$("$NP" cat "$T/many.nwsb" 10000 | tail -n 1)" = "Body of article 9999." ] && ok "article 10,000 reads back" || bad "article 10,000 reads back"

# --- atomic output -----------------------------------------------------------
cp "$T/s.nwsb" "$T/keep.nwsb"
"$NP" build -q -o "$T/keep.nwsb" "$T/in/empty.txt" 2>/dev/null
cmp -s "$T/s.nwsb" "$T/keep.nwsb" && ok "a failed build keeps the old bundle" || bad "a failed build keeps the old bundle"
"$NP" build -q -o "$T/keep.nwsb" "$T/huge.txt" &
pid=$!
sleep 0.3
kill -TERM $pid 2>/dev/null
wait $pid 2>/dev/null
if cmp -s "$T/s.nwsb" "$T/keep.nwsb" || "$NP" verify "$T/keep.nwsb" >/dev/null 2>&1; then
    ok "an interrupted build leaves a whole bundle"
else
    bad "an interrupted build leaves a whole bundle"
fi
ls -a "$T" | grep -q '^\.keep\.nwsb\.' && bad "no temp file left behind" || ok "no temp file left behind"
mkdir -p "$T/ro" && chmod 555 "$T/ro"
if [ "$(id -u)" -ne 0 ]; then
    status_is "unwritable directory fails" 1 "$NP" build -q -o "$T/ro/x.nwsb" docs/samples
fi
status_is "output into a missing directory fails" 1 "$NP" build -q -o "$T/nope/x.nwsb" docs/samples
grep -q "nope/x.nwsb: cannot create a temporary file" "$T/err" && ok "write failure names the file" || bad "write failure names the file" "$(cat "$T/err")"

# --- install -----------------------------------------------------------------
if make --no-print-directory -s install BUILD="$BUILD" DESTDIR="$T/root" PREFIX=/usr >/dev/null 2>"$T/err" &&
    "$T/root/usr/bin/newspack" --version >/dev/null && [ -f "$T/root/usr/share/doc/newsreader/FORMAT.md" ] &&
    (cd / && "$T/root/usr/bin/newsview" --board waveshare-4in2 --pages 2 --png "$T/inst" "$T/s.nwsb" >/dev/null); then
    ok "make install honours DESTDIR and PREFIX"
else
    bad "make install honours DESTDIR and PREFIX" "$(cat "$T/err")"
fi

summary
