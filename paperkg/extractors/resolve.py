"""The normalizer component: candidates -> final, typed, canonical mentions.

Steps (each a plain function): drop stop-listed generic phrases; merge candidates on the same
span (the lexicon's label wins, then definitions, head nouns, shapes); pair acronyms with their
long forms (one entity for both); keep the longest non-overlapping spans; give untyped names the
type their other mentions have (or Model for sized names, else Method); canonicalize
(:func:`~paperkg.extractors.normalize.canonicalize`); and find the other occurrences of newly
introduced names in the same text.

Sets ``doc._.paperkg_mentions`` (a list of :class:`~paperkg.extractors.mentions.Mention`, by offset).
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import replace
from functools import lru_cache

from rapidfuzz import fuzz
from spacy.language import Language
from spacy.tokens import Doc

from paperkg.extractors.batching import BatchPipe
from paperkg.extractors.head_nouns import label_of_phrase
from paperkg.extractors.mentions import Candidate, Mention, doc_text, ensure_extensions, get_list, set_list
from paperkg.extractors.normalize import (
    Canonical,
    alias_table,
    canonicalize,
    collapse_spaces,
    new_name,
    split_model_shape,
    surface_key,
)
from paperkg.extractors.resources import stoplist

__all__ = ["is_stopped", "merge_candidates", "select_spans", "resolve", "Resolver"]

_RULE_RANK = {
    "lexicon": 5,
    "lexicon_compound": 2,
    "def_acronym": 4,
    "def_propose": 4,
    "def_called": 4,
    "def_appositive": 4,
    "title_colon": 3,
    "abbreviation": 3,
    "head_noun": 2,
    "name_shape": 1,
}


_SIZE_OR_NUMBER = re.compile(r"[\d.,]+\s?[bmkt]?")
_VERSIONED = re.compile(r"(.+?)[\s-]+v?\d+(?:\.\d+)?")


@lru_cache(maxsize=65536)
def is_stopped(text: str) -> bool:
    """True for generic phrases that are never entities (stop list, plural folded; cached).

    >>> is_stopped("Large Language Models"), is_stopped("our model"), is_stopped("GLiNER")
    (True, True, False)
    """
    low = collapse_spaces(text.strip().lower())
    stop = stoplist()
    if low in stop or (low.endswith("s") and low[:-1] in stop):
        return True
    if _SIZE_OR_NUMBER.fullmatch(low):  # a size ("7B") or a number alone
        return True
    return len(low) < 2 or not any(c.isalpha() for c in low)


def merge_candidates(cands: list[Candidate]) -> dict[tuple[int, int], Candidate]:
    """One candidate per span: the best-ranked rule's label, ``proposed`` if any says so."""
    out: dict[tuple[int, int], Candidate] = {}
    for cand in cands:
        key = (cand.start, cand.end)
        old = out.get(key)
        if old is None:
            out[key] = cand
            continue
        best, other = (cand, old) if _RULE_RANK.get(cand.rule, 0) > _RULE_RANK.get(old.rule, 0) else (old, cand)
        label = best.label or other.label
        if best.rule == "name_shape" and other.label:
            label = other.label
        out[key] = Candidate(
            best.start,
            best.end,
            label,
            best.rule,
            max(best.priority, other.priority),
            best.proposed or other.proposed,
        )
    return out


def select_spans(cands: list[Candidate]) -> list[Candidate]:
    """Longest non-overlapping candidates (ties: higher priority), in text order."""
    chosen: list[Candidate] = []
    taken = bytearray(max((c.end for c in cands), default=0))  # 1 where a chosen span covers the char
    for cand in sorted(cands, key=lambda c: (-(c.end - c.start), -c.priority, c.start)):
        if 1 in taken[cand.start : cand.end]:
            continue
        chosen.append(cand)
        taken[cand.start : cand.end] = b"\x01" * (cand.end - cand.start)
    return sorted(chosen, key=lambda c: c.start)


