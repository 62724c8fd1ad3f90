"""Run files: one simulation run each (`candour run SCENARIO -o FILE.h5`).

`load_run` reads one file into a `Run`; `load_runs` stacks many (replicates
of one or more scenarios) into one long pandas table, the shape every plot and
statistic in this package takes.
"""

from __future__ import annotations

import os
import tomllib
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from . import hdf5_files

DAYS_PER_YEAR = 365  # the simulator's calendar: 365-day years, no leap days


class IncompleteRunWarning(UserWarning):
    """A run file whose run did not finish (killed, or still running)."""


@dataclass(frozen=True)
class Metric:
    """One metric the model declares: name, units, what it means, and whether it is per unit (trust)."""

    name: str
    units: str
    description: str
    scope: str  # "system" (one value per day) or "per_unit" (one per trust per day)
    headline: bool = False  # one of the model's headline metrics (attribute in_summary)


@dataclass(frozen=True)
class TimelineEvent:
    """A scheduled change of parameters during a run (a policy coming in, a reform)."""

    day: float
    label: str


def _timeline(scenario_text: str) -> list[TimelineEvent]:
    try:
        scenario = tomllib.loads(scenario_text)
    except tomllib.TOMLDecodeError:
        return []
    events = []
    for stage in scenario.get("timeline", []):
        if "day" in stage:
            events.append(TimelineEvent(float(stage["day"]), str(stage.get("label", ""))))
    return events


