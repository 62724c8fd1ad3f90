#include "sim/sweep/executor_mpi.hpp"

#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>

#include <chrono>
#include <cstdlib>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace candour::sim::sweep {
namespace mpi = boost::mpi;
namespace {

enum Tag : int {
  ready = 1,    // worker -> 0: give me a run (first request)
  result = 2,   // worker -> 0: an outcome, and give me another run
  work = 3,     // 0 -> worker: a run id
  stop = 4,     // 0 -> worker: no more runs
  failure = 5,  // worker -> 0: a run failed (message)
};

// Run ids handed out in order, to remote ranks and rank 0's own thread alike.
class Queue {
 public:
  explicit Queue(std::span<const std::size_t> runs) : runs_(runs) {}
  bool next(std::size_t& run) {
    std::lock_guard lock(mutex_);
    if (next_ == runs_.size())
      return false;
    run = runs_[next_++];
    return true;
  }

 private:
  std::mutex mutex_;
  std::span<const std::size_t> runs_;
  std::size_t next_ = 0;
};

// Outcomes of rank 0's own thread, waiting for the communicating thread.
class Mailbox {
 public:
  void put(RunOutcome outcome) {
    std::lock_guard lock(mutex_);
    outcomes_.push_back(std::move(outcome));
  }
  void fail(std::exception_ptr error) {
    std::lock_guard lock(mutex_);
    error_ = error;
  }
  // Hands every waiting outcome to `done`; rethrows the thread's failure.
  void drain(const OutcomeFn& done) {
    std::deque<RunOutcome> ready;
    std::exception_ptr error;
    {
      std::lock_guard lock(mutex_);
      ready.swap(outcomes_);
      error = error_;
    }
    if (error)
      std::rethrow_exception(error);
    for (const auto& outcome : ready)
      done(outcome);
  }

 private:
  std::mutex mutex_;
  std::deque<RunOutcome> outcomes_;
  std::exception_ptr error_;
};

}  // namespace

struct MpiWorld::State {
  mpi::environment environment{mpi::threading::funneled};
  mpi::communicator world;
};

bool MpiWorld::launched() {
  // Open MPI's mpirun, then PMI and PMIx launchers (MPICH, Slurm's srun).
  for (const char* variable : {"OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"})
    if (std::getenv(variable) != nullptr)
      return true;
  return false;
}

MpiWorld::MpiWorld() : state_(std::make_unique<State>()) {}
MpiWorld::~MpiWorld() = default;

int MpiWorld::rank() const {
  return state_->world.rank();
}

int MpiWorld::size() const {
  return state_->world.size();
}

bool MpiWorld::all(bool ok) const {
  return mpi::all_reduce(state_->world, ok, std::logical_and<bool>());
}

bool MpiWorld::leader_says(bool ok) const {
  mpi::broadcast(state_->world, ok, 0);
  return ok;
}

void MpiWorld::abort(int code) const {
  state_->world.abort(code);
  std::abort();  // not reached: MPI_Abort ends the process
}

void MpiWorld::distribute(const SweepPlan& plan, std::span<const std::size_t> runs,
                          const OutcomeFn& done, const BurnInStore* checkpoints) const {
  const auto& world = state_->world;
  Queue queue(runs);
  Mailbox mailbox;
  // Rank 0 runs too: with -n 2 on two cores both cores work, and this thread
  // only wakes to pass messages.
  std::thread local([&] {
    try {
      BurnInCache burn_ins(kBurnInCacheBytes);
      std::size_t run = 0;
      while (queue.next(run))
        mailbox.put(execute_run(plan, run, &burn_ins, checkpoints));
    } catch (...) {
      mailbox.fail(std::current_exception());
    }
  });
  int serving = world.size() - 1;
  try {
    while (serving > 0) {
      mailbox.drain(done);
      auto status = world.iprobe(mpi::any_source, mpi::any_tag);
      if (!status) {
        // A blocking receive would spin a core; a millisecond nap costs nothing next to a run.
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        continue;
      }
      const int source = status->source();
      if (status->tag() == failure) {
        std::string message;
        world.recv(source, failure, message);
        throw std::runtime_error("rank " + std::to_string(source) + ": " + message);
      }
      if (status->tag() == result) {
        RunOutcome outcome;
        world.recv(source, result, outcome);
        done(outcome);
      } else {
        world.recv(source, ready);
      }
      std::size_t run = 0;
      if (queue.next(run)) {
        world.send(source, work, static_cast<unsigned long long>(run));
      } else {
        world.send(source, stop);
        --serving;
      }
    }
  } catch (...) {
    // Let the local thread finish its run before the error leaves this scope.
    std::size_t ignored = 0;
    while (queue.next(ignored)) {
    }
    local.join();
    throw;
  }
  local.join();
  mailbox.drain(done);
}

void MpiWorld::serve(const SweepPlan& plan, const BurnInStore* checkpoints) const {
  const auto& world = state_->world;
  BurnInCache burn_ins(kBurnInCacheBytes);
  world.send(0, ready);
  for (;;) {
    auto status = world.probe(0, mpi::any_tag);
    if (status.tag() == stop) {
      world.recv(0, stop);
      return;
    }
    unsigned long long run = 0;
    world.recv(0, work, run);
    try {
      const auto outcome = execute_run(plan, static_cast<std::size_t>(run), &burn_ins, checkpoints);
      world.send(0, result, outcome);
    } catch (const std::exception& e) {
      world.send(0, failure, "run " + std::to_string(run) + " failed: " + e.what());
      // Rank 0 aborts every rank; wait for it.
      world.probe(0, mpi::any_tag);
      return;
    }
  }
}

}  // namespace candour::sim::sweep
