#!/usr/bin/env bash
# make fuzz: build the reader's libFuzzer target with clang and run it.
# Usage: tools/fuzz.sh CLANG SECONDS BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
cc=${1:-clang}
secs=${2:-60}
build=${3:-build}
dir="$build/fuzz"
if ! command -v "$cc" >/dev/null 2>&1; then
    echo "fuzz: $cc not found (tools/install-deps.sh test installs clang)" >&2
    exit 1
fi
mkdir -p "$dir/corpus" "$dir/crashes"
# shellcheck disable=SC2046
"$cc" -std=c11 -g -O1 -DNWSB_FUZZING -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=all $(pkg-config --cflags zlib) \
    tests/fuzz/fuzz_reader.c src/bundle/nwsb_reader.c src/bundle/nwsb_record.c \
    src/bundle/nwsb_dict_news.c src/text/nws_text.c src/core/utf8.c \
    -o "$dir/fuzz_reader" $(pkg-config --libs zlib)
# The layout target runs the whole device core on each input.
"$cc" -std=c11 -g -O1 -DNWSB_FUZZING -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=all $(pkg-config --cflags zlib freetype2) \
    tests/fuzz/fuzz_layout.c src/bundle/nwsb_reader.c src/bundle/nwsb_record.c \
    src/bundle/nwsb_dict_news.c src/text/nws_text.c src/text/breaks.c src/core/utf8.c \
    src/core/arena.c src/board/board.c boards/*.c src/fb/fb.c src/fb/pack.c src/font/font.c \
    src/layout/items.c src/layout/linebreak.c src/layout/paginate.c src/layout/decorate.c \
    src/layout/book.c src/render/render.c src/render/gamma_table.c \
    -o "$dir/fuzz_layout" $(pkg-config --libs zlib freetype2)
# Seeds: real bundles, small records so several are in each.
make --no-print-directory -s BUILD="$build" all
"$build/newspack" build -q --record-size 256 -o "$dir/corpus/samples.nwsb" docs/samples
"$build/newspack" build -q --dict none -o "$dir/corpus/nodict.nwsb" docs/samples/01-harbour-ferry.txt
echo "fuzz: running $dir/fuzz_reader for ${secs}s"
"$dir/fuzz_reader" -max_total_time="$secs" -print_final_stats=1 -artifact_prefix="$dir/crashes/" \
    -max_len=65536 "$dir/corpus" 2>&1 | tail -n 8
mkdir -p "$dir/corpus-layout"
cp "$dir"/corpus/*.nwsb "$dir/corpus-layout/"
echo "fuzz: running $dir/fuzz_layout for ${secs}s"
"$dir/fuzz_layout" -max_total_time="$secs" -print_final_stats=1 -artifact_prefix="$dir/crashes/" \
    -max_len=65536 -rss_limit_mb=4096 "$dir/corpus-layout" 2>&1 | tail -n 8
