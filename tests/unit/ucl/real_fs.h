#pragma once
// The real file system, for tests that read checked-in data (conformance cases).

#include "jrun/base/filesystem.h"

namespace jrun::ucl::testing {

class RealFileSystem : public FileSystem {
 public:
  Result<std::string> read_file(const std::string& path) const override;
  bool exists(const std::string& path) const override;
  bool is_directory(const std::string& path) const override;
  Result<std::vector<std::string>> glob(const std::string& pattern) const override;
};

}  // namespace jrun::ucl::testing
