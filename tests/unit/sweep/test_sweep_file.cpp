#include <catch2/catch.hpp>

#include <string>

#include "models/toy/toy_model.hpp"
#include "sim/sweep/design.hpp"
#include "sim/sweep/sweep_file.hpp"

using namespace candour::sim;
using namespace candour::sim::sweep;

namespace {
const std::filesystem::path kData = CANDOUR_SWEEP_TEST_DATA;
const std::filesystem::path kInline = kData / "inline.toml";

SweepSpec parse(const std::string& text) {
  return parse_sweep(text, kInline);
}

// The error a text gives, read and validated against the toy model.
SweepError error_of(const std::string& text) {
  try {
    auto spec = parse(text);
    static const auto model = candour::models::toy_model();
    validate(spec, model);
  } catch (const SweepError& e) {
    return e;
  }
  FAIL("no SweepError for:\n" << text);
  throw std::logic_error("unreachable");
}

const std::string kHead = "scenario = \"toy_base.toml\"\n";
}  // namespace

TEST_CASE("a sweep file is read with every setting", "[sweep][file]") {
  auto spec = read_sweep_file(kData / "toy_grid.toml");
  REQUIRE(spec.title == "Toy grid");
  REQUIRE(spec.scenario.value == kData / "toy_base.toml");
  REQUIRE(spec.replicates == 2);
  REQUIRE(spec.seed == 99u);
  REQUIRE(spec.seed_policy == SeedPolicy::common);
  REQUIRE(spec.design.value.kind == DesignKind::grid);
  REQUIRE(spec.axes.size() == 2);
  REQUIRE(spec.axes[0].value.parameter == "toy.pull");
  REQUIRE(spec.axes[1].value.kind == AxisKind::linear);
  REQUIRE(spec.axes[1].value.steps == 2);
  REQUIRE(spec.keep_series.size() == 2);
  REQUIRE(spec.keep_series[1].value == "shocks");
  REQUIRE(spec.text.find("Toy grid") != std::string::npos);
  const auto model = candour::models::toy_model();
  validate(spec, model);
  // The values, read against their parameter as a scenario file reads them.
  REQUIRE(spec.axes[0].value.values == std::vector<double>{0.05, 0.2, 0.5});
  REQUIRE(spec.axes[0].value.unit == "per day");
}

TEST_CASE("a sweep file's defaults are one replicate of a grid with the base seed",
          "[sweep][file]") {
  auto spec = parse(kHead + "[set]\nrun.days = 5\n[set.toy]\nenabled = false\n");
  REQUIRE(spec.replicates == 1);
  REQUIRE_FALSE(spec.seed.has_value());
  REQUIRE(spec.design.value.kind == DesignKind::grid);
  REQUIRE(spec.axes.empty());
  // [set] is read against the model, as a scenario file's table is, by validate().
  REQUIRE(spec.settings.empty());
  const auto model = candour::models::toy_model();
  validate(spec, model);
  REQUIRE(spec.settings.size() == 2);
  REQUIRE(spec.settings[0].name == "run.days");
  REQUIRE(spec.settings[0].value == ParameterValue(std::int64_t{5}));
  REQUIRE(spec.settings[0].line == 3);
  REQUIRE(spec.settings[1].name == "toy.enabled");
  REQUIRE(spec.settings[1].value == ParameterValue(false));
  REQUIRE_FALSE(parse(kHead + "seed = \"base\"\n").seed.has_value());
}

TEST_CASE("sampling designs read their sizes", "[sweep][file]") {
  const std::string axis =
      "[[axis]]\nparameter = \"toy.pull\"\nuniform = { min = 0.0, max = 1.0 }\n";
  auto lhs = parse(kHead + "[design]\nkind = \"latin_hypercube\"\nsamples = 9\n" + axis);
  REQUIRE(lhs.design.value.samples == 9);
  auto saltelli = parse(kHead + "[design]\nkind = \"saltelli\"\nbase_samples = 8\n" + axis);
  REQUIRE(saltelli.design.value.base_samples == 8);
  auto morris = parse(kHead + "[design]\nkind = \"morris\"\ntrajectories = 3\n" + axis);
  REQUIRE(morris.design.value.trajectories == 3);
  REQUIRE(morris.design.value.levels == 4);
}

