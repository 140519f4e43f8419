"""Typing by head noun: ``the HiPPO framework`` -> HiPPO is a Method, ``X benchmark`` a Benchmark.

The nouns and their labels are data (``data/type_nouns.json``). A name-like token group right
before a type noun becomes a candidate of that label (rule ``head_noun``); :func:`label_of_phrase`
types a long form by its last word (``factorization self-attention mechanism`` -> Method).
Data collections are often named in plain Title case ("the Iris dataset", "the Winograd Schema
dataset"): before a Dataset or Benchmark noun, a run of Title-case words inside a sentence is a name
too, unless all its words are listed in ``data/not_name_words.txt`` ("a Chinese dataset"); a
Title-case head is part of the name ("the Colossal Clean Crawled Corpus"). Such a name in apposition
to a short name whose letters it spells ("CFBench, a large-scale Comprehensive Constraints Following
Benchmark") is its long form: the pair is recorded in ``doc._.paperkg_abbreviations``.
Examples after a type noun take its type too (Hearst's "such as" patterns): "classical methods such as
CART and C4.5", "datasets: CIFAR-10 and CINIC-10", "models including Zorb-7B, Quux or Mistral 7B".
Names listed with known ones take their type (:func:`coordinated_names`): in "FUNSD (0.79 -> 0.84), CORD
(0.95 -> 0.96) and SROIE", CORD is a dataset like the two known ones beside it.

Adds candidates to ``doc._.paperkg_candidates``.

>>> label_of_phrase("Structured State Space sequence model")
'Model'
>>> label_of_phrase("Named Entity Recognition")
'Task'
>>> label_of_phrase("the cat") is None
True
"""

from __future__ import annotations

import re
from bisect import bisect_left

import numpy
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

from paperkg.extractors.abbreviations import find_long_form
from paperkg.extractors.batching import BatchPipe
from paperkg.extractors.mentions import (
    LIST_SEPARATORS,
    Candidate,
    char_bounds,
    doc_text,
    ensure_extensions,
    get_list,
    is_name_like,
    list_start,
    match_words,
    token_starts,
    word_ids,
)
from paperkg.extractors.resources import not_name_words, type_nouns

__all__ = ["label_of_phrase", "name_before", "titled_name_before", "HeadNounTyper", "HEAD_LABELS"]

#: Labels a head noun right after a name may give (task words only type long forms).
HEAD_LABELS = ("Benchmark", "Dataset", "Model", "Method")
#: Labels whose head nouns also follow plain Title-case names ("the Iris dataset").
_TITLED_LABELS = ("Benchmark", "Dataset")
#: labels a list of names shares ("FUNSD, CORD and SROIE"); methods and tasks are listed with generic words
_LISTED_LABELS = frozenset({"Dataset", "Benchmark", "Model"})
_PLURAL_HEADS = frozenset({"datasets", "benchmarks", "corpora", "collections", "suites"})
#: words inside longer Title-case names ("Question Answering over Tables", "Constraints-Following")
_NAME_JOINERS = frozenset({"-", "and", "of", "for", "&", "on", "in", "with", "to"})


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
    like: list[bool] = []  # whether each token walked over is name-like, from token i - 1 back
    while j > 0 and i - j < max_tokens:
        tok = doc[j - 1]
        text = tok.text
        name_like = is_name_like(tok)
        if name_like or (j < i and not tok.whitespace_ and (text == "-" or text.isalnum())) or (text == "-" and j > 1):
            like.append(name_like)
            j -= 1
            continue
        break
    while j < i and not like[i - 1 - j] and not _glued_title_piece(doc, j, i):
        j += 1
    return (j, i) if j < i else None


def _glued_title_piece(doc: Doc, j: int, i: int) -> bool:
    """A capitalised piece glued to the rest of a name ("Conv" in "Conv-TasNet")."""
    tok = doc[j]
    return j + 1 < i and not tok.whitespace_ and tok.is_alpha and tok.text[:1].isupper()


