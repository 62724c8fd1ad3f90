// Bad input: every case gives one ScenarioError naming file, line and key.
#include <fmt/core.h>

#include "scenario_support.hpp"

using namespace candour;
using namespace candour::testing;
using Catch::Matchers::Contains;

TEST_CASE("an unknown key names the nearest valid one", "[scenario][errors]") {
  ScratchFolder folder;
  auto file = folder.write("s.toml", "model = \"toy\"\n[toy]\npull = 0.2\npul = 0.5\n");
  auto error = load_error(file);
  check_location(error, file, 4, "toy.pul");
  CHECK_THAT(error.what(), Contains("unknown key 'toy.pul'; did you mean 'toy.pull'?"));
}

TEST_CASE("the first unknown key in file order is the one reported", "[scenario][errors]") {
  // toml++ keeps keys sorted by name; the report must follow the file instead.
  ScratchFolder folder;
  auto file = folder.write("s.toml", "[toy]\nzzz_first = 1\naaa_second = 2\n");
  check_location(load_error(file), file, 2, "toy.zzz_first");
}

TEST_CASE("an unknown table is reported at its key with the full nearest name",
          "[scenario][errors]") {
  ScratchFolder folder;
  auto file = folder.write("s.toml", "model = \"toy\"\n\n[toi]\nshock_rate = 0.5\n");
  auto error = load_error(file);
  check_location(error, file, 4, "toi.shock_rate");
  CHECK_THAT(error.what(), Contains("did you mean 'toy.shock_rate'?"));
}

TEST_CASE("an empty unknown table names the nearest table", "[scenario][errors]") {
  ScratchFolder folder;
  auto file = folder.write("s.toml", "model = \"toy\"\n[rnu]\n");
  auto error = load_error(file);
  check_location(error, file, 2, "rnu");
  CHECK_THAT(error.what(), Contains("unknown table [rnu]; did you mean [run]?"));
}

TEST_CASE("an unknown top-level key names the nearest top-level word", "[scenario][errors]") {
  ScratchFolder folder;
  auto file = folder.write("s.toml", "model = \"toy\"\ntitel = \"A run\"\n");
  auto error = load_error(file);
  check_location(error, file, 2, "titel");
  CHECK_THAT(error.what(), Contains("did you mean 'title'?"));

  auto extend = folder.write("e.toml", "extend = \"s.toml\"\n");
  CHECK_THAT(load_error(extend).what(), Contains("did you mean 'extends'?"));
}

TEST_CASE("a value where a table of parameters belongs is refused", "[scenario][errors]") {
  ScratchFolder folder;
  auto file = folder.write("s.toml", "toy = 3\n");
  auto error = load_error(file);
  check_location(error, file, 1, "toy");
  CHECK_THAT(error.what(), Contains("'toy' is a table of parameters"));
}

TEST_CASE("a table where a parameter belongs is a wrong type", "[scenario][errors]") {
  ScratchFolder folder;
  auto file = folder.write("s.toml", "[toy]\nagents = 10\n[toy.pull]\nx = 1\n");
  auto error = load_error(file);
  check_location(error, file, 3, "toy.pull");
  CHECK_THAT(error.what(), Contains("'toy.pull' expects a real number, got a table"));
}

TEST_CASE("a string for a real parameter is a wrong type", "[scenario][errors]") {
  ScratchFolder folder;
  auto file = folder.write("s.toml", "[toy]\npull = \"0.5\"\n");
  auto error = load_error(file);
  check_location(error, file, 2, "toy.pull");
  CHECK_THAT(error.what(), Contains("'toy.pull' expects a real number, got a string (\"0.5\")"));
  CHECK_THAT(error.what(), Contains("write numbers without quotes"));
}

