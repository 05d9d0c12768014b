#include "jrun/host/freebsd/probe.h"

#include <algorithm>
#include <charconv>
#include <nlohmann/json.hpp>

#include "jrun/base/strings.h"
#include "jrun/host/linux/supervision.h"

namespace jrun::host::freebsd_driver {
namespace {

constexpr std::string_view kPrefix = "jrun-";

std::uint64_t to_number(std::string_view text) {
  std::uint64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// `--- name rest` → {"name", "rest"}.
std::pair<std::string, std::string> section_of(std::string_view line) {
  std::string_view rest = line.substr(4);
  const std::size_t space = rest.find(' ');
  if (space == std::string_view::npos) return {std::string(rest), ""};
  return {std::string(rest.substr(0, space)), std::string(rest.substr(space + 1))};
}

void parse_zfs_line(const std::string& line, const std::string& jails_dataset,
                    FreeBsdProbe& probe) {
  const std::vector<std::string> fields = split(line, '\t');
  if (fields.size() < 2 || fields[0].rfind(jails_dataset + "/", 0) != 0) return;
  const std::string name = fields[0].substr(jails_dataset.size() + 1);
  if (name.empty() || name.find('/') != std::string::npos) return;
  ProbedJail& jail = probe.jails[name];
  jail.exists = true;
  jail.used = to_number(fields[1]);
}

// jls(8) prints parameters named on its command line through quoted_print() with a "%s"
// format (usr.sbin/jls/jls.c), so libxo's JSON has "jid":"3"; its default output has 3.
int jid_of(const nlohmann::json& jail) {
  const auto jid = jail.find("jid");
  if (jid == jail.end()) return 0;
  if (jid->is_number_integer()) return jid->get<int>();
  if (!jid->is_string()) return 0;
  const std::string text = jid->get<std::string>();
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() ? value : 0;
}

}  // namespace

Result<std::map<std::string, int>> parse_jls_json(std::string_view json) {
  const auto doc = nlohmann::json::parse(json, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) {
    return make_error(ErrorCode::kRuntime, "jls printed something that is not JSON");
  }
  std::map<std::string, int> out;
  const auto info = doc.find("jail-information");
  if (info == doc.end() || !info->is_object()) return out;
  const auto jails = info->find("jail");
  if (jails == info->end() || !jails->is_array()) return out;
  for (const auto& jail : *jails) {
    if (!jail.is_object() || !jail.contains("name") || !jail["name"].is_string()) continue;
    const std::string name = jail["name"].get<std::string>();
    if (name.rfind(kPrefix, 0) != 0) continue;
    out[name.substr(kPrefix.size())] = jid_of(jail);
  }
  return out;
}

Result<FreeBsdProbe> parse_probe(std::string_view out, const std::string& jails_dataset) {
  FreeBsdProbe probe;
  std::string section;
  std::string arg;
  std::string jls_text;
  std::map<std::string, std::string> monit_text;
  for (const std::string& line : split(out, '\n')) {
    if (line.rfind("--- ", 0) == 0) {
      std::tie(section, arg) = section_of(line);
      continue;
    }
    if (section == "jls") jls_text += line + "\n";
    if (section == "zfs") parse_zfs_line(line, jails_dataset, probe);
    if (section == "host" && !trim(line).empty()) probe.host_facts.emplace_back(trim(line));
    if (section == "monit") monit_text[arg] += line + "\n";
  }
  ASSIGN_OR_RETURN(auto running, parse_jls_json(jls_text.empty() ? "{}" : jls_text));
  for (const auto& [name, jid] : running) {
    probe.jails[name].running = true;
    probe.jails[name].jid = jid;
  }
  for (const auto& [name, text] : monit_text) {
    if (probe.jails.count(name) != 0) {
      probe.jails[name].services = linux_driver::parse_monit_status(text);
    }
  }
  return probe;
}

Result<FreeBsdLayout> with_host_facts(FreeBsdLayout layout, std::string_view facts) {
  std::string uplink, root_pool;
  std::vector<std::string> pools, resolvers;
  for (const std::string& line : split(facts, '\n')) {
    const std::size_t space = line.find(' ');
    if (space == std::string::npos) continue;
    const std::string key = line.substr(0, space);
    const std::string value(trim(line.substr(space + 1)));
    if (value.empty()) continue;
    if (key == "uplink") uplink = value;
    if (key == "rootds") root_pool = value.substr(0, value.find('/'));
    if (key == "pool") pools.push_back(value);
    const bool loopback = value.rfind("127.", 0) == 0 || value == "::1";
    if (key == "dns" && !loopback) resolvers.push_back(value);
  }
  if (layout.ext_if.empty()) {
    if (uplink.empty()) {
      return make_error(
          ErrorCode::kConfig,
          "this host has no default route (`route -n get default` names no "
          "interface): set JRUN_FREEBSD_UPLINK to the interface for NAT and forwards");
    }
    layout.ext_if = uplink;
  }
  if (layout.zpool.empty()) {
    if (!root_pool.empty()) {
      layout.zpool = root_pool;
    } else if (pools.size() == 1) {
      layout.zpool = pools.front();
    } else {
      return make_error(ErrorCode::kConfig,
                        "cannot choose a ZFS pool for the jails (/ is not on ZFS; pools: " +
                            (pools.empty() ? std::string("none") : join(pools, ", ")) +
                            "): set JRUN_FREEBSD_ZPOOL");
    }
  }
  if (layout.upstream_dns.empty()) layout.upstream_dns = join(resolvers, ",");
  return layout;
}

std::vector<Snapshot> parse_snapshots(std::string_view out, const std::string& dataset) {
  std::vector<Snapshot> snapshots;
  for (const std::string& line : split(out, '\n')) {
    const std::vector<std::string> fields = split(line, '\t');
    if (fields.size() < 3) continue;
    const std::size_t at = fields[0].find('@');
    if (at == std::string::npos) continue;
    const std::string owner = fields[0].substr(0, at);
    const std::string name = fields[0].substr(at + 1);
    if (name.rfind(kPrefix, 0) == 0) continue;
    if (owner != dataset && owner.rfind(dataset + "/", 0) != 0) continue;
    auto it = std::find_if(snapshots.begin(), snapshots.end(),
                           [&](const Snapshot& s) { return s.name == name; });
    if (it == snapshots.end()) {
      snapshots.push_back({name, 0, static_cast<std::int64_t>(to_number(fields[2]))});
      it = snapshots.end() - 1;
    }
    it->used += to_number(fields[1]);
  }
  return snapshots;
}

}  // namespace jrun::host::freebsd_driver
