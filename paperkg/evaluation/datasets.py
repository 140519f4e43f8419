"""Readers for annotated data: GSAP-NER abstracts and SciER (PLM layout), as :class:`GoldDoc`.

Each format has ``parse_<format>(lines, source=)`` over any iterable of JSON lines and
``read_<format>(path)`` around it; both stream, one document at a time. A bad line raises
:class:`~paperkg.errors.InputError` with ``path:line`` and what was wrong.

Label mapping onto paperkg's schema (see :data:`GSAP_LABELS`, :data:`SCIER_RELATIONS`):

* GSAP-NER: MLModel -> Model, Dataset -> Dataset, Method and ModelArchitecture -> Method,
  Task -> Task. MLModelGeneric, DatasetGeneric, URL, ReferenceLink and Datasource are *ignored*:
  a prediction overlapping one of them that hits no gold span is neither a hit nor a miss
  (Datasource, e.g. Wikipedia, is not one of our labels, so it is ignored rather than scored).
* SciER: Dataset, Method, Task as they are (named models are Method there). Relations are between
  two entities in a sentence; ours go from the paper to an entity, so each SciER relation becomes
  a paper-level relation on one of its arguments: Evaluated-With -> EVALUATES_ON the object
  (the dataset), Trained-With -> USES the object (the training data), Used-For -> USES the subject
  (the thing used), Compare-With -> COMPARES_WITH the object (the thing compared against).
  Part-Of, SubClass-Of, SubTask-Of, Synonym-Of and Benchmark-For have no paper-level counterpart
  and are not scored.

How predictions are mapped for each dataset is in :data:`PREDICTED_LABELS`: a predicted Benchmark
counts as Dataset on both public sets, a predicted Model counts as Method on SciER, and predicted
Metrics (which neither set annotates) are dropped.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paperkg.errors import InputError
from paperkg.evaluation.scoring import NamedRelation, Span
from paperkg.loaders.base import parse_json_lines

__all__ = [
    "GoldDoc",
    "GSAP_LABELS",
    "GSAP_IGNORED",
    "SCIER_RELATIONS",
    "PREDICTED_LABELS",
    "eval_data_dir",
    "parse_gsap",
    "read_gsap",
    "parse_scier",
    "read_scier",
    "detokenize",
]

#: GSAP-NER label -> paperkg label.
GSAP_LABELS: dict[str, str] = {
    "MLModel": "Model",
    "Dataset": "Dataset",
    "Method": "Method",
    "ModelArchitecture": "Method",
    "Task": "Task",
}
#: GSAP-NER labels whose spans are neither hits nor misses.
GSAP_IGNORED: frozenset[str] = frozenset(
    {"MLModelGeneric", "DatasetGeneric", "URL", "ReferenceLink", "Datasource"})

SCIER_LABELS: dict[str, str] = {"Dataset": "Dataset", "Method": "Method", "Task": "Task"}
#: SciER relation -> (paperkg relation type, which argument the paper relates to).
SCIER_RELATIONS: dict[str, tuple[str, str]] = {
    "Evaluated-With": ("EVALUATES_ON", "object"),
    "Trained-With": ("USES", "object"),
    "Used-For": ("USES", "subject"),
    "Compare-With": ("COMPARES_WITH", "object"),
}

#: Per dataset: predicted paperkg label -> label it is scored as (absent: not scored).
PREDICTED_LABELS: dict[str, dict[str, str]] = {
    "gsap": {"Model": "Model", "Method": "Method", "Dataset": "Dataset", "Benchmark": "Dataset",
             "Task": "Task"},
    "scier": {"Model": "Method", "Method": "Method", "Dataset": "Dataset",
              "Benchmark": "Dataset", "Task": "Task"},
    "seeds": {label: label for label in
              ("Model", "Method", "Dataset", "Benchmark", "Task", "Metric")},
}


@dataclass(frozen=True)
class GoldDoc:
    """One annotated document: its text, gold entity spans, and gold relations.

    ``relation_spans`` are relation arguments as spans labelled with our relation type (SciER);
    ``relations`` are paper-level relations by entity name (seed gold).
    """

    doc_id: str
    text: str
    title: str | None = None
    arxiv_id: str | None = None
    mentions: tuple[Span, ...] = ()
    ignored: tuple[Span, ...] = ()
    relation_spans: tuple[Span, ...] = ()
    relations: tuple[NamedRelation, ...] = ()


def eval_data_dir() -> Path:
    """Where the public annotated data lives: ``$PAPERKG_EVAL_DATA`` or ``../shared/eval-data``.

    The default is relative to the repository (the parent of the ``paperkg`` package).
    """
    env = os.environ.get("PAPERKG_EVAL_DATA")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[2].parent / "shared" / "eval-data"


def _json_lines(lines: Iterable[str], source: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(path:line, object)`` for each non-blank line; a line that is not a JSON object raises."""
    for line in parse_json_lines(enumerate(lines, start=1), source):
        if line.error is not None:
            raise InputError(f"not valid JSON ({line.error.msg} at column {line.error.colno})",
                             line.location) from line.error
        if not isinstance(line.value, dict):
            raise InputError(f"expected a JSON object, got {type(line.value).__name__}", line.location)
        yield line.location, line.value


