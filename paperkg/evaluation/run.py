"""Run the extractor over annotated data and score it: what ``paperkg eval`` calls.

:func:`predicted_mentions` and :func:`predicted_relations` turn an Extraction into the records the
scorer compares; :func:`evaluate_docs` scores one dataset given Papers and GoldDocs;
:func:`evaluate` finds the data, runs the extractor once per dataset and returns
:class:`DatasetReport` records; :func:`format_reports` prints them as tables.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from paperkg.errors import InputError
from paperkg.evaluation.datasets import (
    PREDICTED_LABELS,
    SCIER_RELATIONS,
    GoldDoc,
    eval_data_dir,
    read_gsap,
    read_scier,
)
from paperkg.evaluation.scoring import NamedRelation, Scores, Span, score_relations, score_spans
from paperkg.evaluation.seeds import SEED_RELATION_TYPES, match_seed_gold, read_seed_gold
from paperkg.graph.schema import label_of_id
from paperkg.records import Extraction, Paper

__all__ = [
    "DATASETS",
    "DatasetReport",
    "predicted_mentions",
    "predicted_relation_spans",
    "predicted_relations",
    "evaluate_docs",
    "evaluate",
    "format_reports",
]

#: Dataset names ``paperkg eval --dataset`` accepts (``all`` runs every one that is present).
DATASETS: tuple[str, ...] = ("gsap", "scier", "scier-ood", "seeds", "gsap-full")
#: What ``--dataset all`` runs: every dataset but the slow full-text one.
ALL_DATASETS: tuple[str, ...] = ("gsap", "scier", "scier-ood", "seeds")
_TITLES = {"gsap": "GSAP-NER abstracts", "gsap-full": "GSAP-NER full texts (all 7,000 paragraphs)",
           "scier": "SciER test", "scier-ood": "SciER test_ood", "seeds": "seed gold (hand-annotated)"}
_ENTITY_LABELS = {
    "gsap": ("Model", "Method", "Dataset", "Task"),
    "gsap-full": ("Model", "Method", "Dataset", "Task"),
    "scier": ("Method", "Dataset", "Task"),
    "scier-ood": ("Method", "Dataset", "Task"),
    "seeds": ("Model", "Method", "Dataset", "Benchmark", "Task", "Metric"),
}
_SCIER_TYPES = tuple(dict.fromkeys(t for t, _ in SCIER_RELATIONS.values()))


@dataclass(frozen=True)
class DatasetReport:
    """Scores of one dataset: entities and relations, strict and relaxed."""

    name: str
    docs: int
    entity_labels: tuple[str, ...]
    entities_strict: Scores
    entities_relaxed: Scores
    relation_types: tuple[str, ...] = ()
    relations_strict: Scores | None = None
    relations_relaxed: Scores | None = None
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "dataset": self.name, "docs": self.docs, "seconds": round(self.seconds, 2),
            "entities": {"strict": self.entities_strict.as_dict(),
                         "relaxed": self.entities_relaxed.as_dict()}}
        if self.relations_strict is not None and self.relations_relaxed is not None:
            out["relations"] = {"strict": self.relations_strict.as_dict(),
                                "relaxed": self.relations_relaxed.as_dict()}
            if "PROPOSES" in self.relation_types:
                others = [t for t in self.relation_types if t != "PROPOSES"]
                out["relations"]["others_micro"] = {
                    "strict": self.relations_strict.subset(others).as_dict(),
                    "relaxed": self.relations_relaxed.subset(others).as_dict()}
        return out


def _label_of(extraction: Extraction) -> dict[str, str]:
    return {e.id: e.label for e in extraction.entities}


def _target_label(labels: Mapping[str, str], target: str) -> str | None:
    if target in labels:
        return labels[target]
    try:
        return label_of_id(target)
    except ValueError:
        return None


def predicted_mentions(extraction: Extraction, doc_id: str,
                       label_map: Mapping[str, str] | None = None) -> list[Span]:
    """Mentions the extractor found: (start, end, target label) of every relation with offsets
    into the abstract, deduplicated; labels outside ``label_map`` are dropped, others renamed.

    >>> from paperkg.records import Entity, Relation
    >>> ex = Extraction("p", (Entity("model:bert", "Model", "BERT"),),
    ...     (Relation("USES", "p", "model:bert", "p", start=4, end=8),
    ...      Relation("MENTIONS", "p", "model:bert", "p", start=4, end=8),
    ...      Relation("USES", "p", "model:bert", "p", start=0, end=4, section="title")))
    >>> predicted_mentions(ex, "d", {"Model": "Method"})
    [Span(doc='d', start=4, end=8, label='Method')]
    """
    labels = _label_of(extraction)
    spans: dict[Span, None] = {}
    for rel in extraction.relations:
        if rel.section != "abstract" or rel.start < 0 or rel.end <= rel.start:
            continue
        label = _target_label(labels, rel.target)
        if label is None:
            continue
        if label_map is not None:
            if label not in label_map:
                continue
            label = label_map[label]
        spans[Span(doc_id, rel.start, rel.end, label)] = None
    return list(spans)


def predicted_relation_spans(extraction: Extraction, doc_id: str,
                             types: Iterable[str]) -> list[Span]:
    """Relation arguments as spans labelled with the relation type (for SciER), deduplicated."""
    wanted = set(types)
    return list(dict.fromkeys(
        Span(doc_id, r.start, r.end, r.type) for r in extraction.relations
        if r.type in wanted and r.section == "abstract" and 0 <= r.start < r.end))


def predicted_relations(extraction: Extraction, doc_id: str,
                        types: Iterable[str] = SEED_RELATION_TYPES) -> list[NamedRelation]:
    """Paper-level relations (type, entity name and aliases; REPORTS with value), deduplicated.

    >>> from paperkg.records import Entity, Relation
    >>> ex = Extraction("p", (Entity("benchmark:lra", "Benchmark", "Long Range Arena", ("LRA",)),),
    ...     (Relation("REPORTS", "p", "benchmark:lra", "p", properties=(("value", 86.0),)),))
    >>> [(r.type, r.name, r.value) for r in predicted_relations(ex, "d")]
    [('REPORTS', 'Long Range Arena', 86.0)]
    """
    wanted = set(types)
    entities = {e.id: e for e in extraction.entities}
    out: dict[NamedRelation, None] = {}
    for rel in extraction.relations:
        if rel.type not in wanted or rel.source != extraction.paper_id:
            continue
        entity = entities.get(rel.target)
        name = entity.name if entity else rel.target.split(":", 1)[-1]
        aliases = entity.aliases if entity else ()
        props = rel.props if rel.type == "REPORTS" else {}
        value = props.get("value")
        try:
            value = float(value) if value is not None else None
        except (TypeError, ValueError):
            value = None
        out[NamedRelation(doc_id, rel.type, name, tuple(aliases),
                          label=entity.label if entity else "", value=value,
                          unit=props.get("unit"), metric=props.get("metric"))] = None
    return list(out)


def evaluate_docs(name: str, papers: Sequence[Paper], golds: Sequence[GoldDoc],
                  extractions: Iterable[Extraction]) -> DatasetReport:
    """Score extractions (in the order of ``papers``) against their GoldDocs.

    ``name`` picks the label mapping (gsap, scier, scier-ood, seeds).
    """
    started = time.perf_counter()
    kind = "scier" if name.startswith("scier") else "gsap" if name.startswith("gsap") else name
    label_map = PREDICTED_LABELS[kind]
    gold_m: list[Span] = []
    pred_m: list[Span] = []
    ignored: list[Span] = []
    gold_rs: list[Span] = []
    pred_rs: list[Span] = []
    gold_r: list[NamedRelation] = []
    pred_r: list[NamedRelation] = []
    for paper, gold, extraction in zip(papers, golds, extractions, strict=True):
        if extraction.paper_id != paper.id:
            raise InputError(f"extraction for {extraction.paper_id} out of order "
                             f"(expected {paper.id})")
        gold_m.extend(gold.mentions)
        ignored.extend(gold.ignored)
        pred_m.extend(predicted_mentions(extraction, gold.doc_id, label_map))
        if kind == "scier":
            gold_rs.extend(gold.relation_spans)
            pred_rs.extend(predicted_relation_spans(extraction, gold.doc_id, _SCIER_TYPES))
        elif kind == "seeds":
            gold_r.extend(gold.relations)
            pred_r.extend(predicted_relations(extraction, gold.doc_id))
    labels = _ENTITY_LABELS[name]
    report: dict[str, Any] = {
        "entities_strict": score_spans(gold_m, pred_m, ignore=ignored, labels=labels),
        "entities_relaxed": score_spans(gold_m, pred_m, ignore=ignored, labels=labels,
                                        relaxed=True)}
    if kind == "scier":
        report.update(relation_types=_SCIER_TYPES,
                      relations_strict=score_spans(gold_rs, pred_rs, labels=_SCIER_TYPES),
                      relations_relaxed=score_spans(gold_rs, pred_rs, labels=_SCIER_TYPES,
                                                    relaxed=True))
    elif kind == "seeds":
        report.update(relation_types=SEED_RELATION_TYPES,
                      relations_strict=score_relations(gold_r, pred_r, types=SEED_RELATION_TYPES),
                      relations_relaxed=score_relations(gold_r, pred_r, types=SEED_RELATION_TYPES,
                                                        relaxed=True))
    return DatasetReport(name, len(golds), labels, seconds=time.perf_counter() - started,
                         **report)


def _public_docs(name: str, data_dir: Path, on_note: Any = None) -> Iterator[GoldDoc]:
    files = {"gsap": data_dir / "gsap-ner" / "jsonl" / "abstracts.jsonl",
             "gsap-full": data_dir / "gsap-ner" / "jsonl" / "paragraphs.jsonl",
             "scier": data_dir / "scier" / "PLM" / "test.jsonl",
             "scier-ood": data_dir / "scier" / "PLM" / "test_ood.jsonl"}
    path = files[name]
    if not path.is_file():
        raise InputError(f"{_TITLES[name]} data not found at {path} "
                         f"(set PAPERKG_EVAL_DATA or pass --data)")
    return read_gsap(path, on_note) if name.startswith("gsap") else read_scier(path)


def _dataset_inputs(name: str, *, data_dir: Path, gold_path: Path | None, seed_dir: Path | None,
                    limit: int | None, on_note: Any = None) -> tuple[list[Paper], list[GoldDoc]]:
    if name == "seeds":
        from paperkg.loaders import read_corpus

        env = os.environ.get("PAPERKG_SEEDS")
        seeds = seed_dir or (Path(env) if env else data_dir.parent / "seeds")
        if not seeds.exists():
            raise InputError(f"seed corpus not found at {seeds} (pass --seeds DIR)")
        pairs = match_seed_gold(read_seed_gold(gold_path), read_corpus([seeds]).papers)
        pairs = pairs[:limit] if limit else pairs
        return [p for p, _ in pairs], [g for _, g in pairs]
    golds = list(islice(_public_docs(name, data_dir, on_note), limit))
    papers = [Paper(title=g.title, abstract=g.text, arxiv_id=g.arxiv_id, id=f"eval:{g.doc_id}")
              for g in golds]
    return papers, golds


def evaluate(*, dataset: str = "all", data_dir: str | Path | None = None,
             gold_path: str | Path | None = None, seed_dir: str | Path | None = None,
             pipeline: str | None = None, fast: bool = False, limit: int | None = None,
             nlp: Any = None, on_note: Any = None) -> list[DatasetReport]:
    """Run the extractor on one dataset (or ``all`` that are present) and score it.

    ``nlp`` is an already loaded pipeline (tests pass the session one); otherwise ``pipeline``
    and ``fast`` choose it. ``on_note`` gets one-line messages (datasets skipped for lack of data).
    """
    from paperkg.extractors import Extractor

    if dataset != "all" and dataset not in DATASETS:
        raise InputError(f"unknown dataset {dataset!r}; expected one of "
                         f"{', '.join(DATASETS)} or all (all leaves out gsap-full)")
    names = ALL_DATASETS if dataset == "all" else (dataset,)
    root = Path(data_dir) if data_dir else eval_data_dir()
    kwargs: dict[str, Any] = {"fast": fast}
    if pipeline:
        kwargs["pipeline"] = pipeline
    extractor = Extractor(nlp, **kwargs)
    reports = []
    for name in names:
        try:
            papers, golds = _dataset_inputs(
                name, data_dir=root, gold_path=Path(gold_path) if gold_path else None,
                seed_dir=Path(seed_dir) if seed_dir else None, limit=limit, on_note=on_note)
        except InputError as err:
            if dataset != "all" or "not found" not in str(err):
                raise
            if on_note:
                on_note(f"skipped {name}: {err}")
            continue
        started = time.perf_counter()
        report = evaluate_docs(name, papers, golds, extractor.extract(papers))
        reports.append(DatasetReport(**{**report.__dict__,
                                        "seconds": time.perf_counter() - started}))
    return reports


def _row(name: str, strict: Any, relaxed: Any) -> str:
    return (f"  {name:<16}{strict.precision * 100:6.1f}{strict.recall * 100:6.1f}"
            f"{strict.f1 * 100:6.1f}  |{relaxed.precision * 100:6.1f}{relaxed.recall * 100:6.1f}"
            f"{relaxed.f1 * 100:6.1f}  |{strict.support:6d}{strict.tp + strict.fp:6d}")


def _table(kind: str, keys: Sequence[str], strict: Scores, relaxed: Scores,
           others: bool = False) -> list[str]:
    header = (f"  {kind:<16}{'P':>6}{'R':>6}{'F1':>6}  |{'P':>6}{'R':>6}{'F1':>6}  |"
              f"{'gold':>6}{'pred':>6}")
    lines = [f"  {'':<16}{'strict':^18}  |{'relaxed':^18}  |", header]
    for key in keys:
        lines.append(_row(key, strict.by_label.get(key, _zero()), relaxed.by_label.get(key,
                                                                                   _zero())))
    lines.append(_row("micro", strict.micro, relaxed.micro))
    if others:
        rest = [k for k in keys if k != "PROPOSES"]
        lines.append(_row("micro w/o PROP.", strict.subset(rest), relaxed.subset(rest)))
    return lines


def _zero() -> Any:
    from paperkg.evaluation.scoring import Counts

    return Counts()


def format_reports(reports: Iterable[DatasetReport]) -> str:
    """Plain-text tables: P/R/F1 in percent per entity label and relation type, strict|relaxed."""
    out: list[str] = []
    for report in reports:
        out.append(f"{_TITLES.get(report.name, report.name)}: {report.docs} documents, "
                   f"{report.seconds:.1f} s")
        out.extend(_table("entity", report.entity_labels, report.entities_strict,
                          report.entities_relaxed))
        if report.relations_strict is not None and report.relations_relaxed is not None:
            out.extend(_table("relation", report.relation_types, report.relations_strict,
                              report.relations_relaxed, others="PROPOSES" in report.relation_types))
        out.append("")
    return "\n".join(out).rstrip() + "\n"
