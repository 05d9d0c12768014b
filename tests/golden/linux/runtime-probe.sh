#!/bin/sh
# shellcheck disable=SC2016
# jrun linux driver: probe jails
set -eu
umask 022
die() { printf 'jrun: %s\n' "$*" >&2; exit 1; }
DATA=/var/lib/jrun/linux
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
for d in "$DATA/jails"/*; do
  if [ ! -d "$d" ]; then continue; fi
  D=$d
  jrun_init_pid
  if [ -n "$pid" ]; then run=1; else run=0; fi
  a=
  if [ -f "$d/address" ]; then { read -r a < "$d/address"; } 2>/dev/null || :; fi
  printf 'jail %s %s %s\n' "${d##*/}" "$run" "$a"
done
