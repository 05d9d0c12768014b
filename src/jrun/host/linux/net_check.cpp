#include "jrun/host/linux/net_check.h"

#include <optional>
#include <stdexcept>

#include "jrun/base/ipv4.h"

namespace jrun::host::linux_driver {

std::string checked_ipv4(std::string_view text) {
  const std::optional<std::uint32_t> address = parse_ipv4(text);
  if (!address) throw std::invalid_argument("not an IPv4 address: " + std::string(text));
  return format_ipv4(*address);
}

std::string checked_name(std::string_view text) {
  bool ok = !text.empty() && text.size() <= 63 && text.front() != '-';
  for (const char c : text) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
  }
  if (!ok) throw std::invalid_argument("not a valid name: " + std::string(text));
  return std::string(text);
}

std::uint32_t subnet_prefix(std::string_view subnet) {
  const std::optional<Subnet> parsed = parse_subnet(subnet);
  if (!parsed) throw std::invalid_argument("not a subnet: " + std::string(subnet));
  return parsed->prefix;
}

std::string checked_subnet(std::string_view subnet) {
  const std::optional<Subnet> parsed = parse_subnet(subnet);
  if (!parsed) throw std::invalid_argument("not a subnet: " + std::string(subnet));
  return format_subnet(*parsed);
}

bool is_loopback_ipv4(std::string_view text) {
  const std::optional<std::uint32_t> address = parse_ipv4(text);
  return address && (*address >> 24) == 127;
}

}  // namespace jrun::host::linux_driver
