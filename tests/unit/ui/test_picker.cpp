// The arrow-key pickers' pure core: the key decoder (escape sequences, split reads), the picker
// state machine, and its frames compared with tests/golden/ui/picker-*.txt
// (JRUN_UPDATE_GOLDEN=1 regenerates them).

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "jrun/ui/keys.h"
#include "jrun/ui/picker.h"

namespace jrun::ui {
namespace {

void check_golden(const std::string& name, const std::string& actual) {
  const std::string path = std::string(JRUN_TEST_DATA) + "/golden/ui/" + name + ".txt";
  const char* update = std::getenv("JRUN_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(path, std::ios::binary) << actual;
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << path << " is missing; run with JRUN_UPDATE_GOLDEN=1";
  std::stringstream expected;
  expected << in.rdbuf();
  EXPECT_EQ(expected.str(), actual) << "golden file " << path;
}

Style plain(std::size_t width) { return Style{false, true, width}; }
Style colour(std::size_t width) { return Style{true, true, width}; }
Style ascii(std::size_t width) { return Style{false, false, width}; }

std::vector<KeyKind> kinds(const std::vector<Key>& keys) {
  std::vector<KeyKind> out;
  for (const Key& k : keys) out.push_back(k.kind);
  return out;
}

Key ch(char c) { return {KeyKind::kChar, c}; }

TEST(KeyDecoder, ArrowsInBothEncodings) {
  KeyDecoder d;
  EXPECT_EQ(kinds(d.feed("\033[A\033[B\033OA\033OB\033[C\033OD")),
            (std::vector<KeyKind>{KeyKind::kUp, KeyKind::kDown, KeyKind::kUp, KeyKind::kDown,
                                  KeyKind::kRight, KeyKind::kLeft}));
  EXPECT_FALSE(d.pending());
}

TEST(KeyDecoder, SequencesSplitAcrossReads) {
  KeyDecoder d;
  EXPECT_TRUE(d.feed("\033").empty());
  EXPECT_TRUE(d.pending());
  EXPECT_TRUE(d.feed("[").empty());
  EXPECT_EQ(kinds(d.feed("A")), std::vector<KeyKind>{KeyKind::kUp});
  EXPECT_TRUE(d.feed("\033[5").empty());
  EXPECT_EQ(kinds(d.feed("~j")), (std::vector<KeyKind>{KeyKind::kPageUp, KeyKind::kChar}));
  EXPECT_TRUE(d.feed("\033O").empty());
  EXPECT_EQ(kinds(d.feed("B")), std::vector<KeyKind>{KeyKind::kDown});
}

TEST(KeyDecoder, LoneEscapeIsAKeyOnlyAfterFlush) {
  KeyDecoder d;
  EXPECT_TRUE(d.feed("\033").empty());
  EXPECT_EQ(kinds(d.flush()), std::vector<KeyKind>{KeyKind::kEscape});
  EXPECT_FALSE(d.pending());
  // ESC followed by a plain key: Escape, then the key.
  EXPECT_EQ(kinds(d.feed("\033q")), (std::vector<KeyKind>{KeyKind::kEscape, KeyKind::kChar}));
  // A cut-short "ESC [" flushed: Escape then '['.
  d.feed("\033[");
  EXPECT_EQ(d.flush(), (std::vector<Key>{{KeyKind::kEscape}, ch('[')}));
}

TEST(KeyDecoder, ControlBytesAndNavigation) {
  KeyDecoder d;
  EXPECT_EQ(kinds(d.feed(std::string("\r\n \t\x7f\x03\x04", 7))),
            (std::vector<KeyKind>{KeyKind::kEnter, KeyKind::kEnter, KeyKind::kSpace, KeyKind::kTab,
                                  KeyKind::kBackspace, KeyKind::kInterrupt, KeyKind::kEof}));
  EXPECT_EQ(kinds(d.feed("\033[H\033[F\033[1~\033[4~\033[6~\033[1;5A\033[200~")),
            (std::vector<KeyKind>{KeyKind::kHome, KeyKind::kEnd, KeyKind::kHome, KeyKind::kEnd,
                                  KeyKind::kPageDown, KeyKind::kUp, KeyKind::kUnknown}));
  EXPECT_EQ(d.feed("x"), std::vector<Key>{ch('x')});
}

PickerSpec jails(bool many, std::size_t count = 3, std::size_t height = 10) {
  PickerSpec spec{"Select jails:", {}, many, height};
  const char* names[] = {"web", "db", "cache", "worker", "mail", "proxy", "search", "queue"};
  for (std::size_t i = 0; i < count; ++i) {
    spec.options.push_back(i < std::size(names) ? names[i] : "jail-" + std::to_string(i));
  }
  return spec;
}

TEST(Picker, SingleChoiceMovesWrapsAndChooses) {
  Picker p(jails(false));
  EXPECT_EQ(p.handle({KeyKind::kDown}), PickerOutcome::kPending);
  EXPECT_EQ(p.cursor(), 1u);
  p.handle(ch('j'));
  p.handle(ch('j'));  // wraps to the top
  EXPECT_EQ(p.cursor(), 0u);
  p.handle(ch('k'));  // wraps to the bottom
  EXPECT_EQ(p.cursor(), 2u);
  p.handle({KeyKind::kSpace});  // no checkboxes: nothing
  EXPECT_EQ(p.handle({KeyKind::kEnter}), PickerOutcome::kChosen);
  EXPECT_EQ(p.chosen(), std::vector<std::size_t>{2});
  p.handle({KeyKind::kUp});  // answered: ignored
  EXPECT_EQ(p.chosen(), std::vector<std::size_t>{2});
}

TEST(Picker, EveryCancelKeyCancels) {
  for (Key key : {Key{KeyKind::kEscape}, Key{KeyKind::kInterrupt}, Key{KeyKind::kEof}, ch('q')}) {
    Picker p(jails(true));
    p.handle({KeyKind::kSpace});
    EXPECT_EQ(p.handle(key), PickerOutcome::kCancelled);
    EXPECT_TRUE(p.chosen().empty());
  }
}

TEST(Picker, CheckboxesToggleAllAndRefuseAnEmptyAnswer) {
  Picker p(jails(true));
  EXPECT_EQ(p.handle({KeyKind::kEnter}), PickerOutcome::kPending);
  EXPECT_FALSE(p.notice().empty());
  p.handle(ch('a'));
  EXPECT_TRUE(p.checked(0) && p.checked(1) && p.checked(2));
  p.handle(ch('a'));  // all checked: unchecks all
  EXPECT_FALSE(p.checked(0) || p.checked(1) || p.checked(2));
  p.handle({KeyKind::kSpace});
  p.handle({KeyKind::kDown});
  p.handle({KeyKind::kDown});
  p.handle({KeyKind::kSpace});
  EXPECT_TRUE(p.notice().empty());
  EXPECT_EQ(p.handle({KeyKind::kEnter}), PickerOutcome::kChosen);
  EXPECT_EQ(p.chosen(), (std::vector<std::size_t>{0, 2}));
}

TEST(Picker, LongListsScrollWithTheCursor) {
  Picker p(jails(false, 20, 5));
  EXPECT_EQ(p.rows(), 5u);
  for (int i = 0; i < 6; ++i) p.handle({KeyKind::kDown});
  EXPECT_EQ(p.cursor(), 6u);
  EXPECT_EQ(p.top(), 2u);
  p.handle({KeyKind::kEnd});
  EXPECT_EQ(p.cursor(), 19u);
  EXPECT_EQ(p.top(), 15u);
  p.handle({KeyKind::kPageUp});
  EXPECT_EQ(p.cursor(), 14u);
  EXPECT_EQ(p.top(), 14u);
  p.handle({KeyKind::kHome});
  EXPECT_EQ(p.top(), 0u);
  p.handle(ch('4'));
  EXPECT_EQ(p.cursor(), 3u);
}

TEST(Picker, EmptyListCanOnlyBeCancelled) {
  Picker p(PickerSpec{"Pick:", {}, false});
  EXPECT_EQ(p.handle({KeyKind::kEnter}), PickerOutcome::kCancelled);
}

TEST(PickerGolden, Frames) {
  Picker single(jails(false));
  single.handle({KeyKind::kDown});
  check_golden("picker-single-80", render_picker(single, plain(80)));
  check_golden("picker-single-80-colour", render_picker(single, colour(80)));
  check_golden("picker-single-ascii", render_picker(single, ascii(80)));

  Picker many(jails(true));
  many.handle({KeyKind::kSpace});
  many.handle({KeyKind::kDown});
  check_golden("picker-many-80", render_picker(many, plain(80)));
  check_golden("picker-many-80-colour", render_picker(many, colour(80)));
  check_golden("picker-many-ascii", render_picker(many, ascii(80)));
  Picker refused(jails(true));
  refused.handle({KeyKind::kEnter});
  check_golden("picker-many-notice", render_picker(refused, plain(80)));

  Picker scrolled(jails(false, 20, 4));
  for (int i = 0; i < 7; ++i) scrolled.handle({KeyKind::kDown});
  check_golden("picker-scrolled-80", render_picker(scrolled, plain(80)));
  check_golden("picker-narrow-24", render_picker(many, plain(24)));
}

TEST(PickerGolden, Answers) {
  Picker many(jails(true));
  many.handle(ch('a'));
  many.handle({KeyKind::kEnter});
  Picker cancelled(jails(false));
  cancelled.handle({KeyKind::kEscape});
  check_golden("picker-answers",
               render_picker_answer(many, plain(80)) + render_picker_answer(cancelled, plain(80)) +
                   render_picker_answer(many, colour(80)) + render_picker_answer(many, plain(20)));
}

TEST(PickerRender, HostileOptionsAreCutNotWrapped) {
  PickerSpec spec{"Pick:", {std::string(200, 'x'), "a\"b;$(rm)`x`", "two\nlines\033[2J"}, false};
  const std::string frame = render_picker(Picker(spec), plain(30));
  std::istringstream lines(frame);
  for (std::string line; std::getline(lines, line);) EXPECT_LE(display_width(line), 30u) << line;
  EXPECT_NE(frame.find("a\"b;$(rm)`x`"), std::string::npos);
  EXPECT_NE(frame.find("two?lines?[2J"), std::string::npos);
  EXPECT_EQ(std::count(frame.begin(), frame.end(), '\n'), 4);
}

}  // namespace
}  // namespace jrun::ui
