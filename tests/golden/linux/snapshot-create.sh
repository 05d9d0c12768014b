#!/bin/sh
# shellcheck disable=SC2016
# jrun linux driver: create snapshot of jail 'web'
set -eu
umask 022
die() { printf 'jrun: %s\n' "$*" >&2; exit 1; }
DATA=/var/lib/jrun/linux
N=web
CGP=jrun
D="$DATA/jails/$N"
S=before-upgrade
SD="$D/snapshots/$S"
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
jrun_freeze() {
  if jrun_cgroup_v2; then
    FZ="$CGR/$CGP/$N"
    [ -e "$FZ/cgroup.freeze" ] || die "cannot freeze jail '$N': no $FZ/cgroup.freeze"
    echo 1 > "$FZ/cgroup.freeze"
    i=0
    until grep -qx 'frozen 1' "$FZ/cgroup.events"; do
      i=$((i + 1))
      if [ "$i" -ge 500 ]; then jrun_thaw; die "jail '$N' did not freeze"; fi
      sleep 0.01
    done
  else
    [ -d "$CGR/freezer" ] || die "cannot freeze jail '$N': the cgroup v1 freezer is not mounted"
    FZ="$CGR/freezer/$CGP/$N"
    mkdir -p "$FZ"
    echo FROZEN > "$FZ/freezer.state"
    procs=$(head -n 1 "$D/cgroups")
    i=0
    while :; do
      moved=0
      while read -r p; do
        if ! grep -qx "$p" "$FZ/cgroup.procs"; then
          echo "$p" > "$FZ/cgroup.procs" 2>/dev/null || true
          moved=1
        fi
      done < "$procs"
      [ "$moved" = 1 ] || break
      i=$((i + 1))
      if [ "$i" -ge 50 ]; then jrun_thaw; die "jail '$N' did not freeze"; fi
    done
  fi
}
jrun_thaw() {
  if jrun_cgroup_v2; then
    echo 0 > "$CGR/$CGP/$N/cgroup.freeze" 2>/dev/null || true
  elif [ -d "$CGR/freezer/$CGP/$N" ]; then
    FZ="$CGR/freezer/$CGP/$N"
    echo THAWED > "$FZ/freezer.state"
    while read -r p; do
      echo "$p" > "$CGR/freezer/cgroup.procs" 2>/dev/null || true
    done < "$FZ/cgroup.procs"
    rmdir "$FZ" 2>/dev/null || true
  fi
}
[ -d "$D/upper" ] || die "jail '$N' does not exist"
[ ! -e "$SD" ] || die "snapshot '$S' of '$N' already exists"
mkdir -p "$D/snapshots"
rm -rf "$SD.tmp"
mkdir "$SD.tmp"
jrun_init_pid
if [ -n "$pid" ]; then jrun_freeze; fi
sync -f "$D/upper" 2>/dev/null || sync
if ! cp -a --reflink=auto "$D/upper" "$SD.tmp/upper"; then
  if [ -n "$pid" ]; then jrun_thaw; fi
  rm -rf "$SD.tmp"
  die "cannot copy the writes of jail '$N'"
fi
if [ -n "$pid" ]; then jrun_thaw; fi
date +%s > "$SD.tmp/created"
date +%s%N > "$SD.tmp/order"
mv "$SD.tmp" "$SD"
echo "jrun: snapshot '$S' of jail '$N' created"
