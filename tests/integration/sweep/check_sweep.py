#!/usr/bin/env python3
"""End-to-end checks of `candour sweep` and `candour merge` (run by ctest).

identity        the same sweep on 2 threads, on 1 thread, as shards 1/2 and 2/2
                merged, and (with --mpirun) under MPI: every file identical
kill            a sweep killed with SIGKILL mid-way and run again with the same
                command equals one never interrupted
merge-mismatch  merge refuses shard files of two different sweeps
bad             a bad sweep file: exit code 2 and the expected message parts
dry-run         a sweep file validates and --dry-run reports its runs, writing nothing
"""
import argparse
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time

# The kill test reads the file while the sweep writes it; HDF5's file lock
# would refuse. Safe here: a sweep file's metadata never changes after creation.
os.environ["HDF5_USE_FILE_LOCKING"] = "FALSE"
import h5py  # noqa: E402 (after the environment is set)
import numpy as np  # noqa: E402


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def run(command, expect=0):
    print("$", " ".join(command), flush=True)
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != expect:
        print(done.stdout, done.stderr)
        fail(f"exit code {done.returncode}, expected {expect}")
    return done


def contents(path):
    """Every dataset and attribute of a file, by path."""
    items = {}
    with h5py.File(path, "r") as f:
        for key, value in f.attrs.items():
            items["/@" + key] = value

        def visit(name, obj):
            for key, value in obj.attrs.items():
                if key in ("DIMENSION_LIST", "REFERENCE_LIST"):
                    continue  # object references: compared through the scales themselves
                items[f"/{name}@{key}"] = value
            if isinstance(obj, h5py.Dataset):
                items["/" + name] = obj[()]

        f.visititems(visit)
    return items


def same(a, b):
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        a, b = np.asarray(a), np.asarray(b)
        if a.shape != b.shape or a.dtype.kind != b.dtype.kind:
            return False
        if a.dtype.kind == "f":
            return np.array_equal(a, b, equal_nan=True)
        return np.array_equal(a, b)
    return a == b


def compare(reference, other):
    """Fails unless the two sweep files hold the same content."""
    x, y = contents(reference), contents(other)
    if x.keys() != y.keys():
        fail(f"{other}: objects differ from {reference}: {sorted(x.keys() ^ y.keys())}")
    different = [k for k in x if not same(x[k], y[k])]
    if different:
        fail(f"{other} differs from {reference} in {different}")
    print(f"identical: {other} == {reference} ({len(x)} objects)")


def check_complete(path, runs=None):
    with h5py.File(path, "r") as f:
        completed = f["runs/completed"][:]
        summary = f["runs/summary"][:]
        if not completed.all():
            fail(f"{path}: {int((completed == 0).sum())} runs not completed")
        if np.isnan(summary).any():
            fail(f"{path}: missing values in a completed sweep")
        if runs is not None and len(completed) != runs:
            fail(f"{path}: {len(completed)} runs, expected {runs}")
        # Guard against trivially equal files: the points must differ.
        if len(summary) > 1 and np.all(summary == summary[0]):
            fail(f"{path}: every run has the same results")
        return len(completed)


def completed_count(path):
    try:
        with h5py.File(path, "r") as f:
            return int(f["runs/completed"][:].sum())
    except (OSError, KeyError):
        return 0  # not created yet


def fresh(folder):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)


