"""The fourteen stylised facts over members of the calibrated ensemble (`scripts/validate_ensemble`).

For each member, a copy of the scenario folder in which `baseline.toml` (which every other
scenario extends) extends the original and sets the member's values, so that each scenario runs
with the member's parameters and its own levers; then the validation suite
(`candour_validation_tests`, at the scale CANDOUR_VALIDATION_SCALE names) runs on that folder
(CANDOUR_VALIDATION_SCENARIOS). Each member's result is kept as JUnit XML and skipped when there:
run it again after an interruption; each member's measured lines go to `member_N.log`. Prints,
per fact, how many members it holds for.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

from .calibration_runs import _toml_value, read_ensemble


def member_scenarios(scenarios: Path, names, values, out: Path) -> Path:
    """A copy of `scenarios` whose baseline.toml carries one member's values."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(scenarios, out, ignore=shutil.ignore_patterns("sweeps", "calibrated"))
    (out / "baseline.toml").rename(out / "baseline_registry_defaults.toml")
    tables: dict[str, list[str]] = {}
    for name, value in zip(names, values):
        table, _, key = name.rpartition(".")
        tables.setdefault(table, []).append(f"{key} = {_toml_value(float(value))}")
    lines = ['# baseline with one calibrated ensemble member\'s values (ensemble_facts.py).',
             'extends = "baseline_registry_defaults.toml"', ""]
    for table, keys in tables.items():
        lines += [f"[{table}]", *keys, ""]
    (out / "baseline.toml").write_text("\n".join(lines))
    return out


def facts_of(junit: Path) -> dict[str, bool]:
    """Test case name -> passed, from Catch2's JUnit report."""
    root = ET.parse(junit).getroot()
    out = {}
    for case in root.iter("testcase"):
        name = case.get("name", "")
        failed = case.find("failure") is not None or case.find("error") is not None
        out[name] = out.get(name, True) and not failed
    return out


CHECK_LINE = re.compile(r"^fact (?P<fact>\S+) \((?P<name>.*)\): effect = (?P<effect>\S+) "
                        r"\[(?P<lower>\S+), (?P<upper>\S+)\] (?P<unit>.*); required (?P<required>.*) : "
                        r"(?P<verdict>PASS|FAIL)$")


def checks_of(log: Path) -> dict[tuple[str, str], dict]:
    """(fact, check name) -> its measured line (effect, interval, unit, bound, verdict)."""
    out = {}
    if log.exists():
        for line in log.read_text().splitlines():
            m = CHECK_LINE.match(line.strip())
            if m:
                out[(m["fact"], m["name"])] = m.groupdict()
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="scripts/validate_ensemble", description=__doc__.split("\n\n")[0])
    p.add_argument("--tests", default="build/release/tests/candour_validation_tests")
    p.add_argument("--ensemble", default="scenarios/calibrated")
    p.add_argument("--scenarios", default="scenarios")
    p.add_argument("--members", default="1-4", help="members to run, e.g. 1-4 or 1,5,9")
    p.add_argument("--out", default="out/ensemble_facts")
    args = p.parse_args(argv)
    names, values, _ = read_ensemble(Path(args.ensemble))
    members = []
    for part in args.members.split(","):
        first, _, last = part.partition("-")
        members += list(range(int(first), int(last or first) + 1))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    results = {}
    for m in members:
        junit = out / f"member_{m}.xml"
        if not junit.exists():
            folder = member_scenarios(Path(args.scenarios), names, values[m - 1], out / f"member_{m}")
            # Each fact's measured line too (effect, interval, bound), not only pass or fail.
            log = junit.with_suffix(".log")
            log.unlink(missing_ok=True)
            env = dict(os.environ, CANDOUR_VALIDATION_SCENARIOS=str(folder.resolve()),
                       CANDOUR_VALIDATION_LOG=str(log.resolve()))
            started = time.monotonic()
            part = junit.with_suffix(".part")
            subprocess.run([args.tests, "-r", "junit", "-o", str(part)], env=env,
                           capture_output=True, text=True)
            if not part.exists():
                print(f"member {m}: the validation suite wrote no report", file=sys.stderr)
                return 1
            os.replace(part, junit)
            print(f"member {m}: {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
        results[m] = facts_of(junit)
    cases = sorted({c for r in results.values() for c in r})
    scale = os.environ.get("CANDOUR_VALIDATION_SCALE", "ci")
    print(f"| fact | holds in members ({len(members)} members, {scale} scale) |")
    print("|---|---|")
    for case in cases:
        held = sum(1 for r in results.values() if r.get(case))
        print(f"| {case} | {held} of {len(members)} |")
    # Every check's estimate per member, so a failure shows by how much.
    logs = {m: checks_of(out / f"member_{m}.log") for m in members}
    keys = list(dict.fromkeys(k for m in members for k in logs[m]))
    print()
    print("| check | required | " + " | ".join(f"member {m}" for m in members) + " | holds |")
    print("|---|---|" + "---|" * len(members) + "---|")
    for key in keys:
        lines = [logs[m].get(key) for m in members]
        first = next(x for x in lines if x)
        cells = [f"{x['effect']}{'' if x['verdict'] == 'PASS' else ' (fails)'}" if x else "not run"
                 for x in lines]
        held = sum(1 for x in lines if x and x["verdict"] == "PASS")
        print(f"| {key[0]} {key[1]} | {first['required']} ({first['unit']}) | " + " | ".join(cells)
              + f" | {held} of {len(members)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