def _require(record: dict[str, Any], key: str, kind: type | tuple[type, ...],
             location: str) -> Any:
    if key not in record:
        raise InputError(f"missing key {key!r}", location)
    value = record[key]
    if not isinstance(value, kind):
        raise InputError(f"key {key!r} has the wrong type ({type(value).__name__})", location)
    return value


def parse_gsap(lines: Iterable[str], *, source: str = "<gsap>",
               on_note: Callable[[str], None] | None = None) -> Iterator[GoldDoc]:
    """GSAP-NER ``jsonl/abstracts.jsonl`` (or ``paragraphs.jsonl``: ``id`` and ``text`` instead of
    ``paper`` and ``abstract``) records -> GoldDocs with mapped and ignored spans.

    >>> line = ('{"paper": "p1", "abstract": "We train BERT on SQuAD.", "entities": ['
    ...         '{"start": 9, "end": 13, "label": "MLModel"},'
    ...         '{"start": 17, "end": 22, "label": "Dataset"},'
    ...         '{"start": 0, "end": 2, "label": "URL"}]}')
    >>> doc = next(parse_gsap([line]))
    >>> [(s.start, s.end, s.label) for s in doc.mentions], len(doc.ignored)
    ([(9, 13, 'Model'), (17, 22, 'Dataset')], 1)
    """
    for location, record in _json_lines(lines, source):
        if "text" in record and "abstract" not in record:  # paragraphs.jsonl: one paragraph a line
            doc_id = str(_require(record, "id", (str, int), location))
            text = _require(record, "text", str, location)
        else:  # abstracts.jsonl: one paper a line
            doc_id = str(_require(record, "paper", (str, int), location))
            text = _require(record, "abstract", str, location)
        mentions: list[Span] = []
        ignored: list[Span] = []
        for ent in _require(record, "entities", list, location):
            try:
                start, end, label = int(ent["start"]), int(ent["end"]), str(ent["label"])
            except (KeyError, TypeError, ValueError) as err:
                raise InputError(f"bad entity {ent!r}: needs start, end, label", location) from err
            if not 0 <= start < end <= len(text):
                problem = InputError(f"entity offsets {start}:{end} outside the text ({len(text)} chars)",
                                     location)
                if on_note is None:
                    raise problem
                on_note(f"{problem}; entity skipped")  # one bad span; the rest of the record still counts
                continue
            if label in GSAP_LABELS:
                mentions.append(Span(doc_id, start, end, GSAP_LABELS[label]))
            elif label in GSAP_IGNORED:
                ignored.append(Span(doc_id, start, end, label))
            else:
                raise InputError(f"unknown GSAP-NER label {label!r}", location)
        yield GoldDoc(doc_id, text, title=record.get("title"), arxiv_id=record.get("arxiv_id"),
                      mentions=tuple(dict.fromkeys(mentions)), ignored=tuple(ignored))


