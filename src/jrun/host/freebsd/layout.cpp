#include "jrun/host/freebsd/layout.h"

#include <string_view>

namespace jrun::host::freebsd_driver {
namespace {

bool plain(std::string_view text, std::string_view extra) {
  if (text.empty() || text.find("..") != std::string_view::npos) return false;
  for (const char c : text) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    extra.find(c) != std::string_view::npos;
    if (!ok) return false;
  }
  return true;
}

bool plain_path(std::string_view path) { return path.front() == '/' && plain(path, "._/@+-"); }

Error bad(std::string_view what, std::string_view value) {
  return make_error(ErrorCode::kConfig, "freebsd driver: " + std::string(what) + " '" +
                                            std::string(value) + "' cannot be used");
}

}  // namespace

Status check_layout(const FreeBsdLayout& layout) {
  if (!layout.root.empty() && !plain_path(layout.root)) return bad("host root", layout.root);
  if (layout.base_dir.empty() || !plain_path(layout.base_dir)) {
    return bad("base directory", layout.base_dir);
  }
  if (!layout.share_root.empty() && !plain_path(layout.share_root)) {
    return bad("share root", layout.share_root);
  }
  for (const std::string* name :
       {&layout.zpool, &layout.dataset, &layout.bridge, &layout.ext_if, &layout.default_release}) {
    if (!plain(*name, "._-")) return bad("name", *name);
  }
  if (!plain(layout.mirror, ":/._-")) return bad("mirror", layout.mirror);
  if (!layout.upstream_dns.empty() && !plain(layout.upstream_dns, ".:,")) {
    return bad("upstream resolver", layout.upstream_dns);
  }
  for (const std::string& package : layout.release_packages) {
    if (!plain(package, "._*-")) return bad("package", package);
  }
  return {};
}

}  // namespace jrun::host::freebsd_driver
