"""The calibration of a model by history matching (`scripts/calibrate`): the waves and the command.

Reads calibration/calibration.toml (experiments, waves, prior rule, ensemble) and
calibration/targets.toml (the published figures and how the model measures each), then:

1. derives the calibrated parameters and their prior ranges from the model's registry
   (`candour describe --format markdown`);
2. wave 0: replicates at the registry defaults, for each target's replicate (seed) variance;
3. waves 1..W: a space-filling design inside the region no earlier wave ruled out (wave 1: a Latin
   hypercube of the prior box), run as one `candour sweep` per experiment with the `points` design,
   an emulator per target, leave-one-out checks, and a new sample of the non-implausible region;
4. the ensemble: members drawn from the final region, written with its provenance;
5. the check: every member run through the experiments (and a few through the per-trust
   `run_check` scenarios with `candour run --ensemble`), each target's ensemble 90% range against
   its tolerance, the sensitivity of policy effects over the ensemble, and the report.

calibration_setup.py reads the configuration, targets and registry; calibration_runs.py runs the
model and measures targets; calibration_report.py writes the report; history_matching.py holds
the mathematics. Every step leaves its result in the state folder (out/calibration by default) and is skipped
when that result is there: a killed calibration run again with the same command resumes at the
step it was in, and a killed sweep at its last finished run (`candour sweep` resumes by itself).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import subprocess
import sys
import time
import warnings
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from . import history_matching as hm

# Re-exported: what scripts and tests use of the calibration, from one module.
from .calibration_runs import (Rows, SweepRunner, _write_atomic, _write_json,  # noqa: F401
                               evaluate, read_ensemble, run_checks, sweep_text, write_ensemble)
from .calibration_report import report, run_sensitivity
from .calibration_setup import (CalibrationError, Config, Experiment, Parameter, TargetSpec,
                                calibrated_parameters, read_config, read_registry, read_targets,
                                scenario_keys)


# ---------------------------------------------------------------- the waves


@dataclass
class WaveReport:
    wave: int
    points: int
    runs: int
    matched: list
    dropped: dict
    loo: dict
    volume: float
    region_samples: int
    box_low: list
    box_high: list
    seconds: float


def target_values(specs: Sequence[TargetSpec], experiments: dict, parameters: Sequence[Parameter],
                  values: np.ndarray | None, defaults: dict) -> np.ndarray:
    """Each sweep-measured target's value at each row: rows x targets (NaN where unmeasured)."""
    n = len(next(iter(next(iter(experiments.values())).statistics.values())))
    params = {} if values is None else {p.name: values[:, j] for j, p in enumerate(parameters)}
    out = np.full((n, len(specs)), np.nan)
    for j, t in enumerate(specs):
        if t.measure and t.check == "sweeps":
            out[:, j] = np.broadcast_to(evaluate(t.measure, experiments, params, defaults), (n,))
    return out