def identity(args):
    fresh(args.work)
    w = lambda name: os.path.join(args.work, name)
    sweep = [args.candour, "sweep", args.sweep, "-q"]
    if args.mpirun:
        run([*shlex.split(args.mpirun), *sweep, "-o", w("mpi.h5")])
        run(sweep + ["--threads", "1", "-o", w("local.h5")])
        check_complete(w("mpi.h5"))
        compare(w("local.h5"), w("mpi.h5"))
        return
    run(sweep + ["--threads", "2", "-o", w("threads2.h5")])
    runs = check_complete(w("threads2.h5"))
    run(sweep + ["--threads", "1", "-o", w("threads1.h5")])
    compare(w("threads2.h5"), w("threads1.h5"))
    run(sweep + ["--shard", "1/2", "-o", w("shard1.h5")])
    run(sweep + ["--shard", "2/2", "-o", w("shard2.h5")])
    with h5py.File(w("shard1.h5"), "r") as f:
        done = f["runs/completed"][:]
        if not (done[0::2].all() and not done[1::2].any()):
            fail("shard 1/2 should hold exactly the even run ids")
    run([args.candour, "merge", w("merged.h5"), w("shard1.h5"), w("shard2.h5")])
    check_complete(w("merged.h5"), runs)
    compare(w("threads2.h5"), w("merged.h5"))
    # A merge of one shard leaves runs missing; the sweep command resumes the rest.
    run([args.candour, "merge", w("half.h5"), w("shard2.h5")])
    run(sweep + ["-o", w("half.h5")])
    compare(w("threads2.h5"), w("half.h5"))
    # An existing output is never overwritten by merge; bad shard specs are bad input.
    run([args.candour, "merge", w("merged.h5"), w("shard1.h5")], expect=2)
    run(sweep + ["--shard", "3/2", "-o", w("bad.h5")], expect=2)


def burn_in(args):
    """Design points that vary levers share their replicate's burn-in: the
    sweep says how many it ran and reused, and 1 and 2 threads (which share
    them in different orders) give the same file. (That a reused burn-in
    gives a fresh one's rows is tests/unit/nhs, [burn_in_cache].)

    With --burn-in-cache DIR the first sweep saves its 2 burn-ins as
    checkpoints and a second sweep (another file, or the first one's shards,
    or its ranks under --mpirun) reads them instead of burning in, with the
    same file; a path that is not a folder is refused before anything is
    written."""
    fresh(args.work)
    w = lambda name: os.path.join(args.work, name)
    sweep = [args.candour, "sweep", args.sweep]

    def expect_said(done, said):
        if said not in done.stderr:
            fail(f"expected {said!r} in: {done.stderr[-600:]!r}")

    done = run(sweep + ["--threads", "2", "-o", w("threads2.h5")])
    expect_said(done, "burn-in: run 2 times, reused 4 times")
    with h5py.File(w("threads2.h5"), "r") as f:
        # Some rates are undefined (NaN) over 20 days of 4 wards; the runs are all there.
        if len(f["runs/completed"]) != 6 or not f["runs/completed"][:].all():
            fail("expected 6 completed runs")
    run(sweep + ["--threads", "1", "-q", "-o", w("threads1.h5")])
    compare(w("threads2.h5"), w("threads1.h5"))

    cache = w("checkpoints")
    saved = run(sweep + ["--threads", "2", "--burn-in-cache", cache, "-o", w("saved.h5")])
    expect_said(saved, "burn-in: run 2 times, reused 4 times")
    expect_said(saved, f"burn-in checkpoints in {cache}: 0 read, 2 saved")
    files = sorted(os.listdir(cache))
    if len(files) != 2 or not all(name.endswith(".bin") for name in files):
        fail(f"expected the 2 checkpoints alone in the folder, found {files}")
    compare(w("threads2.h5"), w("saved.h5"))
    # Each shard reads the checkpoints its runs need; merged, the same file.
    for i in (1, 2):
        shard = run(sweep + ["--threads", "1", "--shard", f"{i}/2", "--burn-in-cache", cache,
                             "-o", w(f"shard{i}.h5")])
        expect_said(shard, "burn-in: run 0 times")
        expect_said(shard, f"burn-in checkpoints in {cache}: ")
        expect_said(shard, " read, 0 saved")
    run([args.candour, "merge", w("merged.h5"), w("shard1.h5"), w("shard2.h5")])
    compare(w("threads2.h5"), w("merged.h5"))
    if args.mpirun:
        ranks = run([*shlex.split(args.mpirun), *sweep, "--burn-in-cache", cache,
                     "-o", w("mpi.h5")])
        expect_said(ranks, f"burn-in checkpoints in {cache}: ")
        expect_said(ranks, " read, 0 saved")
        compare(w("threads2.h5"), w("mpi.h5"))
        if sorted(os.listdir(cache)) != files:
            fail(f"the ranks left other files beside the checkpoints: {os.listdir(cache)}")
    # -q: nothing printed; the file is the same.
    quiet = run(sweep + ["-q", "--burn-in-cache", cache, "-o", w("quiet.h5")])
    if quiet.stderr or quiet.stdout:
        fail(f"-q printed: {quiet.stderr}{quiet.stdout}")
    compare(w("threads2.h5"), w("quiet.h5"))

    blocker = w("a_file")
    with open(blocker, "w") as f:
        f.write("not a folder\n")
    refused = run(sweep + ["--burn-in-cache", blocker, "-o", w("never.h5")], expect=2)
    expect_said(refused, f"--burn-in-cache {blocker}: not a folder")
    if os.path.exists(w("never.h5")):
        fail("a refused sweep wrote its output")


