"""Run and sweep files as xarray Datasets, for those who work in xarray.

A single finished run file needs none of this: `xarray.open_dataset(path)` reads it whole
(docs/file-format.md). `to_xarray` stacks many: replicates of several variants along
`scenario` x `seed`, or a sweep along its axes x `replicate`. It reads through this package's
own h5py loaders, so killed and still-running runs open too.
"""

from __future__ import annotations

import os
from typing import Iterable, Sequence

import numpy as np

from . import hdf5_files
from .inputs import parse_inputs
from .runs import Run, load_run, variant_labels
from .sweeps import Sweep, load_sweep


def _metric_attrs(metric) -> dict:
    attrs = {"units": metric.units, "long_name": metric.description, "cumulative": int(metric.cumulative)}
    if np.isfinite(metric.valid_min):
        attrs["valid_min"] = metric.valid_min
    if np.isfinite(metric.valid_max):
        attrs["valid_max"] = metric.valid_max
    return attrs


def runs_to_xarray(runs: Sequence[Run], per_unit: bool = False):
    """Runs as one Dataset: every system metric a variable over (scenario, seed, time), per-unit
    metrics (with `per_unit`) over (scenario, seed, time, <unit>). Runs missing from a
    scenario x seed cell, and days a run did not record, are NaN."""
    import xarray as xr

    runs = list(runs)
    if not runs:
        raise ValueError("no runs given")
    labels = variant_labels(runs)
    scenarios = list(dict.fromkeys(labels))
    seeds = sorted({r.seed for r in runs})
    times = np.unique(np.concatenate([r.time for r in runs]))
    unit_dimension = runs[0].unit_dimension
    cell: dict[tuple[str, int], Run] = {}
    for run, label in zip(runs, labels):
        if (label, run.seed) in cell:
            raise ValueError(f"{run.path} and {cell[label, run.seed].path}: two runs of {label!r} with seed "
                             f"{run.seed}; the same seed gives the same run, so one cannot stand for a "
                             "replicate of the other")
        cell[label, run.seed] = run
    metrics = {}
    for run in runs:
        for name, metric in run.metrics.items():
            if metric.scope == "system" or per_unit:
                metrics.setdefault(name, metric)
    shape = (len(scenarios), len(seeds), len(times))
    data_vars = {}
    for name, metric in metrics.items():
        if metric.scope == "system":
            values = np.full(shape, np.nan)
            dims = ("scenario", "seed", "time")
        else:
            width = max(len(r.units_index) if r.units_index is not None else 0 for r in runs)
            values = np.full(shape + (width,), np.nan)
            dims = ("scenario", "seed", "time", unit_dimension)
        for (label, seed), run in cell.items():
            if name not in run.metrics:
                continue
            rows = np.searchsorted(times, run.time)
            i, j = scenarios.index(label), seeds.index(seed)
            if metric.scope == "system":
                values[i, j, rows] = run.series([name])[name].to_numpy()
            else:
                block = run.per_unit(name).to_numpy()
                values[i, j, rows, : block.shape[1]] = block
        data_vars[name] = (dims, values, _metric_attrs(metric))
    paths = np.full((len(scenarios), len(seeds)), "", dtype=object)
    for (label, seed), run in cell.items():
        paths[scenarios.index(label), seeds.index(seed)] = str(run.path)
    data_vars["run_file"] = (("scenario", "seed"), paths, {"long_name": "the run file of each scenario and seed"})
    coords = {"scenario": scenarios, "seed": seeds,
              "time": ("time", times, {"units": "day", "long_name": "simulated time (days since the start)"})}
    if per_unit and any(m.scope != "system" for m in metrics.values()):
        width = max(len(r.units_index) if r.units_index is not None else 0 for r in runs)
        coords[unit_dimension] = np.arange(width)
    return xr.Dataset(data_vars, coords=coords, attrs={
        "Conventions": "CF-1.8",
        "title": "Candour runs: " + ", ".join(scenarios),
        "source": str(runs[0].metadata.get("source", "Candour")),
        "model": runs[0].model,
    })


