#include "jrun/cli/completion_sources.h"

#include <filesystem>

#include "jrun/cli/provider.h"
#include "jrun/state/store.h"

namespace jrun::cli {
namespace {

std::vector<std::string> recorded_jails(const std::string& home) {
  state::StateStore store(home);
  auto state = store.load_unlocked();
  std::vector<std::string> out;
  if (!state) return out;
  for (const auto& [name, record] : state->jails) out.push_back(name);
  return out;
}

// Entries of the directory `prefix` points into: directories (with "/") and *.ucl files.
std::vector<std::string> config_files(const std::string& cwd, const std::string& prefix) {
  namespace fs = std::filesystem;
  const std::size_t slash = prefix.rfind('/');
  const std::string dir = slash == std::string::npos ? "" : prefix.substr(0, slash + 1);
  const fs::path base = dir.starts_with("/") ? fs::path(dir) : fs::path(cwd) / dir;
  std::vector<std::string> out;
  std::error_code ec;
  for (fs::directory_iterator it(base, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.starts_with(".") && !prefix.substr(dir.size()).starts_with(".")) continue;
    if (it->is_directory(ec)) {
      out.push_back(dir + name + "/");
    } else if (name.ends_with(".ucl")) {
      out.push_back(dir + name);
    }
  }
  return out;
}

// Snapshot names of `jail` on the jail host (a stopped VM is never booted for this); none when
// the host cannot say (the linux driver has no snapshots yet).
std::vector<std::string> snapshot_names(const Context& ctx, const std::string& jail) {
  std::vector<std::string> out;
  auto provider = make_provider(ctx);
  if (!provider) return out;
  auto snapshots = provider->host->snapshots(jail);
  if (!snapshots) return out;
  for (const host::Snapshot& s : *snapshots) out.push_back(s.name);
  return out;
}

}  // namespace

ui::CompletionSources completion_sources(const Context& ctx) {
  ui::CompletionSources sources;
  const std::string home = ctx.settings.home;
  const std::string cwd = ctx.cwd;
  sources.jails = [home] { return recorded_jails(home); };
  sources.snapshots = [ctx](const std::string& jail) { return snapshot_names(ctx, jail); };
  sources.config_files = [cwd](const std::string& prefix) { return config_files(cwd, prefix); };
  return sources;
}

}  // namespace jrun::cli
