#pragma once
// The FileSystem of this machine.

#include "jrun/base/filesystem.h"

namespace jrun::sys {

class RealFileSystem final : public FileSystem {
 public:
  Result<std::string> read_file(const std::string& path) const override;
  Result<std::string> read_regular_file(const std::string& path,
                                        std::size_t max_bytes) const override;
  bool exists(const std::string& path) const override;
  bool is_directory(const std::string& path) const override;
  Result<std::vector<std::string>> glob(const std::string& pattern) const override;
};

}  // namespace jrun::sys
