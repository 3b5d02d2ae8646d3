#!/usr/bin/env bash
# Regenerate src/bundle/nwsb_dict_news.c, the built-in preset dictionary.
#
# The statistics are taken from the text newspack itself stores (so curly
# quotes and dashes are counted as they will appear), packed from
# ../shared/corpus/news-text without a dictionary and printed back with
# "newspack cat".  Usage: tools/gen_dict.sh [BUILD_DIR]
set -eu
cd "$(dirname "$0")/.."
build=${1:-build}
corpus=../shared/corpus/news-text
[ -d "$corpus" ] || { echo "gen_dict.sh: $corpus not found" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/newspack" build -q --dict none --level 0 -o "$tmp/train.nwsb" "$corpus"
mkdir "$tmp/text"
n=$("$build/newspack" ls "$tmp/train.nwsb" | wc -l)
for i in $(seq 1 "$n"); do
    "$build/newspack" cat "$tmp/train.nwsb" "$i" > "$tmp/text/$(printf %05d "$i").txt"
done
python3 tools/gen_dict.py --c src/bundle/nwsb_dict_news.c "$tmp/text"
echo "gen_dict.sh: wrote src/bundle/nwsb_dict_news.c; rebuild, and re-pack old bundles"
