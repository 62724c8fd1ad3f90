"""`candour run --seeds`: one file per seed, each the file `--seed S` alone writes, read by the
analysis as replicates; and its refusals."""

from __future__ import annotations

import subprocess
import unittest

import h5py
import numpy as np

import helpers
from candour_analysis import load_runs


def candour(*args) -> subprocess.CompletedProcess:
    return subprocess.run([helpers.candour(), *map(str, args)], capture_output=True, text=True)


def same_data(a, b) -> bool:
    """The same recorded rows of every metric (provenance such as times and threads aside)."""
    with h5py.File(a, "r") as f, h5py.File(b, "r") as g:
        if not np.array_equal(f["time"][()], g["time"][()]) or set(f["metrics"]) != set(g["metrics"]):
            return False
        return all(np.array_equal(f["metrics"][m][()], g["metrics"][m][()], equal_nan=True) for m in f["metrics"])


class Seeds(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = helpers.work_dir("ensembles")
        cls.toy = helpers.DATA / "toy_base.toml"

    def test_each_seed_file_is_the_single_run(self):
        result = candour("run", self.toy, "--seeds", "1-3,7", "--threads", "2", "-o", self.work / "e_{seed}.h5")
        self.assertEqual(result.returncode, 0, result.stderr)
        for seed in (1, 2, 3, 7):
            path = self.work / f"e_{seed}.h5"
            single = helpers.run_scenario(self.toy, self.work / f"single_{seed}.h5", seed=seed)
            self.assertTrue(same_data(path, single), f"seed {seed}")
            with h5py.File(path, "r") as f:
                self.assertEqual(int(f.attrs["seed"]), seed)
                self.assertEqual(int(f.attrs["completed"]), 1)
        self.assertFalse(same_data(self.work / "e_1.h5", self.work / "e_2.h5"))
        # The closing summary: every headline metric across the seeds.
        self.assertIn("4 seeds, 4 runs", result.stdout)
        self.assertIn("mean level", result.stdout)
        self.assertIn("lowest", result.stdout)
        # Read back as four replicates of one variant.
        frame = load_runs(sorted(self.work.glob("e_*.h5")))
        self.assertEqual(frame.attrs["scenarios"], ["toy_base"])
        self.assertEqual(frame.groupby("scenario")["run"].nunique()["toy_base"], 4)

    def test_the_same_for_one_thread_and_two(self):
        one = candour("run", self.toy, "--seeds", "4-5", "--threads", "1", "-q", "-o", self.work / "one_{seed}.h5")
        two = candour("run", self.toy, "--seeds", "4-5", "--threads", "2", "-q", "-o", self.work / "two_{seed}.h5")
        self.assertEqual(one.returncode, 0, one.stderr)
        self.assertEqual(two.returncode, 0, two.stderr)
        for seed in (4, 5):
            self.assertTrue(same_data(self.work / f"one_{seed}.h5", self.work / f"two_{seed}.h5"))

    def test_label_and_default_output(self):
        folder = self.work / "default"
        folder.mkdir()
        result = subprocess.run([helpers.candour(), "run", str(self.toy), "--seeds", "1-2", "-q", "--label", "calm"],
                                capture_output=True, text=True, cwd=folder)
        self.assertEqual(result.returncode, 0, result.stderr)
        for seed in (1, 2):
            with h5py.File(folder / "out" / f"toy_base_{seed}.h5", "r") as f:
                self.assertEqual(f.attrs["label"], "calm")

    def test_refusals_write_nothing(self):
        cases = [
            (("--seeds", "1-3", "-o", self.work / "fixed.h5"), "{seed}"),
            (("--seeds", "3-1", "-o", self.work / "r_{seed}.h5"), "--seeds 3-1"),
            (("--seeds", "1,1", "-o", self.work / "r_{seed}.h5"), "each seed once"),
            (("--seeds", "1-2", "--seed", "4", "-o", self.work / "r_{seed}.h5"), "not both"),
            (("--seeds", "x", "-o", self.work / "r_{seed}.h5"), "--seeds x"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                result = candour("run", self.toy, *args)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(message, result.stderr)
        self.assertEqual(sorted(p.name for p in self.work.glob("r_*")), [])
        self.assertFalse((self.work / "fixed.h5").exists())

    def test_nhs_seeds_in_one_command(self):
        # The issue's own check: three NHS files from one command.
        result = candour("run", helpers.REPO / "scenarios" / "baseline.toml", "--seeds", "1-3", "--days", "30",
                         "-q", "-o", self.work / "nhs" / "b_{seed}.h5")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(sorted(p.name for p in (self.work / "nhs").iterdir()), ["b_1.h5", "b_2.h5", "b_3.h5"])


if __name__ == "__main__":
    unittest.main()
