#include "jrun/base/ipv4.h"

#include <charconv>

namespace jrun {

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
  std::uint32_t address = 0;
  for (int part = 0; part < 4; ++part) {
    if (part != 0) {
      if (text.empty() || text.front() != '.') return std::nullopt;
      text.remove_prefix(1);
    }
    std::size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (digits == 0 || digits > 3 || (digits > 1 && text.front() == '0')) return std::nullopt;
    unsigned value = 0;
    std::from_chars(text.data(), text.data() + digits, value);
    if (value > 255) return std::nullopt;
    address = (address << 8) | value;
    text.remove_prefix(digits);
  }
  if (!text.empty()) return std::nullopt;
  return address;
}

std::string format_ipv4(std::uint32_t address) {
  return std::to_string(address >> 24) + '.' + std::to_string((address >> 16) & 255) + '.' +
         std::to_string((address >> 8) & 255) + '.' + std::to_string(address & 255);
}

std::optional<Subnet> parse_subnet(std::string_view text) {
  std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  auto address = parse_ipv4(text.substr(0, slash));
  std::string_view bits = text.substr(slash + 1);
  unsigned prefix = 0;
  auto [end, ec] = std::from_chars(bits.data(), bits.data() + bits.size(), prefix);
  if (!address || ec != std::errc() || end != bits.data() + bits.size() || bits.empty()) {
    return std::nullopt;
  }
  if (prefix < 8 || prefix > 30) return std::nullopt;
  Subnet subnet{*address, prefix};
  if ((*address & subnet.mask()) != *address) return std::nullopt;
  return subnet;
}

std::string format_subnet(const Subnet& subnet) {
  return format_ipv4(subnet.network) + '/' + std::to_string(subnet.prefix);
}

}  // namespace jrun
