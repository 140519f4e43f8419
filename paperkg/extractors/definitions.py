"""Definition patterns: how abstracts introduce new names.

- ``we propose / introduce / present / develop / release X`` (also ``this paper introduces``);
- ``called / dubbed / named / termed / coined / namely / denoted as X``;
- appositives ``X, a novel benchmark ...`` and ``our model, X``;
- acronyms defined in a proposal (``we propose ... mechanism (FaSA)``);
- the name before the colon in a title (``GLiNER: Generalist Model for ...``).

Each finding is a candidate with ``proposed=True`` when the sentence says it is the paper's own
(we/our/this paper, novel/new) and a label from the nearest type noun when there is one.
Adds candidates (rules ``def_propose``, ``def_called``, ``def_appositive``, ``def_acronym``,
``title_colon``) to ``doc._.paperkg_candidates``. The title, if any, is the first
``doc.user_data["paperkg_title_end"]`` characters of the Doc.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from paperkg.extractors.batching import BatchPipe
from paperkg.extractors.cues import Cue
from paperkg.extractors.head_nouns import HEAD_LABELS, label_of_phrase
from paperkg.extractors.mentions import (
    Candidate,
    char_bounds,
    doc_text,
    ensure_extensions,
    get_list,
    has_tags,
    is_name_like,
    lower_ids,
    sentence_bounds,
    token_starts,
    word_ids,
)
from paperkg.extractors.normalize import alias_table
from paperkg.extractors.resources import definition_type_nouns, stoplist, type_nouns

__all__ = ["name_at", "DefinitionFinder", "PROPOSE_STEMS", "NAMING_WORDS"]

PROPOSE_STEMS = (
    "propos",
    "defin",
    "introduc",
    "present",
    "develop",
    "releas",
    "design",
    "construct",
    "creat",
    "curat",
    "contribut",
    "unveil",
    "devis",
    "build",
    "built",
    "establish",
    "open-sourc",
)
NAMING_WORDS = frozenset(
    {
        "called",
        "dubbed",
        "named",
        "termed",
        "coined",
        "namely",
        "nicknamed",
        "denoted",
        "dub",
        "call",
        "name",
    }
)
_OWN = frozenset({"we", "our", "us", "here"})
#: "we refer to our architecture as NAME": the name follows the next "as"
_REFER = frozenset({"refer", "refers", "referred"})
#: proposal verbs that introduce something new only with an acronym defined after them ("we define X (ACR)")
_WEAK_STEMS = ("defin",)
#: nominalizations that head a title phrase naming a process ("Data Selection", "Side-Tuning", "Reasoning")
_PROCESS_NOUN = re.compile(r"^(?!evaluat|assess|benchmark)[a-z-]{3,}(?:tion|sion|ment|ing)$")  # not test suites
#: a title part after the colon that is a clause or question ("Evaluating X", "Can Retrieval Augment ...")
_CLAUSE_STARTS = frozenset(
    {"can", "do", "does", "is", "are", "how", "what", "why", "when", "which", "towards", "toward"}
)
_TITLE_BREAKS = frozenset({"for", "with", "via", "of", "on", "in", "to", "from", "and", "by", "using", "that"})
_TITLE_JOINERS = frozenset({"of", "for", "the", "to", "in", "on", "-"})
_PREPOSITIONS = frozenset({"in", "on", "with", "from", "to", "for", "by", "into", "using", "via", "over", "than"})
#: a proposal stem after one of these is a noun ("the design of"), not a verb
_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "our", "this", "that", "these", "his", "her", "whose"})


def _word_cue(*words: str) -> Cue:
    """A cue for any of ``words`` as whole words: ``\\b(?:w1|w2)\\b``, with the ``\\b`` before each word
    written as a lookbehind after its first letter. ``re`` then skips ahead to those first letters instead
    of trying the pattern at every character (twice as fast on a sentence)."""
    return Cue("(?:" + "|".join(rf"{w[0]}(?<!\w.){w[1:]}" for w in words) + r")\b")


_OWN_RE = _word_cue("we", "our", "us", "here", "this (?:paper|work|manuscript|article|study|letter|note|thesis|report)")
_NEW_RE = _word_cue("novel", "new", "first")
_MARKUP = frozenset({"*", "**", "\"", "'", "`", "``", "“", "‘"})
#: tokens after a lone Title-case word that mark it as the name being introduced ("we develop Orca (")
_NAME_END = frozenset({"(", ",", ":", ";", ".", "–", "—"})
_NEW = frozenset({"novel", "new", "first"})
_RESULT = frozenset({"resulting", "proposed", "resultant"})
_BOUNDARY = frozenset({".", ";", "which", "that", "where", "while", "whereas", "but", "to", "because", "since"})
#: a space and the start of a boundary word: where a boundary word with a space before it may start
_SPACED_BOUNDARY = Cue(" (?:" + "|".join(re.escape(w) for w in sorted(_BOUNDARY, key=len, reverse=True)) + ")")
_SKIPPABLE = frozenset(
    {
        "a",
        "an",
        "the",
        "immediate",
        "straightforward",
        "novel",
        "new",
        "simple",
        "effective",
        "efficient",
        "yet",
        "and",
        "general",
        "unified",
        "first",
        "lightweight",
        "scalable",
        "powerful",
        "open",
        "large-scale",
        "family",
        "of",
        "suite",
        "series",
        "set",
        "two",
        "three",
        "robust",
        "flexible",
        "fast",
        "small",
        "compact",
        "strong",
        "practical",
        "principled",
        "generic",
        "comprehensive",
        "challenging",
        "diverse",
        "high-quality",
        "versatile",
        "modular",
        "called",
        "namely",
        "named",
        "dubbed",
        ",",
        "in",
        "this",
        "paper",
        "work",
        "here",
    }
)
#: the skippable words without the comma: before a name set off by one (``_direct_name_end``)
_SKIPPABLE_WORDS = _SKIPPABLE - {","}
#: words before "TYPE-NOUN, NAME" that make the name the paper's own (``_appositive``)
_OWN_NEW_RESULT = _OWN | _NEW | _RESULT
#: a name before a title colon with its acronym: "SmallToLarge (S2L)"
_HEAD_PAREN = re.compile(r"(.*?)\s*\(([^()]+)\)")
#: a version number after a name: ``2``, ``v2``, ``v1.5``
_VERSION = re.compile(r"v?\d+(?:\.\d+)?")


def _is_trigger_word(orth: str) -> bool:
    """Whether a word may start a definition by itself: a naming word, "our" or a proposal verb stem."""
    word = orth.lower()
    return word in NAMING_WORDS or word in _REFER or word == "our" or word.startswith(PROPOSE_STEMS)


def trigger_flag(vocab: Vocab) -> int:
    """The id of the lexeme flag set on trigger words (:func:`_is_trigger_word`), added to ``vocab`` once.

    A flag is computed once per word when the vocabulary first sees it, so finding the triggers of a Doc
    is one ``doc.to_array`` instead of a Python lookup per token.
    """
    for flag_id, getter in vocab.lex_attr_getters.items():
        if getter is _is_trigger_word:
            return flag_id
    return vocab.add_flag(_is_trigger_word)


def name_at(
    doc: Doc, i: int, end: int, max_tokens: int = 5, *, single: bool = False
) -> tuple[int, int] | None:
    """Token range of a name starting at token ``i`` (before ``end``), or None.

    A name is a name-like token (``GLiNER``, ``S4``) or a run of Title-case words ended by one,
    with glued hyphen/digit pieces (``Mistral 7B``, ``Phi-3-mini``). ``single=True`` also accepts
    one plain Title-case word (``Orca``) where the context says a name follows (after "called",
    before a title colon, "we develop Orca (").
    """
    if i >= end:
        return None
    tok = doc[i]
    text = tok.text
    if not ((text[:1].isupper() and text.isalpha() and len(text) > 1) or is_name_like(tok)
            or (len(text) <= 2 and _lower_prefixed(doc, tok, i, end))):
        return None
    j, prev = i + 1, tok  # each token read once: ``prev`` is the token before ``j``
    while j < end and j - i < max_tokens:
        cur = doc[j]
        if not prev.whitespace_ and (cur.text in "-+." or cur.is_alpha or cur.like_num or is_name_like(cur)):
            if cur.text == "." and (j + 1 >= end or cur.whitespace_):
                break
            j += 1
        elif (
            is_name_like(cur)
            or (cur.text[:1].isupper() and cur.is_alpha)
            or (cur.like_num and cur.text[-1:] in "BM")
            or (cur.text[-1:] in "BM" and cur.text[:-1].replace(".", "").isdigit())
        ):
            j += 1
        else:
            break
        prev = cur
    while j > i and doc[j - 1].text in "-.+":
        j -= 1
    # j > i: token i is no "-", "." or "+". One token only: it must be name-like, or a word that is no
    # stop word where the context says a name follows
    if j - i < 2 and not is_name_like(tok) and not (single and not tok.is_stop):
        return None
    last = tok if j == i + 1 else doc[j - 1]
    if doc_text(doc)[tok.idx : last.idx + len(last)].lower() in stoplist():
        return None
    return (i, j)


def _lower_prefixed(doc: Doc, tok: Token, i: int, end: int) -> bool:
    """A short lower-case prefix glued by a hyphen to a capitalised word starts a name ("p-Meta", "e-SNLI");
    ``tok`` is ``doc[i]``."""
    return (i + 2 < end and tok.is_lower and tok.is_alpha and len(tok.text) <= 2 and not tok.whitespace_
            and doc[i + 1].text == "-" and not doc[i + 1].whitespace_ and doc[i + 2].text[:1].isupper())


_METHOD_END = ("ing", "tion", "sion", "sis", "ment", "attention", "search", "sharing")
_PHRASE_STOP = frozenset({"approach", "method", "methods", "framework", "technique", "mechanism", "algorithm",
                          "strategy", "paradigm", "methodology", "module", "scheme", "procedure", "objective"})


def method_phrase_at(doc: Doc, i: int, end: int) -> tuple[int, int] | None:
    """Token range of an unnamed method introduced in lower case ("we propose output space shaping to
    ...", "a task called replaced token detection"): 2-4 lower-case content words (hyphenated words
    count as one) ending in a process noun (-ing, -tion, -sis ...) before a boundary or a method noun.

    >>> import spacy
    >>> doc = spacy.blank("en")("output space shaping to refine")
    >>> method_phrase_at(doc, 0, len(doc))
    (0, 3)
    """
    j, words = i, 0
    while j < end and words < 5:
        tok = doc[j]
        if tok.text == "-" and j > i and not doc[j - 1].whitespace_:
            j += 1
            continue
        if not (tok.is_alpha and tok.is_lower) or tok.is_stop or tok.lower_ in _PHRASE_STOP:
            break
        if j == i or doc[j - 1].whitespace_:
            words += 1
        j += 1
    if not 2 <= words <= 4 or doc[j - 1].text == "-":
        return None
    if j < end and not (doc[j].is_punct or doc[j].is_stop or doc[j].lower_ in _PHRASE_STOP):
        return None
    return (i, j) if doc[j - 1].lower_.endswith(_METHOD_END) else None


def _headed_phrase(doc: Doc, end: int, stop: int) -> bool:
    """Whether a lower-case phrase after a proposal verb is set off as a name: followed by a method noun
    ("a block-wise weight sharing approach"), an acronym or appositive ("(SoS)", ", a ..."), or "to"
    (what it does) -- not a phrase that runs on into a description ("a ... description with local ...")."""
    if end >= stop:
        return True
    nxt = doc[end]
    return nxt.lower_ in _PHRASE_STOP or nxt.text in {"(", ",", ":", ";", "."} or nxt.lower_ in {"to", "that", "which"}


def _titled_compound(doc: Doc, i: int, stop: int) -> tuple[int, int] | None:
    """A Title-case word and one glued lower-case hyphen compound set off by a comma or parenthesis
    ("we introduce Foo bar-by-baz, a new ..."), or None."""
    tok = doc[i]
    if not (tok.text[:1].isupper() and tok.is_alpha and len(tok) > 2 and tok.whitespace_) or tok.is_stop:
        return None
    j = i + 1
    if j >= stop or not doc[j].is_lower:
        return None
    hyphens = 0
    while j + 1 < stop and not doc[j].whitespace_ and doc[j + 1].text in {"-", "‐"}:
        if j + 2 >= stop or doc[j + 1].whitespace_ or not doc[j + 2].is_alpha:
            return None
        j += 2
        hyphens += 1
    j += 1
    if not hyphens or j >= len(doc) or doc[j].text not in {",", "("} or doc[j - 1].whitespace_ is None:
        return None
    return (i, j)


def _pair_with_titled_name(doc: Doc, k: int, paren: int, abbrevs: list) -> None:
    """Record "we propose Chain of Code (CoT)" as an abbreviation when the letters do not spell it out:
    the Title-case name between the proposal verb and the parenthesis is the acronym's long form."""
    inner = doc[paren + 1]
    if any(c == inner.idx for _, _, c, _ in abbrevs):
        return  # already paired by the letters
    i = k + 1
    while i < paren and (doc[i].lower_ in _SKIPPABLE or doc[i].text == "-"):
        i += 1
    words = doc[i:paren]
    if not 1 <= len(words) <= 6 or not (words[0].text[:1].isupper() and words[-1].text[:1].isupper()):
        return
    if all(t.text[:1].isupper() or t.lower_ in _TITLE_JOINERS for t in words):
        abbrevs.append((words[0].idx, words[-1].idx + len(words[-1]), inner.idx, inner.idx + len(inner)))


