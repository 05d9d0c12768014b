#pragma once
// The file system as the pure core sees it: an interface, so parsing and validation can be tested
// with an in-memory fake and never call the OS themselves.

#include <string>
#include <vector>

#include "jrun/base/result.h"

namespace jrun {

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  /// Reads a whole file. Fails with a message naming the path and the OS reason.
  virtual Result<std::string> read_file(const std::string& path) const = 0;
  virtual bool exists(const std::string& path) const = 0;
  virtual bool is_directory(const std::string& path) const = 0;
  /// Paths matching a glob(7) pattern, sorted; no match is an empty list, not an error.
  virtual Result<std::vector<std::string>> glob(const std::string& pattern) const = 0;
};

}  // namespace jrun
