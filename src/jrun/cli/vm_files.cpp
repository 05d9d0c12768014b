#include "jrun/cli/vm_files.h"

#include <filesystem>
#include <fstream>

#include "jrun/base/strings.h"

namespace jrun::cli {
namespace {

namespace fs = std::filesystem;

Status run_ok(host::ProcessRunner& runner, std::vector<std::string> argv, const std::string& what) {
  host::Command command;
  command.argv = std::move(argv);
  ASSIGN_OR_RETURN(host::ProcessResult r, runner.run(command));
  if (r.exit_code != 0) {
    return make_error(ErrorCode::kRuntime, what + " failed: " + std::string(trim(r.err + r.out)));
  }
  return {};
}

Status prepare_disk(const Context& ctx, const vm::InstancePaths& paths,
                    host::ProcessRunner& runner) {
  if (fs::exists(paths.disk())) return {};
  const std::string& image = ctx.settings.vm.image;
  if (image.empty() || image.find("://") != std::string::npos) {
    return make_error(ErrorCode::kNotAvailable,
                      "downloading VM images is not in this build yet: set JRUN_VM_IMAGE to a "
                      "local raw disk image");
  }
  if (!fs::is_regular_file(image)) {
    return make_error(ErrorCode::kUsage, "JRUN_VM_IMAGE=" + image + ": no such file");
  }
  ctx.out->info("Creating the VM disk from " + image + "…");
  const std::string tmp = paths.disk() + ".tmp";
  TRY(run_ok(runner, {"cp", "--sparse=always", image, tmp}, "copying " + image));
  TRY(run_ok(runner, {"qemu-img", "resize", "-f", "raw", tmp, ctx.settings.vm.disk},
             "resizing the VM disk to " + ctx.settings.vm.disk));
  std::error_code ec;
  fs::rename(tmp, paths.disk(), ec);
  if (ec)
    return make_error(ErrorCode::kRuntime, "cannot create " + paths.disk() + ": " + ec.message());
  return {};
}

Status prepare_key(const vm::InstancePaths& paths, host::ProcessRunner& runner) {
  if (fs::exists(paths.key())) return {};
  return run_ok(runner,
                {"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "jrun", "-f", paths.key()},
                "generating the VM's ssh key");
}

/// YAML double-quoted scalar (the key is one line of base64 and a comment, but stay safe).
std::string yaml_quote(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') continue;
    out += c;
  }
  return out + "\"";
}

Status prepare_seed(const vm::InstancePaths& paths, host::ProcessRunner& runner) {
  if (fs::exists(paths.seed())) return {};
  std::ifstream in(paths.key() + ".pub");
  std::string pub;
  std::getline(in, pub);
  const std::string dir = paths.dir + "/seed";
  fs::create_directories(dir);
  std::ofstream(dir + "/meta-data") << "instance-id: jrun\nlocal-hostname: jrun\n";
  std::ofstream(dir + "/user-data")
      << "#cloud-config\nusers:\n  - name: admin\n    shell: /bin/sh\n"
         "    sudo: \"ALL=(ALL) NOPASSWD:ALL\"\n    doas: true\n    ssh_authorized_keys:\n      - "
      << yaml_quote(pub) << "\n";
  // TODO(wip/vmassets): the libarchive cidata ISO replaces this labelled ext4 volume.
  return run_ok(runner, {"mkfs.ext4", "-q", "-L", "cidata", "-d", dir, paths.seed(), "4M"},
                "writing the seed volume");
}

}  // namespace

Status prepare_vm_files(const Context& ctx, const vm::InstancePaths& paths,
                        host::ProcessRunner& runner) {
  std::error_code ec;
  fs::create_directories(paths.ssh_dir(), ec);
  if (ec)
    return make_error(ErrorCode::kRuntime,
                      "cannot create " + paths.ssh_dir() + ": " + ec.message());
  TRY(prepare_disk(ctx, paths, runner));
  TRY(prepare_key(paths, runner));
  return prepare_seed(paths, runner);
}

}  // namespace jrun::cli
