#!/usr/bin/env bash
# Run every test suite against the plain build and against an ASan+UBSan
# build, then print one total line "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
MAKE=${MAKE:-make}
pass=0
fail=0

# count_summary LOG WHAT: adds the log's "N passed, N failed" to the
# totals (a suite that ended without one counts as a failure); removes LOG.
count_summary() {
    local line
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$1" | tail -n 1)
    if [ -z "$line" ]; then
        echo "FAIL: $2 ended without a summary (crashed, or did not build?)"
        fail=$((fail + 1))
    else
        pass=$((pass + $(echo "$line" | awk '{print $1}')))
        fail=$((fail + $(echo "$line" | awk '{print $3}')))
    fi
    rm -f "$1"
}

run_build() {
    local dir=$1 label=$2
    shift 2
    echo "== $label build ($dir)"
    if ! $MAKE --no-print-directory BUILD="$dir" "$@" test-programs; then
        echo "FAIL: $label build does not compile"
        fail=$((fail + 1))
        return
    fi
    local suite out
    for suite in unit cli markup pictures view reader device; do
        echo "-- $suite tests ($label)"
        out=$(mktemp)
        case $suite in
        unit) "$dir/unit-tests" 2>&1 | tee "$out" ;;
        cli) tests/cli/run.sh "$dir" 2>&1 | tee "$out" ;;
        markup) tests/cli/markup.sh "$dir" 2>&1 | tee "$out" ;;
        view) tests/cli/newsview.sh "$dir" 2>&1 | tee "$out" ;;
        pictures) tests/cli/pictures.sh "$dir" 2>&1 | tee "$out" ;;
        reader) tests/cli/reader.sh "$dir" 2>&1 | tee "$out" ;;
        # cross builds and qemu once, with the plain build
        device) CROSS_TESTS=$([ "$label" = plain ] && echo 1 || echo 0) \
            tests/cli/device.sh "$dir" 2>&1 | tee "$out" ;;
        esac
        count_summary "$out" "$suite suite ($label)"
    done
}

run_build build plain
# The firmware on QEMU's Cortex-M7, every screen against newsview.
echo "-- firmware tests (qemu-mps2-an500)"
out=$(mktemp)
$MAKE --no-print-directory BOARD=qemu-mps2-an500 check 2>&1 | tee "$out"
count_summary "$out" "firmware suite"
# The same on a real edition when the corpus is there: 44 articles in 45
# records through the 8 KiB window, numbered while the script pauses.
if [ -d ../shared/corpus/news-text ]; then
    echo "-- firmware tests on ../shared/corpus/news-text"
    out=$(mktemp)
    $MAKE --no-print-directory BOARD=qemu-mps2-an500 FW_INPUTS=../shared/corpus/news-text FW_LIMITS=0 \
        check 2>&1 | grep -v "^newsview: warning" | tee "$out"
    count_summary "$out" "firmware suite on the corpus"
fi
# The real board's firmware cannot run here; it must build, and no image
# may hold malloc.
for fwb in qemu-mps2-an500 stm32h743-waveshare-7in5; do
    if $MAKE --no-print-directory -s BOARD=$fwb >/dev/null && $MAKE --no-print-directory -s BOARD=$fwb size; then
        pass=$((pass + 1)); echo "ok   $fwb firmware builds, no malloc in it"
    else
        fail=$((fail + 1)); echo "FAIL $fwb firmware build or size"
    fi
done
# -Wall -Wextra -Werror holds for clang too (it warns where gcc does not,
# e.g. a positional initializer short of a field).
if command -v clang >/dev/null 2>&1; then
    if $MAKE --no-print-directory -s CC=clang BUILD=build/clang test-programs >/dev/null; then
        pass=$((pass + 1)); echo "ok   clang builds every program and test warning-free"
    else
        fail=$((fail + 1)); echo "FAIL clang build"
    fi
fi
# valgrind sees uninitialised reads and leaks with the plain build's code.
if command -v valgrind >/dev/null 2>&1; then
    echo "-- unit tests under valgrind"
    out=$(mktemp)
    UNIT_SKIP=pages_keep,pathological valgrind -q --error-exitcode=99 --leak-check=full \
        --suppressions=tests/valgrind.supp \
        --errors-for-leak-kinds=definite build/unit-tests >"$out" 2>&1
    rc=$?
    tail -n 3 "$out"
    if [ $rc -eq 0 ]; then pass=$((pass + 1)); echo "ok   valgrind clean"; else
        fail=$((fail + 1)); echo "FAIL valgrind (exit $rc)"; grep -m 20 '==' "$out"; fi
    rm -f "$out"
fi
# The device program's backends and drivers under valgrind: a Kobo and an
# SPI panel session through the emulated kernel.
if command -v valgrind >/dev/null 2>&1; then
    echo "-- device code under valgrind"
    vt=$(mktemp -d)
    build/newspack build -q -o "$vt/s.nwsb" docs/samples
    vrc=0
    for args in "--board kobo-clara-hd --fb 1072x1448:8:1088:1 --script key:28;key:109;key:109" \
        "--board waveshare-4in2-rpi --panel --no-touch --no-keys --script button:3;button:0;button:0"; do
        # shellcheck disable=SC2086
        valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
            build/devemu $args -- --state "$vt/state" "$vt/s.nwsb" >>"$vt/out" 2>&1 || vrc=$?
        rm -f "$vt/state"
    done
    if [ $vrc -eq 0 ]; then pass=$((pass + 1)); echo "ok   device code valgrind clean"; else
        fail=$((fail + 1)); echo "FAIL device code under valgrind (exit $vrc)"; head -30 "$vt/out"; fi
    rm -rf "$vt"
fi
# Sanitizers catch what plain runs do not: leaks, overflows, UB.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
run_build build/asan "ASan+UBSan" SANITIZE=1 CFLAGS="-O1 -g"

echo
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
