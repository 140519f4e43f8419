"""arXiv metadata: the public metadata snapshot (JSON Lines) and the arXiv API's Atom feed."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from paperkg.errors import InputError
from paperkg.loaders.base import Record, clean_whitespace
from paperkg.loaders.tabular import read_jsonl
from paperkg.records import Paper, Skipped, normalize_arxiv_id

__all__ = ["parse_arxiv_snapshot_record", "read_arxiv_snapshot", "read_arxiv_atom",
           "looks_like_arxiv_snapshot"]

_SNAPSHOT_KEYS = {"submitter", "authors_parsed", "versions", "update_date", "journal-ref"}


def looks_like_arxiv_snapshot(record: Mapping[str, Any]) -> bool:
    return "abstract" in record and "id" in record and len(_SNAPSHOT_KEYS & record.keys()) >= 2


def _snapshot_authors(record: Mapping[str, Any]) -> tuple[str, ...]:
    parsed = record.get("authors_parsed")
    if isinstance(parsed, list) and parsed:
        names = []
        for parts in parsed:
            if isinstance(parts, list) and parts:
                last, first = parts[0], parts[1] if len(parts) > 1 else ""
                names.append(clean_whitespace(f"{first} {last}"))
        return tuple(names)
    authors = record.get("authors") or ""
    return tuple(a.strip() for a in clean_whitespace(authors).replace(" and ", ", ").split(",")
                 if a.strip())


def parse_arxiv_snapshot_record(record: Any, location: str, source: str,
                                columns: Mapping[str, str] | None = None) -> Record:
    """One line of arxiv-metadata-oai-snapshot.json as a Paper."""
    if not isinstance(record, dict):
        return Skipped(location, "not a JSON object")
    abstract = clean_whitespace(record.get("abstract") or "")
    if not abstract:
        return Skipped(location, "no abstract", str(record.get("id", "")))
    arxiv_id = normalize_arxiv_id(str(record.get("id", "")))
    versions = record.get("versions") or []
    published = versions[0].get("created") if versions and isinstance(versions[0], dict) else None
    return Paper(
        title=clean_whitespace(record.get("title") or "") or None,
        abstract=abstract,
        arxiv_id=arxiv_id,
        doi=record.get("doi") or None,
        url=f"https://arxiv.org/abs/{arxiv_id}" if arxiv_id else None,
        authors=_snapshot_authors(record),
        published=record.get("update_date") or published,
        categories=tuple((record.get("categories") or "").split()),
        sources=(source,),
    )


def read_arxiv_snapshot(path: str | Path, *, columns: Mapping[str, str] | None = None) -> Iterator[Record]:
    """Stream the arXiv metadata snapshot, one JSON object per line."""
    return read_jsonl(path, columns=columns, to_record=parse_arxiv_snapshot_record)


def read_arxiv_atom(path: str | Path, *, columns: Mapping[str, str] | None = None) -> Iterator[Record]:
    """Read an arXiv API Atom feed with feedparser (one page of results)."""
    import feedparser

    path = Path(path)
    feed = feedparser.parse(str(path))
    if feed.bozo and not feed.entries:
        raise InputError(f"not a readable Atom feed ({feed.bozo_exception})", str(path))
    for index, entry in enumerate(feed.entries, start=1):
        location = f"{path}:entry {index}"
        abstract = clean_whitespace(entry.get("summary", ""))
        if not abstract:
            yield Skipped(location, "no abstract", entry.get("id", ""))
            continue
        arxiv_id = normalize_arxiv_id(entry.get("id", ""))
        yield Paper(
            title=clean_whitespace(entry.get("title", "")) or None,
            abstract=abstract,
            arxiv_id=arxiv_id,
            doi=entry.get("arxiv_doi") or None,
            url=entry.get("link") or (f"https://arxiv.org/abs/{arxiv_id}" if arxiv_id else None),
            authors=tuple(a.get("name", "") for a in entry.get("authors", []) if a.get("name")),
            published=entry.get("published"),
            categories=tuple(t.get("term", "") for t in entry.get("tags", []) if t.get("term")),
            sources=(str(path),),
        )
