"""What the user names on the command line: files, each optionally labelled `FILE:LABEL`.

A label names the variant a run belongs to (its scenario, or a `--set` variant
of it) in every table and figure; runs with one label are replicates. Without
one, a run's label is the one `candour run --label` stored in it, else its
scenario file's name. A quoted pattern may carry one label for all its files:
`'out/strict_*.h5:strict'`.
"""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Input:
    path: str
    label: str | None = None


def _has_pattern(text: str) -> bool:
    return any(c in text for c in "*?[")


def parse_input(text: str) -> list[Input]:
    """`FILE`, `FILE:LABEL`, or `PATTERN[:LABEL]` (a glob the shell did not expand) as inputs.
    A name that exists as a file is taken whole, colon or not."""
    text = os.fspath(text)
    if os.path.exists(text):
        return [Input(text)]
    path, label = text, None
    head, colon, tail = text.rpartition(":")
    if colon and head and tail and "/" not in tail:
        path, label = head, tail
    if _has_pattern(path) and not os.path.exists(path):
        matches = sorted(glob.glob(path))
        if not matches:
            raise FileNotFoundError(f"{path}: no file matches this pattern")
        return [Input(m, label) for m in matches]
    return [Input(path, label)]


def parse_inputs(texts) -> list[Input]:
    out: list[Input] = []
    for text in texts:
        out.extend(parse_input(text))
    return out
