#pragma once
// Statistics for validation over replicate runs: means and differences with
// t intervals, least-squares fits with coefficient intervals, correlation.
// Every interval is two-sided at `level` (0.95 unless stated). Quantiles of
// Student's t and the normal come from Boost.Math; fits use Eigen.
#include <cstddef>
#include <span>
#include <vector>

namespace candour::validation {

// An estimate with its confidence interval.
struct Interval {
  double estimate = 0.0;
  double lower = 0.0;
  double upper = 0.0;
  double standard_error = 0.0;
  double df = 0.0;  // degrees of freedom of the t interval (0 for a normal one)
  std::size_t n = 0;
};

double mean(std::span<const double> x);
// Sample standard deviation (n - 1 denominator).
double standard_deviation(std::span<const double> x);
// The q-quantile of a sample by linear interpolation between order statistics
// (Hyndman and Fan's type 7, numpy's default, as the analysis package reads
// trust percentiles). Needs a non-empty sample and 0 <= q <= 1.
double sample_quantile(std::span<const double> x, double q);

// Two-sided quantile of Student's t: t such that P(|T| <= t) = level.
double t_quantile(double df, double level = 0.95);

// Mean of `x` with the t interval (n - 1 df). Needs n >= 2.
Interval mean_interval(std::span<const double> x, double level = 0.95);

// mean(a) - mean(b) with Welch's interval (unequal variances, Welch-Satterthwaite df).
Interval welch_difference(std::span<const double> a, std::span<const double> b,
                          double level = 0.95);

// mean(a - b) over pairs (a[i], b[i]), e.g. two scenarios run with the same
// seeds (common random numbers). Needs a.size() == b.size() >= 2.
Interval paired_difference(std::span<const double> a, std::span<const double> b,
                           double level = 0.95);

// Ordinary least squares of y on the columns of a design matrix (one row
// per observation, given row-major with `columns` values per row).
struct LeastSquares {
  std::vector<Interval> coefficients;  // in column order, t intervals with n - p df
  std::vector<double> covariance;      // p x p, row-major
  double residual_variance = 0.0;
  double r_squared = 0.0;
  std::size_t n = 0;
};
LeastSquares least_squares(std::span<const double> design, std::size_t columns,
                           std::span<const double> y, double level = 0.95);

// Straight line y = a + b x: slope b with its interval, and the intercept.
struct Line {
  Interval intercept, slope;
  double r_squared = 0.0;
};
Line fit_line(std::span<const double> x, std::span<const double> y, double level = 0.95);

// Quadratic y = a + b x + c x^2, with the vertex -b / (2c) and its interval
// by the delta method (normal approximation).
struct Quadratic {
  Interval constant, linear, curvature, vertex;
  double r_squared = 0.0;
};
Quadratic fit_quadratic(std::span<const double> x, std::span<const double> y, double level = 0.95);

// Pearson correlation with the Fisher z interval.
Interval correlation(std::span<const double> x, std::span<const double> y, double level = 0.95);

}  // namespace candour::validation