TEST_CASE("a float for an integer parameter is a wrong type", "[scenario][errors]") {
  ScratchFolder folder;
  auto whole = folder.write("whole.toml", "[run]\ndays = 60.0\n");
  auto error = load_error(whole);
  check_location(error, whole, 2, "run.days");
  CHECK_THAT(error.what(), Contains("'run.days' expects an integer, got a float (60.0)"));
  CHECK_THAT(error.what(), Contains("write it without a decimal point: 60"));

  auto fraction = folder.write("fraction.toml", "[toy]\n\nagents = 2.5\n");
  auto error2 = load_error(fraction);
  check_location(error2, fraction, 3, "toy.agents");
  CHECK_THAT(error2.what(), Contains("expects an integer, got a float (2.5)"));
}

TEST_CASE("a boolean parameter takes only true or false", "[scenario][errors]") {
  ScratchFolder folder;
  auto number = folder.write("number.toml", "[toy]\nenabled = 1\n");
  auto error = load_error(number);
  check_location(error, number, 2, "toy.enabled");
  CHECK_THAT(error.what(),
             Contains("'toy.enabled' expects a boolean (true or false), got an integer (1)"));

  auto text = folder.write("text.toml", "[toy]\nenabled = \"false\"\n");
  CHECK_THAT(load_error(text).what(), Contains("write true or false without quotes"));

  auto good = folder.write("good.toml", "[toy]\nenabled = false\n");
  CHECK_FALSE(load_toy(good).parameters.flag("toy.enabled"));
}

TEST_CASE("a boolean for a real parameter is a wrong type", "[scenario][errors]") {
  ScratchFolder folder;
  auto file = folder.write("s.toml", "[toy]\nshock_rate = true\n");
  CHECK_THAT(load_error(file).what(),
             Contains("'toy.shock_rate' expects a real number, got a boolean (true)"));
}

TEST_CASE("an out-of-range value names the allowed range and unit", "[scenario][errors]") {
  ScratchFolder folder;
  auto file = folder.write("s.toml", "model = \"toy\"\n[toy]\npull = 1.5\n");
  auto error = load_error(file);
  check_location(error, file, 3, "toy.pull");
  CHECK_THAT(error.what(), Contains("'toy.pull' = 1.5 is out of range: allowed [0, 1] per day"));

  auto days = folder.write("days.toml", "[run]\ndays = 0\n");
  auto error2 = load_error(days);
  check_location(error2, days, 2, "run.days");
  CHECK_THAT(error2.what(), Contains("'run.days' = 0 is out of range: allowed [1, 36500] day"));

  // A seed may be any non-negative 64-bit integer; a negative one is out of range.
  auto seed = folder.write("seed.toml", "[run]\nseed = -1\n");
  CHECK_THAT(load_error(seed).what(), Contains("'run.seed' = -1 is out of range"));
}

TEST_CASE("NaN and infinity are refused with their own message", "[scenario][errors]") {
  ScratchFolder folder;
  for (std::string value : {"nan", "inf", "-inf", "+nan"}) {
    auto file = folder.write("s.toml", "[toy]\n\nshock_rate = " + value + "\n");
    auto error = load_error(file);
    INFO(value);
    check_location(error, file, 3, "toy.shock_rate");
    CHECK_THAT(error.what(), Contains("NaN and infinity are not allowed"));
    CHECK_THAT(error.what(), !Contains("out of range"));
  }
}

TEST_CASE("a missing scenario file is named", "[scenario][errors]") {
  ScratchFolder folder;
  auto file = folder.path() / "no_such.toml";
  auto error = load_error(file);
  check_location(error, file, 0, "");
  CHECK_THAT(error.what(), Contains("no such file"));
  REQUIRE_THROWS_AS(sim::io::ScenarioFiles(file), sim::io::ScenarioError);

  auto error2 = load_error(folder.path());
  CHECK_THAT(error2.what(), Contains("a folder, not a file"));
}

