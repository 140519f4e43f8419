"""The scorer on tiny hand-made gold where the right answer is worked out by hand."""

from __future__ import annotations

import json

import pytest

from paperkg.evaluation.datasets import parse_gsap
from paperkg.evaluation.run import evaluate_docs, predicted_mentions
from paperkg.evaluation.scoring import (
    Counts,
    NamedRelation,
    Span,
    name_key,
    score_relations,
    score_spans,
)
from paperkg.records import Entity, Extraction, Paper, Relation

TEXT = ("We present FooNet, a captioning model trained on BarSet for image captioning, "
        "and compare it with ResNet-50.")


def at(surface: str, label: str, doc: str = "d") -> Span:
    start = TEXT.index(surface)
    return Span(doc, start, start + len(surface), label)


GOLD = [at("FooNet", "Model"), at("BarSet", "Dataset"), at("image captioning", "Task"),
        at("ResNet-50", "Model")]
IGNORED = [at("a captioning model", "MLModelGeneric")]
PRED = [
    at("FooNet", "Model"),  # exact: hit
    at("captioning model", "Method"),  # inside an ignored span, no gold: neither hit nor miss
    at("BarSet", "Dataset"),  # exact: hit
    Span("d", TEXT.index("captioning,"), TEXT.index("captioning,") + 10, "Task"),  # overlap only
    at("ResNet", "Model"),  # overlap only
    at("compare", "Method"),  # wrong: a false positive in both modes
]


def test_scoring_strict_counts_by_hand() -> None:
    scores = score_spans(GOLD, PRED, ignore=IGNORED)
    assert scores.micro == Counts(tp=2, fp=3, fn=2)
    assert scores.micro.precision == pytest.approx(0.4)
    assert scores.micro.recall == pytest.approx(0.5)
    assert scores.micro.f1 == pytest.approx(2 * 0.4 * 0.5 / 0.9)
    assert scores.by_label["Model"] == Counts(1, 1, 1)
    assert scores.by_label["Dataset"] == Counts(1, 0, 0)
    assert scores.by_label["Task"] == Counts(0, 1, 1)
    assert scores.by_label["Method"] == Counts(0, 1, 0)


def test_scoring_relaxed_counts_by_hand() -> None:
    scores = score_spans(GOLD, PRED, ignore=IGNORED, relaxed=True)
    assert scores.micro == Counts(tp=4, fp=1, fn=0)
    assert scores.micro.precision == pytest.approx(0.8)
    assert scores.micro.recall == pytest.approx(1.0)
    assert scores.micro.f1 == pytest.approx(2 * 0.8 / 1.8)


def test_scoring_without_ignore_counts_the_generic_overlap_as_false_positive() -> None:
    assert score_spans(GOLD, PRED).micro == Counts(tp=2, fp=4, fn=2)


def test_scoring_relaxed_is_one_to_one() -> None:
    gold = [Span("d", 0, 10, "Task")]
    pred = [Span("d", 0, 4, "Task"), Span("d", 5, 10, "Task")]
    assert score_spans(gold, pred, relaxed=True).micro == Counts(1, 1, 0)


def test_scoring_relaxed_prefers_the_largest_overlap() -> None:
    gold = [Span("d", 0, 10, "Task"), Span("d", 12, 14, "Task")]
    pred = [Span("d", 8, 14, "Task")]  # overlaps the first by 2, the second by 2: one hit only
    assert score_spans(gold, pred, relaxed=True).micro == Counts(1, 0, 1)


def test_scoring_type_must_agree_even_when_relaxed() -> None:
    scores = score_spans([Span("d", 0, 5, "Model")], [Span("d", 0, 5, "Method")], relaxed=True)
    assert scores.micro == Counts(0, 1, 1)


def test_scoring_other_docs_never_match() -> None:
    assert score_spans([Span("a", 0, 5, "Model")], [Span("b", 0, 5, "Model")]).micro.tp == 0


def test_scoring_duplicates_count_once_and_labels_filter() -> None:
    gold = [Span("d", 0, 5, "Model"), Span("d", 0, 5, "Model"), Span("d", 7, 9, "Metric")]
    pred = [Span("d", 0, 5, "Model")] * 3
    scores = score_spans(gold, pred, labels=("Model", "Task"))
    assert scores.micro == Counts(1, 0, 0)
    assert set(scores.by_label) == {"Model", "Task"}
    assert scores.by_label["Task"].f1 == 0.0


