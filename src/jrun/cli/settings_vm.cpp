// JRUN_VM_* settings of the vm provider.

#include <charconv>

#include "jrun/cli/settings.h"

namespace jrun::cli {
namespace {

std::string get(const std::map<std::string, std::string>& env, const std::string& name) {
  auto it = env.find(name);
  return it == env.end() ? std::string() : it->second;
}

Error bad(const std::string& name, const std::string& value, const std::string& want) {
  return make_error(ErrorCode::kUsage, name + "=" + value + " is not valid: expected " + want);
}

Result<int> parse_int(const std::string& name, const std::string& text, int low, int high) {
  int value = 0;
  auto [rest, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || rest != text.data() + text.size() || value < low || value > high) {
    return bad(name, text,
               "a whole number from " + std::to_string(low) + " to " + std::to_string(high));
  }
  return value;
}

/// QEMU -m / disk sizes: digits with an optional K, M, G or T suffix.
bool valid_size(const std::string& text) {
  std::size_t digits = 0;
  while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
  if (digits == 0 || text.find_first_not_of('0') == std::string::npos) return false;
  const std::string suffix = text.substr(digits);
  return suffix.empty() || suffix == "K" || suffix == "M" || suffix == "G" || suffix == "T";
}

Result<double> parse_seconds(const std::string& name, const std::string& text) {
  double value = 0;
  const char* end = text.data() + text.size();
  auto [rest, ec] = std::from_chars(text.data(), end, value);
  const std::string_view unit(rest, static_cast<std::size_t>(end - rest));
  const double scale = unit.empty() || unit == "s" ? 1 : unit == "min" ? 60 : -1;
  if (ec != std::errc() || scale < 0 || value <= 0) {
    return bad(name, text, "a positive duration such as 300, 90s or 5min");
  }
  return value * scale;
}

}  // namespace

Status load_vm_settings(const std::map<std::string, std::string>& env, VmSettings& vm) {
  vm.image = get(env, "JRUN_VM_IMAGE");
  vm.image_sha512 = get(env, "JRUN_VM_IMAGE_SHA512");
  vm.kernel = get(env, "JRUN_VM_KERNEL");
  vm.initrd = get(env, "JRUN_VM_INITRD");
  vm.append = get(env, "JRUN_VM_APPEND");
  if (!vm.kernel.empty() && vm.append.empty()) vm.append = "root=/dev/vda rw console=ttyS0";
  for (auto [name, field] : {std::pair{"JRUN_VM_MEMORY", &vm.memory}, {"JRUN_VM_DISK", &vm.disk}}) {
    if (std::string v = get(env, name); !v.empty()) {
      if (!valid_size(v)) return bad(name, v, "a size such as 4096M or 20G");
      *field = v;
    }
  }
  if (std::string v = get(env, "JRUN_VM_CPUS"); !v.empty()) {
    ASSIGN_OR_RETURN(vm.cpus, parse_int("JRUN_VM_CPUS", v, 1, 256));
  }
  if (std::string v = get(env, "JRUN_VM_SSH_PORT"); !v.empty()) {
    ASSIGN_OR_RETURN(vm.ssh_port, parse_int("JRUN_VM_SSH_PORT", v, 1, 65535));
  }
  if (std::string v = get(env, "JRUN_VM_READY_TIMEOUT"); !v.empty()) {
    ASSIGN_OR_RETURN(vm.ready_timeout, parse_seconds("JRUN_VM_READY_TIMEOUT", v));
  }
  if (std::string v = get(env, "JRUN_VM_STOP_TIMEOUT"); !v.empty()) {
    ASSIGN_OR_RETURN(vm.stop_timeout, parse_seconds("JRUN_VM_STOP_TIMEOUT", v));
  }
  return {};
}

}  // namespace jrun::cli
