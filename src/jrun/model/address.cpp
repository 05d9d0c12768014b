#include "jrun/model/address.h"

#include <charconv>

namespace jrun::model {
namespace {

// Reads one decimal number of at most `max` from the front of `text`; no sign, no leading zero.
std::optional<std::uint32_t> take_number(std::string_view& text, std::uint32_t max) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || digits > 3 || (digits > 1 && text[0] == '0')) return std::nullopt;
  std::uint32_t value = 0;
  std::from_chars(text.data(), text.data() + digits, value);
  if (value > max) return std::nullopt;
  text.remove_prefix(digits);
  return value;
}

}  // namespace

std::optional<std::uint32_t> parse_ipv4(std::string_view text) {
  std::uint32_t address = 0;
  for (int i = 0; i < 4; ++i) {
    if (i > 0) {
      if (text.empty() || text.front() != '.') return std::nullopt;
      text.remove_prefix(1);
    }
    std::optional<std::uint32_t> octet = take_number(text, 255);
    if (!octet) return std::nullopt;
    address = (address << 8) | *octet;
  }
  if (!text.empty()) return std::nullopt;
  return address;
}

std::string format_ipv4(std::uint32_t address) {
  return std::to_string(address >> 24) + '.' + std::to_string((address >> 16) & 0xff) + '.' +
         std::to_string((address >> 8) & 0xff) + '.' + std::to_string(address & 0xff);
}

std::uint32_t Subnet::mask() const { return prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix); }

std::uint32_t Subnet::broadcast() const { return network | ~mask(); }

bool Subnet::contains(std::uint32_t address) const { return (address & mask()) == network; }

std::optional<Subnet> parse_subnet(std::string_view text) {
  std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::optional<std::uint32_t> network = parse_ipv4(text.substr(0, slash));
  std::string_view rest = text.substr(slash + 1);
  std::optional<std::uint32_t> prefix = take_number(rest, 32);
  if (!network || !prefix || !rest.empty()) return std::nullopt;
  Subnet subnet{*network, static_cast<int>(*prefix)};
  if ((subnet.network & ~subnet.mask()) != 0) return std::nullopt;
  return subnet;
}

}  // namespace jrun::model
