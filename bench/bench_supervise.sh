#!/bin/bash
# Benchmarks of supervision and neighbours on the local provider (Linux, root). Prints figures
# of one run; not a test. Run it against the previous binary too for before/after.
# Usage: bench/bench_supervise.sh [path/to/jrun]   (default: build/release/jrun)
#  (a) a healthcheck that fails for 10 cycles (retries = 1, cycle 2 s): restarts of its service
#      (every failed check should restart it: 10; `restart.max` is set out of the way)
#  (b) a jail rolled back (snapshot) and (c) one destroyed and made again: time from the end of
#      the command until another jail's first successful HTTP request to it (python3 urllib,
#      1 s timeout, retried every 0.1 s)
# Uses its own JRUN_HOME, bridge jrv2 and subnet 10.231.93.0/24; purges on exit.
set -euo pipefail

JRUN=$(realpath "${1:-build/release/jrun}")
[ "$(id -u)" = 0 ] || { echo "bench_supervise.sh: needs root" >&2; exit 1; }
[ -x "$JRUN" ] || { echo "bench_supervise.sh: no jrun binary at $JRUN" >&2; exit 1; }

WORK=$(mktemp -d /tmp/jrun-bench-supervise-XXXXXX)
export JRUN_HOME=$WORK/home JRUN_PROVIDER=local JRUN_BRIDGE=jrv2 JRUN_SUBNET=10.231.93.0/24
export JRUN_MONIT_CYCLE=2s NO_COLOR=1
cleanup() {
  "$JRUN" purge --yes >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

now() { date +%s.%N; }
runs() { "$JRUN" cmd h sh -c 'wc -l < /tmp/runs' 2>/dev/null || echo 0; }

# (a)
cat > "$WORK/health.ucl" <<'UCL'
jail "h" {
  exec {
    s {
      cmd = "echo run >> /tmp/runs; exec sleep 1000000";
      healthcheck { test = "false"; interval = 2s; timeout = 1s; retries = 1; }
      restart { max = 1000; within = 1h; }
    }
  }
}
UCL
"$JRUN" up "$WORK/health.ucl" >/dev/null
start=$(runs)
sleep 20  # 10 cycles
restarts=$(( $(runs) - start ))
"$JRUN" down --yes >/dev/null

# (b), (c)
cat > "$WORK/pair.ucl" <<'UCL'
jail "a" { exec { idle { cmd = "exec sleep 1000000"; } } }
jail "b" {
  exec { web { cmd = "mkdir -p /srv && cd /srv && echo b > index.html && exec python3 -m http.server 8080"; } }
}
UCL
reach() {  # seconds until a gets b's page (gives up after 90 s)
  local t0 t
  t0=$(now)
  for _ in $(seq 900); do
    if [ "$("$JRUN" cmd a python3 -c "import urllib.request;print(urllib.request.urlopen('http://b:8080/index.html', timeout=1).read().decode().strip())" 2>/dev/null)" = b ]; then
      break
    fi
    sleep 0.1
  done
  t=$(now)
  echo "$t - $t0" | bc -l
}
"$JRUN" up "$WORK/pair.ucl" >/dev/null
reach >/dev/null
"$JRUN" snapshot create b s >/dev/null
"$JRUN" snapshot rollback b s --yes >/dev/null
rollback=$(reach)
"$JRUN" down b --yes >/dev/null
"$JRUN" up "$WORK/pair.ucl" >/dev/null
recreate=$(reach)

printf 'jrun supervision benchmarks (%s, %s CPUs, load %s)\n' "$(uname -r)" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '(a) failing healthcheck, 10 cycles:        %d restarts (every failed check restarts it: at least 10; monit checks again at once after a restart)\n' "$restarts"
printf '(b) rollback -> first request from a jail: %.2f s (aim < 1 s after the service is up)\n' "$rollback"
printf '(c) recreate -> first request from a jail: %.2f s\n' "$recreate"
