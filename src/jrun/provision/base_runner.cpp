#include "jrun/provision/base_runner.h"

#include <filesystem>
#include <fstream>

#include "jrun/provision/progress.h"
#include "jrun/provision/setup_runner.h"

namespace jrun::provision {

std::string base_log_path(const std::string& log_dir, const std::string& step) {
  return log_dir + "/base-" + path_component(step) + ".log";
}

Status run_base_step(const BaseStepContext& ctx, const model::SetupStep& step,
                     const Bundle& bundle) {
  const std::string log = base_log_path(ctx.log_dir, step.name);
  std::error_code ec;
  std::filesystem::create_directories(ctx.log_dir, ec);
  std::ofstream out(log, std::ios::trunc);
  out << "# jrun base setup step '" << step.name << "': " << step.location << "\n";
  AnsibleProgress parser([&](const std::string& task) {
    if (ctx.progress) ctx.progress(step.name, task);
  });
  host::Command command = vm_command(bundle.root + "/" + bundle.entry, step.vars, ctx.vm);
  command.on_output = [&](std::string_view chunk) {
    out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    out.flush();
    parser.feed(chunk);
  };
  auto result = ctx.runner->run(command);
  if (!result) {
    return std::move(result).error().with_context("base setup step '" + step.name +
                                                  "' (is ansible-playbook installed?)");
  }
  parser.finish();
  if (result->exit_code == 0) return {};
  if (result->exit_code == 130 || (ctx.interrupted && ctx.interrupted())) {
    return make_error(ErrorCode::kInterrupted, "interrupted (log: " + log + ")");
  }
  return make_error(ErrorCode::kRuntime,
                    "base setup step '" + step.name +
                        "': " + describe_failure(parser.failures(), result->out + result->err) +
                        "\n  log: " + log);
}

}  // namespace jrun::provision
