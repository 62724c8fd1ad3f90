#!/usr/bin/env python3
"""The dependency rule: includes point one way, cli -> models -> sim.

Fails (exit 1), naming each file, line and include, when
  - a file under sim/ includes anything from models/ or cli/,
  - a file under sim/core/ includes sim/io/ or sim/sweep/ (the engine's core
    knows no file format and no sweep), or one under sim/io/ includes sim/sweep/,
  - a file under models/ includes cli/, sim/io/ or sim/sweep/ (a model declares
    itself to the engine; reading scenarios and writing files is not its job).

    check_dependencies.py ROOT        check the tree at ROOT
    check_dependencies.py --self-test check that each rule catches a breach
"""
import re
import sys
import tempfile
from pathlib import Path

# (folder, forbidden include prefixes)
RULES = [
    ("sim/", ("models/", "cli/")),
    ("sim/core/", ("sim/io/", "sim/sweep/")),
    ("sim/io/", ("sim/sweep/",)),
    ("models/", ("cli/", "sim/io/", "sim/sweep/")),
]
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^">]+)[">]')
SOURCES = ("*.hpp", "*.cpp", "*.h", "*.cc")


def breaches(root: Path):
    found = []
    for folder, forbidden in RULES:
        base = root / folder
        if not base.is_dir():
            continue
        files = sorted(f for pattern in SOURCES for f in base.rglob(pattern))
        for path in files:
            for number, line in enumerate(path.read_text(errors="replace").splitlines(), 1):
                match = INCLUDE.match(line)
                if match and match.group(1).startswith(forbidden):
                    where = path.relative_to(root).as_posix()
                    found.append(f"{where}:{number}: includes {match.group(1)} "
                                 f"(nothing under {folder} may include {' or '.join(forbidden)})")
    return found


def check(root: Path) -> int:
    for folder in ("sim", "models", "cli"):
        if not (root / folder).is_dir():
            print(f"error: {root} has no {folder}/ folder", file=sys.stderr)
            return 2
    found = breaches(root)
    for line in found:
        print(line)
    if found:
        print(f"{len(found)} include(s) break the dependency rule (cli -> models -> sim)")
        return 1
    print("dependency rule holds: cli -> models -> sim")
    return 0


def self_test() -> int:
    cases = {
        "sim/core/a.hpp": '#include "models/nhs/state.hpp"\n',
        "sim/io/b.cpp": '#include <vector>\n#include "cli/progress.hpp"\n',
        "sim/core/c.cpp": '#include "sim/io/hdf5.hpp"\n',
        "sim/io/d.cpp": '  #  include "sim/sweep/run.hpp"\n',
        "models/nhs/e.cpp": '#include "sim/io/scenario.hpp"\n',
        "models/toy/f.hpp": '#include "sim/sweep/design.hpp"\n',
        "models/nhs/g.cpp": '#include "cli/commands.hpp"\n',
        # Allowed: must not be reported.
        "models/nhs/ok.cpp": '#include "sim/core/model.hpp"\n#include "models/nhs/state.hpp"\n',
        "sim/sweep/ok.cpp": '#include "sim/io/hdf5.hpp"\n',
        "cli/ok.cpp": '#include "sim/sweep/run.hpp"\n#include "models/nhs/nhs_model.hpp"\n',
    }
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, text in cases.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text)
        found = breaches(root)
        reported = sorted({line.split(":")[0] for line in found})
        expected = sorted(name for name in cases if not name.endswith(("ok.cpp", "ok.hpp")))
        if reported != expected or len(found) != len(expected):
            print("self-test failed: expected breaches in", expected, "got", found)
            return 1
        if check(root) != 1:
            print("self-test failed: a tree with breaches did not fail")
            return 1
    print("self-test passed: every rule catches its breach and allowed includes pass")
    return 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(self_test())
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(check(Path(sys.argv[1])))
