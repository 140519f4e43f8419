"""Precision, recall and F1 of predicted spans and relations against gold, per label and micro.

Plain functions over small frozen records, so the scorer can be tested without spaCy or any data
file. Two kinds of things are scored:

* **Spans** (:class:`Span`): ``(doc, start, end, label)`` with character offsets, end-exclusive.
  Entity mentions use the entity label; relation arguments in SciER use the relation type as label.
  *Strict* matching needs the exact span and label; *relaxed* matching needs the same label and
  overlapping characters. Matching is one-to-one: a gold span is found at most once and a
  prediction hits at most one gold span (greedy, largest overlap first), so P, R and F1 share
  one set of true positives.
* **Named relations** (:class:`NamedRelation`): ``(doc, type, entity name)`` at paper level, as in
  the seed gold. Names match when their :func:`name_key` (case, hyphen, space and punctuation
  insensitive) agree, trying every alias on both sides; *relaxed* also accepts one key containing
  the other ("Llama 2" vs "Llama-2-7B"). REPORTS also needs the same value (to 1e-6), and strict
  REPORTS needs the metric to agree when both sides state one.

Cost: O(g * p) per (doc, label) group for relaxed matching, O(g + p) for strict.

>>> gold = [Span("d", 0, 5, "Model"), Span("d", 10, 20, "Task")]
>>> pred = [Span("d", 0, 5, "Model"), Span("d", 12, 20, "Task"), Span("d", 30, 33, "Task")]
>>> s = score_spans(gold, pred)
>>> (s.micro.tp, s.micro.fp, s.micro.fn)
(1, 2, 1)
>>> round(score_spans(gold, pred, relaxed=True).micro.f1, 3)
0.8
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from paperkg.records import normalize_text

__all__ = [
    "Span",
    "NamedRelation",
    "Counts",
    "Scores",
    "name_key",
    "overlap",
    "score_spans",
    "score_relations",
]

T = TypeVar("T")


@dataclass(frozen=True)
class Span:
    """A labelled character span in one document: gold or predicted, end-exclusive."""

    doc: str
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class NamedRelation:
    """A paper-level relation to an entity known by name: ``(doc)-[type]->(name)``.

    ``aliases`` are other names of the same entity; ``value``/``unit``/``metric`` are used by
    REPORTS only.
    """

    doc: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    label: str = ""
    value: float | None = None
    unit: str | None = None
    metric: str | None = None

    def keys(self) -> frozenset[str]:
        """Every :func:`name_key` this entity answers to."""
        return frozenset(k for k in (name_key(n) for n in (self.name, *self.aliases)) if k)


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives, with P/R/F1 derived from them.

    >>> c = Counts(3, 1, 2)
    >>> (c.precision, round(c.recall, 2), round(c.f1, 3))
    (0.75, 0.6, 0.667)
    >>> Counts(0, 0, 0).f1
    0.0
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        """Number of gold items."""
        return self.tp + self.fn

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": self.precision,
                "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class Scores:
    """Counts per label plus their micro sum."""

    by_label: Mapping[str, Counts] = field(default_factory=dict)

    @property
    def micro(self) -> Counts:
        total = Counts()
        for counts in self.by_label.values():
            total = total + counts
        return total

    def subset(self, labels: Iterable[str]) -> Counts:
        """Micro counts over some labels only (e.g. every relation type but PROPOSES)."""
        total = Counts()
        for label in labels:
            total = total + self.by_label.get(label, Counts())
        return total

    def as_dict(self) -> dict[str, Any]:
        return {"by_label": {k: v.as_dict() for k, v in sorted(self.by_label.items())},
                "micro": self.micro.as_dict()}


def overlap(a: Span, b: Span) -> int:
    """Number of characters two spans share (0 if different docs or disjoint).

    >>> overlap(Span("d", 0, 5, "X"), Span("d", 3, 9, "Y"))
    2
    """
    if a.doc != b.doc:
        return 0
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def name_key(name: str) -> str:
    """Key under which two entity names agree: letters and digits, lower-cased.

    >>> name_key("Llama-2") == name_key("LLaMA 2") == name_key("llama2")
    True
    """
    return normalize_text(name)


def _greedy_match(gold: list[T], pred: list[T], weight: Callable[[T, T], float]) -> set[int]:
    """Indices of the predictions in a one-to-one matching that takes the heaviest pairs first.

    Ties are broken by position (earlier gold, then earlier prediction), so results are stable.
    """
    pairs = [(-w, i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)
             if (w := weight(g, p)) > 0]
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, i, j in sorted(pairs):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
    return used_p


def _drop_ignored(unmatched: list[Span], ignore: list[Span]) -> list[Span]:
    return [p for p in unmatched if not any(overlap(p, i) for i in ignore)]


def score_spans(gold: Iterable[Span], pred: Iterable[Span], *, relaxed: bool = False,
                ignore: Iterable[Span] = (), labels: Iterable[str] | None = None) -> Scores:
    """Score predicted spans against gold spans, per label.

    Duplicates are counted once. A prediction that hits no gold span but overlaps an ``ignore``
    span (any label) is neither a hit nor a miss. With ``labels``, spans of other labels are
    dropped on both sides (and every listed label gets a row, even with no support).

    >>> gold = [Span("d", 0, 4, "Dataset")]
    >>> ign = [Span("d", 10, 30, "Generic")]
    >>> s = score_spans(gold, [Span("d", 0, 4, "Dataset"), Span("d", 12, 15, "Method")], ignore=ign)
    >>> (s.micro.tp, s.micro.fp, s.micro.fn)
    (1, 0, 0)
    """
    wanted = set(labels) if labels is not None else None
    gold_set = {s for s in gold if wanted is None or s.label in wanted}
    pred_set = {s for s in pred if wanted is None or s.label in wanted}
    ignored_by_doc: dict[str, list[Span]] = defaultdict(list)
    for span in ignore:
        ignored_by_doc[span.doc].append(span)

    groups: dict[tuple[str, str], tuple[list[Span], list[Span]]] = defaultdict(lambda: ([], []))
    for span in gold_set:
        groups[(span.doc, span.label)][0].append(span)
    for span in pred_set:
        groups[(span.doc, span.label)][1].append(span)

    by_label: dict[str, Counts] = {label: Counts() for label in (wanted or ())}
    for (doc, label), (g, p) in sorted(groups.items()):
        g.sort(key=lambda s: (s.start, s.end))
        p.sort(key=lambda s: (s.start, s.end))
        if relaxed:
            matched = {p[j] for j in _greedy_match(g, p, overlap)}
        else:
            matched = set(g) & set(p)
        unmatched = [s for s in p if s not in matched]
        fp = len(_drop_ignored(unmatched, ignored_by_doc.get(doc, [])))
        by_label[label] = by_label.get(label, Counts()) + Counts(len(matched), fp,
                                                                 len(g) - len(matched))
    return Scores(by_label)


def _names_match(gold: NamedRelation, pred: NamedRelation, relaxed: bool) -> float:
    gk, pk = gold.keys(), pred.keys()
    if gk & pk:
        score = 2.0
    elif relaxed and any(len(a) >= 3 and len(b) >= 3 and (a in b or b in a)
                         for a in gk for b in pk):
        score = 1.0
    else:
        return 0.0
    if gold.type == "REPORTS":
        if gold.value is None or pred.value is None or not math.isclose(
                gold.value, pred.value, rel_tol=1e-6, abs_tol=1e-6):
            return 0.0
        if not relaxed and gold.metric and pred.metric and name_key(gold.metric) != name_key(
                pred.metric):
            return 0.0
    return score


def score_relations(gold: Iterable[NamedRelation], pred: Iterable[NamedRelation], *,
                    relaxed: bool = False, types: Iterable[str] | None = None) -> Scores:
    """Score paper-level relations by type: same doc, same type, matching entity name.

    >>> gold = [NamedRelation("p", "PROPOSES", "GLiNER"), NamedRelation("p", "USES", "BERT")]
    >>> pred = [NamedRelation("p", "PROPOSES", "gliner"), NamedRelation("p", "USES", "BERT-large")]
    >>> score_relations(gold, pred).by_label["USES"]
    Counts(tp=0, fp=1, fn=1)
    >>> score_relations(gold, pred, relaxed=True).micro
    Counts(tp=2, fp=0, fn=0)
    """
    wanted = set(types) if types is not None else None
    groups: dict[tuple[str, str], tuple[list[NamedRelation], list[NamedRelation]]] = defaultdict(
        lambda: ([], []))
    for rel in dict.fromkeys(gold):
        if wanted is None or rel.type in wanted:
            groups[(rel.doc, rel.type)][0].append(rel)
    for rel in dict.fromkeys(pred):
        if wanted is None or rel.type in wanted:
            groups[(rel.doc, rel.type)][1].append(rel)
    by_type: dict[str, Counts] = {t: Counts() for t in (wanted or ())}
    for (_, rtype), (g, p) in sorted(groups.items()):
        tp = len(_greedy_match(g, p, lambda a, b: _names_match(a, b, relaxed)))
        by_type[rtype] = by_type.get(rtype, Counts()) + Counts(tp, len(p) - tp, len(g) - tp)
    return Scores(by_type)
