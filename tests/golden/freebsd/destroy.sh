#!/bin/sh
# shellcheck disable=SC2016,SC1003,SC2034
# jrun freebsd driver: destroy jail 'web'
# Manual pages: zfs(8), zfs-clone(8), sysrc(8), jail(8), jail.conf(5), jls(8), jexec(8), rctl(8), mount_nullfs(8), umount(8), realpath(1), monit(1), service(8)
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
# jls(8), jexec(8), jail(8), umount(8), rctl(8), zfs(8)
if jls -j "$N" jid >/dev/null 2>&1; then
  jexec -l "$N" /usr/local/bin/monit -c /usr/local/etc/monitrc stop all >/dev/null 2>&1 || true
  if [ -f "$JC" ]; then jail -f "$JC" -r "$N" || die "cannot stop jail $NAME"; else jail -r "$N"; fi
fi
if [ -d "$C/mounts.d" ]; then
  for f in "$C"/mounts.d/*; do
    [ -e "$f" ] || continue
    umount "$J$(cat "$f")" 2>/dev/null || true
  done
fi
rctl -r "jail:$N" 2>/dev/null || true
if zfs list -H -o name "$DS" >/dev/null 2>&1; then
  origin=$(zfs get -H -o value origin "$DS")
  promoted=''
  # zfs-promote(8): the snapshots up to a clone's origin move to the clone and must not share a
  # name with its own; those without clones go first (destroyed with the jail anyway).
  for snap in $(zfs list -H -o name -t snapshot -d 1 "$DS"); do
    [ "$(zfs get -H -o value clones "$snap")" != - ] || zfs destroy "$snap"
  done
  for snap in $(zfs list -H -o name -t snapshot -d 1 "$DS"); do
    for clone in $(zfs get -H -o value clones "$snap" | tr ',' ' '); do
      [ "$clone" = - ] || { zfs promote "$clone" && promoted="$promoted $clone"; }
    done
  done
  zfs destroy -r "$DS"
  # the promoted clones' origins came along: nothing depends on them any more
  for clone in $promoted; do zfs destroy "$clone@jrun-clone-${clone##*/}" 2>/dev/null || true; done
  case "$origin" in *"@jrun-clone-$NAME") zfs destroy "$origin" 2>/dev/null || true ;; esac
fi
rm -f "$R/etc/jail.conf.d/$NAME.conf"
rm -rf "$C" "$J"
