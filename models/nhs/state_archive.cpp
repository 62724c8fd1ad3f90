// Boost.Serialization of State. Column structs are archived column by column
// through their columns() lists, so a new column is archived without being
// named here; the structs without such a list are guarded by their size.
#include "models/nhs/state_archive.hpp"

#include <boost/archive/archive_exception.hpp>
#include <boost/archive/binary_iarchive.hpp>
#include <boost/archive/binary_oarchive.hpp>
#include <boost/serialization/array.hpp>
#include <boost/serialization/vector.hpp>
#include <exception>
#include <type_traits>

namespace candour::models::nhs {

// A new member of these would otherwise be left out of a checkpoint silently.
static_assert(sizeof(Layout) == sizeof(std::size_t) + 6 * sizeof(sim::GroupRanges) +
                                    5 * sizeof(std::vector<std::uint32_t>) +
                                    sizeof(std::vector<std::uint16_t>) +
                                    sizeof(std::vector<std::uint8_t>));
static_assert(sizeof(Centre) == 4 * sizeof(double) + sizeof(std::int64_t));
static_assert(sizeof(Tallies) == sizeof(std::int64_t) + sizeof(std::size_t) +
                                     2 * sizeof(std::array<std::size_t, kTallyCount>) +
                                     3 * sizeof(std::vector<double>));
static_assert(sizeof(State) == sizeof(Layout) + sizeof(Clinicians) + sizeof(Beds) +
                                   2 * sizeof(Leaders) + sizeof(ManagerPressure) + sizeof(Wards) +
                                   sizeof(Trusts) + sizeof(Centre) + sizeof(Tallies) +
                                   sizeof(std::vector<double>));

template <class Archive>
void serialize(Archive& archive, Layout& layout, unsigned /*version*/) {
  archive& layout.trusts& layout.wards_of_trust& layout.managers_of_trust& layout
      .board_of_trust& layout.posts_of_ward& layout.beds_of_ward& layout.wards_of_manager& layout
      .trust_of_ward& layout.manager_of_ward& layout.trust_of_manager& layout.trust_of_board& layout
      .ward_of_post& layout.slot_in_ward& layout.is_doctor;
}

template <class Archive>
void serialize(Archive& archive, Centre& centre, unsigned /*version*/) {
  archive& centre.fear_climate& centre.pool& centre.pool_competence& centre.pool_misconduct& centre
      .barred;
}

// Every struct of columns: each column in its listed order.
template <class Archive, class Owner>
requires requires {
  Owner::columns();
}
void serialize(Archive& archive, Owner& owner, unsigned /*version*/) {
  sim::for_each_column(owner, [&](std::string_view, auto& column) { archive& column; });
}

template <class Archive>
void serialize(Archive& archive, State& state, unsigned /*version*/) {
  archive& state.layout& state.clinicians& state.beds& state.managers& state.board& state
      .manager_pressure& state.wards& state.trusts& state.centre& state.tallies& state.ward_counts;
}

void write_state(std::ostream& out, const State& state) {
  boost::archive::binary_oarchive archive(out);
  archive << state;
}

namespace {

// The sizes a checkpoint must share with the state it replaces: the layout
// the simulation was built with (its key fixes them; a mismatch is damage).
bool same_sizes(const State& a, const State& b) {
  return a.layout.trusts == b.layout.trusts &&
         a.layout.ward_of_post.size() == b.layout.ward_of_post.size() &&
         a.beds.occupied.size() == b.beds.occupied.size() &&
         a.managers.fear.size() == b.managers.fear.size() &&
         a.board.fear.size() == b.board.fear.size() &&
         a.wards.latent.size() == b.wards.latent.size() &&
         a.trusts.size.size() == b.trusts.size.size() &&
         a.ward_counts.size() == b.ward_counts.size();
}

}  // namespace

bool read_state(std::istream& in, State& state) {
  State read;
  try {
    boost::archive::binary_iarchive archive(in);
    archive >> read;
  } catch (const std::exception&) {
    return false;  // archive_exception, or a damaged size asking for too much
  }
  if (!in || !same_sizes(read, state))
    return false;
  state = std::move(read);
  return true;
}

}  // namespace candour::models::nhs
