#!/usr/bin/env bash
# Unpack the target's FreeType and zlib (with what FreeType links: libpng,
# brotli, bzip2) from Debian's packages into a sysroot for cross-building
# newsreader.  Usage: tools/cross-sysroot.sh TRIPLET DIR
#
# Why not multiarch (apt-get install libfreetype-dev:armhf)?  Multiarch
# wants every shared package at the same version on both architectures,
# and a mirror that has synced one architecture's updates before the
# other's refuses the install.  Unpacked .debs in a folder of our own have
# no such coupling, need no root once downloaded, and leave the host alone.
set -eu
triplet=${1:?usage: cross-sysroot.sh TRIPLET DIR}
dir=${2:?usage: cross-sysroot.sh TRIPLET DIR}
case $triplet in
arm-linux-gnueabihf) arch=armhf ;;
aarch64-linux-gnu) arch=arm64 ;;
*) echo "cross-sysroot: no Debian architecture known for $triplet" >&2; exit 1 ;;
esac
if ! command -v "$triplet-gcc" >/dev/null 2>&1; then
    echo "cross-sysroot: $triplet-gcc not found; run tools/install-deps.sh cross" >&2
    exit 1
fi
pkgs="libfreetype-dev libfreetype6 zlib1g-dev zlib1g libpng-dev libpng16-16 libbrotli-dev
      libbrotli1 libbz2-dev libbz2-1.0"
if ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "cross-sysroot: apt does not know $arch packages; as root run:" >&2
        echo "  dpkg --add-architecture $arch && apt-get update" >&2
        exit 1
    fi
    dpkg --add-architecture "$arch"
    apt-get update -qq >/dev/null 2>&1 || true # a foreign index mid-sync is not fatal here
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp" "$dir.tmp"' EXIT
list=()
for p in $pkgs; do list+=("$p:$arch"); done
echo "cross-sysroot: fetching ${#list[@]} $arch packages into $dir" >&2
(cd "$tmp" && apt-get download -q "${list[@]}" >/dev/null 2>"$tmp/log") || {
    # An index not yet fetched: update once and try again.
    if [ "$(id -u)" -eq 0 ]; then apt-get update -qq >/dev/null 2>&1 || true; fi
    (cd "$tmp" && apt-get download -q "${list[@]}" >/dev/null 2>"$tmp/log") || {
        cat "$tmp/log" >&2
        echo "cross-sysroot: apt-get download failed" >&2
        exit 1
    }
}
rm -rf "$dir.tmp"
mkdir -p "$dir.tmp"
for f in "$tmp"/*.deb; do dpkg-deb -x "$f" "$dir.tmp"; done
# Absolute symlinks (libbz2.so -> /lib/...) would point into the host.
find "$dir.tmp" -type l -lname '/*' | while read -r l; do
    ln -sfn "$(realpath -m --relative-to="$(dirname "$l")" "$dir.tmp$(readlink "$l")")" "$l"
done
rm -rf "$dir"
mv "$dir.tmp" "$dir"
touch "$dir/.ready"
