#include "jrun/cli/vm_files.h"

#include <filesystem>

#include "jrun/base/strings.h"
#include "jrun/cli/image_progress.h"
#include "jrun/cli/provider.h"
#include "jrun/vm/image.h"
#include "jrun/vm/image_store.h"
#include "jrun/vm/seed.h"
#include "jrun/vm/seed_key.h"

namespace jrun::cli {
namespace {

namespace fs = std::filesystem;

Status copy_sparse(host::ProcessRunner& runner, const std::string& from, const std::string& to) {
  host::Command command;
  command.argv = {"cp", "--sparse=always", from, to};
  ASSIGN_OR_RETURN(host::ProcessResult r, runner.run(command));
  if (r.exit_code != 0) {
    return make_error(ErrorCode::kRuntime,
                      "copying " + from + " failed: " + std::string(trim(r.err + r.out)));
  }
  return {};
}

Status prepare_disk(const Context& ctx, const vm::InstancePaths& paths, host::ProcessRunner& runner,
                    const std::string& arch) {
  if (fs::exists(paths.disk())) return {};
  vm::ImageSettings settings;
  settings.image = ctx.settings.vm.image;
  settings.sha512 = ctx.settings.vm.image_sha512;
  settings.home = ctx.settings.home;
  settings.cwd = ctx.cwd;
  settings.arch = arch;
  ASSIGN_OR_RETURN(vm::ImageSpec spec, vm::image_spec(settings));
  ImageProgressDisplay display(ctx, spec.source.file_name);
  ASSIGN_OR_RETURN(std::string base, ensure_image_with_progress(spec, display));
  ASSIGN_OR_RETURN(std::uint64_t size, vm::parse_size(ctx.settings.vm.disk));
  ctx.out->info("Creating the VM disk from " + base + "…");
  const std::string tmp = paths.disk() + ".tmp";
  TRY(copy_sparse(runner, base, tmp));
  TRY(vm::grow_disk(runner, tmp, size));
  std::error_code ec;
  fs::rename(tmp, paths.disk(), ec);
  if (ec) {
    return make_error(ErrorCode::kRuntime, "cannot create " + paths.disk() + ": " + ec.message());
  }
  return {};
}

Status prepare_seed(const Context& ctx, const vm::InstancePaths& paths) {
  ASSIGN_OR_RETURN(std::string public_key, vm::ensure_key_pair(paths.key(), "jrun"));
  if (fs::exists(paths.seed())) return {};
  // The default image is FreeBSD; a custom image is taken for a Linux guest.
  vm::SeedSpec spec = ctx.settings.vm.image.empty() ? vm::freebsd_seed(public_key)
                                                    : vm::linux_seed(public_key, "jrun");
  TRY(vm::check_seed(spec));
  return vm::write_seed_iso(paths.seed(), vm::render_meta_data(spec), vm::render_user_data(spec));
}

}  // namespace

Result<std::string> ensure_image_with_progress(vm::ImageSpec spec, ImageProgressDisplay& display) {
  spec.http.interrupted = [] { return interrupt_flag().load(); };
  Result<std::string> base = vm::ensure_image(spec, display.callback());
  display.finish();
  if (!base && base.error().code == ErrorCode::kInterrupted) {
    return make_error(ErrorCode::kInterrupted, "interrupted; what was downloaded of " +
                                                   spec.source.file_name + " is kept in " +
                                                   spec.cache_dir + " and the next run resumes it");
  }
  return base;
}

Status prepare_vm_files(const Context& ctx, const vm::InstancePaths& paths,
                        host::ProcessRunner& runner, const std::string& arch) {
  std::error_code ec;
  fs::create_directories(paths.ssh_dir(), ec);
  if (ec) {
    return make_error(ErrorCode::kRuntime,
                      "cannot create " + paths.ssh_dir() + ": " + ec.message());
  }
  TRY(prepare_disk(ctx, paths, runner, arch));
  return prepare_seed(ctx, paths);
}

}  // namespace jrun::cli
