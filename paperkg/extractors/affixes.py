r"""Tokenizer affix patterns that fail fast: the same matches, found in less time.

spaCy's tokenizer searches every word it has not seen before with one alternation of all its suffix
patterns (and one of its infix patterns), trying each alternative at each character. An alternative
that starts with a lookbehind is checked at every character: spaCy's English ``(?<=[0-9a-z...])\.``,
whose class holds thousands of letters, looks at the character before every character of the word.
Written with the one character it matches first and the lookbehind after it, ``\.(?<=[0-9a-z...]\.)``,
it fails at once wherever that character is not; the two match the same text at the same places.
And spaCy's class of symbols and emoji (``[\u00A6\u00A9...]``, hundreds of ranges, some outside the
Basic Multilingual Plane) is slow for ``re`` to test (about 85 ns a character) and has no ASCII member:
a lookahead for a non-ASCII character before it rejects ASCII characters, most of the text, at once.
Together the two rewrites took the fast pipeline's tokenizer from 0.56 to 0.48 ms per seed paper, below
a stock blank English tokenizer's 0.54-0.57 (same tokens on 7,405 seed and GSAP texts).

Three searches then skip what cannot match, read off the parsed patterns (:class:`PrefixMatch`,
:class:`SuffixSearch`, :class:`InfixFinditer`): a prefix only at the start and only among the alternatives
that can begin with the word's first character; a suffix only among those that can end with its last
one, from a few characters before the end, and not at all in an ASCII word without a character they need;
an infix not at all in an ASCII word without any character (or pair of characters) an infix needs. With the
faster lexeme attributes (``lexeme_attrs.py``) a cold pass of the fast tokenizer over the seed corpus costs
0.87e9 CPU instructions, the stock blank tokenizer's 1.97e9 (callgrind).

>>> print(fail_fast(r"(?<=[0-9])\+"))
\+(?<=[0-9]\+)
>>> print(fail_fast(r"[\u00A6\u00A9]"))
(?=[^\x00-\x7f])[\u00A6\u00A9]
>>> print(fail_fast(r"(?<=[a-z])(?=[A-Z])"))  # nothing to test first: unchanged
(?<=[a-z])(?=[A-Z])
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

__all__ = [
    "InfixFinditer",
    "PrefixMatch",
    "SuffixSearch",
    "fail_fast",
    "lookbehind_last",
    "non_ascii_first",
    "top_level_alternatives",
    "url_match_dot_first",
]

_QUANTIFIERS = frozenset("*+?{")
_SPECIAL = frozenset(".^$*+?{}|()")


def _class_end(pattern: str, i: int) -> int:
    """Index after the character class that starts at ``pattern[i] == "["``."""
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":  # a "]" first in a class is a member
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    if j >= len(pattern):
        raise ValueError(f"unclosed character class in {pattern!r}")
    return j + 1


def _group_end(pattern: str, i: int) -> int:
    """Index after the group that starts at ``pattern[i] == "("``."""
    depth, j = 0, i
    while j < len(pattern):
        c = pattern[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(pattern, j)
            continue
        depth += (c == "(") - (c == ")")
        if depth == 0:
            return j + 1
        j += 1
    raise ValueError(f"unclosed group in {pattern!r}")


def _one_char_end(pattern: str, i: int) -> int | None:
    """Index after the item at ``pattern[i]`` if it matches exactly one character (a literal, an escaped
    punctuation character or a class, with no quantifier after it); else None."""
    if i >= len(pattern):
        return None
    c = pattern[i]
    if c == "[":
        end = _class_end(pattern, i)
    elif c == "\\":
        if i + 1 >= len(pattern) or pattern[i + 1].isalnum():  # \d, \b, \1, \u00A6 ...: not handled here
            return None
        end = i + 2
    elif c in _SPECIAL:
        return None
    else:
        end = i + 1
    if end < len(pattern) and pattern[end] in _QUANTIFIERS:
        return None
    return end


def lookbehind_last(pattern: str) -> str:
    """``(?<=L)cR`` as ``c(?<=Lc)R`` when ``c`` matches exactly one character; other patterns unchanged.

    Both match ``c`` where ``L`` ends right before it, then ``R``: the same matches, but the rewritten
    pattern tests the one character before the lookbehind. Cost: one pass over the pattern.

    >>> print(lookbehind_last(r"(?<=[A-Za-z0-9])[()](?=[A-Za-z])"))
    [()](?<=[A-Za-z0-9][()])(?=[A-Za-z])
    >>> print(lookbehind_last(r"(?<=[0-9])(?:km|m)"))  # a group first: unchanged
    (?<=[0-9])(?:km|m)
    """
    if not pattern.startswith("(?<="):
        return pattern
    try:
        behind_end = _group_end(pattern, 0)
    except ValueError:
        return pattern
    char_end = _one_char_end(pattern, behind_end)
    if char_end is None:
        return pattern
    behind, char = pattern[4 : behind_end - 1], pattern[behind_end:char_end]
    return f"{char}(?<={behind}{char}){pattern[char_end:]}"


def non_ascii_first(pattern: str) -> str:
    """A pattern that is one character class without ASCII members, after a lookahead for a non-ASCII
    character; other patterns unchanged. Same matches: the lookahead only rejects characters the class
    would reject too (checked for all 128 ASCII characters).

    >>> print(non_ascii_first("[©®]"))
    (?=[^\\x00-\\x7f])[©®]
    >>> print(non_ascii_first("[©a]"))  # an ASCII member: unchanged
    [©a]
    """
    if not pattern.startswith("[") or pattern.startswith("[^"):
        return pattern
    try:
        if _class_end(pattern, 0) != len(pattern):
            return pattern
    except ValueError:
        return pattern
    one_char = re.compile(pattern)
    if any(one_char.fullmatch(chr(c)) for c in range(128)):
        return pattern
    return r"(?=[^\x00-\x7f])" + pattern


def fail_fast(pattern: str) -> str:
    """:func:`lookbehind_last` and :func:`non_ascii_first`: the same matches, found with fewer tests."""
    return non_ascii_first(lookbehind_last(pattern))


def url_match_dot_first(pattern: str) -> str:
    r"""spaCy's URL pattern (``(?u)`` + ``spacy.lang.tokenizer_exceptions.URL_PATTERN``) with a lookahead
    for a ``.`` right after its ``^``; any other pattern unchanged.

    Every string that pattern matches has a ``.`` (its host name ``(?:...\.)+`` or its IPv4 address
    ``\d.\d.\d.\d``), and most words have none: the lookahead rejects them in one scan, where the pattern
    itself tries scheme, user and host parts first (about 0.5 us a word, 0.15 us with the lookahead).

    >>> from spacy.lang.tokenizer_exceptions import URL_PATTERN
    >>> url_match_dot_first("(?u)" + URL_PATTERN).startswith(r"(?u)^(?=[^.]*\.)")
    True
    """
    from spacy.lang.tokenizer_exceptions import URL_PATTERN

    known = "(?u)" + URL_PATTERN
    if pattern != known or not known.startswith("(?u)^"):
        return pattern
    return r"(?u)^(?=[^.]*\.)" + known[len("(?u)^") :]


def top_level_alternatives(pattern: str) -> list[str]:
    """The alternatives of ``pattern`` split at its top-level ``|`` (not inside groups or classes).

    >>> top_level_alternatives(r"a$|(?:b|c)$|[|]$")
    ['a$', '(?:b|c)$', '[|]$']
    """
    parts, start, i = [], 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
        elif c == "[":
            i = _class_end(pattern, i)
        elif c == "(":
            i = _group_end(pattern, i)
        elif c == "|":
            parts.append(pattern[start:i])
            start = i = i + 1
        else:
            i += 1
    parts.append(pattern[start:])
    return parts


def _parsed(pattern: str) -> Any:  # re's private SubPattern
    """``pattern`` parsed by ``re``'s own parser (stable since Python 3.0 as sre_parse), or None."""
    try:
        from re import _parser

        return _parser.parse(pattern)
    except Exception:  # noqa: BLE001 - a pattern not parsed here gets no shortcut
        return None


