#include <gtest/gtest.h>

#include "jrun/base/diagnostic.h"

namespace jrun {
namespace {

TEST(Diagnostic, RendersLineCaretAndHint) {
  SourceMap sources;
  std::uint32_t id = sources.add("stack.ucl", "jail \"web\" {\n  fowrard \"http\" {}\n}\n");
  std::vector<Diagnostic> d = {
      {Location{id, 2, 3}, "jail.web.fowrard", "unknown key `fowrard`", "did you mean `forward`?"}};
  EXPECT_EQ(render_diagnostics(sources, d),
            "stack.ucl:2:3: error: unknown key `fowrard`\n"
            " 2 |   fowrard \"http\" {}\n"
            "   |   ^~~~~~~\n"
            "  = hint: did you mean `forward`?\n");
}

TEST(Diagnostic, UnderlinesQuotedTokenAndKeepsTabs) {
  SourceMap sources;
  std::uint32_t id = sources.add("a.ucl", "\tip = \"10.0.0.1\";");
  std::vector<Diagnostic> d = {{Location{id, 1, 7}, "ip", "outside the subnet", ""}};
  EXPECT_EQ(render_diagnostics(sources, d),
            "a.ucl:1:7: error: outside the subnet\n"
            " 1 | \tip = \"10.0.0.1\";\n"
            "   | \t     ^~~~~~~~~~\n");
}

TEST(Diagnostic, UnknownLocationHasNoSourceLine) {
  SourceMap sources;
  std::vector<Diagnostic> d = {{Location{}, "", "no jails", ""}};
  EXPECT_EQ(render_diagnostics(sources, d), "<unknown>: error: no jails\n");
}

TEST(Diagnostic, SortsByPositionAndDropsDuplicates) {
  std::vector<Diagnostic> d = {{Location{1, 5, 1}, "", "b", ""},
                               {Location{1, 2, 9}, "", "a", ""},
                               {Location{1, 5, 1}, "", "b", ""}};
  sort_diagnostics(d);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].message, "a");
  EXPECT_EQ(d[1].message, "b");
}

TEST(SourceMap, LineTextHandlesCrlfAndOutOfRange) {
  SourceMap sources;
  std::uint32_t id = sources.add("w.ucl", "a = 1;\r\nb = 2;");
  EXPECT_EQ(sources.line_text(Location{id, 1, 1}), "a = 1;");
  EXPECT_EQ(sources.line_text(Location{id, 2, 1}), "b = 2;");
  EXPECT_EQ(sources.line_text(Location{id, 3, 1}), "");
  EXPECT_EQ(format_location(sources, Location{id, 2, 5}), "w.ucl:2:5");
}

}  // namespace
}  // namespace jrun
