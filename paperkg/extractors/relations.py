"""Relation patterns: how the paper relates to each mention, and BASED_ON between entities.

One primary relation per mention, from cue words in its sentence before it:

- ``PROPOSES``: the mention is a name the paper introduces (definitions component);
- ``COMPARES_WITH`` (Model/Method): outperforms, surpasses, compared with/to, baselines, than, vs;
- ``EVALUATES_ON`` (Benchmark/Dataset/Task): evaluate, experiments, results, accuracy on ...;
  benchmarks default to it;
- ``USES``: use, leverage, employ, built on, fine-tune, train on (datasets), via, with ...;
- ``ADDRESSES``: tasks;
- ``MENTIONS``: nothing clearer.

``BASED_ON`` (entity -> entity): ``X built on / based on / initialized from / distilled from /
fine-tuned from Y`` and ``a Y-based X``, X the paper's own name (or the nearest Model/Method before
the cue) and Y the first Model/Method after it. Adds :class:`~paperkg.extractors.mentions.Hit`
records to ``doc._.paperkg_hits``.

>>> primary_relation("Model", "Our method outperforms ", False)
('COMPARES_WITH', 'cue_compare', 0.75)
>>> primary_relation("Benchmark", "We report results on ", False)
('EVALUATES_ON', 'cue_evaluate', 0.8)
>>> primary_relation("Dataset", "We pretrain on ", False)
('USES', 'cue_train_data', 0.75)
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.language import Language
from spacy.tokens import Doc

from paperkg.extractors.batching import BatchPipe
from paperkg.extractors.cues import Cue
from paperkg.extractors.mentions import Hit, Mention, doc_text, ensure_extensions, get_list, sentence_bounds

__all__ = ["primary_relation", "find_relations", "find_based_on", "RelationFinder"]

_COMPARE = Cue(
    r"\b(?:outperform\w*|surpass\w*|beat(?:s|ing)?|exceed\w*|compar\w*|baselines?|versus|vs\.?|"
    r"relative to|competitive with|on par with|rival\w*|superior to|better than|improv\w* (?:up)?on|"
    r"(?:over|than)(?!\s+(?:\d|one|two|three|half|a few|\$))|against)\b")
_COMPARE_NEAR = Cue(r"\b(?:over|than|against|vs\.?|versus|and|or|,)\W*(?:\w+\W+){0,3}$")
_EVAL = Cue(
    r"\b(?:evaluat\w*|experiment\w*|results?|achiev\w*|accuracy|scores?|state-of-the-art|sota|"
    r"performance|perform\w*|test\w*|benchmark\w*|outperform\w*|surpass\w*|gains?|improv\w*|"
    r"validat\w*|assess\w*|measur\w*|attain\w*|reach\w*|obtain\w*|demonstrat\w*|shows?)\b")
_TRAIN_DATA = Cue(
    r"\b(?:train\w*|pre-?train\w*|fine-?tun\w*|finetun\w*|collect\w*|curat\w*|sourced|crawled|derived|"
    r"using|uses?|used|leverag\w*|augment\w*|distill\w*|mined|built from|constructed from)\b[^.]{0,60}$")
_USE = Cue(
    r"\b(?:us(?:e|es|ed|ing)|leverag\w*|employ\w*|adopt\w*|appl(?:y|ies|ied|ying)|built (?:up)?on|"
    r"based on|on top of|initiali[sz]\w*|fine-?tun\w*|finetun\w*|train\w*|via|with|through|utili[sz]\w*|"
    r"incorporat\w*|backbone|integrat\w*|combin\w*|extend\w*|equipp\w*|rely|relies|powered by|from)\b"
    r"[^.;]{0,50}$")
# use cues strong enough for generic lower-case techniques ("we apply imitation learning"); weak ones
# (with, from, through, train, fine-tune) lead to them in too many other ways ("improves with prompt tuning")
_USE_STRONG = Cue(
    r"\b(?:us(?:e|es|ed|ing)|leverag\w*|employ\w*|adopt\w*|appl(?:y|ies|ied|ying)|utili[sz]\w*|incorporat\w*|"
    r"integrat\w*|combin\w*|equipp\w*|powered by|built (?:up)?on|based on|on top of)\b[^.;]{0,30}$")
# "X can be used to ...", "has been used to train Y", "widely used": not the paper using something
_USED_BY_OTHERS = Cue(
    r"\b(?:(?:can|could|may|might|will|has|have|had)\s+(?:also\s+)?(?:be|been)|widely|commonly|frequently|often|"
    r"popularly)\s+used\b")
# a sentence about other people's work: a benchmark named there is not one the paper evaluates on
_OTHERS_SENT = Cue(
    r"\b(?:researchers|previous (?:studies|works?|methods)|prior (?:works?|studies)|existing (?:works?|studies)|"
    r"recently|recent (?:works?|studies))\b")
_OWN_SENT = Cue(r"\b(?:we|our|this (?:paper|work|study|report)|here)\b|\b(?:propos|introduc)\w*")
_ADDRESS = Cue(
    r"\b(?:address\w*|tackl\w*|stud(?:y|ies|ied)|focus\w* on|for|solv\w*|towards?|target\w*|improv\w*|"
    r"enhanc\w*|advanc\w*|boost\w*|excel\w* (?:at|in)|designed to|capabilit\w* (?:in|of)|abilit\w* (?:in|of)|"
    r"in)\b(?:\W+\w+){0,4}\W*$")
_EVAL_TASK = Cue(r"\b(?:results?|accuracy|performance|evaluat\w*|experiments?|benchmarks?)\b[^.;]{0,40}\bon\b")
_MEASURE = Cue(r"\b(?:measur\w*|metrics?|in terms of|evaluat\w*|scores?|report\w*)\b")
_EVAL_LATE = Cue(r"\b(?:evaluat|test)\w*[^.]{0,40}$")  # an evaluation cue shortly before a dataset
_BASED = Cue(
    r"\b(?:built (?:up)?on|based on|initiali[sz]ed (?:from|with)|distill\w* from|fine-?tuned from|"
    r"finetuned from|derived from|on top of|extends?|extension of|variant of|adapt\w* from|continued? "
    r"pre-?training (?:of|on|from)|trained from)\b")


# what may stand between two items of one list: a citation or size in brackets, a margin ("by 3.2% points"),
# a comma / "and", and a re-started enumeration ("and math LLMs such as")
_LIST_GAP = Cue(
    r"\s*(?:\([^()]{0,60}\)\s*)?(?:by\s+\d[\d.]*\s*(?:%|percent)?\s*(?:points?|pts)?\s*)?(?:[,;/]\s*)?"
    r"(?:(?:and|or|as well as)\s+)?(?:(?:[\w-]+\s+){0,3}(?:such as|like|including|e\.g\.,?|i\.e\.,?)\s+)?"
    r"(?:the\s+)?$")
_LIST_GROUP = {"Model": 0, "Method": 0, "Dataset": 1, "Benchmark": 1, "Task": 2}


def in_list_with(text: str, prev_end: int, start: int) -> bool:
    """Only a list connector stands between the previous mention (ending at ``prev_end``) and this one.

    >>> in_list_with("beats A by 2% points, B and C", 8, 22)
    True
    >>> in_list_with("uses A and is compared with B", 9, 28)
    False
    """
    return start - prev_end <= 80 and _LIST_GAP.match(text, prev_end, start) is not None


# a task name that only qualifies a measure ("classification accuracy", "reasoning abilities")
_TASK_AS_MODIFIER = Cue(r"\s*(?:accuracy|accuracies|performance|abilit(?:y|ies)|capabilit(?:y|ies)|skills?|"
                        r"scores?|errors?|error rates?)\b")


def _task_narrowed(text: str, m: Mention, prev: Mention | None) -> bool:
    """A task mention that is not the task the paper works on: it qualifies a measure after it, or
    a dataset/benchmark name right before it makes it that dataset's task ("ImageNet classification")."""
    if _TASK_AS_MODIFIER.match(text, m.end):
        return True
    return (prev is not None and prev.entity.label in ("Dataset", "Benchmark") and prev.end < m.start
            and m.start - prev.end <= 1 and not text[prev.end : m.start].strip())


