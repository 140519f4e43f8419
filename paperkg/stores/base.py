"""What every store shares: the QueryResult it returns and how values and parameters look.

A store (embedded LadybugDB or Neo4j) writes a KnowledgeGraph and runs Cypher; both return a
:class:`QueryResult` of plain Python values, so a caller never sees a driver's own types. A node
comes back as a dict of its properties plus ``_label``, a relationship as its properties plus
``_type``, a path as ``{"nodes": [...], "relationships": [...]}``; properties that are null are
left out (Neo4j does not store nulls, so both stores agree).

>>> result = QueryResult(("name", "n"), [("GSM8K", 3), ("MATH", 1)])
>>> print(result.to_table())
name  | n
------+--
GSM8K | 3
MATH  | 1
(2 rows)
>>> result.to_dicts()[0]
{'name': 'GSM8K', 'n': 3}
>>> parse_params(["name=LLaMA", "limit=5", "ids:=[1, 2]"])
{'name': 'LLaMA', 'limit': 5, 'ids': [1, 2]}
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from paperkg.errors import InputError

__all__ = ["QueryResult", "Store", "parse_params", "format_value"]

_INT = re.compile(r"^-?(0|[1-9]\d*)$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass
class QueryResult:
    """Column names and rows of plain Python values, in the order the query returned them."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):  # noqa: ANN204 - iterator of row tuples
        return iter(self.rows)

    def to_dicts(self) -> list[dict[str, Any]]:
        """One ``{column: value}`` dict per row."""
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]

    def column(self, name: str) -> list[Any]:
        """All values of one column."""
        index = self.columns.index(name)
        return [row[index] for row in self.rows]

    def to_json(self) -> str:
        """A JSON list of row objects."""
        return json.dumps(self.to_dicts(), ensure_ascii=False, indent=1, default=str)

    def to_csv(self) -> str:
        """CSV with a header row; lists and nodes are written as JSON."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow([_csv_cell(value) for value in row])
        return buffer.getvalue()

    def to_table(self, max_width: int = 60) -> str:
        """An aligned text table; cells are cut at ``max_width``, newlines shown as ``⏎``."""
        cells = [[format_value(v, max_width) for v in row] for row in self.rows]
        widths = [len(c) for c in self.columns]
        for row in cells:
            widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
        lines = [" | ".join(c.ljust(w) for c, w in zip(self.columns, widths, strict=True)).rstrip()]
        lines.append("-+-".join("-" * w for w in widths))
        for row in cells:
            lines.append(" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        lines.append(f"({len(self.rows)} row{'' if len(self.rows) == 1 else 's'})")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_table()


class Store(Protocol):
    """The interface both stores share."""

    def write(self, kg: Any) -> dict[str, Any]:
        """Write a KnowledgeGraph; returns counts of what is in (or was created in) the store."""
        ...

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run Cypher with parameters; raises QueryError with the database's message."""
        ...

    def close(self) -> None: ...


def format_value(value: Any, max_width: int = 60) -> str:
    """How a value shows in a table cell.

    >>> format_value({"_label": "Model", "id": "model:llama", "name": "LLaMA"})
    '(:Model LLaMA)'
    >>> format_value(["a", "b"]), format_value(None), format_value(0.5)
    ('[a, b]', '', '0.5')
    """
    if value is None:
        text = ""
    elif isinstance(value, dict) and "_label" in value:
        text = f"(:{value['_label']} {value.get('name', value.get('id', ''))})"
    elif isinstance(value, dict) and "_type" in value:
        text = f"[:{value['_type']}]"
    elif isinstance(value, dict) and set(value) == {"nodes", "relationships"}:
        text = " -> ".join(format_value(n, max_width) for n in value["nodes"])
    elif isinstance(value, (list, tuple)):
        text = "[" + ", ".join(format_value(v, max_width) for v in value) + "]"
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False, default=str)
    else:
        text = str(value)
    text = text.replace("\r", "").replace("\n", "⏎")
    return text if len(text) <= max_width else text[: max_width - 1] + "…"


def _csv_cell(value: Any) -> Any:
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return "" if value is None else value


def parse_params(pairs: Iterable[str]) -> dict[str, Any]:
    """``name=value`` pairs from the command line into query parameters.

    ``name=value`` is a string, except that a plain integer becomes an int (for LIMIT and the
    like); ``name:=JSON`` takes any JSON value (a float, true/false, a list, a quoted string).
    """
    params: dict[str, Any] = {}
    for pair in pairs:
        if ":=" in pair and pair.index(":=") < pair.index("=") + 1:
            name, raw = pair.split(":=", 1)
            try:
                value: Any = json.loads(raw)
            except json.JSONDecodeError as err:
                raise InputError(f"--param {name}:= expects a JSON value, got {raw!r} ({err.msg})") from None
        elif "=" in pair:
            name, value = pair.split("=", 1)
            if _INT.match(value):
                value = int(value)
        else:
            raise InputError(f"--param expects NAME=VALUE or NAME:=JSON, got {pair!r}")
        name = name.strip().lstrip("$")
        if not _NAME.match(name):
            raise InputError(f"--param name {name!r} is not a valid Cypher parameter name")
        params[name] = value
    return params


def rows_of(columns: Sequence[str], records: Iterable[Sequence[Any]]) -> QueryResult:
    """A QueryResult from already-normalized records."""
    return QueryResult(tuple(columns), [tuple(r) for r in records])
