#include "jrun/model/config.h"

namespace jrun::model {

std::string_view proto_name(Proto proto) { return proto == Proto::kUdp ? "udp" : "tcp"; }

const Jail* Config::find(std::string_view name) const {
  for (const Jail& jail : jails) {
    if (jail.name == name) return &jail;
  }
  return nullptr;
}

}  // namespace jrun::model
