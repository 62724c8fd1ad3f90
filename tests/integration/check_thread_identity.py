#!/usr/bin/python3
"""The same scenario and seed give identical datasets for 1 and 2 threads;
another seed gives different ones.

usage: check_thread_identity.py CANDOUR WORKDIR SCENARIO [extra run args...]"""
import os
import subprocess
import sys

import h5py
import numpy as np


def run(candour, scenario, output, *args):
    # --overwrite: the work folder is kept between ctest runs.
    subprocess.run([candour, "run", scenario, "-o", output, "--quiet", "--overwrite", *args],
                   check=True,
                   timeout=600)


def datasets(path):
    """Every dataset's values by path, except the wall-clock timings."""
    found = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset) and not name.startswith("timing"):
                value = obj[()]
                # Strings (and tables holding them) compare by content, numbers by bits.
                found[name] = value.tobytes() if value.dtype.kind in "fiub" else repr(value.tolist())
        f.visititems(visit)
    return found


def main() -> int:
    candour, workdir, scenario, *extra = sys.argv[1:]
    os.makedirs(workdir, exist_ok=True)
    one, two, other = (os.path.join(workdir, n) for n in ("t1.h5", "t2.h5", "seed.h5"))
    run(candour, scenario, one, "--threads", "1", *extra)
    run(candour, scenario, two, "--threads", "2", *extra)
    a, b = datasets(one), datasets(two)
    failures = []
    if sorted(a) != sorted(b):
        failures.append(f"different datasets: {sorted(a)} vs {sorted(b)}")
    metrics = [n for n in a if n.startswith("metrics/")]
    if not metrics:
        failures.append("no metrics written")
    for name in a:
        if name in b and a[name] != b[name]:
            failures.append(f"{name} differs between 1 and 2 threads")
    # h5diff agrees (and exits 0 only when the metric groups are equal).
    diff = subprocess.run(["h5diff", one, two, "/metrics", "/metrics"], capture_output=True,
                          text=True)
    if diff.returncode != 0:
        failures.append(f"h5diff exit {diff.returncode}: {diff.stdout[:500]}")
    run(candour, scenario, other, "--threads", "2", "--seed", "987654", *extra)
    c = datasets(other)
    if all(a[n] == c[n] for n in metrics if n in c):
        failures.append("another seed gave identical metrics")
    print(f"compared {len(a)} datasets ({len(metrics)} metrics) between 1 and 2 threads")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
