// Fact 14 (docs/validation.md): failures cluster with leadership churn; no single board
// member's parameters dominate outcomes (culture and system matter more than
// one chief executive). Evidence: 7 of ~14 HCC-investigated trusts had recent
// upheaval and frequent management change; every trust with 4 CEOs in 3
// years was rated inadequate or requires improvement (HSJ 2018); "little
// evidence" that individual CEOs affect outcomes (Janke, Propper & Sadun
// 2019) (evidence.md section 2, facts 15 and 16).
//
// Design: the national system (nhs_england), trust by trust. Churn is each
// trust's manager turnover; failure its harm rate, both over the run. The
// "chief executive" is each board's most competent member at day 0 (read by
// the probe): her competence and style are the single member's parameters.
#include <catch2/catch.hpp>

#include <memory>

#include "tests/validation/harness/report.hpp"
#include "tests/validation/nhs/nhs_recipes.hpp"
#include "tests/validation/nhs/probe.hpp"
#include "tests/validation/nhs/summaries.hpp"

using namespace candour::validation;
using namespace candour::validation::nhs;
namespace sim = candour::sim;

namespace {

struct TrustRun {
  double churn_harm = 0;          // correlation across trusts of leadership churn and harm
  double manager_churn_harm = 0;  // the same for managers alone
  double chief_r2 = 0;            // adjusted R^2 added by the chief's traits
  double culture_r2 = 0;          // adjusted R^2 of harm on culture and size
};

double adjusted_r2(const std::vector<std::vector<double>>& regressors,
                   const std::vector<double>& y) {
  std::vector<double> design;
  for (std::size_t t = 0; t < y.size(); ++t) {
    design.push_back(1.0);
    for (const auto& x : regressors)
      design.push_back(x[t]);
  }
  const auto fit = least_squares(design, regressors.size() + 1, y);
  const double n = static_cast<double>(y.size()), p = static_cast<double>(regressors.size());
  return 1.0 - (1.0 - fit.r_squared) * (n - 1.0) / (n - p - 1.0);
}

}  // namespace

TEST_CASE("fact 14 failures cluster with churn and no chief executive dominates", "[validation]") {
  const Scale scale = validation_scale();
  const auto budget = pick(scale, {6, 1095}, {6, 0});
  // At ci scale half the trusts (100 is plenty for an association across
  // trusts) halves the cost of the suite's dearest runs.
  const auto system =
      scenario("nhs_england", scale == Scale::ci ? std::vector<std::string>{"system.trusts=100"}
                                                 : std::vector<std::string>{});
  const auto runs =
      run_in_parallel<TrustRun>(static_cast<std::size_t>(budget.replicates), [&](std::size_t r) {
        auto boards = std::make_shared<BoardAtStart>();
        const auto probed = observed(model(), sim::Period::yearly, record_boards(boards));
        const auto run =
            run_once(probed, system, replicate_seed(14000, static_cast<int>(r)),
                     {"harm_rate_by_trust", "manager_leavers_by_trust", "board_leavers_by_trust"},
                     budget.days, 30);
        const sim::Day days = run.times().back();
        const auto harm = trust_tail_means(run, "harm_rate_by_trust", days);
        // Churn: leaders (managers and board) who left per leader post over the run.
        std::vector<double> churn, manager_churn;
        for (std::size_t t = 0; t < run.units(); ++t) {
          const double managers = run.final_value("manager_leavers_by_trust", t);
          const double board = run.final_value("board_leavers_by_trust", t);
          churn.push_back((managers + board) / (boards->managers[t] + boards->board_members[t]));
          manager_churn.push_back(managers / boards->managers[t]);
        }
        // The chief's own share: what her traits add to the trust's culture
        // and size (her style was drawn from that culture, so alone she would
        // stand in for it).
        const double system_r2 = adjusted_r2({boards->culture, boards->size}, harm);
        const double with_chief = adjusted_r2(
            {boards->culture, boards->size, boards->top_competence, boards->top_style}, harm);
        TrustRun out;
        out.churn_harm = correlation(churn, harm).estimate;
        out.manager_churn_harm = correlation(manager_churn, harm).estimate;
        out.chief_r2 = with_chief - system_r2;
        out.culture_r2 = system_r2;
        return out;
      });
  std::vector<double> churn_harm, manager_churn_harm, chief, culture;
  for (const auto& r : runs) {
    churn_harm.push_back(r.churn_harm);
    manager_churn_harm.push_back(r.manager_churn_harm);
    chief.push_back(r.chief_r2);
    culture.push_back(r.culture_r2);
  }
  note(
      "14", "adjusted R^2 of trust harm on starting culture and size " +
                format_number(mean(culture)) + "; correlation of manager churn alone with harm " +
                format_number(mean(manager_churn_harm)) + "; per replicate, churn and harm " + [&] {
                  std::string list;
                  for (double c : churn_harm)
                    list += (list.empty() ? "" : ", ") + format_number(c);
                  return list;
                }());
  // A correlation of 0.1 is the smallest association we call clustering; a
  // chief executive explaining a tenth of the variance across trusts would
  // already be a "hero".
  const auto a = check("14a", "churn and harm across trusts", mean_interval(churn_harm),
                       "correlation (run)", Requirement::above(0.1));
  const auto b = check("14b", "harm explained by the chief executive", mean_interval(chief),
                       "adjusted R^2 added to culture and size", Requirement::below(0.1));
  CHECK(a.passed);
  CHECK(b.passed);
}