class Run:
    """One run file. System metrics are read at once; per-unit metrics when asked for."""

    def __init__(self, path: str | os.PathLike, group: str = "/", label: str | None = None):
        self.path = Path(path)
        self.group = group
        with hdf5_files.open_file(self.path) as f:
            root = f[group]
            if "metrics" not in root or "time" not in root:
                raise hdf5_files.FormatError(
                    f"{self.path}: not a Candour run file (no /metrics or /time in {group})"
                )
            self.metadata: dict = hdf5_files.attributes(root)
            self.unit_dimension: str = self.metadata.get("unit_dimension", "unit")
            self.metrics: dict[str, Metric] = {}
            lengths = [root["time"].shape[0]]
            for name, data in root["metrics"].items():
                attrs = hdf5_files.attributes(data)
                scope = attrs.get("scope", "system" if data.ndim == 1 else "per_unit")
                self.metrics[name] = Metric(
                    name, attrs.get("units", ""), attrs.get("description", ""), scope,
                    bool(attrs.get("in_summary", 0)),
                )
                lengths.append(data.shape[0])
            # A reader may catch a running writer between two datasets' flushes:
            # only rows present in every dataset are whole (docs/file-format.md).
            self.rows = int(min(lengths))
            self.time = np.asarray(root["time"][: self.rows], dtype=float)
            self._system = {
                name: np.asarray(root["metrics"][name][: self.rows], dtype=float)
                for name, m in self.metrics.items()
                if m.scope == "system"
            }
            self.units_index = (
                np.asarray(root[self.unit_dimension][()])
                if self.unit_dimension in root
                else None
            )
            self._parameters = (
                hdf5_files.table(root["parameters"]) if "parameters" in root else None
            )
            self._timing = hdf5_files.table(root["timing"]) if "timing" in root else None
        self.label = label if label is not None else default_label(self.metadata, self.path)
        self.timeline: list[TimelineEvent] = _timeline(self.metadata.get("scenario", ""))
        if not self.completed:
            warnings.warn(IncompleteRunWarning(self.incomplete_message()), stacklevel=2)

    # --- provenance -------------------------------------------------------
    @property
    def completed(self) -> bool:
        """True once the writer finished and flagged the whole file (`completed` == 1)."""
        return int(self.metadata.get("completed", 0)) == 1

    @property
    def seed(self) -> int | None:
        seed = self.metadata.get("seed")
        return int(seed) if seed is not None else None

    @property
    def title(self) -> str:
        return str(self.metadata.get("title") or _scenario_title(self.metadata) or self.label)

    @property
    def model(self) -> str:
        return str(self.metadata.get("model", ""))

    @property
    def last_day(self) -> float:
        """The last simulated day the file holds data for (nan when it holds no row)."""
        return float(self.time[-1]) if self.rows else float("nan")

    @property
    def planned_days(self) -> float | None:
        """The days the scenario asked for (`run.days`)."""
        params = self.parameters()
        if params is None or "run.days" not in params.index:
            return None
        return float(params.loc["run.days", "value"])

    def incomplete_message(self) -> str:
        planned = self.planned_days
        if self.rows == 0:
            held = "holds no recorded day yet"
        else:
            held = (f"holds data up to day {_day(self.last_day)} "
                    f"(year {self.last_day / DAYS_PER_YEAR:.2f})")
        of = f" of {_day(planned)} planned" if planned is not None else ""
        interrupted = self.metadata.get("interrupted")
        why = (f"the run was interrupted by {interrupted}" if interrupted
               else "the run was killed or is still running")
        return (
            f"{self.path}: incomplete run (completed = 0: {why}); "
            f"it {held}{of}. Statistics over this file cover only those days."
        )

    # --- data --------------------------------------------------------------
    def system_metrics(self) -> list[str]:
        return [name for name, m in self.metrics.items() if m.scope == "system"]

    def headline_metrics(self) -> list[str]:
        """The system metrics the model puts first (its end-of-run summary); empty for files
        written before the in_summary attribute existed."""
        return [name for name, m in self.metrics.items() if m.scope == "system" and m.headline]

    def per_unit_metrics(self) -> list[str]:
        return [name for name, m in self.metrics.items() if m.scope == "per_unit"]

    def units(self, metric: str) -> str:
        return self._metric(metric).units

    def description(self, metric: str) -> str:
        return self._metric(metric).description

    def series(self, metrics: Sequence[str] | None = None) -> pd.DataFrame:
        """System metrics over time: index `day` (simulated days), one column per metric."""
        names = list(metrics) if metrics is not None else self.system_metrics()
        for name in names:
            if self._metric(name).scope != "system":
                raise ValueError(
                    f"{name} is a per-{self.unit_dimension} metric: use per_unit({name!r})"
                )
        frame = pd.DataFrame(
            {name: self._system[name] for name in names},
            index=pd.Index(self.time, name="day"),
        )
        frame.columns.name = "metric"
        return frame

    def per_unit(self, metric: str) -> pd.DataFrame:
        """A per-unit metric over time: index `day`, one column per unit (trust)."""
        if self._metric(metric).scope != "per_unit":
            raise ValueError(f"{metric} is a system metric: use series([{metric!r}])")
        with hdf5_files.open_file(self.path) as f:
            values = np.asarray(f[self.group]["metrics"][metric][: self.rows], dtype=float)
        columns = (
            self.units_index if self.units_index is not None else np.arange(values.shape[1])
        )
        return pd.DataFrame(
            values,
            index=pd.Index(self.time, name="day"),
            columns=pd.Index(columns, name=self.unit_dimension),
        )

    def per_trust(self, metric: str) -> pd.DataFrame:
        """The NHS model's name for `per_unit`: time x trust."""
        return self.per_unit(metric)

    def parameters(self) -> pd.DataFrame | None:
        """Resolved parameters in force from day 0: index name; columns value, unit, type."""
        if self._parameters is None:
            return None
        return self._parameters.set_index("name")

    def timing(self) -> pd.DataFrame | None:
        """Wall time per named phase; None for a run that did not finish."""
        return None if self._timing is None else self._timing.copy()

    def final_year_mean(self, days: int = DAYS_PER_YEAR) -> pd.Series:
        """Mean of each system metric over the last `days` recorded days (day 0 excluded), as the
        simulator's end-of-run summary and sweeps compute it."""
        return final_year_mean(self.series(), days)

    def _metric(self, name: str) -> Metric:
        try:
            return self.metrics[name]
        except KeyError:
            raise KeyError(
                f"{self.path}: no metric {name!r}; it has {', '.join(self.metrics)}"
            ) from None

    def __repr__(self) -> str:
        state = "completed" if self.completed else "INCOMPLETE"
        return (
            f"Run({str(self.path)!r}, scenario={self.label!r}, seed={self.seed}, "
            f"days 0..{self.last_day:g}, {state})"
        )


def _day(day: float) -> str:
    return str(int(day)) if float(day).is_integer() else f"{day:g}"


def _scenario_title(metadata: dict) -> str | None:
    try:
        return tomllib.loads(metadata.get("scenario", "")).get("title")
    except tomllib.TOMLDecodeError:
        return None


def default_label(metadata: dict, path: Path) -> str:
    """A run's scenario name: its scenario file's stem (`baseline`, `mid_staffs`), else the title,
    else the run file's own stem."""
    scenario_file = metadata.get("scenario_file") or ""
    if scenario_file:
        return Path(scenario_file).stem
    return _scenario_title(metadata) or path.stem


def final_year_mean(series: pd.DataFrame, days: int = DAYS_PER_YEAR) -> pd.Series:
    """Mean of each column over rows with day > last day - `days`, leaving out day 0 (the initial
    state), the definition of sim/core/summary.cpp. A run shorter than a year gives its run mean."""
    if series.empty:
        return pd.Series(np.nan, index=series.columns)
    day = series.index.to_numpy(dtype=float)
    end = day.max()
    rows = (day > end - days) & (day != 0)
    if not rows.any():
        rows = day == end
    return series.loc[rows].mean()


