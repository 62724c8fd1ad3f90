"""Loading run files made by the real binary: load_run, load_runs, and incomplete (killed) runs."""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
import unittest
import warnings

import h5py
import numpy as np

import helpers
from candour_analysis import IncompleteRunWarning, final_year, load_run, load_runs


class LoadRun(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = helpers.work_dir("loading")
        cls.path = helpers.run_scenario(helpers.TOY_SCENARIOS / "toy_small.toml", cls.work / "small.h5")
        cls.reform = helpers.run_scenario(helpers.TOY_SCENARIOS / "toy_reform.toml", cls.work / "reform.h5")

    def test_metadata_holds_provenance(self):
        run = load_run(self.path)
        self.assertTrue(run.completed)
        self.assertEqual(run.seed, 7)  # toy_small.toml: run.seed = 7
        self.assertEqual(run.model, "toy")
        self.assertEqual(run.label, "toy_small")
        self.assertEqual(run.title, "Toy model, small and short")
        for key in ("candour_version", "git_commit", "scenario", "started_at", "finished_at"):
            self.assertIn(key, run.metadata)
        self.assertIsInstance(run.metadata["scenario"], str)
        self.assertEqual(run.planned_days, 60)
        self.assertEqual(run.last_day, 60)

    def test_series_matches_the_file(self):
        run = load_run(self.path)
        series = run.series()
        self.assertEqual(series.index.name, "day")
        self.assertEqual(list(series.columns), ["mean_level", "shocks", "weeks"])
        with h5py.File(self.path, "r", swmr=True) as f:
            np.testing.assert_array_equal(series.index.to_numpy(), f["time"][()])
            np.testing.assert_array_equal(series["shocks"].to_numpy(), f["metrics/shocks"][()])
        self.assertEqual(len(series), 61)  # days 0..60, record_every = 1
        self.assertEqual(run.units("shocks"), "event")
        self.assertEqual(run.description("mean_level"), "Mean level over all agents.")

    def test_per_trust_is_time_by_unit(self):
        run = load_run(self.path)
        frame = run.per_trust("group_mean_level")
        self.assertEqual(frame.shape, (61, 4))  # toy_small.toml: 4 groups
        self.assertEqual(frame.columns.name, "group")
        with h5py.File(self.path, "r", swmr=True) as f:
            np.testing.assert_array_equal(frame.to_numpy(), f["metrics/group_mean_level"][()])
        # The groups are equal-sized here, so the system mean is the mean of the group means.
        np.testing.assert_allclose(frame.mean(axis=1).to_numpy(), run.series()["mean_level"].to_numpy(), rtol=1e-9)
        with self.assertRaises(ValueError):
            run.series(["group_mean_level"])
        with self.assertRaises(ValueError):
            run.per_unit("shocks")
        with self.assertRaises(KeyError):
            run.series(["no_such_metric"])

    def test_headline_metrics_are_the_models_summary(self):
        run = load_run(self.path)
        # The toy model prints mean_level and shocks at the end of a run, not weeks.
        self.assertEqual(run.headline_metrics(), ["mean_level", "shocks"])
        self.assertTrue(run.metrics["shocks"].headline)
        self.assertFalse(run.metrics["group_mean_level"].headline)

    def test_parameters_and_timeline(self):
        run = load_run(self.reform)
        params = run.parameters()
        self.assertEqual(params.loc["toy.agents", "value"], 400)
        self.assertEqual(params.loc["toy.pull", "unit"], "per day")
        self.assertEqual([(e.day, e.label) for e in run.timeline], [(20, "calm regime"), (40, "pull relaxed")])
        self.assertIsNotNone(run.timing())

    def test_final_year_leaves_out_day_zero_and_counts_running_totals(self):
        run = load_run(self.path)
        series = run.series()
        # Shorter than a year: a level's mean over every row after day 0, as sim/core/summary.cpp;
        # a running total's count over the whole run (last less first row).
        self.assertEqual(run.cumulative_metrics(), ["shocks", "weeks"])
        got = run.final_year()
        self.assertAlmostEqual(got["mean_level"], series.loc[series.index > 0, "mean_level"].mean())
        self.assertEqual(got["shocks"], series["shocks"].iloc[-1] - series["shocks"].iloc[0])
        # A 10-day window: rows 51..60 for a level, row 60 less row 50 for a running total.
        window = final_year(series, 10, ["shocks"])
        np.testing.assert_allclose(window["mean_level"], series.loc[51:60, "mean_level"].mean())
        self.assertEqual(window["shocks"], series.loc[60, "shocks"] - series.loc[50, "shocks"])


class LoadRuns(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = helpers.work_dir("loading_many")
        cls.small = helpers.replicates(cls.work, helpers.TOY_SCENARIOS / "toy_small.toml", [1, 2, 3])
        cls.reform = helpers.replicates(cls.work, helpers.TOY_SCENARIOS / "toy_reform.toml", [1, 2])

    def test_long_format_with_scenario_and_seed(self):
        frame = load_runs(self.small + self.reform)
        self.assertEqual(list(frame.columns), ["scenario", "replicate", "seed", "run", "day", "years", "metric", "value"])
        self.assertEqual(frame.attrs["scenarios"], ["toy_small", "toy_reform"])
        self.assertEqual(len(frame), 5 * 61 * 3)  # runs x rows x system metrics
        per_run = frame.groupby(["scenario", "replicate"])["seed"].first()
        self.assertEqual(per_run["toy_small"].tolist(), [1, 2, 3])
        self.assertEqual(per_run["toy_reform"].tolist(), [1, 2])
        self.assertEqual(frame.attrs["metrics"]["shocks"]["units"], "event")
        self.assertEqual(frame.attrs["timeline"]["toy_reform"], [(20.0, "calm regime"), (40.0, "pull relaxed")])
        np.testing.assert_allclose(frame["years"], frame["day"] / 365)
        # Values are the files' values.
        one = frame[(frame["scenario"] == "toy_small") & (frame["seed"] == 2) & (frame["metric"] == "shocks")]
        np.testing.assert_array_equal(one["value"].to_numpy(), load_run(self.small[1]).series()["shocks"].to_numpy())
        # Different seeds, different runs.
        other = frame[(frame["scenario"] == "toy_small") & (frame["seed"] == 3) & (frame["metric"] == "shocks")]
        self.assertFalse(np.array_equal(one["value"].to_numpy(), other["value"].to_numpy()))

    def test_labels_override_scenario_names(self):
        frame = load_runs(self.small[:2], labels=["a", "b"])
        self.assertEqual(frame.attrs["scenarios"], ["a", "b"])
        with self.assertRaises(ValueError):
            load_runs(self.small, labels=["only one"])

    def test_warns_about_a_repeated_seed(self):
        with self.assertWarnsRegex(UserWarning, "seed 1 appears twice"):
            load_runs([self.small[0], self.small[0]])

    def test_never_pools_runs_whose_parameters_differ(self):
        # Two --set variants of one scenario file are two variants, named by the key that differs,
        # with a warning that names it; their replicates stay together.
        other = [helpers.run_scenario(helpers.TOY_SCENARIOS / "toy_small.toml", self.work / f"changed_{s}.h5",
                                      seed=s, sets=("toy.pull=0.3",)) for s in (8, 9)]
        with self.assertWarnsRegex(UserWarning, r"differ in toy\.pull \(0\.1 in toy_small_1\.h5, 0\.3 in "):
            frame = load_runs(self.small + other)
        self.assertEqual(frame.attrs["scenarios"], ["toy_small [toy.pull=0.1]", "toy_small [toy.pull=0.3]"])
        counts = frame.groupby("scenario")["run"].nunique()
        self.assertEqual(counts["toy_small [toy.pull=0.1]"], 3)
        self.assertEqual(counts["toy_small [toy.pull=0.3]"], 2)
        # Labelled, they are two variants without a warning.
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            frame = load_runs([f"{p}:base" for p in self.small] + [f"{p}:pulled" for p in other])
        self.assertEqual(frame.attrs["scenarios"], ["base", "pulled"])
        # A label given to runs that differ still never pools them.
        with self.assertWarnsRegex(UserWarning, "not replicates"):
            frame = load_runs([f"{self.small[0]}:same", f"{other[0]}:same"])
        self.assertEqual(len(frame.attrs["scenarios"]), 2)

    def test_label_stored_by_candour_run(self):
        labelled = helpers.run_scenario(helpers.TOY_SCENARIOS / "toy_small.toml", self.work / "labelled.h5",
                                        seed=4, extra=("--label", "my variant"))
        self.assertEqual(load_run(labelled).label, "my variant")
        self.assertEqual(load_run(labelled).metadata["label"], "my variant")
        self.assertEqual(load_run(self.small[0]).label, "toy_small")  # no label: the scenario's name
        self.assertEqual(load_run(f"{labelled}", label="other").label, "other")


class IncompleteRuns(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = helpers.work_dir("loading_incomplete")
        cls.finished = helpers.run_scenario(helpers.TOY_SCENARIOS / "toy_small.toml", cls.work / "finished.h5")

    def test_flag_zero_warns_and_says_the_last_day(self):
        copy = self.work / "unflagged.h5"
        shutil.copy(self.finished, copy)
        with h5py.File(copy, "r+") as f:
            f.attrs["completed"] = np.int64(0)
        with self.assertWarns(IncompleteRunWarning) as caught:
            run = load_run(copy)
        self.assertFalse(run.completed)
        message = str(caught.warning)
        self.assertIn("incomplete run", message)
        self.assertIn("up to day 60", message)
        self.assertIn(str(copy), message)

    def test_finished_run_does_not_warn(self):
        with warnings.catch_warnings():
            warnings.simplefilter("error", IncompleteRunWarning)
            load_run(self.finished)

    def test_a_killed_run_is_read_up_to_its_last_flush(self):
        # A long run, killed with SIGKILL once its first flushes reached the file: the file is
        # still marked open for (SWMR) writing, which a plain h5py open refuses.
        out = self.work / "killed.h5"
        command = [helpers.candour(), "run", str(helpers.TOY_SCENARIOS / "toy_small.toml"), "-o", str(out), "-q",
                   "--days", "36500", "--set", "toy.agents=100000", "--set", "run.flush_every=10",
                   "--set", "run.record_every=5", "--threads", "1"]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 60
            rows = 0
            while rows < 3 and time.monotonic() < deadline and process.poll() is None:
                time.sleep(0.05)
                try:
                    with h5py.File(out, "r", swmr=True) as f:
                        rows = f["time"].shape[0] if "time" in f else 0
                except OSError:
                    pass
        finally:
            process.send_signal(signal.SIGKILL)
            _, errors = process.communicate()
        self.assertGreaterEqual(rows, 3, f"the run never flushed rows (exit {process.returncode}): {errors}")
        with self.assertWarns(IncompleteRunWarning) as caught:
            run = load_run(out)
        self.assertFalse(run.completed)
        self.assertGreater(run.rows, 0)
        self.assertLess(run.last_day, 36500)
        self.assertIn(f"up to day {int(run.last_day)} ", str(caught.warning))
        self.assertIn("of 36500 planned", str(caught.warning))
        self.assertIsNone(run.timing())  # written only by finish()
        series = run.series()
        self.assertEqual(len(series), run.rows)
        self.assertTrue(np.isfinite(series.to_numpy()).all())


if __name__ == "__main__":
    unittest.main()
