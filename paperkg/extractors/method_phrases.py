"""Method phrases: lower-case noun phrases headed by a method word (``graph neural networks``,
``contrastive learning``, ``beam search``, ``knowledge distillation``, ``rotary position embedding``).

The head words are listed in ``data/method_heads.txt``; the phrase is the run of up to four modifiers
before the head, found as for task phrases (:func:`paperkg.extractors.tasks.phrase_before`: adjectives
and nouns when the Doc has POS tags; in fast mode, lower-case words that are not function words). A bare
head is a method only when the data file marks it (``distillation *``). Phrases in
``data/method_stop.txt`` and the shared stop list are dropped, words of ``data/phrase_not_modifiers.txt``
are trimmed from the front (``whole network`` is no method), and so is a head that another component
already ends a non-Method candidate on (the task ``natural language inference``, a lexicon name) or
that ends the long form of an acronym definition with an architecture head (``configuration networks
(SCNs)``: a name, typed by the other rules), or
that a noun follows (``deep learning models``: the phrase is not headed there).

Sets: adds ``method_phrase`` candidates (label Method, low priority, so the lexicon and longer names
win) to ``doc._.paperkg_candidates``; the resolver turns them into mentions like any other candidate.
Cost: one array look-up for the head words per Doc, then a few tokens per head found.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from paperkg.extractors.batching import BatchPipe
from paperkg.extractors.mentions import (
    Candidate,
    char_bounds,
    doc_text,
    ensure_extensions,
    get_list,
    match_words,
    token_starts,
    word_ids,
)
from paperkg.extractors.resources import stoplist, word_list
from paperkg.extractors.tasks import known_starts, phrase_before, phrase_not_modifiers, trim_front

__all__ = ["parse_heads", "method_heads", "method_stop", "method_not_modifiers", "method_phrases", "MethodPhrases"]

#: words after a head that show the phrase goes on ("contrastive learning framework")
_CONTINUES = frozenset(
    "model models module modules framework frameworks approach approaches method methods layer layers "
    "objective objectives loss losses rate rates task tasks setting settings paradigm paradigms problem "
    "problems scheme schemes strategy strategies technique techniques pipeline pipelines system systems "
    "algorithm algorithms architecture architectures head heads block blocks weights step steps stage "
    "phase data dataset datasets benchmark benchmarks library toolkit process procedure community "
    "researchers literature field research set sets resource resources time times instance instances sample "
    "samples example examples budget budgets cost costs corpus corpora run runs regime recipe recipes "
    "signal signals dynamics efficiency speed".split()
)


#: heads whose acronym-defined long forms name models, not methods
_NAME_HEADS = frozenset(
    "network networks net nets encoder encoders decoder decoders autoencoder autoencoders transformer transformers "
    "machine machines perceptron perceptrons".split()
)


def parse_heads(lines: list[str] | tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """(all heads, heads that are methods alone) from ``method_heads.txt`` lines.

    >>> heads, alone = parse_heads(["# comment", "learning", "distillation *"])
    >>> sorted(heads), sorted(alone)
    (['distillation', 'learning'], ['distillation'])
    """
    heads: set[str] = set()
    bare: set[str] = set()
    for line in lines:
        line = line.split("#", 1)[0].strip().lower()
        if not line:
            continue
        word = line.rstrip("*").strip()
        heads.add(word)
        if line.endswith("*"):
            bare.add(word)
    return frozenset(heads), frozenset(bare)


def _data_lines(name: str) -> list[str]:
    return resources.files("paperkg.extractors").joinpath("data", name).read_text("utf-8").splitlines()


@lru_cache(maxsize=1)
def method_heads() -> tuple[frozenset[str], frozenset[str]]:
    """The packaged head words (all, bare-allowed)."""
    return parse_heads(_data_lines("method_heads.txt"))


def method_stop() -> frozenset[str]:
    """The packaged generic method phrases (lower case)."""
    return word_list("method_stop.txt")


def method_not_modifiers() -> frozenset[str]:
    """The packaged words that do not make a method phrase specific (``whole``, ``baseline``)."""
    return phrase_not_modifiers()


@lru_cache(maxsize=8)
def _head_words(heads: frozenset[str]) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The sorted ids of the heads and of the words that carry a phrase on past a head
    (:data:`_CONTINUES`, heads too), and whether each of them is a head: one search per Doc finds both."""
    words = word_ids(heads | _CONTINUES)
    return words, numpy.isin(words, word_ids(heads))


