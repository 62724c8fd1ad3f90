"""Running the model for a calibration and measuring its targets: sweep files with the `points`
design, `candour sweep` and `candour run --ensemble`, target expressions over their outputs, and
the ensemble folder. See calibration.py."""

from __future__ import annotations

import json
import math
import os
import subprocess
import time
from pathlib import Path
from typing import Callable, Sequence

import numpy as np

from .calibration_setup import (CalibrationError, Config, Experiment, Parameter, TargetSpec,
                                _read_toml)

# ---------------------------------------------------------------- measuring targets


class Rows:
    """One experiment's outputs, one row per run (point-major), for target expressions."""

    def __init__(self, statistics: dict[str, np.ndarray], series: dict[str, tuple[np.ndarray, np.ndarray]],
                 name: str):
        self.statistics, self.series_data, self.name = statistics, series, name

    def __getitem__(self, statistic: str) -> np.ndarray:
        if statistic not in self.statistics:
            import difflib
            near = difflib.get_close_matches(statistic, list(self.statistics), n=3)
            raise CalibrationError(f"experiment {self.name!r} has no statistic {statistic!r}"
                                   + (f"; nearest: {', '.join(near)}" if near else ""))
        return self.statistics[statistic]

    def series(self, metric: str, day: float) -> np.ndarray:
        if metric not in self.series_data:
            raise CalibrationError(f"experiment {self.name!r} keeps no series {metric!r}: add it "
                                   f"to its keep_series in calibration.toml")
        times, values = self.series_data[metric]
        return values[:, int(np.argmin(np.abs(times - day)))]


def rows_from_sweep(path: Path, name: str) -> Rows:
    import warnings

    from .sweeps import Sweep

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sweep = Sweep(path)
    runs = sweep.runs.sort_values("run")
    if not runs["completed"].all():
        raise CalibrationError(f"{path}: {int((~runs['completed']).sum())} runs not finished")
    stats = {s: runs[s].to_numpy(dtype=float) for s in sweep.statistics}
    for p in sweep.parameters:
        stats[p] = runs[p].to_numpy(dtype=float)
    series = {m: (sweep.series_time, sweep.series(m).to_numpy(dtype=float)) for m in sweep.series_metrics}
    return Rows(stats, series, name)


def evaluate(expression: str, experiments: dict, parameters: dict[str, np.ndarray],
             defaults: dict[str, float]) -> np.ndarray:
    """A target's measure over the rows of the experiments."""

    def param(name):
        if name in parameters:
            return parameters[name]
        if name in defaults:
            return defaults[name]
        raise CalibrationError(f"param({name!r}): no such parameter")

    def series(rows, metric, day):
        return rows.series(metric, day)

    env = dict(experiments)
    env.update(param=param, series=series, log=np.log, exp=np.exp, sqrt=np.sqrt,
               logit=lambda p: np.log(np.asarray(p) / (1 - np.asarray(p))),
               final=lambda rows, metric: rows.final(metric),
               trust_mean=lambda rows, metric: rows.trust_mean(metric),
               trust_quantile=lambda rows, metric, q: rows.trust_quantile(metric, q))
    with np.errstate(all="ignore"):
        try:
            value = eval(expression, {"__builtins__": {}}, env)  # noqa: S307 (our own data file)
        except NameError as e:
            raise CalibrationError(f"in {expression!r}: {e} (experiments: {', '.join(experiments)})")
    return np.asarray(value, dtype=float)


# ---------------------------------------------------------------- running the model


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = repr(float(value))
    if not math.isfinite(float(value)):
        raise CalibrationError(f"not a finite number: {value}")
    return text if any(c in text for c in ".en") else text + ".0"


