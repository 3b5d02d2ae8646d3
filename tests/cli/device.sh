#!/usr/bin/env bash
# The Linux device program without hardware: newsreader's own code run by
# devemu against an emulated kernel (tests/emu/), its panel images compared
# bit for bit with what newsview renders for the same board and page.
# With CROSS_TESTS=1 also: cross-builds for the boards, the armhf build run
# under qemu-arm against the x86-64 one, make dist.
# Usage: tests/cli/device.sh BUILD_DIR
cd "$(dirname "$0")/../.." || exit 2
. tests/cli/lib.sh
NV="$PWD/$BUILD/newsview"
NR="$PWD/$BUILD/newsreader"
EMU="$PWD/$BUILD/devemu"
CMP="$PWD/$BUILD/imgcmp"
B="$T/s.nwsb"
"$NP" build -q -o "$B" docs/samples || { bad "pack the samples"; summary; exit; }

# page N of the refresh log's line K ("... page 3/7 ...")
page_of() { sed -n "${2}p" "$1" | sed -n 's/.* page \([0-9]*\)\/.*/\1/p'; }

# run NAME BOARD SCRIPT EMU-OPTIONS...: devemu into $T/NAME, state kept there
run() {
    local name=$1 board=$2 script=$3
    shift 3
    rm -rf "${T:?}/$name"
    mkdir -p "$T/$name"
    "$EMU" --board "$board" --script "$script" --dump "$T/$name" --log "$T/$name/ops" "$@" -- \
        --state "$T/$name/state" --refresh-log "$T/$name/log" "$B" >"$T/$name/out" 2>"$T/$name/err"
}

# Every screen that shows a plain page must equal newsview's PNG of that
# page; the first screen (footer still counting) equals newsview's reading
# session before any key.
same_as_newsview() { # name board
    local name=$1 board=$2 n k p diff=0 checked=0
    mkdir -p "$T/nv-$board"
    [ -f "$T/nv-$board/page-0001.png" ] || "$NV" --board "$board" --png "$T/nv-$board" "$B" >/dev/null
    "$NV" --board "$board" --state "" --keys prev --png-final "$T/nv-$board/first.png" "$B"
    "$CMP" "$T/$name/screen-0001.pgm" "$T/nv-$board/first.png" >"$T/cmp" || {
        bad "$name: first screen as in newsview" "$(cat "$T/cmp")"
        return
    }
    n=$(grep -c '^[0-9]' "$T/$name/log")
    for k in $(seq 2 "$n"); do
        p=$(page_of "$T/$name/log" "$k")
        grep -q "article 0/" <(sed -n "${k}p" "$T/$name/log") && continue # contents: highlight
        checked=$((checked + 1))
        if ! "$CMP" "$T/$name/screen-$(printf %04d "$k").pgm" \
            "$T/nv-$board/page-$(printf %04d "$p").png" >"$T/cmp"; then
            diff=1
            bad "$name: screen $k (page $p) as newsview renders it" "$(cat "$T/cmp")"
        fi
    done
    [ $diff -eq 0 ] && [ $checked -ge 3 ] && ok "$name: $checked screens bit-identical to newsview"
    [ $checked -ge 3 ] || bad "$name: too few page screens to compare ($checked)"
}

# --- Linux framebuffer (Kobo, Kindle) -------------------------------------------------------
# KEY_ENTER 28, KEY_PAGEDOWN 109, KEY_PAGEUP 104, KEY_HOME 102
SCRIPT="key:28 key:109 tap:900,700 tap:100,700 key:109 key:109 key:102"
run kobo kobo-clara-hd "$SCRIPT" --fb 1072x1448:8:1088:1
check "kobo: runs to SIGTERM, exit 0, nothing on stderr" test $? -eq 0 -a ! -s "$T/kobo/err"
same_as_newsview kobo kobo-clara-hd
check "kobo: first screen full GC16, page turns partial GL16" \
    bash -c "head -1 '$T/kobo/log' | grep -q '^1 full GC16' && sed -n 2,4p '$T/kobo/log' | grep -c 'partial GL16' | grep -qx 3"
