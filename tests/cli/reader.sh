#!/usr/bin/env bash
# Command-line tests of the reader: headless keys and their refresh log,
# the saved position (resumed, damaged, for another bundle), a font-size
# change that keeps the place, and the real window under Xvfb compared
# with the headless render of the same keys.
# Usage: tests/cli/reader.sh BUILD_DIR.  Ends with "N passed, N failed".
set -u
cd "$(dirname "$0")/../.."
. tests/cli/lib.sh
NV="$PWD/$BUILD/newsview"
has() { grep -q -- "$2" "$1"; }

"$NP" build -q -o "$T/s.nwsb" docs/samples
B=waveshare-7in5-v2
keys() { "$NV" --board "$B" --state "$T/st" --refresh-log "$T/log" "$@" "$T/s.nwsb"; }

# --- keys and the refresh log ---------------------------------------------
check "headless keys run" keys --keys "next next article+ contents down enter" --png-final "$T/final.png"
[ "$(wc -l <"$T/log")" -eq 7 ] && ok "one refresh per screen change (7)" || bad "refresh count" "$(cat "$T/log")"
# the book is paginated as pages are needed: the page count is "?" at first
head -1 "$T/log" | grep -q "^1 full full 0,0 800x480 5000ms page 1/? .*(first screen)" &&
    ok "the first screen is a full refresh of the whole panel" || bad "first refresh" "$(head -1 "$T/log")"
sed -n 2p "$T/log" | grep -q "^2 partial partial .* 400ms page 2/[0-9?]* article 1/5 (page turn)" &&
    ok "a page turn is a partial refresh of the changed box" || bad "page turn" "$(sed -n 2p "$T/log")"
has "$T/log" "(highlight moved)" && ok "moving the selection on the contents is a highlight" || bad "highlight"
tail -1 "$T/log" | grep -q "article 4/5" && ok "enter opens the selected article" || bad "enter" "$(tail -1 "$T/log")"
grep -q "page [0-9]*/7 " "$T/log" && ok "the page count is known once the book is paginated between keys" || bad "page count" "$(cat "$T/log")"
"$NV" --board "$B" --png "$T/pages" --pages 6 "$T/s.nwsb" >/dev/null
cmp -s "$T/final.png" "$T/pages/page-0006.png" && ok "the final screen is the page a plain render draws" ||
    bad "final screen" "$(tail -1 "$T/log")"
status_is "an unknown key is a usage error" 2 "$NV" --board "$B" --state '' --keys "next jump" "$T/s.nwsb"
has "$T/err" "unknown key 'jump'" && ok "the unknown key is named" || bad "unknown key named" "$(cat "$T/err")"
status_is "--png-final without keys is a usage error" 2 "$NV" --png-final "$T/x.png" "$T/s.nwsb"

# --- the saved position ---------------------------------------------------
check "a second run resumes" keys --keys "next"
head -1 "$T/log" | grep -q "page 6/[0-9?]* article 4/5" && ok "it starts where the first run stopped" || bad "resume" "$(head -1 "$T/log")"
tail -1 "$T/log" | grep -q "page 7/[0-9?]*" && ok "and goes on from there" || bad "resume next" "$(tail -1 "$T/log")"
for cut in 0 10 64 100; do
    cp "$T/st" "$T/st.bak"
    head -c "$cut" "$T/st.bak" >"$T/st"
    keys --keys "next" >/dev/null 2>"$T/err"
    rc=$?
    [ $rc -eq 0 ] && ok "a state file cut to $cut bytes: no failure" || bad "state cut to $cut" "exit $rc; $(cat "$T/err")"
    cp "$T/st.bak" "$T/st"
done
printf 'garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage garbage!' >"$T/st"
keys --keys "next" >/dev/null 2>"$T/err"
has "$T/err" "no valid position saved in it" && head -1 "$T/log" | grep -q "page 1/" &&
    ok "a garbled state file: a warning, and the contents" || bad "garbled state" "$(cat "$T/err")"
