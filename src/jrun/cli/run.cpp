#include "jrun/cli/run.h"

#include <signal.h>
#include <sys/utsname.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "jrun/base/strings.h"
#include "jrun/cli/provider.h"
#include "jrun/cli/table.h"
#include "jrun/cli/trace.h"
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

// Ctrl-C or SIGTERM: stop starting work; the process runner stops running children.
extern "C" void on_interrupt(int /*signal*/) { interrupt_flag().store(true); }

void install_interrupt_handler() {
  struct sigaction action {};
  action.sa_handler = on_interrupt;
  ::sigemptyset(&action.sa_mask);
  ::sigaction(SIGINT, &action, nullptr);
  ::sigaction(SIGTERM, &action, nullptr);
}

std::string host_os() {
  struct utsname name {};
  if (::uname(&name) != 0) return "Linux";
  return name.sysname;
}

// The environment, settings and terminal facts every command gets; `provider` is the global
// --provider flag ("" = not given).
Result<Context> make_context(Output& out, const std::string& provider) {
  Context ctx;
  ctx.env = sys::environment();
  ctx.cwd = sys::current_dir();
  ctx.out = &out;
  ctx.interactive = sys::is_terminal(0) && sys::is_terminal(1);
  ctx.host_os = host_os();
  ASSIGN_OR_RETURN(ctx.settings, load_settings(ctx.env, ctx.host_os));
  if (!provider.empty()) ctx.settings.provider = provider;
  if (ctx.settings.trace) trace().enable(&out);
  return ctx;
}

}  // namespace

int dispatch(Context& ctx, const std::vector<std::string>& words) {
  auto chosen = std::make_shared<Action>();
  auto provider = std::make_shared<std::string>();
  std::unique_ptr<CLI::App> app = make_app(chosen, provider);
  std::vector<std::string> reversed(words.rbegin(), words.rend());  // CLI11 parses a reversed list
  try {
    app->parse(reversed);
  } catch (const CLI::CallForHelp& e) {
    return app->exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app->exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app->exit(e);
  } catch (const CLI::ParseError& e) {
    ctx.out->error(e.what());
    return 2;
  }
  if (!*chosen) return 0;
  const std::string saved_provider = ctx.settings.provider;
  if (!provider->empty()) ctx.settings.provider = *provider;
  interrupt_flag().store(false);
  Result<int> result = (*chosen)(ctx);
  ctx.settings.provider = saved_provider;
  const bool interrupted = interrupt_flag().exchange(false);
  if (!result) {
    report(*ctx.out, result.error());
    return exit_code(result.error().code);
  }
  return interrupted && *result == 0 ? 130 : *result;
}

int run(int argc, char** argv) {
  bool color = sys::is_terminal(2) && std::getenv("NO_COLOR") == nullptr;
  Output out(stdout, stderr, color);
  if (argc >= 2 && std::string(argv[1]) == "__complete") {
    // The completion scripts' callback: the words are data, never parsed as a command.
    auto ctx = make_context(out, "");
    if (!ctx) return 0;
    CompleteArgs args{std::vector<std::string>(argv + 2, argv + argc)};
    auto done = cmd_complete(*ctx, args);
    return done ? *done : 0;
  }
  auto chosen = std::make_shared<Action>();
  auto provider = std::make_shared<std::string>();
  std::unique_ptr<CLI::App> app = make_app(chosen, provider);
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

  auto ctx = make_context(out, *provider);
  if (!ctx) {
    report(out, ctx.error());
    return exit_code(ctx.error().code);
  }

  if (!*chosen) {
    // No command: the interactive shell of SPEC §3.
    *chosen = [](Context& c) { return cmd_shell(c); };
  }
  install_interrupt_handler();
  Result<int> result = (*chosen)(*ctx);
  if (!result) {
    report(out, result.error());
    return exit_code(result.error().code);
  }
  if (interrupt_flag().load() && *result == 0) return 130;
  return *result;
}

}  // namespace jrun::cli
