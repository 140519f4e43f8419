"""Neo4j over Bolt with the official driver: ``paperkg push`` and ``paperkg query --neo4j``.

A write creates a uniqueness constraint on ``id`` for every label, then sends nodes and then
relationships in batches of ``UNWIND $rows ... MERGE`` inside managed write transactions
(``session.execute_write`` retries transient failures). Nodes are merged on ``id`` and
relationships on their ``key`` between the same two nodes, so pushing twice changes nothing and
pushing a grown graph adds only what is new. ``wipe=True`` deletes everything first, in batches,
and only when asked. Rows are the same typed rows the embedded store loads (:mod:`.tables`), so
the same Cypher answers the same way on both stores.

The ``neo4j`` package is imported only when a Neo4jStore is made; without it the error says
what to install.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Any

from paperkg.errors import QueryError, StoreError
from paperkg.graph.schema import NODE_TYPES
from paperkg.stores import neo4j_queries as Q
from paperkg.stores.base import QueryResult
from paperkg.stores.cypher import schema_counts
from paperkg.stores.tables import node_tables, rel_tables

__all__ = ["Neo4jStore", "push", "run_query", "node_rows", "rel_rows", "batches"]


def _neo4j() -> Any:
    try:
        import neo4j
    except ImportError as err:
        raise StoreError(
            "pushing to Neo4j needs the official driver: pip install 'neo4j>=5.20' "
            "(it is a dependency of paperkg; reinstall paperkg if it is missing)"
        ) from err
    return neo4j


def batches(rows: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    """Consecutive slices of at most ``size`` rows.

    >>> [list(b) for b in batches([1, 2, 3, 4, 5], 2)]
    [[1, 2], [3, 4], [5]]
    """
    for start in range(0, len(rows), max(1, size)):
        yield rows[start : start + size]


def node_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``{id, props}`` for MERGE; null properties are left out (Neo4j stores no nulls).

    >>> node_rows([{"id": "task:qa", "label": "Task", "name": "QA", "aliases": None}])
    [{'id': 'task:qa', 'props': {'label': 'Task', 'name': 'QA'}}]
    """
    return [{"id": r["id"], "props": {k: v for k, v in r.items() if k != "id" and v is not None}} for r in rows]


