#!/bin/sh
# shellcheck disable=SC2016
# jrun linux driver: list snapshots of jail 'web'
set -eu
umask 022
die() { printf 'jrun: %s\n' "$*" >&2; exit 1; }
DATA=/var/lib/jrun/linux
N=web
D="$DATA/jails/$N"
[ -d "$D/upper" ] || die "jail '$N' does not exist"
[ -d "$D/snapshots" ] || exit 0
for s in "$D/snapshots"/*; do
  if [ ! -d "$s/upper" ] || [ ! -f "$s/order" ]; then continue; fi
  used=$(du -s -B1 "$s" | cut -f1)
  printf 'snapshot %s %s %s %s\n' "$(cat "$s/order")" "$(cat "$s/created")" "$used" "${s##*/}"
done
