// How much memory one NHS simulation takes, from its structure: the columns of
// state.hpp, counted per post, bed, ward, leader and trust.
#include <algorithm>
#include <cmath>

#include "models/nhs/nhs_model.hpp"
#include "models/nhs/parameters.hpp"
#include "models/nhs/state.hpp"

namespace candour::models::nhs {
namespace {

// Bytes per entity: the persistent columns (state.hpp), doubled where setup
// builds a vector by push_back (capacity grows to twice what it holds), plus
// what the metrics allocate per entity when they record a row.
constexpr std::uint64_t kPerPost =
    sizeof(std::uint32_t) * 2 + sizeof(std::uint16_t) * 2 + sizeof(std::uint8_t) * 2  // layout
    + sizeof(std::uint8_t) + 8 * sizeof(double) + 4 * sizeof(std::int32_t)            // clinician
    + 2 * 2 * sizeof(double);  // burnout lists the metrics build per record
constexpr std::uint64_t kPerBed =
    3 * sizeof(std::uint8_t) + sizeof(std::int16_t) + sizeof(float) + 2 * sizeof(std::uint32_t);
constexpr std::uint64_t kPerWard = 19 * sizeof(double) + 4 * sizeof(std::int32_t) +
                                   kTallyCount * sizeof(double) + 4 * 2 * sizeof(std::uint32_t);
constexpr std::uint64_t kPerLeader = 3 * sizeof(double) + 2 + sizeof(std::int32_t) +
                                     2 * sizeof(double) + 2 * 2 * sizeof(std::uint32_t);
constexpr std::uint64_t kPerTrust =
    (history_per_trust() + 2 * kTallyCount) * sizeof(double)  // tallies and their history
    + kWeekBins * sizeof(double) + 64 * sizeof(double)        // waiting list, trust columns
    + 16 * 1024;                                              // the per-trust snapshot of metrics

// An upper bound on the sum of `trusts` trust sizes exp(s z - s^2 / 2), z
// standard normal: the mean (one per trust) plus three standard deviations.
double total_size_bound(double trusts, double spread) {
  const double variance = std::expm1(spread * spread);
  return trusts + 3.0 * std::sqrt(trusts * variance);
}

}  // namespace

sim::Footprint footprint(const sim::ParameterSet& parameters) {
  const Params p = read_params(parameters);
  const double sizes = total_size_bound(p.trusts, p.size_spread);
  // Every trust has at least one ward and one manager.
  const double wards = std::max(sizes * p.wards, p.trusts) + p.trusts;
  const double managers = std::max(sizes * p.managers, p.trusts) + p.trusts;
  const double leaders = managers + p.trusts * p.board_members;
  const double bytes = wards * p.clinicians_per_ward * kPerPost +
                       wards * p.beds_per_ward * kPerBed + wards * kPerWard + leaders * kPerLeader +
                       p.trusts * kPerTrust;
  return {static_cast<std::uint64_t>(bytes), static_cast<std::size_t>(p.trusts)};
}

}  // namespace candour::models::nhs
