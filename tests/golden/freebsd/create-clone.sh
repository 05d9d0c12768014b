#!/bin/sh
# shellcheck disable=SC2016,SC1003,SC2034
# jrun freebsd driver: create jail 'api'
# Manual pages: zfs(8), zfs-clone(8), sysrc(8), jail(8), jail.conf(5), jls(8), jexec(8), rctl(8), mount_nullfs(8), umount(8), realpath(1), monit(1), service(8)
set -eu
umask 022
die() { printf 'jrun: %s\n' "$*" >&2; exit 1; }
R=''
changed=0
jrun_put() {
  if [ -f "$1" ] && [ "$(cat "$1"; echo .)" = "$3." ]; then return 0; fi
  mkdir -p "$(dirname "$1")"
  printf '%s' "$3" >"$1.jrun-new"
  chmod "$2" "$1.jrun-new"
  mv -f "$1.jrun-new" "$1"
  changed=1
}
NAME=api
N=jrun-api
DS=zroot/jrun/jails/api
J="$R"/usr/local/jrun/jails/api
C="$R"/var/db/jrun/jails/api
JC="$C/jail.conf"
WITHOUT_LIMITS=0
racct=$(sysctl -n kern.racct.enable 2>/dev/null || echo 0)
if [ "$racct" != 1 ] && [ "$WITHOUT_LIMITS" != 1 ]; then
  die "jail $NAME has limits, but RACCT is off until this host reboots (kern.racct.enable=1 is in /boot/loader.conf): reboot it, or run jrun up --without-limits to start the jail without its limits until then"
