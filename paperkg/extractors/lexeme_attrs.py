"""Faster stand-ins for spaCy's lexical attribute functions, with the same result for every string.

spaCy computes two dozen attributes (``like_num``, ``shape``, ``is_punct`` ...) in Python for every word
the vocabulary sees for the first time. On a cold vocabulary, as in each new ``paperkg build``, that is
a tenth of fast mode's time. The stand-ins are str methods where one does the job and otherwise answer
the common case (an ASCII word) in C and hand anything else to spaCy's own function; only functions
known here by identity are replaced, so a language or user with its own attributes keeps them.
"""

from __future__ import annotations

import string
import unicodedata
from collections.abc import Callable
from functools import partial
from operator import itemgetter

from spacy import util as spacy_util
from spacy.lang import lex_attrs as base
from spacy.vocab import Vocab

__all__ = ["faster_attributes", "faster_partial", "use_faster_lexeme_attributes"]

_ASCII = [chr(i) for i in range(128)]
#: the ASCII characters whose Unicode category is punctuation (P*) or currency symbol (Sc)
_ASCII_PUNCT = "".join(c for c in _ASCII if unicodedata.category(c).startswith("P"))
_ASCII_CURRENCY = "".join(c for c in _ASCII if unicodedata.category(c) == "Sc")
#: an ASCII word's pattern: each lower-case letter as "x", upper-case as "X", digit as "0" (spaCy's shape of
#: a word is the shape of its pattern)
_PATTERN_TABLE = str.maketrans(
    string.ascii_lowercase + string.ascii_uppercase + string.digits, "x" * 26 + "X" * 26 + "0" * 10
)
#: spaCy's shape of each letters-and-digits pattern seen ("xxxxxxxx" -> "xxxx"): a few hundred patterns
#: cover thousands of words
_SHAPES: dict[str, str] = {}
_MAX_SHAPES = 100_000
_URL_STARTS = ("http://", "https://")


def _is_punct(text: str) -> bool:
    return not text.strip(_ASCII_PUNCT) if text.isascii() else base.is_punct(text)


def _is_currency(text: str) -> bool:
    return not text.strip(_ASCII_CURRENCY) if text.isascii() else base.is_currency(text)


def _like_email(text: str) -> bool:
    return "@" in text and base.like_email(text)  # spaCy's pattern needs an "@"


def _like_url(text: str) -> bool:
    # without a dot only the http(s):// prefix can make a URL (spaCy's later tests all need a dot)
    if text and "." not in text:
        return text.startswith(_URL_STARTS)
    return base.like_url(text)


def _word_shape(text: str) -> str:
    if len(text) >= 100 or not text.isascii():
        return base.word_shape(text)
    if text.isalpha():  # most words: a run of at most four x's, after an X if capitalised
        if text.islower():
            return "xxxx"[: len(text)]
        if text.isupper():
            return "XXXX"[: len(text)]
        if text.istitle():
            return "X" + "xxxx"[: len(text) - 1]
    pattern = text.translate(_PATTERN_TABLE)
    shape = _SHAPES.get(pattern)
    if shape is None:
        if len(_SHAPES) >= _MAX_SHAPES:
            _SHAPES.clear()
        shape = _SHAPES[pattern] = base.word_shape(pattern)
    return shape


def _membership(test: Callable[[str], bool]) -> Callable[[str], bool] | None:
    """A set lookup for a spaCy test that is ``text in (...)`` over one tuple of strings (read from its
    code and checked), or None when the test is not of that form."""
    tuples = [c for c in test.__code__.co_consts if isinstance(c, tuple) and c and all(isinstance(v, str) for v in c)]
    if len(tuples) != 1 or not all(test(v) for v in tuples[0]):
        return None
    return frozenset(tuples[0]).__contains__


def _english_like_num() -> tuple[Callable[[str], bool], Callable[[str], bool]] | None:
    """(spaCy's English ``like_num``, its stand-in), or None if that module is not as expected."""
    try:
        from spacy.lang.en import lex_attrs as en

        number_words = frozenset(en._num_words) | frozenset(en._ordinal_words)
    except (ImportError, AttributeError):
        return None
    original = en.like_num

    def like_num(text: str) -> bool:
        # a word of ASCII letters is a number only as a number word ("seven", "third")
        if text.isalpha() and text.isascii():
            return text.lower() in number_words
        return original(text)

    return original, like_num


def faster_attributes() -> dict[Callable[[str], object], Callable[[str], object]]:
    """spaCy's lexical attribute functions -> their stand-ins."""
    faster: dict[Callable[[str], object], Callable[[str], object]] = {
        base.lower: str.lower,
        base.prefix: itemgetter(0),
        base.suffix: itemgetter(slice(-3, None)),
        base.is_alpha: str.isalpha,
        base.is_digit: str.isdigit,
        base.is_lower: str.islower,
        base.is_space: str.isspace,
        base.is_title: str.istitle,
        base.is_upper: str.isupper,
        base.is_ascii: str.isascii,
        base.is_punct: _is_punct,
        base.is_currency: _is_currency,
        base.like_email: _like_email,
        base.like_url: _like_url,
        base.word_shape: _word_shape,
    }
    for test in (base.is_bracket, base.is_quote, base.is_left_punct, base.is_right_punct):
        lookup = _membership(test)
        if lookup is not None:
            faster[test] = lookup
    english = _english_like_num()
    if english is not None:
        faster[english[0]] = english[1]
    return faster


def faster_partial(
    getter: Callable[[str], object], faster: dict[Callable[[str], object], Callable[[str], object]]
) -> Callable[[str], object] | None:
    """A stand-in for one of the partially applied functions a spaCy vocabulary holds (its language code,
    its stop words, its norms after exception tables), one call where the partial makes two or three; None
    for any other getter. The stand-ins read the same objects the partial holds (the stop-word set, the
    tables), so later changes to them still count.

    >>> norm = faster_partial(spacy_util.add_lookups(base.lower, {"’s": "'s"}), faster_attributes())
    >>> norm("’s"), norm("GPT"), faster_partial(partial(base.get_lang, lang="en"), {})("word")
    ("'s", 'gpt', 'en')
    """
    if not isinstance(getter, partial):
        return None
    func, args, keywords = getter.func, getter.args, getter.keywords
    if func is base.get_lang and not args and set(keywords) == {"lang"} and isinstance(keywords["lang"], str):
        lang = keywords["lang"]
        return lang.format if "{" not in lang and "}" not in lang else None  # the code, whatever the word
    if func is base.is_stop and not args and set(keywords) == {"stops"}:
        stops = keywords["stops"]

        def is_stop(text: str) -> bool:
            return text.lower() in stops

        return is_stop
    if func is spacy_util._get_attr_unless_lookup and len(args) == 2 and not keywords:
        default, lookups = args
        default = faster.get(default, default)

        def attr_unless_lookup(text: str) -> object:
            for lookup in lookups:
                if text in lookup:
                    return lookup[text]
            return default(text)

        return attr_unless_lookup
    return None


def use_faster_lexeme_attributes(vocab: Vocab) -> Vocab:
    """Replace, in ``vocab.lex_attr_getters``, each spaCy function that has a stand-in; returns ``vocab``."""
    faster = faster_attributes()
    getters = vocab.lex_attr_getters
    for attr, getter in list(getters.items()):
        stand_in = faster.get(getter) or faster_partial(getter, faster)
        if stand_in is not None:
            getters[attr] = stand_in
    return vocab
