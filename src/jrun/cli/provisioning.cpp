#include "jrun/cli/provisioning.h"

#include "jrun/cli/provider.h"
#include "jrun/sys/http.h"

namespace jrun::cli {

Result<std::string> HttpFetcher::get(const std::string& url) { return sys::http_get(url); }

Playbooks::Playbooks(Context& ctx)
    : cache(ctx.settings.home + "/playbooks", ctx.settings.hub_raw_url, fetcher,
            [out = ctx.out](const std::string& line) { out->info(line); }) {}

Status observe_playbooks(const model::Config& config, provision::PlaybookCache& cache,
                         plan::Observed& observed, Output& out) {
  for (const model::Jail& jail : config.jails) {
    for (const model::SetupStep& step : jail.setup) {
      if (observed.playbook_hashes.count(step.location) != 0) continue;
      auto hash = provision::step_hash(step, cache);
      if (hash) {
        observed.playbook_hashes[step.location] = *hash;
      } else if (step.source == model::SetupSource::kFile ||
                 hash.error().code != ErrorCode::kRuntime) {
        return std::move(hash).error().with_context("jail '" + jail.name + "'");
      } else {
        // Unreachable hub: plan on without knowing whether the playbook changed. A step that
        // must run fails later, before anything runs, when its files cannot be fetched.
        out.warning(jail.name + ": cannot check " + step.location +
                    " for changes: " + hash.error().message);
      }
    }
  }
  return {};
}

Status prefetch_playbooks(const plan::Plan& plan, const model::Config& config,
                          provision::SetupRunner& runner) {
  for (const plan::JailStep& step : plan.jails) {
    const model::Jail* jail = config.find(step.name);
    if (jail == nullptr || step.action == plan::Action::kDestroy) continue;
    for (const model::SetupStep& setup : jail->setup) {
      bool planned = false;
      for (const std::string& name : step.provision) planned |= name == setup.name;
      if (!planned) continue;
      auto bundle = runner.bundle(setup);
      if (!bundle) return std::move(bundle).error().with_context("jail '" + step.name + "'");
    }
  }
  return {};
}

std::unique_ptr<provision::SetupRunner> make_setup_runner(Context& ctx, host::JailHost& host,
                                                          provision::PlaybookCache& cache) {
  Output* out = ctx.out;
  auto runner = std::make_unique<provision::SetupRunner>(
      host, cache, ctx.settings.home + "/logs",
      [out](const std::string& jail, const std::string& step, const std::string& task) {
        out->info(jail + ": setup '" + step + "': " + task);
      });
  runner->set_interrupted([] { return interrupt_flag().load(); });
  return runner;
}

}  // namespace jrun::cli
