"""docs/cypher.md as data: its questions, their networkx equivalents, and its answer tables.

``parse_doc`` reads every ``### N. title`` section's ```` ```cypher ```` block and ``Parameters:``
line. ``EXPECTED[N](kg, params)`` computes question N with networkx on a KnowledgeGraph, in the
order the query's ORDER BY gives (``ORDER_BY[N]`` names the returned columns it sorts on).
``python -m tests.stores.cypher_doc OUT`` rewrites the answers in the doc from OUT's store.
"""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DOC = Path(__file__).resolve().parents[2] / "docs" / "cypher.md"

_SECTION = re.compile(r"^### (\d+)\. (.+?)$(.*?)^```cypher\n(.*?)^```\n(?:Parameters: `(.*?)`)?", re.M | re.S)


@dataclass(frozen=True)
class DocQuery:
    number: int
    title: str
    cypher: str
    params: dict[str, Any]


def parse_doc(text: str | None = None) -> list[DocQuery]:
    text = DOC.read_text(encoding="utf-8") if text is None else text
    return [
        DocQuery(int(m.group(1)), m.group(2).strip(), m.group(4).strip(), json.loads(m.group(5) or "{}"))
        for m in _SECTION.finditer(text)
    ]


# ------------------------------------------------------------------ networkx equivalents
def _low(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else None


def _edges(
    kg: Any, types: str | tuple[str, ...], head: str | None = None, tail: str | None = None
) -> Iterator[tuple[str, str, dict[str, Any]]]:
    types = (types,) if isinstance(types, str) else types
    nodes = kg.graph.nodes
    for u, v, data in kg.graph.edges(data=True):
        if data["type"] not in types:
            continue
        if head and nodes[u]["label"] != head or tail and nodes[v]["label"] != tail:
            continue
        yield u, v, data


def _name(kg: Any, node: str) -> Any:
    return kg.graph.nodes[node].get("name")


def _top(groups: dict[Any, set[Any]], limit: int | None = None) -> list[tuple[Any, ...]]:
    rows = sorted(
        ((*key, len(ids)) if isinstance(key, tuple) else (key, len(ids)) for key, ids in groups.items()),
        key=lambda r: (-r[-1], *r[:-1]),
    )
    return rows[:limit] if limit else rows


def q1(kg: Any, p: dict[str, Any]) -> list[tuple[Any, ...]]:
    fam = p["family"].lower()
    groups: dict[Any, set[Any]] = defaultdict(set)
    for u, v, _ in _edges(kg, "USES", "Paper", "Model"):
        m = kg.graph.nodes[v]
        if _low(m.get("family")) == fam or _low(m.get("name")) == fam:
            groups[_name(kg, u)].add(m.get("name"))
    return [(paper, sorted(models)) for paper, models in sorted(groups.items())]


def _count_distinct_papers(kg: Any, rel: str, tail: str, limit: int) -> list[tuple[Any, ...]]:
    groups: dict[Any, set[Any]] = defaultdict(set)
    for u, v, _ in _edges(kg, rel, "Paper", tail):
        groups[_name(kg, v)].add(u)
    return _top(groups, limit)


def q2(kg: Any, p: dict[str, Any]) -> list[tuple[Any, ...]]:
    return _count_distinct_papers(kg, "EVALUATES_ON", "Benchmark", 10)


def q3(kg: Any, p: dict[str, Any]) -> list[tuple[Any, ...]]:
    return _count_distinct_papers(kg, "COMPARES_WITH", "Model", 10)


def _evaluators(kg: Any, target: str) -> list[tuple[str, dict[str, Any]]]:
    return [(u, d) for u, v, d in _edges(kg, "EVALUATES_ON", "Paper") if v == target]


def q4(kg: Any, p: dict[str, Any]) -> list[tuple[Any, ...]]:
    groups: dict[Any, set[Any]] = {}
    for a, b, _ in _edges(kg, "PROPOSES", "Paper", "Benchmark"):
        key = (_name(kg, b), _name(kg, a))
        groups.setdefault(key, set()).update(o for o, _ in _evaluators(kg, b) if o != a)
    return _top(groups)


def q5(kg: Any, p: dict[str, Any]) -> list[tuple[Any, ...]]:
    rows = []
    for a, b, _ in _edges(kg, "PROPOSES", "Paper", "Benchmark"):
        if _low(_name(kg, b)) != p["benchmark"].lower():
            continue
        rows += [(_name(kg, a), _name(kg, o), d.get("evidence")) for o, d in _evaluators(kg, b) if o != a]
    return sorted(rows)


def q6(kg: Any, p: dict[str, Any]) -> list[tuple[Any, ...]]:
    cites = [(u, v, k) for u, v, k, d in kg.graph.edges(keys=True, data=True) if d["type"] == "CITES"]
    out: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for u, v, k in cites:
        out[u].append((u, v, k))
    rows = []

    def walk(path: list[str], used: set[tuple[str, str, str]]) -> None:
        if len(path) > 1 and path[-1] == p["to"]:
            rows.append((len(path) - 1, [{"_label": "Paper", "id": n} for n in path]))
        if len(path) > 3:
            return
        for edge in out[path[-1]]:
            if edge not in used:  # trail: no relationship twice (Neo4j's semantics)
                walk(path + [edge[1]], used | {edge})

    if p["from"] in kg.graph:
        walk([p["from"]], set())
    return sorted(rows, key=lambda r: r[0])


def q7(kg: Any, p: dict[str, Any]) -> list[tuple[Any, ...]]:
    rows = [
        (_name(kg, u), d.get("subject"), d.get("metric"), d.get("value"), d.get("unit"))
        for u, v, d in _edges(kg, "REPORTS", "Paper", "Benchmark")
        if _low(_name(kg, v)) == p["benchmark"].lower() and d.get("value") is not None
    ]
    return sorted(rows, key=lambda r: (-r[3], r[0], r[1] is None, r[1] or "", r[2] is None, r[2] or ""))


def q8(kg: Any, p: dict[str, Any]) -> list[tuple[Any, ...]]:
    return _count_distinct_papers(kg, "CITES", "Paper", 10)


def q9(kg: Any, p: dict[str, Any]) -> list[tuple[Any, ...]]:
    users: dict[str, set[str]] = defaultdict(set)
    for u, v, _ in _edges(kg, ("USES", "EVALUATES_ON"), "Paper"):
        users[v].add(u)
    groups: dict[Any, set[Any]] = {}
    for a, e, _ in _edges(kg, "PROPOSES", "Paper"):
        others = users[e] - {a}
        if others:
            node = kg.graph.nodes[e]
            key = (node.get("name"), node.get("label"), _name(kg, a))
            groups.setdefault(key, set()).update(others)
    rows = sorted(((*k, len(v)) for k, v in groups.items()), key=lambda r: (-r[3], r[0], r[2]))
    return rows[:10]


def _by_paper(kg: Any, rel: str, tail: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = defaultdict(set)
    for u, v, _ in _edges(kg, rel, "Paper", tail):
        found[u].add(v)
    return found


def q10(kg: Any, p: dict[str, Any]) -> list[tuple[Any, ...]]:
    groups: dict[Any, set[Any]] = defaultdict(set)
    for paper, models in _by_paper(kg, "USES", "Model").items():
        for m1 in models:
            for m2 in models:
                n1, n2 = _name(kg, m1), _name(kg, m2)
                if n1 < n2:
                    groups[(n1, n2)].add(paper)
    return _top(groups, 10)


def q11(kg: Any, p: dict[str, Any]) -> list[tuple[Any, ...]]:
    tasks, benches = _by_paper(kg, "ADDRESSES", "Task"), _by_paper(kg, "EVALUATES_ON", "Benchmark")
    groups: dict[Any, set[Any]] = defaultdict(set)
    for paper, ts in tasks.items():
        for t in ts:
            for b in benches.get(paper, ()):
                groups[(_name(kg, t), _name(kg, b))].add(paper)
    return _top(groups, 15)


def q12(kg: Any, p: dict[str, Any]) -> list[tuple[Any, ...]]:
    variants: dict[Any, set[str]] = defaultdict(set)
    for v, f, _ in _edges(kg, "VARIANT_OF", "Model", "Model"):
        variants[_name(kg, f)].add(v)
    rows = [(fam, len(vs), sorted({_name(kg, v) for v in vs})) for fam, vs in variants.items()]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def q13(kg: Any, p: dict[str, Any]) -> list[tuple[Any, ...]]:
    groups: dict[Any, set[Any]] = defaultdict(set)
    for u, v, d in _edges(kg, tuple({d["type"] for _, _, d in kg.graph.edges(data=True)}), "Paper"):
        if _low(_name(kg, v)) == p["name"].lower():
            groups[(kg.graph.nodes[v]["label"], d["type"])].add(u)
    return _top(groups)


def q14(kg: Any, p: dict[str, Any]) -> list[tuple[Any, ...]]:
    rels = ("USES", "EVALUATES_ON", "PROPOSES")
    mine = {v for u, v, _ in _edges(kg, rels) if u == p["paper"]}
    shared: dict[Any, set[str]] = defaultdict(set)
    for b, e, _ in _edges(kg, rels, "Paper"):
        if e in mine and b != p["paper"]:
            shared[_name(kg, b)].add(e)
    rows = [(name, len(es), sorted({_name(kg, e) for e in es})) for name, es in shared.items()]
    return sorted(rows, key=lambda r: (-r[1], r[0]))[:10]


def q15(kg: Any, p: dict[str, Any]) -> list[tuple[Any, ...]]:
    return sorted(
        (_name(kg, u), kg.graph.nodes[v].get("url")) for u, v, _ in _edges(kg, "HAS_CODE", "Paper", "Repository")
    )


def q16(kg: Any, p: dict[str, Any]) -> list[tuple[Any, ...]]:
    counts = kg.counts_by_label()
    return sorted(counts.items(), key=lambda r: (-r[1], r[0]))


def q17(kg: Any, p: dict[str, Any]) -> list[tuple[Any, ...]]:
    users: dict[str, set[str]] = defaultdict(set)
    for u, v, _ in _edges(kg, ("USES", "EVALUATES_ON", "COMPARES_WITH"), "Paper"):
        users[v].add(u)
    groups: dict[Any, set[Any]] = defaultdict(set)
    for a, e, _ in _edges(kg, "PROPOSES", "Paper"):
        if not users[e] - {a}:
            groups[kg.graph.nodes[e]["label"]].add(e)
    return _top(groups)


EXPECTED: dict[int, Callable[[Any, dict[str, Any]], list[tuple[Any, ...]]]] = {
    int(name[1:]): fn for name, fn in list(globals().items()) if re.fullmatch(r"q\d+", name)
}

#: The returned columns each question's ORDER BY sorts on (rows must come in that order).
ORDER_BY: dict[int, tuple[str, ...]] = {
    1: ("paper",),
    2: ("papers", "benchmark"),
    3: ("papers", "model"),
    4: ("evaluated_by_others", "benchmark", "proposed_by"),
    5: ("proposed_by", "evaluated_by", "evidence"),
    6: ("hops",),
    7: ("value", "paper", "subject", "metric"),
    8: ("cited_by", "paper"),
    9: ("used_by", "artifact", "proposed_by"),
    10: ("papers", "model_a", "model_b"),
    11: ("papers", "task", "benchmark"),
    12: ("variants", "family"),
    13: ("papers", "kind", "relation"),
    14: ("shared", "paper"),
    15: ("paper", "code"),
    16: ("nodes", "label"),
    17: ("entities", "kind"),
}


# ------------------------------------------------------------------ comparing
def normalize_cell(value: Any) -> Any:
    """Nodes become their ids (in order); other lists are sorted (collect() has no order)."""
    if isinstance(value, dict) and "_label" in value:
        return value.get("id")
    if isinstance(value, list):
        items = [normalize_cell(v) for v in value]
        if value and isinstance(value[0], dict) and "_label" in value[0]:
            return items
        return sorted(items, key=repr)
    if isinstance(value, float):
        return round(value, 6)
    return value


def normalize_rows(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [tuple(normalize_cell(v) for v in row) for row in rows]


# ------------------------------------------------------------------ rendering the answers
def _md_cell(value: Any) -> str:
    from paperkg.stores.base import format_value

    return format_value(value, 90).replace("|", "\\|")


def render_answer(result: Any, max_rows: int = 15) -> str:
    if not result.rows:
        return "Answer on the seed corpus: no rows."
    head = f"Answer on the seed corpus ({len(result.rows)} row{'s' if len(result.rows) != 1 else ''}"
    head += f", first {max_rows} shown):" if len(result.rows) > max_rows else "):"
    lines = [
        head,
        "",
        "| " + " | ".join(result.columns) + " |",
        "|" + "|".join("---" for _ in result.columns) + "|",
    ]
    for row in result.rows[:max_rows]:
        lines.append("| " + " | ".join(_md_cell(v) for v in row) + " |")
    return "\n".join(lines)


def fill_answers(store_path: Path, doc: Path = DOC) -> None:
    from paperkg.stores.embedded import run_query

    text = doc.read_text(encoding="utf-8")
    for q in parse_doc(text):
        answer = render_answer(run_query(store_path, q.cypher, q.params))
        text = re.sub(
            rf"<!-- answer {q.number} -->.*?<!-- /answer {q.number} -->",
            lambda _m, n=q.number, a=answer: f"<!-- answer {n} -->\n{a}\n<!-- /answer {n} -->",
            text,
            flags=re.S,
        )
    doc.write_text(text, encoding="utf-8")


if __name__ == "__main__":  # pragma: no cover - maintenance helper
    fill_answers(Path(sys.argv[1]) / "kg.lbdb")
