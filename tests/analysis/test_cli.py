"""The candour-analysis command: help on every command, info, compare, and exit codes."""

from __future__ import annotations

import csv
import unittest

import helpers
from candour_analysis import compare, final_year_outcomes, load_runs

COMMANDS = ("info", "plot", "compare", "response", "heatmap", "sobol", "morris", "sensitivity", "report")


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
        frame = final_year_outcomes(load_runs(self.stormy + self.base, labels=["s"] * 3 + ["b"] * 4))
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
        self.assertIn("not an HDF5 file", result.stderr)

    def test_scenario_and_sweep_files_are_named_as_what_they_are(self):
        result = helpers.analysis_command("plot", helpers.DATA / "toy_base.toml", "-o", self.work / "x.png")
        self.assertEqual(result.returncode, 2)
        self.assertIn("a scenario file (TOML), not a run file", result.stderr)
        self.assertIn("candour run", result.stderr)
        result = helpers.analysis_command("info", helpers.DATA / "toy_grid.toml")
        self.assertEqual(result.returncode, 2)
        self.assertIn("a sweep file (TOML), not its output", result.stderr)
        self.assertIn("candour sweep", result.stderr)

    def test_nearest_names_for_unknown_metrics(self):
        result = helpers.analysis_command("plot", *self.base, "-m", "mean_levl", "-o", self.work / "x.png")
        self.assertEqual(result.returncode, 2)
        self.assertIn("did you mean 'mean_level'", result.stderr)
        result = helpers.analysis_command("compare", *self.stormy, "--against", *self.base, "-m", "shoks")
        self.assertEqual(result.returncode, 2)
        self.assertIn("did you mean 'shocks'", result.stderr)


class SweepCommands(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = helpers.work_dir("cli_sweeps")
        cls.grid = helpers.run_sweep(helpers.DATA / "toy_grid.toml", cls.work / "grid.h5")
        cls.run_file = helpers.run_scenario(helpers.DATA / "toy_base.toml", cls.work / "run.h5")

    def test_a_bare_metric_means_its_final_year_statistic(self):
        result = helpers.analysis_command("response", self.grid, "-s", "mean_level", "-o", self.work / "r.png")
        self.assertEqual(result.returncode, 0, result.stderr)
        result = helpers.analysis_command("sensitivity", self.grid, "-s", "shocks")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("shocks.final_year_count (event)", result.stdout)  # a running total: its count

    def test_nearest_names_for_statistics_and_axes(self):
        result = helpers.analysis_command("response", self.grid, "-s", "shoks", "-o", self.work / "r.png")
        self.assertEqual(result.returncode, 2)
        self.assertIn("did you mean 'shocks'", result.stderr)
        result = helpers.analysis_command("response", self.grid, "-s", "mean_level.final_year_man", "-o",
                                          self.work / "r.png")
        self.assertEqual(result.returncode, 2)
        self.assertIn("did you mean 'mean_level.final_year_mean'", result.stderr)
        result = helpers.analysis_command("response", self.grid, "-s", "shocks", "--axis", "toy.pul", "-o",
                                          self.work / "r.png")
        self.assertEqual(result.returncode, 2)
        self.assertIn("did you mean 'toy.pull'", result.stderr)

    def test_grid_sensitivity_is_variance_shares(self):
        result = helpers.analysis_command("sensitivity", self.grid, "-s", "mean_level", "--csv",
                                          self.work / "shares.csv")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("explained by each axis alone", result.stdout)
        self.assertIn("interactions between the axes", result.stdout)
        import pandas as pd
        shares = pd.read_csv(self.work / "shares.csv")
        self.assertEqual(shares["parameter"].tolist(), ["toy.pull", "toy.shock_rate"])
        self.assertTrue(((shares["share"] >= 0) & (shares["share"] <= 1)).all())
        self.assertLessEqual(shares["share"].sum(), 1 + 1e-12)

    def test_wrong_kind_of_file_for_each_tool(self):
        result = helpers.analysis_command("response", self.run_file, "-s", "shocks", "-o", self.work / "r.png")
        self.assertEqual(result.returncode, 2)
        self.assertIn("is a run file", result.stderr)
        result = helpers.analysis_command("plot", self.grid, "-o", self.work / "p.png")
        self.assertEqual(result.returncode, 2)
        self.assertIn("is a sweep file", result.stderr)
        # candour itself: an HDF5 file as a scenario or sweep, a scenario as a sweep.
        import subprocess
        for command, expected in (
                (["run", str(self.run_file), "-q", "-o", str(self.work / "none.h5")], "an HDF5 file"),
                (["validate", str(self.grid)], "an HDF5 file"),
                (["sweep", str(self.run_file), "-q", "-o", str(self.work / "none.h5")], "an HDF5 file"),
                (["sweep", str(helpers.DATA / "toy_base.toml"), "-q", "-o", str(self.work / "none.h5")],
                 "a scenario file (it names a model), not a sweep file")):
            with self.subTest(command=command[0]):
                done = subprocess.run([helpers.candour(), *command], capture_output=True, text=True)
                self.assertEqual(done.returncode, 2, done.stderr)
                self.assertIn(expected, done.stderr)
                self.assertEqual(len(done.stderr.strip().splitlines()), 1, done.stderr)
        self.assertFalse((self.work / "none.h5").exists())


if __name__ == "__main__":
    unittest.main()
