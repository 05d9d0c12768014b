#include "jrun/vm/instance_files.h"

#include "jrun/base/sha256.h"

namespace jrun::vm {

nlohmann::json record_to_json(const VmRecord& r) {
  nlohmann::json forwards = nlohmann::json::array();
  for (const PortForward& f : r.forwards) {
    forwards.push_back(
        {{"proto", f.proto}, {"bind", f.bind}, {"host", f.host_port}, {"guest", f.guest_port}});
  }
  nlohmann::json shares = nlohmann::json::array();
  for (const Share& s : r.shares) {
    shares.push_back({{"id", s.id}, {"tag", s.tag}, {"host", s.host_path}});
  }
  return {{"version", 1},          {"ssh_port", r.ssh_port}, {"forwards", forwards},
          {"shares", shares},      {"mode", r.mode},         {"started_at", r.started_at},
          {"guest_os", r.guest_os}};
}

Result<VmRecord> record_from_json(const nlohmann::json& json, const std::string& where) {
  try {
    VmRecord r;
    r.ssh_port = json.at("ssh_port").get<std::uint16_t>();
    for (const auto& f : json.at("forwards")) {
      r.forwards.push_back({f.at("proto").get<std::string>(), f.at("bind").get<std::string>(),
                            f.at("host").get<std::uint16_t>(), f.at("guest").get<std::uint16_t>()});
    }
    for (const auto& s : json.at("shares")) {
      r.shares.push_back({s.at("id").get<std::string>(), s.at("tag").get<std::string>(),
                          s.at("host").get<std::string>()});
    }
    r.mode = json.value("mode", std::string("server"));
    r.started_at = json.value("started_at", std::int64_t{0});
    r.guest_os = json.value("guest_os", std::string());
    return r;
  } catch (const nlohmann::json::exception& e) {
    return make_error(ErrorCode::kState, where + ": malformed VM record: " + e.what());
  }
}

Share share_for(const std::string& host_path) {
  const std::string tag = sha256_hex(host_path).substr(0, 10);
  return Share{"fs_" + tag, "jrun_" + tag, host_path};
}

std::string guest_share_path(const Share& share) { return "/mnt/jrun/" + share.tag; }

}  // namespace jrun::vm
