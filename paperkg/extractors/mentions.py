"""The records the components pass along a Doc, and the Doc extensions that hold them.

Components add :class:`Candidate` spans to ``doc._.paperkg_candidates``; the normalizer picks the
final :class:`Mention` list (``doc._.paperkg_mentions``); the relation, result and repository
components add :class:`Hit` records to ``doc._.paperkg_hits``. All offsets are character offsets
into ``doc.text``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import numpy
from spacy.attrs import IDX, LOWER, SENT_START
from spacy.tokens import Doc, Token

from paperkg.extractors.normalize import Canonical
from paperkg.records import quick_init

__all__ = [
    "Candidate",
    "Mention",
    "Hit",
    "is_name_like",
    "ensure_extensions",
    "SENT_STARTS_KEY",
    "sentence_bounds",
    "doc_text",
    "has_tags",
    "mark_untagged",
    "set_list",
    "token_starts",
    "char_bounds",
    "list_start",
    "LIST_SEPARATORS",
    "tokens_in",
    "token_mask",
    "match_words",
    "lower_ids",
    "word_ids",
]


@quick_init
@dataclass(frozen=True)
class Candidate:
    """A span some component believes names an entity of ``label`` (None: type unknown yet)."""

    start: int
    end: int
    label: str | None
    rule: str
    priority: int = 0
    proposed: bool = False


@quick_init
@dataclass(frozen=True)
class Mention:
    """A final entity mention: where, what surface, which canonical entity, found by which rule."""

    start: int
    end: int
    text: str
    entity: Canonical
    rule: str
    proposed: bool = False


@quick_init
@dataclass(frozen=True)
class Hit:
    """A relation found in the text: ``type`` from the paper (or ``head``) to ``mention``."""

    type: str
    mention: Mention
    rule: str
    confidence: float
    head: Mention | None = None  # entity -> entity relations (BASED_ON); None: from the paper
    properties: tuple[tuple[str, Any], ...] = field(default=())


_EXTENSIONS = (
    "paperkg_candidates",
    "paperkg_abbreviations",
    "paperkg_mentions",
    "paperkg_hits",
    "paperkg_repos",
)


#: the ``doc.user_data`` key of each extension's value (see :func:`get_list`)
_EXTENSION_KEYS = {name: ("._.", name, None, None) for name in _EXTENSIONS}


def _extension_key(name: str) -> tuple:
    """The ``doc.user_data`` key spaCy keeps the value of Doc extension ``name`` under."""
    return _EXTENSION_KEYS.get(name) or ("._.", name, None, None)


def ensure_extensions() -> None:
    """Register paperkg's Doc extensions (idempotent). Each holds a fresh list per Doc."""
    for name in _EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def get_list(doc: Doc, name: str) -> list:
    """``doc._.<name>``, created as an empty list on first use.

    Read from ``doc.user_data`` under the key spaCy keeps Doc extension values at (``doc._`` makes a new
    accessor object on every use, several times per component per Doc).
    """
    key = _extension_key(name)
    value = doc.user_data.get(key)
    if value is None:
        value = doc.user_data[key] = []
    return value


_NOT_IN_NAMES = frozenset("()[]{},;:")
_LOWER_WORDS = frozenset(
    "a an the we our this these those it its they their in on of for to and or with by from as at is are "
    "be been was were can may will not no new novel first".split()
)


def is_name_like(token: Token) -> bool:
    """A token shaped like a name: inner capitals or digits (GLiNER, S4, kNN-LM, T5), or all caps.

    Plain Title-case words (``Transformers`` at a sentence start) are not name-like on their own.
    """
    return _name_like(token.text)


@lru_cache(maxsize=65536)
def _name_like(text: str) -> bool:
    if len(text) < 2 or not any(c.isalpha() for c in text) or text.lower() in _LOWER_WORDS:
        return False
    if any(c in _NOT_IN_NAMES for c in text):
        return False  # a tokenizer left brackets on: "GA)-based", "LLMs):", ",CLIP"
    if any(c.isupper() for c in text[1:]):
        return True
    return text[0].isupper() and any(c.isdigit() for c in text)


def has_tags(doc: Doc, attr: str) -> bool:
    """``doc.has_annotation(attr)`` for ``"TAG"`` or ``"POS"``, checked once per Doc and kept in user_data.

    Rules ask per candidate phrase; in a Doc without tags (fast mode) spaCy scans every token on every
    call. No paperkg component sets tags, so the answer does not change along the pipeline.
    """
    key = "paperkg_has_" + attr
    value = doc.user_data.get(key)
    if value is None:
        value = doc.user_data[key] = doc.has_annotation(attr)
    return value


def set_list(doc: Doc, name: str, value: list) -> None:
    """``doc._.<name> = value``, written where :func:`get_list` reads it."""
    doc.user_data[_extension_key(name)] = value