TEST_CASE("bad sweep files are rejected with file line key and a suggestion", "[sweep][file]") {
  SECTION("unknown top-level key") {
    auto e = error_of(kHead + "replicate = 3\n");
    CHECK(e.line == 2);
    CHECK(e.key == "replicate");
    CHECK_THAT(e.what(), Catch::Contains("inline.toml:2:") && Catch::Contains("'replicates'"));
  }
  SECTION("malformed TOML") {
    auto e = error_of(kHead + "replicates = = 3\n");
    CHECK(e.line == 2);
  }
  SECTION("missing base scenario") {
    auto e = error_of("replicates = 3\n");
    CHECK(e.key == "scenario");
  }
  SECTION("unknown design with the nearest name") {
    auto e = error_of(kHead + "[design]\nkind = \"latin_hypercub\"\n");
    CHECK(e.line == 3);
    CHECK_THAT(e.what(), Catch::Contains("did you mean 'latin_hypercube'"));
  }
  SECTION("a key that belongs to another design") {
    auto e = error_of(kHead + "[design]\nkind = \"grid\"\nsamples = 4\n");
    CHECK(e.key == "design.samples");
    CHECK(e.line == 4);
  }
  SECTION("odd morris levels") {
    auto e = error_of(kHead +
                      "[design]\nkind = \"morris\"\ntrajectories = 2\nlevels = 5\n"
                      "[[axis]]\nparameter = \"toy.pull\"\nuniform = { min = 0.0, max = 1.0 }\n");
    CHECK(e.key == "design.levels");
    CHECK(e.line == 5);
  }
  SECTION("an axis with two forms") {
    auto e = error_of(kHead +
                      "[[axis]]\nparameter = \"toy.pull\"\nvalues = [0.1]\n"
                      "linear = { from = 0.0, to = 1.0, steps = 3 }\n");
    CHECK(e.key == "axis[1]");
    CHECK(e.line == 2);
    CHECK_THAT(e.what(), Catch::Contains("exactly one of"));
  }
  SECTION("a typo inside a range") {
    auto e = error_of(
        kHead +
        "[[axis]]\nparameter = \"toy.pull\"\nlinear = { from = 0.0, too = 1.0, steps = 3 }\n");
    CHECK(e.key == "axis[1].linear.too");
    CHECK(e.line == 4);
    CHECK_THAT(e.what(), Catch::Contains("did you mean 'axis[1].linear.to'"));
  }
  SECTION("a distribution in a grid") {
    auto e = error_of(kHead +
                      "[[axis]]\nparameter = \"toy.pull\"\nuniform = { min = 0.0, max = 1.0 }\n");
    CHECK(e.key == "axis[1]");
    CHECK_THAT(e.what(), Catch::Contains("latin_hypercube"));
  }
  SECTION("a log range through zero") {
    auto e = error_of(
        kHead + "[[axis]]\nparameter = \"toy.pull\"\nlog = { from = 0.0, to = 1.0, steps = 3 }\n");
    CHECK(e.key == "axis[1].log.from");
  }
  SECTION("an unknown parameter with the nearest name") {
    auto e = error_of(kHead + "[[axis]]\nparameter = \"toy.pul\"\nvalues = [0.1, 0.2]\n");
    CHECK(e.key == "axis[1].parameter");
    CHECK(e.line == 3);
    CHECK_THAT(e.what(), Catch::Contains("'toy.pull'"));
  }
  SECTION("a value outside the parameter's range") {
    auto e = error_of(kHead + "\n[[axis]]\nparameter = \"toy.pull\"\nvalues = [0.1, 1.5]\n");
    CHECK(e.line == 5);
    CHECK_THAT(e.what(), Catch::Contains("1.5") && Catch::Contains("[0, 1]"));
  }
  SECTION("a range bound outside the parameter's range") {
    auto e = error_of(kHead +
                      "[[axis]]\nparameter = \"toy.shock_rate\"\nlinear = { from = -1.0, to = 1.0, "
                      "steps = 3 }\n");
    CHECK_THAT(e.what(), Catch::Contains("-1"));
  }
  SECTION("a fraction for an integer parameter") {
    auto e = error_of(kHead + "[[axis]]\nparameter = \"toy.agents\"\nvalues = [10, 20.5]\n");
    CHECK_THAT(e.what(), Catch::Contains("integer"));
  }
  SECTION("an axis on a run setting") {
    auto e = error_of(kHead + "[[axis]]\nparameter = \"run.days\"\nvalues = [10, 20]\n");
    CHECK(e.key == "axis[1].parameter");
    CHECK_THAT(e.what(), Catch::Contains("run setting"));
  }
  SECTION("two axes on one parameter") {
    auto e = error_of(kHead +
                      "[[axis]]\nparameter = \"toy.pull\"\nvalues = [0.1]\n"
                      "[[axis]]\nparameter = \"toy.pull\"\nvalues = [0.2]\n");
    CHECK(e.line == 6);
    CHECK_THAT(e.what(), Catch::Contains("line 3"));
  }
  SECTION("an unknown kept series with the nearest metric") {
    auto e = error_of(kHead + "keep_series = [\"mean_levl\"]\n");
    CHECK(e.key == "keep_series");
    CHECK_THAT(e.what(), Catch::Contains("'mean_level'"));
  }
  SECTION("a per-unit series") {
    auto e = error_of(kHead + "keep_series = [\"group_mean_level\"]\n");
    CHECK_THAT(e.what(), Catch::Contains("per-group"));
  }
  SECTION("an unknown fixed setting") {
    // [set] is a table of parameters like a scenario file's: the same message.
    auto e = error_of(kHead + "[set.toy]\nshock_rte = 0.1\n");
    CHECK(e.key == "toy.shock_rte");
    CHECK_THAT(e.what(), Catch::Contains("unknown key 'toy.shock_rte'; did you mean"));
    CHECK(e.line == 3);
    CHECK_THAT(e.what(), Catch::Contains("'toy.shock_rate'"));
  }
  SECTION("a bad seed policy") {
    auto e = error_of(kHead + "seed_policy = \"comon\"\n");
    CHECK_THAT(e.what(), Catch::Contains("did you mean 'common'"));
  }
  SECTION("a sampling design without axes") {
    auto e = error_of(kHead + "[design]\nkind = \"saltelli\"\nbase_samples = 4\n");
    CHECK(e.key == "design.kind");
  }
}

