// The quoting path is only correct if a real shell reads back exactly what went in.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "jrun/base/strings.h"

namespace jrun {
namespace {

std::string shell_echo(const std::string& word) {
  std::string command = "printf '%s' " + shell_quote(word);
  std::string quoted_command = "sh -c " + shell_quote(command);
  FILE* pipe = ::popen(quoted_command.c_str(), "r");
  if (pipe == nullptr) return "<popen failed>";
  std::string out;
  char buffer[256];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  ::pclose(pipe);
  return out;
}

TEST(ShellQuote, RealShellReadsBackHostileWords) {
  const std::string words[] = {
      "plain",     "two words", "it's",      "\"dq\"",    "$(id)",       "`id`", "a;b&&c||d",
      "new\nline", "..",        "../../etc", "$HOME",     "back\\slash", "'",    "''",
      "*?[a]",     "-n",        "",          "tab\there", "!bang",       "~root"};
  for (const std::string& word : words) EXPECT_EQ(shell_echo(word), word) << word;
}

}  // namespace
}  // namespace jrun