def titled_name_before(doc: Doc, i: int, max_tokens: int = 4) -> tuple[int, int] | None:
    """Token range ``[start, i)`` of a run of Title-case words right before token ``i`` that does not
    start its sentence and is not made only of ``not_name_words``, or None."""
    j = i
    while j > 0 and i - j < max_tokens:
        tok = doc[j - 1]
        if not (tok.is_alpha and len(tok.text) > 1 and tok.text[0].isupper() and tok.text[1:].islower()):
            break
        j -= 1
    if j == i or j == 0 or doc[j].is_sent_start or doc[j - 1].is_space or doc[j - 1].text in {".", ":"}:
        return None  # a capital at a sentence or heading start says nothing
    if doc[j].idx < int(doc.user_data.get("paperkg_title_end", 0) or 0):
        return None  # a title capitalises every word
    before = doc[j - 1]
    if before.text in _NAME_JOINERS or (before.text[:1].isupper() and before.is_alpha):
        return None  # part of a longer name ("... Embedding and Reranker Benchmark")
    skip = not_name_words()
    if all(t.lower_ in skip for t in doc[j:i]):
        return None
    return (j, i)


def appositive_short_name(doc: Doc, start: int, max_gap: int = 4) -> tuple[int, int] | None:
    """Character range of the name a long form starting at token ``start`` stands in apposition to
    ("CFBench, a large-scale Comprehensive ..."), when the long form spells that name's letters."""
    k = start - 1
    while k > 0 and start - k <= max_gap and doc[k].text != "," and (doc[k].is_lower or doc[k].text == "-"):
        k -= 1
    if k < 1 or doc[k].text != ",":
        return None
    short = doc[k - 1]
    return (short.idx, short.idx + len(short)) if is_name_like(short) else None


#: words that open a list of examples after a type noun ("methods such as", "datasets including")
_EXAMPLE_OPENERS = frozenset({"including", "like", "e.g.", "namely", ":"})
_LIST_JOINERS = LIST_SEPARATORS | {"as", "well"}  # "A, B, as well as C"
#: the words after a type noun that :func:`list_start` opens a list of examples at
_LIST_OPENERS = _EXAMPLE_OPENERS | {"such", "("}


#: pieces glued inside a name ("CIFAR-10/100", "C4.5", "OpenAI's")
_GLUED_PIECES = frozenset({"-", ".", "/", "+", "_", "'s", "’s"})


def _example_name_end(doc: Doc, i: int, end: int, max_words: int = 4) -> int | None:
    """End of a name starting at token ``i`` in a list of examples: name-like or Title-case words and
    the pieces glued to them ("CIFAR-10/100", "Mistral 7B"), or None when token ``i`` starts no name or
    the name is only a modifier ("DeepSeek-R1-based")."""
    tok = doc[i]
    text = tok.text
    if not text[:1].isalnum() or not (is_name_like(tok) or (text[:1].isupper() and tok.is_alpha and len(text) > 1)):
        return None
    j, words = i + 1, 1
    prev = tok  # token j - 1, each token read once
    while j < end:
        cur = doc[j]
        text = cur.text
        if cur.is_sent_start or (text == "." and (cur.whitespace_ or j + 1 >= end)):
            break
        if not prev.whitespace_ and (text[:1].isalnum() or text in _GLUED_PIECES):
            j += 1  # glued: "CIFAR-10/100", "C4.5"
        elif words < max_words and (
            is_name_like(cur) or (text[:1].isupper() and cur.is_alpha) or (cur.like_num and text[-1:] in "BM")
        ):
            j, words = j + 1, words + 1
        else:
            break
        prev = cur
    if prev.lower_ in {"based", "style", "like"}:
        return None
    while j > i + 1 and doc[j - 1].text in {"-", ".", "/"}:
        j -= 1
    return j


def example_names(doc: Doc, i: int, max_names: int = 8) -> list[tuple[int, int]]:
    """Token ranges of the names listed as examples right after the type noun at token ``i``."""
    n = len(doc)
    if i + 2 < n and doc[i + 1].text == ":" and not is_name_like(doc[i + 2]):
        return []  # "benchmarks: First, ...": after a colon, a capital may start a sentence
    k = list_start(doc, i, _EXAMPLE_OPENERS)
    if k is None:
        return []
    out: list[tuple[int, int]] = []
    while k < n and len(out) < max_names:
        while k < n and (doc[k].lower_ in _LIST_JOINERS):
            k += 1
        if k >= n or doc[k].is_sent_start:
            break
        end = _example_name_end(doc, k, n)
        if end is None:
            break
        start = k
        for p in range(k, end - 1):
            if doc[p + 1].text in {"'s", "’s"}:
                start = p + 2  # "OpenAI's ChatGPT": the model, not its maker
        if start < end:
            out.append((start, end))
        k = end
        if k < n and doc[k].lower_ not in _LIST_JOINERS:
            break
    return out


