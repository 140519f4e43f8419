"""CSV, TSV, JSON, JSONL and Parquet tables with usual column names (or a user's mapping).

CSV/TSV and Parquet stream through pandas / pyarrow in chunks; JSONL streams line by line so a
broken line is reported with its number. A JSON array is read whole (JSON has no streaming
form); use JSONL for large files.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from paperkg.errors import InputError
from paperkg.loaders.base import Record, paper_from_fields, parse_json_lines, read_text_records
from paperkg.records import Skipped

__all__ = ["read_delimited", "read_jsonl", "read_json", "read_parquet", "parse_json_records"]

CHUNK_ROWS = 2000


def read_delimited(path: str | Path, *, sep: str = ",",
                   columns: Mapping[str, str] | None = None) -> Iterator[Record]:
    """Stream a CSV (``sep=","``) or TSV (``sep="\\t"``) file in chunks of rows."""
    import pandas as pd

    path = Path(path)
    bad: list[Skipped] = []

    def on_bad_line(fields: list[str]) -> None:
        bad.append(Skipped(f"{path}", "malformed row", f"{len(fields)} fields: {sep.join(fields)[:60]}"))
        return None

    try:
        reader = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, chunksize=CHUNK_ROWS,
                             engine="python", on_bad_lines=on_bad_line, encoding_errors="replace",
                             quoting=csv.QUOTE_MINIMAL)
        row_number = 0
        for chunk in reader:
            for record in chunk.to_dict("records"):
                row_number += 1
                yield paper_from_fields(record, f"{path}:record {row_number}", str(path), columns)
            yield from bad
            bad.clear()
    except pd.errors.EmptyDataError:
        yield Skipped(str(path), "empty file")
    except (pd.errors.ParserError, csv.Error) as err:
        yield Skipped(str(path), "unreadable table", str(err).splitlines()[0])
    yield from bad


def parse_json_records(record: Any, location: str, source: str,
                       columns: Mapping[str, str] | None = None) -> Record:
    if not isinstance(record, dict):
        return Skipped(location, "not a JSON object", type(record).__name__)
    return paper_from_fields(record, location, source, columns)


def read_jsonl(path: str | Path, *, columns: Mapping[str, str] | None = None,
               to_record=parse_json_records) -> Iterator[Record]:  # noqa: ANN001
    """Stream a JSON Lines file; a broken line is reported by number and skipped."""

    def parse(numbered_lines: Iterable[tuple[int, str]], source: str) -> Iterator[Record]:
        for line in parse_json_lines(numbered_lines, source):
            if line.error is not None:
                yield Skipped(line.location, "broken JSON line", line.error.msg)
            else:
                yield to_record(line.value, line.location, source, columns)

    return read_text_records(path, parse)


def read_json(path: str | Path, *, columns: Mapping[str, str] | None = None,
              to_record=parse_json_records) -> Iterator[Record]:  # noqa: ANN001
    """Read a JSON array of records (or an object with a ``results``/``data`` list)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8", errors="replace"))
    except json.JSONDecodeError as err:
        raise InputError(f"broken JSON ({err.msg} at line {err.lineno})", f"{path}:{err.lineno}") from err
    if isinstance(data, dict):
        for key in ("results", "data", "papers", "records", "works"):
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            data = [data]
    for index, value in enumerate(data, start=1):
        yield to_record(value, f"{path}:record {index}", str(path), columns)


def read_parquet(path: str | Path, *, columns: Mapping[str, str] | None = None) -> Iterator[Record]:
    """Stream a Parquet file batch by batch with pyarrow."""
    import pyarrow.parquet as pq

    path = Path(path)
    try:
        parquet = pq.ParquetFile(path)
    except Exception as err:  # pyarrow raises several types for a damaged file
        raise InputError(f"unreadable Parquet file ({err})", str(path)) from err
    index = 0
    for batch in parquet.iter_batches(batch_size=CHUNK_ROWS):
        for record in batch.to_pylist():
            index += 1
            yield paper_from_fields(record, f"{path}:record {index}", str(path), columns)
