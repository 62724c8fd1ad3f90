"""Sweep files (`candour sweep SWEEP.toml -o FILE.h5`): many runs over a design of parameter points.

Layout (sim/sweep/sweep_store.cpp): root attributes (provenance, design kind
and size, replicates, seed policy), /design/values and /design/unit_values
(points x parameters), /runs/{point,replicate,seed,completed} and
/runs/summary (runs x statistics, named `<metric>.<final|run_mean|final_year_mean>` for levels
and rates, `<metric>.<final|final_year_count>` for running totals),
and optionally /series/values (runs x time x kept metrics) with /series/time.
Rows of runs that have not finished hold NaN and completed = 0.
"""

from __future__ import annotations

import math
import os
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from . import hdf5_files, sensitivity


class IncompleteSweepWarning(UserWarning):
    """A sweep file in which some runs have not finished (killed sweep, or an unmerged shard)."""


class Sweep:
    """One sweep file, read whole (its summary table is small)."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        with hdf5_files.open_file(self.path) as f:
            self.metadata: dict = hdf5_files.attributes(f)
            if self.metadata.get("format") != hdf5_files.SWEEP_FORMAT:
                raise hdf5_files.FormatError(f"{self.path}: not a Candour sweep file")
            values = f["design/values"]
            self.parameters: list[str] = hdf5_files.to_python(values.attrs["parameters"])
            self.parameter_units: dict[str, str] = dict(
                zip(self.parameters, hdf5_files.to_python(values.attrs["units"]))
            )
            self.axis_kinds: dict[str, str] = dict(
                zip(self.parameters, hdf5_files.to_python(values.attrs["axis_kinds"]))
            )
            # A sweep without axes (a plain ensemble) has one point and no columns.
            points = int(self.metadata.get("points", 1))
            self.design = pd.DataFrame(
                np.asarray(values[()], dtype=float).reshape(points, len(self.parameters)),
                columns=self.parameters,
            )
            self.design.index.name = "point"
            self.unit_design = np.asarray(f["design/unit_values"][()], dtype=float).reshape(
                points, len(self.parameters)
            )
            summary = f["runs/summary"]
            self.statistics: list[str] = hdf5_files.to_python(summary.attrs["statistics"])
            self.statistic_units: dict[str, str] = dict(
                zip(self.statistics, hdf5_files.to_python(summary.attrs["units"]))
            )
            # Format 2 describes each statistic; format 1 files lack these (and summarised
            # running totals by a mean, which analyses here then cannot tell apart).
            n = len(self.statistics)

            def per_statistic(name, default):
                values = hdf5_files.to_python(summary.attrs[name]) if name in summary.attrs else [default] * n
                return dict(zip(self.statistics, values))

            self.statistic_descriptions: dict[str, str] = per_statistic("descriptions", "")
            self.statistic_cumulative: dict[str, bool] = {
                k: bool(v) for k, v in per_statistic("cumulative", 0).items()}
            self._headline = {k: int(v) for k, v in per_statistic("in_summary", 0).items()}
            self._valid_min = per_statistic("valid_min", -math.inf)
            self._valid_max = per_statistic("valid_max", math.inf)
            table = pd.DataFrame(
                {
                    "run": np.arange(f["runs/point"].shape[0]),
                    "point": f["runs/point"][()],
                    "replicate": f["runs/replicate"][()],
                    "seed": f["runs/seed"][()],
                    "completed": f["runs/completed"][()].astype(bool),
                }
            )
            clash = set(self.parameters) & set(self.statistics)
            if clash:
                raise hdf5_files.FormatError(f"{self.path}: names both a parameter and a statistic: {clash}")
            params = self.design.iloc[table["point"].to_numpy()].reset_index(drop=True)
            stats = pd.DataFrame(
                np.asarray(summary[()], dtype=float).reshape(len(table), -1),
                columns=self.statistics,
            )
            self.runs = pd.concat([table, params, stats], axis=1)
            self.provenance = {
                name: hdf5_files.text(f["provenance"][name]) for name in f.get("provenance", {})
            }
            self.series_metrics: list[str] = []
            self.series_units: dict[str, str] = {}
            self.series_time = np.array([])
            self._series = None
            if "series" in f:
                data = f["series/values"]
                self.series_metrics = hdf5_files.to_python(data.attrs["metrics"])
                self.series_units = dict(zip(self.series_metrics, hdf5_files.to_python(data.attrs["units"])))
                self.series_time = np.asarray(f["series/time"][()], dtype=float)
                self._series = np.asarray(data[()], dtype=float)
        incomplete = int((~self.runs["completed"]).sum())
        if incomplete:
            warnings.warn(
                IncompleteSweepWarning(
                    f"{self.path}: {incomplete} of {len(self.runs)} runs have not finished "
                    "(killed sweep, or one shard of several: run the same command again to "
                    "resume, or `candour merge` the shards); their rows are left out"
                ),
                stacklevel=2,
            )

    # --- provenance -------------------------------------------------------
    @property
    def design_kind(self) -> str:
        return str(self.metadata.get("design", ""))

    @property
    def title(self) -> str:
        return str(self.metadata.get("title") or self.path.stem)

    @property
    def replicates(self) -> int:
        return int(self.metadata.get("replicates", 1))

    @property
    def completed_runs(self) -> pd.DataFrame:
        return self.runs[self.runs["completed"]]

    def units(self, statistic: str) -> str:
        """Units of a summary statistic or kept series metric."""
        if statistic in self.statistic_units:
            return self.statistic_units[statistic]
        if statistic in self.series_units:
            return self.series_units[statistic]
        if statistic in self.parameter_units:
            return self.parameter_units[statistic]
        raise KeyError(self._unknown(statistic))

    def description(self, statistic: str) -> str:
        """What a summary statistic is (format 2 files; empty for older ones)."""
        self.check_statistic(statistic)
        return self.statistic_descriptions.get(statistic, "")

    def valid_range(self, statistic: str) -> tuple[float, float]:
        """The range the statistic's values lie in (a share's [0, 1]); unbounded when undeclared."""
        return float(self._valid_min.get(statistic, -math.inf)), float(self._valid_max.get(statistic, math.inf))

    def headline_metrics(self) -> list[str]:
        """The model's headline metrics in the order `candour run` prints them (empty for sweep
        files of format 1)."""
        ranked = {s.rpartition(".")[0]: r for s, r in self._headline.items() if r > 0}
        return sorted(ranked, key=ranked.get)

    def metrics(self) -> list[str]:
        """The metrics the summary statistics are of, in file order."""
        return list(dict.fromkeys(s.rpartition(".")[0] for s in self.statistics))

    def resolve(self, name: str) -> str:
        """A statistic by its full name, or a bare metric name by its final-year statistic
        (`harm_rate` -> `harm_rate.final_year_mean`; a running total's `final_year_count`).
        KeyError with the nearest names otherwise."""
        if name in self.statistics:
            return name
        for kind in ("final_year_mean", "final_year_count"):
            if f"{name}.{kind}" in self.statistics:
                return f"{name}.{kind}"
        raise KeyError(self._unknown(name))

    def _unknown(self, name: str) -> str:
        from .runs import unknown_name

        metrics = self.metrics()
        known = self.statistics if "." in name else metrics + self.statistics
        hint = " (a metric's statistics are <metric>.final_year_mean, .run_mean, .final; a running " \
               "total's .final_year_count, .final)"
        return f"{self.path}: {unknown_name('statistic', name, known, hint)}"

    def check_statistic(self, statistic: str) -> None:
        if statistic not in self.statistics:
            raise KeyError(self._unknown(statistic))

    def finite_runs(self, statistic: str) -> pd.DataFrame:
        """Finished runs with a value for the statistic. ValueError when there are none: a metric
        can be undefined (NaN) in every run, e.g. a share of events none of which happened."""
        self.check_statistic(statistic)
        runs = self.completed_runs[np.isfinite(self.completed_runs[statistic])]
        if runs.empty:
            raise ValueError(
                f"{self.path}: {statistic} has no value (NaN) in any finished run, so there is "
                "nothing to plot or analyse; the metric is undefined in these runs"
            )
        return runs

    def check_parameter(self, parameter: str) -> None:
        if parameter not in self.parameters:
            from .runs import unknown_name

            raise KeyError(f"{self.path}: {unknown_name('axis', parameter, self.parameters)}")

    # --- data --------------------------------------------------------------
    def point_means(self, statistic: str) -> pd.Series:
        """A statistic averaged over each point's finished replicates (NaN where none finished)."""
        means = self.finite_runs(statistic).groupby("point")[statistic].mean()
        return means.reindex(range(len(self.design)))

    def series(self, metric: str) -> pd.DataFrame:
        """A kept time series: one row per finished run (index run), one column per recorded day."""
        if metric not in self.series_metrics:
            kept = ", ".join(self.series_metrics) or "none (add keep_series to the sweep file)"
            raise KeyError(f"{self.path}: no kept series {metric!r}; kept: {kept}")
        values = self._series[:, :, self.series_metrics.index(metric)]
        frame = pd.DataFrame(values, columns=pd.Index(self.series_time, name="day"))
        frame.index.name = "run"
        return frame.loc[self.runs["completed"].to_numpy()]

    def sobol(self, statistic: str, resamples: int = 1000, confidence: float = 0.95,
              seed: int = 0) -> pd.DataFrame:
        """Sobol first-order and total indices of a statistic (Saltelli designs only); each point's
        output is the mean over its finished replicates."""
        if self.design_kind != "saltelli":
            raise ValueError(f"{self.path}: Sobol indices need a saltelli design, not {self.design_kind!r}")
        k = len(self.parameters)
        second = self.second_order
        blocks = 2 * k + 2 if second else k + 2
        y = sensitivity.complete_base_samples(self.point_means(statistic).to_numpy(), k, second)
        usable, planned = len(y) // blocks, len(self.design) // blocks
        if usable < 2:
            raise ValueError(
                f"{self.path}: {usable} of {planned} base samples have {statistic} for all their "
                f"{k + 2} design points (A, B and each AB_i); Sobol indices need at least 2: let "
                "the sweep finish (run the same command again to resume it)"
            )
        result = sensitivity.sobol_indices(y, self.parameters, resamples, confidence, seed, second)
        result.attrs.update(statistic=statistic, units=self.units(statistic), planned_base_samples=planned)
        return result

    @property
    def second_order(self) -> bool:
        """A Saltelli design with the BA_i blocks, for second-order indices."""
        return bool(self.metadata.get("second_order", 0))

    def variance_shares(self, statistic: str) -> pd.DataFrame:
        """Main-effect variance shares of a statistic over a grid design (each point its mean over
        finished replicates); see sensitivity.variance_shares."""
        if self.design_kind != "grid":
            raise ValueError(f"{self.path}: variance shares need a grid design, not {self.design_kind!r}; "
                             "sampled designs have sobol (saltelli) or morris")
        table = self.design.assign(value=self.point_means(statistic).to_numpy())
        result = sensitivity.variance_shares(table, "value", self.parameters)
        if self.replicates < 2:
            result.attrs["warnings"].append("one replicate per point: run-to-run noise is counted as the "
                                            "axes' effect; use replicates >= 2")
        result.attrs.update(statistic=statistic, units=self.units(statistic))
        return result

    def first_order(self, statistic: str) -> pd.DataFrame:
        """First-order indices of a statistic from a Latin hypercube (or any sampled design), by
        the given-data estimator over its finished runs; see sensitivity.first_order_given_data."""
        runs = self.finite_runs(statistic)
        result = sensitivity.first_order_given_data(runs[self.parameters].to_numpy(), runs[statistic],
                                                    self.parameters)
        result.attrs.update(statistic=statistic, units=self.units(statistic))
        return result

    def morris(self, statistic: str, resamples: int = 1000, confidence: float = 0.95,
               seed: int = 0) -> pd.DataFrame:
        """Morris mu*, mu and sigma of a statistic (Morris designs only), per full range of each
        factor; each point's output is the mean over its finished replicates."""
        if self.design_kind != "morris":
            raise ValueError(f"{self.path}: Morris indices need a morris design, not {self.design_kind!r}")
        y = self.point_means(statistic).to_numpy()
        result = sensitivity.morris_indices(self.unit_design, y, self.parameters, resamples, confidence, seed)
        result.attrs.update(statistic=statistic, units=self.units(statistic))
        return result

    def __repr__(self) -> str:
        done = int(self.runs["completed"].sum())
        return (
            f"Sweep({str(self.path)!r}, {self.design_kind}, {len(self.design)} points x "
            f"{self.replicates} replicates, {done}/{len(self.runs)} runs finished)"
        )


def load_sweep(path: str | os.PathLike) -> Sweep:
    """Reads a sweep file. Warns (IncompleteSweepWarning) when some runs have not finished."""
    return Sweep(path)
