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
touch "$S/zfs"

mountpoint() { printf '%s/usr/local/jrun%s\n' "$R" "${1#zroot/jrun}"; }
has_ds() { grep -qxF "$1" "$S/zfs"; }
add_ds() { has_ds "$1" || printf '%s\n' "$1" >>"$S/zfs"; }

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
    mkdir -p "$(mountpoint "$2")"
    cp -R "$(mountpoint "${1%@*}")/." "$(mountpoint "$2")/"
    ;;
  snapshot)
    for a in "$@"; do ds=$a; done
    has_ds "${ds%@*}" || return 1
    add_ds "$ds"
    ;;
  destroy)
    for a in "$@"; do ds=$a; done
    has_ds "$ds" || { echo "could not find any snapshots to destroy" >&2; return 1; }
    grep -vE "^$ds([/@].*)?$" "$S/zfs" >"$S/zfs.new" || true
    mv "$S/zfs.new" "$S/zfs"
    ;;
  get) echo - ;;
  esac
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
      printf '%s{"jid":1,"name":"%s","path":"/"}' "$sep" "${f##*/}"
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
  case "$*" in
  *" -c "*) for j in "$@"; do :; done; touch "$S/jails/$j" ;;
  *" -r "*) for j in "$@"; do :; done; rm -f "$S/jails/$j" "$S/monit/$j" ;;
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
mount) ;;
esac
