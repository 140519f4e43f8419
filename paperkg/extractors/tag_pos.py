"""Coarse part-of-speech tags from fine tags, without the attribute ruler's Matcher.

``en_core_web_sm``'s ``attribute_ruler`` maps the tagger's fine tags (``NN``, ``VBZ``) to coarse
``POS`` (``NOUN``, ``AUX``), with word-specific exceptions, and also sets MORPH and LEMMA. paperkg
reads only ``POS`` (and ``TAG``), and the ruler runs a Matcher over 179 patterns on every Doc: on
the seed abstracts it took about half as long as tok2vec. :class:`TagToPos` applies the same rules,
restricted to the ones that set ``POS`` or ``TAG``, as a lookup per (tag, word) pair, cached.

Rules that need a dependency parse (``DEP``) never fire in paperkg's default pipeline (it has no
parser), and neither do they here. Sets ``Token.pos`` (and ``Token.tag`` of whitespace tokens).
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import IS_SPACE, LOWER, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from paperkg.extractors.batching import BatchPipe

__all__ = ["TagToPos", "pos_rules"]

#: (token conditions, attrs) of one single-token rule
Rule = tuple[dict[str, Any], dict[str, str]]


def _holds(cond: Any, value: Any) -> bool:
    if isinstance(cond, dict):
        if "IN" in cond and value not in cond["IN"]:
            return False
        return not ("NOT_IN" in cond and value in cond["NOT_IN"])
    return cond == value


def _matches(token: dict[str, Any], feats: dict[str, Any]) -> bool:
    return all(_holds(cond, feats.get(key, "")) for key, cond in token.items())


def pos_rules(patterns: list[dict[str, Any]]) -> list[Rule]:
    """The attribute-ruler patterns that set ``POS`` or ``TAG`` and can fire without a parse, in order.

    Raises ValueError for a rule this lookup cannot apply (several tokens or other attributes).
    """
    rules: list[Rule] = []
    no_parse = {"DEP": ""}
    for pat in patterns:
        attrs = {k: v for k, v in pat["attrs"].items() if k in ("POS", "TAG")}
        if not attrs:
            continue
        for seq in pat["patterns"]:
            if any("DEP" in tok and not _holds(tok["DEP"], "") for tok in seq):
                continue  # needs a parse: never fires without one
            if len(seq) != 1 or set(seq[0]) - {"TAG", "LOWER", "IS_SPACE", "DEP"}:
                raise ValueError(f"attribute ruler pattern not supported: {seq}")
            rules.append(({k: v for k, v in seq[0].items() if k not in no_parse}, attrs))
    return rules


class TagToPos(BatchPipe):
    """Sets ``POS`` (and ``TAG`` where a rule says so) from each token's tag, word and whitespace."""

    def __init__(self, nlp: Language, name: str, rules: list[Rule]) -> None:
        self.name = name
        self.rules = rules
        self.strings = nlp.vocab.strings
        self.cache: dict[tuple[int, int, int], tuple[int, int]] = {}
        self.by_tag: dict[str, list[Rule]] = {}  # the rules a tag allows, without their TAG condition

    def _rules_for(self, tag: str) -> list[Rule]:
        """The rules whose TAG condition ``tag`` meets (all of them, in order, with the other conditions):
        a (tag, word) pair not seen yet is checked against a few rules, not all of them."""
        rules = self.by_tag.get(tag)
        if rules is None:
            rules = self.by_tag[tag] = [
                ({k: v for k, v in token.items() if k != "TAG"}, attrs)
                for token, attrs in self.rules
                if "TAG" not in token or _holds(token["TAG"], tag)
            ]
        return rules

    def _lookup(self, tag: int, lower: int, space: int) -> tuple[int, int]:
        tag_text = self.strings[tag] if tag else ""
        feats = {"LOWER": self.strings[lower], "IS_SPACE": bool(space)}
        pos, new_tag = "", tag_text
        for token, attrs in self._rules_for(tag_text):  # later rules win, as in the attribute ruler
            if _matches(token, feats):
                pos = attrs.get("POS", pos)
                new_tag = attrs.get("TAG", new_tag)
        return (self.strings.add(pos) if pos else 0), (self.strings.add(new_tag) if new_tag else 0)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        arr = doc.to_array([TAG, LOWER, IS_SPACE])
        cache = self.cache
        out = []
        for key in map(tuple, arr.tolist()):
            val = cache.get(key)
            if val is None:
                val = cache[key] = self._lookup(*key)
            out.append(val)
        doc.from_array([POS, TAG], numpy.array(out, dtype=numpy.uint64))
        return doc


@Language.factory("paperkg_tag_pos", default_config={"patterns_from": "attribute_ruler"})
def make_tag_to_pos(nlp: Language, name: str, patterns_from: str) -> TagToPos:
    """Rules taken from the pipeline's attribute ruler ``patterns_from`` (which may be disabled)."""
    return TagToPos(nlp, name, pos_rules(nlp.get_pipe(patterns_from).patterns))
