"""Shared set-up of the analysis tests: where the binaries are, and making real run and sweep files.

ctest (tests/analysis/analysis.cmake) sets CANDOUR_BIN (the built `candour`),
CANDOUR_SWEEP_BIN (a `candour` with the sweep command), CANDOUR_ANALYSIS_WORK
(a scratch folder in the build tree) and PYTHONPATH. Run by hand, set them the
same way, e.g.
    CANDOUR_BIN=build/x/candour CANDOUR_SWEEP_BIN=build/x/candour \\
    /usr/bin/python3 -m unittest discover -s tests/analysis
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DATA = HERE / "data"
TOY_SCENARIOS = REPO / "tests" / "data" / "scenarios"
ANALYSIS = REPO / "analysis"
ENTRY = ANALYSIS / "candour-analysis"
if str(ANALYSIS) not in sys.path:
    sys.path.insert(0, str(ANALYSIS))


def candour() -> str:
    path = os.environ.get("CANDOUR_BIN", "")
    if not path or not os.path.exists(path):
        raise unittest.SkipTest("set CANDOUR_BIN to the built candour binary (ctest does)")
    return path


def sweep_binary() -> str:
    path = os.environ.get("CANDOUR_SWEEP_BIN", "")
    if not path or not os.path.exists(path):
        raise unittest.SkipTest("set CANDOUR_SWEEP_BIN to a candour binary with the sweep command (ctest does)")
    return path


def work_dir(name: str) -> Path:
    """A fresh scratch folder for one test module (in the build tree under ctest)."""
    root = os.environ.get("CANDOUR_ANALYSIS_WORK")
    base = Path(root) if root else Path(tempfile.gettempdir()) / "candour-analysis-tests"
    path = base / name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    return path


def run_scenario(scenario: Path, out: Path, seed: int | None = None, days: int | None = None,
                 sets: tuple[str, ...] = (), extra: tuple[str, ...] = ()) -> Path:
    """`candour run` into `out`; fails the test with candour's own message if it fails."""
    command = [candour(), "run", str(scenario), "-o", str(out), "-q", *extra]
    if seed is not None:
        command += ["--seed", str(seed)]
    if days is not None:
        command += ["--days", str(days)]
    for s in sets:
        command += ["--set", s]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(command)} failed ({result.returncode}): {result.stderr}")
    return out


def run_sweep(sweep_file: Path, out: Path) -> Path:
    command = [sweep_binary(), "sweep", str(sweep_file), "-o", str(out), "-q"]
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"{' '.join(command)} failed ({result.returncode}): {result.stderr}")
    return out


def replicates(work: Path, scenario: Path, seeds, days: int | None = None, prefix: str | None = None) -> list[Path]:
    """One run file per seed of one scenario."""
    prefix = prefix or scenario.stem
    return [run_scenario(scenario, work / f"{prefix}_{seed}.h5", seed=seed, days=days) for seed in seeds]


def analysis_command(*args: str) -> subprocess.CompletedProcess:
    """Runs the command-line entry script as users do: /usr/bin/python3 analysis/candour-analysis."""
    return subprocess.run([sys.executable, str(ENTRY), *map(str, args)], capture_output=True, text=True)
