"""Choose a loader by looking at a file's content, never its name."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from functools import partial
from pathlib import Path

from paperkg.errors import InputError, UnknownFormatError
from paperkg.loaders.arxiv import looks_like_arxiv_snapshot, read_arxiv_atom, read_arxiv_snapshot
from paperkg.loaders.base import Record
from paperkg.loaders.hf_daily import looks_like_hf_daily, read_hf_daily
from paperkg.loaders.hf_table import looks_like_hf_table, read_hf_table
from paperkg.loaders.openalex import looks_like_openalex, read_openalex
from paperkg.loaders.tabular import read_delimited, read_json, read_jsonl, read_parquet

__all__ = ["sniff_format", "reader_for", "FORMATS"]

SAMPLE_BYTES = 64 * 1024
FORMATS = ("hf-daily", "hf-table", "csv", "tsv", "jsonl", "json", "parquet", "arxiv-snapshot",
           "arxiv-atom", "openalex-jsonl", "openalex-json")
_TABLE_WORDS = {"abstract", "summary", "title"}


def _first_json_value(text: str) -> object:
    decoder = json.JSONDecoder()
    return decoder.raw_decode(text.lstrip())[0]


def sniff_format(path: str | Path, columns: Mapping[str, str] | None = None) -> str:
    """Name of the format of ``path``, from its first 64 KiB.

    Raises InputError for an empty file and UnknownFormatError when nothing fits.
    """
    path = Path(path)
    with open(path, "rb") as handle:
        head = handle.read(SAMPLE_BYTES)
    if not head.strip():
        raise InputError("empty file", str(path))
    if head.startswith(b"PAR1"):
        return "parquet"
    if b"\x00" in head[:4096]:
        raise UnknownFormatError("binary content that is not Parquet; paperkg reads "
                                 "text pages, tables, JSON/JSONL, Atom and Parquet", str(path))
    sample = head.decode("utf-8", errors="replace").lstrip("\ufeff")
    stripped = sample.lstrip()
    if stripped.startswith("<"):
        if "<feed" in sample and "http://www.w3.org/2005/Atom" in sample:
            return "arxiv-atom"
        raise UnknownFormatError("XML that is not an Atom feed", str(path))
    if stripped.startswith("{") or stripped.startswith("["):
        return _sniff_json(path, stripped)
    first = stripped.splitlines()[0] if stripped else ""
    if looks_like_hf_table(sample):
        return "hf-table"
    wanted = _TABLE_WORDS | {c.lower() for c in (columns or {}).values()}
    for sep, name in (("\t", "tsv"), (",", "csv")):
        header = {c.strip().strip('"').lower() for c in first.split(sep)}
        if sep in first and header & wanted:
            return name
    if looks_like_hf_daily(sample):
        return "hf-daily"
    raise UnknownFormatError(
        "content matches no known format (HF daily-papers page, HF table, CSV/TSV with a title or "
        "abstract column, JSON/JSONL, arXiv snapshot or Atom, OpenAlex, Parquet)", str(path))


def _sniff_json(path: Path, text: str) -> str:
    first_line = text.splitlines()[0]
    try:
        value = json.loads(first_line)
        lines = isinstance(value, dict) and not any(
            isinstance(value.get(k), list) for k in ("results", "data", "papers", "records", "works"))
    except json.JSONDecodeError:
        lines = False
        try:
            value = _first_json_value(text)
        except json.JSONDecodeError:
            value = None  # a JSON document longer than the sample; look at its start
    record: Mapping | None = None
    if isinstance(value, dict):
        inner = next((value[k] for k in ("results", "data", "papers", "records", "works")
                      if isinstance(value.get(k), list)), None)
        record = inner[0] if inner and isinstance(inner[0], dict) else value
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        record = value[0]
    if record is None:
        if text.startswith("[") or text.startswith("{"):
            return "openalex-json" if "abstract_inverted_index" in text else "json"
        raise UnknownFormatError("JSON without records", str(path))
    if looks_like_openalex(record):
        return "openalex-jsonl" if lines else "openalex-json"
    if lines and looks_like_arxiv_snapshot(record):
        return "arxiv-snapshot"
    return "jsonl" if lines else "json"


def reader_for(fmt: str, columns: Mapping[str, str] | None = None
               ) -> Callable[[Path], Iterator[Record]]:
    """The streaming reader for a format name."""
    readers: dict[str, Callable[[Path], Iterator[Record]]] = {
        "hf-daily": read_hf_daily,
        "hf-table": read_hf_table,
        "csv": partial(read_delimited, sep=",", columns=columns),
        "tsv": partial(read_delimited, sep="\t", columns=columns),
        "jsonl": partial(read_jsonl, columns=columns),
        "json": partial(read_json, columns=columns),
        "parquet": partial(read_parquet, columns=columns),
        "arxiv-snapshot": partial(read_arxiv_snapshot, columns=columns),
        "arxiv-atom": partial(read_arxiv_atom, columns=columns),
        "openalex-jsonl": partial(read_openalex, lines=True, columns=columns),
        "openalex-json": partial(read_openalex, lines=False, columns=columns),
    }
    return readers[fmt]