def sweep_text(title: str, experiment: Experiment, parameters: Sequence[Parameter],
               values: np.ndarray | None, replicates: int, seed: int) -> str:
    """A sweep file running `experiment` at each row of `values` (parameter values; None: the
    base scenario alone, `replicates` times)."""
    lines = ["# Written by scripts/calibrate; see docs/calibration.md.",
             f"title = {json.dumps(title)}", f"scenario = {json.dumps(str(experiment.scenario))}",
             f"replicates = {replicates}", f"seed = {seed}"]
    if experiment.keep_series:
        lines.append("keep_series = [" + ", ".join(json.dumps(m) for m in experiment.keep_series) + "]")
    lines += ["", "[set]", f"run.days = {experiment.days}"]
    lines += [f"{k} = {_toml_value(v)}" for k, v in experiment.settings.items()]
    if values is not None:
        lines += ["", "[design]", 'kind = "points"']
        for j, p in enumerate(parameters):
            lines += ["", "[[axis]]", f"parameter = {json.dumps(p.name)}",
                      "values = [" + ", ".join(_toml_value(v) for v in values[:, j]) + "]"]
    return "\n".join(lines) + "\n"


class SweepRunner:
    """Runs designs through `candour sweep`, one sweep file and output per experiment."""

    def __init__(self, candour: str, experiments: Sequence[Experiment], threads: int = 0,
                 log: Callable[[str], None] = print):
        self.candour, self.experiments, self.threads, self.log = candour, list(experiments), threads, log
        self.runs = 0
        self.seconds = 0.0

    def run(self, folder: Path, parameters: Sequence[Parameter], values: np.ndarray | None,
            replicates: int, seed: int) -> dict[str, Rows]:
        folder.mkdir(parents=True, exist_ok=True)
        out = {}
        for e in self.experiments:
            sweep = folder / f"{e.name}.toml"
            text = sweep_text(f"calibration {folder.name}: {e.name}", e, parameters, values,
                              replicates, seed)
            if not sweep.exists() or sweep.read_text() != text:
                _write_atomic(sweep, text)
            output = folder / f"{e.name}.h5"
            command = [self.candour, "sweep", str(sweep), "-o", str(output), "--quiet"]
            if self.threads:
                command += ["--threads", str(self.threads)]
            started = time.monotonic()
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode != 0:
                raise CalibrationError(f"{' '.join(command)} failed ({done.returncode}): "
                                       f"{done.stderr.strip()}")
            rows = rows_from_sweep(output, e.name)
            n = len(next(iter(rows.statistics.values())))
            self.seconds += time.monotonic() - started
            self.runs += n
            self.log(f"  {folder.name}/{e.name}: {n} runs ({time.monotonic() - started:.0f} s)")
            out[e.name] = rows
        return out


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".part")
    tmp.write_text(text)
    os.replace(tmp, path)


def _write_json(path: Path, data) -> None:
    _write_atomic(path, json.dumps(data, indent=1, default=float) + "\n")


# ---------------------------------------------------------------- the ensemble folder


