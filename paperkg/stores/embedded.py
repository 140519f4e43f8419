"""The embedded Cypher store: a KnowledgeGraph in a LadybugDB file (OUT/kg.lbdb), nothing to start.

The schema is generated from :mod:`paperkg.graph.schema`: a node table per label, a relationship
table per relation type with all its FROM/TO label pairs, typed properties, lists as ``STRING[]``.
Data goes in with ``COPY ... FROM`` typed Arrow tables, one COPY per node label and per
(type, head, tail) pair, never row by row (100k papers' worth of nodes and edges load in seconds).

A write is an atomic rebuild: the store is built in a temporary directory next to the target,
checked (node and relationship counts read back from the store must equal the graph's), closed,
and only then moved over the old file with :func:`os.replace`. A failed build leaves the old store
as it was and no temporary files behind.

Queries open the file read-only, so several readers can share it; the store is a derived artifact
of graph.json, so a change belongs in the graph and a rebuild.

>>> import tempfile, pathlib
>>> from paperkg.graph.knowledge_graph import KnowledgeGraph
>>> from paperkg.records import Entity
>>> kg = KnowledgeGraph()
>>> _ = kg.add_entity(Entity(id="benchmark:gsm8k", label="Benchmark", name="GSM8K"))
>>> path = pathlib.Path(tempfile.mkdtemp()) / "kg.lbdb"
>>> write_store(kg, path)["nodes"]["Benchmark"]
1
>>> cypher = "MATCH (b:Benchmark) WHERE b.name = $name RETURN b.id AS id"
>>> run_query(path, cypher, {"name": "GSM8K"}).rows
[('benchmark:gsm8k',)]
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from paperkg.errors import QueryError, StoreError
from paperkg.graph.schema import NODE_TYPES, RELATION_TYPES_SPEC
from paperkg.stores import embedded_queries as Q
from paperkg.stores.base import QueryResult
from paperkg.stores.cypher import schema_counts
from paperkg.stores.tables import node_tables, rel_tables, to_arrow

__all__ = ["EmbeddedStore", "write_store", "run_query", "STORE_NAME"]

#: The store's file name inside a build's output directory.
STORE_NAME = "kg.lbdb"


def _ladybug() -> Any:
    try:
        import ladybug
    except ImportError as err:  # pragma: no cover - a hard dependency
        raise StoreError("the embedded store needs LadybugDB: pip install 'ladybug>=0.20,<0.23'") from err
    return ladybug


def _first_line(err: BaseException) -> str:
    text = str(err).strip()
    return text.splitlines()[0] if text else type(err).__name__


class EmbeddedStore:
    """A LadybugDB store at ``path``: ``write(kg)`` rebuilds it, ``query(cypher, params)`` reads it.

    The connection is opened on the first query and kept until :meth:`close` (or the end of a
    ``with`` block).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._db: Any = None
        self._conn: Any = None

    # ------------------------------------------------------------------ writing
    def write(self, kg: Any, *, progress: bool = False) -> dict[str, Any]:
        """Rebuild the store from ``kg`` atomically; returns counts read back from the new store.

        ``{"nodes": {label: n}, "relationships": {type: n}, "rows": total, "seconds": s,
        "prepare_seconds": typed Arrow tables, "load_seconds": DDL, COPY, checks and close}``.
        Raises StoreError (the old store untouched) if anything fails.
        """
        self.close()
        target = self.path
        target.parent.mkdir(parents=True, exist_ok=True)
        workdir = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
        started = time.perf_counter()
        try:
            built = workdir / target.name
            counts = _build(kg, built, progress=progress)
            _swap(built, target)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        counts["seconds"] = time.perf_counter() - started
        return counts

    # ------------------------------------------------------------------ reading
    def _connection(self) -> Any:
        if self._conn is None:
            if not self.path.is_file():
                raise StoreError(
                    f"no embedded store at {self.path}; run `paperkg build CORPUS -o OUT` "
                    "(without --no-store) to write it"
                )
            ladybug = _ladybug()
            try:
                self._db = ladybug.Database(str(self.path), read_only=True)
                self._conn = ladybug.Connection(self._db)
            except RuntimeError as err:
                raise StoreError(f"cannot open the embedded store {self.path}: {_first_line(err)}") from err
        return self._conn

    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run Cypher with parameters; a bad query raises QueryError with LadybugDB's message."""
        conn = self._connection()
        try:
            result = conn.execute(cypher, dict(params or {}))
            if isinstance(result, list):  # several statements: the last one answers
                result = result[-1]
            columns = tuple(result.get_column_names())
            rows = [tuple(normalize(v) for v in row) for row in result.get_all()]
        except RuntimeError as err:
            raise QueryError(f"LadybugDB: {_first_line(err)}") from err
        return QueryResult(columns, rows)

    def counts(self) -> dict[str, dict[str, int]]:
        """Nodes per label and relationships per type, as the store holds them."""
        return _counts(self._connection())

    def close(self) -> None:
        for handle in (self._conn, self._db):
            if handle is not None:
                handle.close()
        self._conn = self._db = None

    def __enter__(self) -> EmbeddedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<EmbeddedStore {self.path}>"


