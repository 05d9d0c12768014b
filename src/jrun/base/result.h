#pragma once
// Expected failures as values. g++ 12 has no std::expected, so this is a small subset with the
// same member names (has_value, value, error, operator*, operator->).

#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace jrun {

/// What kind of failure; decides the exit code in cli::run.
enum class ErrorCode {
  kRuntime,       ///< something failed while doing the work (exit 1)
  kUsage,         ///< bad command line (exit 2)
  kConfig,        ///< bad configuration file (exit 2)
  kState,         ///< recorded state unreadable or locked (exit 1)
  kNotAvailable,  ///< command exists but is not built yet (exit 1)
  kInterrupted,   ///< the user pressed Ctrl-C (exit 130)
};

/// A failure: a code, a message, and context lines each layer adds on the way up
/// ("starting jail 'web'"), outermost last.
struct Error {
  ErrorCode code = ErrorCode::kRuntime;
  std::string message;
  std::vector<std::string> context;

  /// Returns the error with one more line of context.
  Error with_context(std::string what) && {
    context.push_back(std::move(what));
    return std::move(*this);
  }
};

inline Error make_error(ErrorCode code, std::string message) {
  return Error{code, std::move(message), {}};
}

/// Holds a T or an Error.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  Error& error() & { return std::get<1>(v_); }
  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

/// Success or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)), ok_(false) {}  // NOLINT

  bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  void value() const {}
  Error& error() & { return error_; }
  const Error& error() const& { return error_; }
  Error&& error() && { return std::move(error_); }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace jrun

#define JRUN_CONCAT_INNER(a, b) a##b
#define JRUN_CONCAT(a, b) JRUN_CONCAT_INNER(a, b)

/// Evaluates a Result-returning expression; returns its error from the enclosing function.
#define TRY(expr)                                                                  \
  do {                                                                             \
    auto&& jrun_try_result_ = (expr);                                              \
    if (!jrun_try_result_.has_value()) return std::move(jrun_try_result_).error(); \
  } while (false)

#define JRUN_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr)     \
  auto tmp = (expr);                                   \
  if (!tmp.has_value()) return std::move(tmp).error(); \
  lhs = std::move(tmp).value()

/// `ASSIGN_OR_RETURN(auto x, f());` binds the value or returns the error.
#define ASSIGN_OR_RETURN(lhs, expr) \
  JRUN_ASSIGN_OR_RETURN_IMPL(JRUN_CONCAT(jrun_aor_, __LINE__), lhs, expr)