def fit_wave(x: np.ndarray, y: np.ndarray, specs: Sequence[TargetSpec], replicate_var: np.ndarray,
             config: Config, seed: int) -> tuple[hm.Wave, dict, dict]:
    """Emulators for the matched targets with data; returns the wave, LOO summaries and the
    targets left out of matching with the reason."""
    emulators, targets, loo, skipped = [], [], {}, {}
    for j, t in enumerate(specs):
        if not t.matched:
            continue
        finite = np.isfinite(y[:, j])
        if finite.sum() < max(8, len(y) // 2):
            skipped[t.name] = "undefined (NaN) in most runs"
            continue
        e = hm.fit_emulator(x[finite], y[finite, j], config.most_active, seed=seed)
        emulators.append(e)
        obs_var = t.observation_sd ** 2
        targets.append(hm.Target(t.name, t.observed, obs_var, (config.discrepancy ** 2) * obs_var,
                                 float(replicate_var[j]) if np.isfinite(replicate_var[j]) else 0.0))
        loo[t.name] = hm.loo_summary(e)
    return hm.Wave(emulators, targets, config.cutoff), loo, skipped


def drop_unmatchable(wave: hm.Wave, candidates: np.ndarray) -> dict:
    """Takes out of the wave the targets the model cannot meet, with the reason: first every
    target that no candidate comes within the cutoff of (the model cannot reach it anywhere in the
    space searched: its structure, or the measure, is at fault); then, while no candidate meets
    all the rest together, the target furthest off at the candidate that fits them best (it
    conflicts with the others). Keeping either would rule out everything."""
    dropped = {}
    if not wave.emulators:
        return dropped
    i = hm.implausibility(wave.emulators, wave.targets, candidates)
    best = i.min(axis=0)
    keep = []
    for k, (t, b) in enumerate(zip(wave.targets, best)):
        if b > wave.cutoff:
            dropped[t.name] = f"cannot be met anywhere searched (smallest implausibility {b:.1f})"
        else:
            keep.append(k)
    while len(keep) > 1:
        part = i[:, keep]
        decide = np.sort(part, axis=1)[:, -min(wave.rank, len(keep))]
        if (decide <= wave.cutoff).any():
            break
        at = int(np.argmin(decide))
        worst = keep[int(np.argmax(part[at]))]
        dropped[wave.targets[worst].name] = (
            f"conflicts with the others (implausibility {i[at, worst]:.1f} where they fit best)")
        keep.remove(worst)
    wave.emulators = [wave.emulators[k] for k in keep]
    wave.targets = [wave.targets[k] for k in keep]
    return dropped


class Calibration:
    """One calibration: configuration, targets, parameters, and the state folder."""

    def __init__(self, config: Config, specs: Sequence[TargetSpec], parameters: Sequence[Parameter],
                 defaults: dict, state: Path, runner, log: Callable[[str], None] = print,
                 left_out: Sequence[str] = ()):
        self.config, self.specs, self.parameters = config, list(specs), list(parameters)
        self.defaults, self.state, self.runner, self.log = defaults, Path(state), runner, log
        self.left_out = list(left_out)
        self.k = len(self.parameters)

    # -- the plan, and the check that a state folder holds this calibration
    def plan(self) -> dict:
        return {"config": self.config.text,
                "targets": [asdict(t) for t in self.specs],
                "parameters": [asdict(p) for p in self.parameters]}

    def open_state(self) -> None:
        self.state.mkdir(parents=True, exist_ok=True)
        plan_file = self.state / "plan.json"
        plan = self.plan()
        if plan_file.exists():
            if json.loads(plan_file.read_text()) != json.loads(json.dumps(plan, default=float)):
                raise CalibrationError(
                    f"{self.state} holds a calibration with other settings, targets or parameters "
                    f"(the model's registry may have changed); give another --state folder or "
                    f"remove that one")
            self.log(f"resuming the calibration in {self.state}")
        else:
            _write_json(plan_file, plan)

    def values(self, unit: np.ndarray) -> np.ndarray:
        return np.column_stack([p.value(unit[:, j]) for j, p in enumerate(self.parameters)])

    # -- wave 0: replicate variance at the defaults
    def replicate_variance(self) -> np.ndarray:
        folder = self.state / "wave0"
        done = folder / "replicates.json"
        if done.exists():
            return np.array([np.nan if v is None else v for v in json.loads(done.read_text())["variance"]])
        self.log(f"wave 0: {self.config.replicates} replicates at the registry defaults")
        rows = self.runner.run(folder, self.parameters, None, self.config.replicates, self.config.seed)
        y = target_values(self.specs, rows, self.parameters, None, self.defaults)
        with warnings.catch_warnings():  # targets not measured in sweeps are all NaN
            warnings.simplefilter("ignore", RuntimeWarning)
            var = np.nanvar(y, axis=0, ddof=1)
            mean = np.nanmean(y, axis=0)
        _write_json(done, {"targets": [t.name for t in self.specs],
                           "mean": [None if not np.isfinite(v) else float(v) for v in mean],
                           "variance": [None if not np.isfinite(v) else float(v) for v in var],
                           "runs": int(len(y))})
        return var

    # -- one wave
    def wave_design(self, w: int, region: hm.Region | None, rng: np.random.Generator) -> np.ndarray:
        design_file = self.state / f"wave{w}" / "design.csv"
        if design_file.exists():
            return np.loadtxt(design_file, delimiter=",", ndmin=2)
        if region is None:
            unit = hm.latin_hypercube(self.config.points, self.k, rng)
        else:
            unit = hm.maximin_subset(region.samples, self.config.points, rng)
        design_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = design_file.with_suffix(".part")
        np.savetxt(tmp, unit, delimiter=",", fmt="%.17g")
        os.replace(tmp, design_file)
        return unit

    def run_wave(self, w: int, unit: np.ndarray) -> np.ndarray:
        outputs = self.state / f"wave{w}" / "outputs.csv"
        if outputs.exists():
            return np.loadtxt(outputs, delimiter=",", ndmin=2)
        self.log(f"wave {w}: {len(unit)} points x {len(self.config.experiments)} experiments")
        rows = self.runner.run(self.state / f"wave{w}", self.parameters, self.values(unit), 1,
                               self.config.seed + w)
        y = target_values(self.specs, rows, self.parameters, self.values(unit), self.defaults)
        tmp = outputs.with_suffix(".part")
        np.savetxt(tmp, y, delimiter=",", fmt="%.17g")
        os.replace(tmp, outputs)
        return y

    def run(self) -> dict:
        """Every wave, then the ensemble draw. Returns what the report needs."""
        self.open_state()
        replicate_var = self.replicate_variance()
        waves: list[hm.Wave] = []
        reports: list[WaveReport] = []
        region: hm.Region | None = None
        xs, ys = [], []
        low, high = np.zeros(self.k), np.ones(self.k)
        for w in range(1, self.config.waves + 1):
            # Separate streams for the design, the candidates and the region, so that a resumed
            # wave (whose design is read back) draws the same numbers as an uninterrupted one.
            design_seed, candidate_seed, region_seed = np.random.SeedSequence(
                [self.config.seed, w]).spawn(3)
            started = time.monotonic()
            unit = self.wave_design(w, region, np.random.default_rng(design_seed))
            y = self.run_wave(w, unit)
            # Train on this wave's runs and the earlier runs still non-implausible.
            xs.append(unit)
            ys.append(y)
            x_all, y_all = np.vstack(xs), np.vstack(ys)
            keep = hm.non_implausible(waves, x_all)
            wave, loo, skipped = fit_wave(x_all[keep], y_all[keep], self.specs, replicate_var,
                                          self.config, seed=self.config.seed + w)
            wave.rank = int(self.config.ranks[min(w - 1, len(self.config.ranks) - 1)])
            box_candidates = low + np.random.default_rng(candidate_seed).random((self.config.candidates, self.k)) * (high - low)
            plausible_so_far = hm.non_implausible(waves, box_candidates)
            dropped = drop_unmatchable(wave, box_candidates[plausible_so_far]) if plausible_so_far.any() else {}
            loo = {name: s for name, s in loo.items() if name not in dropped}
            waves.append(wave)
            region_rng = np.random.default_rng(region_seed)
            region = hm.sample_region(waves, low, high, self.config.candidates, region_rng)
            if len(region.samples) < 2 * self.config.points:
                found = region.samples
                if len(found) == 0:  # start from the candidates that fit best
                    found = box_candidates[plausible_so_far][:0]
                    ranked = waves[-1].measure(box_candidates[plausible_so_far]) if plausible_so_far.any() else []
                    if len(ranked) and np.min(ranked) <= self.config.cutoff:
                        found = box_candidates[plausible_so_far][[int(np.argmin(ranked))]]
                region.samples = hm.grow_samples(waves, found, low, high,
                                                 max(2 * self.config.points, self.config.members),
                                                 region_rng)
            if len(region.samples) < 2:
                raise CalibrationError(
                    f"wave {w}: no point of the space searched is non-implausible for every "
                    f"target together ({len(region.samples)} of {self.config.candidates} "
                    f"candidates); the targets conflict")
            summary_file = self.state / f"wave{w}" / "summary.json"
            previous = json.loads(summary_file.read_text()) if summary_file.exists() else {}
            report = WaveReport(
                wave=w, points=len(unit), runs=len(unit) * len(self.config.experiments),
                matched=[t.name for t in wave.targets],
                dropped={**dropped, **skipped},
                loo=loo, volume=region.volume, region_samples=len(region.samples),
                box_low=low.tolist(), box_high=high.tolist(),
                seconds=previous.get("seconds", time.monotonic() - started))
            _write_json(summary_file, asdict(report))
            reports.append(report)
            self.log(f"wave {w}: {len(wave.targets)} targets matched, {len(dropped)} dropped; "
                     f"non-implausible share of the prior box {region.volume:.3g}")
            low, high = hm.enclosing_box(region.samples)
        members = self.draw_members(region, waves)
        return {"waves": reports, "members": members, "replicate_var": replicate_var,
                "region": region, "emulator_waves": waves}

    def draw_members(self, region: hm.Region, waves) -> np.ndarray:
        """Members: a random draw (without replacement) from the final region's samples, which
        are uniform over it; topped up with fresh candidates when there are too few."""
        file = self.state / "members.csv"
        if file.exists():
            return np.loadtxt(file, delimiter=",", ndmin=2)
        rng = np.random.default_rng(np.random.SeedSequence([self.config.seed, 10_000]))
        samples = hm.grow_samples(waves, region.samples, region.box_low, region.box_high,
                                  self.config.members, rng)
        if len(samples) < self.config.members:
            raise CalibrationError(f"only {len(samples)} non-implausible samples for "
                                   f"{self.config.members} members")
        unit = samples[rng.choice(len(samples), self.config.members, replace=False)]
        tmp = file.with_suffix(".part")
        np.savetxt(tmp, unit, delimiter=",", fmt="%.17g")
        os.replace(tmp, file)
        return unit

    # -- the check: the members themselves through the experiments
    def check(self, members_unit: np.ndarray) -> np.ndarray:
        n = min(self.config.check_members, len(members_unit))
        outputs = self.state / "check" / "outputs.csv"
        if outputs.exists():
            return np.loadtxt(outputs, delimiter=",", ndmin=2)
        self.log(f"check: {n} members x {len(self.config.experiments)} experiments")
        values = self.values(members_unit[:n])
        rows = self.runner.run(self.state / "check", self.parameters, values, 1,
                               self.config.seed + 1000)
        y = target_values(self.specs, rows, self.parameters, values, self.defaults)
        outputs.parent.mkdir(parents=True, exist_ok=True)
        tmp = outputs.with_suffix(".part")
        np.savetxt(tmp, y, delimiter=",", fmt="%.17g")
        os.replace(tmp, outputs)
        return y


# ---------------------------------------------------------------- the command


def main(args) -> int:
    started = time.monotonic()
    log = (lambda s: print(s, file=sys.stderr, flush=True))
    config = read_config(Path(args.config))
    specs = read_targets(Path(args.targets))
    for key in ("waves", "points", "candidates", "replicates", "members", "check_members",
                "runs_check_members", "sensitivity_members"):
        value = getattr(args, key, None)
        if value is not None:
            setattr(config, key, value)
    registry = read_registry(args.candour)
    defaults = {r["name"]: r["default"] for r in registry}
    set_by_scenarios = set().union(*(scenario_keys(e.scenario.parent) for e in config.experiments))
    parameters, left_out = calibrated_parameters(registry, config, set_by_scenarios)
    if args.parameters:
        wanted = set(args.parameters)
        parameters = [p for p in parameters if p.name in wanted]
    log(f"calibrate: {len(parameters)} parameters, {sum(t.matched for t in specs)} of "
        f"{len(specs)} targets history matched, {config.waves} waves of {config.points} points")
    runner = SweepRunner(args.candour, config.experiments, args.threads, log)
    cal = Calibration(config, specs, parameters, defaults, Path(args.state), runner, log, left_out)
    result = cal.run()
    folder = Path(args.ensemble_folder) if args.ensemble_folder else config.folder
    provenance = {
        "created": datetime.date.today().isoformat(),
        "command": "scripts/calibrate",
        "repository_commit": _git_commit(config.root),
        "candour_build": subprocess.run([args.candour, "--version"], capture_output=True,
                                        text=True).stdout.strip(),
        "waves": config.waves, "points_per_wave": config.points, "cutoff": config.cutoff,
        "config_sha256": hashlib.sha256(config.text.encode()).hexdigest()[:16],
        "targets_sha256": hashlib.sha256(Path(args.targets).read_bytes()).hexdigest()[:16],
    }
    members_file = cal.state / "ensemble_written.json"
    if not members_file.exists():
        write_ensemble(folder, parameters, cal.values(result["members"]), provenance)
        _write_json(members_file, {"folder": str(folder)})
    check = cal.check(result["members"])
    rc = run_checks(args.candour, config, specs, cal.state, folder, config.runs_check_members,
                    args.threads, log)
    sens = run_sensitivity(cal, result["members"], args.candour, args.threads, log)
    text = report(result, cal, check, rc, time.monotonic() - started, sens)
    (cal.state / "report.md").write_text(text)
    print(text, end="")
    return 0


def _git_commit(root: Path) -> str:
    try:
        return subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def build_parser():
    import argparse

    p = argparse.ArgumentParser(
        prog="scripts/calibrate",
        description="History-match the model to calibration/targets.toml in waves of "
                    "`candour sweep`, write the calibrated ensemble and report (docs/calibration.md). "
                    "Run again after an interruption: it resumes where it stopped.")
    p.add_argument("--candour", default="build/release/candour", help="the candour binary")
    p.add_argument("--config", default="calibration/calibration.toml")
    p.add_argument("--targets", default="calibration/targets.toml")
    p.add_argument("--state", default="out/calibration",
                   help="folder of the calibration's sweeps and results (resumed when it exists)")
    p.add_argument("--ensemble-folder", help="where to write the ensemble (default: calibration.toml's)")
    p.add_argument("--threads", type=int, default=0, help="runs at a time (0: one per core)")
    p.add_argument("--parameters", nargs="*", help="calibrate only these (default: the config's rule)")
    for key in ("waves", "points", "candidates", "replicates", "members", "check_members",
                "runs_check_members", "sensitivity_members"):
        p.add_argument(f"--{key.replace('_', '-')}", dest=key, type=int,
                       help=f"override calibration.toml's {key}")
    return p


if __name__ == "__main__":
    try:
        sys.exit(main(build_parser().parse_args()))
    except CalibrationError as error:
        print(f"calibrate: error: {error}", file=sys.stderr)
        sys.exit(2)
