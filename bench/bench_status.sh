#!/bin/bash
# Benchmarks of `jrun status` on the local provider (Linux, root). Prints figures and ratios of
# one run; not a test. Usage: bench/bench_status.sh [path/to/jrun]   (default: build/dev/jrun)
#  (a) `jrun status` (no services: one probe) with 20 jails, mean of 20 runs
#  (b) `jrun status --show all` and `--json` (services of all 20 jails), mean of 20 runs each;
#      ratio to (a): the cost of asking 20 monits, still one round trip
#  (c) CPU of `jrun status JAIL --live` over 60 s (jrun and the children it waits for), as %
#      of one core
# Uses its own JRUN_HOME, bridge jru2 and subnet 10.231.42.0/24; purges on exit.
set -euo pipefail

JRUN=$(realpath "${1:-build/dev/jrun}")
[ "$(id -u)" = 0 ] || { echo "bench_status.sh: needs root" >&2; exit 1; }
[ -x "$JRUN" ] || { echo "bench_status.sh: no jrun binary at $JRUN" >&2; exit 1; }
LIVE_SECONDS=${LIVE_SECONDS:-60}

WORK=$(mktemp -d /tmp/jrun-bench-status-XXXXXX)
export JRUN_HOME=$WORK/home JRUN_PROVIDER=local JRUN_BRIDGE=jru2 JRUN_SUBNET=10.231.42.0/24
export JRUN_MONIT_CYCLE=2s NO_COLOR=1
cleanup() {
  "$JRUN" purge --yes >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

now() { date +%s.%N; }
mean_of() {  # mean_of RUNS ARGS...: mean seconds of RUNS `jrun ARGS`
  local runs=$1 t
  shift
  t=$(now)
  for _ in $(seq "$runs"); do "$JRUN" "$@" >/dev/null; done
  echo "($(now) - $t) / $runs" | bc -l
}

for i in $(seq -w 1 20); do
  echo "jail \"j$i\" { exec { idle { cmd = \"sleep 1000000\"; } } }"
done > "$WORK/twenty.ucl"
"$JRUN" up "$WORK/twenty.ucl" >/dev/null
sleep 3  # monit has sampled every service once

"$JRUN" status >/dev/null  # warm the page cache
plain=$(mean_of 20 status)
all=$(mean_of 20 status --show all)
json=$(mean_of 20 status --json)

# (c) live monitor without a terminal prints one frame per sample; CPU from /proc/PID/stat:
# utime+stime of jrun plus cutime+cstime of the children it has waited for.
"$JRUN" status j01 --live >/dev/null &
live=$!
sleep "$LIVE_SECONDS"
read -r -a stat < "/proc/$live/stat"
kill -INT "$live"
wait "$live" 2>/dev/null || true
ticks=$((stat[13] + stat[14] + stat[15] + stat[16]))
hz=$(getconf CLK_TCK)
cpu=$(echo "100 * $ticks / $hz / $LIVE_SECONDS" | bc -l)

printf 'jrun status benchmarks (%s, %s CPUs)\n' "$(uname -r)" "$(nproc)"
printf '(a) status, 20 jails:              %.1f ms (mean of 20; aim < 100 ms)\n' "$(echo "$plain * 1000" | bc -l)"
printf '(b) status --show all, 20 jails:   %.1f ms (%.2fx of (a))\n' "$(echo "$all * 1000" | bc -l)" "$(echo "$all / $plain" | bc -l)"
printf '    status --json, 20 jails:       %.1f ms (%.2fx of (a))\n' "$(echo "$json * 1000" | bc -l)" "$(echo "$json / $plain" | bc -l)"
printf '(c) status --live CPU over %ss:    %.2f %% of one core (aim < 2 %%)\n' "$LIVE_SECONDS" "$cpu"