TEST_CASE("a missing sweep file is reported by name", "[sweep][file]") {
  try {
    read_sweep_file(kData / "no_such_sweep.toml");
    FAIL("no error");
  } catch (const SweepError& e) {
    CHECK_THAT(e.what(), Catch::Contains("no_such_sweep.toml"));
  }
}

TEST_CASE("a points design zips its axes' lists, one point per position", "[sweep][file]") {
  auto spec = parse(kHead +
                    "[design]\nkind = \"points\"\n"
                    "[[axis]]\nparameter = \"toy.pull\"\nvalues = [0.1, 0.4, 0.2]\n"
                    "[[axis]]\nparameter = \"toy.shock_rate\"\nvalues = [0.5, 0.5, 2.0]\n");
  const auto model = candour::models::toy_model();
  validate(spec, model);
  REQUIRE(spec.design.value.kind == DesignKind::points);
  const auto axes = axes_of(spec);
  REQUIRE(point_count(spec.design.value, axes) == 3);
  const auto unit = unit_design(spec.design.value, axes, 1);
  const auto values = parameter_design(spec.design.value, axes, unit);
  REQUIRE(values.rows == 3);
  // Row i is the i-th value of each list, in the order written.
  CHECK(values.at(1, 0) == 0.4);
  CHECK(values.at(1, 1) == 0.5);
  CHECK(values.at(2, 1) == 2.0);
  // Unit coordinates: each value's place between its axis's lowest and highest.
  CHECK(unit.at(0, 0) == 0.0);
  CHECK(unit.at(1, 0) == 1.0);
  CHECK(unit.at(2, 0) == Approx(1.0 / 3));
  CHECK(unit.at(2, 1) == 1.0);

  SECTION("lists of different lengths are refused at the axis") {
    auto e = error_of(kHead +
                      "[design]\nkind = \"points\"\n"
                      "[[axis]]\nparameter = \"toy.pull\"\nvalues = [0.1, 0.4]\n"
                      "[[axis]]\nparameter = \"toy.shock_rate\"\nvalues = [0.5]\n");
    CHECK(e.line == 9);
    CHECK_THAT(e.what(), Catch::Contains("as many values on every axis"));
  }
  SECTION("a distribution is refused") {
    auto e = error_of(kHead +
                      "[design]\nkind = \"points\"\n"
                      "[[axis]]\nparameter = \"toy.pull\"\nuniform = { min = 0.0, max = 1.0 }\n");
    CHECK_THAT(e.what(), Catch::Contains("needs values = [...] on every axis"));
  }
}