_GLUED_FUNCTION_WORD = re.compile(r"(?:in|on|of|for|to|the|that|and|with|as|at|by|from|is|are)[A-Z][a-z]")


def _skip_parenthesis(doc: Doc, k: int, limit: int = 12) -> int:
    """Token after a parenthesised aside starting at ``k`` ("(0.79 -> 0.84)"), or ``k`` when there is none."""
    if k >= len(doc) or doc[k].text != "(":
        return k
    for j in range(k + 1, min(len(doc), k + limit)):
        if doc[j].text == ")":
            return j + 1
        if doc[j].text == "(" or doc[j].is_sent_start:
            break
    return k


def _item_at(doc: Doc, j: int, known: dict[int, tuple[int, str]]) -> tuple[int, int, str | None] | None:
    """The list item starting at token ``j``: a known name (with its label) or a name-shaped one."""
    if j in known:
        return (j, *known[j])
    if doc[j].is_sent_start:
        return None
    end = _example_name_end(doc, j, len(doc))
    return None if end is None else (j, end, None)


def _item_before(doc: Doc, p: int, known_ends: dict[int, int], known: dict[int, tuple[int, str]],
                 max_tokens: int = 8) -> tuple[int, int, str | None] | None:
    """The list item ending at token ``p`` (inclusive), found by trying starts up to ``max_tokens`` back."""
    if p + 1 in known_ends:
        return _item_at(doc, known_ends[p + 1], known)
    if doc[p].text == ")":  # the aside after an item: "CORD (0.95 -> 0.96)"
        for q in range(p - 1, max(-1, p - 12), -1):
            if doc[q].text == "(":
                return _item_before(doc, q - 1, known_ends, known) if q > 0 else None
            if doc[q].text == ")":
                return None
        return None
    for start in range(max(0, p - max_tokens + 1), p + 1):
        item = _item_at(doc, start, known)
        if item is not None and item[1] == p + 1:
            return item
    return None


def coordinated_names(doc: Doc, known: dict[int, tuple[int, str]]) -> list[tuple[int, int, str]]:
    """Unknown names in a list with known ones, with the type those share: ``(start, end, label)`` token
    ranges. ``known`` maps a known name's first token to (end token, label). A name-like item ("CORD",
    "SRoBERTa") needs one known item beside it; a plain Title-case one ("Gutenberg Books") two; a list
    whose known items disagree on the type types nothing. Lists are read outwards from their known items,
    so a Doc costs a few tokens per known name."""
    n = len(doc)
    known_ends = {end: start for start, (end, _) in known.items()}
    out: list[tuple[int, int, str]] = []
    seen: set[int] = set()
    for first in sorted(known):
        if first in seen:
            continue
        items = [(first, *known[first])]
        j = _skip_parenthesis(doc, known[first][0])  # rightwards
        while j < n and doc[j].lower_ in LIST_SEPARATORS:
            j += 1
            while j < n and doc[j].lower_ in LIST_SEPARATORS:
                j += 1
            item = _item_at(doc, j, known) if j < n else None
            if item is None:
                break
            items.append(item)
            j = _skip_parenthesis(doc, item[1])
        p = first - 1  # leftwards
        while p >= 0 and doc[p].lower_ in LIST_SEPARATORS and not doc[first].is_sent_start:
            p -= 1
            while p >= 0 and doc[p].lower_ in LIST_SEPARATORS:
                p -= 1
            item = _item_before(doc, p, known_ends, known) if p >= 0 else None
            if item is None:
                break
            items.insert(0, item)
            if doc[item[0]].is_sent_start:
                break
            p = item[0] - 1
        seen.update(a for a, _, label in items if label)
        labels = {label for _, _, label in items if label}
        if len(items) < 2 or len(labels) != 1:
            continue
        label = labels.pop()
        known_count = sum(1 for _, _, item_label in items if item_label)
        for a, b, item_label in items:
            if item_label is not None or _GLUED_FUNCTION_WORD.match(doc[a].text):
                continue  # known, or words glued in a page dump ("inTrip Planning"; "nuScenes" is fine)
            if any(is_name_like(t) for t in doc[a:b]) or known_count >= 2:
                out.append((a, b, label))
    return list(dict.fromkeys(out))


