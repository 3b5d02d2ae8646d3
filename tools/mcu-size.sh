#!/usr/bin/env bash
# make BOARD=<mcu board> size: the firmware's flash and RAM by section,
# fonts and bundle apart from code, and the RAM the firmware carves at
# start (board arena, bundle reader, framebuffer, panel buffer).
# Usage: tools/mcu-size.sh BOARD BUILD CROSS_COMPILE
set -eu
board=$1 build=$2 cross=$3
elf=$build/firmware.elf
make --no-print-directory -s BOARD= CROSS_COMPILE= BUILD=build build/native2pgm
sec() { "${cross}size" -A "$elf" | awk -v s="$1" '$1 == s { print $2 }'; }
sym() { echo $((16#$("${cross}nm" "$elf" | awk -v s="$1" '$3 == s { print $1 }'))); }
text=$(sec .text)
blobs=$(($(sym nws_fw_font_bold_italic_end) - $(sym nws_fw_bundle)))
data=$(sec .data)
bss=$(sec .bss)
stack=$(sec .stack)
read -r fb native stride arena bundle window < <(build/native2pgm --sizes "$board")
band=$((stride * 16))
carved=$((bundle + fb + band + arena))
ram_kb=$(sed -n 's/.*\.mcu_ram = \([0-9]*\) \* 1024.*/\1/p' "boards/$board.c")
total=$((data + bss + stack + carved))
code=$((text - blobs))
echo "$board ($elf)"
printf "flash  code and constants %8d B  %4d KiB\n" "$code" $((code / 1024))
printf "       fonts and bundle   %8d B  %4d KiB  (read in place)\n" "$blobs" $((blobs / 1024))
printf "RAM    .data + .bss       %8d B\n" $((data + bss))
printf "       stack              %8d B\n" "$stack"
printf "       board arena        %8d B  (FreeType, glyph cache, layout)\n" "$arena"
printf "       bundle reader      %8d B  (inflate state and the %d KiB window)\n" "$bundle" $((window / 1024))
printf "       framebuffer        %8d B\n" "$fb"
printf "       panel rows (band)  %8d B  (16 native rows at a time; the whole image would be %d)\n" "$band" "$native"
printf "       total              %8d B  %4d KiB  (the board allows %d KiB)\n" "$total" $((total / 1024)) "$ram_kb"
if "${cross}nm" "$elf" | grep -qwE 'malloc|_malloc_r|_sbrk|calloc|realloc'; then
    echo "malloc: linked in (it must not be)"
    exit 1
fi
echo "malloc: not in the image"
