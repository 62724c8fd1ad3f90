"""Sweep files made by the real `candour sweep`: loading, responses, Sobol and Morris on them."""

from __future__ import annotations

import shutil
import unittest

import h5py
import numpy as np

import helpers
from candour_analysis import IncompleteSweepWarning, elementary_effects, load_run, load_sweep
from candour_analysis.plots import response_table


class Sweeps(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = helpers.work_dir("sweeps")
        cls.line = helpers.run_sweep(helpers.DATA / "toy_line.toml", cls.work / "line.h5")
        cls.grid = helpers.run_sweep(helpers.DATA / "toy_grid.toml", cls.work / "grid.h5")
        cls.saltelli = helpers.run_sweep(helpers.DATA / "toy_saltelli.toml", cls.work / "saltelli.h5")
        cls.morris = helpers.run_sweep(helpers.DATA / "toy_morris.toml", cls.work / "morris.h5")

    def test_grid_layout(self):
        sweep = load_sweep(self.grid)
        self.assertEqual(sweep.design_kind, "grid")
        self.assertEqual(sweep.parameters, ["toy.pull", "toy.shock_rate"])
        self.assertEqual(sweep.parameter_units["toy.pull"], "per day")
        self.assertEqual(sweep.axis_kinds["toy.shock_rate"], "log")
        self.assertEqual(sweep.design.shape, (12, 2))  # 4 x 3 levels
        np.testing.assert_allclose(sorted(sweep.design["toy.shock_rate"].unique()), [0.002, 0.02, 0.2])
        self.assertEqual(len(sweep.runs), 24)  # 2 replicates
        self.assertTrue(sweep.runs["completed"].all())
        self.assertIn("shocks.final_year_count", sweep.statistics)
        self.assertEqual(sweep.units("shocks.final_year_count"), "event")
        # Each run row carries its point's parameter values.
        row = sweep.runs.iloc[5]
        np.testing.assert_allclose(row[["toy.pull", "toy.shock_rate"]].to_numpy(dtype=float),
                                   sweep.design.iloc[int(row["point"])].to_numpy())
        self.assertIn("sweep_toml", sweep.provenance)
        self.assertIn("[[axis]]", sweep.provenance["sweep_toml"])

    def test_point_means_average_replicates(self):
        sweep = load_sweep(self.grid)
        means = sweep.point_means("shocks.final_year_count")
        by_hand = sweep.runs[sweep.runs["point"] == 7]["shocks.final_year_count"].mean()
        self.assertAlmostEqual(means[7], by_hand)

    def test_summary_agrees_with_a_single_run_of_the_same_seed(self):
        # The sweep's final-year statistics are computed in C++ (sim/core/summary.cpp); running the
        # same point and seed alone and summarising in Python must give the same numbers: the mean
        # for a level, the count in the final year for a running total.
        sweep = load_sweep(self.line)
        row = sweep.runs.iloc[6]
        alone = helpers.run_scenario(helpers.DATA / "toy_base.toml", self.work / "alone.h5",
                                     seed=int(row["seed"]), sets=(f"toy.pull={row['toy.pull']!r}",))
        ours = load_run(alone).final_year()
        self.assertAlmostEqual(ours["mean_level"], row["mean_level.final_year_mean"], places=9)
        self.assertEqual(ours["shocks"], row["shocks.final_year_count"])
        self.assertNotIn("shocks.final_year_mean", sweep.statistics)  # a running total has no mean
        self.assertNotIn("shocks.run_mean", sweep.statistics)
        self.assertTrue(sweep.statistic_cumulative["shocks.final_year_count"])
        self.assertIn("count in the last 365 days", sweep.description("shocks.final_year_count"))
        self.assertIn("Cumulative number of shocks.", sweep.description("shocks.final_year_count"))
        self.assertEqual(sweep.valid_range("shocks.final_year_count"), (0.0, float("inf")))
        series = sweep.series("mean_level")
        np.testing.assert_allclose(series.loc[6].to_numpy(), load_run(alone).series()["mean_level"].to_numpy())

    def test_response_over_one_axis(self):
        sweep = load_sweep(self.line)
        table = response_table(sweep, "shocks.final_year_count", "toy.pull")
        self.assertEqual(table["x"].tolist(), [0.02, 0.05, 0.1, 0.2, 0.4])
        self.assertEqual(table["n"].tolist(), [4] * 5)
        first = sweep.runs[sweep.runs["toy.pull"] == 0.02]["shocks.final_year_count"]
        self.assertAlmostEqual(table["mean"].iloc[0], first.mean())
        self.assertTrue((table["low"] <= table["mean"]).all() and (table["mean"] <= table["high"]).all())
        by = response_table(load_sweep(self.grid), "shocks.final_year_count", "toy.pull", by="toy.shock_rate")
        self.assertEqual(len(by), 12)
        # More shocks per day, more shocks: the curves are ordered by shock rate.
        level = by.groupby("toy.shock_rate")["mean"].mean()
        self.assertTrue(level.is_monotonic_increasing)

    def test_sobol_on_a_saltelli_sweep(self):
        sweep = load_sweep(self.saltelli)
        self.assertEqual(sweep.design_kind, "saltelli")
        self.assertEqual(len(sweep.design), 32 * 5)
        indices = sweep.sobol("shocks.final_year_count", resamples=200)
        self.assertEqual(list(indices.index), ["toy.pull", "toy.shock_rate", "toy.groups"])
        self.assertEqual(indices.attrs["base_samples"], 32)
        # Shocks arrive at the shock rate whatever the pull or the number of groups (and the
        # sweep's common random numbers keep their draws identical), so only the rate matters.
        self.assertGreater(indices.loc["toy.shock_rate", "ST"], 0.5)
        self.assertLess(indices.loc["toy.pull", "ST"], 0.01)
        self.assertLess(indices.loc["toy.groups", "ST"], 0.01)
        with self.assertRaisesRegex(ValueError, "saltelli"):
            load_sweep(self.grid).sobol("shocks.final_year_count")

    def test_sobol_on_a_partly_finished_sweep_uses_whole_base_samples(self):
        copy = self.work / "saltelli_partial.h5"
        shutil.copy(self.saltelli, copy)
        with h5py.File(copy, "r+") as f:
            flags = f["runs/completed"][()]
            flags[[3, 32 + 5, 64 + 7]] = 0  # A row 3, B row 5, AB_1 row 7: three base samples lost
            f["runs/completed"][...] = flags
        with self.assertWarns(IncompleteSweepWarning):
            sweep = load_sweep(copy)
        indices = sweep.sobol("shocks.final_year_count", resamples=50)
        self.assertEqual(indices.attrs["base_samples"], 29)
        self.assertEqual(indices.attrs["planned_base_samples"], 32)
        with h5py.File(copy, "r+") as f:
            flags = f["runs/completed"][()]
            flags[64:96] = 0  # every AB_1 run
            f["runs/completed"][...] = flags
        with self.assertWarns(IncompleteSweepWarning):
            sweep = load_sweep(copy)
        with self.assertRaisesRegex(ValueError, "0 of 32 base samples"):
            sweep.sobol("shocks.final_year_count")

    def test_morris_on_a_morris_sweep(self):
        sweep = load_sweep(self.morris)
        self.assertEqual(len(sweep.design), 10 * 4)
        # The simulator's design moves one factor per step: elementary effects are defined.
        effects = elementary_effects(sweep.unit_design, sweep.point_means("shocks.final_year_count"))
        self.assertEqual(effects.shape, (10, 3))
        indices = sweep.morris("shocks.final_year_count", resamples=200)
        self.assertGreater(indices.loc["toy.shock_rate", "mu_star"], 0)
        self.assertLess(indices.loc["toy.pull", "mu_star"], 1e-6 * indices.loc["toy.shock_rate", "mu_star"])

    def test_unfinished_runs_warn_and_are_left_out(self):
        copy = self.work / "unfinished.h5"
        shutil.copy(self.line, copy)
        with h5py.File(copy, "r+") as f:
            flags = f["runs/completed"][()]
            flags[[1, 2, 3]] = 0
            f["runs/completed"][...] = flags
            summary = f["runs/summary"][()]
            summary[[1, 2, 3]] = np.nan
            f["runs/summary"][...] = summary
        with self.assertWarnsRegex(IncompleteSweepWarning, "3 of 20 runs have not finished"):
            sweep = load_sweep(copy)
        self.assertEqual(len(sweep.completed_runs), 17)
        table = response_table(sweep, "shocks.final_year_count", "toy.pull")
        self.assertEqual(table["n"].tolist(), [1, 4, 4, 4, 4])
        self.assertEqual(len(sweep.series("mean_level")), 17)

    def test_a_statistic_undefined_in_every_run_says_so(self):
        copy = self.work / "undefined.h5"
        shutil.copy(self.line, copy)
        with h5py.File(copy, "r+") as f:
            column = list(f["runs/summary"].attrs["statistics"]).index("mean_level.final")
            summary = f["runs/summary"][()]
            summary[:, column] = np.nan
            f["runs/summary"][...] = summary
        sweep = load_sweep(copy)
        with self.assertRaisesRegex(ValueError, "mean_level.final has no value"):
            response_table(sweep, "mean_level.final", "toy.pull")
        result = helpers.analysis_command("response", copy, "-s", "mean_level.final", "-o", self.work / "no.png")
        self.assertEqual(result.returncode, 2)
        self.assertIn("has no value (NaN) in any finished run", result.stderr)

    def test_unknown_names_say_what_exists(self):
        sweep = load_sweep(self.line)
        with self.assertRaisesRegex(KeyError, "mean_level.final_year_mean"):
            sweep.point_means("harm.final")
        with self.assertRaisesRegex(KeyError, "toy.pull"):
            response_table(sweep, "shocks.final", "toy.nothing")


if __name__ == "__main__":
    unittest.main()
