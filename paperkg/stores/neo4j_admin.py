"""Header and data CSVs for ``neo4j-admin database import full`` (graphs too big for a push).

One header file and one data file per node label and per relationship type, plus ``import.sh``
with the exact command. The header types come from graph/schema.py (``:string[]``, ``:long``,
``:double``, ``:boolean``); node ids are one global ID space (ids are unique across labels), kept
as the ``id`` property so the same Cypher works as after ``paperkg push``. Strings are always
quoted (so an empty string stays an empty string and a missing value stays missing), quotes are
doubled, and list elements are joined with U+001F, which no name contains, instead of ``;``.
The same rows as the other stores, so counts and answers agree.

>>> from paperkg.graph.knowledge_graph import KnowledgeGraph
>>> from paperkg.records import Entity
>>> import tempfile, pathlib
>>> kg = KnowledgeGraph()
>>> _ = kg.add_entity(Entity(id="task:qa", label="Task", name='Say "hi"', aliases=("QA", "Q&A")))
>>> out = write_import_csvs(kg, pathlib.Path(tempfile.mkdtemp()) / "imp")
>>> (out / "nodes_Task_header.csv").read_text()
'id:ID,label,name,aliases:string[]\\n'
>>> line = (out / "nodes_Task.csv").read_text()
>>> '"Say ""hi""' in line, "QA\x1fQ&A" in line
(True, True)
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from paperkg.graph.schema import Property
from paperkg.stores.tables import node_tables, rel_tables

__all__ = ["write_import_csvs", "ARRAY_DELIMITER", "header_field", "csv_line"]

ARRAY_DELIMITER = "\x1f"
_TYPES = {
    "STRING": "",
    "STRING[]": ":string[]",
    "INT64": ":long",
    "DOUBLE": ":double",
    "BOOLEAN": ":boolean",
}


def header_field(prop: Property) -> str:
    """A neo4j-admin header field for a property.

    >>> header_field(Property("confidence", "DOUBLE")), header_field(Property("id"))
    ('confidence:double', 'id:ID')
    """
    if prop.name == "id":
        return "id:ID"
    return prop.name + _TYPES[prop.type]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        if not value:
            return ""
        value = ARRAY_DELIMITER.join(str(v) for v in value)
    return '"' + str(value).replace('"', '""') + '"'


def csv_line(values: Iterable[Any]) -> str:
    """One CSV line: strings quoted, None empty, lists joined with U+001F.

    >>> csv_line(["a", None, 1.5, True, ["x", "y"]])
    '"a",,1.5,true,"x\\x1fy"'
    """
    return ",".join(_cell(v) for v in values)


def _write(path: Path, lines: Iterable[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        for line in lines:
            handle.write(line + "\n")


def write_import_csvs(kg: Any, dest: str | Path) -> Path:
    """Write the CSVs and ``import.sh`` into ``dest``; returns ``dest``.

    Run ``sh dest/import.sh`` (``NEO4J_HOME`` and ``DATABASE`` set as needed) with the
    database stopped; ``full`` imports into a new, empty database.
    """
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    args: list[str] = []
    for table in node_tables(kg):
        if not len(table):
            continue
        header, data = f"nodes_{table.label}_header.csv", f"nodes_{table.label}.csv"
        _write(dest / header, [",".join(header_field(p) for p in table.columns)])
        _write(dest / data, (csv_line(r[p.name] for p in table.columns) for r in table.rows))
        args.append(f"--nodes={table.label}=$DIR/{header},$DIR/{data}")
    grouped: dict[str, list[Any]] = {}
    for rel in rel_tables(kg):
        if len(rel):
            grouped.setdefault(rel.type, []).append(rel)
    for rel_type, rels in grouped.items():
        columns = rels[0].columns
        header, data = f"rels_{rel_type}_header.csv", f"rels_{rel_type}.csv"
        fields = [":START_ID", ":END_ID"] + [header_field(p) for p in columns]
        _write(dest / header, [",".join(fields)])
        _write(
            dest / data,
            (csv_line([r["from"], r["to"], *(r[p.name] for p in columns)]) for rel in rels for r in rel.rows),
        )
        args.append(f"--relationships={rel_type}=$DIR/{header},$DIR/{data}")
    script = [
        "#!/bin/sh",
        "# Import this graph into a new Neo4j database (the database must be stopped/absent).",
        "# Afterwards start Neo4j (or CREATE DATABASE on Enterprise), then create the id",
        "# constraints by running `paperkg push` once (it MERGEs, nothing is duplicated).",
        "set -e",
        'DIR="$(cd "$(dirname "$0")" && pwd)"',
        'DATABASE="${DATABASE:-neo4j}"',
        '"${NEO4J_HOME:+$NEO4J_HOME/bin/}neo4j-admin" database import full "$DATABASE" \\',
        "  --overwrite-destination=true --multiline-fields=true --array-delimiter=U+001F \\",
        *(f'  "{arg}" \\' for arg in args),
        '  "$@"',
    ]
    _write(dest / "import.sh", script)
    (dest / "import.sh").chmod(0o755)
    return dest
