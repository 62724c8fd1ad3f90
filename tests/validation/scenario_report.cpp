// candour_scenario_report: every scenario under scenarios/ over replicate
// runs, with the magnitudes a health-policy reader checks first. For each
// scenario: psychological safety at day 0, in year 1 and in the final year,
// and its change against the baseline of the scenario's era; fear of
// clinicians (mean, 90th percentile) and of leaders; harm, mortality ratio,
// perception gap, burnout, turnover, leader tenure, the true 18-week share.
// Then the probes of credibility: the burnout-staffing odds ratio, leaders'
// tenure under mid_staffs, full local autonomy against the true 18-week
// share, the baseline's drift from day 0 to its final year, and
// psychological safety across the trusts of nhs_england; with --extremes,
// every lever at the ends of its range.
//
//   candour_scenario_report [--replicates 5] [--days 1825] [--seed 1] [--only a,b]
//                           [--set key=value ...] [--no-probes] [--extremes]
#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "tests/validation/harness/report.hpp"
#include "tests/validation/harness/statistics.hpp"
#include "tests/validation/nhs/nhs_recipes.hpp"
#include "tests/validation/nhs/scenario_set.hpp"
#include "tests/validation/nhs/summaries.hpp"

using namespace candour::validation;
using namespace candour::validation::nhs;
namespace sim = candour::sim;

