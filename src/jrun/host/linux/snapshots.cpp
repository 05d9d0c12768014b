#include "jrun/host/linux/snapshots.h"

#include <algorithm>
#include <charconv>

#include "jrun/base/strings.h"
#include "jrun/host/linux/cgroup.h"
#include "jrun/host/linux/runtime_parts.h"
#include "jrun/host/linux/script_text.h"

namespace jrun::host::linux_driver {
namespace {

// The freezer: cgroup v2's cgroup.freeze on the jail's own cgroup; on v1 a freezer cgroup of the
// jail, frozen first so every process moved into it freezes at once (a frozen process cannot
// fork), emptied and removed again on thaw.
constexpr std::string_view kFreezer = R"sh(jrun_freeze() {
  if jrun_cgroup_v2; then
    FZ="$CGR/$CGP/$N"
    [ -e "$FZ/cgroup.freeze" ] || die "cannot freeze jail '$N': no $FZ/cgroup.freeze"
    echo 1 > "$FZ/cgroup.freeze"
    i=0
    until grep -qx 'frozen 1' "$FZ/cgroup.events"; do
      i=$((i + 1))
      if [ "$i" -ge 500 ]; then jrun_thaw; die "jail '$N' did not freeze"; fi
      sleep 0.01
    done
  else
    [ -d "$CGR/freezer" ] || die "cannot freeze jail '$N': the cgroup v1 freezer is not mounted"
    FZ="$CGR/freezer/$CGP/$N"
    mkdir -p "$FZ"
    echo FROZEN > "$FZ/freezer.state"
    procs=$(head -n 1 "$D/cgroups")
    i=0
    while :; do
      moved=0
      while read -r p; do
        if ! grep -qx "$p" "$FZ/cgroup.procs"; then
          echo "$p" > "$FZ/cgroup.procs" 2>/dev/null || true
          moved=1
        fi
      done < "$procs"
      [ "$moved" = 1 ] || break
      i=$((i + 1))
      if [ "$i" -ge 50 ]; then jrun_thaw; die "jail '$N' did not freeze"; fi
    done
  fi
}
jrun_thaw() {
  if jrun_cgroup_v2; then
    echo 0 > "$CGR/$CGP/$N/cgroup.freeze" 2>/dev/null || true
  elif [ -d "$CGR/freezer/$CGP/$N" ]; then
    FZ="$CGR/freezer/$CGP/$N"
    echo THAWED > "$FZ/freezer.state"
    while read -r p; do
      echo "$p" > "$CGR/freezer/cgroup.procs" 2>/dev/null || true
    done < "$FZ/cgroup.procs"
    rmdir "$FZ" 2>/dev/null || true
  fi
}
)sh";

constexpr std::string_view kCreate = R"sh([ -d "$D/upper" ] || die "jail '$N' does not exist"
[ ! -e "$SD" ] || die "snapshot '$S' of '$N' already exists"
mkdir -p "$D/snapshots"
rm -rf "$SD.tmp"
mkdir "$SD.tmp"
jrun_init_pid
if [ -n "$pid" ]; then jrun_freeze; fi
sync -f "$D/upper" 2>/dev/null || sync
if ! cp -a --reflink=auto "$D/upper" "$SD.tmp/upper"; then
  if [ -n "$pid" ]; then jrun_thaw; fi
  rm -rf "$SD.tmp"
  die "cannot copy the writes of jail '$N'"
fi
if [ -n "$pid" ]; then jrun_thaw; fi
date +%s > "$SD.tmp/created"
date +%s%N > "$SD.tmp/order"
mv "$SD.tmp" "$SD"
echo "jrun: snapshot '$S' of jail '$N' created"
)sh";

constexpr std::string_view kList = R"sh([ -d "$D/upper" ] || die "jail '$N' does not exist"
[ -d "$D/snapshots" ] || exit 0
for s in "$D/snapshots"/*; do
  if [ ! -d "$s/upper" ] || [ ! -f "$s/order" ]; then continue; fi
  used=$(du -s -B1 "$s" | cut -f1)
  printf 'snapshot %s %s %s %s\n' "$(cat "$s/order")" "$(cat "$s/created")" "$used" "${s##*/}"
done
)sh";

constexpr std::string_view kMustExist =
    R"sh(if [ ! -d "$SD/upper" ] || [ ! -f "$SD/order" ]; then die "snapshot '$S' not found for '$N'"; fi
)sh";

