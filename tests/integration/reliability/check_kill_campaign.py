#!/usr/bin/python3
"""The kill campaign: SIGKILL at 20 moments drawn at random (seeded, so the
same moments every time) during NHS runs, burn-in included, and during a
sweep and its resumptions.

Runs (12 kills): each killed run leaves either no file at all or one that
opens with h5py.File(path, "r", swmr=True), holding rows that equal the same
rows of an uninterrupted run (all of them and completed = 1, if the kill
came after the end).

Sweep (8 kills): the same sweep command is started, killed at a random
moment, and started again, eight times, then let finish; after every kill
the file is absent or opens, and the finished file equals one from a sweep
never interrupted, dataset for dataset.

Merge (3 more kills): a merge of the sweep's two shards killed at random
moments leaves no output, or the whole merged file.

usage: check_kill_campaign.py CANDOUR WORKDIR DATA"""
import faulthandler
import os
import pathlib
import random
import signal
import subprocess
import sys
import time

from faults import candour, check, finish, fresh, h5py_module

os.environ["HDF5_USE_FILE_LOCKING"] = "FALSE"  # files are read while candour writes them
h5py = h5py_module()
import numpy as np  # noqa: E402

SEED = 20261201
RUN_KILLS, SWEEP_KILLS = 12, 8
NHS_RUN = ('model = "nhs"\n[run]\ndays = 730\nflush_every = 10\n[system]\nburn_in_days = 730\n'
           '[trust]\nwards = 30\n')


# No step may hang the test (and with it CI): a run or sweep that has not
# ended in this long is a failure. A read of a file that hangs inside HDF5 is
# bounded by main's stack dump instead (it names the line).
STEP_TIMEOUT = 300


def timed_run(command):
    started = time.monotonic()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   timeout=STEP_TIMEOUT)
    return time.monotonic() - started


def fastest_run(base, outputs):
    """Times `base + [output]` once per output and keeps only the last file.

    The fastest time: the first run of a command pays for a cold start
    (libraries, the page cache) that the runs it times do not, and kills timed
    on it land after those runs have ended."""
    times = [timed_run(base + [str(output)]) for output in outputs]
    for output in outputs[:-1]:
        output.unlink(missing_ok=True)
    return min(times)


def kill_at(command, delay):
    """Starts `command`, sends SIGKILL after `delay` seconds; True if it was still running."""
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        process.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=STEP_TIMEOUT)
        return True


def check_run_file(path, reference, label):
    """Absent, or readable with swmr=True and equal to the reference row for row."""
    if not path.exists():
        return "no file"
    try:
        with h5py.File(path, "r", swmr=True) as f, h5py.File(reference, "r") as ref:
            rows = f["time"].shape[0]
            check(np.array_equal(f["time"][()], ref["time"][:rows]), f"{label}: times differ")
            # /time is written last at a flush: every metric holds its rows
            # (one killed mid-flush may hold a few more, not yet counted).
            for name, ds in f["metrics"].items():
                check(ds.shape[0] >= rows, f"{label}: {name} has {ds.shape[0]} rows, /time {rows}")
                check(np.array_equal(ds[:rows], ref["metrics"][name][:rows], equal_nan=True),
                      f"{label}: {name}")
            done = int(f.attrs["completed"])
            if done:
                check(rows == ref["time"].shape[0], f"{label}: completed with {rows} rows")
            return f"{rows} rows, completed = {done}"
    except OSError as e:
        check(False, f"{label}: h5py cannot open the file a kill left: {e}")
        return "UNREADABLE"


