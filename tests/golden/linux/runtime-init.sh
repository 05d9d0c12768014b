#!/bin/sh
# shellcheck disable=SC2016
# jrun linux driver: init of jail 'web' (PID 1 in its namespaces)
set -eu
umask 022
die() { printf 'jrun: %s\n' "$*" >&2; exit 1; }
N=web
D=/var/lib/jrun/linux/jails/web
S=/run/.jrun-mounts
R="$D/root"
read -r hostpid _ < /proc/self/stat
mount --make-rslave /
mountpoint -q "$R" || die "jail root $R is not mounted"
mount --bind /usr "$R/usr"
mount -o remount,bind,ro,nosuid,nodev "$R/usr"
mount -t proc -o nosuid,nodev,noexec proc "$R/proc"
mount -t sysfs -o ro,nosuid,nodev,noexec sysfs "$R/sys"
mount -t tmpfs -o mode=0755,nosuid,size=1m jrun-dev "$R/dev"
for f in null zero full random urandom tty; do
  : > "$R/dev/$f"
  mount --bind "/dev/$f" "$R/dev/$f"
done
mkdir -m 0755 "$R/dev/pts"
mkdir -m 1777 "$R/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,nosuid,noexec devpts "$R/dev/pts"
mount -t tmpfs -o mode=1777,nosuid,nodev shm "$R/dev/shm"
ln -s pts/ptmx "$R/dev/ptmx"
ln -s /proc/self/fd "$R/dev/fd"
ln -s /proc/self/fd/0 "$R/dev/stdin"
ln -s /proc/self/fd/1 "$R/dev/stdout"
ln -s /proc/self/fd/2 "$R/dev/stderr"
mount -t tmpfs -o mode=0755,nosuid,nodev jrun-run "$R/run"
mkdir -p "$R$S"
mount --rbind "$D/propagate" "$R$S"
printf '%s' "$N" > /proc/sys/kernel/hostname
printf '%s\n' "$hostpid" > "$D/pid.tmp"
mv "$D/pid.tmp" "$D/pid"
cd "$R"
pivot_root . .
umount -l .
cd /
# inside the jail from here on
mkdir -p /etc
printf '%s' 'web
' > /etc/hostname
chmod 0644 /etc/hostname
mkdir -p /etc/monit/conf.d /var/lib/monit /var/log/jrun /run/jrun
rm -f /etc/monit/conf.d/*.monitrc
exec /usr/bin/env -i HOME=/root LANG=C.UTF-8 \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  /usr/bin/tini -s -- /usr/bin/monit -I -c /etc/monit/monitrc
