#!/bin/sh
# shellcheck disable=SC2016
# jrun linux driver: status of every jail
set -eu
umask 022
die() { printf 'jrun: %s\n' "$*" >&2; exit 1; }
DATA=/var/lib/jrun/linux
N=''
D="$DATA/jails/$N"
jrun_alive() {
  [ -e "/proc/$1" ] || return 1
  st=
  { read -r st < "/proc/$1/stat"; } 2>/dev/null || :
  st=${st##*) }
  [ "${st%% *}" != Z ]
}
jrun_is_init() {
  case $1 in '' | *[!0-9]*) return 1 ;; esac
  c=
  { IFS= read -r c < "/proc/$1/cmdline"; } 2>/dev/null || :
  case $c in "/usr/bin/tini-s--/usr/bin/monit-I"*) return 0 ;; esac
  c=$( { tr '\0' ' ' < "/proc/$1/cmdline"; } 2>/dev/null) || return 1
  case $c in "/usr/bin/tini -s -- /usr/bin/monit -I"*) return 0 ;; esac
  return 1
}
jrun_init_pid() {
  pid=
  if [ -s "$D/pid" ]; then { read -r pid < "$D/pid"; } 2>/dev/null || :; fi
  if ! jrun_is_init "$pid"; then pid=; fi
}
jrun_mounts_under() {
  JRUN_UNDER=$1 awk '{ u = ENVIRON["JRUN_UNDER"]; if ($5 == u || index($5, u "/") == 1) print $5 }' \
    /proc/self/mountinfo
}
JRUN_STATUS_SH='monit -c /etc/monit/monitrc status
for f in /run/jrun/*.starts; do
  [ -f "$f" ] || continue
  b=${f##*/}
  n=0
  while read -r _; do n=$((n + 1)); done <"$f"
  printf '\''jrun-starts %s %s\n'\'' "${b%.starts}" "$n"
done
# when each service'\''s process started (field 22 of /proc/PID/stat, in USER_HZ ticks since boot)
# and the uptime of the machine: monit rounds its uptime to minutes
read -r up _ </proc/uptime && printf '\''jrun-uptime %s\n'\'' "${up%.*}"
for f in /run/jrun/*.pid; do
  [ -f "$f" ] || continue
  b=${f##*/}
  read -r p <"$f" || continue
  read -r st <"/proc/$p/stat" 2>/dev/null || continue
  # shellcheck disable=SC2086
  set -- ${st##*'\'') '\''}
  [ "$#" -ge 20 ] || continue
  shift 19
  printf '\''jrun-started %s %s\n'\'' "${b%.pid}" "$1"
done
for f in /run/jrun/*.gaveup; do
  [ -f "$f" ] || continue
  b=${f##*/}
  read -r g <"$f" || true
  printf '\''jrun-gaveup %s %s\n'\'' "${b%.gaveup}" "$g"
done
'
for d in "$DATA/jails"/*; do
  if [ ! -d "$d" ]; then continue; fi
  D=$d
  jrun_init_pid
  if [ -n "$pid" ]; then run=1; else run=0; fi
  printf 'jail %s %s\n' "${d##*/}" "$run"
done
# the host's own figures (KiB) for the VM header: df(1) and /proc/meminfo, no other fork
df -Pk / 2>/dev/null | { read -r _ && read -r _ t _ f _ && printf 'jrun-figures disk %s %s\n' "$t" "$f"; } || true
mt=0 ma=0
while read -r k v _; do
  case $k in MemTotal:) mt=$v ;; MemAvailable:) ma=$v ;; esac
done </proc/meminfo || true
printf 'jrun-figures mem %s %s\n' "$mt" "$ma"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
(
  D="$DATA/jails"/web
  jrun_init_pid
  if [ -n "$pid" ]; then
    printf '%s\n' 'jrun-services web'
    nsenter -t "$pid" -a -- /usr/bin/env -i HOME=/root LANG=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin /bin/sh -c "$JRUN_STATUS_SH" 2>/dev/null
    printf 'jrun-services-end\n'
  fi
) >"$T/100000" &
(
  D="$DATA/jails"/db
  jrun_init_pid
  if [ -n "$pid" ]; then
    printf '%s\n' 'jrun-services db'
    nsenter -t "$pid" -a -- /usr/bin/env -i HOME=/root LANG=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin /bin/sh -c "$JRUN_STATUS_SH" 2>/dev/null
    printf 'jrun-services-end\n'
  fi
) >"$T/100001" &
wait
cat "$T"/*
