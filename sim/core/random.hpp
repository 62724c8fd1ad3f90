#pragma once
// Counter-based random numbers: every draw is a pure function of
// (run seed, stream, step, agent, draw index), so results never depend on
// which thread or rank computes them, nor on the order agents are visited.
//
// Philox4x64-10 from Random123 is the generator; r123::MicroURNG turns one
// (key, counter) pair into a short-lived uniform random bit generator that the
// Boost.Random distributions consume. Boost's algorithms are fixed in its
// source (unlike std::'s, which vary by standard library), so a draw is the
// same on every platform that builds with the same Boost.
// philox.h first: it defines the feature macros MicroURNG.hpp relies on.
#include <Random123/philox.h>

#include <Random123/MicroURNG.hpp>

#include <cstdint>

namespace candour::sim {

using Philox = r123::Philox4x64;

// One agent's draws for one purpose on one step. Satisfies the C++ uniform
// random bit generator requirements, so any Boost.Random distribution takes it.
// Up to 4 * 2^32 64-bit words can be drawn before the sequence repeats.
using AgentRng = r123::MicroURNG<Philox>;

// A named source of randomness within a run: (seed, stream) form the Philox
// key. Give each purpose (harm, speaking up, hiring, ...) its own stream id, so
// two scenarios that differ only in a lever still share the random numbers of
// every purpose that lever does not touch (common random numbers).
class RandomStream {
 public:
  constexpr RandomStream(std::uint64_t seed, std::uint64_t stream) : seed_(seed), stream_(stream) {}

  // The generator for `agent` on `step`; `slot` separates independent
  // sequences for the same agent and step (for example two decisions).
  AgentRng rng(std::uint64_t step, std::uint64_t agent, std::uint32_t slot = 0) const {
    return AgentRng(Philox::ctr_type{{step, agent, slot, 0}}, Philox::ukey_type{{seed_, stream_}});
  }

  // One Philox block: four 64-bit words, for draws that share a block
  // (SharedUniforms). The last counter word is 1, where every AgentRng's is
  // 0 in its low 32 bits (MicroURNG counts in the high 32), so no block of
  // this kind is ever one of an AgentRng's.
  Philox::ctr_type block(std::uint64_t step, std::uint64_t group, std::uint32_t slot) const {
    return Philox()(Philox::ctr_type{{step, group, slot, 1}}, Philox::key_type{{seed_, stream_}});
  }

  std::uint64_t seed() const { return seed_; }
  std::uint64_t stream() const { return stream_; }

 private:
  std::uint64_t seed_;
  std::uint64_t stream_;
};

// A uniform double on [0, 1) from a 64-bit word: its 53 high bits, scaled.
// Every double it returns is a multiple of 2^-53, all equally likely.
constexpr double unit_interval(std::uint64_t word) {
  return static_cast<double>(word >> 11) * 0x1p-53;
}

// One uniform per agent for a frequent decision (does she leave today, is
// she bullied, is there an incident in this bed), four agents to a Philox
// block: agent i's draw is word i % 4 of the block keyed (step, i / 4,
// slot). A block costs as much as four of these draws together, so this
// quarters the cost of a decision taken every day by every agent, and each
// draw is still a pure function of (seed, stream, step, agent, slot): it
// does not depend on which agents are visited, in what order or by which
// thread (a block at the edge of two threads' ranges is computed by both).
// The last block is kept, so visiting agents in order computes each once.
class SharedUniforms {
 public:
  SharedUniforms(const RandomStream& stream, std::uint64_t step, std::uint32_t slot = 0)
      : stream_(stream), step_(step), slot_(slot) {}

  double operator()(std::uint64_t agent) {
    const std::uint64_t group = agent / kAgentsPerBlock;
    if (group != group_) {
      words_ = stream_.block(step_, group, slot_);
      group_ = group;
    }
    return unit_interval(words_[agent % kAgentsPerBlock]);
  }

  static constexpr std::uint64_t kAgentsPerBlock = 4;

 private:
  RandomStream stream_;
  std::uint64_t step_;
  std::uint32_t slot_;
  std::uint64_t group_ = ~std::uint64_t{0};
  Philox::ctr_type words_{};
};

// Stream ids derived from a purpose name, so models need no central table of
// integers. FNV-1a 64: stable across compilers and platforms.
constexpr std::uint64_t stream_id(const char* purpose) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char* c = purpose; *c != '\0'; ++c) {
    hash ^= static_cast<unsigned char>(*c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace candour::sim
