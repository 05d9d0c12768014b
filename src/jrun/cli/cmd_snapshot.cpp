// jrun snapshot create|list|rollback|delete JAIL [NAME] (SPEC §8, reference §1.9).

#include <ctime>
#include <nlohmann/json.hpp>

#include "jrun/cli/commands.h"
#include "jrun/cli/provider.h"
#include "jrun/cli/session.h"
#include "jrun/state/store.h"

namespace jrun::cli {
namespace {

// The reference's default name: the UTC time, e.g. 2026-03-19_00-38-14.
std::string utc_name() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d_%H-%M-%S", &tm);
  return text;
}

std::string utc_time(std::int64_t seconds) {
  const auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &tm);
  return text;
}

std::string size_text(std::uint64_t bytes) {
  const char* units[] = {"B", "K", "M", "G", "T"};
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1024 && unit + 1 < std::size(units)) {
    value /= 1024;
    ++unit;
  }
  char text[32];
  std::snprintf(text, sizeof text, unit == 0 ? "%.0f%s" : "%.1f%s", value, units[unit]);
  return text;
}

Result<int> list(Context& ctx, const SnapshotArgs& args, host::JailHost& host) {
  ASSIGN_OR_RETURN(std::vector<host::Snapshot> snapshots, host.snapshots(args.jail));
  if (args.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const host::Snapshot& s : snapshots) {
      out.push_back({{"name", s.name}, {"used", s.used}, {"created", s.created}});
    }
    ctx.out->print(out.dump(2) + "\n");
    return 0;
  }
  if (snapshots.empty()) {
    ctx.out->info("no snapshots of '" + args.jail + "'");
    return 0;
  }
  std::string text = "name                              used      created (UTC)\n";
  for (const host::Snapshot& s : snapshots) {
    char line[160];
    std::snprintf(line, sizeof line, "%-33s %-9s %s\n", s.name.c_str(), size_text(s.used).c_str(),
                  utc_time(s.created).c_str());
    text += line;
  }
  ctx.out->print(text);
  return 0;
}

/// A missing snapshot is a usage error naming the ones there are, before the host is asked to
/// act on it (it used to fail with the host script's text and exit 1).
Status require_snapshot(host::JailHost& host, const std::string& jail, const std::string& name) {
  ASSIGN_OR_RETURN(std::vector<host::Snapshot> snapshots, host.snapshots(jail));
  std::string names;
  for (const host::Snapshot& s : snapshots) {
    if (s.name == name) return {};
    names += (names.empty() ? "" : ", ") + s.name;
  }
  return make_error(ErrorCode::kUsage,
                    "jail '" + jail + "' has no snapshot '" + name + "' (" +
                        (names.empty() ? std::string("it has none") : "its snapshots: " + names) +
                        ")");
}

}  // namespace

Result<int> cmd_snapshot(Context& ctx, const SnapshotArgs& args) {
  const std::string name = args.name.empty() ? utc_name() : args.name.front();
  if (args.action != "list" && !host::valid_snapshot_name(name)) {
    return make_error(ErrorCode::kUsage,
                      "invalid snapshot name '" + name +
                          "': use letters, digits, '.', '_' and '-' (at most 64, not 'jrun-...')");
  }
  TRY(require_jail(ctx, args.jail));
  if (args.action == "list") {
    ASSIGN_OR_RETURN(Provider provider, make_provider(ctx));
    return list(ctx, args, *provider.host);
  }
  // Like `up`: a snapshot taken or rolled back while another jrun changes the jail would
  // capture or restore a half-applied state.
  state::StateStore store(ctx.settings.home);
  ASSIGN_OR_RETURN(state::StateLock lock, take_lock(ctx, store));
  TRY(require_jail(ctx, args.jail));  // it may have gone while we waited
  ASSIGN_OR_RETURN(Provider provider, make_provider(ctx));
  host::JailHost& host = *provider.host;
  if (args.action == "rollback" || args.action == "delete") {
    TRY(require_snapshot(host, args.jail, name));
  }
  if (args.action == "create") {
    TRY(host.snapshot_create(args.jail, name));
    ctx.out->success("Snapshot '" + name + "' created for '" + args.jail + "'.");
    return 0;
  }
  if (args.action == "rollback") {
    ASSIGN_OR_RETURN(bool yes,
                     confirm(ctx,
                             "Roll '" + args.jail + "' back to '" + name +
                                 "'? This restarts the jail and destroys newer snapshots.",
                             args.yes));
    if (!yes) return 0;
    TRY(host.snapshot_rollback(args.jail, name));
    ctx.out->success("Rolled back '" + args.jail + "' to '" + name + "'.");
    return 0;
  }
  ASSIGN_OR_RETURN(
      bool yes, confirm(ctx, "Delete snapshot '" + name + "' of '" + args.jail + "'?", args.yes));
  if (!yes) return 0;
  TRY(host.snapshot_delete(args.jail, name));
  ctx.out->success("Deleted snapshot '" + name + "' from '" + args.jail + "'.");
  return 0;
}

}  // namespace jrun::cli
