"""Name shapes: model names with versions, sizes and variants the lexicon has not listed.

``GPT-4o``, ``Llama-3.1 405B``, ``Qwen2.5-72B-Instruct``, ``T5-XXL``, ``Mistral 7B``, ``Phi-3-mini``:
a known model name (from the lexicon) followed by version/size/variant suffixes, or any
capitalised name followed by a parameter count (``OLMo-7B``, ``Foo 13B``).

Adds candidates with rule ``name_shape`` (label Model) to ``doc._.paperkg_candidates``.

>>> [m.group(0) for m in shape_regex(["Llama", "Qwen2.5", "T5"]).finditer(
...     "Llama-3.1 405B and Qwen2.5-72B-Instruct beat T5-XXL and T5")]
['Llama-3.1 405B', 'Qwen2.5-72B-Instruct', 'T5-XXL']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from paperkg.extractors.batching import BatchPipe
from paperkg.extractors.mentions import Candidate, doc_text, ensure_extensions, get_list
from paperkg.extractors.normalize import SIZE_WORDS
from paperkg.extractors.resources import lexicon_entries

__all__ = ["trie_pattern", "shape_regex", "shape_regions", "find_shapes", "NameShapes"]

_VERSION = r"(?:[-\s]?v?\d+(?:\.\d+)*[a-z]?(?![\w]))"
_PARAMS = r"(?:\d+(?:\.\d+)?[BMKT]|\d+x\d+(?:\.\d+)?[BM])"
_WORD = "(?:" + "|".join(re.escape(w) for w in sorted(SIZE_WORDS, key=len, reverse=True)) + ")"
_SUFFIX = rf"(?:[-_](?i:{_WORD})(?![\w])|[-\s]{_PARAMS}(?![\w])|-{_PARAMS}(?![\w])|-[TSBLHG]\d?(?![\w\-]))"
#: after a name's first character: the character before it is not part of a word (``(?<![\w\-.])`` at the start)
_NOT_AFTER_WORD = r"(?<![\w\-.].)"
_GENERIC = re.compile(
    rf"[A-Z]{_NOT_AFTER_WORD}[A-Za-z0-9.]*[A-Za-z](?:-[A-Za-z0-9.]+)*[-\s]?{_PARAMS}(?![\w])"
    rf"(?:[-_](?i:{_WORD})(?![\w]))*"
)


def trie_pattern(names: Iterable[str], after_first: str = "") -> str:
    r"""A regex matching any of ``names``, as a trie of characters, longest name first at each position.

    Same matches as ``"|".join`` of the names sorted longest first, but each step branches on one
    character instead of trying every name in turn (the lexicon has hundreds of model names).
    ``after_first`` is put after the first character of every name (a lookbehind there lets the regex
    engine skip ahead to the characters names start with, which it cannot do past a leading lookbehind).

    >>> print(trie_pattern(["T5", "T0", "T5-XL"]))
    T(?:0|5(?:\-XL)?)
    """
    trie: dict = {}
    for name in set(names):
        node = trie
        for ch in name:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_alternatives(trie, after_first) or "(?!)"


def _trie_alternatives(node: dict, after: str = "") -> str:
    parts = [re.escape(ch) + after + _trie_alternatives(child) for ch, child in sorted(node.items()) if ch]
    if not parts:
        return ""
    body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
    if "" in node:  # a name ends here: the longer names are tried first (greedy), then this one
        return body + "?" if len(parts) == 1 and len(body) == 1 else "(?:" + body + ")?"
    return body


def shape_regex(names: Iterable[str]) -> re.Pattern[str]:
    """A regex for ``<name><version>?<suffix>+`` over the given (case-sensitive) model names."""
    alts = trie_pattern(names, _NOT_AFTER_WORD)
    version = r"-?v?\d+(?:\.\d+)*[a-z]?(?!\w|\.\w)"  # a sentence-final period may follow
    return re.compile(rf"(?:{alts})(?:{version}{_SUFFIX}*|{_VERSION}?{_SUFFIX}+)")


def _anchor(digit: str) -> re.Pattern[str]:
    """What every shaped name holds somewhere: a digit, a size/variant word or a one-letter size (``-XXL``,
    ``-B``): ``\\d+|[-_](?i:WORD)(?![\\w])|-[TSBLHG](?![a-z])``, written to start with one character class so
    that ``re`` skips ahead to the characters an anchor starts with (same matches, half the time).

    ``digit`` is the body of a character class for a digit: ``\\d`` for any text; ``0-9`` for ASCII text,
    where it is the same set and ``re`` scans for it faster than for the Unicode category.
    """
    return re.compile(rf"[{digit}_-](?:(?<=[{digit}])[{digit}]*|(?<=[-_])(?i:{_WORD})(?![\w])|(?<=-)[TSBLHG](?![a-z]))")


_ANCHOR = _anchor(r"\d")
_ANCHOR_ASCII = _anchor("0-9")
_SPACE = re.compile(r"\s+")


def shape_regions(text: str, words_before: int) -> list[tuple[int, int]]:
    """Stretches of ``text`` that may hold a shaped name: from ``words_before`` words before each anchor
    (see ``_ANCHOR``) to the end of the word after it, merged where they overlap.

    Scanning only these gives the same matches as scanning the whole text, as long as no name has more
    than ``words_before`` words before its anchor; most abstract text holds no anchor at all.

    >>> text = "We train Mistral 7B and more."
    >>> [text[a:b] for a, b in shape_regions(text, 1)]
    ['Mistral 7B and']
    >>> lines = text.replace(" ", chr(10))  # lines count as one word: a longer region, same matches
    >>> [lines[a:b].split() for a, b in shape_regions(lines, 1)]
    [['We', 'train', 'Mistral', '7B', 'and', 'more.']]
    """
    if "  " in text:  # empty "words" between spaces would shorten the look back
        return _regions_by_gaps(text, words_before)
    regions: list[tuple[int, int]] = []
    n = len(text)
    for m in (_ANCHOR_ASCII if text.isascii() else _ANCHOR).finditer(text):
        at = m.start()
        end = text.find(" ", at)
        end = n if end < 0 else text.find(" ", end + 1)
        end = n if end < 0 else end
        if regions and at < regions[-1][1]:
            regions[-1] = (regions[-1][0], max(regions[-1][1], end))
            continue
        start = at
        for _ in range(words_before + 1):
            start = text.rfind(" ", 0, start)
            if start < 0:
                break
        start += 1
        if regions and start <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(regions[-1][1], end))
        else:
            regions.append((start, end))
    return regions


def _regions_by_gaps(text: str, words_before: int) -> list[tuple[int, int]]:
    """:func:`shape_regions` for text with runs of spaces. (Newlines and tabs need no care: words
    they join count as one, which only makes a region longer.)"""
    gaps = [(m.start(), m.end()) for m in _SPACE.finditer(text)]
    gap_starts = [g[0] for g in gaps]
    regions: list[tuple[int, int]] = []
    for m in (_ANCHOR_ASCII if text.isascii() else _ANCHOR).finditer(text):
        k = bisect_left(gap_starts, m.start())  # gaps[k] is the first whitespace after the anchor
        start = gaps[k - words_before - 1][1] if k - words_before - 1 >= 0 else 0
        end = gaps[k + 1][0] if k + 1 < len(gaps) else len(text)
        if regions and start <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(regions[-1][1], end))
        else:
            regions.append((start, end))
    return regions


def find_shapes(text: str, regex: re.Pattern[str], words_before: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of every model-shaped name in ``text``; with ``words_before`` only the
    :func:`shape_regions` are scanned (same result, less work).

    >>> find_shapes("We release Foo-13B-chat today.", shape_regex(["Bar"]))
    [(11, 23)]
    >>> find_shapes("We release Foo-13B-chat today.", shape_regex(["Bar"]), words_before=1)
    [(11, 23)]
    """
    regions = [(0, len(text))] if words_before is None else shape_regions(text, words_before)
    found: set[tuple[int, int]] = set()
    for a, b in regions:
        found.update((m.start(), m.end()) for m in regex.finditer(text, a, b))
        found.update((m.start(), m.end()) for m in _GENERIC.finditer(text, a, b))
    return sorted(found)


class NameShapes(BatchPipe):
    """Finds versioned/sized model names; adds ``name_shape`` Model candidates."""

    def __init__(self, nlp: Language, name: str, priority: int = 60) -> None:
        self.name = name
        self.priority = priority
        ensure_extensions()
        names = [a for e in lexicon_entries() if e.label == "Model" for a in e.aliases if len(a) > 1]
        self.regex = shape_regex(names)
        self.words_before = max((len(n.split()) for n in names), default=1) + 1  # see shape_regions

    def __call__(self, doc: Doc) -> Doc:
        cands = get_list(doc, "paperkg_candidates")
        for start, end in find_shapes(doc_text(doc), self.regex, self.words_before):
            cands.append(Candidate(start, end, "Model", "name_shape", self.priority))
        return doc


@Language.factory("paperkg_name_shapes", default_config={"priority": 60})
def make_name_shapes(nlp: Language, name: str, priority: int) -> NameShapes:
    return NameShapes(nlp, name, priority)
