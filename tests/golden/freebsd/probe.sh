#!/bin/sh
# shellcheck disable=SC2016,SC1003,SC2034
# jrun freebsd driver: probe jails, datasets and host facts
# Manual pages: jls(8), libxo(3), zfs(8), sysctl(8), df(1), jexec(8), monit(1)
set -eu
umask 022
die() { printf 'jrun: %s\n' "$*" >&2; exit 1; }
R=''
JDS=zroot/jrun/jails
echo '--- jls'
jls --libxo json jid name path 2>/dev/null || echo '{}'
echo '--- zfs'
zfs list -H -p -o name,used,avail -r -d 1 "$JDS" 2>/dev/null || true
echo '--- host'
sysctl -n kern.boottime vm.loadavg hw.ncpu hw.physmem 2>/dev/null || true
df -k "$R/" 2>/dev/null | tail -n 1 || true
for n in $(jls name 2>/dev/null); do
  case "$n" in jrun-*) ;; *) continue ;; esac
  echo "--- monit ${n#jrun-}"
  jexec -l "$n" /usr/local/bin/monit -c /usr/local/etc/monitrc status 2>/dev/null || true
done