def _max_width(parsed: Any) -> int | None:
    """The most characters a match of a parsed pattern can span, or None if unbounded."""
    from re import _parser

    width = parsed.getwidth()[1]
    return width if width < _parser.MAXREPEAT else None


def _ascii_chars(op: object, arg: object) -> set[int] | None:
    """The ASCII code points one parsed item matches if it is a literal or a class of literals and ranges
    (only ASCII is needed: the shortcuts below decide on ASCII characters; spaCy's emoji classes span
    100,000 code points, too many to list at every load)."""
    from re import _constants as c

    if op is c.LITERAL:
        return {arg} if arg < 128 else set()  # type: ignore[operator]
    if op is not c.IN:
        return None
    chars: set[int] = set()
    for kind, value in arg:  # type: ignore[attr-defined]
        if kind is c.LITERAL:
            if value < 128:
                chars.add(value)
        elif kind is c.RANGE:
            chars.update(range(value[0], min(value[1], 127) + 1))
        else:  # \w, a negated class ...
            return None
    return chars


def _edge_chars(items: list, *, last: bool) -> set[int] | None:
    r"""ASCII code points the first (or ``last``) character of a match of the parsed ``items`` can be; None
    if any may be.

    Skips zero-width items (``^``, ``$``, lookarounds) to the first (last) item that consumes a character:
    a literal, a class of literals and ranges, a group or alternation of such, or a repeat of one at least
    once. Anything else (``\w``, a negated class, an optional item, a case-insensitive group) may be any.
    """
    from re import _constants as c

    for op, arg in reversed(items) if last else items:
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            continue
        chars = _ascii_chars(op, arg)
        if chars is not None:
            return chars
        if op is c.SUBPATTERN and not arg[1] & re.IGNORECASE:
            return _edge_chars(arg[-1].data, last=last)
        if op is c.BRANCH:
            union: set[int] = set()
            for branch in arg[1]:
                chars_of_branch = _edge_chars(branch.data, last=last)
                if chars_of_branch is None:
                    return None
                union |= chars_of_branch
            return union
        if op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
            return _edge_chars(arg[2].data, last=last)
        return None
    return None