fi
POOLDS=zroot/jrun
RELROOT="$R"/usr/local/jrun/releases
MIRROR=https://download.FreeBSD.org/releases
PKGS='monit python3 py3*-ansible-core'
# zfs(8), fetch(1), sha256(1), tar(1), pkg(8), pkg-rquery(8), sysctl(8)
jrun_release() {
  rds="$POOLDS/releases/$1"
  if zfs list -H -o name "$rds@base" >/dev/null 2>&1; then return 0; fi
  zfs list -H -o name "$rds" >/dev/null 2>&1 || zfs create -p "$rds"
  rdir="$RELROOT/$1"
  if [ ! -f "$rdir/COPYRIGHT" ]; then
    url="$MIRROR/$(sysctl -n hw.machine)/$(sysctl -n hw.machine_arch)/$1"
    fetch -o "$rdir/MANIFEST" "$url/MANIFEST" || die "cannot fetch $url/MANIFEST"
    fetch -o "$rdir/base.txz" "$url/base.txz" || die "cannot fetch $url/base.txz"
    want=$(awk '$1 == "base.txz" { print $2 }' "$rdir/MANIFEST")
    got=$(sha256 -q "$rdir/base.txz")
    if [ -z "$want" ] || [ "$want" != "$got" ]; then
      die "base.txz of $1: sha256 $got, MANIFEST says $want"
    fi
    tar -xf "$rdir/base.txz" -C "$rdir"
    rm -f "$rdir/base.txz" "$rdir/MANIFEST"
    touch "$rdir/root/.hushlogin"
  fi
  if [ -n "$PKGS" ]; then
    # pkg-rquery(8): a glob (py3*-ansible-core) names the package built for the repository's
    # current default python; set -f keeps the shell from expanding it
    pkg -r "$rdir" update -q || die "cannot read the package repository for release $1"
    pkgs=''
    set -f
    for p in $PKGS; do
      case $p in
      *'*'*)
        found=$(pkg -r "$rdir" rquery -g '%n' "$p" | sort | tail -n 1)
        [ -n "$found" ] || die "no package matches $p in the repository"
        p=$found
        ;;
      esac
      pkgs="$pkgs $p"
    done
    set +f
    # shellcheck disable=SC2086
    pkg -r "$rdir" install -y $pkgs || die "cannot install$pkgs into release $1"
  fi
  zfs snapshot "$rds@base"
}
# a half-made jail of the same name goes first
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
SNAP=zroot/jrun/jails/web@jrun-clone-api
zfs list -H -o name "${SNAP%@*}" >/dev/null 2>&1 || die "base jail web does not exist"
zfs destroy "$SNAP" 2>/dev/null || true
zfs snapshot "$SNAP"
zfs clone "$SNAP" "$DS"
# a clone is a new machine: no host keys, mesh key, services or logs of its base
rm -f "$J"/etc/ssh/ssh_host_* "$J/usr/local/etc/yggdrasil.key" "$J/var/db/monit.id" \
  "$J/var/db/monit.state" "$J"/usr/local/etc/monit.d/*.monitrc
rm -rf "$J/usr/local/etc/jrun/exec" "$J/var/run/jrun" "$J/var/log/jrun"
sysrc -f "$J/etc/rc.conf" -x hostname 2>/dev/null || true
# rc.conf(5) of the jail through sysrc(8)
sysrc -f "$J/etc/rc.conf" ifconfig_jrun12b_name=vnet0 'ifconfig_vnet0=inet 10.17.89.12/24' defaultrouter=10.17.89.1 syslogd_flags=-ss sendmail_enable=NONE 'cron_flags=-J 60' monit_enable=YES >/dev/null
jrun_put "$J/etc/resolv.conf" 0644 '# generated by jrun (resolv.conf(5))
search local.jrun
nameserver 10.17.89.1
'
jrun_put "$J"/usr/local/etc/monitrc 0600 '# generated by jrun: supervision of this jail (monit(1))
set daemon 10
set logfile syslog
set pidfile /var/run/monit.pid
set idfile /var/db/monit.id
set statefile /var/db/monit.state
set httpd unixsocket /var/run/monit.sock permission 0600
    allow localhost
include /usr/local/etc/monit.d/*.monitrc
'
mkdir -p "$C" "$R/etc/jail.conf.d" "$R/var/log/jrun"
jrun_put "$C/fstab" 0644 '# generated by jrun (fstab(5), mount_nullfs(8)): mounts of jail '\''api'\''
'
jrun_put "$JC" 0644 '# generated by jrun: jail '\''api'\'' (jail.conf(5), jail(8), epair(4), if_bridge(4), rctl(8))
jrun-api {
  host.hostname = "api";
  path = "/usr/local/jrun/jails/api";
  exec.start = "/bin/sh /etc/rc";
  exec.stop = "/bin/sh /etc/rc.shutdown jail";
  exec.clean;
  exec.consolelog = "/var/log/jrun/jrun-api.console.log";
  mount.devfs;
  devfs_ruleset = 10;
  mount.fstab = "/var/db/jrun/jails/api/fstab";
  persist;
  allow.raw_sockets;
  allow.chflags;
  allow.sysvipc = 1;
  vnet;
  vnet.interface = "jrun12b";
  exec.prestart = "/sbin/ifconfig jrun12a destroy 2>/dev/null || true";
  exec.prestart += '\''e=$(ifconfig epair create) && ifconfig "$e" name jrun12a up && ifconfig "${e%a}b" name jrun12b up'\'';
  exec.prestart += "/sbin/ifconfig jrun12a descr jail:jrun-api";
  exec.prestart += "/sbin/ifconfig bridge0 addm jrun12a up";
  exec.created = '\''[ "$(/sbin/sysctl -n kern.racct.enable 2>/dev/null)" != 1 ] || /usr/bin/rctl -a jail:jrun-api:pcpu:deny=150'\'';
  exec.created += '\''[ "$(/sbin/sysctl -n kern.racct.enable 2>/dev/null)" != 1 ] || /usr/bin/rctl -a jail:jrun-api:memoryuse:deny=536870912'\'';
  exec.created += '\''[ "$(/sbin/sysctl -n kern.racct.enable 2>/dev/null)" != 1 ] || /usr/bin/rctl -a jail:jrun-api:maxproc:deny=256'\'';
  exec.poststop = "/sbin/ifconfig bridge0 deletem jrun12a 2>/dev/null || true";
  exec.poststop += "/sbin/ifconfig jrun12a destroy 2>/dev/null || true";
  exec.poststop += "/usr/bin/rctl -r jail:jrun-api 2>/dev/null || true";
}
'
ln -sf /var/db/jrun/jails/api/jail.conf "$R/etc/jail.conf.d/$NAME.conf"
jail -f "$JC" -c "$N"
jls -j "$N" jid >/dev/null || die "jail $NAME did not start"
# mount_nullfs(8), umount(8), fstab(5): mounts, live
mkdir -p "$C/mounts.d"
jrun_mounted() {
  mount -p | JRUN_MP="$1" awk '{
    d = ENVIRON["JRUN_MP"]; rest = $0; at = 0
    while ((i = index(rest, d)) > 0) {
      at += i; e = substr($0, at + length(d), 1)
      if (at > 1 && substr($0, at - 1, 1) ~ /[ \t]/ && (e == " " || e == "\t")) found = 1
      rest = substr(rest, i + 1)
    }
  } END { exit !found }'
}
wanted_mounts=8a3d9a029aee1302
for f in "$C"/mounts.d/*; do
  [ -e "$f" ] || continue
  case " $wanted_mounts " in *" ${f##*/} "*) continue ;; esac
  t=$(cat "$f")
  if ! umount "$J$t" 2>/dev/null && jrun_mounted "$J$t"; then
    die "cannot unmount $t of jail $NAME: in use (see fstat(1))"
  fi
  rm -f "$f"
done
jrun_mount() {
  [ ! -f "$C/mounts.d/$1" ] || return 0
  [ -d "$2" ] || die "mount source $2 of jail $NAME is not a directory"
  mkdir -p "$J$3"
  # a symlink inside the jail must not move the mount out of it
  case "$(realpath "$J$3")" in "$(realpath "$J")"/*) ;; *) die "mount point $3 leaves jail $NAME" ;; esac
  mount_nullfs "$2" "$J$3"
  printf '%s' "$3" >"$C/mounts.d/$1"
}
jrun_mount 8a3d9a029aee1302 /home/me/site /usr/local/www
jrun_put "$C/fstab" 0644 '# generated by jrun (fstab(5), mount_nullfs(8)): mounts of jail '\''api'\''
/home/me/site /usr/local/jrun/jails/api/usr/local/www nullfs rw 0 0
'
