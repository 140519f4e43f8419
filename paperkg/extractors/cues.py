"""Case-insensitive cue patterns that search ASCII text about three times faster.

Python's ``re`` matches an IGNORECASE pattern character by character through case folding, and a
pattern that starts with ``\\b`` gets no fast scan for its first letters. The relation and definition
rules search short sentence pieces with dozens of such cue patterns (``\\b(?:outperform\\w*|...)``).

For ASCII text, searching ``text.lower()`` with a case-sensitive copy of a lower-case pattern finds
exactly the matches (same offsets) the IGNORECASE pattern finds in ``text``. Other text keeps the
IGNORECASE pattern: lower-casing may change its length ("İ"), and IGNORECASE also folds a few
non-ASCII letters onto ASCII ones ("ſ" ~ "s", "K" ~ "k"). The copy for ASCII text is also compiled with
``re.ASCII``, so ``\\b`` and ``\\w`` test an ASCII class instead of Unicode properties (a third faster); on
ASCII text both modes match the same, except that Unicode ``\\s`` also matches the separators
\\x1c-\\x1f, so a pattern with ``\\s``/``\\S`` searches text holding one with the Unicode copy.

>>> cue = Cue(r"\\b(?:we|our)\\b")
>>> cue.search("Here We go").span(), cue.search("Ünïcode: OUR model").span()
((5, 7), (9, 12))
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

__all__ = ["Cue"]

#: ASCII characters that Unicode ``\\s`` matches and ``re.ASCII``'s does not
_C0_SEPARATORS = re.compile("[\x1c-\x1f]")


class Cue:
    """A case-insensitive regex with ``search``, ``match`` and ``finditer`` like ``re.Pattern``.

    Matches found in ASCII text are matches in its lower-cased copy: offsets are the same, but
    ``group()`` returns lower-cased text.
    """

    def __init__(self, pattern: str) -> None:
        if any(c.isupper() for c in re.sub(r"\\.", "", pattern)):  # \\W, \\S ... are not letters to match
            raise ValueError(f"a cue pattern must be lower-case: {pattern!r}")
        self.pattern = pattern
        self.plain = re.compile(pattern)
        self.ascii = re.compile(pattern, re.ASCII)
        self.folded = re.compile(pattern, re.IGNORECASE)
        self.has_spaces = "\\s" in pattern or "\\S" in pattern

    def _prepared(self, text: str) -> tuple[re.Pattern[str], str]:
        """The pattern to use and the text to give it (see the module docs): lower-cased ASCII text with a
        case-sensitive copy, other text as it is with the IGNORECASE pattern."""
        if not text.isascii():
            return self.folded, text
        low = text.lower()
        return (self.plain if self.has_spaces and _C0_SEPARATORS.search(low) else self.ascii), low

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        pattern, subject = self._prepared(text)
        return pattern.search(subject, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        pattern, subject = self._prepared(text)
        return pattern.match(subject, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        pattern, subject = self._prepared(text)
        return pattern.finditer(subject, pos, endpos)