def _required_chars(items: list) -> list[set[int]]:
    """Sets of ASCII code points such that every match of the parsed ``items`` in ASCII text has, among the
    characters it spans or its lookarounds look at, one of each set: its literals and classes, those of its lookarounds,
    groups, repeats at least once, and of every branch of an alternation (their union)."""
    from re import _constants as c

    required: list[set[int]] = []
    for op, arg in items:
        chars = _ascii_chars(op, arg)
        if chars is not None:
            required.append(chars)
        elif op is c.ASSERT:
            required += _required_chars(arg[1].data)
        elif op is c.SUBPATTERN and not arg[1] & re.IGNORECASE:
            required += _required_chars(arg[-1].data)
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and arg[0] >= 1:
            required += _required_chars(arg[2].data)
        elif op is c.BRANCH:
            per_branch = [_required_chars(branch.data) for branch in arg[1]]
            if all(per_branch):
                required.append(set().union(*(min(sets, key=_commonness) for sets in per_branch)))
    return required


def _commonness(chars: set[int]) -> tuple[int, int]:
    """How often words hold one of ``chars`` (ASCII code points), roughly: lower-case letters count first."""
    return sum(1 for code in chars if 97 <= code <= 122), len(chars)


def _by_edge_char(
    alternatives: list[str], parsed: list[Any], flags: int, *, last: bool
) -> dict[str, tuple[int, ...]] | None:
    """For each ASCII character (but newline): the indices of the ``alternatives`` (``parsed``: the same,
    parsed) whose matches can start (or end) with it; None if they are not of that form (every alternative
    parsed and anchored with ``^``, or ``$``, no MULTILINE or IGNORECASE in ``flags``)."""
    anchored = all(a.endswith("$") if last else a.startswith("^") for a in alternatives)
    if flags & (re.MULTILINE | re.IGNORECASE) or not anchored or any(p is None for p in parsed):
        return None
    edges = [_edge_chars(p.data, last=last) for p in parsed]
    return {
        chr(code): tuple(i for i, edge in enumerate(edges) if edge is None or code in edge)
        for code in range(128)
        if code != ord("\n")  # "$" also matches before a final newline
    }


