#pragma once
// Experiment designs: which points of parameter space a sweep runs.
//
// Sampling designs are built in the unit hypercube [0, 1]^k first (one column
// per axis) and then mapped through each axis; the grid is built from the
// axes' levels. Every design is a pure function of its settings and the sweep
// seed, so every rank, shard and resumed run agrees on it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/sweep/axis.hpp"

namespace candour::sim::sweep {

// A dense row-major matrix: one row per design point, one column per axis.
struct Matrix {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<double> data;

  Matrix() = default;
  Matrix(std::size_t r, std::size_t c, double fill = 0.0) : rows(r), cols(c), data(r * c, fill) {}
  double& at(std::size_t r, std::size_t c) { return data[r * cols + c]; }
  double at(std::size_t r, std::size_t c) const { return data[r * cols + c]; }
  bool operator==(const Matrix&) const = default;
};

enum class DesignKind { grid, latin_hypercube, saltelli, morris, points };

std::string_view design_kind_name(DesignKind kind);

struct DesignSpec {
  DesignKind kind = DesignKind::grid;
  std::size_t samples = 0;       // latin_hypercube: number of points
  std::size_t base_samples = 0;  // saltelli: N, giving N (k + 2) points
  bool second_order = false;     // saltelli: add BA_1 .. BA_k, N (2k + 2) points in all
  std::size_t trajectories = 0;  // morris: r, giving r (k + 1) points
  std::size_t levels = 0;        // morris: p (even), the grid of each factor in [0, 1]
};

// Full factorial grid of the axes' levels, in file order with the first axis
// varying slowest (the order of nested loops written top to bottom).
Matrix grid(const std::vector<Axis>& axes);

// n points in [0,1]^k: each axis cut into n equal strata, each stratum holding
// exactly one point, strata paired across axes by independent random
// permutations and each point placed uniformly within its stratum.
Matrix latin_hypercube(std::size_t n, std::size_t k, std::uint64_t seed);

// Saltelli's (2010) design for first and total order Sobol indices: N(k + 2)
// points in [0,1]^k, in blocks of N rows: A, B, then AB_1 ... AB_k, where AB_i
// is A with column i taken from B. A and B are the two halves of a
// 2k-dimensional Sobol sequence (Boost.Random's sobol), taken from index N'
// on, N' the smallest power of two >= N: use a power of two for N. With
// `second_order`, k more blocks BA_1 ... BA_k follow (B with column i taken
// from A; Saltelli 2002), N (2k + 2) points, for second-order indices.
Matrix saltelli(std::size_t base_samples, std::size_t k, bool second_order = false);

// Morris (1991) elementary effects: r trajectories of k + 1 points each on a
// p-level grid of [0,1]^k. Each trajectory starts at a random grid point and
// moves one factor per step, in a random order, by +-delta with
// delta = p / (2 (p - 1)), so every factor moves exactly once.
Matrix morris(std::size_t trajectories, std::size_t levels, std::size_t k, std::uint64_t seed);

// Listed points: every axis gives a list of values of the same length n, and
// point i takes the i-th value of each (the axes zipped, not crossed). For
// designs made elsewhere, such as the next wave of a history matching. In
// the unit hypercube each value sits at (value - lowest) / (highest - lowest)
// of its axis (0.5 when the axis has one value).
Matrix listed_points(const std::vector<Axis>& axes);

// Number of design points the spec gives for `axes` (the grid: product of
// levels), computed without building anything. As a double, so that a
// design too large for any integer (a grid of 10^20 points) still has a size
// to report and to refuse.
double point_count(const DesignSpec& spec, const std::vector<Axis>& axes);

// The design in the unit hypercube (the grid: each level's position
// i / (n - 1) along its axis), one column per axis.
Matrix unit_design(const DesignSpec& spec, const std::vector<Axis>& axes, std::uint64_t seed);

// The design in parameter values: unit coordinates mapped through each axis
// (the grid: the levels themselves).
Matrix parameter_design(const DesignSpec& spec, const std::vector<Axis>& axes, const Matrix& unit);

}  // namespace candour::sim::sweep
