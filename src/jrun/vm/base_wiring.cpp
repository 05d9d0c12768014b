#include "jrun/vm/base_wiring.h"

#include <algorithm>

#include "jrun/base/strings.h"
#include "jrun/vm/instance_files.h"
#include "jrun/vm/vm_host.h"

namespace jrun::vm {
namespace {

using Json = nlohmann::ordered_json;

bool same_port(const PortForward& a, const PortForward& b) {
  return a.proto == b.proto && a.host_port == b.host_port;
}

Result<std::uint16_t> port_of(const Json& item, const char* key) {
  auto it = item.find(key);
  if (it == item.end() || !it->is_number_integer() || it->get<int>() < 1 ||
      it->get<int>() > 65535) {
    return make_error(ErrorCode::kState,
                      std::string("state: base forward has no valid '") + key + "'");
  }
  return static_cast<std::uint16_t>(it->get<int>());
}

Result<std::string> string_of(const Json& item, const char* key) {
  auto it = item.find(key);
  if (it == item.end() || !it->is_string()) {
    return make_error(ErrorCode::kState, std::string("state: base record has no '") + key + "'");
  }
  return it->get<std::string>();
}

}  // namespace

BaseWiring base_wiring(const model::Config& config, const std::string& config_path) {
  BaseWiring wiring;
  wiring.config = config_path;
  if (!config.base) return wiring;
  for (const model::BaseForward& f : config.base->forwards) {
    wiring.forwards.push_back(
        {std::string(model::proto_name(f.proto)), "127.0.0.1", f.host, f.target});
  }
  for (const model::BaseMount& m : config.base->mounts) {
    wiring.mounts.push_back({share_for(m.host), m.target});
  }
  return wiring;
}

Json base_wiring_to_json(const BaseWiring& wiring) {
  Json json = Json::object();
  json["config"] = wiring.config;
  json["forwards"] = Json::array();
  for (const PortForward& f : wiring.forwards) {
    json["forwards"].push_back(
        Json{{"proto", f.proto}, {"host", f.host_port}, {"target", f.guest_port}});
  }
  json["mounts"] = Json::array();
  for (const BaseMountPoint& m : wiring.mounts) {
    json["mounts"].push_back(Json{{"host", m.share.host_path}, {"target", m.target}});
  }
  return json;
}

Result<BaseWiring> base_wiring_from_json(const Json& json) {
  BaseWiring wiring;
  if (json.is_null()) return wiring;
  if (!json.is_object())
    return make_error(ErrorCode::kState, "state: base record is not an object");
  ASSIGN_OR_RETURN(wiring.config, string_of(json, "config"));
  for (const Json& item : json.value("forwards", Json::array())) {
    PortForward f;
    ASSIGN_OR_RETURN(f.proto, string_of(item, "proto"));
    if (f.proto != "tcp" && f.proto != "udp") {
      return make_error(ErrorCode::kState, "state: base forward proto '" + f.proto + "'");
    }
    ASSIGN_OR_RETURN(f.host_port, port_of(item, "host"));
    ASSIGN_OR_RETURN(f.guest_port, port_of(item, "target"));
    wiring.forwards.push_back(f);
  }
  for (const Json& item : json.value("mounts", Json::array())) {
    ASSIGN_OR_RETURN(std::string host, string_of(item, "host"));
    ASSIGN_OR_RETURN(std::string target, string_of(item, "target"));
    wiring.mounts.push_back({share_for(host), target});
  }
  return wiring;
}

std::vector<Share> base_shares(const BaseWiring& wiring) {
  std::vector<Share> shares;
  for (const BaseMountPoint& m : wiring.mounts) {
    if (std::find(shares.begin(), shares.end(), m.share) == shares.end()) {
      shares.push_back(m.share);
    }
  }
  return shares;
}

std::vector<PortForward> merge_forwards(std::vector<PortForward> forwards,
                                        const std::vector<PortForward>& previous_base,
                                        const std::vector<PortForward>& base) {
  std::erase_if(forwards, [&](const PortForward& f) {
    return std::find(previous_base.begin(), previous_base.end(), f) != previous_base.end();
  });
  const std::size_t jails = forwards.size();
  for (const PortForward& b : base) {
    bool taken = false;
    for (std::size_t i = 0; i < jails; ++i) taken |= same_port(forwards[i], b);
    if (!taken) forwards.push_back(b);
  }
  return forwards;
}

std::string base_mounts_script(const std::vector<BaseMountPoint>& mounts, bool freebsd_guest) {
  std::string script = mount_shares_script(base_shares({"", {}, mounts}), freebsd_guest);
  script += "# base mounts at their targets\n";
  for (const BaseMountPoint& m : mounts) {
    const std::string from = shell_quote(guest_share_path(m.share));
    const std::string to = shell_quote(m.target);
    script += "mkdir -p " + to + "\n";
    if (freebsd_guest) {
      script += "mount -p | awk -v d=" + to + " '$2 == d { found = 1 } END { exit !found }' || " +
                "mount -t nullfs " + from + " " + to + "\n";
    } else {
      script += "mountpoint -q " + to + " || mount --bind " + from + " " + to + "\n";
    }
  }
  return script;
}

}  // namespace jrun::vm