def write_store(kg: Any, path: str | Path, *, progress: bool = False) -> dict[str, Any]:
    """Write ``kg`` to the LadybugDB file ``path`` (atomically replacing it); returns counts."""
    return EmbeddedStore(path).write(kg, progress=progress)


def run_query(path: str | Path, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
    """Run one Cypher query on the store at ``path`` (OUT/kg.lbdb or the OUT directory)."""
    path = Path(path)
    if path.is_dir():
        path = path / STORE_NAME
    with EmbeddedStore(path) as store:
        return store.query(cypher, params)


# ---------------------------------------------------------------------- building
def _build(kg: Any, path: Path, *, progress: bool = False) -> dict[str, Any]:
    started = time.perf_counter()
    with _no_gc():  # millions of small objects, none of them cyclic garbage
        nodes, rels = node_tables(kg), rel_tables(kg)  # checks every value before touching disk
    arrow = {id(t): to_arrow(t) for t in [*nodes, *rels] if len(t)}
    prepared = time.perf_counter()
    ladybug = _ladybug()
    db = ladybug.Database(str(path), auto_checkpoint=False)  # one checkpoint, on close
    conn = ladybug.Connection(db)
    steps = [t for t in [*nodes, *rels] if len(t)]
    bar = _progress(len(steps), progress)
    try:
        for label in NODE_TYPES:
            _execute(conn, Q.create_node_table(label))
        for rel_type in RELATION_TYPES_SPEC:
            _execute(conn, Q.create_rel_table(rel_type))
        for table in nodes:
            if len(table):
                _execute(conn, Q.copy_node(table.label), {"rows": arrow[id(table)]})
                bar.update(1)
        for rel in rels:
            if len(rel):
                _execute(conn, Q.copy_rel(rel.type, rel.head, rel.tail), {"rows": arrow[id(rel)]})
                bar.update(1)
        counts = _counts(conn)
    finally:
        bar.close()
        conn.close()
        db.close()
    expected_nodes = {t.label: len(t) for t in nodes}
    expected_rels: dict[str, int] = dict.fromkeys(RELATION_TYPES_SPEC, 0)
    for rel in rels:
        expected_rels[rel.type] += len(rel)
    if counts["nodes"] != expected_nodes or counts["relationships"] != expected_rels:
        raise StoreError(
            f"the embedded store at {path} does not hold what was written "
            f"(nodes {counts['nodes']} vs {expected_nodes}); the old store was kept"
        )
    total = sum(expected_nodes.values()) + sum(expected_rels.values())
    timing = {"prepare_seconds": prepared - started, "load_seconds": time.perf_counter() - prepared}
    return {**counts, "rows": total, **timing}


@contextmanager
def _no_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _execute(conn: Any, cypher: str, params: dict[str, Any] | None = None) -> Any:
    try:
        return conn.execute(cypher, params or {})
    except RuntimeError as err:
        raise StoreError(
            f"writing the embedded store failed on {cypher.split('(')[0].strip()!r}: {_first_line(err)}"
        ) from err


def _counts(conn: Any) -> dict[str, dict[str, int]]:
    return schema_counts(lambda cypher: _scalar(conn, cypher))


def _scalar(conn: Any, cypher: str) -> int:
    result = conn.execute(cypher)
    return int(result.get_all()[0][0])


def _swap(built: Path, target: Path) -> None:
    """Move the finished store over ``target`` (one rename; a directory-style store is replaced)."""
    wal = target.with_name(target.name + ".wal")
    if wal.exists():  # a stale write-ahead log would be replayed against the new file
        wal.unlink()
    if target.is_dir():
        trash = target.with_name(f".{target.name}.old-{os.getpid()}")
        target.rename(trash)
        os.replace(built, target)
        shutil.rmtree(trash, ignore_errors=True)
    else:
        os.replace(built, target)


def _progress(total: int, enabled: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc="embedded store", unit="table", disable=not enabled, leave=False)


# ---------------------------------------------------------------------- values
def normalize(value: Any) -> Any:
    """LadybugDB values as plain Python: nodes, relationships and paths as the shapes in base.

    >>> normalize({"_ID": {"offset": 0}, "_LABEL": "Model", "id": "model:x", "family": None})
    {'_label': 'Model', 'id': 'model:x'}
    """
    if isinstance(value, dict):
        if "_NODES" in value and "_RELS" in value:
            return {
                "nodes": [normalize(n) for n in value["_NODES"]],
                "relationships": [normalize(r) for r in value["_RELS"]],
            }
        if "_LABEL" in value and "_ID" in value:
            tag = "_type" if "_SRC" in value else "_label"
            props = {k: normalize(v) for k, v in value.items() if not k.startswith("_") and v is not None}
            return {tag: value["_LABEL"], **props}
        return {k: normalize(v) for k, v in value.items()}
    if isinstance(value, list):
        return [normalize(v) for v in value]
    return value
