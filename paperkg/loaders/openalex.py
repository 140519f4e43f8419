"""OpenAlex works (JSON or JSONL): title, abstract_inverted_index, ids, referenced_works."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from paperkg.loaders.base import Record, clean_whitespace
from paperkg.loaders.tabular import read_json, read_jsonl
from paperkg.records import Paper, Skipped, normalize_arxiv_id

__all__ = ["abstract_from_inverted_index", "parse_openalex_work", "read_openalex",
           "looks_like_openalex"]


def looks_like_openalex(record: Mapping[str, Any]) -> bool:
    return "abstract_inverted_index" in record or str(record.get("id", "")).startswith(
        "https://openalex.org/")


def abstract_from_inverted_index(index: Mapping[str, list[int]] | None) -> str:
    """Rebuild the abstract text from OpenAlex's word -> positions index.

    >>> abstract_from_inverted_index({"We": [0], "propose": [1], "GLiNER.": [2]})
    'We propose GLiNER.'
    """
    if not index:
        return ""
    positions: dict[int, str] = {}
    for word, places in index.items():
        for place in places or ():
            positions[int(place)] = word
    return " ".join(positions[i] for i in sorted(positions))


def _short_openalex(value: str) -> str:
    return value.rsplit("/", 1)[-1] if value else value


def parse_openalex_work(record: Any, location: str, source: str,
                        columns: Mapping[str, str] | None = None) -> Record:
    """One OpenAlex work as a Paper; referenced works become its ``references`` (OpenAlex ids)."""
    if not isinstance(record, dict):
        return Skipped(location, "not a JSON object")
    abstract = clean_whitespace(abstract_from_inverted_index(record.get("abstract_inverted_index")))
    if not abstract:
        return Skipped(location, "no abstract", str(record.get("id", "")))
    ids = record.get("ids") or {}
    doi = (record.get("doi") or ids.get("doi") or "").replace("https://doi.org/", "") or None
    arxiv_id = normalize_arxiv_id(ids.get("arxiv", "")) if ids.get("arxiv") else None
    if arxiv_id is None and doi and "arxiv." in doi.lower():
        arxiv_id = normalize_arxiv_id(doi.lower().rsplit("arxiv.", 1)[1])
    landing = (record.get("primary_location") or {}).get("landing_page_url") or ""
    if arxiv_id is None and "arxiv.org" in landing:
        arxiv_id = normalize_arxiv_id(landing)
    authors = tuple(
        (a.get("author") or {}).get("display_name", "")
        for a in record.get("authorships") or [] if (a.get("author") or {}).get("display_name")
    )
    return Paper(
        title=clean_whitespace(record.get("title") or record.get("display_name") or "") or None,
        abstract=abstract,
        arxiv_id=arxiv_id,
        doi=doi,
        openalex_id=_short_openalex(str(record.get("id", ""))) or None,
        url=landing or None,
        authors=authors,
        published=record.get("publication_date"),
        categories=tuple(c.get("display_name", "") for c in record.get("concepts") or []
                         if c.get("display_name"))[:8],
        references=tuple(f"openalex:{_short_openalex(w)}" for w in record.get("referenced_works") or []),
        sources=(source,),
    )


def read_openalex(path: str | Path, *, lines: bool, columns: Mapping[str, str] | None = None
                  ) -> Iterator[Record]:
    """Read OpenAlex works from JSONL (``lines=True``, streamed) or a JSON API response."""
    reader = read_jsonl if lines else read_json
    return reader(path, columns=columns, to_record=parse_openalex_work)
