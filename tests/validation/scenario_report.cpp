// candour_scenario_report: every scenario under scenarios/ over replicate
// runs, with the magnitudes a health-policy reader checks first. For each
// scenario: psychological safety at day 0, in year 1 and in the final year,
// and its change against the baseline of the scenario's era; fear of
// clinicians (mean, 90th percentile) and of leaders; harm, mortality ratio,
// perception gap, burnout, turnover, leader tenure, the true 18-week share.
// Then the probes of credibility: the burnout-staffing odds ratio, leaders'
// tenure under mid_staffs, full local autonomy against the true 18-week
// share, the baseline's drift from day 0 to its final year, and
// psychological safety across the trusts of nhs_england.
//
//   candour_scenario_report [--replicates 5] [--days 1825] [--seed 1] [--only a,b]
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
                                        "board_leavers",
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

// The scenarios under the scenario folder, by name, sorted.
std::vector<std::string> scenario_names() {
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(scenario_path("x").parent_path()))
    if (entry.is_regular_file() && entry.path().extension() == ".toml")
      names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

double year_mean(const MetricRecorder& r, const std::string& metric, sim::Day year) {
  return r.mean_over(metric, (year - 1) * kYear, year * kYear);
}

// Value of a cumulative metric at the first record on or after `day`.
double at_or_after(const MetricRecorder& r, const std::string& metric, sim::Day day) {
  const auto& t = r.times();
  const auto it = std::lower_bound(t.begin(), t.end(), day);
  return r.at(metric, it == t.end() ? t.back() : *it);
}

// Board members who left per board seat per year over the final year.
double board_turnover(const MetricRecorder& r, double seats) {
  const sim::Day end = r.times().back();
  return (r.final_value("board_leavers") - at_or_after(r, "board_leavers", end - kYear)) / seats;
}

using Summary = std::function<double(const MetricRecorder&)>;

