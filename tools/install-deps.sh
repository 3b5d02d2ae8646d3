#!/usr/bin/env bash
# Install the Debian/Ubuntu packages the project needs, when they are
# missing.  Usage: tools/install-deps.sh [build|test|all]
#   build: compiler, pkg-config, zlib, md4c, zopfli, libunibreak, FreeType,
#          libpng, libjpeg-turbo, libxml2, jansson, SDL2, libhyphen and the
#          hyphenation patterns of en, de, fr, es, it, nl, pt, ru, pl, el
#   test:  build + what the tests use (gzip, xz, zip, clang with libFuzzer,
#          valgrind, Tesseract OCR, Python 3 for the extraction and feed
#          conformance scripts, Xvfb, xdotool and xwd for the window test)
#   cross: build + the Debian cross compilers for armhf and arm64 with their C
#          libraries, qemu-user to run their output, file(1) (make BOARD=...,
#          tools/cross-sysroot.sh)
#   mcu:   build + arm-none-eabi-gcc with newlib, qemu-system-arm, bc, patch
#          (make BOARD=qemu-mps2-an500 [check]); FreeType's and zlib's
#          sources come from Debian's source packages (tools/mcu-sources.sh)
#   test:  also everything cross and mcu install: the tests cross-build and
#          run the armhf reader under qemu-arm and the firmware in QEMU
#   bench: test + what the benchmarks compare with (mupdf-tools, pandoc)
# Runs apt-get itself as root or through sudo; otherwise prints the exact
# command and fails, so a user knows what to run.
set -u
what=${1:-build}
need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
want() { have_pkg "$1" || need+=("$1"); }

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "install-deps: not a Debian-like system; install a C compiler, make, pkg-config," >&2
    echo "  zlib, md4c and zopfli development files yourself" >&2
    exit 0
fi
for p in gcc make pkg-config zlib1g-dev libmd4c-dev libzopfli-dev libunibreak-dev \
    libfreetype-dev libpng-dev libjpeg-dev libxml2-dev libjansson-dev libhyphen-dev libsdl2-dev \
    hyphen-en-us hyphen-de hyphen-fr hyphen-es hyphen-it hyphen-nl hyphen-pt-pt hyphen-ru \
    hyphen-pl hyphen-el; do want "$p"; done
if [ "$what" != build ]; then
    # (the C libraries are only Recommends of the compilers, which
    # --no-install-recommends below leaves out)
    for p in gcc-arm-linux-gnueabihf libc6-dev-armhf-cross gcc-aarch64-linux-gnu libc6-dev-arm64-cross \
        qemu-user file; do want "$p"; done
fi
if [ "$what" != build ] && [ "$what" != cross ]; then
    for p in gzip xz-utils zip clang libclang-rt-dev valgrind tesseract-ocr \
        tesseract-ocr-eng python3 xvfb xdotool x11-apps; do want "$p"; done
fi
if [ "$what" = mcu ] || [ "$what" = test ] || [ "$what" = all ]; then
    for p in gcc-arm-none-eabi libnewlib-arm-none-eabi qemu-system-arm bc patch; do want "$p"; done
fi
if [ "$what" = bench ] || [ "$what" = all ]; then
    for p in mupdf-tools pandoc; do want "$p"; done
fi
[ ${#need[@]} -eq 0 ] && exit 0

cmd="apt-get install -y --no-install-recommends ${need[*]}"
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo"
else
    echo "install-deps: missing packages: ${need[*]}" >&2
    echo "install-deps: run as root:  apt-get update && $cmd" >&2
    exit 1
fi
echo "install-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null || true
$sudo $cmd >/dev/null || {
    echo "install-deps: apt-get failed; run: apt-get update && $cmd" >&2
    exit 1
}
