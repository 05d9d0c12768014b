#!/bin/sh
# shellcheck disable=SC2016,SC1003,SC2034
# jrun freebsd driver: facts of this FreeBSD host: uplink, ZFS pools, resolvers
# Manual pages: route(8), zfs-list(8), zpool-list(8), resolv.conf(5)
set -eu
umask 022
die() { printf 'jrun: %s\n' "$*" >&2; exit 1; }
R=''
printf 'uplink %s\n' "$(route -n get default 2>/dev/null | awk '$1 == "interface:" { print $2 }')"
printf 'rootds %s\n' "$(zfs list -H -o name "$R/" 2>/dev/null || true)"
for p in $(zpool list -H -o name 2>/dev/null || true); do printf 'pool %s\n' "$p"; done
if [ -f "$R/etc/resolv.conf" ]; then
  awk '$1 == "nameserver" { print "dns", $2 }' "$R/etc/resolv.conf"
fi
