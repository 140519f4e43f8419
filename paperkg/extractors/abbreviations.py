"""Abbreviation definitions: ``Representation Finetuning (ReFT)`` -> (long form, short form).

The algorithm is Schwartz & Hearst (2003), "A simple algorithm for identifying abbreviation
definitions in biomedical text": for a parenthesised short form, walk both strings backwards and
match every letter of the short form, the first one at a word start, inside a window of at most
``min(len(short) + 5, 2 * len(short))`` words before the parenthesis.

The short form may also come first when the text spells it out in words: "BERT, which stands for
Bidirectional Encoder Representations from Transformers" or "SSL (short for self-supervised learning)".
There the whole phrase after "stands for" must be the long form, its first word starting with the
short form's first letter.

Sets ``doc._.paperkg_abbreviations``: a list of ``(long_start, long_end, short_start, short_end)``
character offsets.

>>> find_long_form("ReFT", "a family of Representation Finetuning")
'Representation Finetuning'
>>> find_long_form("LRA", "the new data") is None
True
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from paperkg.extractors.batching import BatchPipe
from paperkg.extractors.mentions import doc_text, ensure_extensions, get_list

__all__ = ["find_long_form", "find_abbreviations", "AbbreviationDetector"]

_PAREN = re.compile(r"\(\s*([^()\s][^()]{0,18}?)\s*\)")
_SHORT = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9][\w\-.+&/]*$")
#: "SHORT, which stands for LONG", "SHORT stands for LONG", "SHORT (short for LONG": the long form follows
_STANDS_FOR = re.compile(r"(?:,?\s+which\s+stands|\s+stands|\s*\(\s*short)\s+for\s+")
#: the short form just before "stands for" (searched in a short window, not across the text)
_SHORT_BEFORE = re.compile(r"(?<![\w\-.+&/])[A-Za-z0-9][\w\-.+&/]*$")
_STOP_AFTER = re.compile(r"[.,;:!?()\[\]]|\s(?:and|or|which|that|is|are|was)\s")
#: everything up to the last stop character (.;:!?()[]): the long form starts after it
_TO_LAST_STOP = re.compile(r".*[.;:!?()\[\]]", re.DOTALL)
_SHORT_SEPARATOR = re.compile(r"[;,]\s")
_TITLE_WORD = re.compile(r"[A-Z][a-z]+")
_REPEATED_LETTER = re.compile(r"([A-Za-z]{1,2})([2-5])")


def _is_short_form(text: str) -> bool:
    if not _SHORT.match(text) or len(text) < 2 or len(text) > 12:
        return False
    return any(c.isupper() for c in text) and not _TITLE_WORD.fullmatch(text)


def find_long_form(short: str, before: str) -> str | None:
    """The long form of ``short`` at the end of ``before`` (the text up to the parenthesis).

    A digit after a letter may stand for that letter repeated, as in "S4" for four words in S, and
    a digit may stand for its number word ("0SHOT-TC" for "Zero-shot text classification"); both are
    tried only when the plain letters find nothing.

    >>> find_long_form("FaSA", "we propose a novel factorization self-attention mechanism")
    'factorization self-attention mechanism'
    >>> find_long_form("SSM", "Linear time-invariant state space models")
    'state space models'
    >>> find_long_form("S4", "We propose the Structured State Space sequence model")
    'Structured State Space sequence model'
    >>> find_long_form("0SHOT-TC", "Zero-shot text classification")
    'Zero-shot text classification'
    """
    letters = [c.lower() for c in short if c.isalnum()]
    found = _walk_back(short, letters, before)
    repeated = _repeat_digits(short)
    if found is None and repeated is not None:
        found = _walk_back(short, repeated, before)
    if found is None and any(c.isdigit() for c in short):
        found = _walk_back(short, [_NUMBER_INITIALS.get(c, c) for c in letters], before)
    return found


#: the first letter of each digit's English word: "0" may abbreviate "zero", "4" "four"
_NUMBER_INITIALS = dict(zip("0123456789", "zottffssen", strict=True))


def _repeat_digits(short: str) -> list[str] | None:
    """Letters of a short form ending in a digit that repeats the letter before it ("S4" -> s s s s),
    or None for other short forms ("S2L", "GPT4o")."""
    m = _REPEATED_LETTER.fullmatch(short)
    if m is None:
        return None
    head, times = m.groups()
    return [c.lower() for c in head + head[-1] * (int(times) - 1)]


def _walk_back(short: str, letters: list[str], before: str) -> str | None:
    """Schwartz & Hearst's backward walk of ``letters`` over the last words of ``before``."""
    words = before.split()
    if not letters or not words:
        return None
    window = words[-min(len(letters) + 5, 2 * len(letters)) :]
    text = " ".join(window)
    t = _match_letters(letters, text) if text.isascii() else _match_letters_by_char(letters, text)
    if t is None:
        return None
    start = text.rfind(" ", 0, t + 1) + 1
    long_form = text[start:].strip(" ,-*_\"'`")
    if not long_form or len(long_form) <= len(short) or long_form.lower() == short.lower():
        return None
    if long_form.split()[0].lower() in {
        "and",
        "or",
        "of",
        "the",
        "a",
        "an",
        "with",
        "for",
        "to",
        "in",
    }:
        long_form = long_form.split(" ", 1)[1] if " " in long_form else ""
    return long_form or None


