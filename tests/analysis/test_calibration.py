"""The calibration machinery (analysis/candour_analysis/calibration.py, history_matching.py,
parameter_uncertainty.py) and `candour run/sweep --ensemble`: history matching recovers a known
region of a function with fixed seeds, a killed calibration resumes to the same result, every
ensemble member runs deterministically, the parameter and seed shares of an effect sum to one and
are unbiased, and a tiny calibration of the NHS model runs end to end through `candour sweep`."""

from __future__ import annotations

import json
import subprocess
import sys
import unittest
from pathlib import Path

import h5py
import numpy as np
import pandas as pd

import helpers
from candour_analysis import calibration as cal
from candour_analysis import history_matching as hm
from candour_analysis.parameter_uncertainty import ensemble_effect

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "calibration"


def truth_function(x: np.ndarray) -> np.ndarray:
    """Three outputs of six inputs; inputs 3-5 do nothing."""
    return np.column_stack([x[:, 0] + 0.5 * x[:, 1] ** 2, np.sin(3 * x[:, 0]) + x[:, 2],
                            x[:, 1] * x[:, 2]])


class FunctionRunner:
    """Stands in for `candour sweep`: the outputs of truth_function plus seeded noise."""

    def __init__(self, noise: float, fail_after: int | None = None):
        self.noise, self.fail_after, self.calls = noise, fail_after, []

    def run(self, folder, parameters, values, replicates, seed):
        if self.fail_after is not None and len(self.calls) >= self.fail_after:
            raise KeyboardInterrupt("killed")
        self.calls.append(folder.name)
        x = np.tile([[0.5] * 6], (replicates, 1)) if values is None else values
        rng = np.random.default_rng(seed)
        y = truth_function(x) + self.noise * rng.standard_normal((len(x), 3))
        stats = {f"y{i}.final": y[:, i] for i in range(3)}
        return {"f": cal.Rows(stats, {}, "f")}


def synthetic_setup(state: Path, runner, waves=2, points=30):
    config = cal.read_config(DATA / "synthetic.toml", root=DATA)
    config.waves, config.points = waves, points
    specs = cal.read_targets(DATA / "synthetic_targets.toml")
    parameters = [cal.Parameter(f"x{i}", 0.5, 0.0, 1.0, "1", "assumption") for i in range(6)]
    defaults = {p.name: p.default for p in parameters}
    return cal.Calibration(config, specs, parameters, defaults, state, runner, log=lambda s: None)


