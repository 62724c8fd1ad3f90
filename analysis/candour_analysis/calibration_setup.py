"""What a calibration is set up from: calibration.toml, targets.toml and the model's registry
(the parameters calibrated and their prior ranges). See calibration.py."""

from __future__ import annotations

import subprocess
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import numpy as np


class CalibrationError(Exception):
    """Bad configuration or a state folder that holds another calibration."""


# ---------------------------------------------------------------- configuration


@dataclass
class TargetSpec:
    name: str
    quantity: str
    published: str
    low: float
    high: float
    source: str
    measure: str = ""
    check: str = "sweeps"  # or "runs"
    match: bool = True
    note: str = ""

    @property
    def observed(self) -> float:
        return 0.5 * (self.low + self.high)

    @property
    def observation_sd(self) -> float:
        return 0.25 * (self.high - self.low)

    @property
    def matched(self) -> bool:
        return self.match and bool(self.measure) and self.check == "sweeps"


@dataclass
class Parameter:
    name: str
    default: float
    low: float
    high: float
    unit: str
    source: str

    def value(self, unit: np.ndarray) -> np.ndarray:
        return self.low + np.asarray(unit) * (self.high - self.low)

    def unit_of(self, value: float) -> float:
        return (value - self.low) / (self.high - self.low)


@dataclass
class Experiment:
    name: str
    scenario: Path
    days: int
    settings: dict = field(default_factory=dict)
    keep_series: list = field(default_factory=list)


