#include "jrun/cli/host_ports.h"

#include <set>
#include <tuple>

namespace jrun::cli {
namespace {

using Json = nlohmann::ordered_json;
using Key = std::tuple<bool, int>;  // udp, port

// (proto, host port) of every forward the state holds.
std::set<Key> recorded_ports(const state::State& recorded) {
  std::set<Key> out;
  for (const auto& [name, record] : recorded.jails) {
    auto forwards = record.spec.find("forwards");
    if (forwards == record.spec.end() || !forwards->is_object()) continue;
    for (const auto& [forward, item] : forwards->items()) {
      if (!item.is_object()) continue;
      const Json& host = item.contains("host") ? item["host"] : Json();
      if (!host.is_number_integer()) continue;
      out.insert({item.value("proto", "tcp") == "udp", host.get<int>()});
    }
  }
  return out;
}

}  // namespace

bool listener_overlaps(const std::string& address, const std::string& bind) {
  return address == bind || address == "0.0.0.0" || address == "::" || bind == "0.0.0.0";
}

std::vector<Diagnostic> forwards_on_taken_ports(const model::Config& config,
                                                const state::State& recorded,
                                                const std::vector<sys::ListeningSocket>& sockets) {
  const std::set<Key> ours = recorded_ports(recorded);
  std::vector<Diagnostic> out;
  for (const model::Jail& jail : config.jails) {
    for (const model::Forward& f : jail.forwards) {
      const bool udp = f.proto == model::Proto::kUdp;
      if (f.host == 0 || ours.count({udp, int{f.host}}) != 0) continue;
      for (const sys::ListeningSocket& socket : sockets) {
        if (socket.udp != udp || socket.port != f.host) continue;
        if (socket.address == "v6" || socket.address == "::1" ||
            !listener_overlaps(socket.address, f.bind)) {
          continue;
        }
        const std::string port = std::string(udp ? "udp" : "tcp") + "/" + std::to_string(f.host);
        out.push_back(
            {f.host_loc, "jail." + jail.name + ".forward." + f.name + ".host",
             port + " is in use on this host (something listens on " + socket.address + ":" +
                 std::to_string(f.host) + "); the forward would take it over",
             "pick a free host port (see: ss -ltnup 'sport = :" + std::to_string(f.host) + "')"});
        break;
      }
    }
  }
  return out;
}

Status check_forward_ports(const LoadedConfig& loaded, const state::State& recorded) {
  std::vector<Diagnostic> problems =
      forwards_on_taken_ports(loaded.config, recorded, sys::listening_sockets());
  if (problems.empty()) return {};
  sort_diagnostics(problems);
  std::string text = render_diagnostics(loaded.sources, problems);
  const std::size_t count = problems.size();
  text += std::to_string(count) + (count == 1 ? " problem" : " problems") + " found\n";
  return make_error(ErrorCode::kConfig, std::move(text));
}

}  // namespace jrun::cli
