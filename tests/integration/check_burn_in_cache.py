#!/usr/bin/python3
"""`candour run --burn-in-cache DIR`: the first run saves its burn-in as a
checkpoint, later runs of the same seed and burn-in read it, and every file is
identical to a run without the cache (the same for --seeds); a cache path that
is not a folder is refused before anything is written.

usage: check_burn_in_cache.py CANDOUR WORKDIR SCENARIO"""
import os
import shutil
import subprocess
import sys

import h5py

from check_thread_identity import datasets


def run(candour, *args, expect=0):
    done = subprocess.run([candour, "run", *args], capture_output=True, text=True, timeout=600)
    if done.returncode != expect:
        raise SystemExit(f"FAIL: candour run {' '.join(args)} exited {done.returncode}, not "
                         f"{expect}:\n{done.stderr[-2000:]}")
    return done


def main() -> int:
    candour, workdir, scenario = sys.argv[1:]
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(workdir)
    cache = os.path.join(workdir, "checkpoints")
    out = lambda name: os.path.join(workdir, name)  # noqa: E731
    common = ["--days", "40", "--seed", "5"]
    failures = []

    def expect(condition, what):
        if not condition:
            failures.append(what)

    run(candour, scenario, *common, "-q", "-o", out("plain.h5"))
    first = run(candour, scenario, *common, "--burn-in-cache", cache, "-o", out("first.h5"))
    expect(f"burn-in saved as a checkpoint in {cache}" in first.stderr,
           f"first run does not say it saved the checkpoint: {first.stderr[-500:]}")
    files = os.listdir(cache)
    expect(len(files) == 1 and files[0].endswith(".bin"), f"checkpoint folder holds {files}")
    second = run(candour, scenario, *common, "--burn-in-cache", cache, "-o", out("second.h5"))
    expect(f"burn-in read from a checkpoint in {cache}" in second.stderr,
           f"second run does not say it read the checkpoint: {second.stderr[-500:]}")
    expect("burn-in read from a checkpoint in" in second.stdout,
           f"the summary does not say where the burn-in came from: {second.stdout[:300]}")
    quiet = run(candour, scenario, *common, "--burn-in-cache", cache, "-q", "-o", out("quiet.h5"))
    expect(quiet.stderr == "" and quiet.stdout == "", f"-q printed: {quiet.stderr}{quiet.stdout}")

    plain = datasets(out("plain.h5"))
    for name in ("first.h5", "second.h5", "quiet.h5"):
        other = datasets(out(name))
        expect(sorted(other) == sorted(plain), f"{name} has other datasets")
        differ = [n for n in plain if n in other and plain[n] != other[n]]
        expect(not differ, f"{name} differs from the run without a cache in {differ[:5]}")
    sources = {}
    for name in ("plain.h5", "first.h5", "second.h5"):
        with h5py.File(out(name), "r") as f:
            sources[name] = f.attrs["burn_in_from"]
    expect(sources == {"plain.h5": "burn-in", "first.h5": "burn-in", "second.h5": "checkpoint"},
           f"burn_in_from attributes: {sources}")

    # Several seeds: each its own checkpoint, read back the second time.
    seeds = ["--days", "40", "--seeds", "5-6", "--threads", "2", "--burn-in-cache", cache]
    made = run(candour, scenario, *seeds, "-o", out("made_{seed}.h5"))
    expect(f"burn-in checkpoints in {cache}: 1 read, 1 saved" in made.stderr,
           f"--seeds did not read seed 5's and save seed 6's: {made.stderr[-500:]}")
    again = run(candour, scenario, *seeds, "-o", out("again_{seed}.h5"))
    expect(f"burn-in checkpoints in {cache}: 2 read, 0 saved" in again.stderr,
           f"--seeds did not read both checkpoints: {again.stderr[-500:]}")
    expect(len(os.listdir(cache)) == 2, f"checkpoint folder holds {os.listdir(cache)}")
    expect(datasets(out("again_5.h5")) == plain, "seed 5 read from its checkpoint differs")

    # Not a folder: refused before anything is written.
    blocker = out("a_file")
    with open(blocker, "w") as f:
        f.write("not a folder\n")
    refused = run(candour, scenario, *common, "--burn-in-cache", blocker, "-o", out("never.h5"),
                  expect=2)
    expect(f"--burn-in-cache {blocker}: not a folder" in refused.stderr,
           f"refusal does not name the path: {refused.stderr}")
    expect(not os.path.exists(out("never.h5")), "a refused run wrote its output")

    print(f"compared {len(plain)} datasets; checkpoints: {sorted(os.listdir(cache))}")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
