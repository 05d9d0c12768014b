#pragma once
// Lexical path helpers (no file system access).

#include <string>
#include <string_view>

namespace jrun {

/// The directory part of a path ("." when there is none).
std::string dir_name(std::string_view path);
/// The last component of a path.
std::string base_name(std::string_view path);
/// `rel` resolved against `dir` unless it is absolute; `~`/`~/x` expand to `home`.
/// The result is lexically normalised ("a/./b/../c" -> "a/c").
std::string resolve_path(std::string_view dir, std::string_view rel, std::string_view home);
/// True for an absolute path that lexical normalisation leaves unchanged: no empty, `.` or
/// `..` component and no trailing `/` ("/" itself is normal).
bool is_normal_absolute(std::string_view path);
/// True when the path has a ".." component.
bool has_dot_dot(std::string_view path);

}  // namespace jrun