def runs(binary, work, rng):
    scenario = work / "nhs_kill.toml"
    scenario.write_text(NHS_RUN)
    reference = work / "reference.h5"
    base = [str(binary), "run", str(scenario), "-q", "--threads", "1", "-o"]
    whole = fastest_run(base, [work / "warm_up.h5", reference])
    print(f"uninterrupted run: {whole:.2f} s (burn-in about the first half)")
    landed = 0
    for k in range(RUN_KILLS):
        out = work / f"killed_{k}.h5"
        # Moments over the whole run; a few close to its end, where the file is finished.
        fraction = rng.uniform(0.85, 1.0) if k % 4 == 3 else rng.uniform(0.0, 1.0)
        alive = kill_at(base + [str(out)], fraction * whole)
        landed += alive
        state = check_run_file(out, reference, f"run kill {k}")
        print(f"run kill {k}: at {fraction:.2f} of the run, "
              f"{'killed' if alive else 'already ended'}: {state}")
    return landed


def sweep_contents(path):
    with h5py.File(path, "r") as f:
        return {name: f[name][()] for name in ("runs/completed", "runs/summary", "series/values")}


def sweeps(binary, work, data, rng):
    sweep = data / "toy_many.toml"
    reference, resumed = work / "sweep_whole.h5", work / "sweep_killed.h5"
    base = [str(binary), "sweep", str(sweep), "-q", "--threads", "2", "-o"]
    whole = fastest_run(base, [work / "sweep_warm_up.h5", reference])
    print(f"uninterrupted sweep: {whole:.2f} s")
    landed = 0
    for k in range(SWEEP_KILLS):
        fraction = rng.uniform(0.0, 0.35)  # each restart has less left to do
        alive = kill_at(base + [str(resumed)], fraction * whole)
        landed += alive
        if resumed.exists():
            try:
                with h5py.File(resumed, "r") as f:
                    done = int(f["runs/completed"][:].sum())
                state = f"{done} of 48 runs done"
            except OSError as e:
                check(False, f"sweep kill {k}: the file cannot be opened: {e}")
                state = "UNREADABLE"
        else:
            state = "no file yet"
        print(f"sweep kill {k}: at {fraction:.2f} of a sweep, "
              f"{'killed' if alive else 'already ended'}: {state}")
    candour(binary, *base[1:], resumed, expect=0)
    a, b = sweep_contents(reference), sweep_contents(resumed)
    for name in a:
        check(np.array_equal(a[name], b[name], equal_nan=True),
              f"{name} of the resumed sweep differs from the uninterrupted one")
    return landed


def merges(binary, work, data, rng, reference):
    sweep = data / "toy_many.toml"
    shards = [work / f"shard{i}.h5" for i in (1, 2)]
    for i, shard in enumerate(shards, 1):
        candour(binary, "sweep", sweep, "-q", "--shard", f"{i}/2", "-o", shard, expect=0)
    merged = work / "merged.h5"
    command = [str(binary), "merge", str(merged), *map(str, shards)]
    whole = timed_run(command)
    merged.unlink()
    whole = min(whole, timed_run(command))  # the first run starts cold
    expected = sweep_contents(reference)
    for k in range(3):
        merged.unlink(missing_ok=True)
        alive = kill_at(command, rng.uniform(0.0, 1.0) * whole)
        if merged.exists():
            got = sweep_contents(merged)
            for name in expected:
                check(np.array_equal(got[name], expected[name], equal_nan=True),
                      f"merge kill {k}: a merged file that differs was left: {name}")
        print(f"merge kill {k}: {'killed' if alive else 'already ended'}: "
              f"{'the whole merged file' if merged.exists() else 'no output'}")


def main():
    sys.stdout.reconfigure(line_buffering=True)  # every line reaches ctest's log, even at a timeout
    # Before ctest's own limit (600 s) ends the test: where it stood, thread by thread.
    faulthandler.dump_traceback_later(540, exit=True)
    binary, work, data = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    work = fresh(work)
    rng = random.Random(SEED)
    landed = runs(binary, work, rng) + sweeps(binary, work, data, rng)
    merges(binary, work, data, rng, work / "sweep_whole.h5")
    print(f"{landed} of {RUN_KILLS + SWEEP_KILLS} kills landed on a running process")
    # Moments drawn past the end prove nothing: most must land.
    check(landed >= 12, f"only {landed} kills landed on a running process")
    finish()


if __name__ == "__main__":
    main()
