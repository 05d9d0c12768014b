#pragma once
// Automatic IPv4 assignment for the planner. Pure. (Parsing and formatting: base/ipv4.h.)

#include <cstdint>
#include <optional>
#include <unordered_set>

#include "jrun/base/ipv4.h"

namespace jrun::plan {

/// The addresses handed out automatically: network+10 .. broadcast-5 (".10"–".250" in a /24).
struct AutoRange {
  std::uint64_t first = 0;
  std::uint64_t last = 0;  ///< inclusive; last < first when the subnet is too small
};
AutoRange auto_range(const Subnet& subnet);

/// Hands out the lowest free automatic addresses, skipping those marked used. The cursor only
/// moves forward, so assigning n addresses costs O(n + used).
class IpAllocator {
 public:
  explicit IpAllocator(const Subnet& subnet) : range_(auto_range(subnet)), cursor_(range_.first) {}
  void mark_used(std::uint32_t address) { used_.insert(address); }
  /// The lowest free address (then marked used), or nullopt when the range is exhausted.
  std::optional<std::uint32_t> next();

 private:
  AutoRange range_;
  std::uint64_t cursor_;
  std::unordered_set<std::uint32_t> used_;
};

}  // namespace jrun::plan