std::vector<double> values(const std::vector<MetricRecorder>& runs, const Summary& f) {
  return per_replicate(runs, f);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Every scenario's headline magnitudes against its era's baseline"};
  int replicates = 5;
  sim::Day days = 5 * kYear;
  std::uint64_t seed = 1;
  std::vector<std::string> only;
  bool probes = true;
  app.add_option("--replicates", replicates, "Replicates of each scenario")
      ->check(CLI::Range(2, 1000));
  app.add_option("--days", days, "Days of each run")->check(CLI::Range(365, 36500));
  app.add_option("--seed", seed, "Base seed; replicate r uses seed + r");
  app.add_option("--only", only, "Only these scenarios (comma-separated names)")->delimiter(',');
  app.add_flag("!--no-probes", probes, "Skip the probes after the scenario table");
  CLI11_PARSE(app, argc, argv);

  auto names = only.empty() ? scenario_names() : only;
  const std::string baseline = "baseline";
  if (std::find(names.begin(), names.end(), baseline) == names.end())
    names.insert(names.begin(), baseline);
  std::vector<RunRecipe> recipes;
  for (const auto& n : names)
    recipes.push_back(scenario(n));
  const auto runs = run_replicates(model(), recipes, {replicates, days}, seed, kMetrics, 7);
  std::map<std::string, std::size_t> index;
  for (std::size_t k = 0; k < names.size(); ++k)
    index[names[k]] = k;
  const auto& base = runs[index[baseline]];
  const sim::Day last_year = days / kYear;

  std::cout << fmt::format(
      "Scenarios, {} replicates x {} days (seeds {} + replicate), weekly records; means with 95% "
      "intervals over replicates; differences are paired against `{}` (same seeds).\n\n",
      replicates, days, seed, baseline);
  std::cout << "| scenario | psych. safety day 0 | year 1 | final year | year 1 minus baseline | "
               "final year minus baseline | fear p90 nurses | fear managers | fear board |\n"
               "|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& n : names) {
    const auto& r = runs[index[n]];
    const auto day0 = values(
        r, [](const MetricRecorder& m) { return m.at("psychological_safety_clinicians", 0); });
    const auto y1 = values(r, [](const MetricRecorder& m) {
      return year_mean(m, "psychological_safety_clinicians", 1);
    });
    const auto yl = values(r, [&](const MetricRecorder& m) {
      return year_mean(m, "psychological_safety_clinicians", last_year);
    });
    const auto b1 = values(base, [](const MetricRecorder& m) {
      return year_mean(m, "psychological_safety_clinicians", 1);
    });
    const auto bl = values(base, [&](const MetricRecorder& m) {
      return year_mean(m, "psychological_safety_clinicians", last_year);
    });
    auto final_of = [&](const char* metric) {
      return mean_interval(
          values(r, [&](const MetricRecorder& m) { return tail_mean(m, metric); }));
    };
    std::cout << fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", n,
                             ci(mean_interval(day0)), ci(mean_interval(y1)), ci(mean_interval(yl)),
                             ci(paired_difference(y1, b1)), ci(paired_difference(yl, bl)),
                             ci(final_of("fear_p90_nurse")), ci(final_of("fear_mean_manager")),
                             ci(final_of("fear_mean_board")));
  }

  std::cout << "\nFinal-year means [95% interval]:\n\n"
               "| scenario | harm rate | mortality ratio | perception gap | speak-up rate | burnt "
               "out (nurses) | clinician turnover | manager turnover | board turnover | true "
               "18-week share | 4-hour official | 4-hour experienced |\n"
               "|---|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& n : names) {
    const auto& r = runs[index[n]];
    const double seats = recipes[index[n]].parameters.real("trust.board_members") *
                         static_cast<double>(r.front().units());
    auto final_of = [&](const char* metric) {
      return ci(
          mean_interval(values(r, [&](const MetricRecorder& m) { return tail_mean(m, metric); })));
    };
    std::cout << fmt::format(
        "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", n, final_of("harm_rate"),
        final_of("mortality_ratio"), final_of("perception_gap"), final_of("speak_up_rate"),
        final_of("burnt_out_share_nurse"), final_of("clinician_turnover"),
        final_of("manager_turnover"),
        ci(mean_interval(
            values(r, [&](const MetricRecorder& m) { return board_turnover(m, seats); }))),
        final_of("rtt_18_week_true"), final_of("ae_4_hour_official"),
        final_of("ae_4_hour_experienced"));
  }
  if (!probes)
    return 0;

  std::cout << "\nProbes:\n\n";
  // The baseline's drift: a settled start changes little after day 0.
  for (const char* metric :
       {"psychological_safety_clinicians", "burnt_out_share_nurse", "harm_rate"}) {
    const auto drift = values(base, [&](const MetricRecorder& m) {
      return year_mean(m, metric, last_year) - m.at(metric, 0);
    });
    std::cout << fmt::format("- baseline drift of `{}`, final-year mean minus day 0: {}\n", metric,
                             ci(mean_interval(drift)));
  }
  // Leaders under mid_staffs.
  if (index.count("mid_staffs") != 0) {
    const auto& r = runs[index["mid_staffs"]];
    const double seats = recipes[index["mid_staffs"]].parameters.real("trust.board_members");
    const auto board = values(r, [&](const MetricRecorder& m) { return board_turnover(m, seats); });
    std::cout << fmt::format(
        "- mid_staffs final year: board turnover {} per seat-year (implied tenure {} years); "
        "manager turnover {} per year; manager completed tenure {} years\n",
        ci(mean_interval(board)), format_number(1.0 / mean(board)),
        ci(mean_interval(
            values(r, [](const MetricRecorder& m) { return tail_mean(m, "manager_turnover"); }))),
        ci(mean_interval(values(
            r, [](const MetricRecorder& m) { return tail_mean(m, "manager_completed_tenure"); }))));
  }
  // Kark and leaders' fear.
  if (index.count("kark") != 0) {
    for (const char* metric : {"fear_mean_manager", "fear_mean_board"}) {
      const auto k = values(runs[index["kark"]],
                            [&](const MetricRecorder& m) { return tail_mean(m, metric); });
      const auto b = values(base, [&](const MetricRecorder& m) { return tail_mean(m, metric); });
      std::cout << fmt::format("- kark minus baseline, final-year `{}`: {}\n", metric,
                               ci(paired_difference(k, b)));
    }
  }
  // Full local autonomy and the true 18-week share.
  {
    const auto pair = run_replicates(
        model(), {scenario(baseline), scenario(baseline, {"pressure.local_autonomy=1"})},
        {replicates, days}, seed, {"rtt_18_week_true", "psychological_safety_clinicians"}, 7);
    const auto with =
        values(pair[1], [](const MetricRecorder& m) { return tail_mean(m, "rtt_18_week_true"); });
    const auto without =
        values(pair[0], [](const MetricRecorder& m) { return tail_mean(m, "rtt_18_week_true"); });
    std::cout << fmt::format(
        "- full local autonomy minus baseline, final-year true 18-week share: {}\n",
        ci(paired_difference(with, without)));
  }
  // Burnout against staffing: the odds ratio per extra patient per nurse.
  {
    const std::vector<int> posts{19, 22, 25, 28, 31};
    std::vector<RunRecipe> sweep;
    for (int n : posts)
      sweep.push_back(scenario(baseline, {"trust.clinicians_per_ward=" + std::to_string(n)}));
    const auto grid = run_replicates(model(), sweep, {replicates, 3 * kYear}, seed + 100,
                                     {"burnt_out_share_nurse", "patients_per_nurse"}, 7);
    std::vector<double> ppn, log_odds;
    for (const auto& level : grid)
      for (const auto& r : level) {
        const double share = tail_mean(r, "burnt_out_share_nurse");
        ppn.push_back(tail_mean(r, "patients_per_nurse"));
        log_odds.push_back(std::log(share / (1.0 - share)));
      }
    const auto slope = fit_line(ppn, log_odds).slope;
    std::cout << fmt::format(
        "- burnout-staffing odds ratio per extra patient per nurse (final year, posts per ward "
        "19-31): {} [{}, {}] (Aiken et al. 2002: about 1.23)\n",
        format_number(std::exp(slope.estimate)), format_number(std::exp(slope.lower)),
        format_number(std::exp(slope.upper)));
  }
  // Psychological safety across the trusts of nhs_england.
  if (index.count("nhs_england") != 0) {
    std::vector<double> trusts;
    for (const auto& r : runs[index["nhs_england"]]) {
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
        trusts.size(), format_number(trusts.front()), format_number(q(0.05)), format_number(q(0.5)),
        format_number(q(0.95)), format_number(trusts.back()),
        format_number(standard_deviation(trusts)));
  }
  return 0;
}
