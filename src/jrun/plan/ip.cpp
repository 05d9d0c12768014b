#include "jrun/plan/ip.h"

namespace jrun::plan {

AutoRange auto_range(const Subnet& subnet) {
  AutoRange range;
  range.first = std::uint64_t{subnet.network} + 10;
  std::uint64_t broadcast = subnet.broadcast();
  range.last = broadcast >= 5 ? broadcast - 5 : 0;
  return range;
}

std::optional<std::uint32_t> IpAllocator::next() {
  while (cursor_ <= range_.last) {
    auto candidate = static_cast<std::uint32_t>(cursor_++);
    if (used_.insert(candidate).second) return candidate;
  }
  return std::nullopt;
}

}  // namespace jrun::plan
