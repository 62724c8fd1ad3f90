#include "tests/validation/nhs/summaries.hpp"

namespace candour::validation::nhs {

double tail_mean(const MetricRecorder& run, const std::string& metric, sim::Day days,
                 std::size_t unit) {
  const sim::Day end = run.times().back();
  return run.mean_over(metric, end - days, end, unit);
}

double run_mean(const MetricRecorder& run, const std::string& metric, std::size_t unit) {
  return run.mean_over(metric, 0, run.times().back(), unit);
}

std::vector<double> trust_tail_means(const MetricRecorder& run, const std::string& metric,
                                     sim::Day days) {
  std::vector<double> out(run.units());
  for (std::size_t t = 0; t < out.size(); ++t)
    out[t] = tail_mean(run, metric, days, t);
  return out;
}

double completed_manager_tenure(const MetricRecorder& run) {
  double years = 0, leavers = 0, before = 0;
  for (sim::Day end = kYear; end <= run.times().back(); end += kYear) {
    const double now = run.at("manager_leavers", end);
    const double n = now - before;
    before = now;
    if (n > 0) {
      years += n * run.at("manager_completed_tenure", end);
      leavers += n;
    }
  }
  return years / leavers;
}

std::vector<double> pooled(const std::vector<std::vector<double>>& parts) {
  std::vector<double> out;
  for (const auto& p : parts)
    out.insert(out.end(), p.begin(), p.end());
  return out;
}

}  // namespace candour::validation::nhs
