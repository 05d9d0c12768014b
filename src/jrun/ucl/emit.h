#pragma once
// Writing a Value tree back out (`jrun config dump`) and comparing trees (conformance tests).

#include <string>

#include "jrun/ucl/value.h"

namespace jrun::ucl {

/// JSON text of `value`: implicit arrays become arrays, durations a number of seconds,
/// non-finite numbers `null`. `pretty` indents by 4 spaces, else one line.
std::string to_json(const Value& value, bool pretty = true);

/// Readable UCL ("config" form, like libucl's UCL_EMIT_CONFIG) that parses back to an
/// equivalent tree: top-level object without braces, strings double-quoted with `$` written as
/// `$$`, durations with an `s` suffix, implicit arrays as repeated keys.
std::string to_ucl(const Value& value);

/// True when `a` and `b` hold the same data, type for type: integers exactly, floats and
/// durations by value but never one for the other nor for an integer (`2` is not `2.0`, `2s`
/// is not `2.0`), implicit and explicit arrays alike, object members by key in any order
/// (keys compared case-insensitively when asked). On a difference, *why (if given) says where.
bool equivalent(const Value& a, const Value& b, bool keys_case_insensitive, std::string* why);

}  // namespace jrun::ucl
