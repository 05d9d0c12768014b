#!/bin/sh
# shellcheck disable=SC2016
# jrun linux driver: apply mounts, limits, execs to jail 'web'
set -eu
umask 022
die() { printf 'jrun: %s\n' "$*" >&2; exit 1; }
DATA=/var/lib/jrun/linux
N=web
CGP=jrun
S=/run/.jrun-mounts
D="$DATA/jails/$N"
P="$D/propagate"
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
jrun_init_pid
[ -n "$pid" ] || die "jail '$N' is not running"
jrun_mount_add() {
  if [ -f "$D/mounts/$1" ]; then return 0; fi
  [ -d "$2" ] || die "mount source '$2' is not a directory"
  [ -n "$pid" ] || die "jail '$N' is not running"
  mkdir -p "$P/$1" "$D/mounts"
  if ! mountpoint -q "$P/$1"; then mount --bind "$2" "$P/$1"; fi
  nsenter -t "$pid" -a -- /bin/sh -c 'mkdir -p -- "$1" && mount --bind "$2" "$1"' \
    jrun-mount "$3" "$S/$1" || die "cannot mount '$2' at '$3' in jail '$N'"
  printf '%s' "$3" > "$D/mounts/$1"
}
jrun_mount_remove() {
  j=$(cat "$D/mounts/$1")
  if [ -n "$pid" ]; then
    nsenter -t "$pid" -a -- /bin/sh -c 'umount "$1" 2>/dev/null || umount -l "$1" 2>/dev/null' \
      jrun-umount "$j" || true
  fi
  i=0
  while mountpoint -q "$P/$1" && [ "$i" -lt 10 ]; do
    umount "$P/$1" 2>/dev/null || umount -l "$P/$1" || true
    i=$((i + 1))
  done
  rmdir "$P/$1" 2>/dev/null || true
  rm -f "$D/mounts/$1"
}
jrun_mount_prune() {
  for f in "$D/mounts"/*; do
    if [ ! -f "$f" ]; then continue; fi
    k=${f##*/}
    keep=0
    for w in "$@"; do
      if [ "$w" = "$k" ]; then keep=1; fi
    done
    if [ "$keep" = 0 ]; then jrun_mount_remove "$k"; fi
  done
}
jrun_mount_prune 4a6bed713a1a288c
jrun_mount_add 4a6bed713a1a288c /home/me/project /srv/data
CGR=/sys/fs/cgroup
jrun_cgroup_v2() { [ -f "$CGR/cgroup.controllers" ]; }
jrun_cgroup_dirs() {
  if jrun_cgroup_v2; then
    printf '%s\n' "$CGR/$CGP/$N"
  else
    for c in memory cpu pids; do
      if [ -d "$CGR/$c" ]; then printf '%s\n' "$CGR/$c/$CGP/$N"; fi
    done
  fi
}
jrun_cgroup_create() {
  if jrun_cgroup_v2; then
    mkdir -p "$CGR/$CGP"
    for c in cpu memory pids; do
      echo "+$c" > "$CGR/cgroup.subtree_control" 2>/dev/null || true
      echo "+$c" > "$CGR/$CGP/cgroup.subtree_control" 2>/dev/null || true
    done
  fi
  : > "$D/cgroups"
  for g in $(jrun_cgroup_dirs); do
    mkdir -p "$g"
    printf '%s\n' "$g/cgroup.procs" >> "$D/cgroups"
  done
}
# jrun_cgroup_set FILE VALUE: a limit that is not "max" must land; "max" may lack its file.
jrun_cgroup_set() {
  if [ -e "$1" ]; then
    echo "$2" > "$1" || die "cannot set $1 to $2"
  elif [ "$2" != max ] && [ "$2" != -1 ]; then
    die "cgroup file $1 is missing: cannot limit jail '$N' (is the controller enabled?)"
  fi
}
jrun_cgroup_limits() {
  if jrun_cgroup_v2; then
    g="$CGR/$CGP/$N"
    jrun_cgroup_set "$g/cpu.max" "$CPU_QUOTA $CPU_PERIOD"
    jrun_cgroup_set "$g/memory.max" "$MEM_MAX"
    jrun_cgroup_set "$g/pids.max" "$PIDS_MAX"
  else
    q=$CPU_QUOTA; m=$MEM_MAX
    if [ "$q" = max ]; then q=-1; fi
    if [ "$m" = max ]; then m=-1; fi
    jrun_cgroup_set "$CGR/cpu/$CGP/$N/cpu.cfs_period_us" "$CPU_PERIOD"
    jrun_cgroup_set "$CGR/cpu/$CGP/$N/cpu.cfs_quota_us" "$q"
    jrun_cgroup_set "$CGR/memory/$CGP/$N/memory.limit_in_bytes" "$m"
    jrun_cgroup_set "$CGR/pids/$CGP/$N/pids.max" "$PIDS_MAX"
  fi
}
jrun_cgroup_remove() {
  for g in $(jrun_cgroup_dirs); do
    if [ ! -d "$g" ]; then continue; fi
    i=0
    while ! find "$g" -depth -type d -exec rmdir {} + 2>/dev/null; do
      find "$g" -name cgroup.procs -exec cat {} + 2>/dev/null | while read -r p; do
        kill -KILL "$p" 2>/dev/null || true
      done
      i=$((i + 1))
      if [ "$i" -ge 100 ]; then die "cannot remove cgroup $g"; fi
      sleep 0.05
    done
  done
}
CPU_QUOTA=150000
CPU_PERIOD=100000
MEM_MAX=536870912
PIDS_MAX=256
jrun_cgroup_limits
(
echo converge services
)
