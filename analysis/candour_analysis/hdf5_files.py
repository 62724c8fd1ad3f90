"""Opening Candour's HDF5 files and turning their attributes into Python values.

Run files are written in SWMR mode (docs/file-format.md): a run that was killed,
or is still running, leaves a file whose superblock says "open for writing",
which a plain read-only open refuses. h5py opens such files with swmr=True, and
that also works for finished files, so every reader here opens that way.
"""

from __future__ import annotations

import os
from typing import Any

import h5py
import numpy as np

SWEEP_FORMAT = "candour-sweep"


class FormatError(ValueError):
    """A file that is not a Candour run or sweep file, or one this package cannot read."""


def _not_hdf5(path: str) -> str:
    """What a file that is not HDF5 is, in words: a scenario or sweep file, or something else."""
    import tomllib

    try:
        with open(path, "rb") as f:
            text = tomllib.loads(f.read(1 << 20).decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return f"{path}: not an HDF5 file, so neither a Candour run file nor a sweep file"
    if "design" in text or "axis" in text:
        return (f"{path}: a sweep file (TOML), not its output; run it first with "
                f"`candour sweep {path} -o OUT.h5` and give OUT.h5")
    return (f"{path}: a scenario file (TOML), not a run file; run it first with "
            f"`candour run {path} -o OUT.h5` and give OUT.h5")


def open_file(path: str | os.PathLike) -> h5py.File:
    """Opens a run or sweep file read-only, killed or still-running runs included."""
    path = os.fspath(path)
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path}: no such file")
    if os.path.isdir(path):
        raise FormatError(f"{path}: a folder, not a run or sweep file")
    if not h5py.is_hdf5(path):
        raise FormatError(_not_hdf5(path))
    try:
        return h5py.File(path, "r", swmr=True)
    except OSError as swmr_error:
        # A file written without the 1.10 format cannot be opened in SWMR mode.
        try:
            return h5py.File(path, "r")
        except OSError:
            pass
        try:
            # A sweep still being written holds a write lock (docs/file-format.md, the sweep file).
            return h5py.File(path, "r", locking=False)
        except (OSError, TypeError, ValueError):
            raise FormatError(
                f"{path}: cannot open as HDF5 ({swmr_error}); if a writer was killed while "
                f"finishing, `h5clear -s {path}` repairs the flags"
            ) from swmr_error


def to_python(value: Any) -> Any:
    """An HDF5 attribute value as a plain Python value (str, int, float, list)."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, np.ndarray):
        return [to_python(v) for v in value.tolist()]
    if isinstance(value, (list, tuple)):
        return [to_python(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    return value


def attributes(obj: h5py.HLObject, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """All attributes of an HDF5 object as plain Python values, HDF5's own bookkeeping left out."""
    hidden = {"DIMENSION_LIST", "DIMENSION_LABELS", "REFERENCE_LIST", "CLASS", "NAME"}
    return {
        key: to_python(obj.attrs[key])
        for key in obj.attrs
        if key not in hidden and key not in skip
    }


def text(obj: h5py.Dataset) -> str:
    """A scalar string dataset (h5py returns variable-length strings in datasets as bytes)."""
    return to_python(obj[()])


def table(dataset: h5py.Dataset):
    """A compound dataset as a pandas DataFrame with its strings decoded."""
    import pandas as pd

    frame = pd.DataFrame(dataset[()])
    for column in frame.columns:
        if frame[column].dtype == object:
            frame[column] = frame[column].map(to_python)
    return frame


def file_kind(path: str | os.PathLike) -> str:
    """"run" or "sweep", from the file's own attributes; FormatError for anything else."""
    with open_file(path) as f:
        if to_python(f.attrs.get("format", "")) == SWEEP_FORMAT:
            return "sweep"
        if "metrics" in f and "time" in f:
            return "run"
    raise FormatError(
        f"{os.fspath(path)}: neither a Candour run file (no /metrics and /time) "
        f"nor a sweep file (no format = \"{SWEEP_FORMAT}\" attribute)"
    )
