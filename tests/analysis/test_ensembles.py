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



class FactsOverMembers(unittest.TestCase):
    """`scripts/validate_ensemble` (ensemble_facts.py) with a stand-in for the validation suite: each
    member's scenarios carry its values, and the tables count, per fact and per check, the members
    it holds in, with each member's estimate."""

    SUITE = """#!/bin/sh
# Stand-in validation suite: one check whose estimate is the member's fear.intercept.
value=$(sed -n 's/^intercept = //p' "$CANDOUR_VALIDATION_SCENARIOS/baseline.toml")
verdict=$(awk -v v="$value" 'BEGIN { print (v <= 0.2) ? "PASS" : "FAIL" }')
echo "fact C9 (stand-in): effect = $value [$value, $value] share; required within [0, 0.2] : $verdict" >> "$CANDOUR_VALIDATION_LOG"
failure=""
[ "$verdict" = FAIL ] && failure="<failure message=\\"C9\\"/>"
printf '<testsuites><testsuite><testcase name="fact C9 stand-in">%s</testcase></testsuite></testsuites>' "$failure" > "$4"
"""

    def test_each_member_runs_with_its_values_and_the_tables_count_it(self):
        import contextlib
        import io

        from candour_analysis import ensemble_facts

        work = helpers.work_dir("ensemble_facts")
        scenarios = work / "scenarios"
        scenarios.mkdir()
        (scenarios / "baseline.toml").write_text('title = "base"\nmodel = "nhs"\n')
        ensemble = work / "calibrated"
        ensemble.mkdir()
        (ensemble / "ensemble.toml").write_text(
            'parameters = ["fear.intercept"]\n[[member]]\nvalues = [0.1]\n[[member]]\nvalues = [0.3]\n')
        suite = work / "suite.sh"
        suite.write_text(self.SUITE)
        suite.chmod(0o755)
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(io.StringIO()):
            code = ensemble_facts.main(["--tests", str(suite), "--ensemble", str(ensemble), "--scenarios",
                                        str(scenarios), "--members", "1-2", "--out", str(work / "out")])
        self.assertEqual(code, 0)
        text = printed.getvalue()
        self.assertIn("| fact C9 stand-in | 1 of 2 |", text)
        self.assertIn("| C9 stand-in | within [0, 0.2] (share) | 0.1 | 0.3 (fails) | 1 of 2 |", text)
        member = (work / "out" / "member_2" / "baseline.toml").read_text()
        self.assertIn('extends = "baseline_registry_defaults.toml"', member)
        self.assertIn("[fear]\nintercept = 0.3", member)


if __name__ == "__main__":
    unittest.main()