namespace {

const std::vector<std::string> kMetrics{"psychological_safety_clinicians",
                                        "fear_mean_clinicians",
                                        "fear_p90_nurse",
                                        "fear_mean_manager",
                                        "fear_mean_board",
                                        "harm_rate",
                                        "mortality_ratio",
                                        "perception_gap",
                                        "speak_up_rate",
                                        "burnt_out_share_nurse",
                                        "clinician_turnover",
                                        "manager_turnover",
                                        "manager_leavers",
                                        "manager_completed_tenure",
                                        "board_turnover",
                                        "board_completed_tenure",
                                        "rtt_18_week_true",
                                        "ae_4_hour_official",
                                        "ae_4_hour_experienced",
                                        "patients_per_nurse",
                                        "investigations",
                                        "psychological_safety_clinicians_by_trust"};

std::string ci(const Interval& v) {
  return fmt::format("{} [{}, {}]", format_number(v.estimate), format_number(v.lower),
                     format_number(v.upper));
}

using Summary = std::function<double(const MetricRecorder&)>;

std::vector<double> values(const std::vector<MetricRecorder>& runs, const Summary& f) {
  return per_replicate(runs, f);
}

// Every lever of the model at the minimum and the maximum of its range, from
// the post-2014 baseline: shares must stay away from 0 and 1.
void lever_extremes(int replicates, sim::Day days, std::uint64_t seed) {
  const std::vector<std::string> shares{
      "psychological_safety_clinicians", "burnt_out_share_nurse", "speak_up_rate", "address_rate",
      "bullied_by_manager_share",        "witnessed_share"};
  std::vector<RunRecipe> recipes;
  std::vector<std::string> labels;
  for (const auto& spec : model().parameters) {
    if (spec.kind != sim::ParameterKind::lever)
      continue;
    for (double v : {spec.min, spec.max}) {
      const std::string text =
          spec.type == sim::ParameterType::boolean ? (v != 0 ? "true" : "false") : format_number(v);
      labels.push_back(spec.name + " = " + text);
      recipes.push_back(scenario("baseline", {spec.name + "=" + text}));
    }
  }
  const auto runs = run_replicates(model(), recipes, {replicates, days}, seed + 500, shares, 7);
  std::cout << "\nEvery lever at the ends of its range (from `baseline`; final-year means over "
            << replicates << " replicates x " << days << " days):\n\n| lever |";
  for (const auto& m : shares)
    std::cout << " " << m << " |";
  std::cout << "\n|---|";
  for (std::size_t k = 0; k < shares.size(); ++k)
    std::cout << "---|";
  std::cout << "\n";
  double lowest = 1, highest = 0;
  for (std::size_t k = 0; k < recipes.size(); ++k) {
    std::cout << "| " << labels[k] << " |";
    for (const auto& m : shares) {
      const double v =
          mean(values(runs[k], [&](const MetricRecorder& r) { return tail_mean(r, m); }));
      lowest = std::min(lowest, v);
      highest = std::max(highest, v);
      std::cout << " " << format_number(v) << " |";
    }
    std::cout << "\n";
  }
  std::cout << fmt::format("\nLowest share {}, highest {}.\n", format_number(lowest),
                           format_number(highest));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Every scenario's headline magnitudes against its era's baseline"};
  int replicates = 5;
  sim::Day days = 5 * kYear;
  std::uint64_t seed = 1;
  std::vector<std::string> only, overrides;
  bool probes = true, extremes = false;
  app.add_option("--replicates", replicates, "Replicates of each scenario")
      ->check(CLI::Range(2, 1000));
  app.add_option("--days", days, "Days of each run")->check(CLI::Range(365, 36500));
  app.add_option("--seed", seed, "Base seed; replicate r uses seed + r");
  app.add_option("--only", only, "Only these scenarios (comma-separated names)")->delimiter(',');
  app.add_option("--set", overrides, "Parameter overrides for every run (key=value)");
  app.add_flag("!--no-probes", probes, "Skip the probes after the scenario tables");
  app.add_flag("--extremes", extremes, "Also run every lever at the ends of its range");
  CLI11_PARSE(app, argc, argv);

  std::vector<NamedScenario> set;
  for (auto& s : named_scenarios(overrides)) {
    const bool wanted = only.empty() || std::find(only.begin(), only.end(), s.name) != only.end() ||
                        s.name == "baseline" || s.name == "baseline_2000s";
    if (wanted)
      set.push_back(std::move(s));
  }
  std::vector<RunRecipe> recipes;
  std::map<std::string, std::size_t> index;
  for (const auto& s : set) {
    index[s.name] = recipes.size();
    recipes.push_back(s.recipe);
  }
  const auto runs = run_replicates(model(), recipes, {replicates, days}, seed, kMetrics, 7);
  const sim::Day last_year = days / kYear;
  auto of = [&](const std::string& name) -> const std::vector<MetricRecorder>& {
    return runs[index.at(name)];
  };

  std::cout << fmt::format(
      "Scenarios, {} replicates x {} days (seeds {} + replicate), weekly records; means with 95% "
      "intervals over replicates; differences are paired against the baseline of the scenario's "
      "era (same seeds).\n\n",
      replicates, days, seed);
  std::cout << "| scenario | era baseline | psych. safety day 0 | year 1 | final year | year 1 "
               "minus baseline | final year minus baseline | fear p90 nurses | fear managers | "
               "fear board |\n|---|---|---|---|---|---|---|---|---|---|\n";
  const std::string ps = "psychological_safety_clinicians";
  for (const auto& s : set) {
    const auto& r = of(s.name);
    const auto& base = of(s.era_baseline);
    const auto day0 = values(r, [&](const MetricRecorder& m) { return m.at(ps, 0); });
    const auto y1 = values(r, [&](const MetricRecorder& m) { return year_mean(m, ps, 1); });
    const auto yl = values(r, [&](const MetricRecorder& m) { return year_mean(m, ps, last_year); });
    const auto b1 = values(base, [&](const MetricRecorder& m) { return year_mean(m, ps, 1); });
    const auto bl =
        values(base, [&](const MetricRecorder& m) { return year_mean(m, ps, last_year); });
    auto final_of = [&](const char* metric) {
      return ci(
          mean_interval(values(r, [&](const MetricRecorder& m) { return tail_mean(m, metric); })));
    };
    std::cout << fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", s.name,
                             s.era_baseline, ci(mean_interval(day0)), ci(mean_interval(y1)),
                             ci(mean_interval(yl)), ci(paired_difference(y1, b1)),
                             ci(paired_difference(yl, bl)), final_of("fear_p90_nurse"),
                             final_of("fear_mean_manager"), final_of("fear_mean_board"));
  }

