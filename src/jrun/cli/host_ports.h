#pragma once
// A forward must not take over a host port that something else listens on (issue 15 item 8):
// its DNAT would silently answer in that server's place. `plan` and `up` refuse such forwards
// before anything changes; `doctor` reports recorded forwards that something else now holds.

#include <string>
#include <vector>

#include "jrun/base/diagnostic.h"
#include "jrun/base/result.h"
#include "jrun/cli/config_loader.h"
#include "jrun/model/config.h"
#include "jrun/state/state.h"
#include "jrun/sys/listening.h"

namespace jrun::cli {

/// True when a listener on `address` receives what a forward bound to `bind` would take:
/// the same address, a wildcard listener (0.0.0.0, ::), or a forward on every address.
bool listener_overlaps(const std::string& address, const std::string& bind);

/// One diagnostic (at the forward's `host` value) per forward of `config` whose host port
/// something listens on, except the forwards `recorded` already holds (jrun's own: the VM
/// provider's QEMU listens on them). Pure.
std::vector<Diagnostic> forwards_on_taken_ports(const model::Config& config,
                                                const state::State& recorded,
                                                const std::vector<sys::ListeningSocket>& sockets);

/// forwards_on_taken_ports over this machine's listening sockets: a kConfig error naming every
/// such forward at file:line:col, or success.
Status check_forward_ports(const LoadedConfig& loaded, const state::State& recorded);

}  // namespace jrun::cli
