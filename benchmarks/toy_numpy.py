#!/usr/bin/python3
"""The toy model's dynamics in vectorised numpy: the yardstick benchmarks/run
times `candour run` against (same sizes, same daily records, whole process).

Each day every agent moves a share `pull` of the way to its group's mean; with
probability 1 - exp(-shock_rate) it also takes a normal shock (sd 0.2) and is
clipped to [0, 1]; then the group means are recomputed. Recorded daily, as
`candour run` records the toy by default: the mean level, the shocks so far,
the weeks so far and the group means, into an HDF5 file (h5py, deflate 4, as
Candour writes). numpy's own generator draws the numbers, so the results are
statistically, not bitwise, those of Candour's toy.

usage: toy_numpy.py --agents 200000 --groups 8 --days 30 -o OUT.h5
"""
import argparse

import h5py
import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--agents", type=int, default=200_000)
    parser.add_argument("--groups", type=int, default=8)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--pull", type=float, default=0.1)
    parser.add_argument("--shock-rate", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", required=True)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    n, groups = args.agents, args.groups
    group_of = np.arange(n) * groups // n  # contiguous groups, as in the toy
    sizes = np.maximum(np.bincount(group_of, minlength=groups), 1)
    level = rng.random(n)
    means = np.bincount(group_of, weights=level, minlength=groups) / sizes
    p_shock = -np.expm1(-args.shock_rate)
    shocks = weeks = 0
    rows = [(0, level.mean(), shocks, weeks, means.copy())]
    for day in range(args.days):
        level += args.pull * (means[group_of] - level)
        shocked = np.flatnonzero(rng.random(n) < p_shock)
        level[shocked] = np.clip(level[shocked] + rng.normal(0.0, 0.2, shocked.size), 0.0, 1.0)
        shocks += shocked.size
        means = np.bincount(group_of, weights=level, minlength=groups) / sizes
        if day % 7 == 0:
            weeks += 1
        rows.append((day + 1, level.mean(), shocks, weeks, means.copy()))

    with h5py.File(args.output, "w") as f:
        options = dict(compression="gzip", compression_opts=4, shuffle=True)
        f.create_dataset("time", data=np.array([r[0] for r in rows], dtype=float), **options)
        f.create_dataset("mean_level", data=np.array([r[1] for r in rows]), **options)
        f.create_dataset("shocks", data=np.array([r[2] for r in rows], dtype=float), **options)
        f.create_dataset("weeks", data=np.array([r[3] for r in rows], dtype=float), **options)
        f.create_dataset("group_mean", data=np.stack([r[4] for r in rows]), **options)
        f.attrs["agent_slots"] = n


if __name__ == "__main__":
    main()
