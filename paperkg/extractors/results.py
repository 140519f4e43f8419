"""Result patterns: ``86% on Long Range Arena``, ``65% on MATH``, ``GSM8K accuracy of 57.1%``.

A number with a unit (``%``, ``percent``, ``points``, ``BLEU``...) tied to a Benchmark, Dataset or
Task mention in the same sentence (``N% on X`` after the number, or ``X ... of N%`` before it),
with the nearest Metric mention as the metric and the paper's (or the sentence's) model as the
subject. Adds ``REPORTS`` :class:`~paperkg.extractors.mentions.Hit` records to ``doc._.paperkg_hits``.

>>> [(v, u) for v, u, _, _ in find_numbers("reaches 86% and 12.5 points, not 2019")]
[(86.0, '%'), (12.5, 'points')]
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from paperkg.extractors.batching import BatchPipe
from paperkg.extractors.mentions import Hit, Mention, doc_text, ensure_extensions, get_list, sentence_bounds

__all__ = ["find_numbers", "find_results", "ResultFinder"]


def _number(digit: str) -> re.Pattern[str]:
    """A number with a unit. The "not after a word or a period" check comes after the first digit
    (``(?<![\\w.]\\d)``), not before it: a pattern that starts with a lookbehind is tried at every character,
    one that starts with a digit is not. ``digit`` is a class for a digit: ``\\d`` for any text, ``[0-9]`` for
    ASCII text (the same set there, and ``re`` scans for it faster than for the Unicode category)."""
    return re.compile(
        rf"(?P<val>{digit}(?<![\w.]{digit}){digit}{{0,3}}(?:\.{digit}+)?)\s?"
        r"(?P<unit>\\?%|percent\b|points?\b|pp\b|BLEU\b|F1\b|EM\b|ROUGE-?\w*\b|x\b)"
    )


_NUMBER = _number(r"\d")
_NUMBER_ASCII = _number("[0-9]")
_RANGE_NEXT = re.compile(r"\s*(?:-|–|to)\s*\d[\d.]*\s?(?:\\?%|percent\b|points?\b)?", re.I)
_TARGETS = ("Benchmark", "Dataset", "Task")
_RELATIVE_BEFORE = re.compile(
    r"(?:\bby\s+(?:(?:more than|up to|over|about|nearly|approximately|around|roughly|at least|an average of|"
    r"a margin of|on average)\s+)?|\+|\btimes\s+|\bx\s+|\bwithin\s+|\bretain\w*\s+(?:(?:more than|over|up to|about|"
    r"nearly|at least)\s+)?|\b(?:gain|improvement|increase|boost|margin|reduction|drop|decrease|speed-?up)s?\s+of\s+"
    r"(?:(?:more than|up to|over|about|nearly|approximately|around|roughly|at least)\s+)?)$",
    re.I,
)
_RELATIVE_AFTER = re.compile(
    r"\s*(?:absolute\s+|relative\s+)?(?:improvement|gain|higher|lower|better|increase|reduction|fewer|more|less|"
    r"faster|smaller|larger|boost|drop|decrease|speed-?up|of the)s?\b",
    re.I,
)
# a number in a series with the one before it ("2.1%/4.3%", "31.1% and 34.8%", "from 28.8% to 2%")
_SERIES_GAP = re.compile(r"^[^.;:()\d]{0,60}$")
_RESULT_VERB = re.compile(r"\b(?:achiev\w*|reach\w*|obtain\w*|scor\w*|attain\w*|accuracy|yield\w*|get|gets)\b", re.I)
_AFTER = re.compile(r"^[\s\w\-,()]{0,40}?\b(?:on|in|for|at|across)\s+(?:the\s+)?(?:\w+\s+){0,2}$", re.I)
_BEFORE = re.compile(
    r"^\W{0,3}(?:[\w\-]+\W+){0,5}?(?:of|at|to|:|achiev\w*|reach\w*|obtain\w*|scor\w*|with|from)\W+$",
    re.I,
)


def find_numbers(text: str) -> list[tuple[float, str, int, int]]:
    """(value, unit, start, end) of every number with a unit."""
    out = []
    for m in (_NUMBER_ASCII if text.isascii() else _NUMBER).finditer(text):
        unit = m.group("unit")
        unit = "%" if unit in ("%", "\\%", "percent") else ("points" if unit.startswith("point") else unit)
        out.append((float(m.group("val")), unit, m.start(), m.end()))
    return out


def find_results(text: str, mentions: list[Mention], bounds: list[tuple[int, int]]) -> list[Hit]:
    """REPORTS hits: each number with a unit tied to one benchmark/dataset/task mention."""
    hits = []
    own_targets = [m for m in mentions if m.proposed and m.entity.label in _TARGETS]
    prev: tuple[int, int, Mention | None, str, bool] | None = None  # (sentence start, end, target, metric, relative)
    for value, unit, ns, ne in find_numbers(text):
        sent = next(((s, e) for s, e in bounds if s <= ns < e), (0, len(text)))
        in_sent = [m for m in mentions if sent[0] <= m.start and m.end <= sent[1]]
        targets = [m for m in in_sent if m.entity.label in _TARGETS]
        # the previous number of the same sentence, when only a short connector stands between them
        series = prev if prev and prev[0] == sent[0] and _SERIES_GAP.match(text[prev[1] : ns]) and not any(
            prev[1] <= m.start < ns for m in targets) else None
        rng = _RANGE_NEXT.match(text, ne)
        end = rng.end() if rng and rng.group(0).strip()[-1:] in "%t" else ne
        relative = bool(_RELATIVE_BEFORE.search(text, max(0, ns - 30), ns) or _RELATIVE_AFTER.match(text, end))
        if not relative and prev and prev[4] and prev[0] == sent[0] and ns - prev[1] < 80 and not _RESULT_VERB.search(
            text, prev[1], ns
        ):
            relative = True  # "by 100% on X and 42% on Y": the gain goes on
        if relative:  # a gain ("by 22%", "+12%", "7% higher", "13%-19% absolute improvements"), not a result
            prev = (sent[0], ne, None, "", True)
            continue
        target, rule = None, ""
        for m in targets:
            if m.start >= ne and m.start - ne <= 60 and _AFTER.match(text[ne : m.start]):
                target, rule = m, "result_after"
                break
        if target is None:
            for m in reversed(targets):
                if m.end <= ns and ns - m.end <= 50 and _BEFORE.match(text[m.end : ns]):
                    target, rule = m, "result_before"
                    break
        if target is None and series and series[2] is not None:
            target, rule = series[2], "result_series"
        if target is None and not targets and len(own_targets) == 1 and _RESULT_VERB.search(text, sent[0], ns):
            target, rule = own_targets[0], "result_own_benchmark"  # results on the paper's own benchmark
        if target is None:
            prev = (sent[0], ne, None, "", False)
            continue
        metrics = [m for m in in_sent if m.entity.label == "Metric" and ns - 50 <= m.start <= ne + 30]
        metric = text[min(metrics, key=lambda m: abs(m.start - ns)).start : min(
            metrics, key=lambda m: abs(m.start - ns)).end] if metrics else ""
        if not metric and series and series[2] is target:
            metric = series[3]
        prev = (sent[0], ne, target, metric, False)
        if not metric and unit in ("BLEU", "F1", "EM") or unit.startswith("ROUGE"):
            metric = unit
        subjects = [m for m in in_sent if m.entity.label in ("Model", "Method") and m.start < ns]
        own = [m for m in subjects if m.proposed]
        subject = (own or subjects[:1] or [None])[0]
        props = [("value", value), ("unit", unit), ("metric", metric)]
        if subject is not None:
            props.append(("subject", subject.entity.name))
        hits.append(Hit("REPORTS", target, rule, 0.8, None, tuple(props)))
    return hits


class ResultFinder(BatchPipe):
    """Finds reported results; adds REPORTS hits to ``doc._.paperkg_hits``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        ensure_extensions()

    def __call__(self, doc: Doc) -> Doc:
        hits = find_results(doc_text(doc), get_list(doc, "paperkg_mentions"), sentence_bounds(doc))
        get_list(doc, "paperkg_hits").extend(hits)
        return doc


@Language.factory("paperkg_results", default_config={})
def make_result_finder(nlp: Language, name: str) -> ResultFinder:
    return ResultFinder(nlp, name)
