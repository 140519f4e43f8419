"""The lexicon ruler: curated names of models, methods, datasets, benchmarks, tasks and metrics.

Entries come from the JSONL files in ``data/`` (see :mod:`.resources`). Single-word aliases match
case-sensitively (``MATH`` the benchmark, not "math"; lower-case words also match capitalised);
multi-word and hyphenated aliases match case-insensitively. A task name that modifies the next noun
(``classification accuracy``, ``QA-pairs``; :func:`~paperkg.extractors.tasks.task_as_modifier`) is skipped.

Adds a :class:`~paperkg.extractors.mentions.Candidate` (rule ``lexicon``) per match to
``doc._.paperkg_candidates``.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from paperkg.extractors.batching import BatchPipe
from paperkg.extractors.mentions import Candidate, char_bounds, doc_text, ensure_extensions, get_list, is_name_like
from paperkg.extractors.resources import LexiconEntry, lexicon_entries
from paperkg.extractors.tasks import task_as_modifier

__all__ = ["LexiconRuler", "case_insensitive", "build_matchers"]

#: a curated task before these words still names the task ("speech recognition models", "opinion mining tools")
_NAMED_TASK_BEFORE = frozenset({"model", "models", "tool", "tools"})


def case_insensitive(alias: str) -> bool:
    """Whether an alias matches regardless of case.

    >>> case_insensitive("chain-of-thought"), case_insensitive("MATH"), case_insensitive("Long Range Arena")
    (True, False, True)
    """
    return (" " in alias or "-" in alias) and not alias.replace("-", "").isupper()


def build_matchers(nlp: Language, entries: Iterable[LexiconEntry]) -> tuple[PhraseMatcher, PhraseMatcher]:
    """An ORTH matcher (case-sensitive aliases) and a LOWER matcher; match ids are ``label|name``."""
    orth, lower = PhraseMatcher(nlp.vocab, attr="ORTH"), PhraseMatcher(nlp.vocab, attr="LOWER")
    exact: dict[str, list[str]] = {}
    folded: dict[str, list[str]] = {}
    for entry in entries:
        key = f"{entry.label}|{entry.name}"
        for alias in entry.aliases:
            if case_insensitive(alias):
                folded.setdefault(key, []).append(alias.lower())
            else:
                forms = exact.setdefault(key, [])
                forms.append(alias)
                if alias.islower():
                    forms.append(alias[0].upper() + alias[1:])
    for key, aliases in exact.items():
        orth.add(key, list(nlp.tokenizer.pipe(dict.fromkeys(aliases))))
    for key, aliases in folded.items():
        lower.add(key, list(nlp.tokenizer.pipe(dict.fromkeys(aliases))))
    return orth, lower


def glued_compound(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Char span of a hyphen compound around tokens ``[start, end)`` (``NAS-BERT``), or None.

    Only when the other side is name-like (``BERT-based`` is not a compound name).
    """
    s, e = start, end
    if s >= 2 and doc[s - 1].text == "-" and not doc[s - 2].whitespace_:
        if not doc[s - 1].whitespace_ and is_name_like(doc[s - 2]):
            s -= 2
    if e + 1 < len(doc) and doc[e].text == "-" and not doc[e - 1].whitespace_:
        if not doc[e].whitespace_ and is_name_like(doc[e + 1]):
            e += 2
    if (s, e) == (start, end):
        return None
    return doc[s].idx, doc[e - 1].idx + len(doc[e - 1])


class LexiconRuler(BatchPipe):
    """Finds curated names; adds ``lexicon`` candidates to ``doc._.paperkg_candidates``."""

    def __init__(self, nlp: Language, name: str, priority: int = 50) -> None:
        self.name = name
        self.priority = priority
        ensure_extensions()
        self.orth, self.lower = build_matchers(nlp, lexicon_entries())
        self.labels: dict[int, str] = {}  # match id -> label (the part of ``label|name`` before the bar)

    def match(self, doc: Doc) -> list[Candidate]:
        out = []
        text = doc_text(doc)
        compounds: dict[tuple[int, int], tuple[bool, str]] = {}  # span -> (known name is its head, label)
        for matcher in (self.orth, self.lower):
            for match_id, start, end in matcher(doc):
                label = self.labels.get(match_id)
                if label is None:
                    label = self.labels[match_id] = doc.vocab.strings[match_id].split("|", 1)[0]
                if label == "Task" and task_as_modifier(doc, end, _NAMED_TASK_BEFORE):
                    continue  # "QA pairs", "a super-resolution method": the task word is a modifier
                start_char, end_char = char_bounds(doc, start, end)
                out.append(Candidate(start_char, end_char, label, "lexicon", self.priority))
                if text[start_char - 1 : start_char] != "-" and text[end_char : end_char + 1] != "-":
                    continue  # no hyphen glued on either side: no compound (and no Tokens made to see it)
                compound = glued_compound(doc, start, end)
                if compound is not None:
                    is_head = compound[1] == end_char  # the last part names what it is: KLUE-RoBERTa
                    if compounds.get(compound, (False, ""))[0] <= is_head:
                        compounds[compound] = (is_head, label)
        for (a, b), (_, label) in compounds.items():
            out.append(Candidate(a, b, label, "lexicon_compound", self.priority))
        return out

    def __call__(self, doc: Doc) -> Doc:
        get_list(doc, "paperkg_candidates").extend(self.match(doc))
        return doc


@Language.factory("paperkg_lexicon", default_config={"priority": 50})
def make_lexicon_ruler(nlp: Language, name: str, priority: int) -> LexiconRuler:
    return LexiconRuler(nlp, name, priority)
