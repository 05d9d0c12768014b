#include "jrun/provision/setup_runner.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "jrun/base/strings.h"
#include "jrun/provision/ansible.h"
#include "jrun/provision/progress.h"

namespace jrun::provision {
namespace {

// Inside the jail: $1 = stage dir; the bundle arrives as a tar on stdin.
constexpr const char* kStageScript =
    "set -eu; rm -rf \"$1\"; mkdir -p \"$1\"; tar -x -o -f - -C \"$1\"";

Result<std::string> read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error(ErrorCode::kRuntime, "cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

/// The last `count` non-empty lines of `text`.
std::string tail_lines(const std::string& text, std::size_t count) {
  std::vector<std::string> lines;
  for (const std::string& line : split(text, '\n')) {
    if (!trim(line).empty()) lines.push_back(line);
  }
  if (lines.size() > count) lines.erase(lines.begin(), lines.end() - static_cast<long>(count));
  return join(lines, "\n");
}

std::string describe_failure(const std::vector<TaskFailure>& failures, const std::string& output) {
  if (failures.empty()) return "ansible-playbook failed:\n" + tail_lines(output, 15);
  const TaskFailure& f = failures.back();
  if (f.task.empty()) return "ansible-playbook: " + f.error;
  return "task '" + f.task + "' failed on " + f.host + ": " + f.error;
}

std::string path_component(std::string_view name) {
  std::string out(name);
  for (char& c : out) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '_' && c != '-') c = '_';
  }
  return out.empty() ? "_" : out;
}

std::string SetupRunner::log_path(const std::string& jail, const std::string& step) const {
  return log_dir_ + "/setup-" + path_component(jail) + "-" + path_component(step) + ".log";
}

Result<Bundle> SetupRunner::bundle(const model::SetupStep& step) {
  std::lock_guard lock(mu_);
  const std::string key = step.location + "#" + step.sha256.value_or("");
  if (auto it = bundles_.find(key); it != bundles_.end()) return it->second;
  Result<Bundle> made =
      step.source == model::SetupSource::kFile ? local_bundle(step.location) : cache_.fetch(step);
  if (!made)
    return std::move(made).error().with_context("playbook of setup step '" + step.name + "'");
  bundles_.emplace(key, *made);
  return made;
}

Result<std::string> step_hash(const model::SetupStep& step, PlaybookCache& cache) {
  if (step.source == model::SetupSource::kFile) {
    ASSIGN_OR_RETURN(Bundle b, local_bundle(step.location));
    return b.hash;
  }
  auto manifest = cache.manifest(step);
  if (!manifest) {
    return std::move(manifest).error().with_context("playbook of setup step '" + step.name + "'");
  }
  return manifest->hash;
}

Status SetupRunner::stage(const std::string& jail, const std::string& dir, const Bundle& bundle) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const std::string& file : bundle.files) {
    ASSIGN_OR_RETURN(std::string content, read(bundle.root + "/" + file));
    files.emplace_back(file, std::move(content));
  }
  host::Command command;
  command.argv = {"/bin/sh", "-c", kStageScript, "jrun-stage", dir};
  ASSIGN_OR_RETURN(command.stdin_data, ustar(files));
  ASSIGN_OR_RETURN(host::ProcessResult staged, host_.run_in(jail, command));
  if (staged.exit_code != 0) {
    return make_error(ErrorCode::kRuntime, "cannot copy the playbook into the jail: " +
                                               tail_lines(staged.err + staged.out, 5));
  }
  return {};
}

Status SetupRunner::run(const host::JailInstance& jail, const model::SetupStep& step) {
  const std::string& name = jail.config->name;
  ASSIGN_OR_RETURN(Bundle bundle, this->bundle(step));
  const std::string dir = std::string(kJailStageDir) + "/" + path_component(step.name);
  TRY(stage(name, dir, bundle));
  const std::string log = log_path(name, step.name);
  std::error_code ec;
  std::filesystem::create_directories(log_dir_, ec);
  std::ofstream out(log, std::ios::trunc);
  out << "# jrun setup step '" << step.name << "' of jail '" << name << "': " << step.location
      << "\n";
  AnsibleProgress parser([&](const std::string& task) {
    if (progress_) progress_(name, step.name, task);
  });
  host::Command command;
  command.argv = linux_jail_argv(dir + "/" + bundle.entry, step.vars);
  command.on_output = [&](std::string_view chunk) {
    out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    out.flush();
    parser.feed(chunk);
  };
  ASSIGN_OR_RETURN(host::ProcessResult result, host_.run_in(name, command));
  parser.finish();
  if (result.exit_code == 0) return {};
  if (result.exit_code == 127 && parser.tasks_started() == 0) {
    // Linux jails run ansible-playbook from their own /usr: a `host`-release jail sees the
    // host's (install ansible-core); a debootstrap release has none.
    return make_error(ErrorCode::kRuntime,
                      "setup step '" + step.name + "': ansible-playbook is not available inside " +
                          "jail '" + name + "' (release " +
                          (jail.release.empty() ? std::string("host") : jail.release) +
                          "): install ansible-core on the host and use release \"host\", or " +
                          "put ansible-core into the release\n  log: " + log);
  }
  if (result.exit_code == 130 || (interrupted_ && interrupted_())) {
    return make_error(ErrorCode::kInterrupted, "interrupted (log: " + log + ")");
  }
  return make_error(ErrorCode::kRuntime,
                    "setup step '" + step.name +
                        "': " + describe_failure(parser.failures(), result.out + result.err) +
                        "\n  log: " + log);
}

}  // namespace jrun::provision