def _is_title_word(tok: Token) -> bool:
    """A capitalised word that may be a name (``Meteor``), not a sentence word (``The``)."""
    return tok.is_alpha and len(tok) > 2 and tok.text[0].isupper() and tok.text[1:].islower() and not tok.is_stop


def _is_verb(doc: Doc, i: int) -> bool:
    """Whether a proposal stem at token ``i`` is used as a verb ("we design X", not "the design of"):
    the tagger's tag when there is one, else not after a determiner."""
    if has_tags(doc, "TAG"):
        return not doc[i].tag_.startswith("NN")
    return doc[i - 1].lower_ not in _DETERMINERS


def _skip_words(doc: Doc, i: int, stop: int, words: frozenset[str]) -> int:
    """The first token from ``i`` (before ``stop``) that is neither one of ``words`` nor a hyphen."""
    while i < stop:
        tok = doc[i]
        if tok.lower_ not in words and tok.text != "-":
            break
        i += 1
    return i


def _name_after_verb(doc: Doc, i: int, stop: int, s1: int) -> tuple[int, int] | None:
    """The name at token ``i`` after a proposal verb: a name before ``stop``, or one Title-case word set
    off by the next token ("we develop Orca ("), or None."""
    rng = name_at(doc, i, stop)
    if rng is None and i < s1 and (i + 1 >= s1 or doc[i + 1].text in _NAME_END):
        rng = name_at(doc, i, i + 1, single=True)
    return rng


