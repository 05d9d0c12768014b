#!/bin/sh
# shellcheck disable=SC2016,SC1003,SC2034
# jrun freebsd driver: roll back of jail 'web'
# Manual pages: zfs(8), zfs-snapshot(8), zfs-rollback(8), jail(8), jls(8)
set -eu
umask 022
die() { printf 'jrun: %s\n' "$*" >&2; exit 1; }
R=''
NAME=web
N=jrun-web
DS=zroot/jrun/jails/web
J="$R"/usr/local/jrun/jails/web
C="$R"/var/db/jrun/jails/web
JC="$C/jail.conf"
S=before-upgrade
zfs list -H -o name "$DS" >/dev/null 2>&1 || die "jail $NAME does not exist"
zfs list -H -o name -t snapshot "$DS@$S" >/dev/null 2>&1 ||
  die "snapshot '$S' not found for '$NAME'"
running=0
if jls -j "$N" jid >/dev/null 2>&1; then
  running=1
  jail -f "$JC" -r "$N" || die "cannot stop jail $NAME"
fi
zfs rollback -r "$DS@$S"
if [ "$running" = 1 ]; then
  jail -f "$JC" -c "$N"
  jls -j "$N" jid >/dev/null || die "jail $NAME did not start again"
fi