def _train_cue(near: str) -> bool:
    """A training-data cue leads to the mention, with no evaluation or comparison cue after it
    ("trained on X"; not "widely used X", "trained ... that outperforms Y on X")."""
    m = _TRAIN_DATA.search(near)
    if m is None or _USED_BY_OTHERS.search(near[max(0, m.start() - 12) : m.start() + 12]):
        return False
    rest = near[m.start() :]
    return not (_EVAL.search(rest) or _COMPARE.search(rest))


def primary_relation(
    label: str,
    before: str,
    proposed: bool,
    *,
    sentence: str = "",
    in_title: bool = False,
    first: bool = False,
    own: bool = False,
    generic: bool = False,
) -> tuple[str, str, float]:
    """(type, rule, confidence) of the paper's relation to a mention, from its sentence up to it.

    A task is ADDRESSED when the title or the abstract's first sentence (``first``) names it, or a
    sentence about the paper's own work (or naming what it proposes) leads to it ("we address X", "a model for
    X"); results on a task are EVALUATES_ON; other task mentions are MENTIONS. A model or method is
    USED only in a sentence about the paper's own work (we/our/this paper, or ``own``: the sentence
    names what the paper proposes). Metrics are MENTIONS (results carry them as REPORTS)."""
    if proposed:
        return "PROPOSES", "def_proposed", 0.9
    near = before[-90:]
    if label in ("Model", "Method"):
        for m in _COMPARE.finditer(near):  # a far "than" must not hide a nearer "outperforms"
            if m.group(0).lower() not in ("over", "than", "against") or len(near) - m.end() < 40:
                return "COMPARES_WITH", "cue_compare", 0.75
        use = _USE_STRONG if generic else _USE
        cue = use.search(before[-70:])
        if cue and not _USED_BY_OTHERS.search(before[-70:][max(0, cue.start() - 12) : cue.end()]) and (
            own or _OWN_SENT.search(sentence)
        ):
            return "USES", "cue_use", 0.7
        return "MENTIONS", "mention", 0.5
    if label == "Dataset":
        if _train_cue(before[-70:]) and not _EVAL_LATE.search(before):
            return "USES", "cue_train_data", 0.75
        if _EVAL.search(before):
            return "EVALUATES_ON", "cue_evaluate", 0.75
        return "MENTIONS", "mention", 0.5
    if label == "Benchmark":
        if _train_cue(before[-50:]) and not _EVAL.search(before[-50:]):
            return "USES", "cue_train_data", 0.65
        if _EVAL.search(before):
            return "EVALUATES_ON", "cue_evaluate", 0.8
        if _OTHERS_SENT.search(sentence) and not (own or _OWN_SENT.search(sentence)):
            return "MENTIONS", "mention_others_work", 0.5  # "researchers have released datasets (e.g., MathVista)"
        return "EVALUATES_ON", "benchmark_default", 0.6
    if label == "Task":
        if in_title or first:
            return "ADDRESSES", "task_title" if in_title else "task_first_sentence", 0.75
        if (own or _OWN_SENT.search(sentence)) and _ADDRESS.search(before[-80:]):
            return "ADDRESSES", "cue_address", 0.7
        if _EVAL_TASK.search(before[-60:]):
            return "EVALUATES_ON", "cue_evaluate_task", 0.6
        return "MENTIONS", "mention", 0.5
    if label == "Metric":
        return "MENTIONS", "mention", 0.5  # metrics are results' properties (REPORTS), not things used
    return "MENTIONS", "mention", 0.5


