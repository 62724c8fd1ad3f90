#pragma once
// One uniform printed line per checked effect, e.g.
//   fact 6 (Aiken gradient): effect = 0.064 [0.051, 0.077] per extra patient
//   per nurse; required > 0.03 : PASS
// A requirement is judged on the whole 95% interval, never on the point
// estimate alone: "> x" needs the lower bound above x, "< x" the upper bound
// below x, "within [a, b]" both bounds inside.
#include <iosfwd>
#include <string>

#include "tests/validation/harness/statistics.hpp"

namespace candour::validation {

struct Requirement {
  enum class Kind { above, below, within };
  Kind kind = Kind::above;
  double low = 0.0;
  double high = 0.0;

  static Requirement above(double x) { return {Kind::above, x, 0.0}; }
  static Requirement below(double x) { return {Kind::below, 0.0, x}; }
  static Requirement within(double a, double b) { return {Kind::within, a, b}; }

  bool met_by(const Interval& effect) const;
  std::string text() const;  // "> 0.03", "< 0", "within [2, 3]"
};

struct Check {
  std::string fact;  // "6", "1b"
  std::string name;  // "Aiken gradient"
  Interval effect;
  std::string unit;  // "per extra patient per nurse"
  Requirement requirement;
  bool passed = false;
  std::string line;  // the printed line
};

// Judges `effect`, prints the line to `out` and returns the check.
Check check(std::ostream& out, std::string fact, std::string name, const Interval& effect,
            std::string unit, Requirement requirement);
// The same, to std::cout and to the suite's log file when
// CANDOUR_VALIDATION_LOG names one (lines are appended).
Check check(std::string fact, std::string name, const Interval& effect, std::string unit,
            Requirement requirement);

// A number as the report prints it: 3 significant digits, or more where the
// value is small compared with its interval.
std::string format_number(double x);

// A free-form note line (context numbers that are not checks), printed and
// logged like a check line.
void note(std::string fact, const std::string& text);

}  // namespace candour::validation