TEST_CASE("a missing extends target is reported where it is named", "[scenario][errors]") {
  ScratchFolder folder;
  auto file = folder.write("child.toml", "model = \"toy\"\nextends = \"bases/gone.toml\"\n");
  auto error = load_error(file);
  check_location(error, file, 2, "extends");
  CHECK_THAT(error.what(), Contains("gone.toml"));
  CHECK_THAT(error.what(), Contains("named by 'extends': no such file"));
}

TEST_CASE("a missing timeline scenario is reported where it is named", "[scenario][errors]") {
  ScratchFolder folder;
  auto file = folder.write("s.toml",
                           "model = \"toy\"\n[run]\ndays = 60\n\n[[timeline]]\nday = 10\n"
                           "scenario = \"reform.toml\"\n");
  auto error = load_error(file);
  check_location(error, file, 7, "timeline.scenario");
  CHECK_THAT(error.what(), Contains("reform.toml"));
  CHECK_THAT(error.what(), Contains("no such file"));
}

TEST_CASE("an extends cycle names the chain", "[scenario][errors]") {
  ScratchFolder folder;
  auto a = folder.write("a.toml", "model = \"toy\"\nextends = \"b.toml\"\n");
  auto b = folder.write("b.toml", "\n\nextends = \"a.toml\"\n");
  auto error = load_error(a);
  check_location(error, b, 3, "extends");
  CHECK_THAT(error.what(), Contains("extends cycle: a.toml -> b.toml -> a.toml"));
  REQUIRE_THROWS_AS(sim::io::ScenarioFiles(a), sim::io::ScenarioError);

  auto self = folder.write("self.toml", "extends = \"./self.toml\"\n");
  CHECK_THAT(load_error(self).what(), Contains("extends cycle: self.toml -> self.toml"));
}

TEST_CASE("malformed TOML gives the parser's message with line and column", "[scenario][errors]") {
  ScratchFolder folder;
  auto file = folder.write("s.toml", "model = \"toy\"\n[toy]\npull = = 0.5\n");
  auto error = load_error(file);
  check_location(error, file, 3, "");
  CHECK_THAT(error.what(), Contains("malformed TOML at column"));

  // A malformed base is reported in the base, not in the child.
  auto base = folder.write("base.toml", "[toy\n");
  auto child = folder.write("child.toml", "extends = \"base.toml\"\n");
  check_location(load_error(child), base, 1, "");

  auto duplicate = folder.write("dup.toml", "[toy]\npull = 0.1\npull = 0.2\n");
  check_location(load_error(duplicate), duplicate, 3, "");
}

TEST_CASE("an empty file or one of only comments is an empty scenario", "[scenario][errors]") {
  ScratchFolder folder;
  for (std::string text : {"", "# nothing here\n\n   # still nothing\n"}) {
    auto file = folder.write("s.toml", text);
    auto error = load_error(file);
    check_location(error, file, 0, "");
    CHECK_THAT(error.what(), Contains("empty scenario"));
  }
}

TEST_CASE("top-level words must be strings", "[scenario][errors]") {
  ScratchFolder folder;
  auto model = folder.write("model.toml", "model = 3\n");
  auto error = load_error(model);
  check_location(error, model, 1, "model");
  CHECK_THAT(error.what(), Contains("'model' expects a string, got an integer (3)"));
  REQUIRE_THROWS_AS(sim::io::ScenarioFiles(model), sim::io::ScenarioError);

  auto title = folder.write("title.toml", "\ntitle = [\"a\"]\n");
  check_location(load_error(title), title, 2, "title");
  auto extends = folder.write("extends.toml", "extends = true\n");
  check_location(load_error(extends), extends, 1, "extends");
}

TEST_CASE("a chain is for one model", "[scenario][errors]") {
  ScratchFolder folder;
  folder.write("base.toml", "model = \"nhs\"\n");
  auto child = folder.write("child.toml", "model = \"toy\"\nextends = \"base.toml\"\n");
  auto error = load_error(child);
  check_location(error, child, 1, "model");
  CHECK_THAT(error.what(), Contains("differs from model 'nhs'"));
}

