"""What every loader shares: the record stream type, line reading with encoding checks, JSON lines,
field mapping."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paperkg.records import Paper, Skipped, normalize_arxiv_id

__all__ = ["Record", "read_lines", "read_text_records", "JsonLine", "parse_json_lines", "clean_whitespace",
           "paper_from_fields", "FIELD_ALIASES"]

#: A loader yields Papers and Skipped notes, in file order.
Record = Paper | Skipped

#: Usual column names for each Paper field, tried in order (case-insensitive).
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title", "paper_title", "display_name", "name"),
    "abstract": ("abstract", "summary", "abstract_text", "paper_abstract", "description"),
    "arxiv_id": ("arxiv_id", "arxiv", "arxivid", "paper_id", "id"),
    "doi": ("doi",),
    "url": ("url", "link", "pdf_url", "abs_url"),
    "authors": ("authors", "author", "author_names"),
    "published": ("published", "date", "publication_date", "update_date", "year", "created"),
    "categories": ("categories", "category", "primary_category", "subjects"),
    "references": ("references", "referenced_works", "cites", "citations"),
}


def clean_whitespace(text: str) -> str:
    """Collapse runs of whitespace (arXiv metadata wraps titles and abstracts).

    >>> clean_whitespace("  Attention  is\\n all you   need ")
    'Attention is all you need'
    """
    return " ".join(text.split())


def read_lines(path: Path) -> Iterator[tuple[int, str, Skipped | None]]:
    """Yield ``(line_number, text, warning)`` streaming the file.

    A line that is not UTF-8 is decoded as cp1252 and comes with a warning naming it, so its
    record is still read.
    """
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield number, raw.decode("utf-8").rstrip("\r\n"), None
            except UnicodeDecodeError as err:
                text = raw.decode("cp1252", errors="replace").rstrip("\r\n")
                note = Skipped(f"{path}:{number}", "bad encoding",
                               f"not UTF-8 ({err.reason} at byte {err.start}); read as cp1252")
                yield number, text, note


def read_text_records(path: str | Path,
                      parse: Callable[[Iterable[tuple[int, str]], str], Iterator[Record]]) -> Iterator[Record]:
    """Stream a text file through ``parse(numbered_lines, source)``, with encoding notes in line order."""
    path = Path(path)
    notes: list[Skipped] = []

    def numbered() -> Iterator[tuple[int, str]]:
        for number, text, note in read_lines(path):
            if note:
                notes.append(note)
            yield number, text

    for record in parse(numbered(), str(path)):
        yield from notes
        notes.clear()
        yield record
    yield from notes


@dataclass(frozen=True)
class JsonLine:
    """One non-blank line of a JSON Lines file: ``path:line``, and its value or why it is not JSON."""

    location: str
    value: Any = None
    error: json.JSONDecodeError | None = None


def parse_json_lines(numbered_lines: Iterable[tuple[int, str]], source: str) -> Iterator[JsonLine]:
    """Decode each non-blank line; a broken one comes with its error, so the caller skips or raises.

    >>> lines = parse_json_lines([(1, '{"a": 1}'), (2, "  "), (3, '{"a": ')], "x.jsonl")
    >>> [(line.location, line.value, line.error and line.error.msg) for line in lines]
    [('x.jsonl:1', {'a': 1}, None), ('x.jsonl:3', None, 'Expecting value')]
    """
    for number, text in numbered_lines:
        if not text.strip():
            continue
        location = f"{source}:{number}"
        try:
            yield JsonLine(location, json.loads(text))
        except json.JSONDecodeError as err:
            yield JsonLine(location, error=err)


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        parts = re.split(r"\s*[;|]\s*|\s+and\s+", value) if ";" in value or "|" in value else [value]
        return tuple(p.strip() for p in parts if p.strip())
    if isinstance(value, Mapping):
        return tuple(str(v) for v in value.values() if v)
    if isinstance(value, Iterable):
        return tuple(str(v).strip() for v in value if v is not None and str(v).strip())
    return (str(value),)


def _lookup(record: Mapping[str, Any], field: str, columns: Mapping[str, str]) -> Any:
    lowered = {str(k).lower(): k for k in record}
    names = (columns[field],) if field in columns else FIELD_ALIASES[field]
    for name in names:
        key = lowered.get(name.lower())
        if key is not None:
            value = record[key]
            if value is None or (isinstance(value, float) and value != value):  # NaN
                continue
            if isinstance(value, str) and not value.strip():
                continue
            return value
    return None


def paper_from_fields(record: Mapping[str, Any], location: str, source: str,
                      columns: Mapping[str, str] | None = None) -> Record:
    """Map a dict with usual (or user-mapped) column names onto a Paper, or a Skipped note."""
    columns = columns or {}
    raw_abstract = _lookup(record, "abstract", columns)
    abstract = clean_whitespace(str(raw_abstract)) if raw_abstract is not None else ""
    if not abstract:
        return Skipped(location, "no abstract")
    title = _lookup(record, "title", columns)
    raw_id = _lookup(record, "arxiv_id", columns)
    doi = _lookup(record, "doi", columns)
    arxiv_id = normalize_arxiv_id(str(raw_id)) if raw_id is not None else None
    if arxiv_id is None and doi and "arxiv." in str(doi).lower():
        arxiv_id = normalize_arxiv_id(str(doi).lower().rsplit("arxiv.", 1)[1])
    categories = _lookup(record, "categories", columns)
    if isinstance(categories, str):
        categories = categories.split()
    published = _lookup(record, "published", columns)
    return Paper(
        title=clean_whitespace(str(title)) if title else None,
        abstract=abstract,
        arxiv_id=arxiv_id,
        doi=str(doi).strip() if doi else None,
        url=str(u) if (u := _lookup(record, "url", columns)) else None,
        authors=_as_tuple(_lookup(record, "authors", columns)),
        published=str(published) if published is not None else None,
        categories=_as_tuple(categories),
        references=_as_tuple(_lookup(record, "references", columns)),
        sources=(source,),
    )