def _direct_name_end(doc: Doc, rng: tuple[int, int] | None, s1: int) -> int | None:
    """End character of the name right after the proposal verb (``rng``, from :func:`_name_after_verb`
    past the skippable words) when a comma sets it off ("we present Paramanu-Ganita, a ..."), or None."""
    if rng is None or rng[1] >= s1 or doc[rng[1]].text != ",":
        return None
    return doc[rng[1] - 1].idx + len(doc[rng[1] - 1])


def _proposal_end(doc: Doc, k: int, limit: int) -> int:
    """End of what a proposal verb at token ``k`` introduces: the first boundary word ("which", "to", ".")
    before ``limit`` that has a space before it (a boundary word glued by hyphens is part of a name:
    "Learning-to-Rank"), else ``limit``.

    The text is searched for a space and a boundary word (:data:`_SPACED_BOUNDARY`, also inside longer
    words: "to" in "token"); only the tokens starting there are read.
    """
    if limit <= k + 1:
        return k + 1
    starts = token_starts(doc)
    lo = starts[k + 1] - 1  # the space before the first word, if any
    hi = starts[limit] if limit < len(doc) else len(doc_text(doc))
    for m in _SPACED_BOUNDARY.finditer(doc_text(doc)[lo:hi]):
        word = lo + m.start() + 1
        i = bisect_left(starts, word, k + 1, limit)
        if i < limit and starts[i] == word and doc[i].lower_ in _BOUNDARY and doc[i - 1].whitespace_:
            return i
    return limit