TEST_CASE("a bad --set names the option and the nearest key", "[scenario][errors]") {
  ScratchFolder folder;
  auto file = folder.write("s.toml", "model = \"toy\"\n");

  auto no_equals = load_error(file, {"toy.pull"});
  check_location(no_equals, "--set", 0, "toy.pull");
  CHECK_THAT(no_equals.what(), Contains("expected key=value"));

  auto unknown = load_error(file, {"toy.pul=0.3"});
  check_location(unknown, "--set", 0, "toy.pul");
  CHECK_THAT(unknown.what(), Contains("did you mean 'toy.pull'?"));

  auto bad_value = load_error(file, {"toy.pull=abc"});
  check_location(bad_value, "--set", 0, "toy.pull");
  CHECK_THAT(bad_value.what(), Contains("cannot read 'abc'"));

  auto out_of_range = load_error(file, {"toy.pull=2"});
  CHECK_THAT(out_of_range.what(), Contains("out of range: allowed [0, 1] per day"));

  auto wrong_type = load_error(file, {"run.days=1.5"});
  CHECK_THAT(wrong_type.what(), Contains("'run.days' expects an integer"));

  auto not_finite = load_error(file, {"toy.pull=nan"});
  CHECK_THAT(not_finite.what(), Contains("NaN and infinity are not allowed"));
}

TEST_CASE("timeline stages report unknown keys and misplaced parameters", "[scenario][errors]") {
  ScratchFolder folder;
  auto typo =
      folder.write("typo.toml", "[run]\ndays = 60\n[[timeline]]\nday = 10\nlable = \"reform\"\n");
  auto error = load_error(typo);
  check_location(error, typo, 5, "timeline.lable");
  CHECK_THAT(error.what(), Contains("did you mean 'timeline.label'?"));

  auto misplaced =
      folder.write("misplaced.toml", "[run]\ndays = 60\n[[timeline]]\nday = 10\ntoy.pull = 0.5\n");
  auto error2 = load_error(misplaced);
  check_location(error2, misplaced, 5, "timeline.toy");
  CHECK_THAT(error2.what(), Contains("go under [timeline.set]"));

  auto in_set = folder.write("in_set.toml",
                             "[run]\ndays = 60\n[[timeline]]\nday = 10\n[timeline.set]\n"
                             "toy.pulll = 0.5\n");
  auto error3 = load_error(in_set);
  check_location(error3, in_set, 6, "toy.pulll");
  CHECK_THAT(error3.what(), Contains("did you mean 'toy.pull'?"));

  auto bad_value = folder.write("bad_value.toml",
                                "[run]\ndays = 60\n[[timeline]]\nday = 10\n[timeline.set]\n"
                                "toy.pull = 7\n");
  check_location(load_error(bad_value), bad_value, 6, "toy.pull");
}

TEST_CASE("timeline days must lie inside the run and differ", "[scenario][errors]") {
  ScratchFolder folder;
  auto late = folder.write("late.toml", "[run]\ndays = 60\n[[timeline]]\nday = 60\n");
  auto error = load_error(late);
  check_location(error, late, 4, "timeline.day");
  CHECK_THAT(error.what(), Contains("timeline day 60 is outside the run: allowed [1, 59]"));

  auto zero = folder.write("zero.toml", "[run]\ndays = 60\n[[timeline]]\nday = 0\n");
  check_location(load_error(zero), zero, 4, "timeline.day");

  // --set run.days applies before the check.
  auto fits = folder.write("fits.toml", "[run]\ndays = 60\n[[timeline]]\nday = 40\n");
  CHECK_NOTHROW(load_toy(fits));
  CHECK_THAT(load_error(fits, {"run.days=30"}).what(), Contains("(run.days = 30)"));

  auto twice = folder.write("twice.toml",
                            "[run]\ndays = 60\n[[timeline]]\nday = 20\n[[timeline]]\nday = 10\n"
                            "[[timeline]]\nday = 20\n");
  auto error2 = load_error(twice);
  check_location(error2, twice, 8, "timeline.day");
  CHECK_THAT(error2.what(), Contains("two timeline stages on day 20"));
  CHECK_THAT(error2.what(), Contains("twice.toml:4"));
}

