"""Run files: one simulation run each (`candour run SCENARIO -o FILE.h5`).

`load_run` reads one file into a `Run`; `load_runs` stacks many (replicates
of one or more scenarios) into one long pandas table, the shape every plot and
statistic in this package takes.
"""

from __future__ import annotations

import math
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
    # A running total since day 0 (attribute cumulative): summarised by its count over a period
    # (end minus start), never by the mean of the running total.
    cumulative: bool = False
    # The range every value lies in (attributes valid_min, valid_max); unbounded when undeclared.
    valid_min: float = -math.inf
    valid_max: float = math.inf
    # Position among the headline metrics (in_summary: 1 first), 0 for the others.
    rank: int = 0

    def info(self) -> dict:
        """What tables and figures need to know about the metric (`frame.attrs["metrics"]`)."""
        return {"units": self.units, "description": self.description, "headline": self.headline,
                "cumulative": self.cumulative, "valid_min": self.valid_min,
                "valid_max": self.valid_max, "rank": self.rank}


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
                rank = int(attrs.get("in_summary", 0))
                self.metrics[name] = Metric(
                    name, attrs.get("units", ""), attrs.get("description", ""), scope, rank > 0,
                    bool(attrs.get("cumulative", 0)), float(attrs.get("valid_min", -math.inf)),
                    float(attrs.get("valid_max", math.inf)), rank,
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
        """The system metrics the model puts first, in the order of its end-of-run summary; empty
        for files written before the in_summary attribute existed."""
        return headline_order(self.metrics)

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

    def cumulative_metrics(self) -> list[str]:
        return [name for name, m in self.metrics.items() if m.cumulative]

    def final_year(self, days: int = DAYS_PER_YEAR) -> pd.Series:
        """Each system metric over the last `days` days as the simulator's end-of-run summary and
        sweeps give it: the mean of the rows (day 0 excluded) for levels and rates, the count in
        the window (end minus start) for running totals. See `final_year`."""
        return final_year(self.series(), days, self.cumulative_metrics())

    def _metric(self, name: str) -> Metric:
        try:
            return self.metrics[name]
        except KeyError:
            raise KeyError(f"{self.path}: {unknown_name('metric', name, self.metrics)}") from None

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


def headline_order(metrics: dict[str, Metric]) -> list[str]:
    """The headline system metrics, in the order `candour run` prints them (in_summary rank)."""
    chosen = [m for m in metrics.values() if m.scope == "system" and m.headline]
    return [m.name for m in sorted(chosen, key=lambda m: m.rank)]


def unknown_name(kind: str, name: str, known, hint: str = "") -> str:
    """"no metric 'harm_rat' (did you mean 'harm_rate'?); ..." with the nearest valid names."""
    import difflib

    known = list(known)
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
    text = f"no {kind} {name!r}"
    if close:
        text += " (did you mean " + " or ".join(repr(c) for c in close) + "?)"
    text += hint
    if len(known) <= 12:
        text += f"; there are {', '.join(known)}"
    else:
        text += f"; {len(known)} {kind}s exist (`candour-analysis info FILE` lists them)"
    return text


def default_label(metadata: dict, path: Path) -> str:
    """A run's label: the one `candour run --label` stored, else its scenario file's stem
    (`baseline`, `mid_staffs`), else the title, else the run file's own stem."""
    if metadata.get("label"):
        return str(metadata["label"])
    scenario_file = metadata.get("scenario_file") or ""
    if scenario_file:
        return Path(scenario_file).stem
    return _scenario_title(metadata) or path.stem


def final_year(series: pd.DataFrame, days: int = DAYS_PER_YEAR,
               cumulative: Iterable[str] = ()) -> pd.Series:
    """Each column over its last `days` days, as sim/core/summary.cpp defines it:
    - a level or rate: the mean of the rows with day > last day - `days`, day 0 (the initial
      state) left out; a run shorter than the window gives its run mean;
    - a running total (a column named in `cumulative`): the count in the window, the last value
      less the value of the last row at or before last day - `days` (the first row, day 0, when
      the run is shorter).
    """
    if series.empty:
        return pd.Series(np.nan, index=series.columns)
    day = series.index.to_numpy(dtype=float)
    end = day.max()
    rows = (day > end - days) & (day != 0)
    if not rows.any():
        rows = day == end
    out = series.loc[rows].mean()
    totals = [c for c in series.columns if c in set(cumulative)]
    if totals:
        before = np.flatnonzero(day <= end - days)
        start = series.iloc[before[-1] if len(before) else 0]
        last = series.iloc[int(np.flatnonzero(day == end)[-1])]
        out[totals] = (last[totals] - start[totals]).to_numpy(dtype=float)
    return out


def outcome_name(cumulative: bool, days: int = DAYS_PER_YEAR) -> str:
    """How a run's outcome reads in labels: "final-year mean" or "final-year count"."""
    window = "final-year" if days == DAYS_PER_YEAR else f"last-{days}-days"
    return f"{window} {'count' if cumulative else 'mean'}"


def outcome_rule(days: int = DAYS_PER_YEAR) -> str:
    """One sentence on how run outcomes are computed, for headers and captions."""
    span = "final year" if days == DAYS_PER_YEAR else f"last {days} days"
    return (f"each run's outcome over its {span}: the mean of the rows for levels and rates, "
            "the count in that period (end minus start) for running totals")


def load_run(path: str | os.PathLike, group: str = "/", label: str | None = None) -> Run:
    """Reads one run file. Warns (IncompleteRunWarning) when the run did not finish, saying up to
    which day the file holds data."""
    return Run(path, group=group, label=label)


# Settings that do not change what a run computes: runs differing only in these are replicates.
_NOT_PARAMETERS = {"run.seed", "run.flush_every"}


def _settings(run: Run) -> dict:
    """What makes two runs replicates of one variant: every resolved parameter except the seed
    and the storage settings, and the timeline's stages (their days, labels and changes)."""
    params = run.parameters()
    out: dict = {}
    if params is not None:
        out = {name: float(value) for name, value in params["value"].items() if name not in _NOT_PARAMETERS}
    try:
        stages = tomllib.loads(run.metadata.get("scenario", "")).get("timeline", [])
    except tomllib.TOMLDecodeError:
        stages = [(e.day, e.label) for e in run.timeline]
    out["timeline"] = repr(_without_seed(stages))
    return out


def _without_seed(value):
    if isinstance(value, dict):
        return {k: _without_seed(v) for k, v in sorted(value.items())
                if not (k == "seed" and isinstance(v, int))}
    if isinstance(value, list):
        return [_without_seed(v) for v in value]
    return value


def _value_text(value) -> str:
    return f"{value:g}" if isinstance(value, float) else "differs"


def parameter_groups(runs: Sequence[Run]) -> tuple[list[list[Run]], list[str]]:
    """Runs split into groups with the same resolved parameters and timeline (in order of first
    appearance), and the keys on which the groups differ."""
    groups: list[tuple[dict, list[Run]]] = []
    for run in runs:
        settings = _settings(run)
        for known, members in groups:
            if known == settings:
                members.append(run)
                break
        else:
            groups.append((settings, [run]))
    keys: list[str] = []
    if len(groups) > 1:
        names = dict.fromkeys(k for settings, _ in groups for k in settings)
        keys = [k for k in names if len({repr(s.get(k)) for s, _ in groups}) > 1]
    return [members for _, members in groups], keys


def variant_name(label: str, run: Run, keys: Sequence[str]) -> str:
    """`label [key=value, ...]`: a label made unique by the parameters its runs set."""
    settings = _settings(run)
    parts = [f"{k}={_value_text(settings.get(k))}" if k != "timeline" else "own timeline" for k in keys]
    return f"{label} [{', '.join(parts)}]"


def differences_text(groups: Sequence[Sequence[Run]], keys: Sequence[str], limit: int = 4) -> str:
    """"pressure.target_stringency (0.6 in a.h5, 0.9 in b.h5)": the keys on which groups differ."""
    parts = []
    for key in keys[:limit]:
        seen = []
        for members in groups:
            value = _settings(members[0]).get(key)
            seen.append(f"{_value_text(value) if key != 'timeline' else 'a timeline'} in {members[0].path.name}")
        parts.append(f"{key} ({', '.join(seen)})")
    more = f" and {len(keys) - limit} more" if len(keys) > limit else ""
    return "; ".join(parts) + more


def stack_runs(runs: Iterable[Run]) -> pd.DataFrame:
    """Runs in long format: one row per run, day and system metric, with columns
    scenario, replicate (0, 1, ... within its scenario), seed, run (file path), day, years,
    metric, value. `frame.attrs` holds `metrics` (name -> units, description, headline), `timeline`
    (scenario -> events), `scenarios` (in order of first appearance) and `incomplete` (paths)."""
    runs = list(runs)
    if not runs:
        raise ValueError("no runs given")
    labels = variant_labels(runs)
    parts = []
    replicate_count: dict[str, int] = {}
    seeds: dict[str, set] = {}
    metrics: dict[str, dict] = {}
    timeline: dict[str, list] = {}
    for run, scenario in zip(runs, labels):
        replicate = replicate_count.get(scenario, 0)
        replicate_count[scenario] = replicate + 1
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
            metrics.setdefault(name, run.metrics[name].info())
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
    frame.attrs["scenarios"] = list(dict.fromkeys(labels))
    frame.attrs["labels"] = {str(run.path): label for run, label in zip(runs, labels)}
    frame.attrs["incomplete"] = [str(r.path) for r in runs if not r.completed]
    return frame


def variant_labels(runs: Sequence[Run]) -> list[str]:
    """Each run's label, made unique where runs with one label differ in their parameters: such
    runs are not replicates, so each parameter set gets its own name (`baseline
    [pressure.target_stringency=0.9]`) and a warning names the keys that differ."""
    by_label: dict[str, list[Run]] = {}
    for run in runs:
        by_label.setdefault(run.label, []).append(run)
    renamed: dict[int, str] = {}
    for label, members in by_label.items():
        groups, keys = parameter_groups(members)
        if len(groups) < 2:
            continue
        names = [variant_name(label, g[0], keys) for g in groups]
        warnings.warn(
            f"runs labelled {label!r} differ in {differences_text(groups, keys)}: they are not "
            f"replicates, so they are shown as {len(groups)} variants ({', '.join(names)}). Name "
            "variants with `candour run --label NAME` or FILE:LABEL",
            stacklevel=4,
        )
        for name, group in zip(names, groups):
            for run in group:
                renamed[id(run)] = name
    return [renamed.get(id(run), run.label) for run in runs]


def load_runs(
    paths: Iterable[str | os.PathLike], labels: Sequence[str] | None = None
) -> pd.DataFrame:
    """Reads run files (replicates of one or more scenarios) into one long table; see
    `stack_runs`. A path may be written `FILE:LABEL` (as on the command line); `labels`, one per
    path, overrides the labels taken from the files."""
    from .inputs import parse_input

    named: list[tuple] = []
    for p in paths:
        if isinstance(p, str):
            named += [(i.path, i.label) for i in parse_input(p)]
        else:
            named.append((p, None))
    if labels is not None:
        if len(labels) != len(named):
            raise ValueError(f"{len(labels)} labels for {len(named)} files")
        named = [(path, label) for (path, _), label in zip(named, labels)]
    runs = [load_run(path, label=label) for path, label in named]
    return stack_runs(runs)


def final_year_outcomes(frame: pd.DataFrame, days: int = DAYS_PER_YEAR) -> pd.DataFrame:
    """Per run and metric, its outcome over the last `days` days (see `final_year`): the mean for
    levels and rates, the count (end minus start) for running totals. Columns scenario,
    replicate, seed, run, metric, statistic ("final-year mean" or "final-year count"), value."""
    info = frame.attrs.get("metrics", {})
    cumulative = [m for m, meta in info.items() if meta.get("cumulative")]
    rows = []
    for (scenario, replicate, seed, run), part in frame.groupby(
        ["scenario", "replicate", "seed", "run"], sort=False
    ):
        wide = part.pivot(index="day", columns="metric", values="value")
        for metric, value in final_year(wide, days, cumulative).items():
            statistic = outcome_name(metric in cumulative, days)
            rows.append((scenario, replicate, seed, run, metric, statistic, value))
    out = pd.DataFrame(rows, columns=["scenario", "replicate", "seed", "run", "metric", "statistic", "value"])
    out.attrs = dict(frame.attrs)
    out.attrs["days"] = days
    return out
