// resolved_toml: the whole resolved scenario as TOML, reading back to the same run.
#include "scenario_support.hpp"

using namespace candour;
using namespace candour::testing;
using Catch::Matchers::Contains;

namespace {

void check_same_run(const sim::io::Scenario& a, const sim::io::Scenario& b) {
  CHECK(a.model == b.model);
  CHECK(a.title == b.title);
  CHECK(a.parameters == b.parameters);
  REQUIRE(a.timeline.size() == b.timeline.size());
  for (std::size_t i = 0; i < a.timeline.size(); ++i) {
    INFO("stage " << i);
    CHECK(a.timeline[i].day == b.timeline[i].day);
    CHECK(a.timeline[i].label == b.timeline[i].label);
    CHECK(a.timeline[i].parameters == b.timeline[i].parameters);
  }
}

}  // namespace

TEST_CASE("resolved_toml reads back to the same scenario", "[scenario][resolved]") {
  ScratchFolder folder;
  folder.write("base.toml",
               "model = \"toy\"\ntitle = \"Base\"\n[run]\ndays = 200\nseed = 5\n"
               "[toy]\npull = 0.3\nagents = 120\n");
  folder.write("calm.toml", "model = \"toy\"\n[toy]\nshock_rate = 0.001\n");
  // Stage 3 undoes stage 1's change: only differences from the stage before
  // can express that, so this checks the chosen encoding.
  auto file = folder.write("s.toml",
                           "extends = \"base.toml\"\ntitle = \"Reform\"\n"
                           "description = \"Three stages\"\n[toy]\nenabled = false\n"
                           "[[timeline]]\nday = 10\nlabel = \"one\"\n[timeline.set]\n"
                           "toy.pull = 0.1\n"
                           "[[timeline]]\nday = 20\nscenario = \"calm.toml\"\n"
                           "[[timeline]]\nday = 30\nlabel = \"three\"\n[timeline.set]\n"
                           "toy.pull = 0.3\ntoy.enabled = true\n"
                           "[[timeline]]\nday = 40\nlabel = \"nothing changes\"\n");
  auto original = load_toy(file, {"toy.shock_rate=0.07"});
  INFO(original.resolved_toml);
  CHECK_THAT(original.resolved_toml, Contains("description = 'Three stages'"));
  CHECK_THAT(original.resolved_toml, Contains("[toy]"));
  CHECK_THAT(original.resolved_toml, !Contains("extends"));
  CHECK_THAT(original.resolved_toml, !Contains("scenario ="));

  auto copy_file = folder.write("resolved.toml", original.resolved_toml);
  auto copy = load_toy(copy_file);
  check_same_run(original, copy);
  CHECK(copy.chain == std::vector<std::filesystem::path>{copy_file});
  // And once more: the text is a fixed point.
  auto again = load_toy(folder.write("again.toml", copy.resolved_toml));
  CHECK(again.resolved_toml.substr(again.resolved_toml.find('\n')) ==
        copy.resolved_toml.substr(copy.resolved_toml.find('\n')));
}

TEST_CASE("resolved_toml keeps every parameter and exact reals", "[scenario][resolved]") {
  ScratchFolder folder;
  auto file = folder.write("s.toml", "model = \"toy\"\n[toy]\npull = 0.1\nshock_rate = 0.3\n");
  auto scenario = load_toy(file);
  for (const auto& spec : toy_registry().specs()) {
    auto leaf = spec.name.substr(spec.name.find('.') + 1);
    CHECK_THAT(scenario.resolved_toml, Contains(leaf + " = "));
  }
  auto copy = load_toy(folder.write("copy.toml", scenario.resolved_toml));
  CHECK(copy.parameters.real("toy.shock_rate") == 0.3);
  CHECK(copy.parameters == scenario.parameters);
  CHECK(copy.title.empty());
}
