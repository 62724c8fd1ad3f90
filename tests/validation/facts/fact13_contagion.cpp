// Fact 13 (docs/validation.md): burnout and fear spread within teams: a ward's change
// predicts its members' next changes beyond their own exposure. Evidence:
// burnout perceived in colleagues was the strongest predictor of a nurse's
// own exhaustion, at individual and unit level (Bakker, Le Blanc & Schaufeli
// 2005; 1,849 ICU nurses in 80 units) (evidence.md section 2, fact 14).
//
// Design: a weekly panel of every clinician (tests/validation/nhs/probe.hpp).
// For member i of ward w and weeks k, k+1, k+2 (same person throughout):
//   x_i(k+2) - x_i(k+1) = a + b [mean of w's other members, k -> k+1 change]
//                         + c [own k -> k+1 change] + d x_i(k+1)
//                         + exposures of the ward at k+1 and their change to k+2
// Exposures are the ward-level drivers of x in the ODD's loops 2 and 4 (docs/ODD.md, section 3)
// (fear: pressure passed down, manager trust, punished concerns; burnout:
// patients per nurse, vacancies, own fear). b alone cannot separate contagion
// from exposures the controls miss, since members share them (Manski's
// reflection problem): with peer influence switched off, b is still far from
// zero. So the test is counterfactual, which a model allows and a survey does
// not: the same runs (same seeds) with fear.peer_weight = burnout.peer_weight
// = 0, and "beyond their own exposure" is b with peers minus b without. One b
// per replicate; the interval is over replicates.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>

#include "tests/validation/harness/report.hpp"
#include "tests/validation/nhs/nhs_recipes.hpp"
#include "tests/validation/nhs/probe.hpp"
#include "tests/validation/nhs/summaries.hpp"

using namespace candour::validation;
using namespace candour::validation::nhs;
namespace sim = candour::sim;

namespace {

enum class Trait { fear, burnout };

// Contagion coefficient b of one run's panel (see the file comment).
double contagion(const ClinicianPanel& p, Trait trait) {
  const auto& x = trait == Trait::fear ? p.fear : p.burnout;
  const std::size_t posts = p.ward_of_post.size();
  std::vector<double> design, y;
  std::vector<double> sum(p.wards), count(p.wards);
  auto same = [&](std::size_t i, std::size_t k0, std::size_t k1) {
    return std::isfinite(x[k0][i]) && std::isfinite(x[k1][i]) &&
           p.hired_day[k0][i] == p.hired_day[k1][i];
  };
  for (std::size_t k = 0; k + 2 < p.days.size(); ++k) {
    // Sum and count of each ward's k -> k+1 changes of members present throughout.
    std::fill(sum.begin(), sum.end(), 0.0);
    std::fill(count.begin(), count.end(), 0.0);
    for (std::size_t i = 0; i < posts; ++i) {
      if (!same(i, k, k + 1))
        continue;
      sum[p.ward_of_post[i]] += x[k + 1][i] - x[k][i];
      count[p.ward_of_post[i]] += 1;
    }
    for (std::size_t i = 0; i < posts; ++i) {
      const std::size_t w = p.ward_of_post[i];
      if (!same(i, k, k + 1) || !same(i, k + 1, k + 2) || count[w] < 2)
        continue;
      const double own = x[k + 1][i] - x[k][i];
      const double others = (sum[w] - own) / (count[w] - 1);
      auto level_and_change = [&](const std::vector<std::vector<float>>& v, std::size_t j) {
        design.push_back(v[k + 1][j]);
        design.push_back(v[k + 2][j] - v[k + 1][j]);
      };
      design.push_back(1.0);
      design.push_back(others);
      design.push_back(own);
      design.push_back(x[k + 1][i]);
      if (trait == Trait::fear) {
        level_and_change(p.pressure, w);
        level_and_change(p.trust, w);
        level_and_change(p.punishment_memory, w);
      } else {
        level_and_change(p.patients_per_nurse, w);
        level_and_change(p.vacancy_rate, w);
        level_and_change(p.fear, i);
      }
      y.push_back(x[k + 2][i] - x[k + 1][i]);
    }
  }
  return least_squares(design, 10, y).coefficients[1].estimate;
}

struct PanelRun {
  double fear = 0, burnout = 0;
};

std::vector<PanelRun> run_panels(const RunRecipe& recipe, Budget budget, std::uint64_t seed) {
  return run_in_parallel<PanelRun>(static_cast<std::size_t>(budget.replicates), [&](std::size_t r) {
    auto panel = std::make_shared<ClinicianPanel>();
    const auto probed = observed(model(), sim::Period::daily, record_panel(panel));
    run_once(probed, recipe, replicate_seed(seed, static_cast<int>(r)), {"harm_rate"}, budget.days,
             365);
    return PanelRun{contagion(*panel, Trait::fear), contagion(*panel, Trait::burnout)};
  });
}

}  // namespace

TEST_CASE("fact 13 burnout and fear spread within teams", "[validation]") {
  const auto budget = pick(validation_scale(), {8, 730}, {8, 1095});
  const auto base = scenario("baseline");
  const auto with_peers = run_panels(base, budget, 13000);
  const auto without_peers = run_panels(
      adjusted(base, {"fear.peer_weight=0", "burnout.peer_weight=0"}, "no peer influence"), budget,
      13000);
  auto pick_trait = [](const std::vector<PanelRun>& runs, Trait t) {
    std::vector<double> out;
    for (const auto& r : runs)
      out.push_back(t == Trait::fear ? r.fear : r.burnout);
    return out;
  };
  // A ward-mean change of 0.1 must move each member's next week by at least
  // 0.002 (b > 0.02) through contagion: well above zero, well below the
  // weekly peer weight of a full catch-up.
  constexpr double kMinimum = 0.02;
  const char* names[] = {"fear", "burnout"};
  const char* ids[] = {"13a", "13b"};
  for (Trait t : {Trait::fear, Trait::burnout}) {
    const auto i = static_cast<std::size_t>(t);
    const auto with = pick_trait(with_peers, t), without = pick_trait(without_peers, t);
    note(ids[i], std::string(names[i]) + " coefficient b: with peer influence " +
                     format_number(mean(with)) + ", without " + format_number(mean(without)));
    const auto c = check(ids[i], std::string(names[i]) + " contagion beyond own exposure",
                         paired_difference(with, without),
                         "next weekly change per unit ward change (b with minus without peers)",
                         Requirement::above(kMinimum));
    CHECK(c.passed);
  }
}
