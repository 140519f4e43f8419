"""The plain functions behind ``paperkg query``, ``paperkg push`` and ``paperkg export``.

Each takes keyword-only arguments, does one job and returns a value the CLI prints; none of them
parses command lines or prints, so they can be called from Python and tested alone.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from paperkg.errors import InputError, StoreError
from paperkg.stores.base import QueryResult

__all__ = ["resolve_store", "query", "push", "export", "format_result", "format_push_summary"]

FORMATS = ("table", "json", "csv")


def resolve_store(out: str | Path) -> Path:
    """The embedded store for OUT (a build directory or a .lbdb file).

    If OUT has a graph.json but no store (built with ``--no-store``), the store is written from
    graph.json first, so ``paperkg query`` works on any build directory.
    """
    from paperkg.stores.embedded import STORE_NAME, write_store

    out = Path(out)
    if out.is_file() and out.suffix == ".json":  # OUT/graph.json given for OUT
        out = out.parent
    if out.is_file():
        return out
    if not out.is_dir():
        raise InputError(f"{out} is neither a build directory nor a store; run `paperkg build CORPUS -o OUT` first")
    store = out / STORE_NAME
    if not store.exists():
        if not (out / "graph.json").is_file():
            raise InputError(f"no {STORE_NAME} or graph.json in {out}; run `paperkg build CORPUS -o OUT` first")
        import paperkg

        write_store(paperkg.load(out), store)
    return store


def query(
    *,
    out: str | Path | None,
    cypher: str,
    params: dict[str, Any] | None = None,
    neo4j_uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
) -> QueryResult:
    """Run ``cypher`` on OUT's embedded store, or on Neo4j when ``neo4j_uri`` is given."""
    if not cypher.strip():
        raise InputError('the query is empty; pass Cypher such as "MATCH (p:Paper) RETURN count(p)"')
    if neo4j_uri:
        from paperkg.stores.neo4j import Neo4jStore

        with Neo4jStore(neo4j_uri, user=user, password=password, database=database) as store:
            return store.query(cypher, params)
    if out is None:
        raise InputError("give a build directory OUT or --neo4j URI")
    from paperkg.stores.embedded import run_query

    return run_query(resolve_store(out), cypher, params)


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """The result as a text table, JSON or CSV."""
    if fmt == "json":
        return result.to_json()
    if fmt == "csv":
        return result.to_csv().rstrip("\n")
    return result.to_table()


def push(
    *,
    out: str | Path,
    uri: str | None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    wipe: bool = False,
    batch_size: int = 1000,
    progress: bool = True,
) -> dict[str, Any]:
    """Push the graph in OUT to Neo4j (MERGE, idempotent); returns the write summary."""
    import paperkg

    if not uri:
        raise InputError("no Neo4j URI: pass --neo4j bolt://HOST:7687 or set NEO4J_URI")
    return paperkg.load(out).push_neo4j(
        uri, user=user, password=password, database=database, wipe=wipe, batch_size=batch_size, progress=progress
    )


def format_push_summary(summary: dict[str, Any]) -> str:
    """A few lines saying what a push created and what the database now holds."""
    lines = [
        f"pushed to {summary.get('uri', 'Neo4j')}"
        + (f" (database {summary['database']})" if summary.get("database") else ""),
        f"  created {summary['nodes_created']} nodes, {summary['relationships_created']} "
        f"relationships; set {summary['properties_set']} properties"
        + (f"; wiped {summary['nodes_deleted']} nodes first" if summary.get("nodes_deleted") else ""),
        "  now in the database: " + ", ".join(f"{k} {v}" for k, v in summary["nodes"].items() if v),
        "  relationships: " + ", ".join(f"{k} {v}" for k, v in summary["relationships"].items() if v),
    ]
    return "\n".join(lines)


def export(*, out: str | Path, dest: str | Path | None = None, fmt: str = "neo4j-admin") -> Path:
    """Export the graph in OUT for another tool; only ``neo4j-admin`` CSVs so far."""
    import paperkg

    if fmt != "neo4j-admin":
        raise InputError(f"unknown export format {fmt!r}; expected neo4j-admin")
    from paperkg.stores.neo4j_admin import write_import_csvs

    out = Path(out)
    dest = Path(dest) if dest else out / "neo4j-import"
    try:
        return write_import_csvs(paperkg.load(out), dest)
    except OSError as err:
        raise StoreError(f"cannot write {dest}: {err}") from err