check "kobo: the mxcfb stream is the Kobo ABI with waits on flashing updates" \
    grep -q "MXCFB_WAIT_FOR_UPDATE_COMPLETE marker 1" "$T/kobo/ops"
check "kobo: SIGTERM restores the screen found at start" grep -q "screen restored" "$T/kobo/out"
# touch on the contents: right third down twice, middle opens the third article
run touch kobo-clara-hd "tap:900,700 tap:900,700 tap:536,700 tap:536,40" --fb 1072x1448:8:1088:1
check "kobo touch: the highlight moves with a fast non-flashing mode" \
    bash -c "sed -n 2,3p '$T/touch/log' | grep -c 'partial A2 .*highlight moved' | grep -qx 2"
check "kobo touch: the middle of the contents opens the selected article" \
    grep -q "^4 .*article 3/5 (page turn)" "$T/touch/log"
check "kobo touch: the top band's middle makes the text smaller" \
    grep -q "^5 .*article 3/5" "$T/touch/log"

# the same reading, other pixel formats: RGB565 with padded rows, XRGB8888
# turned to landscape, Kindle's ABI with an inverted 8-bit screen
run kobo565 kobo-clara-hd "$SCRIPT" --fb 1072x1448:16:2176:0
same_as_newsview kobo565 kobo-clara-hd
run kobo32 kobo-clara-hd "$SCRIPT" --fb 1448x1072:32:5824:0
same_as_newsview kobo32 kobo-clara-hd
run kindle kindle-paperwhite-4 "$SCRIPT" --fb 1072x1448:8:1088:2
same_as_newsview kindle kindle-paperwhite-4
check "kindle: the rex update ioctl, REAGL/GL16 waveform numbers of its table" \
    grep -q "MXCFB_SEND_UPDATE partial waveform 3 (GL16)" "$T/kindle/ops"

# bad framebuffers, missing input: a clear error naming the device, and
# the screen as it was
run fb24 kobo-clara-hd "key:109" --fb 1072x1448:24:3264:0
check "24-bit framebuffer refused: exit 1" test $? -eq 1
check "24-bit framebuffer: message names /dev/fb0 and the format" \
    grep -q "/dev/fb0: unexpected framebuffer format 1072x1448, 24 bpp" "$T/fb24/err"
run fbpal kobo-clara-hd "key:109" --fb 1072x1448:8:1088:0
check "8-bit palette framebuffer refused" grep -q "not gray" "$T/fbpal/err"
run fbsmall kobo-clara-hd "key:109" --fb 800x600:8:800:1
check "too small framebuffer refused" grep -q "smaller than the board's page" "$T/fbsmall/err"
check "refused framebuffers are left untouched" grep -q "0 screens; 0 updates.*screen restored" "$T/fbsmall/out"
run noinput kobo-clara-hd "" --fb 1072x1448:8:1088:1 --no-touch --no-keys
check "no input device: exit 1" test $? -eq 1
check "no input device: exit 1 with a message naming /dev/input" \
    bash -c "grep -q '/dev/input: no input device' '$T/noinput/err' && grep -q 'screen restored' '$T/noinput/out'"

# SIGTERM saves the position: a second start shows the page the first left
run save1 kobo-clara-hd "key:28 key:109 key:109" --fb 1072x1448:8:1088:1
cp "$T/save1/state" "$T/kept.state" 2>/dev/null
last=$(grep -c '^[0-9]' "$T/save1/log")
mkdir -p "$T/save2"
"$EMU" --board kobo-clara-hd --fb 1072x1448:8:1088:1 --dump "$T/save2" -- --state "$T/kept.state" \
    --refresh-log "$T/save2/log" "$B" >/dev/null 2>&1
check "SIGTERM saved the position; the next start opens on that page" \
    test "$(page_of "$T/save2/log" 1)" = "$(page_of "$T/save1/log" "$last")"

