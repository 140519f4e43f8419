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

from spacy.language import Language
from spacy.tokens import Doc, Span

from paperkg.extractors.head_nouns import HEAD_LABELS, label_of_phrase
from paperkg.extractors.mentions import Candidate, ensure_extensions, get_list, is_name_like
from paperkg.extractors.normalize import alias_table
from paperkg.extractors.resources import stoplist, type_nouns

__all__ = ["name_at", "DefinitionFinder", "PROPOSE_STEMS", "NAMING_WORDS"]

PROPOSE_STEMS = (
    "propos",
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
_MARKUP = frozenset({"*", "**", "\"", "'", "`", "``", "“", "‘"})
#: tokens after a lone Title-case word that mark it as the name being introduced ("we develop Orca (")
_NAME_END = frozenset({"(", ",", ":", ";", ".", "-", "–", "—"})
_NEW = frozenset({"novel", "new", "first"})
_BOUNDARY = frozenset({".", ";", "which", "that", "where", "while", "whereas", "but", "to", "because", "since"})
_SKIPPABLE = frozenset(
    {
        "a",
        "an",
        "the",
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
    }
)


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
    if not (is_name_like(tok) or (tok.text[:1].isupper() and tok.text.isalpha() and len(tok.text) > 1)):
        return None
    j = i + 1
    while j < end and j - i < max_tokens:
        prev, cur = doc[j - 1], doc[j]
        if not prev.whitespace_ and (cur.text in "-+." or cur.is_alpha or cur.like_num or is_name_like(cur)):
            if cur.text == "." and (j + 1 >= end or doc[j].whitespace_):
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
    while j > i and doc[j - 1].text in "-.+":
        j -= 1
    span = doc[i:j]
    if not any(is_name_like(t) for t in span) and len(span) < 2 and not (single and not span[0].is_stop):
        return None
    if span.text.lower() in stoplist():
        return None
    return (i, j)


def _sentence_flags(sent: Span) -> tuple[bool, bool]:
    lower = [t.lower_ for t in sent]
    own = any(w in _OWN for w in lower) or "this paper" in sent.text.lower() or "this work" in sent.text.lower()
    new = any(w in _NEW for w in lower)
    return own, new


def _nearest_type(doc: Doc, lo: int, hi: int, from_end: bool = True) -> str | None:
    nouns = type_nouns()
    rng = range(hi - 1, lo - 1, -1) if from_end else range(lo, hi)
    for k in rng:
        label = nouns.get(doc[k].lower_)
        if label in HEAD_LABELS:
            return label
    return None


class DefinitionFinder:
    """Finds introduced names; adds ``def_*`` and ``title_colon`` candidates (see module docs)."""

    def __init__(self, nlp: Language, name: str, priority: int = 40) -> None:
        self.name = name
        self.priority = priority
        ensure_extensions()

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
        span = doc[rng[0] : rng[1]]
        cands.append(Candidate(span.start_char, span.end_char, label, rule, self.priority, proposed))

    def __call__(self, doc: Doc) -> Doc:
        cands = get_list(doc, "paperkg_candidates")
        abbrevs = get_list(doc, "paperkg_abbreviations")
        title_end = int(doc.user_data.get("paperkg_title_end", 0) or 0)
        if title_end:
            self._title(doc, cands, title_end)
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        for sent in sents:
            own, new = _sentence_flags(sent)
            s0, s1 = sent.start, sent.end
            for tok in sent:
                low = tok.lower_
                if low in NAMING_WORDS:
                    k = tok.i + 1
                    while k < s1 and (doc[k].lower_ == "as" or doc[k].text in _MARKUP):
                        k += 1
                    rng = name_at(doc, k, s1, single=True)
                    if rng is None:
                        continue
                    label = _nearest_type(doc, max(s0, tok.i - 8), tok.i) or _nearest_type(
                        doc, rng[1], min(s1, rng[1] + 2), from_end=False
                    )
                    self._add(cands, doc, rng, label, "def_called", own or new or low == "dubbed")
                elif own and low.startswith(PROPOSE_STEMS) and tok.i > s0:
                    self._proposal(doc, tok.i, s1, cands, abbrevs)
                elif tok.text == "," and tok.i > s0:
                    self._appositive(doc, tok.i, s0, s1, own or new, cands)
        return doc

    def _proposal(self, doc: Doc, k: int, s1: int, cands: list[Candidate], abbrevs: list) -> None:
        stop = k + 1
        while stop < min(s1, k + 25) and doc[stop].lower_ not in _BOUNDARY:
            stop += 1
        lo, hi = doc[k].idx, doc[stop - 1].idx + len(doc[stop - 1]) if stop > k + 1 else doc[k].idx
        for a, b, c, d in abbrevs:
            if lo <= a and d <= hi + 2:
                long_label = label_of_phrase(doc.text[a:b])
                label = long_label if long_label in HEAD_LABELS else None
                cands.append(Candidate(c, d, label, "def_acronym", self.priority + 5, True))
                cands.append(Candidate(a, b, label, "def_acronym", self.priority + 5, True))
                return
        i = k + 1
        while i < stop and (doc[i].lower_ in _SKIPPABLE or doc[i].text == "-"):
            i += 1
        rng = name_at(doc, i, stop)
        if rng is None and i < s1 and (i + 1 >= s1 or doc[i + 1].text in _NAME_END):
            rng = name_at(doc, i, i + 1, single=True)
        if rng is None:
            return
        after = rng[1]
        if after < len(doc) and doc[after].lower_ in {"-based", "based", "-style", "style"}:
            return
        if after + 1 < len(doc) and doc[after].text == "-" and doc[after + 1].lower_ in {"based", "style"}:
            return
        if alias_table().lookup(doc[rng[0] : rng[1]].text) is not None and (
            any(t.lower_ not in {"a", "an", "the"} for t in doc[k + 1 : rng[0]])
            or (after < s1 and type_nouns().get(doc[after].lower_) in HEAD_LABELS)
        ):
            return
        label = _nearest_type(doc, k + 1, rng[0]) or _nearest_type(doc, rng[1], min(stop, rng[1] + 6), from_end=False)
        self._add(cands, doc, rng, label, "def_propose", True)

    def _appositive(self, doc: Doc, comma: int, s0: int, s1: int, own: bool, cands: list[Candidate]) -> None:
        nouns = type_nouns()
        # "TYPE-NOUN, NAME": our model, GLiNER
        prev = doc[comma - 1]
        label = nouns.get(prev.lower_)
        if label in HEAD_LABELS:
            rng = name_at(doc, comma + 1, s1)
            if rng is not None:
                has_own = any(t.lower_ in _OWN | _NEW for t in doc[max(s0, comma - 6) : comma])
                self._add(cands, doc, rng, label, "def_appositive", has_own)
                return
        # "NAME, a novel TYPE-NOUN"
        if comma + 1 < s1 and doc[comma + 1].lower_ in {"a", "an"}:
            j = comma - 1
            while j > s0 and (is_name_like(doc[j - 1]) or not doc[j - 1].whitespace_) and comma - j < 5:
                j -= 1
            rng = name_at(doc, j, comma) if j < comma else None
            if rng is None or rng[1] != comma:
                return
            label = _nearest_type(doc, comma + 2, min(s1, comma + 9), from_end=False)
            if label is None:
                return
            window = {t.lower_ for t in doc[comma + 1 : min(s1, comma + 9)]}
            self._add(cands, doc, rng, label, "def_appositive", bool(window & (_NEW | {"our"})))

    def _title(self, doc: Doc, cands: list[Candidate], title_end: int) -> None:
        text = doc.text[:title_end]
        colon = text.find(":")
        if colon <= 0 or colon > 60:
            return
        span = doc.char_span(0, colon, alignment_mode="contract")
        if span is None or len(span) == 0 or len(span) > 4:
            return
        rng = name_at(doc, span.start, span.end, single=True)
        if rng is None or rng[1] != span.end:
            return
        label = _nearest_type(doc, span.end, _tok_at(doc, title_end))
        self._add(cands, doc, rng, label, "title_colon", True)


def _tok_at(doc: Doc, char: int) -> int:
    for tok in doc:
        if tok.idx >= char:
            return tok.i
    return len(doc)


@Language.factory("paperkg_definitions", default_config={"priority": 40})
def make_definition_finder(nlp: Language, name: str, priority: int) -> DefinitionFinder:
    return DefinitionFinder(nlp, name, priority)
