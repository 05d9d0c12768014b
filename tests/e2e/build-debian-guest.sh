#!/usr/bin/env bash
# Builds the Debian 12 guest the VM end-to-end test boots: an ext4 root filesystem image made
# without loop mounts (`mkfs.ext4 -d`), plus the kernel and initrd for direct kernel boot.
#
# The guest reads jrun's NoCloud seed (a `cidata` volume holding meta-data and user-data) with a
# small first-boot agent of ours (jrun-seed.service): it creates the users of user-data with their
# ssh keys and passwordless sudo. It carries what the linux driver needs inside the VM (monit,
# nftables, tini, iproute2, python3, sudo) and the kernel's 9p modules.
#
# Output (cached): $OUT/rootfs.raw, $OUT/vmlinuz, $OUT/initrd.img, $OUT/script.sha256.
# Rebuilt when missing or when this script changes. Usage: build-debian-guest.sh [OUT]
set -euo pipefail

OUT=${1:-/var/cache/jrun-test/guest}
HASH=$(sha256sum "$0" | cut -d' ' -f1)
if [[ -f $OUT/script.sha256 && $(cat "$OUT/script.sha256") == "$HASH" &&
  -f $OUT/rootfs.raw && -f $OUT/vmlinuz && -f $OUT/initrd.img ]]; then
  echo "✓ guest image cached in $OUT"
  exit 0
fi

mkdir -p "$OUT"
exec 9>"$OUT/.lock"
flock 9
MIRROR=$(sed -n 's/^URIs: *\(http[^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null |
  head -n1)
MIRROR=${MIRROR:-http://deb.debian.org/debian}
WORK=$(mktemp -d "$OUT/build.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
ROOT=$WORK/root

PKGS=linux-image-amd64,systemd-sysv,udev,dbus,kmod,openssh-server,sudo,python3,python3-yaml
PKGS=$PKGS,monit,nftables,tini,iproute2,procps,curl,util-linux
echo "> debootstrap bookworm from $MIRROR (log: $OUT/build.log)"
debootstrap --variant=minbase --include="$PKGS" bookworm "$ROOT" "$MIRROR" >"$OUT/build.log" 2>&1 ||
  {
    tail -n 20 "$OUT/build.log"
    exit 1
  }

echo jrun-guest >"$ROOT/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 jrun-guest\n' >"$ROOT/etc/hosts"
printf '/dev/vda / ext4 rw,relatime 0 1\n' >"$ROOT/etc/fstab"
rm -f "$ROOT/etc/resolv.conf"
printf 'nameserver 10.0.2.3\n' >"$ROOT/etc/resolv.conf"

# Network: DHCP from QEMU's user-mode network on the first NIC.
mkdir -p "$ROOT/etc/systemd/network"
printf '[Match]\nName=eth0 en*\n\n[Network]\nDHCP=ipv4\n' >"$ROOT/etc/systemd/network/10-dhcp.network"

# sshd: key-only, quiet, and no DNS lookups of clients (slow under TCG).
cat >"$ROOT/etc/ssh/sshd_config.d/jrun.conf" <<'EOF'
PasswordAuthentication no
KbdInteractiveAuthentication no
UseDNS no
PrintMotd no
PrintLastLog no
EOF

# First-boot agent: NoCloud seed → users with keys and passwordless sudo.
cat >"$ROOT/usr/local/sbin/jrun-seed" <<'EOF'
#!/usr/bin/python3
"""Reads the NoCloud seed (volume label cidata) and creates its users; idempotent."""
import os, pwd, subprocess, sys, tempfile, time
import yaml

def find_seed():
    for _ in range(50):
        r = subprocess.run(["blkid", "-L", "cidata"], capture_output=True, text=True)
        if r.returncode == 0 and r.stdout.strip():
            return r.stdout.strip()
        time.sleep(0.1)
    return None

def ensure_user(u):
    name = u["name"] if isinstance(u, dict) else u
    if name == "default":
        return
    try:
        pwd.getpwnam(name)
    except KeyError:
        subprocess.run(["useradd", "-m", "-s", u.get("shell", "/bin/bash"), name], check=True)
    home = pwd.getpwnam(name).pw_dir
    keys = u.get("ssh_authorized_keys") or u.get("ssh-authorized-keys") or []
    sshdir = os.path.join(home, ".ssh")
    os.makedirs(sshdir, exist_ok=True)
    with open(os.path.join(sshdir, "authorized_keys"), "w") as f:
        f.write("".join(k.strip() + "\n" for k in keys))
    subprocess.run(["chown", "-R", name + ":", sshdir], check=True)
    os.chmod(sshdir, 0o700)
    sudo = u.get("sudo")
    if sudo or u.get("doas"):
        rule = sudo if isinstance(sudo, str) else "ALL=(ALL) NOPASSWD:ALL"
        with open("/etc/sudoers.d/90-jrun-" + name, "w") as f:
            f.write(name + " " + rule + "\n")
        os.chmod("/etc/sudoers.d/90-jrun-" + name, 0o440)

def main():
    dev = find_seed()
    if not dev:
        print("jrun-seed: no cidata volume", file=sys.stderr)
        return 0
    mnt = tempfile.mkdtemp()
    subprocess.run(["mount", "-o", "ro", dev, mnt], check=True)
    try:
        with open(os.path.join(mnt, "user-data")) as f:
            data = yaml.safe_load(f) or {}
    finally:
        subprocess.run(["umount", mnt])
    for u in data.get("users", []):
        ensure_user(u)
    print("jrun-seed: users ready")
    return 0

sys.exit(main())
EOF
chmod 755 "$ROOT/usr/local/sbin/jrun-seed"
cat >"$ROOT/etc/systemd/system/jrun-seed.service" <<'EOF'
[Unit]
Description=jrun NoCloud seed (users and ssh keys)
DefaultDependencies=no
After=local-fs.target systemd-udevd.service
Before=ssh.service
[Service]
Type=oneshot
ExecStart=/usr/local/sbin/jrun-seed
StandardOutput=journal+console
[Install]
WantedBy=multi-user.target
EOF

chroot "$ROOT" systemctl enable jrun-seed.service systemd-networkd.service >/dev/null 2>&1
# Timers and units that only cost boot time in a throwaway test VM.
chroot "$ROOT" systemctl mask apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer \
  e2scrub_reap.service fstrim.timer systemd-networkd-wait-online.service >/dev/null 2>&1 || true
chroot "$ROOT" passwd -l root >/dev/null
rm -rf "$ROOT"/var/cache/apt/archives/*.deb "$ROOT"/var/lib/apt/lists/*

cp -L "$ROOT/vmlinuz" "$WORK/vmlinuz"
cp -L "$ROOT/initrd.img" "$WORK/initrd.img"
echo "> mkfs.ext4 -d (no loop mount)"
mkfs.ext4 -q -F -L jrun-root -d "$ROOT" "$WORK/rootfs.raw" 3G
mv "$WORK/vmlinuz" "$WORK/initrd.img" "$WORK/rootfs.raw" "$OUT/"
echo "$HASH" >"$OUT/script.sha256"
echo "✓ guest image built in $OUT"
