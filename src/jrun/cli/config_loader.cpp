#include "jrun/cli/config_loader.h"

#include "jrun/base/diagnostic.h"
#include "jrun/base/path.h"
#include "jrun/host/linux/release.h"
#include "jrun/model/load.h"
#include "jrun/sys/real_filesystem.h"
#include "jrun/ucl/parser.h"

namespace jrun::cli {
namespace {

const sys::RealFileSystem kFileSystem;

Error config_error(const SourceMap& sources, std::vector<Diagnostic> diagnostics) {
  sort_diagnostics(diagnostics);
  std::string text = render_diagnostics(sources, diagnostics);
  std::size_t count = diagnostics.size();
  text += std::to_string(count) + (count == 1 ? " problem" : " problems") + " found\n";
  return make_error(ErrorCode::kConfig, std::move(text));
}

/// The releases the jail host can make, when this machine is the jail host of the linux
/// driver; empty (not known here) for a VM or a FreeBSD host.
std::vector<std::string> known_releases(const Context& ctx) {
  if (ctx.settings.provider == "vm" || ctx.settings.driver == "freebsd" || ctx.host_os != "Linux") {
    return {};
  }
  return {std::string(host::linux_driver::kReleaseHost),
          std::string(host::linux_driver::kReleaseDebian12)};
}

}  // namespace

Result<LoadedDocument> load_document(const Context& ctx, const std::string& path,
                                     const std::vector<std::string>& vars) {
  if (!kFileSystem.exists(path)) {
    return make_error(ErrorCode::kUsage, "config not found: " + path);
  }
  ucl::ParseOptions options;
  options.fs = &kFileSystem;
  options.variables = ctx.env;
  options.variables["HOME"] = ctx.settings.user_home;
  for (const std::string& definition : vars) {
    std::size_t eq = definition.find('=');
    if (eq == std::string::npos || eq == 0) {
      return make_error(ErrorCode::kUsage, "--var " + definition + ": expected NAME=VALUE");
    }
    options.variables[definition.substr(0, eq)] = definition.substr(eq + 1);
  }
  LoadedDocument doc;
  ucl::ParseResult parsed = ucl::parse_file(path, doc.sources, options);
  if (!parsed.root || !parsed.diagnostics.empty()) {
    return config_error(doc.sources, std::move(parsed.diagnostics));
  }
  doc.root = std::move(*parsed.root);
  return doc;
}

Result<LoadedConfig> load_config_file(const Context& ctx, const std::string& path,
                                      const std::vector<std::string>& vars) {
  ASSIGN_OR_RETURN(LoadedDocument doc, load_document(ctx, path, vars));
  model::ValidationContext vc;
  vc.fs = &kFileSystem;
  vc.sources = &doc.sources;
  vc.config_path = path;
  vc.config_dir = dir_name(resolve_path(ctx.cwd, path, ctx.settings.user_home));
  vc.home = ctx.settings.user_home;
  vc.subnet = ctx.settings.subnet;
  vc.gateway = ctx.settings.gateway;
  vc.monit_cycle = ctx.settings.monit_cycle;
  vc.releases = known_releases(ctx);
  model::LoadResult loaded = model::load_config(doc.root, vc);
  if (!loaded.ok()) return config_error(doc.sources, std::move(loaded.diagnostics));
  return LoadedConfig{std::move(doc.sources), std::move(loaded.config)};
}

}  // namespace jrun::cli