// The snapshot is copied before the jail stops (shorter downtime) to snapshots/.rollback (hidden
// from list, kept by the stop); the swap is two renames; a stop keeping the jail's writes removes
// a leftover upper.old.
constexpr std::string_view kRollbackCopy = R"sh(jrun_init_pid
running=
if [ -n "$pid" ]; then running=1; fi
[ -z "$running" ] || [ -f "$D/start.sh" ] ||
  die "jail '$N' cannot be started again by this jrun: run \`jrun down $N\` and \`jrun up\`"
rm -rf "$D/snapshots/.rollback" "$D/upper.old"
cp -a --reflink=auto "$SD/upper" "$D/snapshots/.rollback" || die "cannot copy snapshot '$S'"
)sh";

constexpr std::string_view kRollbackSwap = R"sh(mv "$D/upper" "$D/upper.old"
mv "$D/snapshots/.rollback" "$D/upper"
rm -rf "$D/upper.old"
mine=$(cat "$SD/order")
for s in "$D/snapshots"/*; do
  [ -f "$s/order" ] || continue
  if [ "$(cat "$s/order")" -gt "$mine" ]; then rm -rf "$s"; fi
done
if [ -n "$running" ]; then
  sh "$D/start.sh" >/dev/null
  if [ -f "$D/reapply.sh" ]; then sh "$D/reapply.sh" >/dev/null; fi
fi
echo "jrun: jail '$N' rolled back to '$S'"
)sh";

std::string header(const std::string& what, const std::string& name, const std::string& snapshot,
                   const LinuxLayout& layout, unsigned vars = 0) {
  std::string out = script_header(what + " of jail '" + name + "'");
  out += jail_vars(name, layout, vars);
  if (!snapshot.empty()) {
    out += assign("S", snapshot);
    out += "SD=\"$D/snapshots/$S\"\n";
  }
  return out;
}

}  // namespace

std::string snapshot_create_script(const std::string& name, const std::string& snapshot,
                                   const LinuxLayout& layout) {
  return header("create snapshot", name, snapshot, layout, kVarCgroup) + process_functions() +
         cgroup_functions() + std::string(kFreezer) + std::string(kCreate);
}

std::string snapshot_list_script(const std::string& name, const LinuxLayout& layout) {
  return header("list snapshots", name, "", layout) + std::string(kList);
}

std::vector<Snapshot> parse_snapshot_list(std::string_view out) {
  struct Row {
    std::string order;
    Snapshot snapshot;
  };
  std::vector<Row> rows;
  for (const std::string& line : split(std::string(out), '\n')) {
    std::vector<std::string> f = split(line, ' ');
    if (f.size() != 5 || f[0] != "snapshot") continue;
    Row row{f[1], {}};
    row.snapshot.name = f[4];
    std::from_chars(f[2].data(), f[2].data() + f[2].size(), row.snapshot.created);
    std::from_chars(f[3].data(), f[3].data() + f[3].size(), row.snapshot.used);
    rows.push_back(std::move(row));
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.order.size() != b.order.size()) return a.order.size() < b.order.size();
    return a.order < b.order;
  });
  std::vector<Snapshot> result;
  for (Row& row : rows) result.push_back(std::move(row.snapshot));
  return result;
}

std::string snapshot_rollback_script(const std::string& name, const std::string& snapshot,
                                     const LinuxLayout& layout) {
  std::string out = header("roll back", name, snapshot, layout, kVarCgroup);
  out += process_functions() + cgroup_functions();
  out += std::string(kMustExist) + std::string(kRollbackCopy);
  out += "KEEP=1\n" + subshell(destroy_body(name, layout));
  out += kRollbackSwap;
  return out;
}

std::string snapshot_delete_script(const std::string& name, const std::string& snapshot,
                                   const LinuxLayout& layout) {
  return header("delete snapshot", name, snapshot, layout) + std::string(kMustExist) +
         "rm -rf \"$SD\"\necho \"jrun: snapshot '$S' of jail '$N' deleted\"\n";
}

std::string save_script_snippet(const std::string& name, const LinuxLayout& layout,
                                std::string_view file, std::string_view script) {
  const std::string path = layout.jail_dir(name) + "/" + std::string(file);
  return "printf '%s' " + shell_quote(script) + " > " + shell_quote(path + ".tmp") + "\nmv " +
         shell_quote(path + ".tmp") + " " + shell_quote(path) + "\n";
}

}  // namespace jrun::host::linux_driver
