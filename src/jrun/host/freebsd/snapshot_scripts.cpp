// Snapshot scripts of the freebsd driver (zfs(8): zfs-snapshot, zfs-list, zfs-rollback,
// zfs-destroy). Snapshot names are validated before they reach a script, and quoted anyway.

#include "jrun/host/freebsd/script_parts.h"
#include "jrun/host/freebsd/scripts.h"
#include "jrun/host/freebsd/text.h"

namespace jrun::host::freebsd_driver {
namespace {

constexpr std::string_view kManuals =
    "zfs(8), zfs-snapshot(8), zfs-rollback(8), zfs-list(8), zfsprops(7), jail(8), jls(8), "
    "realpath(1)";

std::string header(const std::string& what, const std::string& name, const std::string& snapshot,
                   const FreeBsdLayout& layout) {
  std::string out = script_header(what + " of jail '" + name + "'", kManuals, layout.root);
  out += jail_vars(name, layout);
  if (!snapshot.empty()) out += assign("S", snapshot);
  out += "zfs list -H -o name \"$DS\" >/dev/null 2>&1 || die \"jail $NAME does not exist\"\n";
  return out;
}

constexpr std::string_view kMustExist =
    "zfs list -H -o name -t snapshot \"$DS@$S\" >/dev/null 2>&1 ||\n"
    "  die \"snapshot '$S' not found for '$NAME'\"\n";

// zfs-rollback(8): -r destroys the newer snapshots, but one that is the origin of a clone (a
// jail whose base is this jail) needs -R, which destroys the clone too. Refused before anything
// stops, naming the jails.
constexpr std::string_view kRefuseClones = R"sh(clones=''
newer=0
for snap in $(zfs list -H -o name -t snapshot -s createtxg -d 1 "$DS"); do
  if [ "$newer" = 1 ]; then
    for c in $(zfs get -H -o value clones "$snap" | tr ',' ' '); do
      [ "$c" = - ] || clones="$clones ${c##*/}"
    done
  fi
  [ "$snap" != "$DS@$S" ] || newer=1
done
if [ -n "$clones" ]; then
  die "cannot roll $NAME back to '$S': jail(s)$clones are clones of newer snapshots, which the rollback would destroy (zfs rollback -R); nothing was changed"
fi
)sh";

// The snapshot may predate a mount: jail(8) mounts the fstab (outside the dataset) at start and
// fails on a missing mount point. Recreated, with the same realpath(1) check as jrun_mount.
constexpr std::string_view kMountPoints = R"sh(if [ -d "$C/mounts.d" ]; then
  for f in "$C"/mounts.d/*; do
    [ -e "$f" ] || continue
    t=$(cat "$f")
    mkdir -p "$J$t"
    case "$(realpath "$J$t")" in "$(realpath "$J")"/*) ;; *) die "mount point $t leaves jail $NAME" ;; esac
  done
fi
)sh";

}  // namespace

std::string snapshot_create_script(const std::string& name, const std::string& snapshot,
                                   const FreeBsdLayout& layout) {
  return header("create snapshot", name, snapshot, layout) +
         "if zfs list -H -o name -t snapshot \"$DS@$S\" >/dev/null 2>&1; then\n"
         "  die \"snapshot '$S' of '$NAME' already exists\"\nfi\n"
         "zfs snapshot -r \"$DS@$S\"\n";
}

std::string snapshot_list_script(const std::string& name, const FreeBsdLayout& layout) {
  return header("list snapshots", name, "", layout) +
         "zfs list -H -p -t snapshot -o name,used,creation -r \"$DS\"\n";
}

std::string snapshot_rollback_script(const std::string& name, const std::string& snapshot,
                                     const FreeBsdLayout& layout) {
  return header("roll back", name, snapshot, layout) + std::string(kMustExist) +
         std::string(kRefuseClones) +
         "running=0\n"
         "if jls -j \"$N\" jid >/dev/null 2>&1; then\n"
         "  running=1\n"
         "  jail -f \"$JC\" -r \"$N\" || die \"cannot stop jail $NAME\"\n"
         "fi\n"
         "rolled=0\n"
         "zfs rollback -r \"$DS@$S\" && rolled=1\n" +
         std::string(kMountPoints) +
         "if [ \"$running\" = 1 ]; then\n"
         "  jail -f \"$JC\" -c \"$N\"\n"
         "  jls -j \"$N\" jid >/dev/null || die \"jail $NAME did not start again\"\n"
         "fi\n"
         "[ \"$rolled\" = 1 ] || die \"zfs rollback of $NAME to '$S' failed; nothing was rolled "
         "back\"\n";
}

std::string snapshot_delete_script(const std::string& name, const std::string& snapshot,
                                   const FreeBsdLayout& layout) {
  return header("delete snapshot", name, snapshot, layout) + std::string(kMustExist) +
         "zfs destroy -r \"$DS@$S\"\n";
}

}  // namespace jrun::host::freebsd_driver
