#!/usr/bin/env bash
# Installs every package jrun needs to build and test, by name, from Debian 12's apt.
# Idempotent: a machine that already has them only pays for `dpkg-query`.
set -euo pipefail

build_pkgs=(
  cmake ninja-build g++ pkg-config git
  clang-14 clang-format-14 libclang-rt-14-dev   # format check, libFuzzer, sanitizer runtimes
  libgtest-dev libgmock-dev libbenchmark-dev
  libfmt-dev nlohmann-json3-dev libcli11-dev libssl-dev
  libedit-dev   # the interactive shell's line editor (history, completion)
  libcurl4-openssl-dev   # sys/http: image downloads
  liblzma-dev libarchive-dev   # vm: image decompression, seed ISO
)
tool_pkgs=(
  shellcheck   # validates every generated shell script in the golden tests
  # the linux driver and its integration tests
  iproute2 nftables util-linux tini monit curl python3 procps
  debootstrap  # builds the cached debian-12 release (integration test)
  # the vm provider: QEMU (TCG when there is no KVM), qemu-img, ssh to the guest, and
  # mkfs.ext4 -d for the e2e guest image (no loop mounts)
  qemu-system-x86 qemu-utils openssh-client e2fsprogs
  ovmf         # the guest's UEFI firmware (only a Recommends of qemu-system-x86; jrun doctor checks it)
  # vm asset tests: ssh-keygen loads our keys, isoinfo/bsdtar read the seed ISO, PyYAML parses
  # the seed as cloud-init does
  genisoimage libarchive-tools python3-yaml
  ansible-core # setup steps: ansible-playbook (runs inside `host`-release jails from /usr)
  unbound      # unbound-checkconf validates the freebsd driver's local_unbound config
  original-awk mawk gawk dash   # generated awk under FreeBSD's awk family too; sh -n under dash
  tmux         # drives the interactive shell and the live monitor in the UX tests
  zsh fish     # the generated completion scripts are checked with `zsh -n` / `fish -n`
)

missing=()
for p in "${build_pkgs[@]}" "${tool_pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "> installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "✓ dependencies present"
