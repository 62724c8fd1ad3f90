"""The named scenarios are made of levers: every parameter a file under
scenarios/ sets (at top level or in a timeline stage) must be a lever, a
structure parameter or a setting, never behaviour or a calibrated constant
(`candour describe` gives each parameter's kind). A scenario that stands for a
report's recommendations must not move the weights, rates and half-lives that
describe how people behave: those keep their calibrated values.

Usage: check_scenario_levers.py CANDOUR SCENARIO_DIR
"""
import pathlib
import re
import subprocess
import sys
import tomllib

ROW = re.compile(r"^\| `([a-z_]+\.[a-z_0-9]+)` \|.* \| ([a-z]+) \|$")  # the kind is the last cell
CONSTANT = {"behaviour", "calibrated"}
TOP_LEVEL = {"model", "title", "description", "extends", "burn_in", "timeline"}


def kinds(candour: str) -> dict:
    out = subprocess.run(
        [candour, "describe", "--format", "markdown", "--section", "parameters"],
        check=True, capture_output=True, text=True).stdout
    return {m.group(1): m.group(2) for m in map(ROW.match, out.splitlines()) if m}


def flatten(table: dict, prefix: str = "") -> list:
    keys = []
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            keys += flatten(value, name + ".")
        else:
            keys.append(name)
    return keys


def set_keys(document: dict) -> list:
    keys = flatten({k: v for k, v in document.items() if k not in TOP_LEVEL})
    for stage in document.get("timeline", []):
        keys += flatten(stage.get("set", {}))
    return keys


def main() -> int:
    candour, folder = sys.argv[1], pathlib.Path(sys.argv[2])
    kind = kinds(candour)
    problems, files = [], sorted(folder.glob("*.toml"))
    for path in files:
        with open(path, "rb") as f:
            document = tomllib.load(f)
        for key in set_keys(document):
            if key not in kind:
                problems.append(f"{path}: `{key}` is not a parameter of the model")
            elif kind[key] in CONSTANT:
                problems.append(f"{path}: sets `{key}`, {kind[key]}, not a lever")
    for p in problems:
        print(p)
    print(f"{len(files)} scenario files checked, {len(problems)} problem(s)")
    return 1 if problems or not files else 0


if __name__ == "__main__":
    sys.exit(main())