def _one_word_parens(doc: Doc, lo: int, hi: int) -> Iterator[int]:
    """Indices ``p`` in ``lo <= p < hi`` (``hi <= len(doc) - 2``) of the "(" tokens of one word in parentheses
    ("( X )"), in order: the text is searched for "(", only the tokens starting there are read."""
    if hi <= lo:
        return
    starts, text = token_starts(doc), doc_text(doc)
    pos = text.find("(", starts[lo], starts[hi])
    while pos >= 0:
        p = bisect_left(starts, pos, lo, hi)
        if starts[p] == pos and doc[p].text == "(" and doc[p + 2].text == ")":
            yield p
        pos = text.find("(", pos + 1, starts[hi])


def _phrase_end(doc: Doc, lo: int, hi: int) -> int:
    """End of the noun phrase at ``lo`` (before ``hi``): at most 10 tokens, stopping at a clause or
    preposition boundary other than "of" ("a new family of tiny ... vision transformers pretrained on"),
    unless the word is glued into a compound ("an end-to-end trainable technique")."""
    k = lo
    while k < hi and (k - lo < 10 or doc[k - 1].lower_ in ("of", "and")):
        low = doc[k].lower_
        glued = not doc[k - 1].whitespace_  # "end-to-end": a word inside a hyphenated compound
        if k > lo and not glued and (low in _BOUNDARY or low in _PREPOSITIONS or doc[k].text in {",", "(", ":"}):
            break
        k += 1
    return k


def _type_after_acronym(doc: Doc, short_end: int, s1: int, long_label: str | None) -> str | None:
    """The type of a defined acronym: the noun right after the parenthesis ("Multi-Genre Natural
    Language Inference (MultiNLI) corpus"), else the long form's head (``long_label``), else the head of
    the appositive after it ("Probably Asked Questions (PAQ), a very large resource of ...")."""
    k = _tok_at(doc, short_end)
    if k >= s1 or doc[k].text != ")":
        return long_label
    nouns = definition_type_nouns()
    if k + 1 < s1 and nouns.get(doc[k + 1].lower_) in HEAD_LABELS:
        return nouns[doc[k + 1].lower_]
    if long_label is None and k + 2 < s1 and doc[k + 1].text == "," and doc[k + 2].lower_ in {"a", "an", "the"}:
        end = _phrase_end(doc, k + 2, min(s1, k + 9))
        return _nearest_type(doc, k + 3, end, nouns=nouns)
    return long_label


#: words between a type noun and the name it introduces ("a novel method named X")
_NAMING = frozenset({"named", "called", "dubbed", "termed"})


def _type_in_apposition(doc: Doc, name: int, lo: int) -> str | None:
    """The type noun right before a name, across a comma, quotes or a naming word ("a novel methodology,
    "Hollow-tree Super" (HOTS)", "a general method named X (ACR)"), not before token ``lo``."""
    j = name - 1
    while j > lo and (doc[j].text in _MARKUP or doc[j].text in (",", ":") or doc[j].lower_ in _NAMING):
        j -= 1
    label = type_nouns().get(doc[j].lower_) if j > lo and j < name - 1 else None
    return label if label in HEAD_LABELS else None


