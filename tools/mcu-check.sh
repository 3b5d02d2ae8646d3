#!/usr/bin/env bash
# make BOARD=<mcu board> check: boot the firmware in qemu-system-arm with
# semihosting, collect every screen it writes, and compare each with
# newsview's render of the same board, bundle, page and font size.  Prints
# instructions per screen (QEMU -icount: one instruction per virtual ns)
# and the compute time they mean at 480 MHz, one instruction a cycle.
# Ends with "N passed, N failed".  Usage: tools/mcu-check.sh BOARD BUILD
set -u
board=$1 build=$2
root=$PWD
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1${2:+: $2}"; }
make --no-print-directory -s BOARD= CROSS_COMPILE= BUILD=build build/newsview build/native2pgm \
    build/imgcmp || { echo "0 passed, 1 failed"; exit 1; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
machine=$(sed -n 's/.*\.mcu = "\([^"]*\)".*/\1/p' "boards/$board.c")
# boot DIR ELF: one run in DIR (semihosting files land there), its output
# in DIR/console; the firmware's exit code.  One instruction per virtual
# nanosecond; SysTick counts at 25 MHz (AN500).
boot() {
    (cd "$1" && timeout 600 qemu-system-arm -M "$machine" -nographic -icount shift=0 \
        -semihosting-config enable=on,target=native -kernel "$root/$2" >"$1/console" 2>&1)
}
boot "$out" "$build/firmware.elf"
rc=$?
if [ $rc -eq 0 ]; then ok "firmware boots in qemu-system-arm -M $machine and exits 0"; else
    bad "firmware run" "exit $rc: $(tail -n 3 "$out/console")"; fi
screens=$(ls "$out"/screen-*.bin 2>/dev/null | wc -l)
[ "$screens" -ge 6 ] && ok "$screens screens written through semihosting" ||
    bad "screens written" "$screens"
sizes_seen=$(ls "$out"/screen-*.bin 2>/dev/null | sed 's/.*-s\([0-9]*\)\.bin/\1/' | sort -u | wc -l)
[ "$sizes_seen" -ge 2 ] && ok "the run includes a font-size change" || bad "font-size change" ""
echo "  screen                      instructions   at 480 MHz"
for f in "$out"/screen-*.bin; do
    [ -e "$f" ] || continue
    name=$(basename "$f" .bin)
    page=$((10#$(echo "$name" | sed 's/.*-p\([0-9]*\)-.*/\1/')))
    size=$((10#$(echo "$name" | sed 's/.*-s\([0-9]*\)/\1/')))
    n=$((10#$(echo "$name" | sed 's/screen-\([0-9]*\)-.*/\1/')))
    ticks=$(sed -n "s/^screen $n page [0-9]* size [0-9]* ticks \([0-9]*\).*/\1/p" "$out/console")
    counted=$(sed -n "s/^screen $n .* counted \([01]\) .*/\1/p" "$out/console")
    contents=$(sed -n "s/^screen $n .* contents \([01]\)$/\1/p" "$out/console")
    insns=$((ticks * 40))
    printf "  %-26s %12d %9.1f ms\n" "$name" "$insns" "$(echo "$insns / 480000" | bc -l)"
    # the contents carry the reader's selection mark, which newsview's
    # page PNGs do not: compare the reading pages
    [ "$page" -eq 1 ] && continue
    ref="$out/nv-$size"
    if [ ! -d "$ref" ]; then
        mkdir -p "$ref"
        pt=$(echo "$size" | awk '{ printf "%g", $1 / 10 }')
        build/newsview --board "$board" --no-default-fallbacks --font-size "$pt" --png "$ref" \
            "$build/sample.nwsb" >/dev/null
    fi
    # Drawn before the book was numbered to its end: the footer has no
    # total yet, where newsview's has one.  Everything above the footer
    # (the bottom tenth of the page) must be the same.
    # A contents page drawn then lacks the page numbers of the articles
    # not yet numbered: nothing to compare it with.
    [ "$counted" != 1 ] && uncounted=$((${uncounted:-0} + 1))
    if [ "$counted" != 1 ] && [ "$contents" = 1 ]; then
        echo "  ($name: contents drawn before the book was numbered; its page numbers are still to come)"
        continue
    fi
    build/native2pgm "$board" "$f" "$out/$name.pgm"
    if build/imgcmp "$out/$name.pgm" "$ref/page-$(printf %04d "$page").png" >"$out/cmp"; then
        same=1
    else
        same=0
    fi
    if [ "$counted" = 1 ]; then
        if [ $same = 1 ]; then
            ok "$name: bit-identical to newsview page $page at $(echo "$size" | awk '{print $1/10}') pt"
        else
            bad "$name: as newsview page $page" "$(cat "$out/cmp")"
        fi
        continue
    fi
    first_y=$(sed -n 's/.*first at [0-9]*,\([0-9]*\)$/\1/p' "$out/cmp")
    height=$(head -n 2 "$out/$name.pgm" | tail -n 1 | awk '{ print $2 }') # "P5\nW H\n255\n"
    if [ -n "$height" ] && { [ $same = 1 ] || { [ -n "$first_y" ] && [ "$first_y" -ge $((height * 9 / 10)) ]; }; }; then
        ok "$name (drawn before the book was numbered): as newsview above the footer"
    else
        bad "$name: as newsview above the footer" "$(cat "$out/cmp")"
    fi
done
# A font-size change sets the core up again and paginates the book.
sed -n 's/^set-up size \([0-9]*\) ticks \([0-9]*\)/\1 \2/p' "$out/console" | while read -r size ticks; do
    insns=$((ticks * 40))
    printf "  set-up at %-4s (re-layout) %12d %9.1f ms\n" "$(echo "$size" | awk '{print $1/10 " pt"}')" \
        "$insns" "$(echo "$insns / 480000" | bc -l)"
done
grep -q "CPU fault" "$out/console" && bad "no CPU fault" "$(grep 'CPU fault' "$out/console")"
# Opening and a font-size change number only the pages needed; the rest
# is numbered while the reader pauses, and the screens after a pause are
# the ones compared above.
[ "${uncounted:-0}" -ge 1 ] && grep -q "^book numbered: pages [0-9]*" "$out/console" &&
    ok "the book is numbered while the reader pauses ($(sed -n 's/^book numbered: pages \([0-9]*\).*/\1/p' "$out/console" | head -n 1) pages); ${uncounted} screens came before" ||
    bad "lazy numbering" "uncounted ${uncounted:-0}; $(grep '^book' "$out/console" | head -n 2)"
# Power off and on: the second boot opens where the first left off.
last=$(ls "$out"/screen-*.bin | tail -n 1 | sed 's/.*-p\([0-9]*\)-s\([0-9]*\)\.bin/\1 \2/')
mkdir -p "$out/boot2"
cp "$out/position.state" "$out/boot2/" 2>/dev/null
boot "$out/boot2" "$build/firmware.elf"
first=$(ls "$out"/boot2/screen-0001-*.bin 2>/dev/null | sed 's/.*-p\([0-9]*\)-s\([0-9]*\)\.bin/\1 \2/')
if [ -n "$first" ] && [ "$first" = "$last" ]; then
    ok "the position saved in the first boot ($(wc -c <"$out/position.state") bytes of slots) opens the second on page ${last% *}"
else
    bad "position kept across boots" "last screen '$last', next boot's first '$first'"
fi
grep -h "^memory:" "$out/console" | sed 's/^/  /'
# Memory limits: an arena too small at each stage of set-up, and a bundle
# packed for a larger window than the board decodes, each end the run with
# their own code (src/mcu/firmware.h), never a fault.  One build folder;
# only firmware.c and the bundle change between them.
# FW_LIMITS=0 skips these (a second run on other inputs needs them once).
if [ "${FW_LIMITS:-1}" = 1 ]; then
    vb="$build-limits"
    limit_case() { # what, want-code, make variables...
        local what=$1 want=$2
        shift 2
        rm -f "$vb/obj/src/mcu/firmware.o" "$vb/firmware.elf" "$vb/sample.nwsb" "$vb/obj/src/mcu/blobs.o"
        if ! make --no-print-directory -s BOARD="$board" BUILD="$vb" "$@" >"$out/limit.log" 2>&1; then
            bad "$what: build" "$(tail -n 3 "$out/limit.log")"
            return
        fi
        mkdir -p "$out/limit"
        boot "$out/limit" "$vb/firmware.elf"
        local got=$?
        if [ "$got" -eq "$want" ] && ! grep -q "CPU fault" "$out/limit/console"; then
            ok "$what: exit code $want, no fault"
        else
            bad "$what" "exit $got, want $want: $(tail -n 2 "$out/limit/console")"
        fi
    }
    limit_case "arena of 40 KiB (the fonts do not fit)" 12 FW_ARENA_KB=40
    limit_case "arena of 120 KiB (the layout does not fit)" 13 FW_ARENA_KB=120
    limit_case "arena of 170 KiB (too little left for FreeType)" 15 FW_ARENA_KB=170
    limit_case "a bundle packed for the 32 KiB window" 20 FW_WINDOW=32768
    # A bundle with pictures: drawn in the board's arena; in one 4 KiB short
    # of their buffers beside FreeType's headroom they give way (frames), the
    # run says so, and the text is still read.
    make --no-print-directory -s BOARD= CROSS_COMPILE= BUILD=build build/mkimages >/dev/null &&
        build/mkimages "$out" >/dev/null
    printf '# Pictures\n\nText before.\n\n![a](gray.jpg)\n\nText after.\n' >"$out/pictures.md"
    limit_case "a bundle with pictures" 0 FW_INPUTS="$out/pictures.md"
    grep -q "pictures [1-9]" "$out/limit/console" && ! grep -q "^pictures: no room" "$out/limit/console" &&
        ok "its pictures are drawn" || bad "pictures drawn" "$(grep memory "$out/limit/console")"
    limit_case "a bundle with pictures in a 176 KiB arena" 0 FW_INPUTS="$out/pictures.md" FW_ARENA_KB=176
    grep -q "^pictures: no room" "$out/limit/console" && grep -q "pictures 0)" "$out/limit/console" &&
        ok "its pictures give way to frames, and it says so" || bad "pictures give way" "$(grep "memory\|pictures" "$out/limit/console")"
    rm -rf "$vb"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