def sweep_to_xarray(sweep: Sweep):
    """A sweep as one Dataset. Grid designs: every statistic a variable over (axis_1, ...,
    axis_k, replicate), each axis a coordinate of its levels. Sampled designs (Latin hypercube,
    Saltelli, Morris): over (point, replicate), with each axis's values as a coordinate of
    `point`. Kept series add a `time` dimension. Unfinished runs are NaN."""
    import xarray as xr

    runs = sweep.runs
    replicates = np.arange(sweep.replicates)
    grid = sweep.design_kind == "grid"
    if grid:
        levels = {p: np.unique(sweep.design[p].to_numpy()) for p in sweep.parameters}
        dims = tuple(sweep.parameters) + ("replicate",)
        shape = tuple(len(levels[p]) for p in sweep.parameters) + (len(replicates),)
        index = tuple(np.searchsorted(levels[p], runs[p].to_numpy()) for p in sweep.parameters)
        index += (runs["replicate"].to_numpy(),)
        coords = {p: (p, levels[p], {"units": sweep.parameter_units.get(p, "")}) for p in sweep.parameters}
    else:
        dims = ("point", "replicate")
        shape = (len(sweep.design), len(replicates))
        index = (runs["point"].to_numpy(), runs["replicate"].to_numpy())
        coords = {"point": np.arange(len(sweep.design))}
        for p in sweep.parameters:
            coords[p] = ("point", sweep.design[p].to_numpy(), {"units": sweep.parameter_units.get(p, "")})
    coords["replicate"] = replicates
    done = runs["completed"].to_numpy()
    data_vars = {}
    for statistic in sweep.statistics:
        values = np.full(shape, np.nan)
        values[tuple(i[done] for i in index)] = runs[statistic].to_numpy()[done]
        low, high = sweep.valid_range(statistic)
        attrs = {"units": sweep.units(statistic), "long_name": sweep.statistic_descriptions.get(statistic, ""),
                 "cumulative": int(sweep.statistic_cumulative.get(statistic, False))}
        if np.isfinite(low):
            attrs["valid_min"] = low
        if np.isfinite(high):
            attrs["valid_max"] = high
        data_vars[statistic] = (dims, values, attrs)
    seeds = np.zeros(shape, dtype=np.int64)
    seeds[index] = runs["seed"].to_numpy()
    data_vars["seed"] = (dims, seeds, {"long_name": "the run's seed"})
    if sweep.series_metrics:
        coords["time"] = ("time", sweep.series_time, {"units": "day"})
        for metric in sweep.series_metrics:
            values = np.full(shape + (len(sweep.series_time),), np.nan)
            frame = sweep.series(metric)  # finished runs only, indexed by run id
            rows = frame.index.to_numpy()
            where = tuple(i[rows] for i in index)
            values[where] = frame.to_numpy()
            data_vars[f"series.{metric}"] = (dims + ("time",), values, {"units": sweep.units(metric)})
    return xr.Dataset(data_vars, coords=coords, attrs={
        "Conventions": "CF-1.8", "title": sweep.title, "design": sweep.design_kind,
        "model": str(sweep.metadata.get("model", "")),
        "source": f"Candour {sweep.metadata.get('candour_version', '')} ({sweep.metadata.get('git_commit', '')})",
    })


def to_xarray(paths: str | os.PathLike | Iterable[str | os.PathLike], per_unit: bool = False):
    """Run files (`FILE` or `FILE:LABEL`, patterns allowed) stacked along scenario x seed, or one
    sweep file along its axes x replicate; see runs_to_xarray and sweep_to_xarray."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    inputs = parse_inputs([os.fspath(p) for p in paths])
    kinds = {i.path: hdf5_files.file_kind(i.path) for i in inputs}
    sweeps = [p for p, k in kinds.items() if k == "sweep"]
    if sweeps:
        if len(inputs) > 1:
            raise ValueError(f"{sweeps[0]} is a sweep file: give it alone (a sweep is one dataset), "
                             "and run files together")
        return sweep_to_xarray(load_sweep(sweeps[0]))
    return runs_to_xarray([load_run(i.path, label=i.label) for i in inputs], per_unit=per_unit)
