#!/bin/sh
# shellcheck disable=SC2016,SC1003,SC2034
# jrun freebsd driver: create snapshot of jail 'web'
# Manual pages: zfs(8), zfs-snapshot(8), zfs-rollback(8), zfs-list(8), zfsprops(7), jail(8), jls(8), realpath(1)
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
if zfs list -H -o name -t snapshot "$DS@$S" >/dev/null 2>&1; then
  die "snapshot '$S' of '$NAME' already exists"
fi
zfs snapshot -r "$DS@$S"
