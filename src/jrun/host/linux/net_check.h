#pragma once
// Checks of values the network generators put into shell and nft text. The model validated them
// already; failing here is a bug in a caller, so it throws std::invalid_argument.

#include <cstdint>
#include <string>
#include <string_view>

namespace jrun::host::linux_driver {

/// `text` re-formatted as a dotted quad; throws if it is not one.
std::string checked_ipv4(std::string_view text);
/// `text` if it is a name the driver uses in device, nft and file names ([a-z0-9][a-z0-9-]*,
/// at most 63 characters, a trailing `-` allowed for prefixes); throws otherwise.
std::string checked_name(std::string_view text);
/// The prefix length of a subnet "a.b.c.d/n"; throws if it is not one.
std::uint32_t subnet_prefix(std::string_view subnet);
/// `subnet` re-formatted as "a.b.c.d/n"; throws if it is not a subnet.
std::string checked_subnet(std::string_view subnet);
/// True for 127.0.0.0/8.
bool is_loopback_ipv4(std::string_view text);

}  // namespace jrun::host::linux_driver
