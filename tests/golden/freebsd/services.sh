#!/bin/sh
# shellcheck disable=SC2016,SC1003,SC2034
# jrun freebsd driver: services of jail 'web'
# Manual pages: jls(8), jexec(8), monit(1)
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
jls -j "$N" jid >/dev/null 2>&1 || die "jail $NAME is not running"
jexec -l "$N" /usr/local/bin/monit -c /usr/local/etc/monitrc status 2>/dev/null || true