# --- SPI panels (Raspberry Pi) -----------------------------------------------------------------
# buttons: 0 next (down on the contents), 1 previous, 2 contents, 3 open
SPI_SCRIPT="button:3 button:0 button:0 button:1 button:0 button:0 button:0 button:0 button:2"
for board in waveshare-7in5-v2-rpi waveshare-4in2-rpi waveshare-2in13-v4-rpi; do
    run "$board" "$board" "$SPI_SCRIPT" --panel --no-touch --no-keys
    check "$board: exit 0, the controller emulator saw no rule broken" \
        test $? -eq 0 -a ! -s "$T/$board/err"
    same_as_newsview "$board" "$board"
    check "$board: a full refresh after five partial ones, controller asleep, power off" \
        bash -c "sed -n 7p '$T/$board/log' | grep -q '^7 full' && grep -q 'asleep; panel power off' '$T/$board/out'"
done
check "UC8179 partial updates load a byte-aligned window (PTL 0x90)" \
    grep -q "UC8179 command 0x90" "$T/waveshare-7in5-v2-rpi/ops"
check "SSD1683 deep sleep between pages (0x10 after each refresh)" \
    bash -c "[ \$(grep -c 'SSD1683 command 0x10' '$T/waveshare-4in2-rpi/ops') -ge 9 ]"

run stuck waveshare-7in5-v2-rpi "button:0" --panel --no-touch --no-keys --stuck-busy
check "stuck BUSY: exit 1, no screen" test $? -eq 1 -a -n "$(grep '^devemu: 0 screens' "$T/stuck/out")"
check "stuck BUSY: message names the device, controller, step and line" \
    grep -q "/dev/spidev0.0: UC8179, power on: BUSY did not clear.*BUSY (line 24) still low after" \
    "$T/stuck/err"
check "stuck BUSY: the panel's power is cut on the way out" grep -q "panel power off" "$T/stuck/out"
run spifail waveshare-4in2-rpi "button:0" --panel --no-touch --no-keys --spi-fail-after 40
check "SPI write failing: exit 1" test $? -eq 1
check "SPI write failing: message names the device and the step" \
    grep -q "/dev/spidev0.0: SSD1683, .*SPI write of .* failed" "$T/spifail/err"
check "SPI write failing: power cut" grep -q "panel power off" "$T/spifail/out"

# --- the real program, no devices here --------------------------------------------------------
status_is "newsreader --help" 0 "$NR" --help
status_is "newsreader --version" 0 "$NR" --version
status_is "newsreader without a bundle: usage" 2 "$NR"
status_is "newsreader --board nonesuch: usage" 2 "$NR" --board nonesuch "$B"
status_is "newsreader with no /dev/fb0: exit 1" 1 "$NR" --device "$T/no-fb0" "$B"
cp "$T/err" "$T/nofb.err"
check "newsreader: the message names the framebuffer" grep -q "no-fb0: cannot open the framebuffer" "$T/nofb.err"
status_is "newsreader on a simulator-only board: exit 1" 1 "$NR" --board waveshare-7in5-v2 "$B"

# same_panels_under LABEL QEMU DEVEMU: the emulated device, built for
# another CPU, draws every panel image and refresh of x86-64's, bit for bit.
same_panels_under() {
    local label=$1 q=$2 emu=$3 b o s n same
    for b in kobo-clara-hd waveshare-7in5-v2-rpi; do
        if [ $b = kobo-clara-hd ]; then o="--fb 1072x1448:8:1088:1"; s="$SCRIPT"; n=kobo; else
            o="--panel --no-touch --no-keys"; s="$SPI_SCRIPT"; n=$b; fi
        rm -rf "$T/$label-$b" && mkdir -p "$T/$label-$b"
        # shellcheck disable=SC2086
        $q "$emu" --board $b --script "$s" --dump "$T/$label-$b" $o -- \
            --state "$T/$label-$b/state" --refresh-log "$T/$label-$b/log" "$B" >/dev/null 2>"$T/$label-$b/err"
        same=1
        for f in "$T/$n"/screen-*.pgm; do
            cmp -s "$f" "$T/$label-$b/$(basename "$f")" || same=0
        done
        check "$b under $label: every panel image bit-identical to x86-64" \
            test $same = 1 -a "$(ls "$T/$label-$b" | grep -c pgm)" = "$(ls "$T/$n" | grep -c pgm)"
        check "$b under $label: the same refresh log" diff <(grep -v '^end' "$T/$n/log") \
            <(grep -v '^end' "$T/$label-$b/log")
    done
}

