// The state's columns: each struct of agent columns lists them all
// (checked at compile time in models/nhs/state.hpp), and setup gives every
// column one entry per agent of its kind.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "tests/unit/nhs/mechanism_fixture.hpp"

using namespace nhs_test;

namespace {

// Every column of `columns` has `n` entries; names are unique.
template <class Columns>
void require_sized(Columns& columns, std::size_t n, const char* what) {
  std::set<std::string> names;
  std::size_t listed = 0;
  sim::for_each_column(columns, [&](std::string_view name, const auto& column) {
    INFO(what << "." << name);
    CHECK(names.insert(std::string(name)).second);
    CHECK(column.size() == n);
    ++listed;
  });
  CHECK(listed > 0);
}

}  // namespace

TEST_CASE("setup gives every column one entry per agent", "[nhs][state]") {
  auto p = small_params();
  p.trusts = 3;
  p.size_spread = 0.5;
  Fixture f(p);
  const auto& L = f.s.layout;
  REQUIRE(L.trusts == 3);
  require_sized(f.s.clinicians, L.ward_of_post.size(), "clinicians");
  require_sized(f.s.beds, L.beds_of_ward.member_count(), "beds");
  require_sized(f.s.managers, L.trust_of_manager.size(), "managers");
  require_sized(f.s.board, L.trust_of_board.size(), "board");
  require_sized(f.s.manager_pressure, L.trust_of_manager.size(), "manager_pressure");
  require_sized(f.s.wards, L.trust_of_ward.size(), "wards");
  require_sized(f.s.trusts, L.trusts, "trusts");
}

TEST_CASE("the starting values setup sets survive the sizing of the columns", "[nhs][state]") {
  const Fixture f(small_params());
  const auto& p = f.p;
  for (std::size_t t = 0; t < f.s.layout.trusts; ++t) {
    CHECK(f.s.trusts.perceived_harm[t] == p.quality_aspiration);
    CHECK(f.s.trusts.first_alert[t] == kNoDay);
    CHECK(f.s.trusts.inquiry_end[t] == kNoDay);
    CHECK(f.s.trusts.last_referral[t] == kLongAgo);
    CHECK(f.s.trusts.size[t] > 0.0);
  }
  for (std::size_t w = 0; w < f.s.layout.trust_of_ward.size(); ++w) {
    CHECK(f.s.wards.latent[w] == p.initial_latent);
    CHECK(f.s.wards.harm_rate[w] == p.quality_aspiration);
    CHECK(f.s.wards.trust[w] > 0.0);
  }
  CHECK(f.s.clinicians.last_witnessed.front() == kLongAgo);
}
