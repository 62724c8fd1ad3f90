#include "cli/progress.hpp"

#include "cli/console.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

namespace candour::cli {

ProgressStyle progress_style_for(std::FILE* stream, bool quiet) {
  if (quiet)
    return ProgressStyle::quiet;
  return isatty(fileno(stream)) ? ProgressStyle::bar : ProgressStyle::lines;
}

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0)
    return "?";
  auto s = static_cast<long long>(std::llround(seconds));
  if (s >= 3600)
    return fmt::format("{}h {:02}m", s / 3600, (s % 3600) / 60);
  if (s >= 60)
    return fmt::format("{}m {:02}s", s / 60, s % 60);
  return fmt::format("{}s", s);
}

Progress::Progress(std::int64_t total, std::string what, ProgressStyle style, std::FILE* out,
                   RateFrom rate_from, Clock clock)
    : total_(std::max<std::int64_t>(1, total)),
      what_(std::move(what)),
      style_(style),
      out_(out),
      rate_from_(rate_from),
      clock_(clock ? std::move(clock) : Clock([] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
            .count();
      })) {
  start_ = rate_start_ = last_draw_ = clock_();
  rate_started_ = rate_from_ == RateFrom::since_start;
}

void Progress::update(std::int64_t done) {
  // A reader that went away (a closed pipe) ends the progress, not the work.
  if (style_ != ProgressStyle::quiet && std::ferror(out_))
    style_ = ProgressStyle::quiet;
  if (style_ == ProgressStyle::quiet)
    return;
  const double now = clock_();
  if (!rate_started_) {
    rate_started_ = true;
    rate_start_ = now;
    rate_done_ = done;
  }
  if (style_ == ProgressStyle::bar) {
    // Redraw at most ten times a second: a terminal is slower than the model.
    if (now - last_draw_ < 0.1 && done < total_)
      return;
    last_draw_ = now;
    draw(done, now);
  } else {
    const int tenth = static_cast<int>(10 * done / total_);
    if (tenth == last_tenth_)
      return;
    last_tenth_ = tenth;
    draw(done, now);
  }
}

void Progress::finish() {
  if (finished_ || style_ == ProgressStyle::quiet || std::ferror(out_))
    return;
  finished_ = true;
  if (style_ == ProgressStyle::bar)
    std::fputc('\n', out_);
  std::fflush(out_);
}

void Progress::draw(std::int64_t done, double now) {
  const double elapsed = now - start_;
  const double measured = now - rate_start_;
  const auto counted = done - rate_done_;
  // No rate (and so no ETA) until some work has been timed.
  const bool known = measured > 0 && counted > 0;
  const double rate = known ? static_cast<double>(counted) / measured : 0.0;
  const double eta = known ? static_cast<double>(total_ - done) / rate : -1.0;
  const std::string rate_text = known ? fmt::format("{:.3g} {}/s", rate, what_) : "rate ?";
  const double share = static_cast<double>(done) / static_cast<double>(total_);
  if (style_ == ProgressStyle::bar) {
    constexpr int width = 30;
    const int filled = static_cast<int>(share * width);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(width, '.');
    print_to(out_, "\r[{}] {:3.0f}%  {}/{} {}  {}  ETA {}   ", bar, 100 * share, done, total_,
             what_, rate_text, format_duration(eta));
  } else {
    print_to(out_, "{:3.0f}%  {}/{} {}  {}  elapsed {}  ETA {}\n", 100 * share, done, total_, what_,
             rate_text, format_duration(elapsed), format_duration(eta));
  }
  std::fflush(out_);
}

}  // namespace candour::cli