# --- cross builds, qemu ------------------------------------------------------------------------
if [ "${CROSS_TESTS:-0}" = 1 ]; then
    if command -v arm-linux-gnueabihf-gcc >/dev/null && command -v qemu-arm >/dev/null; then
        check "make BOARD=kobo-clara-hd: static armhf newsreader" \
            bash -c "make -s BOARD=kobo-clara-hd >/dev/null && file build/kobo-clara-hd/newsreader | grep -q 'ARM, EABI5.*statically linked'"
        check "the armhf newsreader runs under qemu-arm" \
            bash -c "qemu-arm build/kobo-clara-hd/newsreader --version | grep -q 'board kobo-clara-hd'"
        sr=build/sysroot/arm-linux-gnueabihf
        check "STATIC=0: the armhf newsreader runs under qemu-arm with the target's FreeType and zlib" \
            bash -c "make -s BOARD=kobo-clara-hd STATIC=0 BUILD=build/kobo-clara-hd-shared >/dev/null &&
                LD_LIBRARY_PATH=$sr/usr/lib/arm-linux-gnueabihf:$sr/lib/arm-linux-gnueabihf \
                qemu-arm -L /usr/arm-linux-gnueabihf build/kobo-clara-hd-shared/newsreader --version |
                grep -q 'board kobo-clara-hd'"
        # the emulated device, built for armhf, must draw the same panel
        check "devemu for armhf builds" make -s BUILD=build/armhf CROSS_COMPILE=arm-linux-gnueabihf- \
            STATIC=1 build/armhf/devemu
        same_panels_under qemu-arm qemu-arm build/armhf/devemu
        # the Kobo's and Kindle's own flags (their boards' .cpu_flags): NEON
        check "devemu for armhf with -mfpu=neon builds" make -s BUILD=build/armhf-neon \
            CROSS_COMPILE=arm-linux-gnueabihf- STATIC=1 CFLAGS="-O2 -g -mfpu=neon" build/armhf-neon/devemu
        same_panels_under "qemu-arm (NEON)" qemu-arm build/armhf-neon/devemu
    else
        bad "cross tests" "arm-linux-gnueabihf-gcc or qemu-arm missing (tools/install-deps.sh test)"
    fi
    if command -v aarch64-linux-gnu-gcc >/dev/null && command -v qemu-aarch64 >/dev/null; then
        check "make BOARD=waveshare-7in5-v2-rpi CROSS_COMPILE=aarch64-linux-gnu-: runs under qemu-aarch64" \
            bash -c "make -s BOARD=waveshare-7in5-v2-rpi CROSS_COMPILE=aarch64-linux-gnu- BUILD=build/rpi-arm64 >/dev/null && qemu-aarch64 build/rpi-arm64/newsreader --version | grep -q waveshare-7in5-v2-rpi"
        # NEON: the vector loops (core/vectors.h) that armhf builds leave out
        check "devemu for aarch64 builds" make -s BUILD=build/a64 CROSS_COMPILE=aarch64-linux-gnu- \
            STATIC=1 build/a64/devemu
        same_panels_under qemu-aarch64 qemu-aarch64 build/a64/devemu
    fi
    check "make BOARD=kobo-clara-hd dist: binary, fonts, sample bundle, notes" \
        bash -c "make -s BOARD=kobo-clara-hd dist >/dev/null && tar tzf build/kobo-clara-hd/newsreader-kobo-clara-hd.tar.gz > '$T/dist' && grep -q 'newsreader/newsreader$' '$T/dist' && grep -q 'fonts/.*ttf' '$T/dist' && grep -q 'sample.nwsb' '$T/dist' && grep -q 'DEVICES.md' '$T/dist'"
fi
summary
