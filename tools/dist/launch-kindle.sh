#!/bin/sh
# Start newsreader on a Kindle from KUAL: the Kindle UI (awesome, cvm) is
# paused while we hold the screen and resumed afterwards; the reader puts
# its screen back when it ends.  Reads the newest bundle in
# /mnt/us/news/ unless given one.
cd "$(dirname "$0")" || exit 1
bundle=${1:-$(ls -t /mnt/us/news/*.nwsb 2>/dev/null | head -n 1)}
[ -n "$bundle" ] || { echo "newsreader: no bundle in /mnt/us/news" >&2; exit 1; }
pids=$(pidof awesome cvm 2>/dev/null)
[ -n "$pids" ] && kill -STOP $pids
./newsreader --board kindle-paperwhite-4 "$bundle" 2>>/mnt/us/newsreader.log
rc=$?
[ -n "$pids" ] && kill -CONT $pids
exit $rc