def _read_toml(path: Path) -> dict:
    try:
        with open(path, "rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        raise CalibrationError(f"{path}: no such file")
    except tomllib.TOMLDecodeError as e:
        raise CalibrationError(f"{path}: {e}")


_TARGET_KEYS = {"name", "quantity", "published", "low", "high", "source", "measure", "check", "match",
                "note"}


def read_targets(path: Path) -> list[TargetSpec]:
    data = _read_toml(path)
    out = []
    for i, t in enumerate(data.get("target", []), start=1):
        unknown = set(t) - _TARGET_KEYS
        if unknown:
            raise CalibrationError(f"{path}: target[{i}]: unknown key(s) {sorted(unknown)}; the keys "
                                   f"are {sorted(_TARGET_KEYS)}")
        missing = {"name", "quantity", "published", "low", "high", "source"} - set(t)
        if missing:
            raise CalibrationError(f"{path}: target[{i}]: missing {sorted(missing)}")
        if not t["low"] <= t["high"]:
            raise CalibrationError(f"{path}: target {t['name']}: low > high")
        if t.get("check", "sweeps") not in ("sweeps", "runs"):
            raise CalibrationError(f"{path}: target {t['name']}: check must be \"sweeps\" or \"runs\"")
        out.append(TargetSpec(**{k: t[k] for k in t}))
    names = [t.name for t in out]
    if len(set(names)) != len(names):
        raise CalibrationError(f"{path}: a target name is used twice")
    return out


@dataclass
class Config:
    path: Path
    root: Path  # the repository (the file's folder's parent); paths in the file are relative to the file
    seed: int
    exclude: list
    only: list  # when not empty: calibrate these alone (tests, a quick look)
    relative: float
    logit_half_width: float
    waves: int
    points: int
    candidates: int
    cutoff: float
    most_active: int
    ranks: list  # per wave: 1 the largest implausibility decides, 2 the second largest
    replicates: int
    discrepancy: float
    members: int
    folder: Path
    check_members: int
    runs_check_members: int
    experiments: list
    run_checks: list
    sensitivity: list  # [{"name", "policy": Experiment, "comparator": Experiment, "outcomes"}]
    sensitivity_members: int
    text: str


def read_config(path: Path, root: Path | None = None) -> Config:
    path = Path(path)
    data = _read_toml(path)
    root = Path(root) if root else path.resolve().parent.parent
    waves = data.get("waves", {})
    params = data.get("parameters", {})
    ens = data.get("ensemble", {})

    def experiment(e, kind):
        for key in ("name", "scenario", "days"):
            if key not in e:
                raise CalibrationError(f"{path}: a [[{kind}]] lacks {key!r}")
        return Experiment(e["name"], (path.parent / e["scenario"]).resolve(), int(e["days"]),
                          dict(e.get("set", {})), list(e.get("keep_series", [])))

    config = Config(
        path=path, root=root, seed=int(data.get("seed", 1)),
        exclude=list(params.get("exclude", [])), only=list(params.get("only", [])), relative=float(params.get("relative", 0.3)),
        logit_half_width=float(params.get("logit_half_width", 0.5)),
        waves=int(waves.get("count", 3)), points=int(waves.get("points", 60)),
        candidates=int(waves.get("candidates", 40000)), cutoff=float(waves.get("cutoff", 3.0)),
        most_active=int(waves.get("most_active", 6)), ranks=list(waves.get("rank", [1])),
        replicates=int(waves.get("replicates", 8)),
        discrepancy=float(waves.get("discrepancy", 1.0)),
        members=int(ens.get("members", 100)),
        folder=(path.parent / ens.get("folder", "../scenarios/calibrated")).resolve(),
        check_members=int(ens.get("check_members", 100)),
        runs_check_members=int(ens.get("runs_check_members", 4)),
        experiments=[experiment(e, "experiment") for e in data.get("experiment", [])],
        run_checks=[experiment(e, "run_check") for e in data.get("run_check", [])],
        sensitivity=[{"name": e["name"],
                      "policy": experiment({**e, "name": "policy", "scenario": e["policy"]}, "sensitivity"),
                      "comparator": experiment({**e, "name": "comparator", "scenario": e["comparator"]},
                                               "sensitivity"),
                      "outcomes": list(e.get("outcomes", []))} for e in data.get("sensitivity", [])],
        sensitivity_members=int(ens.get("sensitivity_members", 40)),
        text=path.read_text())
    if not config.experiments:
        raise CalibrationError(f"{path}: no [[experiment]]")
    if config.replicates < 2:
        raise CalibrationError(f"{path}: waves.replicates must be at least 2 (a variance)")
    return config


# ---------------------------------------------------------------- the model's registry


def read_registry(candour: str, model: str = "nhs") -> list[dict]:
    """Every parameter of the model as `candour describe --format markdown` tables it."""
    text = subprocess.run([candour, "describe", "--model", model, "--format", "markdown",
                           "--section", "parameters"], check=True, capture_output=True,
                          text=True).stdout
    rows = []
    header = None
    for line in text.splitlines():
        if not line.startswith("|") or line.startswith("|---"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
            continue
        row = dict(zip(header, cells))
        row["name"] = row["name"].strip("`")
        low, high = row["range"].strip("[]").split(",")
        row["min"], row["max"] = _number(low), _number(high)
        row["default"] = _number(row["default"])
        rows.append(row)
    if header is None or "kind" not in header:
        raise CalibrationError(f"{candour} describe lists no parameter kinds; rebuild candour")
    return rows


def _number(text: str) -> float:
    text = text.strip()
    if text in ("true", "false"):
        return 1.0 if text == "true" else 0.0
    return float(text)


def scenario_keys(folder: Path) -> set[str]:
    """Every parameter some scenario file in `folder` (recursively, sweeps aside) sets."""
    keys: set[str] = set()

    def walk(table, prefix):
        for k, v in table.items():
            if isinstance(v, dict):
                walk(v, f"{prefix}{k}.")
            elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
                for item in v:  # a timeline's stages: what each sets
                    walk(item.get("set", {}), "")
            else:
                keys.add(f"{prefix}{k}")

    for path in sorted(Path(folder).rglob("*.toml")):
        if "sweeps" in path.parts or "calibrated" in path.parts:
            continue
        walk(_read_toml(path), "")
    return keys


def calibrated_parameters(registry: Sequence[dict], config: Config, set_by_scenarios: set[str]
                          ) -> tuple[list[Parameter], list[str]]:
    """The parameters to calibrate with their prior ranges, and notes on those left out."""
    chosen, left_out = [], []
    for row in registry:
        kind, source = row["kind"], row["source"]
        wanted = kind == "calibrated" or (kind == "behaviour" and "assumption" in source.lower())
        if not wanted or row["type"] != "real":
            continue
        name = row["name"]
        if config.only and name not in config.only:
            continue
        if name in config.exclude:
            left_out.append(f"`{name}`: excluded in calibration.toml")
            continue
        if name in set_by_scenarios:
            left_out.append(f"`{name}`: set by a scenario")
            continue
        d = row["default"]
        logit = "logit" in row["unit"]
        if d == 0 and not logit:
            left_out.append(f"`{name}`: default 0, no scale to vary it on")
            continue
        half = max(config.relative * abs(d), config.logit_half_width) if logit else config.relative * abs(d)
        low, high = max(d - half, row["min"]), min(d + half, row["max"])
        if not low < high:
            left_out.append(f"`{name}`: no room in its registry range")
            continue
        chosen.append(Parameter(name, d, low, high, row["unit"], source))
    return chosen, left_out


