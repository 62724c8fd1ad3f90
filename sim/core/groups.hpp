#pragma once
// Group membership as index ranges (compressed sparse rows): members of group
// g are members[offsets[g] .. offsets[g+1]). With members sorted by group this
// is plain contiguous ranges of the agent columns, and no agent holds a
// pointer to anything.
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

namespace candour::sim {

class GroupRanges {
 public:
  GroupRanges() : offsets_{0} {}

  // Groups from each member's group id, which must be non-decreasing.
  static GroupRanges from_sorted_ids(std::span<const std::uint32_t> group_of_member,
                                     std::size_t group_count) {
    GroupRanges ranges;
    ranges.offsets_.assign(group_count + 1, 0);
    std::uint32_t previous = 0;
    for (std::uint32_t g : group_of_member) {
      if (g >= group_count || g < previous) {
        throw std::invalid_argument("GroupRanges: group ids must be sorted and < group_count");
      }
      previous = g;
      ++ranges.offsets_[g + 1];
    }
    for (std::size_t g = 0; g < group_count; ++g)
      ranges.offsets_[g + 1] += ranges.offsets_[g];
    return ranges;
  }

  std::size_t group_count() const { return offsets_.size() - 1; }
  std::size_t begin(std::size_t g) const { return offsets_[g]; }
  std::size_t end(std::size_t g) const { return offsets_[g + 1]; }
  std::size_t size(std::size_t g) const { return offsets_[g + 1] - offsets_[g]; }
  std::size_t member_count() const { return offsets_.back(); }

  // Boost.Serialization (a burn-in checkpoint; the archive's headers are the caller's).
  template <class Archive>
  void serialize(Archive& archive, unsigned /*version*/) {
    archive& offsets_;
  }

 private:
  std::vector<std::size_t> offsets_;
};

}  // namespace candour::sim