def load_run(path: str | os.PathLike, group: str = "/", label: str | None = None) -> Run:
    """Reads one run file. Warns (IncompleteRunWarning) when the run did not finish, saying up to
    which day the file holds data."""
    return Run(path, group=group, label=label)


def _identity(run: Run) -> tuple:
    """What makes two runs replicates of one scenario: every parameter except the seed and the
    storage settings, and the timeline."""
    params = run.parameters()
    kept = ()
    if params is not None:
        ignore = {"run.seed", "run.flush_every"}
        kept = tuple(
            (name, float(value))
            for name, value in params["value"].items()
            if name not in ignore
        )
    return kept, tuple((e.day, e.label) for e in run.timeline)


def stack_runs(runs: Iterable[Run]) -> pd.DataFrame:
    """Runs in long format: one row per run, day and system metric, with columns
    scenario, replicate (0, 1, ... within its scenario), seed, run (file path), day, years,
    metric, value. `frame.attrs` holds `metrics` (name -> units, description, headline), `timeline`
    (scenario -> events), `scenarios` (in order of first appearance) and `incomplete` (paths)."""
    runs = list(runs)
    if not runs:
        raise ValueError("no runs given")
    parts = []
    replicate_count: dict[str, int] = {}
    identity: dict[str, tuple] = {}
    seeds: dict[str, set] = {}
    metrics: dict[str, dict] = {}
    timeline: dict[str, list] = {}
    for run in runs:
        scenario = run.label
        replicate = replicate_count.get(scenario, 0)
        replicate_count[scenario] = replicate + 1
        this = _identity(run)
        if scenario in identity and identity[scenario] != this:
            warnings.warn(
                f"{run.path}: labelled scenario {scenario!r} like an earlier file but its "
                "parameters or timeline differ; pass labels to tell them apart",
                stacklevel=3,
            )
        identity.setdefault(scenario, this)
        if run.seed in seeds.setdefault(scenario, set()):
            warnings.warn(
                f"{run.path}: scenario {scenario!r} seed {run.seed} appears twice: "
                "the same seed gives the same run, so it is not an independent replicate",
                stacklevel=3,
            )
        seeds[scenario].add(run.seed)
        timeline.setdefault(scenario, [(e.day, e.label) for e in run.timeline])
        series = run.series()
        for name in series.columns:
            m = run.metrics[name]
            metrics.setdefault(name, {"units": m.units, "description": m.description, "headline": m.headline})
        long = series.reset_index().melt(id_vars="day", var_name="metric", value_name="value")
        long.insert(0, "run", str(run.path))
        long.insert(0, "seed", run.seed)
        long.insert(0, "replicate", replicate)
        long.insert(0, "scenario", scenario)
        parts.append(long)
    frame = pd.concat(parts, ignore_index=True)
    frame.insert(frame.columns.get_loc("day") + 1, "years", frame["day"] / DAYS_PER_YEAR)
    frame.attrs["metrics"] = metrics
    frame.attrs["timeline"] = timeline
    frame.attrs["scenarios"] = list(dict.fromkeys(r.label for r in runs))
    frame.attrs["incomplete"] = [str(r.path) for r in runs if not r.completed]
    return frame


def load_runs(
    paths: Iterable[str | os.PathLike], labels: Sequence[str] | None = None
) -> pd.DataFrame:
    """Reads run files (replicates of one or more scenarios) into one long table; see
    `stack_runs`. `labels`, one per path, overrides the scenario names taken from the files."""
    paths = list(paths)
    if labels is not None and len(labels) != len(paths):
        raise ValueError(f"{len(labels)} labels for {len(paths)} files")
    runs = [
        load_run(p, label=labels[i] if labels is not None else None)
        for i, p in enumerate(paths)
    ]
    return stack_runs(runs)


def final_year_means(frame: pd.DataFrame, days: int = DAYS_PER_YEAR) -> pd.DataFrame:
    """Per run and metric, the mean over its last `days` days (see `final_year_mean`): columns
    scenario, replicate, seed, run, metric, value."""
    rows = []
    for (scenario, replicate, seed, run), part in frame.groupby(
        ["scenario", "replicate", "seed", "run"], sort=False
    ):
        wide = part.pivot(index="day", columns="metric", values="value")
        for metric, value in final_year_mean(wide, days).items():
            rows.append((scenario, replicate, seed, run, metric, value))
    out = pd.DataFrame(rows, columns=["scenario", "replicate", "seed", "run", "metric", "value"])
    out.attrs = dict(frame.attrs)
    return out