class HistoryMatchingTest(unittest.TestCase):
    def test_recovers_the_known_region(self):
        work = helpers.work_dir("calibration_synthetic")
        c = synthetic_setup(work / "state", FunctionRunner(noise=0.02))
        result = c.run()
        truth = np.array([[0.3, 0.6, 0.4, 0.5, 0.5, 0.5]])
        observed = truth_function(truth)[0]
        sd = np.array([np.sqrt(t.observation_sd ** 2 * (1 + c.config.discrepancy ** 2) + 0.02 ** 2)
                       for t in c.specs])
        # The targets are the truth point's outputs, read as tolerances in synthetic_targets.toml.
        self.assertTrue(np.allclose([t.observed for t in c.specs], observed, atol=1e-9))
        waves = result["emulator_waves"]
        self.assertTrue(hm.non_implausible(waves, truth)[0], "the truth was ruled out")
        # The true non-implausible region, by brute force on the function itself.
        grid = np.random.default_rng(5).random((100_000, 6))
        true_i = np.abs(truth_function(grid) - observed) / sd
        inside = true_i.max(axis=1) <= c.config.cutoff
        true_volume = inside.mean()
        volumes = [r.volume for r in result["waves"]]
        self.assertLess(volumes[0], 0.2, "wave 1 ruled out little of the cube")
        self.assertLessEqual(volumes[-1], volumes[0] * 1.05, "the region grew")
        self.assertLess(abs(np.log(volumes[-1] / true_volume)), np.log(2),
                        f"region volume {volumes[-1]:.4f} against the truth's {true_volume:.4f}")
        # Most of the true region is kept, and most members lie in it.
        kept = hm.non_implausible(waves, grid[inside][:3000]).mean()
        self.assertGreater(kept, 0.7)
        members = result["members"]
        member_i = np.abs(truth_function(members) - observed) / sd
        print(f"\nsynthetic: volumes {volumes}, truth {true_volume:.4f}, kept {kept:.2f}, members inside "
              f"{(member_i.max(axis=1) <= c.config.cutoff).mean():.2f}", file=sys.stderr)
        # History matching is conservative (the region may be larger than the truth, by at most
        # the factor the volume check allows), so most members, not all, lie in the true region.
        self.assertGreater((member_i.max(axis=1) <= c.config.cutoff).mean(), 0.6)
        # Leave-one-out: emulators of a smooth function are honest about their error.
        for report in result["waves"]:
            for name, loo in report.loo.items():
                self.assertGreaterEqual(loo["within_3"], 0.9, f"wave {report.wave} {name}")

    def test_a_killed_calibration_resumes_to_the_same_result(self):
        work = helpers.work_dir("calibration_resume")
        whole = synthetic_setup(work / "whole", FunctionRunner(noise=0.02)).run()
        killed = FunctionRunner(noise=0.02, fail_after=2)  # wave 0 and wave 1 run, then killed
        with self.assertRaises(KeyboardInterrupt):
            synthetic_setup(work / "resumed", killed).run()
        self.assertEqual(killed.calls, ["wave0", "wave1"])
        again = FunctionRunner(noise=0.02)
        resumed = synthetic_setup(work / "resumed", again).run()
        self.assertEqual(again.calls, ["wave2"], "finished waves ran again")
        np.testing.assert_array_equal(resumed["members"], whole["members"])
        self.assertEqual([r.volume for r in resumed["waves"]], [r.volume for r in whole["waves"]])

    def test_other_settings_are_refused_in_a_used_state_folder(self):
        work = helpers.work_dir("calibration_refuse")
        synthetic_setup(work / "s", FunctionRunner(noise=0.02), waves=1, points=12).run()
        other = synthetic_setup(work / "s", FunctionRunner(noise=0.02), waves=1, points=12)
        other.config.text += "\n# changed\n"
        with self.assertRaisesRegex(cal.CalibrationError, "other settings"):
            other.run()


class ParameterUncertaintyTest(unittest.TestCase):
    def test_shares_sum_to_one_and_are_unbiased(self):
        rng = np.random.default_rng(11)
        members, seeds = 400, 4
        true_param, true_seed = 4.0, 1.0
        mu = 2.0 + np.sqrt(true_param) * rng.standard_normal(members)
        rows = [(m, s, mu[m] + np.sqrt(true_seed) * rng.standard_normal())
                for m in range(members) for s in range(seeds)]
        effect = ensemble_effect(pd.DataFrame(rows, columns=["member", "seed", "effect"]))
        self.assertAlmostEqual(effect.parameter_share + effect.seed_share, 1.0, places=12)
        self.assertAlmostEqual(effect.parameter_var / (effect.parameter_var + effect.seed_var),
                               effect.parameter_share, places=12)
        self.assertLess(abs(effect.parameter_var - true_param) / true_param, 0.15)
        self.assertLess(abs(effect.seed_var - true_seed) / true_seed, 0.1)
        self.assertLess(abs(effect.estimate - 2.0), 0.3)
        half = (effect.high - effect.low) / 2
        self.assertAlmostEqual(half, 1.959964 * np.sqrt(effect.parameter_var + effect.seed_var), 4)

    def test_an_unbalanced_table_is_refused(self):
        frame = pd.DataFrame({"member": [1, 1, 2], "seed": [1, 2, 1], "effect": [0.1, 0.2, 0.3]})
        with self.assertRaisesRegex(ValueError, "balanced"):
            ensemble_effect(frame)


