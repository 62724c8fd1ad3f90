"""Two run files hold the same run: every dataset equal, value for value,
and the attributes that describe the run (scenario, seed, model, title,
format) equal. Left out: what says when, where and how fast it ran (/timing,
started_at, host, command_line, threads, wall_seconds) and the label.

Usage: compare_runs.py A.h5 B.h5
"""
import sys

import h5py
import numpy as np

SAME_ATTRIBUTES = ["scenario", "seed", "model", "title", "format_version", "scenario_file",
                   "extends_chain", "completed", "unit_dimension"]
LEFT_OUT = {"timing", "phase"}  # wall-clock seconds of each phase


def datasets(f):
    found = {}
    f.visititems(lambda name, node: found.__setitem__(name, node) if isinstance(node, h5py.Dataset) else None)
    return {name: node for name, node in found.items() if name.split("/")[0] not in LEFT_OUT}


def main(a_path, b_path):
    problems = []
    with h5py.File(a_path, "r") as a, h5py.File(b_path, "r") as b:
        da, db = datasets(a), datasets(b)
        if sorted(da) != sorted(db):
            problems.append(f"datasets differ: {sorted(set(da) ^ set(db))}")
        for name in sorted(set(da) & set(db)):
            x, y = da[name][()], db[name][()]
            if x.dtype.kind in "fiu":
                same = x.shape == y.shape and np.array_equal(x, y, equal_nan=True)
            else:
                same = x.shape == y.shape and np.all(x == y)
            if not same:
                problems.append(f"/{name} differs")
        for key in SAME_ATTRIBUTES:
            x, y = a.attrs.get(key), b.attrs.get(key)
            if not np.array_equal(np.asarray(x), np.asarray(y)):
                problems.append(f"attribute {key} differs: {x!r} != {y!r}")
        count = len(da)
    for p in problems:
        print(p)
    if problems:
        return 1
    print(f"same run: {count} datasets equal, value for value")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