def _trigger(parsed: list[Any], last: str = "") -> re.Pattern[str] | None:
    """A pattern that finds in an ASCII word what any of the ``parsed`` alternatives needs to match: a character
    of its rarest required set (see :func:`_required_chars`) or, for an alternative between two characters, that
    pair where it is rarer (:func:`_point_between`). None when testing for them would not pay: an alternative
    (unparsed, or needing nothing) may match anywhere, or every word ending in ``last`` has what is needed.

    >>> _trigger([_parsed(r"(?=[A-Z])(?<=[a-z])"), _parsed(r",(?<=[a-z],)")]).pattern
    '[,]|[ABCDEFGHIJKLMNOPQRSTUVWXYZ](?<=[abcdefghijklmnopqrstuvwxyz][ABCDEFGHIJKLMNOPQRSTUVWXYZ])'
    """
    needed: set[int] = set()
    pairs: set[str] = set()  # e.g. "[A-Z] after [a-z]", as a pattern that tests the rarer character first
    for p in parsed:
        required = _required_chars(p.data) if p is not None else []
        pair = _point_between(p.data) if p is not None else None
        rarest = min(required, key=_commonness) if required else None
        if pair is not None and (rarest is None or min(map(_commonness, pair)) <= _commonness(rarest)):
            before, after = pair
            if before and after:  # else no ASCII text has the pair: nothing to look for
                b, a = _class_of(before), _class_of(after)
                pairs.add(f"{a}(?<={b}{a})" if _commonness(after) <= _commonness(before) else f"{b}(?={a})")
            continue
        if rarest is None:
            return None
        needed |= rarest
    if last and ord(last) in needed:
        return None
    if not needed and not pairs:
        return re.compile("(?!)")
    return re.compile("|".join(([_class_of(needed)] if needed else []) + sorted(pairs)))


def _class_of(chars: set[int]) -> str:
    """A character class of ASCII code points."""
    return "[" + "".join(re.escape(chr(code)) for code in sorted(chars)) + "]"


def _point_between(items: list) -> tuple[set[int], set[int]] | None:
    """For a parsed pattern that starts by looking behind at one character and ahead at one character (``(?=[A-Z])
    (?<=[a-z])...``, spaCy's and paperkg's infixes between two characters): the ASCII characters each can be.
    Every match in ASCII text then sits between one of the first and one of the second, a rarer pair than
    either character alone ("introduceLOFT" has one; "Transformer" has an upper-case letter but not after a
    lower-case one). None for other patterns."""
    from re import _constants as c

    behind = ahead = None
    for op, arg in items:
        if op is not c.ASSERT:
            break
        direction, sub = arg
        if not sub.data:
            continue
        edge = sub.data[-1] if direction < 0 else sub.data[0]
        chars = _ascii_chars(*edge)
        if chars is None:
            continue  # a lookaround of another form: it only narrows the matches further
        if direction < 0 and behind is None:
            behind = chars
        elif direction > 0 and ahead is None:
            ahead = chars
    return (behind, ahead) if behind is not None and ahead is not None else None


def _compiled(alternatives: list[str], chosen: tuple[int, ...], flags: int) -> re.Pattern[str] | None:
    """The ``chosen`` alternatives as one pattern, in their order; None if none is chosen."""
    return re.compile("|".join(alternatives[i] for i in chosen), flags) if chosen else None


class _PatternShortcut:
    """A stand-in for one of spaCy's bound ``re.Pattern`` methods (``prefix_search`` ...) that holds the
    whole ``regex`` and, as ``pattern``, its source: spaCy serializes a tokenizer's affix patterns from
    ``<method>.__self__.pattern``."""

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.pattern = regex.pattern


class PrefixMatch(_PatternShortcut):
    r"""spaCy's prefix search (``regex.search``) as a match of only the alternatives that can start with the
    word's first character.

    spaCy writes each prefix alternative after a ``^``, so a match can only start at the start of the word;
    ``search`` still tries every alternative at every character. ``match`` tries the start only, and with
    just the alternatives that can begin with the first character (in their order: the others cannot match)
    a word starting with a letter is done at once. A word starting with a non-ASCII character gets the whole
    pattern.

    >>> prefix = PrefixMatch(re.compile(r"^\(|^\$|^(?:US\$|C\$)|^\.\.+"))
    >>> prefix.search("(GPT").span(), prefix.search("US$5").span(), prefix.search("...a").span()
    ((0, 1), (0, 3), (0, 3))
    >>> prefix.search("GPT("), prefix.search("")
    (None, None)
    """

    def __init__(self, regex: re.Pattern[str]) -> None:
        super().__init__(regex)
        alternatives = top_level_alternatives(regex.pattern)
        by_first = _by_edge_char(alternatives, [_parsed(a) for a in alternatives], regex.flags, last=False)
        self.by_first = None if by_first is None else {
            char: _compiled(alternatives, chosen, regex.flags) for char, chosen in by_first.items()
        }

    def search(self, text: str) -> re.Match[str] | None:
        if self.by_first is None:
            return self.regex.search(text)
        if not text or text[0] not in self.by_first:
            return self.regex.match(text)
        regex = self.by_first[text[0]]
        return regex.match(text) if regex is not None else None


