"""Typing by head noun: ``the HiPPO framework`` -> HiPPO is a Method, ``X benchmark`` a Benchmark.

The nouns and their labels are data (``data/type_nouns.json``). A name-like token group right
before a type noun becomes a candidate of that label (rule ``head_noun``); :func:`label_of_phrase`
types a long form by its last word (``factorization self-attention mechanism`` -> Method).

Adds candidates to ``doc._.paperkg_candidates``.

>>> label_of_phrase("Structured State Space sequence model")
'Model'
>>> label_of_phrase("Named Entity Recognition")
'Task'
>>> label_of_phrase("the cat") is None
True
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from paperkg.extractors.batching import BatchPipe
from paperkg.extractors.mentions import (
    Candidate,
    char_bounds,
    ensure_extensions,
    get_list,
    is_name_like,
    tokens_in,
    word_ids,
)
from paperkg.extractors.resources import type_nouns

__all__ = ["label_of_phrase", "name_before", "HeadNounTyper", "HEAD_LABELS"]

#: Labels a head noun right after a name may give (task words only type long forms).
HEAD_LABELS = ("Benchmark", "Dataset", "Model", "Method")


def label_of_phrase(phrase: str) -> str | None:
    """The label the last word of a phrase gives, or None."""
    words = phrase.lower().replace("-", " ").split()
    if not words:
        return None
    nouns = type_nouns()
    last = phrase.lower().split()[-1]
    return nouns.get(last) or nouns.get(words[-1])


def name_before(doc: Doc, i: int, max_tokens: int = 3) -> tuple[int, int] | None:
    """Token range ``[start, i)`` of a name right before token ``i``, or None.

    The name is the run of name-like tokens (or hyphen/digit pieces glued to them) ending at ``i``.
    """
    j = i
    while j > 0 and i - j < max_tokens:
        tok = doc[j - 1]
        glued = not tok.whitespace_ and j < i
        if is_name_like(tok) or (glued and (tok.text == "-" or tok.text.isalnum())) or (tok.text == "-" and j - 1 > 0):
            j -= 1
            continue
        break
    while j < i and not is_name_like(doc[j]):
        j += 1
    return (j, i) if j < i else None


class HeadNounTyper(BatchPipe):
    """Names followed by a type noun; adds ``head_noun`` candidates."""

    def __init__(self, nlp: Language, name: str, priority: int = 30) -> None:
        self.name = name
        self.priority = priority
        ensure_extensions()
        self.nouns = {k: v for k, v in type_nouns().items() if v in HEAD_LABELS}
        self.ids = word_ids(self.nouns)

    def __call__(self, doc: Doc) -> Doc:
        cands = get_list(doc, "paperkg_candidates")
        for i in tokens_in(doc, self.ids):
            label = self.nouns.get(doc[i].lower_)
            if label is None or i == 0:
                continue
            rng = name_before(doc, i)
            if rng is None:
                continue
            cands.append(Candidate(*char_bounds(doc, *rng), label, "head_noun", self.priority))
        return doc


@Language.factory("paperkg_head_nouns", default_config={"priority": 30})
def make_head_noun_typer(nlp: Language, name: str, priority: int) -> HeadNounTyper:
    return HeadNounTyper(nlp, name, priority)
