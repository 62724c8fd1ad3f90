"""Run and sweep files in xarray: one call opens a run file, with either HDF5 engine; to_xarray
stacks runs along scenario x seed and a sweep along its axes x replicate."""

from __future__ import annotations

import unittest

import numpy as np

import helpers
from candour_analysis import load_run, load_sweep, to_xarray

try:
    import xarray
except ImportError:  # scripts/setup installs python3-xarray; say so rather than skip silently
    xarray = None


@unittest.skipIf(xarray is None, "python3-xarray is not installed (scripts/setup installs it)")
class OpenDataset(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = helpers.work_dir("xarray")
        cls.run_file = helpers.run_scenario(helpers.DATA / "toy_base.toml", cls.work / "base.h5", seed=2)

    def test_open_dataset_in_one_call_with_each_engine(self):
        for engine in ("netcdf4", "h5netcdf"):
            with self.subTest(engine=engine):
                with xarray.open_dataset(self.run_file, engine=engine) as data:
                    run = load_run(self.run_file)
                    self.assertEqual(set(run.metrics) - set(data.data_vars), set())
                    self.assertEqual(data.mean_level.dims, ("time",))
                    self.assertEqual(data.group_mean_level.dims, ("time", "group"))
                    self.assertEqual(data.shocks.attrs["units"], "event")
                    self.assertEqual(data.shocks.attrs["long_name"], "Cumulative number of shocks.")
                    self.assertEqual(int(data.shocks.attrs["cumulative"]), 1)
                    self.assertEqual(float(data.shocks.attrs["valid_min"]), 0.0)
                    self.assertEqual(data.attrs["Conventions"], "CF-1.8")
                    self.assertEqual(data.attrs["title"], "Toy analysis base")
                    self.assertEqual(int(data.attrs["seed"]), 2)
                    np.testing.assert_array_equal(data.time.values, run.time)
                    np.testing.assert_array_equal(data.mean_level.values, run.series()["mean_level"].to_numpy())
                    self.assertEqual(data.time.attrs["units"], "day")  # not decoded into dates

    def test_default_engine_reads_it(self):
        # What the docs show: no engine named.
        with xarray.open_dataset(self.run_file) as data:
            self.assertEqual(data.mean_level.attrs["units"], "1")


@unittest.skipIf(xarray is None, "python3-xarray is not installed (scripts/setup installs it)")
class ToXarray(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.work = helpers.work_dir("to_xarray")
        cls.base = helpers.replicates(cls.work, helpers.DATA / "toy_base.toml", [1, 2, 3], prefix="base")
        cls.small = helpers.replicates(cls.work, helpers.TOY_SCENARIOS / "toy_small.toml", [2, 4], days=730)
        cls.grid = helpers.run_sweep(helpers.DATA / "toy_grid.toml", cls.work / "grid.h5")
        cls.line = helpers.run_sweep(helpers.DATA / "toy_line.toml", cls.work / "line.h5")

    def test_runs_along_scenario_and_seed(self):
        data = to_xarray(self.base + [f"{p}:small" for p in self.small])
        self.assertEqual(list(data.scenario.values), ["toy_base", "small"])
        self.assertEqual(list(data.seed.values), [1, 2, 3, 4])
        self.assertEqual(data.shocks.dims, ("scenario", "seed", "time"))
        run = load_run(self.base[1])
        np.testing.assert_array_equal(data.shocks.sel(scenario="toy_base", seed=2).dropna("time").values,
                                      run.series()["shocks"].to_numpy())
        self.assertTrue(np.isnan(data.shocks.sel(scenario="toy_base", seed=4)).all())  # no such run
        self.assertEqual(data.shocks.attrs["units"], "event")
        self.assertNotIn("group_mean_level", data)  # per-unit metrics only when asked
        wide = to_xarray(self.base, per_unit=True)
        self.assertEqual(wide.group_mean_level.dims, ("scenario", "seed", "time", "group"))

    def test_grid_sweep_along_its_axes_and_replicates(self):
        sweep = load_sweep(self.grid)
        data = to_xarray(self.grid)
        self.assertEqual(data["shocks.final_year_count"].dims, ("toy.pull", "toy.shock_rate", "replicate"))
        self.assertEqual(data.sizes["toy.pull"], 4)
        self.assertEqual(data.sizes["replicate"], 2)
        row = sweep.runs.iloc[7]
        value = data["shocks.final_year_count"].sel({"toy.pull": row["toy.pull"], "toy.shock_rate": row["toy.shock_rate"],
                                                     "replicate": row["replicate"]})
        self.assertEqual(float(value), row["shocks.final_year_count"])
        self.assertEqual(int(data["shocks.final_year_count"].attrs["cumulative"]), 1)
        self.assertIn("count in the last 365 days", data["shocks.final_year_count"].attrs["long_name"])

    def test_kept_series_add_time(self):
        data = to_xarray(self.line)
        self.assertEqual(data["series.mean_level"].dims, ("toy.pull", "replicate", "time"))
        sweep = load_sweep(self.line)
        np.testing.assert_array_equal(data["series.mean_level"].sel({"toy.pull": 0.1, "replicate": 0}).values,
                                      sweep.series("mean_level").loc[int(sweep.runs[(sweep.runs["toy.pull"] == 0.1)
                                                                                    & (sweep.runs["replicate"] == 0)]
                                                                         ["run"].iloc[0])].to_numpy())


if __name__ == "__main__":
    unittest.main()
