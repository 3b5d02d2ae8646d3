#!/usr/bin/env bash
# make demo: pack the project's sample articles, list them, and render them
# as the default board shows them (pages and a contact sheet).
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
board=${BOARD:-kobo-clara-hd}
out="$build/demo"
mkdir -p "$out"
"$build/newspack" build -o "$out/samples.nwsb" --title "Sample edition" docs/samples
echo
echo "Articles in $out/samples.nwsb:"
"$build/newspack" ls "$out/samples.nwsb"
echo
"$build/newspack" verify "$out/samples.nwsb"
rm -rf "$out/pages"
"$build/newsview" --board "$board" --png "$out/pages" "$out/samples.nwsb"
"$build/newsview" --board "$board" --sheet "$out/sheet.png" "$out/samples.nwsb"
echo
echo "Rendered for $board:"
echo "  pages:         $out/pages/page-0001.png ..."
echo "  contact sheet: $out/sheet.png"
echo "Other boards: $build/newsview --list-boards; e.g."
echo "  $build/newsview --board waveshare-7in5-v2 --png out/ $out/samples.nwsb"
