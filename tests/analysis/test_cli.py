"""The candour-analysis command: help on every command, info, compare, and exit codes."""

from __future__ import annotations

import csv
import unittest

import helpers
from candour_analysis import compare, final_year_means, load_runs

COMMANDS = ("info", "plot", "compare", "response", "heatmap", "sobol", "morris", "report")


class Help(unittest.TestCase):
    def test_every_command_has_help(self):
        result = helpers.analysis_command("--help")
        self.assertEqual(result.returncode, 0)
        for command in COMMANDS:
            self.assertIn(command, result.stdout)
            sub = helpers.analysis_command(command, "--help")
            self.assertEqual(sub.returncode, 0, sub.stderr)
            self.assertIn(f"usage: candour-analysis {command}", sub.stdout)
            self.assertIn("Example", sub.stdout)

    def test_no_command_is_bad_input(self):
        self.assertEqual(helpers.analysis_command().returncode, 2)


class Commands(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = helpers.work_dir("cli")
        cls.base = helpers.replicates(cls.work, helpers.DATA / "toy_base.toml", [1, 2, 3, 4], prefix="base")
        cls.stormy = [
            helpers.run_scenario(helpers.DATA / "toy_base.toml", cls.work / f"stormy_{s}.h5", seed=s,
                                 sets=("toy.shock_rate=0.05",))
            for s in [5, 6, 7]
        ]

    def test_info_describes_a_run(self):
        result = helpers.analysis_command("info", self.base[0])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("scenario 'toy_base'", result.stdout)
        self.assertIn("seed 1", result.stdout)
        self.assertIn("finished", result.stdout)
        self.assertIn("timeline: day 365 reform", result.stdout)
        self.assertIn("Cumulative number of shocks.", result.stdout)

    def test_compare_prints_and_writes_the_comparison(self):
        out = self.work / "compare.csv"
        result = helpers.analysis_command("compare", *self.stormy, "--against", *self.base, "--name-a", "stormy",
                                          "-m", "shocks", "--csv", out)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("stormy (n = 3) minus toy_base (n = 4)", result.stdout)
        self.assertIn("Welch t interval", result.stdout)
        with out.open() as f:
            rows = list(csv.DictReader(f))
        self.assertEqual(len(rows), 1)
        # The same numbers as the library gives.
        frame = final_year_means(load_runs(self.stormy + self.base, labels=["s"] * 3 + ["b"] * 4))
        shocks = frame[frame["metric"] == "shocks"]
        expected = compare(shocks[shocks["scenario"] == "s"]["value"], shocks[shocks["scenario"] == "b"]["value"])
        self.assertAlmostEqual(float(rows[0]["difference"]), expected.difference)
        self.assertAlmostEqual(float(rows[0]["ci_low"]), expected.ci_low)
        self.assertAlmostEqual(float(rows[0]["hedges_g"]), expected.hedges_g)
        self.assertGreater(expected.ci_low, 0)  # more shocks at a higher rate

    def test_compare_by_bootstrap(self):
        result = helpers.analysis_command("compare", *self.stormy, "--against", *self.base, "-m", "mean_level",
                                          "--method", "bootstrap", "--resamples", "500")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("BCa bootstrap interval, 500 resamples", result.stdout)

    def test_compare_needs_replicates(self):
        result = helpers.analysis_command("compare", self.stormy[0], "--against", *self.base)
        self.assertEqual(result.returncode, 2)
        self.assertIn("at least 2 replicates", result.stderr)

    def test_missing_and_foreign_files_are_bad_input(self):
        result = helpers.analysis_command("info", self.work / "nothing.h5")
        self.assertEqual(result.returncode, 2)
        self.assertIn("no such file", result.stderr)
        text = self.work / "not_hdf5.h5"
        text.write_text("hello")
        result = helpers.analysis_command("info", text)
        self.assertEqual(result.returncode, 2)
        self.assertIn("cannot open as HDF5", result.stderr)


if __name__ == "__main__":
    unittest.main()
