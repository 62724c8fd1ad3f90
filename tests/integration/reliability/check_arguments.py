#!/usr/bin/python3
"""Bad command-line arguments: exit 2 and one short line naming the option
and the allowed values, never a 300-digit bound or a silently clamped value.

usage: check_arguments.py CANDOUR WORKDIR DATA"""
import pathlib
import sys

from faults import candour, check, finish, fresh


def main():
    binary, work, data = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    work = fresh(work)
    scenario = data / "toy_small.toml"
    out = work / "x.h5"
    for command in ("run", "sweep"):
        target = scenario if command == "run" else data / "toy_grid.toml"
        done = candour(binary, command, target, "--threads", "-1", "-o", out, expect=2,
                       says=["--threads", "up to 4096", "'-1'"])
        check(len(done.stderr) < 200, f"{command} --threads -1: a message of {len(done.stderr)} "
              "characters")
    # 2^64 does not fit any integer type: reported as given, with the range.
    candour(binary, "run", scenario, "--seed", "18446744073709551616", "-o", out, expect=2,
            says=["--seed", "18446744073709551616", "out of range", "[0, 9223372036854775807]"])
    # describe states the same range (it once printed the bound 2^63 cast to -2^63).
    for form in ("text", "markdown"):
        listing = candour(binary, "describe", "--model", "toy", "--section", "parameters",
                          "--format", form, expect=0).stdout
        seed_line = next(line for line in listing.splitlines() if "run.seed" in line)
        check("9223372036854775807" in seed_line and "-9223372036854775808" not in seed_line,
              f"describe --format {form}: seed range {seed_line.strip()!r}")
    candour(binary, "validate", scenario, "--seed", "-1", expect=2,
            says=["--seed", "-1", "out of range"])
    candour(binary, "run", scenario, "--days", "100000", "-o", out, expect=2,
            says=["--days", "100000", "[1, 36500]"])
    candour(binary, "run", scenario, "--days", "1.5", "-o", out, expect=2,
            says=["--days", "expects an integer"])
    candour(binary, "run", scenario, "--no-such-option", expect=2, says=["--no-such-option"])
    check(not out.exists(), "an output was written")
    finish()


if __name__ == "__main__":
    main()