def _appositive_type(doc: Doc, after: int, s1: int) -> str | None:
    """The type noun heading the appositive after a name ("LilNetX, an end-to-end trainable technique
    for ..." -> Method), read to the end of its noun phrase."""
    if after + 2 >= s1 or doc[after].text != "," or doc[after + 1].lower_ not in {"a", "an", "the"}:
        return None
    end = _phrase_end(doc, after + 2, min(s1, after + 14))
    return _nearest_type(doc, after + 2, end, nouns=definition_type_nouns())


def _nearest_type(doc: Doc, lo: int, hi: int, from_end: bool = True, nouns: dict[str, str] | None = None
                  ) -> str | None:
    nouns = nouns or type_nouns()
    rng = range(hi - 1, lo - 1, -1) if from_end else range(lo, hi)
    for k in rng:
        label = nouns.get(doc[k].lower_)
        if label in HEAD_LABELS:
            return label
    return None


class DefinitionFinder(BatchPipe):
    """Finds introduced names; adds ``def_*`` and ``title_colon`` candidates (see module docs)."""

    def __init__(self, nlp: Language, name: str, priority: int = 40) -> None:
        self.name = name
        self.priority = priority
        ensure_extensions()
        self.flag = trigger_flag(nlp.vocab)
        head_nouns = (n for n, label in type_nouns().items() if label in HEAD_LABELS)
        self.type_noun_ids = frozenset(word_ids(head_nouns).tolist())
        self.article_ids = frozenset(word_ids(("a", "an")).tolist())
        self.comma_id = nlp.vocab.strings.add(",")

    def _add(
        self,
        cands: list[Candidate],
        doc: Doc,
        rng: tuple[int, int] | None,
        label: str | None,
        rule: str,
        proposed: bool,
    ) -> None:
        if rng is None:
            return
        cands.append(Candidate(*char_bounds(doc, *rng), label, rule, self.priority, proposed))

    def __call__(self, doc: Doc) -> Doc:
        cands = get_list(doc, "paperkg_candidates")
        abbrevs = get_list(doc, "paperkg_abbreviations")
        title_end = int(doc.user_data.get("paperkg_title_end", 0) or 0)
        if title_end:
            self._title(doc, cands, title_end)
        text = doc_text(doc)
        starts = token_starts(doc)
        sent_iter = iter(sentence_bounds(doc))
        sent: tuple[int, int] | None = None
        s0 = s1 = 0
        own: bool | None = None
        new: bool | None = None

        def is_own() -> bool:
            """Whether the current sentence speaks of the paper's own work (we/our/this paper): one regex
            search, only for sentences a rule asks about."""
            nonlocal own
            if own is None:
                own = _OWN_RE.search(text[sent[0] : sent[1]]) is not None
            return own

        def is_own_or_new() -> bool:
            """Whether the current sentence speaks of the paper's own work or of something new."""
            nonlocal new
            if is_own():
                return True
            if new is None:
                new = _NEW_RE.search(text[sent[0] : sent[1]]) is not None
            return new

        for i in self._triggers(doc):
            c = starts[i]
            if sent is None or c >= sent[1]:  # move to the sentence holding the trigger
                sent = next(sent_iter, (c, len(text)))
                while c >= sent[1]:
                    sent = next(sent_iter, (c, len(text)))
                s0, s1 = bisect_left(starts, sent[0]), bisect_left(starts, sent[1])
                own = new = None
            tok = doc[i]
            low = tok.lower_
            if low in NAMING_WORDS:
                if low == "named" and any(x.start == tok.idx and x.rule == "lexicon" for x in cands):
                    continue  # "named entity recognition": the word starts a known name
                k = i + 1
                while k < s1 and (doc[k].lower_ == "as" or doc[k].text in _MARKUP):
                    k += 1
                rng = name_at(doc, k, s1, single=True)
                if rng is None:
                    phrase = method_phrase_at(doc, k, s1) if low in ("called", "termed", "dubbed", "named") else None
                    if phrase is not None:
                        self._add(cands, doc, phrase, "Method", "def_called", is_own_or_new() or low == "dubbed")
                    continue
                label = _nearest_type(doc, max(s0, i - 8), i) or _nearest_type(
                    doc, rng[1], min(s1, rng[1] + 2), from_end=False
                )
                if low == "namely" and alias_table().lookup(doc[rng[0] : rng[1]].text) is not None:
                    continue  # "approaches, namely MSE regression": a known name listed, not introduced
                self._add(cands, doc, rng, label, "def_called", is_own_or_new() or low == "dubbed")
            elif low in _REFER:
                self._referred_as(doc, i, s1, is_own_or_new(), cands)
            elif low.startswith(PROPOSE_STEMS) and i > s0 and _is_verb(doc, i) and is_own():
                self._proposal(doc, i, s1, cands, abbrevs)
            elif low == "our" and i + 1 < s1 and is_name_like(doc[i + 1]):
                rng = name_at(doc, i + 1, s1)
                if rng is not None and alias_table().lookup(doc[rng[0] : rng[1]].text) is None:
                    self._add(cands, doc, rng, None, "def_propose", True)
            elif tok.text == "," and i > s0:
                self._appositive(doc, i, s0, s1, cands)
        return doc

    def _referred_as(self, doc: Doc, k: int, s1: int, own: bool, cands: list[Candidate]) -> None:
        """ "We refer to our RNN architecture as Neural Density Evolution": the name after "as", typed by
        the noun before it; what the paper's own sentence names is new."""
        for a in range(k + 1, min(s1, k + 10)):
            if doc[a].lower_ == "as":
                break
            if doc[a].lower_ in _BOUNDARY and doc[a].lower_ != "to":
                return
        else:
            return
        rng = name_at(doc, a + 1, s1, single=True)
        if rng is not None:
            self._add(cands, doc, rng, _nearest_type(doc, k + 1, a), "def_called", own)

    def _triggers(self, doc: Doc) -> list[int]:
        """Token indices where a definition may start: naming words, proposal verbs, "our", and commas
        after a type noun or before "a"/"an" (appositives). Found over token arrays: the words are a lexeme
        flag (computed once per word of the vocabulary), the commas are checked against their neighbours."""
        n = len(doc)
        if not n:
            return []
        found = doc.to_array(self.flag).astype(bool)
        lower = lower_ids(doc)
        nouns, articles = self.type_noun_ids, self.article_ids
        # memoryviews read single elements as Python ints and bools, without making numpy scalars
        words, flags = memoryview(lower), memoryview(found)
        for c in numpy.flatnonzero(lower == self.comma_id).tolist():  # only the words beside a comma matter
            if c > 0 and not flags[c - 1] and words[c - 1] in nouns:
                flags[c] = True  # "our model, GLiNER"
            elif c + 1 < n and words[c + 1] in articles:
                flags[c] = True  # "GLiNER, a novel model"
        return numpy.flatnonzero(found).tolist()

    def _proposal(self, doc: Doc, k: int, s1: int, cands: list[Candidate], abbrevs: list) -> None:
        stop = _proposal_end(doc, k, min(s1, k + 25))
        lo, hi = doc[k].idx, doc[stop - 1].idx + len(doc[stop - 1]) if stop > k + 1 else doc[k].idx
        table = alias_table()
        skipped: set[int] = set()
        first = _skip_words(doc, k + 1, stop, _SKIPPABLE_WORDS)
        first_name = _name_after_verb(doc, first, stop, s1)
        direct_end = _direct_name_end(doc, first_name, s1)
        for a, b, c, d in abbrevs:
            if direct_end is not None and a >= direct_end:
                continue  # "we present Paramanu-Ganita, a ... Auto Regressive (AR) decoder": the name comes first
            if lo <= a and d <= hi + 2:
                before = doc_text(doc)[lo:a].split()
                if (table.lookup(doc_text(doc)[c:d]) is not None or table.lookup(doc_text(doc)[a:b]) is not None) and (
                    before and before[-1].lower() in _PREPOSITIONS
                ):
                    skipped.add(c)
                    continue  # "skip connections in Conditional Random Field (CRF)": known, and not what is new
                long_label = label_of_phrase(doc_text(doc)[a:b])
                label = _type_after_acronym(doc, d, s1, long_label if long_label in HEAD_LABELS else None)
                label = label or _type_in_apposition(doc, _tok_at(doc, a), k)
                cands.append(Candidate(c, d, label, "def_acronym", self.priority + 5, True))
                cands.append(Candidate(a, b, label, "def_acronym", self.priority + 5, True))
                return
        named = False  # an acronym in the proposal names what is new: no lower-case phrase beside it
        for p in _one_word_parens(doc, k + 2, min(stop, k + 18) - 2):  # "... from AI Feedback (RLRAIF)"
            inner = doc[p + 1]
            if direct_end is not None and inner.idx >= direct_end:
                break
            if p < k + 12 and is_name_like(inner) and inner.idx not in skipped:
                if not (p + 3 < len(doc) and doc[p + 3].lower_ in {"-based", "based"}):
                    label = _nearest_type(doc, p + 3, min(stop, p + 5), from_end=False)
                    cands.append(Candidate(inner.idx, inner.idx + len(inner), label, "def_acronym",
                                           self.priority + 5, True))
                    _pair_with_titled_name(doc, k, p, abbrevs)
                    named = True
                break
            if _is_title_word(inner) and (
                p + 3 >= len(doc) or doc[p + 3].text in _NAME_END or doc[p + 3].lower_ in _BOUNDARY
            ):  # "a new efficient LLVM, Mamba-based traversal of rationales (Meteor), which ..."
                named = self._titled_acronym(doc, k, p, cands, abbrevs)
                break
        if doc[k].lower_.startswith(_WEAK_STEMS):
            return  # "we define X (ACR)": only an acronym defined there counts as new
        i = _skip_words(doc, first, stop, _SKIPPABLE)  # on past a comma ("we present, for the first time, X")
        rng = first_name if i == first else _name_after_verb(doc, i, stop, s1)
        if rng is None:
            rng = _titled_compound(doc, i, stop)
        if rng is None:
            phrase = None if named else method_phrase_at(doc, i, stop)
            if phrase is not None and _headed_phrase(doc, phrase[1], stop):
                self._add(cands, doc, phrase, "Method", "def_propose", True)
            return
        after = rng[1]
        if after < len(doc) and doc[after].lower_ in {"-based", "based", "-style", "style"}:
            return
        if after + 1 < len(doc) and doc[after].text == "-" and doc[after + 1].lower_ in {"based", "style"}:
            return
        if alias_table().lookup(doc[rng[0] : rng[1]].text) is not None and (
            any(doc[t].lower_ not in {"a", "an", "the"} for t in range(k + 1, rng[0]))
            or (after < s1 and type_nouns().get(doc[after].lower_) in HEAD_LABELS)
            or (after < s1 and doc[after].is_lower and doc[after].is_alpha and not doc[after].is_stop)
        ):  # a known name used as a modifier ("a RAG task taxonomy") is not what is proposed
            return
        label = (_nearest_type(doc, k + 1, rng[0]) or _nearest_type(doc, rng[1], min(stop, rng[1] + 6), from_end=False)
                 or _appositive_type(doc, rng[1], s1))
        self._add(cands, doc, rng, label, "def_propose", True)

    def _titled_acronym(self, doc: Doc, k: int, paren: int, cands: list[Candidate], abbrevs: list) -> bool:
        """A Title-case word in parentheses names the phrase before it, back to a comma or the proposal
        verb; registers the pair as an abbreviation so both share one entity. True if it did."""
        lo = paren
        while lo > k + 1 and doc[lo - 1].text != "," and paren - lo < 8:
            lo -= 1
        if lo > k + 1 and doc[lo - 1].text != ",":
            return False  # the phrase runs on past the window: not one name
        while lo < paren and (doc[lo].lower_ in _SKIPPABLE or doc[lo].text == "-"):
            lo += 1
        if not 2 <= paren - lo <= 6:
            return False
        inner = doc[paren + 1]
        long_start, long_end = doc[lo].idx, doc[paren - 1].idx + len(doc[paren - 1])
        label = _nearest_type(doc, lo, paren)
        abbrevs.append((long_start, long_end, inner.idx, inner.idx + len(inner)))
        cands.append(Candidate(inner.idx, inner.idx + len(inner), label, "def_acronym", self.priority + 5, True))
        cands.append(Candidate(long_start, long_end, label, "def_acronym", self.priority + 5, True))
        return True

    def _appositive(self, doc: Doc, comma: int, s0: int, s1: int, cands: list[Candidate]) -> None:
        """Names set off by the comma at token ``comma``; whether each is the paper's own is read from
        the words around it, not from the sentence."""
        nouns = type_nouns()
        # "TYPE-NOUN, NAME": our model, GLiNER
        prev = doc[comma - 1]
        label = nouns.get(prev.lower_)
        if label in HEAD_LABELS:
            rng = name_at(doc, comma + 1, s1)
            if rng is not None:
                has_own = any(doc[t].lower_ in _OWN_NEW_RESULT for t in range(max(s0, comma - 6), comma))
                self._add(cands, doc, rng, label, "def_appositive", has_own)
                # a list of names after a plural type noun: "three new datasets, IQTest, FunctionQA, and PaperQA"
                k = rng[1]
                while prev.lower_.endswith("s") and k + 1 < s1 and doc[k].text in {",", "and"}:
                    k += 1
                    if doc[k].lower_ == "and":
                        k += 1
                    nxt = name_at(doc, k, s1)
                    if nxt is None:
                        break
                    self._add(cands, doc, nxt, label, "def_appositive", has_own)
                    k = nxt[1]
                return
        # "NAME, a novel TYPE-NOUN"
        if comma + 1 < s1 and doc[comma + 1].lower_ in {"a", "an"}:
            j = comma - 1
            while j > s0 and (is_name_like(doc[j - 1]) or not doc[j - 1].whitespace_) and comma - j < 5:
                j -= 1
            rng = name_at(doc, j, comma) if j < comma else None
            if rng is None or rng[1] != comma:
                return
            hi = _phrase_end(doc, comma + 2, min(s1, comma + 14))
            label = _nearest_type(doc, comma + 2, hi, from_end=False)
            if label is None:
                return
            window = {doc[t].lower_ for t in range(comma + 1, hi)}
            self._add(cands, doc, rng, label, "def_appositive", bool(window & (_NEW | {"our"})))

    def _title(self, doc: Doc, cands: list[Candidate], title_end: int) -> None:
        text = doc_text(doc)[:title_end]
        colon = text.find(":")
        if colon <= 0 or colon > 60:
            return
        head = text[:colon].rstrip()
        pieces = [(0, len(head))]
        paren = _HEAD_PAREN.fullmatch(head)
        if paren:  # "SmallToLarge (S2L): ..."
            pieces = [paren.span(1), paren.span(2)]
        starts = token_starts(doc)
        after = bisect_right(starts, colon) - 1  # the token holding the colon
        label = _title_type(doc, after + 1, _tok_at(doc, title_end))
        for a, b in pieces:
            span = _tokens_within(doc, a, b)
            if span is None or span[1] - span[0] > 9:
                return
            for lo, hi in _title_names(doc, *span):
                self._add(cands, doc, (lo, hi), label, "title_colon", True)