  std::cout << "\nFinal-year means [95% interval], and the difference from the era's baseline "
               "(paired):\n\n"
               "| scenario | harm rate | mortality ratio | perception gap | speak-up rate | burnt "
               "out (nurses) | clinician turnover | manager turnover | board turnover | true "
               "18-week share | 4-hour official | 4-hour experienced |\n"
               "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& s : set) {
    const auto& r = of(s.name);
    const auto& base = of(s.era_baseline);
    auto cell = [&](const char* metric) {
      const auto v = values(r, [&](const MetricRecorder& m) { return tail_mean(m, metric); });
      if (s.name == s.era_baseline)
        return ci(mean_interval(v));
      const auto b = values(base, [&](const MetricRecorder& m) { return tail_mean(m, metric); });
      const auto d = paired_difference(v, b);
      return fmt::format("{} ({}{} [{}, {}])", format_number(mean(v)), d.estimate >= 0 ? "+" : "",
                         format_number(d.estimate), format_number(d.lower), format_number(d.upper));
    };
    std::cout << fmt::format(
        "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", s.name,
        cell("harm_rate"), cell("mortality_ratio"), cell("perception_gap"), cell("speak_up_rate"),
        cell("burnt_out_share_nurse"), cell("clinician_turnover"), cell("manager_turnover"),
        cell("board_turnover"), cell("rtt_18_week_true"), cell("ae_4_hour_official"),
        cell("ae_4_hour_experienced"));
  }
  if (probes) {
    std::cout << "\nProbes:\n\n";
    for (const char* base_name : {"baseline", "baseline_2000s"}) {
      if (index.count(base_name) == 0)
        continue;
      for (const char* metric : {"psychological_safety_clinicians", "burnt_out_share_nurse",
                                 "harm_rate", "fear_mean_manager"}) {
        const auto drift = values(of(base_name), [&](const MetricRecorder& m) {
          return year_mean(m, metric, last_year) - m.at(metric, 0);
        });
        std::cout << fmt::format("- {} drift of `{}`, final-year mean minus day 0: {}\n", base_name,
                                 metric, ci(mean_interval(drift)));
      }
    }
    if (index.count("mid_staffs") != 0) {
      const auto& r = of("mid_staffs");
      auto final_of = [&](const char* metric) {
        return ci(mean_interval(
            values(r, [&](const MetricRecorder& m) { return tail_mean(m, metric); })));
      };
      std::cout << fmt::format(
          "- mid_staffs final year: board completed tenure {} years, board turnover {} a year; "
          "manager turnover {} a year, manager completed tenure {} years\n",
          final_of("board_completed_tenure"), final_of("board_turnover"),
          final_of("manager_turnover"), final_of("manager_completed_tenure"));
    }
    for (const char* kark : {"kark", "kark_implemented"}) {
      if (index.count(kark) == 0)
        continue;
      for (const char* metric : {"fear_mean_manager", "fear_mean_board"}) {
        const auto k =
            values(of(kark), [&](const MetricRecorder& m) { return tail_mean(m, metric); });
        const auto b =
            values(of("baseline"), [&](const MetricRecorder& m) { return tail_mean(m, metric); });
        std::cout << fmt::format("- {} minus baseline, final-year `{}`: {}\n", kark, metric,
                                 ci(paired_difference(k, b)));
      }
    }
    {
      const auto base = scenario("baseline", overrides);
      const auto pair = run_replicates(
          model(), {base, adjusted(base, {"pressure.local_autonomy=1"})}, {replicates, days}, seed,
          {"rtt_18_week_true", "psychological_safety_clinicians"}, 7);
      const auto with =
          values(pair[1], [](const MetricRecorder& m) { return tail_mean(m, "rtt_18_week_true"); });
      const auto without =
          values(pair[0], [](const MetricRecorder& m) { return tail_mean(m, "rtt_18_week_true"); });
      std::cout << fmt::format(
          "- full local autonomy minus baseline, final-year true 18-week share: {}\n",
          ci(paired_difference(with, without)));
    }
    {
      const auto base = scenario("baseline", overrides);
      std::vector<RunRecipe> sweep;
      for (int n : {19, 22, 25, 28, 31})
        sweep.push_back(adjusted(base, {"trust.clinicians_per_ward=" + std::to_string(n)}));
      const auto grid = run_replicates(model(), sweep, {replicates, 3 * kYear}, seed + 100,
                                       {"burnt_out_share_nurse", "patients_per_nurse"}, 7);
      const auto odds = burnout_staffing_odds_ratio(grid);
      std::cout << fmt::format(
          "- burnout-staffing odds ratio per extra patient per nurse (final year, posts per ward "
          "19-31): {} [{}, {}] (Aiken et al. 2002: about 1.23)\n",
          format_number(odds.estimate), format_number(odds.lower), format_number(odds.upper));
    }
    if (index.count("nhs_england") != 0) {
      std::vector<double> trusts;
      for (const auto& r : of("nhs_england")) {
        const auto v = trust_tail_means(r, "psychological_safety_clinicians_by_trust", kYear);
        trusts.insert(trusts.end(), v.begin(), v.end());
      }
      std::sort(trusts.begin(), trusts.end());
      auto q = [&](double p) {
        return trusts[static_cast<std::size_t>(p * static_cast<double>(trusts.size() - 1))];
      };
      std::cout << fmt::format(
          "- nhs_england, final-year psychological safety over {} trust-runs: min {}, 5% {}, "
          "median {}, 95% {}, max {}, sd {}\n",
          trusts.size(), format_number(trusts.front()), format_number(q(0.05)),
          format_number(q(0.5)), format_number(q(0.95)), format_number(trusts.back()),
          format_number(standard_deviation(trusts)));
    }
  }
  if (extremes)
    lever_extremes(std::max(2, replicates / 2), 3 * kYear, seed);
  return 0;
}