TEST_CASE("timeline stages need an integer day and a table shape", "[scenario][errors]") {
  ScratchFolder folder;
  auto no_day = folder.write("no_day.toml", "[run]\ndays = 60\n[[timeline]]\nlabel = \"x\"\n");
  auto error = load_error(no_day);
  check_location(error, no_day, 3, "timeline.day");
  CHECK_THAT(error.what(), Contains("has no 'day'"));

  auto float_day = folder.write("float_day.toml", "[run]\ndays = 60\n[[timeline]]\nday = 1.5\n");
  CHECK_THAT(load_error(float_day).what(),
             Contains("'timeline.day' expects an integer (a day of the run), got a float (1.5)"));

  auto plain = folder.write("plain.toml", "[run]\ndays = 60\n[timeline]\nday = 10\n");
  auto error2 = load_error(plain);
  check_location(error2, plain, 3, "timeline");
  CHECK_THAT(error2.what(), Contains("written [[timeline]]"));

  auto label = folder.write("label.toml", "[run]\ndays = 60\n[[timeline]]\nday = 5\nlabel = 5\n");
  check_location(load_error(label), label, 5, "timeline.label");
}

TEST_CASE("a timeline cannot change the run settings", "[scenario][errors]") {
  ScratchFolder folder;
  auto file = folder.write(
      "s.toml", "[run]\ndays = 60\n[[timeline]]\nday = 10\n[timeline.set]\nrun.seed = 3\n");
  auto error = load_error(file);
  check_location(error, file, 6, "run.seed");
  CHECK_THAT(error.what(), Contains("cannot change in a timeline"));
}

TEST_CASE("a timeline scenario must be for the same model", "[scenario][errors]") {
  ScratchFolder folder;
  folder.write("other.toml", "model = \"nhs\"\n");
  auto file = folder.write("s.toml",
                           "model = \"toy\"\n[run]\ndays = 60\n[[timeline]]\nday = 10\n"
                           "scenario = \"other.toml\"\n");
  auto error = load_error(file);
  check_location(error, file, 6, "timeline.scenario");
  CHECK_THAT(error.what(), Contains("is for model 'nhs'"));
}

TEST_CASE("errors inside a timeline scenario are reported in that file", "[scenario][errors]") {
  ScratchFolder folder;
  auto reform = folder.write("reform.toml", "model = \"toy\"\n[toy]\npull = 3\n");
  auto file = folder.write("s.toml",
                           "model = \"toy\"\n[run]\ndays = 60\n[[timeline]]\nday = 10\n"
                           "scenario = \"reform.toml\"\n");
  check_location(load_error(file), reform, 3, "toy.pull");
}

TEST_CASE("a parameter written straight into a stage points to [timeline.set]",
          "[scenario][errors]") {
  ScratchFolder folder;
  auto leaf = folder.write("leaf.toml", "[run]\ndays = 60\n[[timeline]]\nday = 10\npull = 0.5\n");
  auto error = load_error(leaf);
  check_location(error, leaf, 5, "timeline.pull");
  CHECK_THAT(error.what(), Contains("write toy.pull = ... below [timeline.set]"));
  auto table = folder.write(
      "table.toml", "[run]\ndays = 60\n[[timeline]]\nday = 10\n[timeline.toy]\npull = 0.5\n");
  CHECK_THAT(load_error(table).what(), Contains("write toy.pull = ... below [timeline.set]"));
}