def kill(args):
    fresh(args.work)
    reference = os.path.join(args.work, "whole.h5")
    resumed = os.path.join(args.work, "resumed.h5")
    command = [args.candour, "sweep", args.sweep, "-q", "--threads", "1"]
    run(command + ["-o", reference])
    total = check_complete(reference)
    # Kill twice at different points, then let it finish.
    for share in (0.25, 0.6):
        process = subprocess.Popen(command + ["-o", resumed])
        deadline = time.time() + 120
        while completed_count(resumed) < share * total:
            if process.poll() is not None or time.time() > deadline:
                fail("the sweep ended before it could be killed; make its runs longer")
            time.sleep(0.02)
        process.send_signal(signal.SIGKILL)
        process.wait()
        done = completed_count(resumed)
        print(f"killed with {done} of {total} runs done", flush=True)
        if not 0 < done < total:
            fail(f"kill landed outside the sweep ({done} of {total})")
    # The sweep file named by another spelling of its path (relative, with a
    # "./" inside) is the same sweep: its scenario's path is spelled
    # differently too, and it still resumes.
    respelled = os.path.join(os.path.relpath(os.path.dirname(args.sweep)), ".",
                             os.path.basename(args.sweep))
    finished = run([args.candour, "sweep", respelled, "--threads", "1", "-o", resumed])
    if "resuming" not in finished.stderr:
        fail("the second run did not say it resumed:\n" + finished.stderr)
    compare(reference, resumed)


def merge_mismatch(args):
    fresh(args.work)
    a, b = os.path.join(args.work, "a.h5"), os.path.join(args.work, "b.h5")
    run([args.candour, "sweep", args.sweep, "-q", "--shard", "1/2", "-o", a])
    run([args.candour, "sweep", args.other, "-q", "--shard", "2/2", "-o", b])
    done = run([args.candour, "merge", os.path.join(args.work, "m.h5"), a, b], expect=2)
    if "holds another sweep" not in done.stderr:
        fail("merge message should say the files hold different sweeps:\n" + done.stderr)
    if os.path.exists(os.path.join(args.work, "m.h5")):
        fail("a refused merge left an output file")


def bad(args):
    fresh(args.work)
    out = os.path.join(args.work, "out.h5")
    # --dry-run checks exactly what a real sweep checks.
    for extra in ([], ["--dry-run"]):
        done = run([args.candour, "sweep", args.sweep, "-o", out, *extra], expect=2)
        for part in args.expect:
            if part not in done.stderr:
                fail(f"message lacks {part!r}:\n{done.stderr}")
        if len(done.stderr.strip().splitlines()) != 1:
            fail(f"expected one line of error:\n{done.stderr}")
        if os.path.exists(out):
            fail("a rejected sweep created its output file")
        print(done.stderr.strip())


def dry_run(args):
    fresh(args.work)
    out = os.path.join(args.work, "out.h5")
    done = run([args.candour, "sweep", args.sweep, "--dry-run", "-o", out])
    print(done.stdout.strip())
    if "runs" not in done.stdout or os.path.exists(out):
        fail("--dry-run should report the run count and write nothing")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["identity", "kill", "merge-mismatch", "bad", "dry-run",
                                         "burn-in"])
    parser.add_argument("--candour", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--sweep", required=True)
    parser.add_argument("--other")
    parser.add_argument("--mpirun")
    parser.add_argument("--expect", nargs="*", default=[])
    args = parser.parse_args()
    modes = {"identity": identity, "kill": kill, "merge-mismatch": merge_mismatch, "bad": bad,
             "burn-in": burn_in,
             "dry-run": dry_run}
    modes[args.mode](args)
    print("PASS")


if __name__ == "__main__":
    main()
