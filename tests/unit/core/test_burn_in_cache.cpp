// The store of burnt-in states: each key made once, reused after, kept only
// while it fits, never kept when its maker stopped; concurrent callers of a
// key wait for its maker.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include "sim/core/burn_in_cache.hpp"

using namespace candour::sim;

namespace {
struct Numbered final : BurntIn {
  explicit Numbered(int n) : value(n) {}
  int value;
};

int value_of(const std::shared_ptr<const BurntIn>& state) {
  return state ? dynamic_cast<const Numbered&>(*state).value : -1;
}
}  // namespace

TEST_CASE("a burnt-in state is made once per key and reused", "[burn_in_cache]") {
  BurnInCache cache(1000);
  int burn_ins = 0;
  auto make = [&](int n) {
    return [&, n]() -> std::shared_ptr<const BurntIn> {
      ++burn_ins;
      return std::make_shared<const Numbered>(n);
    };
  };
  bool made = false;
  REQUIRE(value_of(cache.find_or_make("a", 100, make(1), made)) == 1);
  CHECK(made);
  REQUIRE(value_of(cache.find_or_make("a", 100, make(2), made)) == 1);
  CHECK_FALSE(made);
  REQUIRE(value_of(cache.find_or_make("b", 100, make(3), made)) == 3);
  CHECK(made);
  CHECK(burn_ins == 2);
}

TEST_CASE("a state that would not fit is handed back and not kept", "[burn_in_cache]") {
  BurnInCache cache(250);
  bool made = false;
  auto make = [](int n) {
    return [n]() -> std::shared_ptr<const BurntIn> { return std::make_shared<const Numbered>(n); };
  };
  cache.find_or_make("a", 100, make(1), made);
  CHECK(made);
  cache.find_or_make("b", 100, make(2), made);
  CHECK(made);
  REQUIRE(value_of(cache.find_or_make("c", 100, make(3), made)) == 3);  // 300 > 250
  CHECK(made);
  REQUIRE(value_of(cache.find_or_make("c", 100, make(4), made)) == 4);  // made again
  CHECK(made);
  REQUIRE(value_of(cache.find_or_make("b", 100, make(5), made)) == 2);  // kept ones stay
  CHECK_FALSE(made);
}

TEST_CASE("a burn-in that was stopped is not kept; the next caller makes its own",
          "[burn_in_cache]") {
  BurnInCache cache(1000);
  bool made = false;
  REQUIRE(value_of(cache.find_or_make(
              "a", 100, [] { return std::shared_ptr<const BurntIn>(); }, made)) == -1);
  REQUIRE(
      value_of(cache.find_or_make(
          "a", 100, [] { return std::shared_ptr<const BurntIn>(std::make_shared<Numbered>(7)); },
          made)) == 7);
  CHECK(made);
  // A maker that throws leaves the key free too.
  REQUIRE_THROWS(cache.find_or_make(
      "b", 100, []() -> std::shared_ptr<const BurntIn> { throw std::runtime_error("no"); }, made));
  REQUIRE(
      value_of(cache.find_or_make(
          "b", 100, [] { return std::shared_ptr<const BurntIn>(std::make_shared<Numbered>(8)); },
          made)) == 8);
}

TEST_CASE("a caller of a key being made waits for it instead of burning in again",
          "[burn_in_cache]") {
  BurnInCache cache(1000);
  std::atomic<bool> second_asking{false};
  std::atomic<int> burn_ins{0};
  auto slow = [&]() -> std::shared_ptr<const BurntIn> {
    ++burn_ins;
    while (!second_asking)
      std::this_thread::yield();
    // The second caller is about to ask (or asking): give it time to wait.
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return std::make_shared<const Numbered>(1);
  };
  int first_value = 0, second_value = 0;
  bool first_made = false, second_made = true;
  std::thread first(
      [&] { first_value = value_of(cache.find_or_make("a", 100, slow, first_made)); });
  while (burn_ins == 0)
    std::this_thread::yield();
  std::thread second([&] {
    second_asking = true;
    second_value = value_of(cache.find_or_make("a", 100, slow, second_made));
  });
  first.join();
  second.join();
  CHECK(first_value == 1);
  CHECK(second_value == 1);
  CHECK(burn_ins == 1);
  CHECK(first_made);
  CHECK_FALSE(second_made);  // it waited for the first's state
}
