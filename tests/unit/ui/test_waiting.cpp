// The "still working" line: quiet for the first seconds, then a spinner (terminal) or a plain
// line every 30 s, naming the longest-running step and how long it has run.

#include <gtest/gtest.h>

#include "jrun/ui/waiting.h"

namespace jrun::ui {
namespace {

Style plain(std::size_t width) { return Style{false, true, width}; }

TEST(WaitingLine, LiveSpinnerAfterTwoQuietSeconds) {
  WaitingLine w(true);
  w.start("web", "web: creating", 100);
  w.printed(100);
  EXPECT_FALSE(w.tick(101, plain(80)));
  auto first = w.tick(102, plain(80));
  ASSERT_TRUE(first);
  EXPECT_EQ(*first, "⠋ web: creating  2s");
  EXPECT_FALSE(w.tick(102.05, plain(80)));  // ten frames a second at most
  EXPECT_EQ(*w.tick(172.5, plain(80)), "⠙ web: creating  1m 13s");
  w.printed(173);  // output came: quiet again
  EXPECT_FALSE(w.tick(174, plain(80)));
  w.end("web");
  EXPECT_FALSE(w.tick(200, plain(80)));
}

TEST(WaitingLine, PlainLinesAreFewAndNameTheOldestStep) {
  WaitingLine w(false);
  w.start("db", "db: setup 'schema'", 0);
  w.start("web", "web: creating", 5);
  w.printed(5);
  EXPECT_FALSE(w.tick(14, plain(80)));
  EXPECT_EQ(*w.tick(15, plain(80)), "> still waiting: db: setup 'schema' (+1 more) (15s)");
  int lines = 0;
  for (double t = 15.1; t < 75; t += 0.1) lines += w.tick(t, plain(80)) ? 1 : 0;
  EXPECT_EQ(lines, 1);               // at 45 s only
  w.start("db", "db: created", 80);  // a later event of the same jail replaces it
  EXPECT_EQ(*w.tick(80, plain(80)), "> still waiting: web: creating (+1 more) (1m 15s)");
}

TEST(RenderWaiting, AsciiAndNarrow) {
  const Style ascii{false, false, 20};
  EXPECT_EQ(render_waiting("web: building release debian-12", 75, 0, 1, true, ascii),
            "/ web: building rel~");
  EXPECT_EQ(render_waiting("x", 3, 2, 0, true, Style{true, true, 80}),
            "\033[36m⠋\033[0m x (+2 more)  3s");
}

}  // namespace
}  // namespace jrun::ui
