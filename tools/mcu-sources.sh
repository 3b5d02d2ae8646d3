#!/usr/bin/env bash
# Sources of FreeType and zlib for the firmware build: Debian's source
# packages (the same versions and patches as the host's libraries, so the
# firmware hints glyphs exactly as newsview does), unpacked into DIR.
# Usage: tools/mcu-sources.sh DIR
#   FREETYPE_SRC=/path ZLIB_SRC=/path: use these unpacked trees instead.
# Nothing third-party is committed; DIR is under build/.
set -eu
dir=${1:?usage: mcu-sources.sh DIR}
mkdir -p "$dir"
if [ -n "${FREETYPE_SRC:-}" ] && [ -n "${ZLIB_SRC:-}" ]; then
    ln -sfn "$(realpath "$FREETYPE_SRC")" "$dir/freetype"
    ln -sfn "$(realpath "$ZLIB_SRC")" "$dir/zlib"
    touch "$dir/.ready"
    exit 0
fi
src_list=/etc/apt/sources.list.d/newsreader-src.sources
if ! apt-get source --download-only --print-uris freetype >/dev/null 2>&1; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "mcu-sources: apt has no deb-src entries; as root add them and run apt-get update," >&2
        echo "  or give FREETYPE_SRC=... ZLIB_SRC=... (unpacked FreeType 2.12 and zlib trees)" >&2
        exit 1
    fi
    suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
        "$suite" >"$src_list"
    apt-get update -qq >/dev/null 2>&1 || true
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "mcu-sources: fetching the freetype and zlib source packages" >&2
(cd "$tmp" && apt-get source --download-only -q freetype zlib >/dev/null 2>"$tmp/log") || {
    cat "$tmp/log" >&2
    exit 1
}
unpack() { # package: the orig tarball, then Debian's patches in order
    local pkg=$1 orig deb
    orig=$(ls "$tmp"/"${pkg}"_*.orig.tar.* | grep -v -- '-ft2' | grep -v '\.asc$' | head -n 1)
    deb=$(ls "$tmp"/"${pkg}"_*.debian.tar.* | head -n 1)
    rm -rf "$dir/$pkg.tmp"
    mkdir -p "$dir/$pkg.tmp"
    tar -xf "$orig" -C "$dir/$pkg.tmp" --strip-components=1
    # component tarballs (FreeType's ft2demos, ft2docs) go in their own
    # folders, where Debian's patches expect them
    for comp in "$tmp"/"${pkg}"_*.orig-*.tar.*; do
        case $comp in *.asc | *"*"*) continue ;; esac
        c=${comp##*.orig-}
        c=${c%%.tar.*}
        mkdir -p "$dir/$pkg.tmp/$c"
        tar -xf "$comp" -C "$dir/$pkg.tmp/$c" --strip-components=1
    done
    tar -xf "$deb" -C "$dir/$pkg.tmp"
    if [ -f "$dir/$pkg.tmp/debian/patches/series" ]; then
        grep -v '^#' "$dir/$pkg.tmp/debian/patches/series" | while read -r p _; do
            [ -n "$p" ] && patch -s -p1 --batch -d "$dir/$pkg.tmp" <"$dir/$pkg.tmp/debian/patches/$p"
        done
    fi
    rm -rf "${dir:?}/$pkg"
    mv "$dir/$pkg.tmp" "$dir/$pkg"
}
unpack freetype
unpack zlib
touch "$dir/.ready"