def run(*args, check=True) -> subprocess.CompletedProcess:
    done = subprocess.run([helpers.candour(), *map(str, args)], capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"candour {' '.join(map(str, args))}: {done.stderr}")
    return done


def write_toy_ensemble(folder: Path) -> np.ndarray:
    values = np.array([[0.05, 0.01], [0.2, 0.03], [0.4, 0.005]])
    cal.write_ensemble(folder, [cal.Parameter("toy.pull", 0.1, 0.0, 1.0, "per day", "test"),
                                cal.Parameter("toy.shock_rate", 0.01, 0.0, 1.0, "per day", "test")],
                       values, {"created": "test"})
    return values


def data_of(path: Path) -> dict:
    with h5py.File(path, "r") as f:
        return {name: f["metrics"][name][()] for name in f["metrics"]}


class EnsembleRunTest(unittest.TestCase):
    def test_every_member_runs_deterministically(self):
        work = helpers.work_dir("calibration_ensemble_run")
        folder = work / "ensemble"
        values = write_toy_ensemble(folder)
        scenario = helpers.TOY_SCENARIOS / "toy_small.toml"
        for threads in (1, 2):
            run("run", scenario, "--ensemble", folder, "--seeds", "1-2", "--threads", threads, "-q",
                "-o", work / f"t{threads}" / "toy_{member}_{seed}.h5")
        for m in (1, 2, 3):
            for s in (1, 2):
                a = work / "t1" / f"toy_{m}_{s}.h5"
                b = work / "t2" / f"toy_{m}_{s}.h5"
                da, db = data_of(a), data_of(b)
                self.assertEqual(da.keys(), db.keys())
                for name in da:
                    np.testing.assert_array_equal(da[name], db[name])
                with h5py.File(a, "r") as f:
                    self.assertEqual(int(f.attrs["ensemble_member"]), m)
                    self.assertEqual(int(f.attrs["seed"]), s)
                # The same run as the member's values given with --set.
                single = work / f"set_{m}_{s}.h5"
                run("run", scenario, "--seed", s, "-q", "-o", single,
                    "--set", f"toy.pull={values[m - 1][0]!r}",
                    "--set", f"toy.shock_rate={values[m - 1][1]!r}")
                ds = data_of(single)
                for name in da:
                    np.testing.assert_array_equal(da[name], ds[name])
        # Members differ from one another.
        a, b = data_of(work / "t1" / "toy_1_1.h5"), data_of(work / "t1" / "toy_3_1.h5")
        self.assertTrue(any(not np.array_equal(a[n], b[n]) for n in a))

    def test_bad_ensembles_are_refused_before_writing(self):
        work = helpers.work_dir("calibration_ensemble_bad")
        folder = work / "ensemble"
        write_toy_ensemble(folder)
        scenario = helpers.TOY_SCENARIOS / "toy_small.toml"
        done = run("run", scenario, "--ensemble", folder, "-o", work / "x.h5", check=False)
        self.assertEqual(done.returncode, 2)
        self.assertIn("{member}", done.stderr)
        done = run("run", scenario, "--ensemble", folder, "--members", "4", "-o",
                   work / "x_{member}.h5", check=False)
        self.assertEqual(done.returncode, 2)
        self.assertIn("members 1 to 3", done.stderr)
        text = (folder / "ensemble.toml").read_text().replace('"toy.pull"', '"toy.pul"')
        (folder / "ensemble.toml").write_text(text)
        done = run("run", scenario, "--ensemble", folder, "-o", work / "x_{member}.h5", check=False)
        self.assertEqual(done.returncode, 2)
        self.assertIn("ensemble.toml:", done.stderr)
        self.assertIn("did you mean 'toy.pull'", done.stderr)
        self.assertEqual(sorted(p.name for p in work.glob("*.h5")), [])

    def test_compare_splits_parameter_and_seed_shares(self):
        work = helpers.work_dir("calibration_ensemble_compare")
        folder = work / "ensemble"
        write_toy_ensemble(folder)
        # A policy the members do not calibrate: more agents (the members set pull and shocks).
        for name, sets in (("policy", ["--set", "toy.agents=800"]), ("base", [])):
            run("run", helpers.TOY_SCENARIOS / "toy_small.toml", "--ensemble", folder, "--seeds",
                "1-2", "-q", *sets, "--label", name, "-o", work / f"{name}_{{member}}_{{seed}}.h5")
        done = subprocess.run(
            [sys.executable, str(helpers.ENTRY), "compare", *sorted(map(str, work.glob("policy_*.h5"))),
             "--against", *sorted(map(str, work.glob("base_*.h5"))), "--csv", str(work / "c.csv")],
            capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertIn("3 ensemble members x 2 seeds", done.stdout)
        table = pd.read_csv(work / "c.csv")
        shares = table["parameter_share"] + table["seed_share"]
        finite = np.isfinite(shares)
        self.assertTrue(finite.any())
        np.testing.assert_allclose(shares[finite], 1.0)

    def test_sweep_runs_once_per_member(self):
        work = helpers.work_dir("calibration_ensemble_sweep")
        folder = work / "ensemble"
        values = write_toy_ensemble(folder)
        sweep = work / "s.toml"
        sweep.write_text(f'scenario = "{helpers.TOY_SCENARIOS / "toy_small.toml"}"\nreplicates = 2\n'
                         '[design]\nkind = "points"\n[[axis]]\nparameter = "toy.agents"\n'
                         'values = [100, 200]\n')
        run("sweep", sweep, "--ensemble", folder, "--members", "1,3", "-q", "-o", work / "s_{member}.h5")
        self.assertEqual(sorted(p.name for p in work.glob("s_*.h5")), ["s_1.h5", "s_3.h5"])
        with h5py.File(work / "s_3.h5", "r") as f:
            scenario = f["provenance/scenario_toml"][()].decode()
        self.assertIn(f"pull = {values[2][0]!r}", scenario)


class TinyCalibrationTest(unittest.TestCase):
    """The real chain on a tiny NHS model: wave 0, one wave of `candour sweep` with the points
    design, emulators, the ensemble file and the report's last line."""

    def test_one_tiny_wave_end_to_end(self):
        work = helpers.work_dir("calibration_tiny")
        done = subprocess.run(
            [sys.executable, "-m", "candour_analysis.calibration", "--candour", helpers.candour(),
             "--config", str(DATA / "tiny.toml"), "--targets", str(DATA / "tiny_targets.toml"),
             "--state", str(work / "state"), "--ensemble-folder", str(work / "ensemble"),
             "--threads", "2"],
            capture_output=True, text=True, cwd=helpers.REPO)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertRegex(done.stdout.strip().splitlines()[-1],
                         r"^calibration: \d+ of 2 targets within tolerance$")
        names, values, meta = cal.read_ensemble(work / "ensemble")
        self.assertEqual(len(values), 6)
        self.assertEqual(set(names), {"fear.intercept", "burnout.intercept"})
        summary = json.loads((work / "state" / "wave1" / "summary.json").read_text())
        self.assertEqual(summary["points"], 10)
        with h5py.File(work / "state" / "wave1" / "short.h5", "r") as f:
            self.assertEqual(f.attrs["design"], "points")
            self.assertEqual(int(f["runs/completed"][()].sum()), 10)
        # Run again: everything is there, nothing runs.
        again = subprocess.run(
            [sys.executable, "-m", "candour_analysis.calibration", "--candour", helpers.candour(),
             "--config", str(DATA / "tiny.toml"), "--targets", str(DATA / "tiny_targets.toml"),
             "--state", str(work / "state"), "--ensemble-folder", str(work / "ensemble")],
            capture_output=True, text=True, cwd=helpers.REPO)
        self.assertEqual(again.returncode, 0, again.stderr)
        self.assertNotIn("runs (", again.stderr)
        self.assertEqual(again.stdout.splitlines()[-1], done.stdout.splitlines()[-1])


if __name__ == "__main__":
    unittest.main()
