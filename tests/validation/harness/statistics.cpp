#include "tests/validation/harness/statistics.hpp"

#include <Eigen/Dense>
#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace candour::validation {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double normal_quantile(double level) {
  return boost::math::quantile(boost::math::normal(), 0.5 + level / 2.0);
}

Interval t_interval(double estimate, double se, double df, std::size_t n, double level) {
  const double half = t_quantile(df, level) * se;
  return {estimate, estimate - half, estimate + half, se, df, n};
}

void require_same_size(std::span<const double> a, std::span<const double> b) {
  if (a.size() != b.size())
    throw std::invalid_argument("paired samples differ in length");
}

}  // namespace

double mean(std::span<const double> x) {
  if (x.empty())
    return kNaN;
  return std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

double sample_quantile(std::span<const double> x, double q) {
  if (x.empty() || !(q >= 0.0 && q <= 1.0))
    return kNaN;
  std::vector<double> sorted(x.begin(), x.end());
  std::sort(sorted.begin(), sorted.end());
  const double position = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (position - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}

double standard_deviation(std::span<const double> x) {
  if (x.size() < 2)
    return kNaN;
  const double m = mean(x);
  double ss = 0.0;
  for (double v : x)
    ss += (v - m) * (v - m);
  return std::sqrt(ss / static_cast<double>(x.size() - 1));
}

double t_quantile(double df, double level) {
  if (!(df > 0))
    return kNaN;
  return boost::math::quantile(boost::math::students_t(df), 0.5 + level / 2.0);
}

Interval mean_interval(std::span<const double> x, double level) {
  if (x.size() < 2)
    throw std::invalid_argument("a mean interval needs at least two replicates");
  const double n = static_cast<double>(x.size());
  return t_interval(mean(x), standard_deviation(x) / std::sqrt(n), n - 1.0, x.size(), level);
}

Interval welch_difference(std::span<const double> a, std::span<const double> b, double level) {
  if (a.size() < 2 || b.size() < 2)
    throw std::invalid_argument("a Welch interval needs at least two replicates per group");
  const double na = static_cast<double>(a.size()), nb = static_cast<double>(b.size());
  const double va = std::pow(standard_deviation(a), 2) / na;
  const double vb = std::pow(standard_deviation(b), 2) / nb;
  const double se = std::sqrt(va + vb);
  // Welch-Satterthwaite; when both variances vanish the difference is exact.
  const double df = se > 0 ? (va + vb) * (va + vb) / (va * va / (na - 1.0) + vb * vb / (nb - 1.0))
                           : na + nb - 2.0;
  return t_interval(mean(a) - mean(b), se, df, a.size() + b.size(), level);
}

Interval paired_difference(std::span<const double> a, std::span<const double> b, double level) {
  require_same_size(a, b);
  std::vector<double> d(a.size());
  for (std::size_t i = 0; i < a.size(); ++i)
    d[i] = a[i] - b[i];
  return mean_interval(d, level);
}

LeastSquares least_squares(std::span<const double> design, std::size_t columns,
                           std::span<const double> y, double level) {
  const std::size_t n = y.size();
  if (columns == 0 || design.size() != n * columns)
    throw std::invalid_argument("design matrix does not match the observations");
  if (n <= columns)
    throw std::invalid_argument("least squares needs more observations than coefficients");
  using Matrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  const Eigen::Map<const Matrix> X(design.data(), static_cast<Eigen::Index>(n),
                                   static_cast<Eigen::Index>(columns));
  const Eigen::Map<const Eigen::VectorXd> Y(y.data(), static_cast<Eigen::Index>(n));
  // Column-pivoted QR: stable when regressors differ in scale.
  const Eigen::ColPivHouseholderQR<Matrix> qr(X);
  if (qr.rank() < static_cast<Eigen::Index>(columns))
    throw std::invalid_argument("design matrix is rank deficient");
  const Eigen::VectorXd beta = qr.solve(Y);
  const Eigen::VectorXd residual = Y - X * beta;
  const double df = static_cast<double>(n - columns);
  const double s2 = residual.squaredNorm() / df;
  const Eigen::MatrixXd xtx_inverse = (X.transpose() * X).inverse();
  const Eigen::MatrixXd cov = s2 * xtx_inverse;
  const double y_mean = Y.mean();
  const double total = (Y.array() - y_mean).square().sum();

  LeastSquares out;
  out.n = n;
  out.residual_variance = s2;
  out.r_squared = total > 0 ? 1.0 - residual.squaredNorm() / total : kNaN;
  for (std::size_t j = 0; j < columns; ++j) {
    const auto k = static_cast<Eigen::Index>(j);
    out.coefficients.push_back(t_interval(beta(k), std::sqrt(cov(k, k)), df, n, level));
  }
  out.covariance.assign(cov.data(), cov.data() + cov.size());  // symmetric: order is moot
  return out;
}

Line fit_line(std::span<const double> x, std::span<const double> y, double level) {
  require_same_size(x, y);
  std::vector<double> design;
  design.reserve(2 * x.size());
  for (double v : x) {
    design.push_back(1.0);
    design.push_back(v);
  }
  const auto fit = least_squares(design, 2, y, level);
  return {fit.coefficients[0], fit.coefficients[1], fit.r_squared};
}

Quadratic fit_quadratic(std::span<const double> x, std::span<const double> y, double level) {
  require_same_size(x, y);
  std::vector<double> design;
  design.reserve(3 * x.size());
  for (double v : x) {
    design.push_back(1.0);
    design.push_back(v);
    design.push_back(v * v);
  }
  const auto fit = least_squares(design, 3, y, level);
  Quadratic q{fit.coefficients[0], fit.coefficients[1], fit.coefficients[2], {}, fit.r_squared};
  const double b = q.linear.estimate, c = q.curvature.estimate;
  const double vertex = -b / (2.0 * c);
  // Delta method: gradient of -b / (2c) with respect to (b, c).
  const double gb = -1.0 / (2.0 * c), gc = b / (2.0 * c * c);
  const auto cov = [&](std::size_t i, std::size_t j) { return fit.covariance[i * 3 + j]; };
  const double var = gb * gb * cov(1, 1) + 2.0 * gb * gc * cov(1, 2) + gc * gc * cov(2, 2);
  const double se = std::sqrt(var);
  const double half = normal_quantile(level) * se;
  q.vertex = {vertex, vertex - half, vertex + half, se, 0.0, x.size()};
  return q;
}

Interval correlation(std::span<const double> x, std::span<const double> y, double level) {
  require_same_size(x, y);
  if (x.size() < 4)
    throw std::invalid_argument("a correlation interval needs at least four pairs");
  const double mx = mean(x), my = mean(y);
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  const double r = sxy / std::sqrt(sxx * syy);
  const double se = 1.0 / std::sqrt(static_cast<double>(x.size()) - 3.0);
  const double z = std::atanh(r), half = normal_quantile(level) * se;
  return {r, std::tanh(z - half), std::tanh(z + half), se, 0.0, x.size()};
}

}  // namespace candour::validation
