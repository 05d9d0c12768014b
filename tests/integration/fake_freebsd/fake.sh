#!/bin/sh
# A fake FreeBSD guest for the freebsd driver's integration test. Linked under the name of every
# FreeBSD command the driver calls (jail, jexec, jls, zfs, pfctl, ifconfig, sysrc, service, ...);
# appends "<command> <args>" to $JRUN_FAKE_STATE/log, keeps just enough state (datasets, running
# jails, monit) in $JRUN_FAKE_STATE to answer the probes as FreeBSD would, and creates dataset
# mountpoints under $JRUN_HOST_ROOT. Not a FreeBSD: it checks the calls, not their effects.
set -eu
S=$JRUN_FAKE_STATE
R=$JRUN_HOST_ROOT
cmd=${0##*/}
printf '%s\n' "$cmd $*" | sed "s|$R|@ROOT@|g" >>"$S/log"
mkdir -p "$S/jails" "$S/monit"
touch "$S/zfs" "$S/origins" "$S/mounts"
mkdir -p "$S/snaps"

mountpoint() { printf '%s/usr/local/jrun%s\n' "$R" "${1#zroot/jrun}"; }
has_ds() { grep -qxF "$1" "$S/zfs"; }
add_ds() { has_ds "$1" || printf '%s\n' "$1" >>"$S/zfs"; }
# origins: "<clone> <origin snapshot>" per line; a snapshot's files: $S/snaps/<name with / as _>
origin_of() { awk -v d="$1" '$1 == d { print $2 }' "$S/origins"; }
clones_of() { awk -v o="$1" '$2 == o { printf "%s%s", c ? "," : "", $1; c = 1 } END { if (!c) printf "-"; print "" }' "$S/origins"; }
snapdir() { printf '%s/snaps/%s\n' "$S" "$(printf '%s' "$1" | tr '/' '_')"; }

fake_zfs() {
  sub=$1
  shift
  case $sub in
  list)
    last=""
    snap=0
    depth=0
    for a in "$@"; do
      case $a in snapshot) snap=1 ;; -d) depth=1 ;; esac
      last=$a
    done
    if [ "$snap" = 1 ] && [ "${last#*@}" = "$last" ]; then
      case " $* " in *" -r "*) pattern="^$last(/[^@]*)?@" ;; *) pattern="^$last@" ;; esac
      case " $* " in
      *" name,used,creation "*)
        grep -E "$pattern" "$S/zfs" | while read -r s; do printf '%s\t4096\t1764300000\n' "$s"; done
        ;;
      *) grep -E "$pattern" "$S/zfs" || true ;;
      esac
      return 0
    fi
    if [ "$depth" = 1 ]; then
      grep -E "^$last(/[^/@]+)?$" "$S/zfs" | while read -r d; do printf '%s\t65536\t1000000\n' "$d"; done
      return 0
    fi
    case $last in "$R"/) echo zroot/ROOT/default; return 0 ;; esac
    has_ds "$last" || { echo "cannot open '$last': dataset does not exist" >&2; return 1; }
    printf '%s\n' "$last"
    ;;
  create)
    ds=""
    for a in "$@"; do ds=$a; done
    add_ds "$ds"
    mkdir -p "$(mountpoint "$ds")"
    ;;
  clone)
    has_ds "$1" || { echo "cannot open '$1'" >&2; return 1; }
    add_ds "$2"
    printf '%s %s\n' "$2" "$1" >>"$S/origins"
    mkdir -p "$(mountpoint "$2")"
    if [ -d "$(snapdir "$1")" ]; then
      cp -R "$(snapdir "$1")/." "$(mountpoint "$2")/"
    else
      cp -R "$(mountpoint "${1%@*}")/." "$(mountpoint "$2")/"
    fi
    ;;
  snapshot)
    for a in "$@"; do ds=$a; done
    has_ds "${ds%@*}" || return 1
    add_ds "$ds"
    rm -rf "$(snapdir "$ds")"
    mkdir -p "$(snapdir "$ds")"
    cp -R "$(mountpoint "${ds%@*}")/." "$(snapdir "$ds")/"
    ;;
  destroy)
    for a in "$@"; do ds=$a; done
    has_ds "$ds" || { echo "could not find any snapshots to destroy" >&2; return 1; }
    for snap in $(grep -E "^$ds(/[^@]*)?@" "$S/zfs" || true) $(case $ds in *@*) echo "$ds" ;; esac); do
      for c in $(clones_of "$snap" | tr ',' ' '); do
        [ "$c" = - ] || { echo "cannot destroy '$snap': snapshot has dependent clones" >&2; return 1; }
      done
    done
    grep -vE "^$ds([/@].*)?$" "$S/zfs" >"$S/zfs.new" || true
    mv "$S/zfs.new" "$S/zfs"
    awk -v d="$ds" '$1 != d' "$S/origins" >"$S/origins.new" && mv "$S/origins.new" "$S/origins"
    ;;
  get)
    case $4 in
    origin) o=$(origin_of "$5"); echo "${o:--}" ;;
    clones) clones_of "$5" ;;
    *) echo - ;;
    esac
    ;;
  promote) fake_promote "$1" ;;
  rollback)
    for a in "$@"; do snap=$a; done
    ds=${snap%@*}
    newer=$(awk -v s="$snap" -v p="$ds@" 'f && index($0, p) == 1 { print } $0 == s { f = 1 }' "$S/zfs")
    for n in $newer; do
      [ "$(clones_of "$n")" = - ] || {
        echo "cannot rollback to '$snap': clones of previous snapshots exist; use '-R' to force deletion of the following clones and dependents: $(clones_of "$n")" >&2
        return 1
      }
    done
    for n in $newer; do grep -vxF "$n" "$S/zfs" >"$S/zfs.new" || true; mv "$S/zfs.new" "$S/zfs"; done
    rm -rf "$(mountpoint "$ds")"
    mkdir -p "$(mountpoint "$ds")"
    cp -R "$(snapdir "$snap")/." "$(mountpoint "$ds")/"
    ;;
  esac
}

