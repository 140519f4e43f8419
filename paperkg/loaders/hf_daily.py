"""Hugging Face daily-papers page text: page chrome, then titles and abstracts alternating.

Titles and abstracts come with or without blank lines between them; the first title can be glued
to the "Subscribe" button text; an abstract can start with junk like ``sec:abstract``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from paperkg.loaders.base import Record, clean_whitespace, read_text_records
from paperkg.records import Paper, Skipped

__all__ = ["parse_hf_daily", "read_hf_daily", "looks_like_hf_daily", "is_chrome"]

_CHROME = re.compile(
    r"""^(?:
        new | subscribe | upvote | submitted\ by.* | byak\ and\ the\ research\ community
      | get\ trending\ papers\ in\ your\ email\ inbox(?:\ once\ a\ day)?!?
      | daily\ papers | \d+ | ·
      | (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\ \d{1,2}(?:,\ \d{4})?
    )$""",
    re.I | re.X,
)
_GLUED_SUBSCRIBE = re.compile(r"^Subscribe(?=[A-Z0-9\"'“])")
_ABSTRACT_JUNK = re.compile(r"^(?:sec:abstract|abstract[:.]?|summary:)\s*", re.I)


def is_chrome(line: str) -> bool:
    """True for page furniture that is never a paper.

    >>> is_chrome("Get trending papers in your email inbox!"), is_chrome("Mar 14")
    (True, True)
    >>> is_chrome("Titans: Learning to Memorize at Test Time")
    False
    """
    return bool(_CHROME.match(line.strip()))


def _is_abstract(line: str) -> bool:
    words = len(line.split())
    return len(line) >= 300 or (words >= 25 and line.rstrip()[-1:] in ".!?)]")


def looks_like_hf_daily(sample: str) -> bool:
    """Sniff: the page chrome, or long abstract lines after short title lines."""
    if "Get trending papers" in sample or "byAK and the research community" in sample:
        return True
    lines = [ln.strip() for ln in sample.splitlines() if ln.strip()][:40]
    if len(lines) < 2:
        return False
    pairs = sum(1 for a, b in zip(lines, lines[1:], strict=False) if not _is_abstract(a) and _is_abstract(b))
    return pairs >= max(1, len(lines) // 4) and "|" not in lines[0]


def parse_hf_daily(lines: Iterable[tuple[int, str]], source: str) -> Iterator[Record]:
    """Yield Papers (and Skipped notes) from ``(line_number, text)`` pairs of one page."""
    title: tuple[int, str] | None = None
    last: Paper | None = None
    for number, raw in lines:
        line = raw.strip()
        if not line or is_chrome(line):
            continue
        line = _GLUED_SUBSCRIBE.sub("", line)
        if _is_abstract(line):
            abstract = clean_whitespace(_ABSTRACT_JUNK.sub("", line))
            if title is not None:
                if last is not None:
                    yield last
                last = Paper(title=title[1], abstract=abstract, sources=(source,))
                title = None
            elif last is not None:  # an abstract that goes on over several lines
                last = Paper(title=last.title, abstract=f"{last.abstract} {abstract}",
                             sources=last.sources)
            else:
                yield Skipped(f"{source}:{number}", "abstract without title")
            continue
        if title is not None:
            yield Skipped(f"{source}:{title[0]}", "no abstract", title[1][:80])
        title = (number, clean_whitespace(line))
    if last is not None:
        yield last
    if title is not None:
        yield Skipped(f"{source}:{title[0]}", "no abstract", f"{title[1][:80]} (file ends after title)")


def read_hf_daily(path: str | Path) -> Iterator[Record]:
    """Stream one saved daily-papers page."""
    return read_text_records(path, parse_hf_daily)
