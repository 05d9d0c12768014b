#include "jrun/cli/run.h"

#include <sys/utsname.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "jrun/base/strings.h"
#include "jrun/cli/table.h"
#include "jrun/sys/environment.h"

namespace jrun::cli {
namespace {

int exit_code(ErrorCode code) {
  switch (code) {
    case ErrorCode::kUsage:
    case ErrorCode::kConfig:
      return 2;
    case ErrorCode::kInterrupted:
      return 130;
    case ErrorCode::kRuntime:
    case ErrorCode::kState:
    case ErrorCode::kNotAvailable:
      return 1;
  }
  return 1;
}

// Config errors arrive already rendered (diagnostics with carets); others are one line plus
// context, outermost first ("while planning 'stack.ucl': ...").
void report(Output& out, const Error& error) {
  if (error.code == ErrorCode::kConfig) {
    out.error_text(error.message);
    return;
  }
  std::string message = error.message;
  for (const std::string& context : error.context) message = context + ": " + message;
  out.error(message);
}

std::string host_os() {
  struct utsname name {};
  if (::uname(&name) != 0) return "Linux";
  return name.sysname;
}

}  // namespace

int run(int argc, char** argv) {
  bool color = sys::is_terminal(2) && std::getenv("NO_COLOR") == nullptr;
  Output out(stdout, stderr, color);
  auto chosen = std::make_shared<Action>();
  std::unique_ptr<CLI::App> app = make_app(chosen);
  try {
    app->parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app->exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app->exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app->exit(e);
  } catch (const CLI::ParseError& e) {
    out.error(e.what());
    out.error_text("Run 'jrun --help' for usage.\n");
    return 2;
  }

  Context ctx;
  ctx.env = sys::environment();
  ctx.cwd = sys::current_dir();
  ctx.out = &out;
  ctx.interactive = sys::is_terminal(0) && sys::is_terminal(1);
  auto settings = load_settings(ctx.env, host_os());
  if (!settings) {
    report(out, settings.error());
    return exit_code(settings.error().code);
  }
  ctx.settings = std::move(*settings);

  if (!*chosen) {
    // No command: the interactive shell of SPEC §3.
    *chosen = [](Context& c) { return cmd_not_available(c, "the interactive shell"); };
  }
  Result<int> result = (*chosen)(ctx);
  if (!result) {
    report(out, result.error());
    return exit_code(result.error().code);
  }
  return *result;
}

}  // namespace jrun::cli