TEST_CASE("an unknown model is reported at its line", "[scenario][errors]") {
  ScratchFolder folder;
  auto file = folder.write("m.toml", "title = \"x\"\nmodel = \"toyy\"\n");
  const auto declared = sim::io::ScenarioFiles(file).model();
  REQUIRE(declared);
  CHECK(declared->name == "toyy");
  CHECK(declared->file == file);
  CHECK(declared->line == 2);
  // Inherited through extends: the line of the file that names it.
  auto child = folder.write("child.toml", "extends = \"m.toml\"\n[toy]\npull = 0.2\n");
  const auto inherited = sim::io::ScenarioFiles(child).model();
  REQUIRE(inherited);
  CHECK(inherited->line == 2);
  CHECK(inherited->file == folder.path() / "m.toml");
  // No model named: the reader leaves the choice to the caller.
  auto none = folder.write("none.toml", "[toy]\npull = 0.2\n");
  CHECK_FALSE(sim::io::ScenarioFiles(none).model().has_value());
}

TEST_CASE("invisible characters in a key are shown", "[scenario][errors]") {
  ScratchFolder folder;
  // "pull" followed by a zero-width space (U+200B): not the key it looks like.
  auto file = folder.write("zw.toml", "model = \"toy\"\n[toy]\n\"pull\xE2\x80\x8B\" = 0.3\n");
  auto error = load_error(file);
  CHECK_THAT(error.what(), Contains("'toy.pull<U+200B>'"));
  CHECK_THAT(error.what(), Contains("did you mean 'toy.pull'"));
  auto tab = load_error(file, {"toy.pu\tll=0.3"});
  CHECK_THAT(tab.what(), Contains("toy.pu<U+0009>ll"));
}

TEST_CASE("a very long unknown key is cut short in the message", "[scenario][errors]") {
  ScratchFolder folder;
  const std::string key(8000, 'x');
  auto file = folder.write("long.toml", "model = \"toy\"\n[toy]\n" + key + " = 0.3\n");
  auto error = load_error(file);
  const std::string message = error.what();
  CHECK_THAT(message, Contains("unknown key 'toy.xxxxxxxx"));
  CHECK_THAT(message, Contains("...' (8004 characters)"));
  CHECK_THAT(message, Contains("did you mean 'toy."));
  CHECK(message.size() < 300);
  CHECK(error.key == "toy." + key);  // the whole key, for a program that reads it
  // A multi-byte character at the cut is kept whole or left out, never split.
  // "toy." and 55 letters are 59 bytes: the cut at 60 would fall inside the é.
  const std::string accented = "toy." + std::string(55, 'y') + "\xC3\xA9" + std::string(50, 'z');
  auto accent_error = load_error(file, {accented + "=0.3"});
  CHECK_THAT(accent_error.what(),
             Contains("'toy." + std::string(55, 'y') + "...' (110 characters)"));
  CHECK_THAT(accent_error.what(), !Contains("<0x"));
  // Names of ordinary length are shown whole.
  auto short_error = load_error(file, {"toy." + std::string(90, 'q') + "=0.3"});
  CHECK_THAT(short_error.what(), Contains("'toy." + std::string(90, 'q') + "'"));
}

TEST_CASE("an extends chain has at most 32 files", "[scenario][errors][extends]") {
  ScratchFolder folder;
  // s0 extends s1 ... extends s<n-1>, which names the model.
  auto chain = [&](std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      // fmt, not "s" + std::to_string(...): a false -Wrestrict from GCC 12 at -O3.
      const std::string text = i + 1 < n ? fmt::format("extends = \"s{}.toml\"\n", i + 1)
                                         : std::string("model = \"toy\"\n");
      folder.write(fmt::format("s{}.toml", i), text + "[toy]\npull = 0.2\n");
    }
    return folder.path() / "s0.toml";
  };
  CHECK(load_toy(chain(32)).chain.size() == 32);
  fs::remove_all(folder.path());
  fs::create_directories(folder.path());
  auto too_long = chain(33);
  auto error = load_error(too_long);
  check_location(error, folder.path() / "s31.toml", 1, "extends");
  CHECK_THAT(error.what(), Contains("longer than 32 files"));
}
