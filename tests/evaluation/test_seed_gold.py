"""The hand-annotated seed gold is well formed, and the real extractor is scored against it."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperkg.errors import InputError
from paperkg.evaluation.run import evaluate
from paperkg.evaluation.scoring import name_key
from paperkg.evaluation.seeds import (
    SEED_RELATION_TYPES,
    default_seed_gold_path,
    match_seed_gold,
    parse_seed_gold,
    read_seed_gold,
    resolve_mentions,
)

GOLD = default_seed_gold_path()

#: Scores the extractor must keep on the seed gold (F1, strict entities / relations). Raise them as
#: the extractor improves; the issue's targets are 0.85 (Model, Dataset, Benchmark, PROPOSES) and
#: 0.70 (Method, Task, other relations).
# A few points under the scores measured when this was set (strict F1, default pipeline), so a
# regression in the extractor fails here.
FLOORS: dict[str, float] = {
    "Model": 0.82, "Method": 0.72, "Dataset": 0.88, "Benchmark": 0.88, "Task": 0.66,
    "PROPOSES": 0.84, "EVALUATES_ON": 0.80, "COMPARES_WITH": 0.75, "REPORTS": 0.70, "USES": 0.60,
}


@pytest.fixture(scope="module")
def seed_pairs(seed_dir: Path):
    loaders = pytest.importorskip("paperkg.loaders")
    papers = loaders.read_corpus([seed_dir]).papers
    return match_seed_gold(read_seed_gold(GOLD), papers)


def test_seed_gold_file_parses_and_is_big_enough() -> None:
    entries = read_seed_gold(GOLD)
    assert len(entries) >= 40
    assert len({e.arxiv_id or e.title for e in entries}) == len(entries)
    assert len({e.location.split(":")[0] for e in entries}) == 1
    for entry in entries:
        assert entry.entities, entry.location
        assert all(r["type"] in SEED_RELATION_TYPES for r in entry.relations), entry.location


def test_seed_gold_covers_all_five_seed_files() -> None:
    import json

    sources = {json.loads(line)["source"][:3] for line in GOLD.read_text("utf-8").splitlines()}
    assert sources == {"000", "001", "002", "003", "004"}


def test_seed_gold_every_mention_is_found_in_its_abstract(seed_pairs) -> None:
    assert len(seed_pairs) >= 40
    for paper, gold in seed_pairs:
        assert gold.mentions, paper.id
        for span in gold.mentions:
            assert 0 <= span.start < span.end <= len(paper.abstract)


def test_seed_gold_relation_names_are_annotated_entities(seed_pairs) -> None:
    """Each related entity (or an alias) is one of the abstract's annotated mentions, or the name
    before the title's colon (ELECTRA: ...), which the abstract may never repeat."""
    for paper, gold in seed_pairs:
        mentioned = {name_key(paper.abstract[s.start:s.end]) for s in gold.mentions}
        if paper.title and ":" in paper.title:
            mentioned.add(name_key(paper.title.split(":", 1)[0]))
        for rel in gold.relations:
            assert rel.keys() & mentioned, f"{paper.id}: {rel.type} {rel.name!r} not annotated"


def test_seed_gold_every_paper_proposes_or_reports_something(seed_pairs) -> None:
    kinds = {r.type for _, gold in seed_pairs for r in gold.relations}
    assert kinds == set(SEED_RELATION_TYPES)
    proposing = sum(any(r.type == "PROPOSES" for r in g.relations) for _, g in seed_pairs)
    assert proposing >= 35


def test_seed_gold_reader_rejects_bad_entries() -> None:
    with pytest.raises(InputError, match="names no paper"):
        list(parse_seed_gold(['{"entities": [], "relations": []}'], source="g"))
    with pytest.raises(InputError, match="bad entity"):
        list(parse_seed_gold(['{"title": "T", "entities": [{"text": "X", "label": "Thing"}], '
                              '"relations": []}']))
    with pytest.raises(InputError, match="numeric value"):
        list(parse_seed_gold(['{"title": "T", "entities": [], "relations": '
                              '[{"type": "REPORTS", "name": "MATH"}]}']))


def test_seed_gold_resolve_reports_missing_text() -> None:
    (entry,) = parse_seed_gold(['{"title": "T", "entities": [{"text": "Zap", "label": "Model"}],'
                                ' "relations": []}'])
    with pytest.raises(InputError, match="not found"):
        resolve_mentions("d", "No such name here.", entry.entities)


def test_seed_gold_end_to_end_with_the_real_extractor(nlp, seed_dir: Path) -> None:
    """Runs the extractor over the annotated abstracts; scores exist and stay above FLOORS."""
    (report,) = evaluate(dataset="seeds", nlp=nlp, seed_dir=seed_dir, gold_path=GOLD)
    assert report.docs >= 40
    assert report.entities_strict.micro.support > 0
    assert report.relations_strict is not None and report.relations_strict.micro.support > 0
    f1 = {label: c.f1 for label, c in report.entities_strict.by_label.items()}
    f1.update({rtype: c.f1 for rtype, c in report.relations_strict.by_label.items()})
    low = {k: round(f1.get(k, 0.0), 3) for k, floor in FLOORS.items() if f1.get(k, 0.0) < floor}
    assert not low, f"below the agreed floors {FLOORS}: {low}"