def write_ensemble(folder: Path, parameters: Sequence[Parameter], values: np.ndarray,
                   provenance: dict) -> None:
    """The members as DIR/ensemble.toml (what `candour run --ensemble DIR` reads) and DIR/README.md."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = ["# A calibrated ensemble of the NHS model: parameter sets drawn from the final",
             "# non-implausible region of the history matching in docs/calibration.md.",
             "# Written by `scripts/calibrate`; do not edit by hand.",
             "# `candour run SCENARIO --ensemble DIR` runs a scenario with each member's values in",
             "# place of the registry defaults (docs/sweeps.md).", ""]
    for key, value in provenance.items():
        lines.append(f"{key} = {json.dumps(value)}")
    lines.append("parameters = [" + ", ".join(json.dumps(p.name) for p in parameters) + "]")
    lines.append("")
    for row in values:
        lines.append("[[member]]")
        lines.append("values = [" + ", ".join(_toml_value(v) for v in row) + "]")
    _write_atomic(folder / "ensemble.toml", "\n".join(lines) + "\n")
    readme = ["# The calibrated ensemble", "",
              f"{len(values)} parameter sets of the NHS model, each a draw from the region of "
              f"parameter space that history matching against `calibration/targets.toml` did not "
              f"rule out. `ensemble.toml` lists the {len(parameters)} calibrated parameters and "
              f"each member's values; every other parameter keeps its registry default.", "",
              "Provenance:", ""]
    readme += [f"- {k}: {v}" for k, v in provenance.items()]
    readme += ["", "Regenerate with `bash scripts/calibrate` (docs/calibration.md). Run a scenario "
               "across it with `candour run scenarios/francis.toml --ensemble scenarios/calibrated "
               "--seeds 1-2 -o out/francis_{member}_{seed}.h5`."]
    _write_atomic(folder / "README.md", "\n".join(readme) + "\n")


def read_ensemble(folder: Path) -> tuple[list[str], np.ndarray, dict]:
    data = _read_toml(Path(folder) / "ensemble.toml")
    names = list(data["parameters"])
    values = np.array([m["values"] for m in data.get("member", [])], dtype=float)
    meta = {k: v for k, v in data.items() if k not in ("parameters", "member")}
    return names, values, meta


# ---------------------------------------------------------------- per-trust checks over run files


class MemberRuns:
    """Run files of the same scenario, one per member, for `check = "runs"` target expressions."""

    def __init__(self, paths: Sequence[Path], name: str):
        from .runs import load_run

        self.name = name
        self.runs = [load_run(p) for p in paths]

    def final(self, metric: str) -> np.ndarray:
        return np.array([float(r.series([metric])[metric].iloc[-1]) for r in self.runs])

    def _trust_final_year(self, metric: str) -> list[np.ndarray]:
        out = []
        for r in self.runs:
            frame = r.per_unit(metric)
            last = frame.index.max()
            tail = frame[frame.index > last - 365]
            out.append(tail.mean(axis=0).to_numpy(dtype=float))
        return out

    def trust_mean(self, metric: str) -> np.ndarray:
        return np.array([np.nanmean(v) for v in self._trust_final_year(metric)])

    def trust_quantile(self, metric: str, q: float) -> np.ndarray:
        return np.array([np.nanquantile(v, q) for v in self._trust_final_year(metric)])


def run_checks(candour: str, config: Config, specs: Sequence[TargetSpec], state: Path,
               ensemble_folder: Path, members: int, threads: int, log) -> np.ndarray:
    """Targets measured over members' run files: `candour run --ensemble` of each [[run_check]]."""
    out_file = state / "runs_check" / "outputs.csv"
    if out_file.exists():
        return np.loadtxt(out_file, delimiter=",", ndmin=2)
    wanted = [t for t in specs if t.check == "runs" and t.measure]
    if not wanted or not config.run_checks or members < 1:
        return np.full((0, len(specs)), np.nan)
    folder = state / "runs_check"
    folder.mkdir(parents=True, exist_ok=True)
    data = {}
    for e in config.run_checks:
        pattern = folder / f"{e.name}_{{member}}.h5"
        paths = [folder / f"{e.name}_{m}.h5" for m in range(1, members + 1)]
        if not all(p.exists() for p in paths):
            command = [candour, "run", str(e.scenario), "--ensemble", str(ensemble_folder),
                       "--members", f"1-{members}", "--days", str(e.days), "--overwrite",
                       "-q", "-o", str(pattern), "--seed", str(config.seed)]
            for k, v in e.settings.items():
                command += ["--set", f"{k}={_toml_value(v)}"]
            if threads:
                command += ["--threads", str(threads)]
            started = time.monotonic()
            done = subprocess.run(command, capture_output=True, text=True)
            if done.returncode != 0:
                raise CalibrationError(f"{' '.join(command)} failed: {done.stderr.strip()}")
            log(f"  runs_check/{e.name}: {members} members ({time.monotonic() - started:.0f} s)")
        data[e.name] = MemberRuns(paths, e.name)
    y = np.full((members, len(specs)), np.nan)
    for j, t in enumerate(specs):
        if t.check == "runs" and t.measure:
            y[:, j] = evaluate(t.measure, data, {}, {})
    tmp = out_file.with_suffix(".part")
    np.savetxt(tmp, y, delimiter=",", fmt="%.17g")
    os.replace(tmp, out_file)
    return y


