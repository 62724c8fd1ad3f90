#pragma once
// The MPI executor (built with -DCANDOUR_MPI=ON): `mpirun -n 64 candour sweep`.
// Rank 0 owns the sweep file and hands out run ids one at a time to whichever
// rank asks (dynamic distribution: fast and slow runs balance), running runs
// itself on a second thread meanwhile; the other ranks run what they are
// sent and send back the outcomes. Every rank builds the plan from the same
// files (a shared file system, as on any cluster).
#include <memory>
#include <span>

#include "sim/sweep/executor.hpp"

namespace candour::sim::sweep {

class MpiWorld {
 public:
  // True when this process was started by an MPI launcher (mpirun, srun).
  static bool launched();

  // Initialises MPI (funneled threading: only this thread calls MPI);
  // finalises it when destroyed.
  MpiWorld();
  ~MpiWorld();
  MpiWorld(const MpiWorld&) = delete;
  MpiWorld& operator=(const MpiWorld&) = delete;

  int rank() const;
  int size() const;
  // True on every rank when `ok` is true on every rank (collective).
  bool all(bool ok) const;
  // Rank 0's `ok` on every rank (collective).
  bool leader_says(bool ok) const;

  // Rank 0: runs `runs` across all ranks, calling `done` (on this thread)
  // with every outcome; returns when all are done and every rank is told to
  // stop. Throws when a run fails on any rank. Every rank reads and saves
  // burn-in checkpoints in `checkpoints` (a shared folder) when given.
  void distribute(const SweepPlan& plan, std::span<const std::size_t> runs, const OutcomeFn& done,
                  const BurnInStore* checkpoints = nullptr) const;
  // Other ranks: run what rank 0 sends until it says stop.
  void serve(const SweepPlan& plan, const BurnInStore* checkpoints = nullptr) const;
  // Ends every rank (after a failure that leaves ranks waiting).
  [[noreturn]] void abort(int code) const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace candour::sim::sweep