# zfs-promote(8): the origin's snapshots up to the origin move to the clone, names must not clash
fake_promote() {
  clone=$1
  o=$(origin_of "$clone")
  base=${o%@*}
  moving=$(awk -v o="$o" -v p="$base@" 'index($0, p) == 1 && !done { print } $0 == o { done = 1 }' "$S/zfs")
  for m in $moving; do
    if has_ds "$clone@${m#*@}"; then
      echo "cannot promote '$clone': conflicting snapshot names" >&2
      return 1
    fi
  done
  for m in $moving; do
    sed "s|^$m\$|$clone@${m#*@}|" "$S/zfs" >"$S/zfs.new" && mv "$S/zfs.new" "$S/zfs"
    sed "s| $m\$| $clone@${m#*@}|" "$S/origins" >"$S/origins.new" && mv "$S/origins.new" "$S/origins"
  done
  old=$(origin_of "$base")
  awk -v c="$clone" -v b="$base" '$1 != c && $1 != b' "$S/origins" >"$S/origins.new"
  [ -z "$old" ] || printf '%s %s\n' "$clone" "$old" >>"$S/origins.new"
  printf '%s %s\n' "$base" "$clone@${o#*@}" >>"$S/origins.new"
  mv "$S/origins.new" "$S/origins"
}

# mount -p as sbin/mount/mount.c putfsent() prints it: a tab after a field shorter than 8, 16
# and 24 characters, else one space.
fsent_field() {
  printf '%s' "$1"
  [ ${#1} -ge 8 ] || printf '\t'
  [ ${#1} -ge 16 ] || printf '\t'
  if [ ${#1} -lt 24 ]; then printf '\t'; else printf ' '; fi
}
fake_mount_p() {
  while IFS=' ' read -r src dst; do
    fsent_field "$src"
    fsent_field "$dst"
    printf 'nullfs\trw\t\t0 0\n'
  done <"$S/mounts"
}

fake_jexec() {
  [ "$1" = -l ] && shift
  j=$1
  shift
  [ -f "$S/jails/$j" ] || { echo "jexec: jail \"$j\" not found" >&2; return 1; }
  root=$(mountpoint "zroot/jrun/jails/${j#jrun-}")
  case "$*" in
  *" status "*) for n in "$@"; do :; done; [ -f "$root/usr/local/etc/monit.d/$n.monitrc" ] ;;
  "service monit status") [ -f "$S/monit/$j" ] ;;
  "service monit start") touch "$S/monit/$j" ;;
  *" status")
    echo "Monit 5.34.0 uptime: 1m"
    for f in "$root"/usr/local/etc/monit.d/*.monitrc; do
      [ -e "$f" ] || continue
      n=${f##*/}
      printf "\nProcess '%s'\n  status                       OK\n" "${n%.monitrc}"
    done
    ;;
  esac
}

fake_jls() {
  case "$*" in
  "-j "*) [ -f "$S/jails/$2" ] && echo 1 ;;
  "--libxo json"*)
    printf '{"__version": "2", "jail-information": {"jail": ['
    sep=""
    for f in "$S"/jails/*; do
      [ -e "$f" ] || continue
      printf '%s{"jid":"1","name":"%s","path":"/"}' "$sep" "${f##*/}"
      sep=","
    done
    printf ']}}\n'
    ;;
  name) for f in "$S"/jails/*; do [ -e "$f" ] && echo "${f##*/}"; done; true ;;
  esac
}

