"""`paperkg query`, `push` and `export` from the command line."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from paperkg.cli import app
from paperkg.stores.base import parse_params
from paperkg.stores.embedded import write_store
from tests.stores.conftest import mini_graph

runner = CliRunner()


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("out")
    kg = mini_graph()
    kg.save(out)
    write_store(kg, out / "kg.lbdb")
    return out


def test_cli_query_prints_a_table(out_dir: Path) -> None:
    result = runner.invoke(
        app,
        [
            "query",
            str(out_dir),
            "MATCH (m:Model) WHERE m.family = $f RETURN m.name AS model ORDER BY model",
            "--param",
            "f=LLaMA",
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == ["model", "----------", "LLaMA", "Llama-2-7B", "(2 rows)"]


def test_cli_query_json_and_csv(out_dir: Path) -> None:
    cypher = "MATCH (m:Model {id: $id}) RETURN m.name AS name, m.aliases AS aliases, $n AS n"
    args = ["query", str(out_dir), cypher, "-p", "id=model:llama-2-7b", "-p", "n:=1.5"]
    as_json = json.loads(runner.invoke(app, [*args, "--json"]).output)
    assert as_json == [{"name": "Llama-2-7B", "aliases": ["Llama-2-7B", "LLaMA 2 7B"], "n": 1.5}]
    rows = list(csv.reader(io.StringIO(runner.invoke(app, [*args, "--csv"]).output)))
    assert rows == [["name", "aliases", "n"], ["Llama-2-7B", '["Llama-2-7B", "LLaMA 2 7B"]', "1.5"]]


def test_cli_bad_query_is_one_line_exit_2_no_traceback(out_dir: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "paperkg.cli", "query", str(out_dir), "MATCH (p:Paper RETURN p"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("paperkg: error: LadybugDB: Parser exception")
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["query", "{missing}", "RETURN 1 AS x"], "neither a build directory"),
        (["query", "{out}", "RETURN 1 AS x", "--param", "no-equals"], "NAME=VALUE"),
        (["query", "{out}", "RETURN $x AS x", "--param", "x:=[1,"], "JSON"),
        (["query", "{out}", "   "], "empty"),
        (["push", "{out}"], "no Neo4j URI"),
        (["export", "{out}", "--format", "graphml"], "unknown export format"),
    ],
)
def test_cli_bad_input_exits_2(
    out_dir: Path, tmp_path: Path, args: list[str], message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    args = [a.format(out=out_dir, missing=tmp_path / "missing") for a in args]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_cli_query_writes_the_store_when_only_graph_json_exists(tmp_path: Path) -> None:
    mini_graph().save(tmp_path)
    result = runner.invoke(app, ["query", str(tmp_path), "MATCH (p:Paper) RETURN count(p) AS n", "--csv"])
    assert result.exit_code == 0, result.output
    assert result.output.split() == ["n", "6"]
    assert (tmp_path / "kg.lbdb").is_file()


def test_cli_push_to_an_unreachable_server_says_so(out_dir: Path) -> None:
    result = runner.invoke(app, ["push", str(out_dir), "--neo4j", "bolt://127.0.0.1:9", "--password", "x"])
    assert result.exit_code == 1
    assert "cannot reach Neo4j at bolt://127.0.0.1:9" in result.output


def test_cli_export_neo4j_admin_writes_headers_data_and_script(out_dir: Path, tmp_path: Path) -> None:
    dest = tmp_path / "imp"
    result = runner.invoke(app, ["export", str(out_dir), "--format", "neo4j-admin", "--dest", str(dest)])
    assert result.exit_code == 0, result.output
    kg = mini_graph()
    for label, n in kg.counts_by_label().items():
        assert len((dest / f"nodes_{label}.csv").read_text().splitlines()) == n
    for rel_type, n in kg.counts_by_type().items():
        header = (dest / f"rels_{rel_type}_header.csv").read_text().strip().split(",")
        assert header[:2] == [":START_ID", ":END_ID"] and "confidence:double" in header
        assert len(list(csv.reader((dest / f"rels_{rel_type}.csv").open()))) == n
    script = (dest / "import.sh").read_text()
    assert "database import full" in script and "--relationships=CITES=" in script


def test_parse_params_types() -> None:
    assert parse_params(["a=x=y", "b=007", "c=-3", 'd:="5"', "e:=true", "$f=2311.08526"]) == {
        "a": "x=y",
        "b": "007",
        "c": -3,
        "d": "5",
        "e": True,
        "f": "2311.08526",
    }


def test_cli_push_runs_end_to_end_on_a_fake_driver(out_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import neo4j

    from tests.stores.test_neo4j import _FakeDriver

    driver = _FakeDriver()
    monkeypatch.setattr(neo4j.GraphDatabase, "driver", lambda uri, auth: driver)
    monkeypatch.setenv("NEO4J_URI", "bolt://example:7687")
    result = runner.invoke(app, ["push", str(out_dir), "--batch-size", "7"])
    assert result.exit_code == 0, result.output
    assert "pushed to bolt://example:7687" in result.output
    assert "created" in result.output
    writes = [p for kind, _, p in driver.log if kind == "write"]
    assert writes and all(len(p["rows"]) <= 7 for p in writes)
    assert not any("DETACH DELETE" in c for _, c, _ in driver.log)
