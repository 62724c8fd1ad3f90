#include "tests/validation/harness/report.hpp"

#include <fmt/format.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>

namespace candour::validation {

namespace {

// Appends a line to the file named by CANDOUR_VALIDATION_LOG, if any, so a
// full run's lines can be pasted into docs/validation.md in one piece.
void log_line(const std::string& line) {
  const char* path = std::getenv("CANDOUR_VALIDATION_LOG");
  if (path == nullptr || *path == '\0')
    return;
  static std::mutex guard;  // tests run serially; the lock only makes the append atomic
  std::lock_guard lock(guard);
  std::ofstream(path, std::ios::app) << line << '\n';
}

}  // namespace

std::string format_number(double x) {
  if (!std::isfinite(x))
    return fmt::format("{}", x);
  const double a = std::fabs(x);
  if (a != 0 && (a < 1e-3 || a >= 1e5))
    return fmt::format("{:.3g}", x);
  return fmt::format("{:.4g}", x);
}

bool Requirement::met_by(const Interval& e) const {
  if (!std::isfinite(e.lower) || !std::isfinite(e.upper))
    return false;
  switch (kind) {
    case Kind::above:
      return e.lower > low;
    case Kind::below:
      return e.upper < high;
    case Kind::within:
      return e.lower > low && e.upper < high;
  }
  return false;
}

std::string Requirement::text() const {
  switch (kind) {
    case Kind::above:
      return "> " + format_number(low);
    case Kind::below:
      return "< " + format_number(high);
    case Kind::within:
      return "within [" + format_number(low) + ", " + format_number(high) + "]";
  }
  return {};
}

Check check(std::ostream& out, std::string fact, std::string name, const Interval& effect,
            std::string unit, Requirement requirement) {
  Check c{std::move(fact), std::move(name), effect, std::move(unit), requirement, false, {}};
  c.passed = requirement.met_by(effect);
  c.line = fmt::format("fact {} ({}): effect = {} [{}, {}] {}; required {} : {}", c.fact, c.name,
                       format_number(effect.estimate), format_number(effect.lower),
                       format_number(effect.upper), c.unit, requirement.text(),
                       c.passed ? "PASS" : "FAIL");
  out << c.line << std::endl;
  return c;
}

Check check(std::string fact, std::string name, const Interval& effect, std::string unit,
            Requirement requirement) {
  auto c = check(std::cout, std::move(fact), std::move(name), effect, std::move(unit), requirement);
  log_line(c.line);
  return c;
}

void note(std::string fact, const std::string& text) {
  const std::string line = fmt::format("fact {} note: {}", fact, text);
  std::cout << line << std::endl;
  log_line(line);
}

}  // namespace candour::validation
