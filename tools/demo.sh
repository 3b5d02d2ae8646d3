#!/usr/bin/env bash
# make demo: pack the project's sample articles and show what is inside.
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
out="$build/demo"
mkdir -p "$out"
"$build/newspack" build -o "$out/samples.nwsb" --title "Sample edition" docs/samples
echo
echo "Articles in $out/samples.nwsb:"
"$build/newspack" ls "$out/samples.nwsb"
echo
"$build/newspack" info "$out/samples.nwsb"
echo
"$build/newspack" verify "$out/samples.nwsb"
echo
echo "Read one with:  $build/newspack cat $out/samples.nwsb 1"
