#!/bin/sh
# Start newsreader on a Kobo from NickelMenu or KFMon: Nickel (the Kobo
# reader) is paused while we hold the screen, and resumed afterwards; the
# reader puts Nickel's screen back when it ends.  Reads the newest bundle in
# /mnt/onboard/news/ unless given one.
cd "$(dirname "$0")" || exit 1
bundle=${1:-$(ls -t /mnt/onboard/news/*.nwsb 2>/dev/null | head -n 1)}
[ -n "$bundle" ] || { echo "newsreader: no bundle in /mnt/onboard/news" >&2; exit 1; }
pids=$(pidof nickel hindenburg sickel 2>/dev/null)
[ -n "$pids" ] && kill -STOP $pids
./newsreader --board kobo-clara-hd "$bundle" 2>>/mnt/onboard/.adds/newsreader/newsreader.log
rc=$?
[ -n "$pids" ] && kill -CONT $pids
exit $rc
