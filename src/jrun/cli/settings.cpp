#include "jrun/cli/settings.h"

#include <cctype>
#include <charconv>

#include "jrun/base/ipv4.h"
#include "jrun/base/strings.h"

namespace jrun::cli {
namespace {

std::string get(const std::map<std::string, std::string>& env, const std::string& name) {
  auto it = env.find(name);
  return it == env.end() ? std::string() : it->second;
}

Error bad_setting(const std::string& name, const std::string& value, const std::string& want) {
  return make_error(ErrorCode::kUsage, name + "=" + value + " is not valid: expected " + want);
}

// Seconds, optionally suffixed with ms, s, min or h ("2", "2s", "500ms", "1min").
Result<double> parse_seconds(const std::string& name, const std::string& text) {
  double value = 0;
  const char* end = text.data() + text.size();
  auto [rest, ec] = std::from_chars(text.data(), end, value);
  std::string_view unit(rest, static_cast<std::size_t>(end - rest));
  double scale = unit.empty() || unit == "s" ? 1
                 : unit == "ms"              ? 0.001
                 : unit == "min"             ? 60
                 : unit == "h"               ? 3600
                                             : -1;
  if (ec != std::errc() || scale < 0 || value <= 0) {
    return bad_setting(name, text, "a positive duration such as 30s, 500ms or 2min");
  }
  return value * scale;
}

bool name_chars(const std::string& name, std::size_t max) {
  if (name.empty() || name.size() > max) return false;
  for (const char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-') {
      return false;
    }
  }
  return true;
}

Status load_freebsd_settings(const std::map<std::string, std::string>& env, Settings& s) {
  s.freebsd_uplink = get(env, "JRUN_FREEBSD_UPLINK");
  if (!s.freebsd_uplink.empty() && !name_chars(s.freebsd_uplink, 15)) {
    return bad_setting("JRUN_FREEBSD_UPLINK", s.freebsd_uplink, "an interface name such as em0");
  }
  s.freebsd_zpool = get(env, "JRUN_FREEBSD_ZPOOL");
  if (!s.freebsd_zpool.empty() && !name_chars(s.freebsd_zpool, 255)) {
    return bad_setting("JRUN_FREEBSD_ZPOOL", s.freebsd_zpool, "a ZFS pool name such as zroot");
  }
  s.freebsd_dns = get(env, "JRUN_FREEBSD_DNS");
  for (const std::string& address : split(s.freebsd_dns, ',')) {
    if (!s.freebsd_dns.empty() && !parse_ipv4(address)) {
      return bad_setting("JRUN_FREEBSD_DNS", s.freebsd_dns,
                         "IPv4 resolvers separated by commas, such as 192.0.2.53,192.0.2.54");
    }
  }
  return {};
}

bool valid_bridge(const std::string& name) {
  if (name.size() > 15 || name.front() == '-') return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

}  // namespace

Result<Settings> load_settings(const std::map<std::string, std::string>& env,
                               const std::string& host_os) {
  Settings s;
  s.user_home = get(env, "HOME");
  if (s.user_home.empty()) s.user_home = "/root";
  s.home = get(env, "JRUN_HOME");
  if (s.home.empty()) s.home = s.user_home + "/.jrun";

  s.provider = get(env, "JRUN_PROVIDER");
  if (s.provider.empty()) s.provider = host_os == "FreeBSD" ? "local" : "vm";
  if (s.provider != "vm" && s.provider != "local") {
    return bad_setting("JRUN_PROVIDER", s.provider, "vm or local");
  }
  if (std::string subnet = get(env, "JRUN_SUBNET"); !subnet.empty()) {
    auto parsed = parse_subnet(subnet);
    if (!parsed) return bad_setting("JRUN_SUBNET", subnet, "an IPv4 subnet such as 10.17.89.0/24");
    s.subnet = format_subnet(*parsed);
    s.gateway = format_ipv4(parsed->gateway());
  }
  if (std::string cycle = get(env, "JRUN_MONIT_CYCLE"); !cycle.empty()) {
    ASSIGN_OR_RETURN(s.monit_cycle, parse_seconds("JRUN_MONIT_CYCLE", cycle));
  }
  if (std::string timeout = get(env, "JRUN_LOCK_TIMEOUT"); !timeout.empty()) {
    ASSIGN_OR_RETURN(s.lock_timeout, parse_seconds("JRUN_LOCK_TIMEOUT", timeout));
  }
  if (std::string trace = get(env, "JRUN_TRACE"); !trace.empty()) {
    if (trace != "0" && trace != "1") return bad_setting("JRUN_TRACE", trace, "0 or 1");
    s.trace = trace == "1";
  }
  s.bridge = get(env, "JRUN_BRIDGE");
  if (!s.bridge.empty() && !valid_bridge(s.bridge)) {
    return bad_setting("JRUN_BRIDGE", s.bridge, "1-15 characters of a-z, 0-9 and -");
  }
  if (std::string hub = get(env, "JRUN_HUB_RAW_URL"); !hub.empty()) {
    while (!hub.empty() && hub.back() == '/') hub.pop_back();
    if (hub.rfind("https://", 0) != 0 && hub.rfind("http://", 0) != 0 &&
        hub.rfind("file://", 0) != 0) {
      return bad_setting("JRUN_HUB_RAW_URL", hub, "an http://, https:// or file:// URL");
    }
    s.hub_raw_url = hub;
  }
  s.driver = get(env, "JRUN_DRIVER");
  if (s.driver.empty()) s.driver = host_os == "FreeBSD" ? "freebsd" : "linux";
  if (s.driver != "linux" && s.driver != "freebsd") {
    return bad_setting("JRUN_DRIVER", s.driver, "linux or freebsd");
  }
  s.host_root = get(env, "JRUN_HOST_ROOT");
  if (!s.host_root.empty() && (s.host_root.front() != '/' || s.host_root == "/")) {
    return bad_setting("JRUN_HOST_ROOT", s.host_root, "an absolute directory other than /");
  }
  TRY(load_freebsd_settings(env, s));
  TRY(load_vm_settings(env, s.vm));
  return s;
}

}  // namespace jrun::cli