class HeadNounTyper(BatchPipe):
    """Names followed by a type noun; adds ``head_noun`` candidates."""

    def __init__(self, nlp: Language, name: str, priority: int = 30) -> None:
        self.name = name
        self.priority = priority
        ensure_extensions()
        self.nouns = {k: v for k, v in type_nouns().items() if v in HEAD_LABELS}
        # the head words and the words that may open a list of examples after one, searched for together:
        # each id's (word, label) if it is a head, and whether it opens a list
        lows = {k.lower() for k in self.nouns}
        self.words = word_ids(lows | _LIST_OPENERS)
        entry_of = {get_string_id(low): (low, self.nouns.get(low)) for low in lows}
        self.entries = [entry_of.get(w) for w in self.words.tolist()]
        self.opens = numpy.isin(self.words, word_ids(_LIST_OPENERS)).tolist()

    def __call__(self, doc: Doc) -> Doc:
        cands = get_list(doc, "paperkg_candidates")
        heads, openers = self._heads_of(doc)
        if heads:
            text, starts = doc_text(doc), token_starts(doc)
        for i, low, label in heads:
            if label is None or i == 0:
                continue
            if low.endswith(("s", "a")) and i + 1 in openers:  # plural: "methods such as CART", "corpora like ..."
                for rng in example_names(doc, i):
                    cands.append(Candidate(*char_bounds(doc, *rng), label, "head_noun", self.priority))
            if text[starts[i - 1] : starts[i]].islower():
                continue  # a word without capitals before the head: no name (nor Title-case run) ends there
            self._name_before_head(doc, i, low, label, cands)
        self._coordinated(doc, cands)
        return doc

    def _heads_of(self, doc: Doc) -> tuple[list[tuple[int, str, str | None]], set[int]]:
        """``(token, word, label)`` of each head word in ``doc``, and the tokens whose words may open a list
        of examples (:func:`example_names` finds none after other words), from one search of the
        lower-case token array."""
        listed, pos = match_words(doc, self.words)
        found = listed.nonzero()[0]
        heads: list[tuple[int, str, str | None]] = []
        openers: set[int] = set()
        for i, w in zip(found.tolist(), pos.take(found).tolist(), strict=True):
            if self.opens[w]:
                openers.add(i)
            entry = self.entries[w]
            if entry is not None:
                heads.append((i, *entry))
        return heads, openers

    def _name_before_head(self, doc: Doc, i: int, low: str, label: str, cands: list[Candidate]) -> None:
        """A ``head_noun`` candidate for the name right before the head word at token ``i``, if any."""
        prev = doc[i - 1]
        if prev.text == "-" and not prev.whitespace_ and i > 1 and not doc[i - 2].whitespace_:
            rng = name_before(doc, i - 1)  # "SN-Net", "MM-LLM": the head is glued to the name
            if rng is not None:
                rng = (rng[0], i + 1)
        else:
            rng = name_before(doc, i)
        titled = False
        if rng is None and label in _TITLED_LABELS:
            rng = titled_name_before(doc, i)
            if rng is not None and doc[i].text[:1].isupper():
                if low in _PLURAL_HEADS:
                    return  # "(3) Preference Datasets": a heading, not a name
                rng = (rng[0], i + 1)  # "the Colossal Clean Crawled Corpus": the head is part of the name
            titled = rng is not None
        if rng is None:
            return
        start, end = char_bounds(doc, *rng)
        cands.append(Candidate(start, end, label, "head_noun", self.priority))
        short = appositive_short_name(doc, rng[0]) if titled else None
        if short is not None and find_long_form(doc_text(doc)[short[0]:short[1]], doc_text(doc)[start:end]):
            get_list(doc, "paperkg_abbreviations").append((start, end, *short))

    def _coordinated(self, doc: Doc, cands: list[Candidate]) -> None:
        """Candidates for unknown names listed beside known datasets, benchmarks or models."""
        known: dict[int, tuple[int, str]] = {}
        starts = token_starts(doc)
        for c in cands:
            if c.rule != "lexicon" or c.label not in _LISTED_LABELS:
                continue
            first = bisect_left(starts, c.start)
            if first >= len(starts) or starts[first] != c.start:
                continue
            last = bisect_left(starts, c.end)
            if known.get(first, (0, ""))[0] < last:
                known[first] = (last, c.label)
        if not known:
            return
        for a, b, label in coordinated_names(doc, known):
            cands.append(Candidate(*char_bounds(doc, a, b), label, "head_noun", self.priority))


@Language.factory("paperkg_head_nouns", default_config={"priority": 30})
def make_head_noun_typer(nlp: Language, name: str, priority: int) -> HeadNounTyper:
    return HeadNounTyper(nlp, name, priority)