keys --keys "goto:4" >/dev/null 2>&1
"$NP" build -q -t "Another edition" -o "$T/s.nwsb" docs/samples/0[1-3]*
keys --keys "next" >/dev/null 2>"$T/err"
has "$T/err" "the saved position is for another bundle" && head -1 "$T/log" | grep -q "page 1/" &&
    ok "a different bundle under the same name starts at the contents" || bad "replaced bundle" "$(cat "$T/err"; head -1 "$T/log")"
"$NP" build -q -o "$T/s.nwsb" docs/samples

# --- font size keeps the place --------------------------------------------
rm -f "$T/st"
check "size changes run" keys --keys "goto:5 size+ size+ size- size-"
art=$(sed -n 2p "$T/log" | sed 's/.*article \([0-9]*\)\/.*/\1/')
moved=$(awk -v a="$art" 'NR > 2 && $0 !~ "article " a "/" { n++ } END { print n + 0 }' "$T/log")
[ "$moved" -eq 0 ] && ok "size+ and size- stay in article $art" || bad "size keeps the article" "$(cat "$T/log")"
check "size on the last page" keys --keys "goto:999 size+"
tail -1 "$T/log" | grep -q "article 5/5" && ok "a size change on the last page stays on the last article" || bad "size on last page" "$(tail -1 "$T/log")"

# --- the window, under Xvfb -------------------------------------------------
if command -v Xvfb >/dev/null && command -v xdotool >/dev/null && command -v xwd >/dev/null &&
    "$NV" --help | grep -q -- "--window"; then
    disp=:$((90 + RANDOM % 100))
    Xvfb "$disp" -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
    xpid=$!
    sleep 1
    cp "$T/s.nwsb" "$T/w.nwsb"
    # Under ASan, leak checking is off for the window alone: SDL's D-Bus and
    # the X libraries it loads and unloads leave blocks LeakSanitizer cannot
    # attribute; the session code it runs is leak-checked headless above.
    ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" DISPLAY=$disp \
        "$NV" --window --no-eink-effects --scale 1 --state '' --board "$B" "$T/w.nwsb" 2>"$T/werr" &
    wpid=$!
    wid=""
    for _ in $(seq 50); do
        wid=$(DISPLAY=$disp xdotool search --name "^newsview" 2>/dev/null | head -1)
        [ -n "$wid" ] && break
        sleep 0.1
    done
    if [ -n "$wid" ]; then
        ok "the window opens"
        # the bundle deleted while open: the reader keeps its mapping
        rm -f "$T/w.nwsb"
        sleep 1 # the window paginates the rest of the book while no key waits
        DISPLAY=$disp xdotool key --window "$wid" Right Right Down Home Down Return
        sleep 1
        DISPLAY=$disp xwd -root -silent >"$T/shot.xwd"
        pos=$(DISPLAY=$disp xdotool getwindowgeometry "$wid" | awk '/Position/ {print $2}')
        "$NV" --board "$B" --state '' --keys "next next down contents down enter" --png-final "$T/head.png" "$T/s.nwsb"
        if "$BUILD/xwdcmp" "$T/shot.xwd" "${pos%,*}" "${pos#*,}" "$T/head.png" >"$T/cmp"; then
            ok "the window shows what the headless run draws, bundle deleted meanwhile ($(cat "$T/cmp"))"
        else
            bad "window vs headless" "$(cat "$T/cmp" "$T/werr")"
        fi
        DISPLAY=$disp xdotool key --window "$wid" q 2>/dev/null
        for _ in $(seq 30); do kill -0 $wpid 2>/dev/null || break; sleep 0.1; done
        kill -0 $wpid 2>/dev/null && { bad "q closes the window"; kill $wpid; } || ok "q closes the window"
    else
        bad "the window opens" "$(cat "$T/werr")"
        kill $wpid 2>/dev/null
    fi
    kill $xpid 2>/dev/null
    wait 2>/dev/null
else
    echo "skip window test: Xvfb, xdotool, xwd or SDL2 missing (tools/install-deps.sh test)"
fi

summary