def _is_generic(m: Mention) -> bool:
    """A lower-case technique name ("knowledge distillation"), not a coined name ("LoRA", "Transformer")."""
    name = m.entity.name
    return name.islower() and name.replace("-", "").replace(" ", "").isalpha()


def find_based_on(text: str, in_sent: list[Mention]) -> list[Hit]:
    """BASED_ON hits among the Model/Method mentions of one sentence."""
    modelish = [m for m in in_sent if m.entity.label in ("Model", "Method")]
    if len(modelish) < 2 and not any(m.proposed for m in in_sent):
        return []
    hits = []
    lo = in_sent[0].start if in_sent else 0
    hi = in_sent[-1].end if in_sent else 0
    # searched over the span of the sentence's mentions plus the character before it (what the leading \b reads),
    # not over the whole text: a Cue lower-cases all the text it is given
    window = max(lo - 1, 0)
    for cue in _BASED.finditer(text[window:hi], lo - window):
        cue_start, cue_end = cue.start() + window, cue.end() + window
        tail = next((m for m in modelish if m.start >= cue_end and m.start - cue_end < 60), None)
        own = [m for m in modelish if m.proposed and m.entity.id != (tail.entity.id if tail else None)]
        before = [m for m in modelish if m.end <= cue_start]
        head = (own or before[-1:] or [None])[0]
        if tail and head and head.entity.id != tail.entity.id:
            hits.append(Hit("BASED_ON", tail, "based_on_cue", 0.7, head))
    for m in modelish:  # "a BERT-based model"
        if text[m.end : m.end + 6].lower() == "-based":
            own = [o for o in modelish if o.proposed and o.entity.id != m.entity.id]
            if own:
                hits.append(Hit("BASED_ON", m, "x_based", 0.6, own[0]))
    return hits