def read_gsap(path: str | Path, on_note: Callable[[str], None] | None = None) -> Iterator[GoldDoc]:
    """Stream GoldDocs from a GSAP-NER abstracts file."""
    path = Path(path)
    with path.open(encoding="utf-8") as lines:
        yield from parse_gsap(lines, source=str(path), on_note=on_note)


_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", ")", "]", "}", "!", "?", "%", "'s", "n't", "-"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "-"})


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join pre-split tokens into text the way it was probably written, keeping token offsets.

    No space before closing punctuation, none after opening brackets, none around ``-``.

    >>> text, offsets = detokenize(["GPT", "-", "2", "(", "Radford", ")", "works", "."])
    >>> text, offsets[2]
    ('GPT-2 (Radford) works.', (4, 5))
    """
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    previous = ""
    for i, token in enumerate(tokens):
        if i and token not in _NO_SPACE_BEFORE and previous not in _NO_SPACE_AFTER:
            parts.append(" ")
            pos += 1
        parts.append(token)
        offsets.append((pos, pos + len(token)))
        pos += len(token)
        previous = token
    return "".join(parts), offsets


def parse_scier(lines: Iterable[str], *, source: str = "<scier>") -> Iterator[GoldDoc]:
    """SciER ``PLM/*.jsonl`` records (one paper a line, token offsets) -> GoldDocs.

    The sentences are joined with :func:`detokenize` and every span is mapped to characters.

    >>> import json
    >>> line = json.dumps({"doc_id": "d", "sentences": [["BERT", "is", "tested", "on", "GLUE"]],
    ...     "ner": [[[0, 0, "Method"], [4, 4, "Dataset"]]],
    ...     "relations": [[[0, 0, 4, 4, "Evaluated-With"]]]})
    >>> doc = next(parse_scier([line]))
    >>> doc.text, [(s.start, s.end, s.label) for s in doc.relation_spans]
    ('BERT is tested on GLUE', [(18, 22, 'EVALUATES_ON')])
    """
    for location, record in _json_lines(lines, source):
        doc_id = str(_require(record, "doc_id", (str, int), location))
        sentences = _require(record, "sentences", list, location)
        tokens = [tok for sentence in sentences for tok in sentence]
        text, offsets = detokenize([str(t) for t in tokens])

        def to_chars(first: Any, last: Any, location: str = location, n: int = len(tokens),
                     offsets: list[tuple[int, int]] = offsets) -> tuple[int, int]:
            if not (isinstance(first, int) and isinstance(last, int) and 0 <= first <= last < n):
                raise InputError(f"token span {first}..{last} outside the document "
                                 f"({n} tokens)", location)
            return offsets[first][0], offsets[last][1]

        mentions: list[Span] = []
        for group in _require(record, "ner", list, location):
            for item in group:
                if not (isinstance(item, list) and len(item) == 3):
                    raise InputError(f"bad ner item {item!r}: expected [start, end, label]",
                                     location)
                start, end = to_chars(item[0], item[1])
                label = SCIER_LABELS.get(str(item[2]))
                if label is None:
                    raise InputError(f"unknown SciER entity label {item[2]!r}", location)
                mentions.append(Span(doc_id, start, end, label))
        rel_spans: list[Span] = []
        for group in record.get("relations", []):
            for item in group:
                if not (isinstance(item, list) and len(item) == 5):
                    raise InputError(f"bad relation item {item!r}: expected [s_start, s_end, "
                                     f"o_start, o_end, label]", location)
                subject, obj = to_chars(item[0], item[1]), to_chars(item[2], item[3])
                mapped = SCIER_RELATIONS.get(str(item[4]))
                if mapped is None:
                    continue
                rtype, argument = mapped
                start, end = obj if argument == "object" else subject
                rel_spans.append(Span(doc_id, start, end, rtype))
        yield GoldDoc(doc_id, text, mentions=tuple(dict.fromkeys(mentions)),
                      relation_spans=tuple(dict.fromkeys(rel_spans)))


def read_scier(path: str | Path) -> Iterator[GoldDoc]:
    """Stream GoldDocs from a SciER PLM-layout file (``test.jsonl``, ``test_ood.jsonl``)."""
    path = Path(path)
    with path.open(encoding="utf-8") as lines:
        yield from parse_scier(lines, source=str(path))