def _default_label(text: str) -> str:
    _, params, _ = split_model_shape(text)
    if params:
        return "Model"
    versioned = _VERSIONED.fullmatch(text)
    if versioned:  # "The Stack v2" is what "The Stack" is
        known = alias_table().lookup(versioned.group(1))
        if known is not None:
            return known.label
    phrase_label = label_of_phrase(text)
    return phrase_label if phrase_label in ("Method", "Dataset", "Benchmark", "Task") else "Model"


def resolve(text: str, cands: list[Candidate], abbrevs: list[tuple[int, int, int, int]]) -> list[Mention]:
    """The final mentions of one text from its candidates and abbreviation definitions."""
    merged = merge_candidates([c for c in cands if not is_stopped(text[c.start : c.end])])
    # acronym <-> long form: the pair shares label and entity
    partner: dict[tuple[int, int], tuple[int, int]] = {}
    generic: set[str] = set()  # acronyms this text defines as a generic phrase
    for a, b, c, d in abbrevs:
        long_key, short_key = (a, b), (c, d)
        lc, sc = merged.get(long_key), merged.get(short_key)
        if lc is None and sc is None:
            # typed by its head word, else by a known name it ends with ("gradient boosting decision tree");
            # a long form the text names elsewhere (its title: "Hollow-tree Super: ...") is that name
            label = label_of_phrase(text[a:b]) or _label_of_tail(merged, a, b)
            named = _same_name(merged, text, a, b) if label is None else None
            if (label is None and named is None) or is_stopped(text[c:d]) or is_stopped(text[a:b]):
                continue
            lc = sc = Candidate(a, b, label or named.label, "abbreviation", 35, bool(named and named.proposed))
        if is_stopped(text[c:d]) or is_stopped(text[a:b]):
            if sc is not None and is_stopped(text[a:b]) and _redefines(text[a:b], text[c:d]):
                generic.add(surface_key(text[c:d]))  # "multimodal language model (MLM)": not masked LM here
            continue
        label = (
            (sc.label if sc and sc.rule == "lexicon" else None)
            or (lc.label if lc and lc.rule == "lexicon" else None)
            or (sc and sc.label)
            or (lc and lc.label)
        )
        proposed = bool((sc and sc.proposed) or (lc and lc.proposed))
        rule_s = sc.rule if sc else "abbreviation"
        rule_l = lc.rule if lc else "abbreviation"
        merged[short_key] = Candidate(c, d, label, rule_s, (sc.priority if sc else 35), proposed)
        merged[long_key] = Candidate(a, b, label, rule_l, (lc.priority if lc else 35), proposed)
        partner[long_key] = short_key
    redefined = _redefined_acronyms(text, partner, merged)
    kept = list(merged.values())
    if generic:
        kept = [c for c in kept if surface_key(text[c.start : c.end]) not in generic]
    chosen = select_spans(kept)
    keyed = [(c, surface_key(text[c.start : c.end])) for c in chosen]  # each surface key computed once
    # labels of untyped names from their other mentions
    by_key: dict[str, str] = {}
    for c, key in sorted(keyed, key=lambda ck: ck[0].rule == "title_colon"):  # the abstract's word on a type wins
        if c.label:
            by_key.setdefault(key, c.label)
    proposed_keys = {key for c, key in keyed if c.proposed}
    mentions: list[Mention] = []
    canon_of: dict[tuple[int, int], Canonical] = {}
    long_of = {short: long for long, short in partner.items()}
    new_aliases: set[str] = set()  # acronyms this text defines for a known long form
    if partner:
        keyed.sort(key=lambda ck: (ck[0].start, ck[0].end) in partner)  # short forms first
    for c, key in keyed:
        surface = text[c.start : c.end]
        label = c.label or by_key.get(key) or _default_label(surface)
        canon = canonicalize(surface, label)
        long = long_of.get((c.start, c.end))
        if long is not None and not canon.known and not c.proposed:
            long_canon = canonicalize(text[long[0] : long[1]], label)
            if long_canon.known:  # "Zero-shot text classification (0SHOT-TC)": a new alias of a known name
                canon = long_canon
                new_aliases.add(surface)
        short = partner.get((c.start, c.end))
        local = redefined.get(surface_key(text[short[0] : short[1]]) if short else key) if redefined else None
        if local is not None:
            canon = local  # "Chain of Code (CoT)": here CoT is not chain-of-thought
        elif c.proposed and canon.known and not _exact_alias(surface, canon):
            canon = new_name(surface, label)  # "Meteor: ..." is a new model, not the METEOR metric
        if short is not None and short in canon_of and not canon.known:
            canon = canon_of[short]
        canon_of[(c.start, c.end)] = canon
        mentions.append(
            Mention(
                c.start,
                c.end,
                surface,
                canon,
                c.rule,
                c.proposed or key in proposed_keys,
            )
        )
    mentions = _same_entity_as_long_forms(text, mentions, partner)
    mentions.extend(_propagate(text, mentions, new_aliases))
    return sorted(mentions, key=lambda m: m.start)