def _title_type(doc: Doc, lo: int, hi: int) -> str | None:
    """The type the words after a title colon give the name before it: the head of the first phrase
    ("A Comprehensive Constraints Following Benchmark for LLMs" -> Benchmark); a dataset or benchmark
    noun anywhere in that phrase."""
    lowers: list[str] = []  # the phrase's words, each token read once
    k, brk = lo, None
    while k < hi:
        tok = doc[k]
        low = tok.lower_
        if low in _TITLE_BREAKS or tok.is_punct:
            brk = tok
            break
        lowers.append(low)
        k += 1
    nouns = type_nouns()
    head = nouns.get(lowers[-1]) if lowers else None
    if head in HEAD_LABELS:
        return head
    for low in lowers:
        if nouns.get(low) in ("Dataset", "Benchmark"):
            return nouns[low]
    words = [low for low in lowers if low not in ("a", "an", "the")]
    clause = bool(words) and (words[0] in _CLAUSE_STARTS or (len(words) > 1 and words[0].endswith("ing")))
    compound = brk is not None and brk.text == "-"  # "Instruction-Following Dataset": the head comes later
    if lowers and not clause and not compound and _PROCESS_NOUN.search(lowers[-1]):
        return "Method"  # a process, not a thing: "S2L: Scalable Data Selection for ...", "X: Reasoning with ..."
    return None


