#pragma once
// IPv4 addresses and subnets (pure).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jrun {

/// Parses dotted-quad "a.b.c.d" (no leading zeros beyond "0", each part 0–255).
std::optional<std::uint32_t> parse_ipv4(std::string_view text);
std::string format_ipv4(std::uint32_t address);

struct Subnet {
  std::uint32_t network = 0;  ///< network address (host bits zero)
  std::uint32_t prefix = 0;   ///< 0–32

  std::uint32_t mask() const { return prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix); }
  std::uint32_t broadcast() const { return network | ~mask(); }
  bool contains(std::uint32_t address) const { return (address & mask()) == network; }
  /// The gateway: first host address.
  std::uint32_t gateway() const { return network + 1; }
};

/// Parses "a.b.c.d/n"; host bits must be zero; prefix 8–30 (room for a gateway and jails).
std::optional<Subnet> parse_subnet(std::string_view text);
std::string format_subnet(const Subnet& subnet);

}  // namespace jrun
