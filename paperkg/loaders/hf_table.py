"""Hugging Face dataset-viewer table text: header rows, then ``arxiv_id | abstract |`` rows.

An abstract spans several lines and its row ends with ``|``. A row that a new row or the end
of the file interrupts before its closing ``|`` was cut: it is reported and kept if its text is
long enough to be an abstract.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from paperkg.loaders.base import Record, clean_whitespace, read_text_records
from paperkg.records import Paper, Skipped, normalize_arxiv_id

__all__ = ["parse_hf_table", "read_hf_table", "looks_like_hf_table"]

_ROW_START = re.compile(r"^\s*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})\s*\|\s?(.*)$")
MIN_ABSTRACT_CHARS = 100


def looks_like_hf_table(sample: str) -> bool:
    """Sniff: a ``---|---|`` rule or rows that start with an arXiv id and a ``|``."""
    lines = sample.splitlines()[:60]
    rows = sum(1 for ln in lines if _ROW_START.match(ln))
    return rows >= 1 and (any("---|" in ln for ln in lines) or "| abstract" in sample or rows >= 3)


def parse_hf_table(lines: Iterable[tuple[int, str]], source: str) -> Iterator[Record]:
    """Yield Papers (and Skipped notes) from ``(line_number, text)`` pairs of one table."""
    row: tuple[int, str, list[str]] | None = None  # (line, id, text parts)

    def finish(closed: bool) -> Iterator[Record]:
        assert row is not None
        number, raw_id, parts = row
        location = f"{source}:{number}"
        abstract = clean_whitespace(" ".join(parts))
        if not abstract:
            yield Skipped(location, "no abstract", raw_id)
            return
        if not closed:
            if len(abstract) < MIN_ABSTRACT_CHARS:
                yield Skipped(location, "truncated row", f"{raw_id}: row cut before its closing '|'")
                return
            yield Skipped(location, "truncated row (kept)",
                          f"{raw_id}: no closing '|', abstract may be incomplete")
        yield Paper(title=None, abstract=abstract, arxiv_id=normalize_arxiv_id(raw_id),
                    sources=(source,))

    in_header = True
    for number, raw in lines:
        line = raw.rstrip()
        match = _ROW_START.match(line)
        if match:
            if row is not None:
                yield from finish(closed=False)
            in_header = False
            row = (number, match.group(1), [])
            line = match.group(2)
        elif row is None:
            if line.strip() and not in_header:
                yield Skipped(f"{source}:{number}", "not a table row", line.strip()[:60])
            continue
        stripped = line.rstrip()
        if stripped.endswith("|"):
            row[2].append(stripped[:-1])
            yield from finish(closed=True)
            row = None
        else:
            row[2].append(stripped)
    if row is not None:
        yield from finish(closed=False)


def read_hf_table(path: str | Path) -> Iterator[Record]:
    """Stream one saved dataset-viewer table."""
    return read_text_records(path, parse_hf_table)