def _by_sentence(mentions: list[Mention], bounds: list[tuple[int, int]]) -> list[list[Mention]]:
    """The mentions starting in each sentence (``s <= start < e``), in mention order: one bisect per
    mention instead of a pass over all mentions per sentence."""
    starts = [s for s, _ in bounds]
    out: list[list[Mention]] = [[] for _ in bounds]
    for m in mentions:
        i = bisect_right(starts, m.start) - 1
        if i >= 0 and m.start < bounds[i][1]:
            out[i].append(m)
    return out


def find_relations(
    text: str, mentions: list[Mention], bounds: list[tuple[int, int]], title_end: int = 0
) -> list[Hit]:
    """One primary hit per mention plus BASED_ON hits, sentence by sentence; the first ``title_end``
    characters are the title."""
    hits: list[Hit] = []
    first = next((b for b in bounds if b[0] >= title_end and text[b[0] : b[1]].strip()), None)
    for (s, e), in_sent in zip(bounds, _by_sentence(mentions, bounds), strict=True):
        if not in_sent:
            continue  # nothing to relate, and BASED_ON needs mentions
        own = any(m.proposed for m in in_sent)
        sentence, is_first = text[s:e], (s, e) == first
        last: dict[int, tuple[Mention, str, str, float]] = {}  # list group -> previous mention and its relation
        prev_m: Mention | None = None
        for m in in_sent:
            rtype, rule, conf = primary_relation(
                m.entity.label,
                text[s : m.start],
                m.proposed,
                sentence=sentence,
                in_title=m.start < title_end,
                first=is_first,
                own=own,
                generic=m.entity.label in ("Model", "Method") and _is_generic(m),  # only read for those labels
            )
            if rtype == "ADDRESSES" and _task_narrowed(text, m, prev_m):
                rtype, rule, conf = "MENTIONS", "task_narrowed", 0.5
            prev_m = m
            group = _LIST_GROUP.get(m.entity.label)
            prev = last.get(group) if group is not None else None
            if (prev and rtype != "PROPOSES" and prev[1] not in ("PROPOSES", "MENTIONS", rtype)
                    and in_list_with(text, prev[0].end, m.start)):
                rtype, rule, conf = prev[1], "list_" + prev[2], prev[3]  # items of one list share the relation
            if group is not None:
                last[group] = (m, rtype, rule, conf)
            hits.append(Hit(rtype, m, rule, conf))
        hits.extend(find_based_on(text, in_sent))
    return hits


class RelationFinder(BatchPipe):
    """Relates the paper to every mention; adds hits to ``doc._.paperkg_hits``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        ensure_extensions()

    def __call__(self, doc: Doc) -> Doc:
        title_end = int(doc.user_data.get("paperkg_title_end", 0) or 0)
        hits = find_relations(doc_text(doc), get_list(doc, "paperkg_mentions"), sentence_bounds(doc), title_end)
        get_list(doc, "paperkg_hits").extend(hits)
        return doc


@Language.factory("paperkg_relations", default_config={})
def make_relation_finder(nlp: Language, name: str) -> RelationFinder:
    return RelationFinder(nlp, name)