@pytest.mark.parametrize(("a", "b", "same"), [
    ("Llama-2", "LLaMA 2", True),
    ("chain-of-thought", "Chain of Thought", True),
    ("GPT-2", "GPT-3", False),
    ("T5", "mT5", False),
])
def test_scoring_name_key(a: str, b: str, same: bool) -> None:
    assert (name_key(a) == name_key(b)) is same


def test_scoring_relations_names_aliases_and_values() -> None:
    gold = [
        NamedRelation("p", "PROPOSES", "Representation Finetuning", aliases=("ReFT",)),
        NamedRelation("p", "COMPARES_WITH", "LoRA"),
        NamedRelation("p", "REPORTS", "Long Range Arena", value=86.0, metric="accuracy"),
        NamedRelation("p", "EVALUATES_ON", "GSM8K"),
    ]
    pred = [
        NamedRelation("p", "PROPOSES", "ReFT"),  # alias: hit
        NamedRelation("p", "COMPARES_WITH", "LoRA"),  # hit
        NamedRelation("p", "USES", "LoRA"),  # wrong type: false positive
        NamedRelation("p", "REPORTS", "LRA", aliases=("Long Range Arena",), value=86.0),  # hit
        NamedRelation("p", "REPORTS", "Long Range Arena", value=96.0),  # wrong value
        NamedRelation("q", "EVALUATES_ON", "GSM8K"),  # other paper
    ]
    scores = score_relations(gold, pred)
    assert scores.by_label["PROPOSES"] == Counts(1, 0, 0)
    assert scores.by_label["USES"] == Counts(0, 1, 0)
    assert scores.by_label["REPORTS"] == Counts(1, 1, 0)
    assert scores.by_label["EVALUATES_ON"] == Counts(0, 1, 1)
    assert scores.micro == Counts(3, 3, 1)
    assert scores.subset(["PROPOSES", "REPORTS"]) == Counts(2, 1, 0)


def test_scoring_relations_strict_metric_and_relaxed_names() -> None:
    gold = [NamedRelation("p", "REPORTS", "MATH", value=65.0, metric="accuracy"),
            NamedRelation("p", "USES", "Llama 2")]
    pred = [NamedRelation("p", "REPORTS", "MATH", value=65.0, metric="pass@1"),
            NamedRelation("p", "USES", "Llama-2-7B")]
    assert score_relations(gold, pred).micro == Counts(0, 2, 2)
    assert score_relations(gold, pred, relaxed=True).micro == Counts(2, 0, 0)


def test_scoring_end_to_end_from_extraction_with_gsap_mapping() -> None:
    """A GSAP-style gold line and an Extraction built by hand: Benchmark counts as Dataset,
    Metric is not scored, title offsets are not mentions."""
    entities = [
        {"start": s.start, "end": s.end, "label": {"Model": "MLModel"}.get(s.label, s.label),
         "text": TEXT[s.start:s.end]} for s in GOLD]
    entities.append({"start": IGNORED[0].start, "end": IGNORED[0].end,
                     "label": "MLModelGeneric", "text": "a captioning model"})
    (gold,) = parse_gsap([json.dumps({"paper": "d", "abstract": TEXT, "entities": entities})])
    paper = Paper(title="FooNet", abstract=TEXT, id="paper:test")
    ents = (Entity("model:foonet", "Model", "FooNet"), Entity("benchmark:barset", "Benchmark",
            "BarSet"), Entity("metric:acc", "Metric", "accuracy"))

    def rel(target: str, surface: str, section: str = "abstract") -> Relation:
        start = TEXT.index(surface)
        return Relation("MENTIONS", paper.id, target, paper.id, start=start,
                        end=start + len(surface), section=section)

    extraction = Extraction(paper.id, ents, (
        rel("model:foonet", "FooNet"), rel("model:foonet", "FooNet"),
        rel("benchmark:barset", "BarSet"), rel("metric:acc", "captioning"),
        rel("model:foonet", "ResNet", section="title")))
    assert len(predicted_mentions(extraction, "d", {"Model": "Model"})) == 1
    report = evaluate_docs("gsap", [paper], [gold], [extraction])
    assert report.entities_strict.micro == Counts(tp=2, fp=0, fn=2)
    assert report.entities_strict.by_label["Dataset"] == Counts(1, 0, 0)
    assert report.relations_strict is None
