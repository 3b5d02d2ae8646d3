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
# run_target NAME ARGS...: runs one fuzzer, keeps its whole log, shows the
# last lines; on a finding it prints the sanitizer's report (the part a
# short tail would cut off) and fails.
run_target() {
    local name=$1
    shift
    local log="$dir/$name.log"
    echo "fuzz: running $dir/$name for ${secs}s"
    if "$dir/$name" -max_total_time="$secs" -print_final_stats=1 -artifact_prefix="$dir/crashes/" \
        -max_len=65536 "$@" >"$log" 2>&1; then
        tail -n 8 "$log"
    else
        sed -n '/^==[0-9]*==ERROR\|runtime error\|^==[0-9]*== ERROR\|Test unit written/,$p' "$log" | head -n 80
        for f in "$dir"/crashes/*; do
            [ -f "$f" ] || continue
            echo "fuzz: input $f (base64):"
            head -c 4096 "$f" | base64 | head -n 60
        done
        return 1
    fi
}
# shellcheck disable=SC2046
"$cc" -std=c11 -g -O1 -DNWSB_FUZZING -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=all $(pkg-config --cflags zlib) \
    tests/fuzz/fuzz_reader.c src/bundle/nwsb_reader.c src/bundle/nwsb_record.c \
    src/bundle/nwsb_image.c src/bundle/nwsb_dict_news.c src/text/nws_text.c src/core/utf8.c \
    -o "$dir/fuzz_reader" $(pkg-config --libs zlib)
# The layout target runs the whole device core on each input.
"$cc" -std=c11 -g -O1 -DNWSB_FUZZING -fsanitize=fuzzer,address,undefined \
    -fno-sanitize-recover=all $(pkg-config --cflags zlib freetype2) \
    tests/fuzz/fuzz_layout.c src/bundle/nwsb_reader.c src/bundle/nwsb_record.c \
    src/bundle/nwsb_image.c src/bundle/nwsb_dict_news.c src/text/nws_text.c src/text/breaks.c \
    src/text/scripts.c src/core/utf8.c \
    src/core/arena.c src/board/board.c boards/*.c src/fb/fb.c src/fb/pack.c src/font/font.c src/font/kernset.c src/font/raster.c \
    src/layout/items.c src/layout/linebreak.c src/layout/breakmemo.c src/layout/paginate.c \
    src/layout/decorate.c \
    src/layout/book.c src/render/render.c src/render/gamma_table.c src/render/picture.c \
    src/panel/panel.c src/panel/uc8179.c src/panel/ssd16xx.c \
    -o "$dir/fuzz_layout" $(pkg-config --libs zlib freetype2)
# The host's page and feed parsers (libxml2, jansson, iconv underneath).
host_src="src/app/buf.c src/app/diag.c src/host/article.c src/host/dates.c src/host/input.c
    src/host/parse_text.c src/host/parse_markdown.c src/host/entities.c src/host/entities_table.c
    src/host/linebreaks.c src/host/charset.c src/host/html_doc.c src/host/html_blocks.c
    src/host/html_meta.c src/host/readability.c src/host/readability_util.c
    src/host/readability_clean.c src/host/parse_html.c src/host/feed_model.c src/host/feed_xml.c
    src/host/feed_json.c src/host/parse_feed.c src/host/image_load.c src/host/html_images.c
    src/core/utf8.c src/text/nws_text.c src/text/breaks.c"
for target in html feed; do
    # shellcheck disable=SC2046,SC2086
    "$cc" -std=c11 -g -O1 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
        $([ $target = feed ] && echo -DFUZZ_FEED) -fsanitize=fuzzer,address,undefined \
        -fno-sanitize-recover=all $(pkg-config --cflags md4c libxml-2.0 jansson libunibreak libpng libjpeg) \
        tests/fuzz/fuzz_markup.c $host_src -o "$dir/fuzz_$target" \
        $(pkg-config --libs md4c libxml-2.0 jansson libunibreak libpng libjpeg)
done
# Seeds: real bundles, small records so several are in each; one with
# pictures.
make --no-print-directory -s BUILD="$build" all "$build/mkimages"
"$build/mkimages" "$dir"
printf '# Pictures\n\nText.\n\n![a](gray.jpg)\n\nMore text.\n\n![b](photo.png)\n' >"$dir/pictures.md"
"$build/newspack" build -q --image-width 48 -o "$dir/corpus/pictures.nwsb" "$dir/pictures.md"
"$build/newspack" build -q --record-size 256 -o "$dir/corpus/samples.nwsb" docs/samples
"$build/newspack" build -q --dict none -o "$dir/corpus/nodict.nwsb" docs/samples/01-harbour-ferry.txt
"$build/newspack" build -q --window 512 -o "$dir/corpus/window.nwsb" docs/samples
run_target fuzz_reader "$dir/corpus"
mkdir -p "$dir/corpus-layout"
cp "$dir"/corpus/*.nwsb "$dir/corpus-layout/"
run_target fuzz_layout -rss_limit_mb=4096 "$dir/corpus-layout"
# Pages and feeds: seeds from the shared corpus when it is there, else
# from the test inputs written here.
for target in html feed; do
    seeds="$dir/corpus-$target"
    mkdir -p "$seeds"
    if [ $target = html ] && [ -d ../shared/corpus/readability-dev ]; then
        for d in ../shared/corpus/readability-dev/*/; do
            head -c 65536 "$d/source.html" >"$seeds/$(basename "$d").html"
        done
    elif [ $target = feed ] && [ -d ../shared/corpus/feedparser ]; then
        # No `| head` here: with pipefail, find's SIGPIPE would end the run.
        mapfile -t feeds < <(find ../shared/corpus/feedparser -name '*.xml' | sort)
        for f in "${feeds[@]:0:300}"; do
            cp "$f" "$seeds/${f//\//_}"
        done
    fi
    printf '<html><body><article><p>Seed page, with a paragraph.</p></article></body></html>' >"$seeds/min.html"
    printf '<rss version="2.0"><channel><title>t</title><item><title>i</title><description>&lt;p&gt;x&lt;/p&gt;</description></item></channel></rss>' >"$seeds/min.rss"
    printf '{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","content_html":"<p>x</p>"}]}' >"$seeds/min.json"
    run_target "fuzz_$target" -rss_limit_mb=4096 "$seeds"
done
