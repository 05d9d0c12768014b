// Snapshot scripts of the freebsd driver (zfs(8): zfs-snapshot, zfs-list, zfs-rollback,
// zfs-destroy). Snapshot names are validated before they reach a script, and quoted anyway.

#include "jrun/host/freebsd/script_parts.h"
#include "jrun/host/freebsd/scripts.h"
#include "jrun/host/freebsd/text.h"

namespace jrun::host::freebsd_driver {
namespace {

constexpr std::string_view kManuals = "zfs(8), zfs-snapshot(8), zfs-rollback(8), jail(8), jls(8)";

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
         "running=0\n"
         "if jls -j \"$N\" jid >/dev/null 2>&1; then\n"
         "  running=1\n"
         "  jail -f \"$JC\" -r \"$N\" || die \"cannot stop jail $NAME\"\n"
         "fi\n"
         "zfs rollback -r \"$DS@$S\"\n"
         "if [ \"$running\" = 1 ]; then\n"
         "  jail -f \"$JC\" -c \"$N\"\n"
         "  jls -j \"$N\" jid >/dev/null || die \"jail $NAME did not start again\"\n"
         "fi\n";
}

std::string snapshot_delete_script(const std::string& name, const std::string& snapshot,
                                   const FreeBsdLayout& layout) {
  return header("delete snapshot", name, snapshot, layout) + std::string(kMustExist) +
         "zfs destroy -r \"$DS@$S\"\n";
}

}  // namespace jrun::host::freebsd_driver
