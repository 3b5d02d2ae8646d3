# lib.sh -- shared by the command-line test scripts: set-up, counters,
# checks and the closing "N passed, N failed" line.  Sourced from the
# repository root; the script's first argument is the build directory.
BUILD=${1:-build}
NP="$PWD/$BUILD/newspack"
CORPUS=../shared/corpus
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1${2:+: $2}"; }
check() { # name, command...: passes when the command succeeds
    local name=$1
    shift
    if "$@" >"$T/out" 2>"$T/err"; then ok "$name"; else bad "$name" "$(head -c 400 "$T/err")"; fi
}
status_is() { # name, want, command...: crashes show as exit >= 128
    local name=$1 want=$2
    shift 2
    "$@" >"$T/out" 2>"$T/err"
    local got=$?
    if [ "$got" -eq "$want" ]; then ok "$name"; else bad "$name" "exit $got, want $want; $(head -c 300 "$T/err")"; fi
}
summary() {
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}
