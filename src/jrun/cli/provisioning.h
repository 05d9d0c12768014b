#pragma once
// Setup steps in the cli: the playbook cache over the real HTTP client, step hashes for the
// planner, and the runner the engine calls.

#include <memory>
#include <string>

#include "jrun/cli/commands.h"
#include "jrun/engine/engine.h"
#include "jrun/plan/plan.h"
#include "jrun/provision/cache.h"
#include "jrun/provision/setup_runner.h"

namespace jrun::cli {

/// provision::Fetcher over sys::http_get.
class HttpFetcher final : public provision::Fetcher {
 public:
  Result<std::string> get(const std::string& url) override;
};

/// The playbook cache of $JRUN_HOME/playbooks, reached through JRUN_HUB_RAW_URL.
struct Playbooks {
  explicit Playbooks(Context& ctx);
  HttpFetcher fetcher;
  provision::PlaybookCache cache;
};

/// Adds the hash of every setup step's playbook files to `observed` (a downloaded step's
/// manifest is fetched; a pinned one in the cache is not). A manifest that cannot be fetched
/// or checked is a warning on `out` (the step's hash stays unknown); a local playbook that
/// cannot be read, or an unusable URL, is an error.
Status observe_playbooks(const model::Config& config, provision::PlaybookCache& cache,
                         plan::Observed& observed, Output& out);

/// Fetches and verifies the playbooks of every setup step the plan runs, before anything runs:
/// a tampered or unreachable playbook stops the whole `up`.
Status prefetch_playbooks(const plan::Plan& plan, const model::Config& config,
                          provision::SetupRunner& runner);

/// A runner printing "jail: setup 'step': task" progress lines, logging to $JRUN_HOME/logs.
std::unique_ptr<provision::SetupRunner> make_setup_runner(Context& ctx, host::JailHost& host,
                                                          provision::PlaybookCache& cache);

}  // namespace jrun::cli
