#!/usr/bin/python3
"""Outputs are never written over what the user did not ask to replace.

`candour run` refuses an existing output (exit 2, nothing touched) unless
--overwrite is given; it refuses an empty path and a folder; and no command
ever writes onto one of its inputs, --overwrite or not.

usage: check_output_safety.py CANDOUR WORKDIR DATA
DATA holds toy_small.toml; sweep data (toy_base.toml, toy_grid.toml) next to it
under sweep/."""
import os
import pathlib
import shutil
import sys

from faults import candour, check, finish, fresh, h5py_module, untouched


def main():
    binary, work, data = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    work = fresh(work)
    for name in ("toy_small.toml", "toy_base.toml", "toy_grid.toml"):
        shutil.copy(data / name, work / name)
    # A scenario that extends another: the base is an input too.
    (work / "child.toml").write_text('extends = "toy_small.toml"\n[toy]\npull = 0.2\n')
    h5py = h5py_module()
    scenario = work / "toy_small.toml"
    first = work / "first.h5"

    candour(binary, "run", scenario, "-q", "-o", first, expect=0)
    with untouched(first):
        candour(binary, "run", scenario, "-q", "--seed", "8", "-o", first, expect=2,
                says=["first.h5 exists", "--overwrite"])
    candour(binary, "run", scenario, "-q", "--seed", "8", "-o", first, "--overwrite", expect=0)
    with h5py.File(first, "r") as f:
        check(f.attrs["seed"] == 8 and f.attrs["completed"] == 1, "--overwrite did not replace")

    # An empty path is not the default path.
    with untouched(work / "out"):
        candour(binary, "run", scenario, "-q", "-o", "", expect=2, says=["empty"], cwd=work)

    # Inputs: the scenario and the file it extends, even with --overwrite.
    for target in ("toy_small.toml", "child.toml"):
        with untouched(work / target):
            candour(binary, "run", work / "child.toml", "-q", "-o", work / target, "--overwrite",
                    expect=2, says=["is the input", target])
    # The same input under another name (a symbolic link).
    os.symlink(work / "toy_small.toml", work / "link.h5")
    with untouched(work / "toy_small.toml"):
        candour(binary, "run", scenario, "-q", "-o", work / "link.h5", "--overwrite", expect=2,
                says=["is the input"])

    # A folder, or a path ending in '/': refused, and no folder is created.
    with untouched(work / "x.h5"):
        candour(binary, "run", scenario, "-q", "-o", f"{work}/x.h5/", expect=2, says=["folder"])
    check(not (work / "x.h5").exists(), "-o x.h5/ created a folder")
    (work / "folder").mkdir()
    with untouched(work / "folder"):
        candour(binary, "run", scenario, "-q", "-o", work / "folder", "--overwrite", expect=2,
                says=["folder"])

    # Sweeps: never the sweep file or its base scenario; no empty path.
    sweep = work / "toy_grid.toml"
    with untouched(sweep, work / "toy_base.toml", work / "out"):
        candour(binary, "sweep", sweep, "-q", "-o", sweep, expect=2, says=["is the input"])
        candour(binary, "sweep", sweep, "-q", "-o", work / "toy_base.toml", expect=2,
                says=["is the input"])
        candour(binary, "sweep", sweep, "-q", "-o", "", expect=2, says=["empty"], cwd=work)
    finished = work / "grid.h5"
    candour(binary, "sweep", sweep, "-q", "-o", finished, expect=0)
    # A finished sweep is not overwritten by a run, nor merged onto.
    with untouched(finished):
        candour(binary, "run", scenario, "-q", "-o", finished, expect=2, says=["exists"])
        candour(binary, "merge", finished, finished, expect=2, says=["is the input"])
        candour(binary, "merge", "", finished, expect=2, says=["empty"], cwd=work)
    finish()


if __name__ == "__main__":
    main()