def _same_entity_as_long_forms(text: str, mentions: list[Mention],
                               partner: dict[tuple[int, int], tuple[int, int]]) -> list[Mention]:
    """Mentions written like a defined long form are its entity: the title's "Hollow-tree Super" is the
    abstract's "Hollow-tree Super (HOTS)", not a second new name."""
    if not partner:
        return mentions
    pair_entity = {surface_key(m.text): m.entity for m in mentions
                   if (m.start, m.end) in partner and not m.entity.known}
    if not pair_entity:
        return mentions
    return [replace(m, entity=pair_entity[k]) if not m.entity.known and (k := surface_key(m.text)) in pair_entity
            else m for m in mentions]


def _same_name(merged: dict[tuple[int, int], Candidate], text: str, a: int, b: int) -> Candidate | None:
    """A candidate elsewhere in the text with the surface of ``text[a:b]``, if any."""
    key = surface_key(text[a:b])
    return next((c for c in merged.values() if surface_key(text[c.start : c.end]) == key), None)


def _label_of_tail(merged: dict[tuple[int, int], Candidate], a: int, b: int) -> str | None:
    """The label of the longest lexicon candidate that ends a long form ``[a, b)`` without being all of it."""
    tails = [c for (s, e), c in merged.items() if e == b and a < s and c.rule == "lexicon" and c.label]
    return max(tails, key=lambda c: c.end - c.start).label if tails else None


def _redefined_acronyms(text: str, partner: dict[tuple[int, int], tuple[int, int]],
                        merged: dict[tuple[int, int], Candidate]) -> dict[str, Canonical]:
    """Acronyms the text defines as something other than what the lexicon knows them as, by surface key:
    "Chain of Code (CoT)" makes CoT mean Chain of Code in this text, not chain-of-thought. A long form
    that names the known thing ("Chain-of-Thought prompting (CoT)") keeps the lexicon's entity."""
    out: dict[str, Canonical] = {}
    for (a, b), (c, d) in partner.items():
        if not _redefines(text[a:b], text[c:d]):
            continue
        long_form = canonicalize(text[a:b], merged[(a, b)].label)
        label = merged[(a, b)].label or label_of_phrase(text[a:b]) or _default_label(text[a:b])
        out[surface_key(text[c:d])] = long_form if long_form.known else new_name(text[a:b], label)
    return out


