#!/usr/bin/python3
"""Memory: the estimate `candour validate` prints bounds what `candour run`
then takes (from above, within a factor of 2) for structures small and large;
a structure larger than the machine's memory is refused at once with its
estimate (exit 1, no file), as is a sweep whose runs would not fit; and a run
of a sweep that fails anyway (here under a ulimit -v) is named, the sweep
stops cleanly with every finished run kept, and the same command finishes it.

usage: check_memory.py CANDOUR WORKDIR DATA"""
import pathlib
import re
import subprocess
import sys

from faults import candour, check, finish, fresh, h5py_module

UNITS = {"bytes": 1, "kB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "PB": 1e15}

# (name, model, extra TOML): NHS structures from one trust to 400 and the
# toy model at its largest; no burn-in and 30 days, so that building
# dominates.
STRUCTURES = [
    ("nhs_one_trust", "nhs", "[system]\ntrusts = 1\n"),
    ("nhs_40_trusts", "nhs", "[system]\ntrusts = 40\n"),
    ("nhs_big_wards", "nhs", "[system]\ntrusts = 10\n[trust]\nclinicians_per_ward = 200\n"
                             "beds_per_ward = 200\n"),
    ("nhs_many_trusts", "nhs", "[system]\ntrusts = 400\n[trust]\nwards = 10\n"
                               "clinicians_per_ward = 10\nbeds_per_ward = 10\n"),
    ("toy_largest", "toy", "[toy]\nagents = 10000000\n"),
]

MEASURE = ("import resource, subprocess, sys\n"
           "code = subprocess.run(sys.argv[1:]).returncode\n"
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)\n"
           "sys.exit(code)\n")


def estimate(text):
    found = re.search(r"memory: about ([\d.]+) (\w+)", text)
    check(found is not None, f"no memory estimate in {text!r}")
    return float(found.group(1)) * UNITS[found.group(2)] if found else 0.0


def peak_bytes(command):
    """Runs `command` in a fresh Python process, which reports its child's peak RSS."""
    done = subprocess.run([sys.executable, "-c", MEASURE, *map(str, command)],
                          capture_output=True, text=True)
    check(done.returncode == 0, f"{command}: exit {done.returncode}: {done.stderr}")
    return int(done.stdout.strip().splitlines()[-1])


def main():
    binary, work, data = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    work = fresh(work)
    h5py = h5py_module()
    for name, model, extra in STRUCTURES:
        scenario = work / f"{name}.toml"
        scenario.write_text(f'model = "{model}"\n[run]\ndays = 30\n'
                            + ("[system]\nburn_in_days = 0\n" if model == "nhs" and
                               "[system]" not in extra else "")
                            + extra.replace("[system]\n", "[system]\nburn_in_days = 0\n"))
        said = estimate(candour(binary, "validate", scenario, expect=0).stdout)
        peak = peak_bytes([binary, "run", scenario, "-q", "-o", work / f"{name}.h5"])
        print(f"{name}: estimate {said / 1e6:.1f} MB, peak {peak / 1e6:.1f} MB, "
              f"ratio {said / peak:.2f}")
        check(said >= peak, f"{name}: the estimate {said:.3g} is below the peak {peak:.3g}")
        check(said <= 2 * peak, f"{name}: the estimate {said:.3g} is over twice the peak {peak:.3g}")

    # The largest structure the ranges allow: about 300 GB.
    largest = work / "nhs_largest.toml"
    largest.write_text('model = "nhs"\n[system]\ntrusts = 2000\n[trust]\nwards = 5000\n'
                       'clinicians_per_ward = 200\nbeds_per_ward = 200\n')
    done = candour(binary, "validate", largest, expect=0)
    check("would refuse it" in done.stdout, "validate does not warn that run would refuse it")
    out = work / "largest.h5"
    candour(binary, "run", largest, "-o", out, expect=1, says=["needs about", "GB of memory"])
    check(not out.exists() and not pathlib.Path(f"{out}.partial").exists(), "a file was written")
    # A sweep whose one run would not fit: refused before it starts.
    (work / "toy_base.toml").write_text((data / "toy_base.toml").read_text())
    huge_sweep = work / "huge_runs.toml"
    huge_sweep.write_text('scenario = "nhs_largest.toml"\n[[axis]]\nparameter = "trust.wards"\n'
                          'values = [10, 5000]\n')
    done = candour(binary, "sweep", huge_sweep, "--dry-run", expect=0)
    check("memory:" in done.stdout, "--dry-run gives no memory estimate")
    candour(binary, "sweep", huge_sweep, "-o", work / "huge.h5", expect=1,
            says=["one run of this sweep needs about"])
    check(not (work / "huge.h5").exists(), "a refused sweep wrote its file")

    # A run that fails all the same (out of memory under ulimit -v): named;
    # the runs before it are kept, and the same command finishes the sweep.
    failing = work / "failing.toml"
    failing.write_text('scenario = "toy_base.toml"\n[[axis]]\nparameter = "toy.agents"\n'
                       'values = [1000, 2000, 10000000]\n')
    out = work / "failing.h5"
    # 150 MB of address space: 10^7 toy agents need over 200 MB for their
    # columns; the small runs fit under 120 MB (measured).
    done = subprocess.run(["sh", "-c", 'ulimit -v 150000; exec "$0" "$@"', binary, "sweep",
                           failing, "-q", "--threads", "1", "-o", out],
                          capture_output=True, text=True)
    print(f"under ulimit -v: exit {done.returncode}: {done.stderr.strip()}")
    check(done.returncode == 1, f"exit {done.returncode}, expected 1")
    check("run 2 (point 2, replicate 0) failed: out of memory" in done.stderr, "run not named")
    check(len(done.stderr.strip().splitlines()) == 1, "not one line")
    with h5py.File(out, "r") as f:
        check(list(f["runs/completed"][:]) == [1, 1, 0], "the finished runs were not kept")
    candour(binary, "sweep", failing, "-q", "--threads", "1", "-o", out, expect=0)
    with h5py.File(out, "r") as f:
        check(f["runs/completed"][:].all(), "the resumed sweep did not finish")
    finish()


if __name__ == "__main__":
    main()
