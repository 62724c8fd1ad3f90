"""Reading, plotting and analysing Candour's HDF5 output.

    from candour_analysis import load_run, load_runs, load_sweep
    run = load_run("out/baseline.h5")          # one run: run.series(), run.per_trust(metric)
    frame = load_runs(paths)                   # replicates of scenarios, long format
    sweep = load_sweep("out/surveillance.h5")  # a sweep: sweep.runs, sweep.sobol(statistic)

Uses only Debian's python3-h5py, -numpy, -pandas, -scipy and -matplotlib.
See docs/analysis.md.
"""

__version__ = "0.1.0"

from .hdf5_files import FormatError, file_kind
from .runs import (
    DAYS_PER_YEAR,
    IncompleteRunWarning,
    Metric,
    Run,
    final_year_mean,
    final_year_means,
    load_run,
    load_runs,
    stack_runs,
)
from .sensitivity import elementary_effects, morris_indices, sobol_indices
from .stats import Comparison, bootstrap_interval, compare, compare_outcomes, hedges_g, welch_interval
from .sweeps import IncompleteSweepWarning, Sweep, load_sweep

__all__ = [
    "DAYS_PER_YEAR",
    "Comparison",
    "FormatError",
    "IncompleteRunWarning",
    "IncompleteSweepWarning",
    "Metric",
    "Run",
    "Sweep",
    "bootstrap_interval",
    "compare",
    "compare_outcomes",
    "elementary_effects",
    "file_kind",
    "final_year_mean",
    "final_year_means",
    "hedges_g",
    "load_run",
    "load_runs",
    "load_sweep",
    "morris_indices",
    "sobol_indices",
    "stack_runs",
    "welch_interval",
]
