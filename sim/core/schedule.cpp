#include "sim/core/schedule.hpp"

namespace candour::sim {

std::optional<Period> parse_period(std::string_view name) {
  for (Period p :
       {Period::daily, Period::weekly, Period::monthly, Period::quarterly, Period::yearly}) {
    if (period_name(p) == name)
      return p;
  }
  return std::nullopt;
}

namespace {
// Month (0..11) whose last day is `doy`, or -1.
int month_ending_on(int doy) {
  int end = -1;
  for (int m = 0; m < 12; ++m) {
    end += kMonthLengths[static_cast<std::size_t>(m)];
    if (doy == end)
      return m;
    if (doy < end)
      return -1;
  }
  return -1;
}
}  // namespace

bool is_month_end(Day day) {
  return month_ending_on(day_of_year(day)) >= 0;
}

bool is_due(Period p, Day day) {
  switch (p) {
    case Period::daily:
      return true;
    case Period::weekly:
      return day % 7 == 6;
    case Period::monthly:
      return is_month_end(day);
    case Period::quarterly:
      return month_ending_on(day_of_year(day)) % 3 == 2;
    case Period::yearly:
      return day_of_year(day) == kDaysPerYear - 1;
  }
  return false;
}

double period_days(Period p) {
  switch (p) {
    case Period::daily:
      return 1.0;
    case Period::weekly:
      return 7.0;
    case Period::monthly:
      return kDaysPerYear / 12.0;
    case Period::quarterly:
      return kDaysPerYear / 4.0;
    case Period::yearly:
      return kDaysPerYear;
  }
  return 1.0;
}

}  // namespace candour::sim