def rel_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``{source, target, key, props}`` for MERGE (``key`` stays among the props too)."""
    return [
        {
            "source": r["from"],
            "target": r["to"],
            "key": r["key"],
            "props": {k: v for k, v in r.items() if k not in ("from", "to") and v is not None},
        }
        for r in rows
    ]


class Neo4jStore:
    """A Neo4j database: ``write(kg)`` pushes (MERGE), ``query(cypher, params)`` reads.

    ``user``, ``password`` and ``database`` default to NEO4J_USER (else ``neo4j``),
    NEO4J_PASSWORD and NEO4J_DATABASE (else the server's default database). A ready ``driver``
    can be given instead of a URI (the store then does not close it).
    """

    def __init__(
        self,
        uri: str | None = None,
        *,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        batch_size: int = 1000,
        driver: Any = None,
    ) -> None:
        self.uri = uri or os.environ.get("NEO4J_URI")
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        self.batch_size = batch_size
        self._own_driver = driver is None
        if driver is None:
            if not self.uri:
                raise StoreError("no Neo4j URI: pass --neo4j bolt://HOST:7687 or set NEO4J_URI")
            neo4j = _neo4j()
            user = user or os.environ.get("NEO4J_USER") or "neo4j"
            password = password if password is not None else os.environ.get("NEO4J_PASSWORD", "")
            try:
                driver = neo4j.GraphDatabase.driver(self.uri, auth=(user, password))
            except (ValueError, neo4j.exceptions.ConfigurationError) as err:
                raise StoreError(f"bad Neo4j URI {self.uri!r}: {err}") from err
            except ImportError as err:  # e.g. http:// needs the driver's optional extras
                raise StoreError(
                    f"Neo4j URI {self.uri!r} needs {err.name or 'an optional package'}; "
                    "use bolt://HOST:7687 or neo4j://HOST:7687"
                ) from err
        self.driver = driver
        self._verified = False

    # ------------------------------------------------------------------ connection
    def _session(self) -> Any:
        return self.driver.session(database=self.database) if self.database else self.driver.session()

    def verify(self) -> None:
        """Check that the server answers and the credentials work (StoreError otherwise)."""
        neo4j = _neo4j()
        try:
            self.driver.verify_connectivity()
            self._verified = True
        except neo4j.exceptions.AuthError as err:
            raise StoreError(
                f"Neo4j at {self.uri} refused the credentials: {_message(err)}; "
                "check --user/--password or NEO4J_USER/NEO4J_PASSWORD"
            ) from err
        except (neo4j.exceptions.ServiceUnavailable, OSError) as err:
            raise StoreError(
                f"cannot reach Neo4j at {self.uri}: {_message(err)}; is it running? (`docker compose up -d` starts one)"
            ) from err

    # ------------------------------------------------------------------ writing
    def write(self, kg: Any, *, wipe: bool = False, progress: bool = False) -> dict[str, Any]:
        """Push ``kg``; returns what was created and what the database now holds.

        ``{"nodes_created", "relationships_created", "properties_set", "nodes_deleted",
        "nodes": {label: n}, "relationships": {type: n}, "rows", "uri", "database"}``.
        """
        from tqdm import tqdm

        nodes, rels = node_tables(kg), rel_tables(kg)  # check every value before sending any
        self.verify()
        totals = {
            "nodes_created": 0,
            "relationships_created": 0,
            "properties_set": 0,
            "nodes_deleted": 0,
        }
        rows = sum(len(t) for t in nodes) + sum(len(t) for t in rels)
        with self._session() as session:
            if wipe:
                totals["nodes_deleted"] = self._wipe(session)
            for label in NODE_TYPES:
                session.run(Q.constraint(label)).consume()
            with tqdm(total=rows, desc="push to Neo4j", unit="row", disable=not progress) as bar:
                for table in nodes:
                    self._send(session, Q.merge_nodes(table.label), node_rows(table.rows), totals, bar)
                for rel in rels:
                    self._send(
                        session,
                        Q.merge_rels(rel.type, rel.head, rel.tail),
                        rel_rows(rel.rows),
                        totals,
                        bar,
                    )
        return {**totals, **self.counts(), "rows": rows, "uri": self.uri, "database": self.database}

    def _send(
        self,
        session: Any,
        cypher: str,
        rows: list[dict[str, Any]],
        totals: dict[str, int],
        bar: Any,
    ) -> None:
        for batch in batches(rows, self.batch_size):
            counters = session.execute_write(_run_counted, cypher, list(batch))
            for key in ("nodes_created", "relationships_created", "properties_set"):
                totals[key] += counters[key]
            bar.update(len(batch))

    def _wipe(self, session: Any) -> int:
        deleted = 0
        while True:
            counters = session.execute_write(_run_counted, Q.DELETE_BATCH, None, {"limit": max(self.batch_size, 1000)})
            deleted += counters["nodes_deleted"]
            if counters["nodes_deleted"] == 0:
                return deleted

    # ------------------------------------------------------------------ reading
    def query(self, cypher: str, params: dict[str, Any] | None = None) -> QueryResult:
        """Run Cypher; a bad query raises QueryError with Neo4j's message."""
        neo4j = _neo4j()
        if not self._verified:
            self.verify()
        try:
            with self._session() as session:
                result = session.run(cypher, dict(params or {}))
                columns = tuple(result.keys())
                rows = [tuple(normalize(v) for v in record.values()) for record in result]
        except neo4j.exceptions.Neo4jError as err:
            raise QueryError(f"Neo4j: {_message(err)}") from err
        except neo4j.exceptions.DriverError as err:
            raise StoreError(f"Neo4j at {self.uri}: {_message(err)}") from err
        return QueryResult(columns, rows)

    def counts(self) -> dict[str, dict[str, int]]:
        """Nodes per label and relationships per type in the database."""

        def scalar(cypher: str) -> int:
            return int(self.query(cypher).rows[0][0])

        return schema_counts(scalar)

    def close(self) -> None:
        if self._own_driver:
            self.driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Neo4jStore {self.uri} database={self.database or 'default'}>"


def _run_counted(
    tx: Any, cypher: str, rows: list[dict[str, Any]] | None, params: dict[str, Any] | None = None
) -> dict[str, int]:
    """One transaction's work: run, consume, and return plain counters (retry-safe)."""
    summary = tx.run(cypher, params if params is not None else {"rows": rows}).consume()
    c = summary.counters
    return {
        "nodes_created": c.nodes_created,
        "relationships_created": c.relationships_created,
        "properties_set": c.properties_set,
        "nodes_deleted": c.nodes_deleted,
    }


def _message(err: BaseException) -> str:
    text = getattr(err, "message", None) or str(err) or type(err).__name__
    return str(text).strip().splitlines()[0].rstrip(":")


def push(kg: Any, uri: str | None = None, **options: Any) -> dict[str, Any]:
    """Push ``kg`` to Neo4j at ``uri`` (see :class:`Neo4jStore` and :meth:`Neo4jStore.write`)."""
    write_options = {k: options.pop(k) for k in ("wipe", "progress") if k in options}
    with Neo4jStore(uri, **options) as store:
        return store.write(kg, **write_options)


def run_query(uri: str | None, cypher: str, params: dict[str, Any] | None = None, **options: Any) -> QueryResult:
    """Run one query on Neo4j at ``uri``."""
    with Neo4jStore(uri, **options) as store:
        return store.query(cypher, params)


def normalize(value: Any) -> Any:
    """Driver values as plain Python, in the shapes :mod:`paperkg.stores.base` describes."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"_label": sorted(value.labels)[0] if value.labels else "", **dict(value.items())}
    if isinstance(value, Relationship):
        return {"_type": value.type, **dict(value.items())}
    if isinstance(value, Path):
        return {
            "nodes": [normalize(n) for n in value.nodes],
            "relationships": [normalize(r) for r in value.relationships],
        }
    if isinstance(value, list):
        return [normalize(v) for v in value]
    if isinstance(value, dict):
        return {k: normalize(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j.time types
        return value.iso_format()
    return value
