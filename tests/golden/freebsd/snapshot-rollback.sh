#!/bin/sh
# shellcheck disable=SC2016,SC1003,SC2034
# jrun freebsd driver: roll back of jail 'web'
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
zfs list -H -o name -t snapshot "$DS@$S" >/dev/null 2>&1 ||
  die "snapshot '$S' not found for '$NAME'"
clones=''
newer=0
for snap in $(zfs list -H -o name -t snapshot -s createtxg -d 1 "$DS"); do
  if [ "$newer" = 1 ]; then
    for c in $(zfs get -H -o value clones "$snap" | tr ',' ' '); do
      [ "$c" = - ] || clones="$clones ${c##*/}"
    done
  fi
  [ "$snap" != "$DS@$S" ] || newer=1
done
if [ -n "$clones" ]; then
  die "cannot roll $NAME back to '$S': jail(s)$clones are clones of newer snapshots, which the rollback would destroy (zfs rollback -R); nothing was changed"
fi
running=0
if jls -j "$N" jid >/dev/null 2>&1; then
  running=1
  jail -f "$JC" -r "$N" || die "cannot stop jail $NAME"
fi
rolled=0
zfs rollback -r "$DS@$S" && rolled=1
if [ -d "$C/mounts.d" ]; then
  for f in "$C"/mounts.d/*; do
    [ -e "$f" ] || continue
    t=$(cat "$f")
    mkdir -p "$J$t"
    case "$(realpath "$J$t")" in "$(realpath "$J")"/*) ;; *) die "mount point $t leaves jail $NAME" ;; esac
  done
fi
if [ "$running" = 1 ]; then
  jail -f "$JC" -c "$N"
  jls -j "$N" jid >/dev/null || die "jail $NAME did not start again"
fi
[ "$rolled" = 1 ] || die "zfs rollback of $NAME to '$S' failed; nothing was rolled back"
