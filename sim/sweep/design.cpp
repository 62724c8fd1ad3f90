#include "sim/sweep/design.hpp"

#include <boost/random/sobol.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "sim/core/distributions.hpp"
#include "sim/core/random.hpp"

namespace candour::sim::sweep {
namespace {

// Fisher-Yates with Boost's integer distribution, whose algorithm is fixed in
// its source (std::shuffle's is not), so every platform draws the same order.
template <class Rng>
std::vector<std::size_t> random_permutation(std::size_t n, Rng& rng) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  for (std::size_t i = n; i > 1; --i) {
    const auto j = static_cast<std::size_t>(uniform_int(rng, 0, static_cast<std::int64_t>(i - 1)));
    std::swap(order[i - 1], order[j]);
  }
  return order;
}

std::size_t level_index(double u, std::size_t n) {
  return n <= 1 ? 0 : static_cast<std::size_t>(std::llround(u * static_cast<double>(n - 1)));
}

}  // namespace

std::string_view design_kind_name(DesignKind kind) {
  switch (kind) {
    case DesignKind::grid:
      return "grid";
    case DesignKind::latin_hypercube:
      return "latin_hypercube";
    case DesignKind::saltelli:
      return "saltelli";
    case DesignKind::morris:
      return "morris";
    case DesignKind::points:
      return "points";
  }
  return "?";
}

Matrix grid(const std::vector<Axis>& axes) {
  std::vector<std::vector<double>> levels;
  std::size_t rows = 1;  // no axes: one point, the base scenario itself
  for (const auto& axis : axes) {
    levels.push_back(axis.levels());
    rows *= levels.back().size();
  }
  Matrix m(rows, axes.size());
  for (std::size_t r = 0; r < rows; ++r) {
    // Mixed-radix digits of r, last axis least significant.
    std::size_t rest = r;
    for (std::size_t c = axes.size(); c-- > 0;) {
      const auto n = levels[c].size();
      m.at(r, c) = levels[c][rest % n];
      rest /= n;
    }
  }
  return m;
}

Matrix latin_hypercube(std::size_t n, std::size_t k, std::uint64_t seed) {
  Matrix m(n, k);
  const RandomStream stream(seed, stream_id("sweep.latin_hypercube"));
  for (std::size_t c = 0; c < k; ++c) {
    auto rng = stream.rng(c, 0);
    const auto strata = random_permutation(n, rng);
    for (std::size_t r = 0; r < n; ++r) {
      const double jitter = uniform(rng);  // in [0, 1): stays inside the stratum
      m.at(r, c) = (static_cast<double>(strata[r]) + jitter) / static_cast<double>(n);
    }
  }
  return m;
}

Matrix saltelli(std::size_t base_samples, std::size_t k, bool second_order) {
  const std::size_t n = base_samples;
  Matrix m(n * (second_order ? 2 * k + 2 : k + 2), k);
  boost::random::sobol sequence(2 * k);
  // Start at index N' of the standard sequence, N' the smallest power of two
  // >= N (as SALib does): the first points (the origin, then the centre, where
  // A and B coincide) carry no information, and a block [N', 2N') is a
  // (t, m, s)-net, so a power-of-two N gets the best spread. Boost already
  // skipped the origin, hence N' - 1.
  std::size_t start = 1;
  while (start < n)
    start *= 2;
  sequence.discard(static_cast<boost::uintmax_t>((start - 1) * 2 * k));
  const double scale = std::ldexp(1.0, -64);  // the engine yields 64-bit integers
  std::vector<double> point(2 * k);
  for (std::size_t j = 0; j < n; ++j) {
    for (auto& x : point)
      x = static_cast<double>(sequence()) * scale;
    for (std::size_t c = 0; c < k; ++c) {
      m.at(j, c) = point[c];          // A
      m.at(n + j, c) = point[k + c];  // B
    }
    for (std::size_t i = 0; i < k; ++i) {
      for (std::size_t c = 0; c < k; ++c)
        m.at((2 + i) * n + j, c) = c == i ? point[k + c] : point[c];  // AB_i
    }
    for (std::size_t i = 0; second_order && i < k; ++i) {
      for (std::size_t c = 0; c < k; ++c)
        m.at((2 + k + i) * n + j, c) = c == i ? point[c] : point[k + c];  // BA_i
    }
  }
  return m;
}

