#!/usr/bin/env bash
# make BOARD=<name> dist: build/<name>/newsreader-<name>.tar.gz with the
# stripped program, the fonts and their licences, a sample bundle, the
# launchers and docs/DEVICES.md.  Usage: tools/dist.sh BOARD BUILD CROSS_COMPILE HOST_NEWSPACK
set -eu
board=$1 build=$2 cross=$3 newspack=$4
stage="$build/dist/newsreader"
rm -rf "$build/dist"
mkdir -p "$stage/fonts"
"${cross}strip" -o "$stage/newsreader" "$build/newsreader"
cp fonts/*.ttf fonts/*-COPYRIGHT "$stage/fonts/"
"$newspack" build -q -o "$stage/sample.nwsb" docs/samples
cp docs/DEVICES.md "$stage/"
cp tools/dist/launch-kobo.sh tools/dist/launch-kindle.sh tools/dist/newsreader.service "$stage/"
cp -r tools/dist/kual "$stage/"
chmod 755 "$stage/newsreader" "$stage"/launch-*.sh
printf 'newsreader for %s\nSee DEVICES.md for installing and starting it.\n' "$board" >"$stage/README.txt"
out="$build/newsreader-$board.tar.gz"
tar -C "$build/dist" -czf "$out.tmp" newsreader
mv "$out.tmp" "$out"
echo "$out: $(stat -c %s "$out") bytes (newsreader $(stat -c %s "$stage/newsreader") bytes stripped)"
