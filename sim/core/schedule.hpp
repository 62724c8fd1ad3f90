#pragma once
// The simulation clock: one step is one day; processes run on periods.
//
// The calendar has 365-day years (no leap days) with the usual month lengths,
// so that "monthly" means calendar months and results do not drift against
// the year. A process with a period runs on the last day of each period, so
// a monthly board meeting sees the whole month it reviews.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace candour::sim {

using Day = std::int64_t;

enum class Period { daily, weekly, monthly, quarterly, yearly };

inline constexpr int kDaysPerYear = 365;
inline constexpr std::array<int, 12> kMonthLengths{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

constexpr std::string_view period_name(Period p) {
  switch (p) {
    case Period::daily:
      return "daily";
    case Period::weekly:
      return "weekly";
    case Period::monthly:
      return "monthly";
    case Period::quarterly:
      return "quarterly";
    case Period::yearly:
      return "yearly";
  }
  return "?";
}

std::optional<Period> parse_period(std::string_view name);

// Day (0-based) within its 365-day year.
constexpr int day_of_year(Day day) {
  return static_cast<int>(day % kDaysPerYear);
}

// True when `day` (0-based) is the last day of a month.
bool is_month_end(Day day);

// True when a process with period `p` runs on step `day` (0-based).
bool is_due(Period p, Day day);

// Nominal length of a period in days, for converting rates (a year is 365).
double period_days(Period p);

}  // namespace candour::sim