def _plain_heads(doc: Doc, heads: frozenset[str]) -> list[int]:
    """Tokens that are heads not followed by a word that carries the phrase on ("learning rate", "quantum
    machine learning"), found over the lower-case token array, without a Token per word."""
    words, is_head = _head_words(heads)
    listed, pos = match_words(doc, words)
    at_head = listed & is_head.take(pos)
    at_head[:-1] &= ~listed[1:]
    return at_head.nonzero()[0].tolist()


def method_phrases(
    doc: Doc,
    heads: frozenset[str],
    bare: frozenset[str],
    stop: frozenset[str] = frozenset(),
    not_modifiers: frozenset[str] = frozenset(),
    taken_ends: frozenset[int] = frozenset(),
    max_modifiers: int = 4,
    known_heads: dict[int, int] | None = None,
) -> list[tuple[int, int]]:
    """Token ranges of the method phrases of ``doc``. ``stop``: whole phrases to drop;
    ``not_modifiers``: words trimmed from the front; ``taken_ends``: character offsets where another
    component already ends a candidate of another type; ``known_heads``: the first token of each known
    multi-word method by its last token (a known method with modifiers is a phrase whatever its head)."""
    out: list[tuple[int, int]] = []
    known_heads = known_heads or {}
    plain = _plain_heads(doc, heads)
    if not plain and not known_heads:
        return out
    text, starts = doc_text(doc), token_starts(doc)
    plain_set = set(plain)
    for i in sorted(plain_set.union(known_heads)) if known_heads else plain:
        tok = doc[i]
        word = tok.text
        end = starts[i] + len(word)
        if not word.islower() or end in taken_ends:
            continue
        if text[end : end + 1] == "-" and i + 1 < len(doc) and doc[i + 1].text == "-":
            continue  # "learning-based" (a hyphen right at the head's end: no space between)
        low = tok.lower_
        rng = _known_with_modifiers(doc, i, known_heads.get(i), bare, not_modifiers, max_modifiers)
        if rng is None:
            if i not in plain_set:
                continue
            rng = phrase_before(doc, i, bare, max_modifiers, head_word=low)
        if rng is None:
            continue
        s = trim_front(doc, rng[0], i, not_modifiers)
        if (s == i and low not in bare) or text[starts[s] : end].lower() in stop:
            continue
        out.append((s, i + 1))
    return out


def _known_with_modifiers(
    doc: Doc, head: int, head_start: int | None, bare: frozenset[str], not_modifiers: frozenset[str], max_modifiers: int
) -> tuple[int, int] | None:
    """A known method ending at ``head`` (first token ``head_start``) with modifiers before it ("vertical |
    federated learning"), or None; the known name's own words ("federated") need not look like modifiers."""
    if head_start is None:
        return None
    rng = phrase_before(doc, head, bare, max_modifiers, head_start)
    if rng is None or trim_front(doc, rng[0], head_start, not_modifiers) >= head_start:
        return None
    return rng


class MethodPhrases(BatchPipe):
    """Finds method noun phrases; adds ``method_phrase`` Method candidates (see module docs)."""

    def __init__(self, nlp: Language, name: str, priority: int = 15, max_modifiers: int = 4) -> None:
        self.name = name
        self.priority = priority
        self.max_modifiers = max_modifiers
        ensure_extensions()
        self.heads, self.bare = method_heads()
        self.stop = method_stop() | stoplist()
        self.not_modifiers = method_not_modifiers()

    def __call__(self, doc: Doc) -> Doc:
        cands = get_list(doc, "paperkg_candidates")
        taken = {c.end for c in cands if c.label not in (None, "Method")}
        # a long form with an acronym headed by an architecture word ("stochastic configuration networks (SCNs)")
        # names a model: the abbreviation and head-noun rules type it; a technique ("local differential
        # privacy (LDP)") stays a method phrase
        for a, b, _, _ in get_list(doc, "paperkg_abbreviations"):
            span = doc.char_span(a, b, alignment_mode="expand")
            if span is None or not len(span) or span[-1].lower_ in _NAME_HEADS:
                taken.add(b)
        found = method_phrases(
            doc, self.heads, self.bare, self.stop, self.not_modifiers, frozenset(taken), self.max_modifiers,
            known_starts(doc, cands, "Method"),
        )
        for s, e in found:
            cands.append(Candidate(*char_bounds(doc, s, e), "Method", "method_phrase", self.priority))
        return doc


@Language.factory("paperkg_method_phrases", default_config={"priority": 15, "max_modifiers": 4})
def make_method_phrases(nlp: Language, name: str, priority: int, max_modifiers: int) -> MethodPhrases:
    return MethodPhrases(nlp, name, priority, max_modifiers)