def _match_letters(letters: list[str], text: str) -> int | None:
    """Where the backward walk of ``letters`` over ASCII ``text`` ends (the index before the first letter's
    match), or None: each letter is the last one before the previous letter's match (``str.rfind`` on the
    lower-cased text), the first one also at a word start. Same result as :func:`_match_letters_by_char`."""
    low = text.lower()  # ASCII: same length and offsets as text
    t = len(text) - 1
    for s in range(len(letters) - 1, 0, -1):
        t = low.rfind(letters[s], 0, t + 1) - 1
        if t < -1:
            return None
    t = low.rfind(letters[0], 0, t + 1)
    while t > 0 and text[t - 1].isalnum():
        t = low.rfind(letters[0], 0, t)
    return None if t < 0 else t - 1


def _match_letters_by_char(letters: list[str], text: str) -> int | None:
    """:func:`_match_letters` for any text, one character at a time (lower-casing may change a non-ASCII
    text's length)."""
    s, t = len(letters) - 1, len(text) - 1
    while s >= 0:
        c = letters[s]
        while t >= 0 and (text[t].lower() != c or (s == 0 and t > 0 and text[t - 1].isalnum())):
            t -= 1
        if t < 0:
            return None
        t -= 1
        s -= 1
    return t


def find_abbreviations(text: str) -> list[tuple[int, int, int, int]]:
    """Every ``long form (SHORT)`` definition in ``text`` as character offsets.

    >>> text = "we train Low-Rank Adaptation (LoRA) modules"
    >>> [(text[a:b], text[c:d]) for a, b, c, d in find_abbreviations(text)]
    [('Low-Rank Adaptation', 'LoRA')]
    """
    out = []
    for m in _PAREN.finditer(text):
        short = m.group(1).strip()
        short = _SHORT_SEPARATOR.split(short, 1)[0]
        if not _is_short_form(short):
            continue
        left = text[max(0, m.start() - 200) : m.start()]
        last_stop = _TO_LAST_STOP.match(left)  # one backward scan
        cut = last_stop.end() if last_stop else 0
        before = left[cut:].rstrip()
        long_form = find_long_form(short, before)
        if long_form is None:
            continue
        # the long form may have lost closing quotes or dashes at its end ('"Hollow-tree Super" (HOTS)')
        start = max(0, m.start() - 200) + cut + before.rfind(long_form)
        end = start + len(long_form)
        short_start = m.start(1)
        out.append((start, end, short_start, short_start + len(short)))
    out.extend(_spelled_out(text))
    return out


def _spelled_out(text: str) -> list[tuple[int, int, int, int]]:
    """``SHORT, which stands for LONG`` definitions, where the long form comes after the short one.

    >>> text = "BERT, which stands for Bidirectional Encoder Representations from Transformers. It"
    >>> [(text[a:b], text[c:d]) for a, b, c, d in _spelled_out(text)]
    [('Bidirectional Encoder Representations from Transformers', 'BERT')]
    >>> _spelled_out("This stands for a new idea.")
    []
    """
    out: list[tuple[int, int, int, int]] = []
    if "for" not in text or ("stands" not in text and "short" not in text):
        return out
    for m in _STANDS_FOR.finditer(text):
        window = max(0, m.start() - 40)
        found = _SHORT_BEFORE.search(text, window, m.start())
        if found is None:
            continue
        short = found.group()
        if not _is_short_form(short):
            continue
        rest = text[m.end() : m.end() + 200]
        stop = _STOP_AFTER.search(rest)
        phrase = rest[: stop.start() if stop else len(rest)].rstrip()
        if not phrase or phrase[0].lower() != short[0].lower():
            continue
        if find_long_form(short, phrase) != phrase:
            continue
        out.append((m.end(), m.end() + len(phrase), found.start(), found.end()))
    return out


class AbbreviationDetector(BatchPipe):
    """Finds ``long form (SHORT)`` definitions; sets ``doc._.paperkg_abbreviations``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        ensure_extensions()

    def __call__(self, doc: Doc) -> Doc:
        get_list(doc, "paperkg_abbreviations").extend(find_abbreviations(doc_text(doc)))
        return doc


@Language.factory("paperkg_abbreviations", default_config={})
def make_abbreviation_detector(nlp: Language, name: str) -> AbbreviationDetector:
    return AbbreviationDetector(nlp, name)