class SuffixSearch(_PatternShortcut):
    r"""spaCy's suffix search (``regex.search``), trying only the alternatives that can end with the word's
    last character, from near the end of the word.

    Every alternative of a suffix pattern ends with ``$``, and each ends with one of a few characters:
    a word ending in "e" can have no suffix at all, one ending in "g" only a unit such as "kg" after a digit.
    For each ASCII last character, the alternatives that can end with it are compiled on their own, in
    their order (the others cannot match, so the leftmost match is the same). Those are at most a few
    characters long, so the search starts that far before the end; lookbehinds still see the characters
    before it. An alternative of unbounded length (spaCy's ``\.\.+$``) is searched from the start. A word
    ending in a newline or a non-ASCII character gets the whole pattern, as before.

    >>> suffix = SuffixSearch(re.compile(r"\.$|'s$|(?<=[0-9])(?:km|m)$|\.\.+$"))
    >>> suffix.search("GPT's").span(), suffix.search("wait...").span(), suffix.search("5km").span()
    ((3, 5), (4, 7), (1, 3))
    >>> suffix.search("none"), suffix.search("km")
    (None, None)
    """

    def __init__(self, regex: re.Pattern[str]) -> None:
        super().__init__(regex)
        #: last character -> (the alternatives that can end with it, how far before the end a match can
        #: start, or None: anywhere, and the characters an ASCII word needs for any of them to match, or None),
        #: or None where none can
        self.by_last: dict[str, tuple[re.Pattern[str], int | None, re.Pattern[str] | None] | None] = {}
        alternatives = top_level_alternatives(regex.pattern)
        parsed = [_parsed(a) for a in alternatives]
        by_last = _by_edge_char(alternatives, parsed, regex.flags, last=True)
        if by_last is None:
            return
        widths = [_max_width(p) for p in parsed]
        for char, chosen in by_last.items():
            compiled = _compiled(alternatives, chosen, regex.flags)
            if compiled is None:
                self.by_last[char] = None
                continue
            # "$" may match before a final newline: one more character back
            chosen_widths = [widths[i] for i in chosen]
            reach = None if None in chosen_widths else max(chosen_widths) + 1  # type: ignore[type-var]
            self.by_last[char] = (compiled, reach, _trigger([parsed[i] for i in chosen], char))

    def search(self, text: str) -> re.Match[str] | None:
        if not text or text[-1] not in self.by_last:
            return self.regex.search(text)
        found = self.by_last[text[-1]]
        if found is None:
            return None
        regex, reach, trigger = found
        if trigger is not None and text.isascii() and trigger.search(text) is None:
            return None  # "models": a unit after a digit or an "'s" needs a digit or an apostrophe
        start = len(text) - reach if reach is not None else 0
        return regex.search(text, start) if start > 0 else regex.search(text)


class InfixFinditer(_PatternShortcut):
    r"""spaCy's infix search (``regex.finditer``) that skips an ASCII word none of whose characters any
    infix match needs.

    Every infix alternative needs some character of a set: ``,`` for a comma between letters, one of
    ``-~`` for a hyphen, a non-ASCII character for the emoji class (see :func:`_required_chars`), or a pair of
    characters: an upper-case letter after a lower-case one for a glued "introduceLOFT". An ASCII word with
    none of those ("learning", "Transformer") has no infix; any other word is searched as before.

    >>> infix = InfixFinditer(re.compile(r"(?<=[a-z]),(?=[a-z])|(?<=[0-9])[+\-](?=[0-9])"))
    >>> [m.span() for m in infix.finditer("a,b")], [m.span() for m in infix.finditer("3-4")]
    ([(1, 2)], [(1, 2)])
    >>> infix.trigger.pattern, list(infix.finditer("abc"))
    ('[\\+,\\-]', [])
    """

    def __init__(self, regex: re.Pattern[str]) -> None:
        super().__init__(regex)
        self.trigger: re.Pattern[str] | None = None
        if not regex.flags & re.IGNORECASE:
            self.trigger = _trigger([_parsed(alternative) for alternative in top_level_alternatives(regex.pattern)])

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.trigger is not None and text.isascii() and self.trigger.search(text) is None:
            return iter(())
        return self.regex.finditer(text)
