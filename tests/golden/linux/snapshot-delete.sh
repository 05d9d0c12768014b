#!/bin/sh
# shellcheck disable=SC2016
# jrun linux driver: delete snapshot of jail 'web'
set -eu
umask 022
die() { printf 'jrun: %s\n' "$*" >&2; exit 1; }
DATA=/var/lib/jrun/linux
N=web
D="$DATA/jails/$N"
S=before-upgrade
SD="$D/snapshots/$S"
if [ ! -d "$SD/upper" ] || [ ! -f "$SD/order" ]; then die "snapshot '$S' not found for '$N'"; fi
rm -rf "$SD"
echo "jrun: snapshot '$S' of jail '$N' deleted"
