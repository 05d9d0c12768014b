#include "jrun/host/linux/mounts.h"

#include "jrun/base/sha256.h"
#include "jrun/base/strings.h"

namespace jrun::host::linux_driver {
namespace {

constexpr std::string_view kFunctions = R"sh(jrun_mount_add() {
  if [ -f "$D/mounts/$1" ]; then return 0; fi
  [ -d "$2" ] || die "mount source '$2' is not a directory"
  [ -n "$pid" ] || die "jail '$N' is not running"
  mkdir -p "$P/$1" "$D/mounts"
  if ! mountpoint -q "$P/$1"; then mount --bind "$2" "$P/$1"; fi
  nsenter -t "$pid" -a -- /bin/sh -c 'mkdir -p -- "$1" && mount --bind "$2" "$1"' \
    jrun-mount "$3" "$S/$1" || die "cannot mount '$2' at '$3' in jail '$N'"
  printf '%s' "$3" > "$D/mounts/$1"
}
jrun_mount_remove() {
  j=$(cat "$D/mounts/$1")
  if [ -n "$pid" ]; then
    nsenter -t "$pid" -a -- /bin/sh -c 'umount "$1" 2>/dev/null || umount -l "$1" 2>/dev/null' \
      jrun-umount "$j" || true
  fi
  i=0
  while mountpoint -q "$P/$1" && [ "$i" -lt 10 ]; do
    umount "$P/$1" 2>/dev/null || umount -l "$P/$1" || true
    i=$((i + 1))
  done
  rmdir "$P/$1" 2>/dev/null || true
  rm -f "$D/mounts/$1"
}
jrun_mount_prune() {
  for f in "$D/mounts"/*; do
    if [ ! -f "$f" ]; then continue; fi
    k=${f##*/}
    keep=0
    for w in "$@"; do
      if [ "$w" = "$k" ]; then keep=1; fi
    done
    if [ "$keep" = 0 ]; then jrun_mount_remove "$k"; fi
  done
}
)sh";

}  // namespace

std::string mount_key(const model::Mount& mount) {
  std::string identity = mount.host;
  identity += '\0';
  identity += mount.jail;
  return sha256_hex(identity).substr(0, 16);
}

std::string mount_functions() { return std::string(kFunctions); }

std::string mount_converge(const std::vector<model::Mount>& mounts) {
  std::string out = "jrun_mount_prune";
  for (const auto& m : mounts) out += " " + mount_key(m);
  out += "\n";
  for (const auto& m : mounts) {
    out += "jrun_mount_add " + mount_key(m) + " " + shell_quote(m.host) + " " +
           shell_quote(m.jail) + "\n";
  }
  return out;
}

}  // namespace jrun::host::linux_driver
