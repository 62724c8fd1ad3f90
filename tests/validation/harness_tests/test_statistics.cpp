// The validation statistics against textbook values and exact fits.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>
#include <vector>

#include "tests/validation/harness/report.hpp"
#include "tests/validation/harness/statistics.hpp"

using namespace candour::validation;

TEST_CASE("t quantiles match the published table", "[validation-harness]") {
  CHECK(t_quantile(9) == Approx(2.262157).epsilon(1e-6));
  CHECK(t_quantile(1) == Approx(12.7062).epsilon(1e-5));
  CHECK(t_quantile(1e6) == Approx(1.959966).epsilon(1e-5));
  CHECK(t_quantile(20, 0.90) == Approx(1.724718).epsilon(1e-6));
}

TEST_CASE("the mean interval is mean plus or minus t times the standard error",
          "[validation-harness]") {
  const std::vector<double> x{2, 4, 4, 4, 5, 5, 7, 9};  // mean 5, sd sqrt(32/7)
  const auto m = mean_interval(x);
  const double se = std::sqrt(32.0 / 7.0) / std::sqrt(8.0);
  CHECK(m.estimate == Approx(5.0));
  CHECK(m.standard_error == Approx(se));
  CHECK(m.df == 7);
  CHECK(m.lower == Approx(5.0 - 2.364624 * se).epsilon(1e-6));
  CHECK(m.upper == Approx(5.0 + 2.364624 * se).epsilon(1e-6));
  CHECK_THROWS(mean_interval(std::vector<double>{1.0}));
}

TEST_CASE("sample quantiles interpolate between order statistics as numpy does",
          "[validation-harness]") {
  const std::vector<double> x{9, 2, 5, 4, 7, 4, 5, 4};  // numpy.quantile's values
  CHECK(sample_quantile(x, 0.0) == 2.0);
  CHECK(sample_quantile(x, 0.05) == Approx(2.7));
  CHECK(sample_quantile(x, 0.5) == Approx(4.5));
  CHECK(sample_quantile(x, 0.95) == Approx(8.3));
  CHECK(sample_quantile(x, 1.0) == 9.0);
  CHECK(std::isnan(sample_quantile(std::vector<double>{}, 0.5)));
  CHECK(std::isnan(sample_quantile(x, 1.5)));
}

TEST_CASE("Welch's interval uses the Welch-Satterthwaite degrees of freedom",
          "[validation-harness]") {
  const std::vector<double> a{27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1,
                              21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4};
  const std::vector<double> b{27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0,
                              24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4};
  // Example 1 of Wikipedia's "Welch's t-test": t = -2.46, df = 25.0 (scipy agrees).
  const auto d = welch_difference(a, b);
  CHECK(d.estimate / d.standard_error == Approx(-2.4554).margin(0.001));
  CHECK(d.df == Approx(24.99).margin(0.01));
  CHECK(d.upper < 0);
}

TEST_CASE("the paired interval is the interval of the differences", "[validation-harness]") {
  const std::vector<double> a{5, 6, 7, 8}, b{4, 4.5, 6.2, 7.1};
  const std::vector<double> d{1, 1.5, 0.8, 0.9};
  const auto p = paired_difference(a, b), m = mean_interval(d);
  CHECK(p.estimate == Approx(m.estimate));
  CHECK(p.lower == Approx(m.lower));
  CHECK(p.upper == Approx(m.upper));
}

TEST_CASE("least squares recovers an exact line and a known slope error", "[validation-harness]") {
  const std::vector<double> x{1, 2, 3, 4, 5, 6};
  std::vector<double> y;
  for (double v : x)
    y.push_back(3.0 - 0.5 * v);
  y[2] += 0.1;  // one residual, so the error is finite
  y[3] -= 0.1;
  const auto line = fit_line(x, y);
  CHECK(line.slope.estimate == Approx(-0.5 + 0.1 * ((3 - 3.5) - (4 - 3.5)) / 17.5));
  CHECK(line.slope.df == 4);
  CHECK(line.slope.lower < line.slope.estimate);
  CHECK(line.slope.upper > line.slope.estimate);
  CHECK(line.r_squared > 0.99);
  CHECK_THROWS(fit_line(std::vector<double>{1, 1, 1}, std::vector<double>{1, 2, 3}));
}

TEST_CASE("the quadratic fit finds the vertex of a parabola", "[validation-harness]") {
  std::vector<double> x, y;
  for (int i = 0; i <= 10; ++i) {
    const double v = i / 10.0;
    x.push_back(v);
    y.push_back(1.0 + 2.0 * v - 3.0 * v * v + (i % 2 ? 0.01 : -0.01));
  }
  const auto q = fit_quadratic(x, y);
  CHECK(q.curvature.estimate == Approx(-3.0).margin(0.05));
  CHECK(q.curvature.upper < 0);
  CHECK(q.vertex.estimate == Approx(1.0 / 3.0).margin(0.01));
  CHECK(q.vertex.lower < 1.0 / 3.0);
  CHECK(q.vertex.upper > 1.0 / 3.0);
}

TEST_CASE("the correlation interval is Fisher's", "[validation-harness]") {
  const std::vector<double> x{1, 2, 3, 4, 5, 6, 7, 8}, y{2, 1, 4, 3, 6, 5, 8, 7};
  const auto r = correlation(x, y);
  CHECK(r.estimate == Approx(0.9047619).epsilon(1e-6));  // 1 - 6 * 8 / (8 * 63) by ranks
  const double half = 1.959964 / std::sqrt(5.0);
  CHECK(r.lower == Approx(std::tanh(std::atanh(r.estimate) - half)).epsilon(1e-5));
  CHECK(r.upper == Approx(std::tanh(std::atanh(r.estimate) + half)).epsilon(1e-5));
}

TEST_CASE("a requirement is judged on the whole interval", "[validation-harness]") {
  const Interval e{0.064, 0.051, 0.077};
  CHECK(Requirement::above(0.03).met_by(e));
  CHECK_FALSE(Requirement::above(0.06).met_by(e));
  CHECK(Requirement::within(0.03, 0.10).met_by(e));
  CHECK_FALSE(Requirement::within(0.055, 0.10).met_by(e));
  CHECK(Requirement::below(0.08).met_by(e));
  CHECK_FALSE(Requirement::below(0.07).met_by(e));
  std::ostringstream out;
  const auto c =
      check(out, "6", "Aiken gradient", e, "per extra patient per nurse", Requirement::above(0.03));
  CHECK(c.passed);
  CHECK(out.str() == c.line + "\n");
  CHECK(c.line ==
        "fact 6 (Aiken gradient): effect = 0.064 [0.051, 0.077] per extra patient per nurse; "
        "required > 0.03 : PASS");
}