def _is_version(tok: Token) -> bool:
    """``2``, ``v2``, ``v1.5``: a version number after a name (``StarCoder 2``, ``The Stack v2``)."""
    return bool(_VERSION.fullmatch(tok.lower_))


def _title_names(doc: Doc, lo: int, hi: int) -> list[tuple[int, int]]:
    """Token ranges of the names before a title colon: ``GLiNER``, ``Chain of Code``,
    ``SmallToLarge (S2L)`` (both), ``StarCoder 2 and The Stack v2`` (both)."""
    if hi - lo >= 3 and doc[hi - 1].text == ")" and doc[hi - 3].text == "(":
        inner = name_at(doc, hi - 2, hi - 1, single=True)
        return _title_names(doc, lo, hi - 3) + ([inner] if inner else [])
    for k in range(lo + 1, hi - 1):
        if doc[k].lower_ == "and":
            left, right = _title_names(doc, lo, k), _title_names(doc, k + 1, hi)
            return left + right if left and right else []
    rng = name_at(doc, lo, hi, single=True)
    if rng is not None and rng[1] == hi:
        return [rng]
    # "Chain of Code": Title-case words joined by a few small words, none a question or verb phrase
    words = [doc[t] for t in range(lo, hi)]
    if (
        2 <= len(words) <= 4
        and words[0].text[:1].isupper()
        and (not words[0].is_stop or words[0].lower_ == "the")
        and (words[-1].text[:1].isupper() or _is_version(words[-1]))
        and all(t.text[:1].isupper() or t.lower_ in _TITLE_JOINERS or _is_version(t) for t in words)
    ):
        return [(lo, hi)]
    return []


def _tokens_within(doc: Doc, a: int, b: int) -> tuple[int, int] | None:
    """Token range of the tokens wholly inside characters ``a <= c < b`` (``0 <= a <= b <= len(text)``), or
    None if there is none: ``doc.char_span(a, b, alignment_mode="contract")`` without making the Span."""
    if b <= 0:
        return None
    starts = token_starts(doc)
    start = bisect_right(starts, a) - 1  # the token holding character a (every character is in one)
    if starts[start] < a:
        start += 1
    end = bisect_right(starts, b - 1) - 1
    last = doc[end]
    if b < last.idx + len(last):
        end -= 1
    return (start, end + 1) if end >= start else None


def _tok_at(doc: Doc, char: int) -> int:
    """Index of the first token starting at or after ``char``."""
    return bisect_left(token_starts(doc), char)


@Language.factory("paperkg_definitions", default_config={"priority": 40})
def make_definition_finder(nlp: Language, name: str, priority: int) -> DefinitionFinder:
    return DefinitionFinder(nlp, name, priority)
