#pragma once
// IPv4 addresses and subnets as the config writes them (pure, no resolver).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jrun::model {

/// Parses a dotted-quad IPv4 address ("10.17.89.20"): exactly four decimal octets 0–255,
/// no leading zeros (so "010" is not read as octal by some tools and decimal by others).
std::optional<std::uint32_t> parse_ipv4(std::string_view text);

/// Formats an address as a dotted quad.
std::string format_ipv4(std::uint32_t address);

/// An IPv4 network "10.17.89.0/24".
struct Subnet {
  std::uint32_t network = 0;  ///< the network address (host bits zero)
  int prefix = 0;             ///< 0–32

  std::uint32_t mask() const;
  std::uint32_t broadcast() const;
  bool contains(std::uint32_t address) const;
};

/// Parses "a.b.c.d/n"; nullopt when malformed or when host bits are set.
std::optional<Subnet> parse_subnet(std::string_view text);

}  // namespace jrun::model
