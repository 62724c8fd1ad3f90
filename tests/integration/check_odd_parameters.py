"""docs/ODD.md states every parameter as the code runs it: each row of the
`candour describe --format markdown --section parameters` table must appear in
the ODD's parameter tables (section 7.1) with the same type, default, range,
unit, meaning and source, and the ODD must list no parameter the code lacks.
In the equations (sections 1-6), a parameter quoted with a number in brackets,
`name` (value), must quote its default.

Usage: check_odd_parameters.py CANDOUR ODD_MD [--fix]
With --fix, rows whose text differs are rewritten in place and missing rows are
printed (they belong in a particular subsection, which a person chooses).
"""
import re
import subprocess
import sys

ROW = re.compile(r"^\| `([a-z_]+\.[a-z_0-9]+)` \|")


def odd_range(described: str) -> str:
    # describe prints "[lo, hi]"; the ODD writes "lo..hi".
    m = re.fullmatch(r"\[(.*), (.*)\]", described.strip())
    return f"{m.group(1)}..{m.group(2)}" if m else described.strip()


INLINE = re.compile(r"`([a-z_]+\.[a-z_0-9]+)` \((−?-?[0-9][0-9.,]*)\)")
SECTION_REFERENCE = re.compile(r"^[0-9]+(\.[0-9]+){2,}$")  # "(6.3.7)" names a section


def inline_problems(text: str, expected: dict) -> list:
    """Every `name` (number) in the equations must quote the code's default."""
    problems = []
    body = text[:text.index("### 7.1 Parameters")]
    for m in INLINE.finditer(body):
        name, quoted = m.group(1), m.group(2).replace("−", "-").replace(",", "")
        if SECTION_REFERENCE.match(quoted) or name.startswith("run."):
            continue
        line = text.count("\n", 0, m.start()) + 1
        if name not in expected:
            problems.append(f"docs/ODD.md:{line}: `{name}` is not a parameter of the model")
            continue
        default = expected[name].split(" | ")[2]
        try:
            same = abs(float(quoted) - float(default)) <= 1e-9 * max(1.0, abs(float(default)))
        except ValueError:
            same = quoted == default
        if not same:
            problems.append(f"docs/ODD.md:{line}: `{name}` ({m.group(2)}) but the code's default "
                            f"is {default}")
    return problems


def described_rows(candour: str) -> dict:
    out = subprocess.run(
        [candour, "describe", "--format", "markdown", "--section", "parameters"],
        check=True, capture_output=True, text=True).stdout
    rows = {}
    for line in out.splitlines():
        m = ROW.match(line)
        if not m or m.group(1).startswith("run."):
            continue  # run.* belong to the engine, documented in docs/scenarios.md
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        cells[3] = odd_range(cells[3])
        rows[m.group(1)] = "| " + " | ".join(cells) + " |"
    return rows


def main() -> int:
    candour, odd_path = sys.argv[1], sys.argv[2]
    fix = "--fix" in sys.argv[3:]
    expected = described_rows(candour)
    lines = open(odd_path, encoding="utf-8").read().split("\n")
    start = lines.index("### 7.1 Parameters")
    end = lines.index("### 7.2 Outputs")
    seen, problems = set(), []
    for k in range(start, end):
        m = ROW.match(lines[k])
        if not m:
            continue
        name = m.group(1)
        seen.add(name)
        if name not in expected:
            problems.append(f"docs/ODD.md:{k + 1}: `{name}` is not a parameter of the model")
        elif lines[k] != expected[name]:
            problems.append(f"docs/ODD.md:{k + 1}: `{name}` differs from the code:\n"
                            f"  ODD:  {lines[k]}\n  code: {expected[name]}")
            if fix:
                lines[k] = expected[name]
    problems += inline_problems("\n".join(lines), expected)
    for name in sorted(set(expected) - seen):
        problems.append(f"docs/ODD.md section 7.1 lacks `{name}`:\n  {expected[name]}")
    if fix:
        open(odd_path, "w", encoding="utf-8").write("\n".join(lines))
    for p in problems:
        print(p)
    print(f"{len(expected)} parameters checked, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