Matrix morris(std::size_t trajectories, std::size_t levels, std::size_t k, std::uint64_t seed) {
  if (levels < 2 || levels % 2 != 0)
    throw std::invalid_argument("morris: the number of levels must be even and at least 2");
  const double step = 1.0 / static_cast<double>(levels - 1);
  const std::size_t jump = levels / 2;  // delta = p / (2 (p - 1)) = jump grid steps
  Matrix m(trajectories * (k + 1), k);
  const RandomStream stream(seed, stream_id("sweep.morris"));
  for (std::size_t t = 0; t < trajectories; ++t) {
    auto rng = stream.rng(t, 0);
    // Start in the lower half of the grid and move up, or in the upper half
    // and move down, so every point stays on the grid inside [0, 1].
    std::vector<std::size_t> position(k);
    std::vector<bool> up(k);
    for (std::size_t c = 0; c < k; ++c) {
      const auto base =
          static_cast<std::size_t>(uniform_int(rng, 0, static_cast<std::int64_t>(jump - 1)));
      up[c] = bernoulli(rng, 0.5);
      position[c] = up[c] ? base : base + jump;
    }
    const auto order = random_permutation(k, rng);
    const std::size_t first = t * (k + 1);
    for (std::size_t c = 0; c < k; ++c)
      m.at(first, c) = static_cast<double>(position[c]) * step;
    for (std::size_t s = 0; s < k; ++s) {
      const std::size_t factor = order[s];
      position[factor] = up[factor] ? position[factor] + jump : position[factor] - jump;
      for (std::size_t c = 0; c < k; ++c)
        m.at(first + s + 1, c) = static_cast<double>(position[c]) * step;
    }
  }
  return m;
}

double point_count(const DesignSpec& spec, const std::vector<Axis>& axes) {
  const auto k = static_cast<double>(axes.size());
  switch (spec.kind) {
    case DesignKind::grid: {
      double n = 1;
      for (const auto& axis : axes)
        n *= static_cast<double>(axis.kind == AxisKind::values ? axis.values.size() : axis.steps);
      return n;
    }
    case DesignKind::latin_hypercube:
      return static_cast<double>(spec.samples);
    case DesignKind::saltelli:
      return static_cast<double>(spec.base_samples) * (spec.second_order ? 2 * k + 2 : k + 2);
    case DesignKind::morris:
      return static_cast<double>(spec.trajectories) * (k + 1);
    case DesignKind::points:
      return axes.empty() ? 0.0 : static_cast<double>(axes.front().values.size());
  }
  return 0;
}

Matrix unit_design(const DesignSpec& spec, const std::vector<Axis>& axes, std::uint64_t seed) {
  const std::size_t k = axes.size();
  switch (spec.kind) {
    case DesignKind::grid: {
      // Each level's position along its axis, in the same order as grid().
      std::vector<Axis> positions;
      for (const auto& axis : axes) {
        Axis p;
        p.kind = AxisKind::linear;
        p.from = 0.0;
        p.to = 1.0;
        p.steps = axis.levels().size();
        positions.push_back(p);
      }
      return grid(positions);
    }
    case DesignKind::latin_hypercube:
      return latin_hypercube(spec.samples, k, seed);
    case DesignKind::saltelli:
      return saltelli(spec.base_samples, k, spec.second_order);
    case DesignKind::morris:
      return morris(spec.trajectories, spec.levels, k, seed);
    case DesignKind::points: {
      const auto values = listed_points(axes);
      Matrix unit(values.rows, values.cols);
      for (std::size_t c = 0; c < values.cols; ++c) {
        const double lo = axes[c].lowest(), width = axes[c].highest() - lo;
        for (std::size_t r = 0; r < values.rows; ++r)
          unit.at(r, c) = width > 0 ? (values.at(r, c) - lo) / width : 0.5;
      }
      return unit;
    }
  }
  return {};
}

Matrix listed_points(const std::vector<Axis>& axes) {
  const std::size_t n = axes.empty() ? 0 : axes.front().values.size();
  Matrix m(n, axes.size());
  for (std::size_t c = 0; c < axes.size(); ++c)
    for (std::size_t r = 0; r < n; ++r)
      m.at(r, c) = as_parameter_value(axes[c].values[r], axes[c].type);
  return m;
}

Matrix parameter_design(const DesignSpec& spec, const std::vector<Axis>& axes, const Matrix& unit) {
  if (spec.kind == DesignKind::points)
    return listed_points(axes);
  Matrix m(unit.rows, unit.cols);
  std::vector<std::vector<double>> levels;
  for (const auto& axis : axes)
    levels.push_back(axis.levels());
  for (std::size_t r = 0; r < unit.rows; ++r) {
    for (std::size_t c = 0; c < unit.cols; ++c) {
      m.at(r, c) = spec.kind == DesignKind::grid
                       ? levels[c][level_index(unit.at(r, c), levels[c].size())]
                       : axes[c].at(unit.at(r, c));
    }
  }
  return m;
}

}  // namespace candour::sim::sweep