fake_sysrc() {
  file=/etc/rc.conf
  value=0
  while [ $# -gt 0 ]; do
    case $1 in
    -f) file=$2; shift 2; continue ;;
    -n) value=1 ;;
    -x) shift; continue ;;
    *=*)
      mkdir -p "$(dirname "$file")"
      touch "$file"
      key=${1%%=*}
      key=${key%+}
      grep -v "^$key=" "$file" >"$file.new" || true
      printf '%s="%s"\n' "$key" "${1#*=}" >>"$file.new"
      mv "$file.new" "$file"
      ;;
    *) [ "$value" = 1 ] && [ -f "$file" ] && sed -n "s/^$1=\"\(.*\)\"$/\1/p" "$file" ;;
    esac
    shift
  done
  true
}

case $cmd in
zfs) fake_zfs "$@" ;;
jexec) fake_jexec "$@" ;;
jls) fake_jls "$@" ;;
sysrc) fake_sysrc "$@" ;;
jail)
  for j in "$@"; do :; done
  fstab=$(sed -n 's/^  mount.fstab = "\(.*\)";$/\1/p' "$2" 2>/dev/null || true)
  case "$*" in
  *" -c "*)
    if [ -n "$fstab" ] && [ -f "$R$fstab" ]; then
      grep -v '^#' "$R$fstab" | while read -r src dst _; do
        [ -d "$R$dst" ] || { echo "jail: $j: mount.fstab: $dst: No such file or directory" >&2; exit 1; }
        grep -qxF "$src $R$dst" "$S/mounts" || printf '%s %s\n' "$src" "$R$dst" >>"$S/mounts"
      done
    fi
    touch "$S/jails/$j"
    ;;
  *" -r "*)
    if [ -n "$fstab" ] && [ -f "$R$fstab" ]; then
      grep -v '^#' "$R$fstab" | while read -r src dst _; do
        grep -vxF "$src $R$dst" "$S/mounts" >"$S/mounts.new" || true
        mv "$S/mounts.new" "$S/mounts"
      done
    fi
    rm -f "$S/jails/$j" "$S/monit/$j"
    ;;
  esac
  ;;
ifconfig)
  case "$*" in
  *create) touch "$S/bridge" ;;
  bridge0) [ -f "$S/bridge" ] ;;
  esac
  ;;
sysctl)
  case "$*" in
  "-n kern.racct.enable") cat "$S/racct" 2>/dev/null || echo 1 ;;
  "-n hw.machine") echo amd64 ;;
  "-n hw.machine_arch") echo amd64 ;;
  "-n kern.boottime"*) printf '{ sec = 1764300000, usec = 0 }\n{ 0.10 0.05 0.01 }\n2\n4261412864\n' ;;
  esac
  ;;
pfctl) case "$*" in "-s info") echo "Status: Enabled for 0 days" ;; esac ;;
service)
  case "$*" in
  "local_unbound status") [ -f "$S/unbound" ] ;;
  "local_unbound start") touch "$S/unbound" ;;
  esac
  ;;
fetch)
  mkdir -p "$(dirname "$2")"
  case $3 in
  */MANIFEST) printf 'base.txz\t%s\t26\tbase\t"Base system"\ton\n' \
    "$(printf 'fake base\n' | sha256sum | cut -d' ' -f1)" >"$2" ;;
  *) printf 'fake base\n' >"$2" ;;
  esac
  ;;
sha256) sha256sum "$2" | cut -d' ' -f1 ;;
tar)
  mkdir -p "$4/etc" "$4/root" "$4/usr/local/etc" "$4/var/run"
  touch "$4/COPYRIGHT"
  ;;
mount) [ "$*" != -p ] || fake_mount_p ;;
mount_nullfs)
  [ ! -f "$S/fail-mount" ] || { echo "mount_nullfs: $1: Operation not permitted" >&2; exit 1; }
  printf '%s %s\n' "$1" "$2" >>"$S/mounts"
  ;;
umount)
  [ ! -f "$S/busy" ] || { echo "umount: unmount of $1 failed: Device busy" >&2; exit 1; }
  awk -v d="$1" '{ i = index($0, " "); if (substr($0, i + 1) != d) print }' "$S/mounts" >"$S/mounts.new"
  mv "$S/mounts.new" "$S/mounts"
  ;;
route)
  [ ! -f "$S/no-route" ] || { echo "route: route has not been found" >&2; exit 1; }
  printf '   route to: default\ndestination: default\n       mask: default\n    gateway: 192.0.2.1\n'
  printf '        fib: 0\n  interface: %s\n      flags: <UP,GATEWAY,DONE,STATIC>\n' \
    "$(cat "$S/uplink" 2>/dev/null || echo em0)"
  ;;
zpool) echo zroot ;;
pkg) case "$*" in *" rquery "*) echo py311-ansible-core ;; esac ;;
esac
