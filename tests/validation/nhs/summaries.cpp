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

std::vector<double> pooled(const std::vector<std::vector<double>>& parts) {
  std::vector<double> out;
  for (const auto& p : parts)
    out.insert(out.end(), p.begin(), p.end());
  return out;
}

}  // namespace candour::validation::nhs
