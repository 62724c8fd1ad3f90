"""Reading, plotting and analysing Candour's HDF5 output.

    from candour_analysis import load_run, load_runs, load_sweep
    run = load_run("out/baseline.h5")          # one run: run.series(), run.per_trust(metric)
    frame = load_runs(paths)                   # replicates of scenarios, long format
    sweep = load_sweep("out/surveillance.h5")  # a sweep: sweep.runs, sweep.sobol(statistic)
    data = to_xarray(paths)                    # runs (or a sweep) as one xarray Dataset

Uses only Debian's python3-h5py, -numpy, -pandas, -scipy and -matplotlib (and -xarray for
to_xarray). See docs/analysis.md.

The names below are imported when first used (PEP 562), so that a command, or `--help`, loads
only the modules it needs: scipy alone takes half a second to import.
"""

import importlib

__version__ = "0.1.0"

# Public name -> the module that defines it.
_EXPORTS = {
    "FormatError": "hdf5_files", "file_kind": "hdf5_files",
    "Input": "inputs", "parse_inputs": "inputs",
    "DAYS_PER_YEAR": "runs", "IncompleteRunWarning": "runs", "Metric": "runs", "Run": "runs",
    "final_year": "runs", "final_year_outcomes": "runs", "load_run": "runs", "load_runs": "runs",
    "stack_runs": "runs",
    "elementary_effects": "sensitivity", "morris_indices": "sensitivity", "sobol_indices": "sensitivity",
    "Comparison": "stats", "bootstrap_interval": "stats", "compare": "stats", "compare_outcomes": "stats",
    "hedges_g": "stats", "percent_change": "stats", "welch_interval": "stats",
    "IncompleteSweepWarning": "sweeps", "Sweep": "sweeps", "load_sweep": "sweeps",
    "runs_to_xarray": "xarrays", "sweep_to_xarray": "xarrays", "to_xarray": "xarrays",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value  # once imported, a plain attribute
    return value


def __dir__():
    return sorted(set(globals()) | set(_EXPORTS))
