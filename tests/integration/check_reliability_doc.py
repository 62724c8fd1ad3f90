#!/usr/bin/python3
"""docs/reliability.md backs every promise with a test: each name in the
`tests` column of its tables (a ctest name, or a glob such as
`sweep_rejects_*`) must be a test of this build.

usage: check_reliability_doc.py DOC BUILD_DIR"""
import fnmatch
import re
import subprocess
import sys


def named_tests(doc):
    names = set()
    for table in re.split(r"\n\s*\n", doc):
        lines = [l for l in table.splitlines() if l.startswith("|")]
        if not lines:
            continue
        header = [c.strip() for c in lines[0].strip("|").split("|")]
        if "tests" not in header:
            continue
        column = header.index("tests")
        for line in lines[2:]:
            cells = [c.strip() for c in line.strip("|").split("|")]
            if column < len(cells):
                names.update(re.findall(r"`([^`]+)`", cells[column]))
    return names


def main():
    doc_path, build = sys.argv[1], sys.argv[2]
    doc = open(doc_path, encoding="utf-8").read()
    listed = subprocess.run(["ctest", "--test-dir", build, "-N"], capture_output=True, text=True,
                            check=True).stdout
    tests = set(re.findall(r"^\s*Test\s+#\d+: (.+)$", listed, re.MULTILINE))
    names = named_tests(doc)
    missing = sorted(n for n in names if not fnmatch.filter(tests, n))
    print(f"{len(names)} test names in {doc_path}; {len(tests)} tests in {build}")
    for name in missing:
        print(f"FAIL: {name!r} is not a test")
    if len(names) < 20:
        print("FAIL: too few test names found: is the tests column still there?")
        return 1
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