def _redefines(long_form: str, short: str) -> bool:
    """Whether a text's ``long form (SHORT)`` gives a known acronym another meaning than the lexicon's:
    the long form is not (close to) one of the entry's longer names ("Convolution neural network" is
    close enough to "convolutional neural network"; "Chain of Code" is not "chain-of-thought")."""
    known = canonicalize(short)
    if not known.known or known.params or known.parent:
        return False
    as_known = canonicalize(long_form, known.label)
    if as_known.known and as_known.id == known.id:
        return False
    entry = alias_table().entry(known.label, known.name)
    spelled = [n for n in (known.name, *(entry.aliases if entry else ())) if len(n.replace("-", " ").split()) > 1]
    if not spelled:
        return False  # the lexicon does not say what the acronym stands for ("HELM"): nothing to contradict
    key = surface_key(long_form)
    names = {surface_key(n) for n in spelled}
    return not any(len(k) >= 5 and (k in key or key in k or fuzz.ratio(k, key) >= 85) for k in names)


def _exact_alias(surface: str, canon: Canonical) -> bool:
    """Whether ``surface`` is written exactly as the lexicon writes the name (or a variant of it)."""
    if canon.params or canon.parent:
        return True
    entry = alias_table().entry(canon.label, canon.name)
    return entry is None or surface == entry.name or surface in entry.aliases


def _propagate(text: str, mentions: list[Mention], new_aliases: AbstractSet[str] = frozenset()) -> list[Mention]:
    """Other occurrences of newly introduced names in the same text: names the lexicon does not know,
    and acronyms the text defines for a known long form (``new_aliases``)."""
    out: list[Mention] = []
    first: dict[str, Mention] = {}
    for m in mentions:
        known = m.entity.known and m.text not in new_aliases
        if known or m.text in first or len(m.text) < 2 or m.rule == "name_shape":
            continue
        first[m.text] = m
    if not first:
        return out
    # every bounded occurrence of every name (str.find, no per-Doc regex); at each position the longest
    # name wins and the scan goes on after it, as one longest-first regex alternation would
    found: list[tuple[int, int, str]] = []
    n = len(text)
    for name in first:
        s = text.find(name)
        while s != -1:
            e = s + len(name)
            if s == 0 or not _is_word_char(text[s - 1]):
                if e == n or not _is_word_char(text[e]):
                    found.append((s, -e, name))
                elif _plural_at(text, name, e):  # "We propose ClassiNet ... ClassiNets generalize"
                    found.append((s, -e - 1, name))
            s = text.find(name, s + 1)
    taken = bytearray(n + 1)  # 1 where a mention covers the char (mentions are never empty)
    for m in mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    last = 0
    for s, neg_e, name in sorted(found):
        e = -neg_e
        if s < last:
            continue
        last = e
        if 1 in taken[s:e]:
            continue
        m = first[name]
        taken[s:e] = b"\x01" * (e - s)
        out.append(Mention(s, e, text[s:e], m.entity, "propagated", m.proposed))
    return out


def _plural_at(text: str, name: str, end: int) -> bool:
    """Whether a plural ``s`` ends the word at ``end`` after ``name`` ("EBM" -> "EBMs"), for names ending in a
    letter other than s."""
    return (text[end] == "s" and name[-1].isalpha() and name[-1] not in "sS"
            and (end + 1 == len(text) or not _is_word_char(text[end + 1])))


def _is_word_char(c: str) -> bool:
    """What ``[\\w\\-]`` matches: a name's neighbour that makes an occurrence part of a longer word."""
    return c == "-" or c.isalnum() or c == "_"


class Resolver(BatchPipe):
    """Turns ``doc._.paperkg_candidates`` into ``doc._.paperkg_mentions`` (see module docs)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        ensure_extensions()

    def __call__(self, doc: Doc) -> Doc:
        mentions = resolve(doc_text(doc), get_list(doc, "paperkg_candidates"), get_list(doc, "paperkg_abbreviations"))
        set_list(doc, "paperkg_mentions", mentions)  # not through ``doc._``: a new accessor on every use
        return doc


@Language.factory("paperkg_normalize", default_config={})
def make_resolver(nlp: Language, name: str) -> Resolver:
    return Resolver(nlp, name)