def mark_untagged(doc: Doc) -> None:
    """Record that ``doc`` will have no tags (a pipeline without a tagger): :func:`has_tags` then need not
    scan every token to find that out."""
    doc.user_data["paperkg_has_TAG"] = doc.user_data["paperkg_has_POS"] = False


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc (spaCy joins the tokens on every access) and kept in user_data."""
    text = doc.user_data.get("paperkg_text")
    if text is None:
        text = doc.text
        doc.user_data["paperkg_text"] = text
    return text


def word_ids(words: Iterable[str]) -> numpy.ndarray:
    """The string-store hashes of lower-cased ``words``, sorted, for :func:`tokens_in`."""
    from spacy.strings import get_string_id

    return numpy.array(sorted({get_string_id(w.lower()) for w in words}), dtype=numpy.uint64)


def lower_ids(doc: Doc) -> numpy.ndarray:
    """The LOWER hash of each token (one ``doc.to_array`` per Doc, kept in user_data)."""
    lower = doc.user_data.get("paperkg_lower")
    if lower is None:
        lower = doc.user_data["paperkg_lower"] = doc.to_array(LOWER)
    return lower


def match_words(doc: Doc, words: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """For each token: whether its lower-cased text is one of ``words`` (sorted ids, see :func:`word_ids`),
    and the index in ``words`` it was compared with, to look up what a caller keeps per word. One binary
    search per token over the Doc's token array (numpy.isin sorts both arrays on every call)."""
    lower = lower_ids(doc)
    if not len(lower) or not len(words):
        return numpy.zeros(len(lower), dtype=bool), numpy.zeros(len(lower), dtype=numpy.intp)
    # a word past the last id is compared with the last id. Array methods, not numpy functions: these arrays
    # are small and the functions' dispatch costs more than the work.
    pos = words.searchsorted(lower)
    numpy.minimum(pos, len(words) - 1, out=pos)
    return words.take(pos) == lower, pos


def token_mask(doc: Doc, ids: numpy.ndarray) -> numpy.ndarray:
    """Boolean mask of the tokens whose lower-cased text is one of ``ids`` (see :func:`word_ids`)."""
    return match_words(doc, ids)[0]


def tokens_in(doc: Doc, ids: numpy.ndarray) -> list[int]:
    """Indices of the tokens whose lower-cased text is one of ``ids`` (see :func:`word_ids`), found
    over the Doc's token array without creating a Token per word."""
    return token_mask(doc, ids).nonzero()[0].tolist()


def token_starts(doc: Doc) -> list[int]:
    """Character offset of each token (kept in user_data), for bisecting a character offset to a token."""
    starts = doc.user_data.get("paperkg_token_starts")
    if starts is None:
        starts = doc.user_data["paperkg_token_starts"] = doc.to_array(IDX).tolist() if len(doc) else []
    return starts


#: what separates the items of a list ("A, B and C")
LIST_SEPARATORS = frozenset({",", "and", "or"})


def list_start(doc: Doc, i: int, openers: frozenset[str]) -> int | None:
    """The token after the words that open a list of examples right after token ``i`` ("such as", "(e.g.",
    or one word of ``openers``), or None when no list opens there.

    >>> import spacy
    >>> list_start(spacy.blank("en")("tasks such as parsing"), 0, frozenset())
    3
    """
    n, k = len(doc), i + 1
    if k + 1 < n and doc[k].lower_ == "such" and doc[k + 1].lower_ == "as":
        return k + 2
    if k + 1 < n and doc[k].text == "(" and doc[k + 1].lower_ in {"e.g.", "e.g"}:
        return k + 2
    if k < n and doc[k].lower_ in openers:
        return k + 1
    return None


def char_bounds(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """``(span.start_char, span.end_char)`` of ``doc[start:end]`` (``start < end``), read from its first and
    last Token: making the Span costs about as much as four Tokens.

    >>> import spacy
    >>> char_bounds(spacy.blank("en")("We train GPT-4 today."), 2, 4)
    (9, 20)
    """
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last)


#: user_data key of the token indices where sentences start, kept by a sentencizer that knows them (paperkg's
#: fast one) and by ``mark_sections``, so that :func:`sentence_bounds` need not read them back from the Doc
SENT_STARTS_KEY = "paperkg_sent_starts"


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start_char, end_char) of each sentence, or the whole text if nothing set sentences.

    Computed once per Doc from the token arrays (no Python loop over tokens) and kept in user_data:
    components must not change sentence starts after the first call.
    """
    bounds = doc.user_data.get("paperkg_sent_bounds")
    if bounds is not None:
        return bounds
    first: list[int] = []  # the first token of each sentence
    if len(doc):
        first = doc.user_data.get(SENT_STARTS_KEY)  # kept by paperkg's sentencizer: no array to read back
        if first is None:
            sent_start = doc.to_array(SENT_START)
            # a non-zero value is an annotation; only an all-zero array needs spaCy's check (a scan of every token)
            annotated = sent_start.any() or doc.has_annotation("SENT_START")
            first = [0] + ((sent_start[1:] == 1).nonzero()[0] + 1).tolist() if annotated else []
    if first:
        idx = token_starts(doc)
        bounds = []
        for s, e in zip(first, first[1:] + [len(doc)], strict=True):
            last = doc[e - 1]  # one Token per sentence, for where its last token ends
            bounds.append((idx[s], idx[e - 1] + len(last)))
    else:
        bounds = [(0, len(doc_text(doc)))]
    doc.user_data["paperkg_sent_bounds"] = bounds
    return bounds
