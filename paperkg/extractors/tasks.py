"""Task phrases: noun phrases headed by a task word (``short-text classification``,
``abusive speech detection``, ``code documentation generation``), and gerunds of task verbs with their
object after a preposition (``for predicting missing features``: rule ``task_gerund``).

The head words are the Task nouns of ``data/type_nouns.json``; the phrase is the run of up to four
modifiers before the head (adjectives and nouns when the Doc has POS tags; in fast mode, lower-case
words that are not function words). A bare head word is a task only for a few unambiguous heads
(``classification``, ``summarization`` ...). Adds ``task_phrase`` candidates (label Task, low
priority, so the lexicon and longer names win) to ``doc._.paperkg_candidates``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Token

from paperkg.extractors.batching import BatchPipe
from paperkg.extractors.mentions import (
    LIST_SEPARATORS,
    Candidate,
    char_bounds,
    ensure_extensions,
    get_list,
    has_tags,
    list_start,
    match_words,
    token_starts,
    word_ids,
)
from paperkg.extractors.resources import type_nouns, word_list

__all__ = [
    "known_starts", "phrase_before", "phrase_not_modifiers", "trim_front", "task_phrase", "task_as_modifier",
    "gerund_task",
    "TaskPhrases",
    "BARE_TASKS", "TASK_MODIFIED_NOUNS", "PROPER_MODIFIERS",
]

BARE_TASKS = frozenset(
    {"classification", "summarization", "summarisation", "translation", "segmentation", "regression", "clustering",
     "extrapolation"}
)
#: heads that are tasks alone but name a method with modifiers ("logistic regression", "spectral clustering")
_BARE_ONLY = frozenset({"regression", "clustering"})
_TASK_WORDS = frozenset({"task", "tasks", "problem", "problems"})
#: task verbs whose gerund with an object after "for"/"in"/"at" names a task ("for predicting missing features")
_GERUNDS = frozenset(
    "predicting forecasting generating classifying detecting recognizing recognising summarizing summarising "
    "translating segmenting parsing retrieving ranking tagging captioning answering localizing tracking".split()
)
_GERUND_AFTER = frozenset({"for", "in", "at", "on"})
# "X modeling" is a method phrase, not a task
_EXTRA_HEADS = frozenset(
    {"recommendation", "mining", "labelling", "extrapolation", "summarisation", "comprehension", "denoising",
     "restoration", "categorization"}
) | _BARE_ONLY
_NOT_MODIFIER = frozenset(
    "a an the our their its this that these those such new novel various different many several "
    "existing downstream standard accurate efficient better improved final other more most some any "
    "each every both all further same previous prior current recent high low strong weak good poor "
    "large small key main general specific multiple similar challenging difficult complex simple "
    "effective robust fast slow real few well to of in on for and or with by from as at per about upon among "
    "between toward towards against along around beyond is are be "
    "improves improve improving achieves achieve enables enable supports support perform performs "
    "using use based via than we us they it which who whose where when what how here there not no "
    "can could may might will would should must after before while during again also then thus through into "
    "within without across over under first second third time".split()
)
def verb_forms(words: Iterable[str]) -> frozenset[str]:
    """Lower-case verbs and the -s, -ed and -ing forms of each.

    >>> sorted(verb_forms(["integrate"]))
    ['integrate', 'integrated', 'integrates', 'integrating']
    >>> sorted(verb_forms(["apply"]))
    ['applied', 'applies', 'apply', 'applying']
    """
    out: set[str] = set()
    for word in words:
        out.update({word, word + "ing" if not word.endswith("e") or word.endswith("ee") else word[:-1] + "ing"})
        if word.endswith("y") and word[-2:-1] not in "aeiou":
            out.update({word[:-1] + "ies", word[:-1] + "ied"})
        else:
            out.add(word + ("es" if word.endswith(("s", "sh", "ch", "x", "z")) else "s"))
            out.add(word + ("d" if word.endswith("e") else "ed"))
    return frozenset(out)


#: verbs abstracts put before a phrase (``data/verbs.txt``); without POS tags (fast mode) they would pass as
#: modifiers
_VERBS = verb_forms(word_list("verbs.txt"))
#: number words: "eight commonsense reasoning (datasets)" has no task "eight commonsense reasoning"
_NUMBER_WORDS = frozenset("one two three four five six seven eight nine ten eleven twelve dozens".split())
_POS_OK = frozenset({"NOUN", "ADJ", "PROPN"})
_PREFIXES = frozenset("self semi pre fine non multi cross co re weakly".split())
#: capitalised words (named after people) that modify method and task phrases like lower-case words
PROPER_MODIFIERS = frozenset(
    "Bayesian Gaussian Markov Markovian Boltzmann Langevin Hamiltonian Dirichlet Bernoulli Wasserstein Euclidean "
    "Laplacian Fourier Monte Carlo Hessian Newton Kalman Poisson Riemannian Lipschitz Gibbs Hebbian".split()
)
#: nouns a task word modifies: "a super-resolution method", "QA pairs", "classification accuracy" name no task
TASK_MODIFIED_NOUNS = frozenset(
    "model models module modules head heads method methods framework frameworks system systems approach "
    "approaches architecture architectures technique techniques pipeline pipelines pair pairs risk accuracy "
    "loss losses network networks layer layers component components algorithm algorithms retriever retrievers "
    "engine engines tool tools".split()
)


def task_as_modifier(doc: Doc, end: int, keep: frozenset[str] = frozenset()) -> bool:
    """Whether a task name ending before token ``end`` modifies the word after it: a noun of
    :data:`TASK_MODIFIED_NOUNS` but not of ``keep`` ("classification accuracy") or a word glued on by a
    hyphen ("QA-pair")."""
    if end >= len(doc):
        return False
    nxt = doc[end]
    if nxt.text == "-" and not doc[end - 1].whitespace_ and not nxt.whitespace_ and end + 1 < len(doc):
        return doc[end + 1].is_alpha
    return nxt.lower_ in TASK_MODIFIED_NOUNS and nxt.lower_ not in keep


#: generic words that end a hyphen compound modifier ("gradient-based", "domain-specific")
_HYPHEN_SUFFIXES = frozenset({"based", "specific"})


def _sentence_initial(tok: Token, text: str) -> bool:
    """A capitalised plain word (``text``: the token's) that starts a sentence ("Lifelong learning is ...")."""
    return len(text) > 1 and text[0].isupper() and text[1:].islower() and bool(tok.is_sent_start)


def _modifier(tok: Token, text: str, low: str, has_pos: bool) -> bool:
    """Whether ``tok`` (text ``text``, lower case ``low``: read once by the caller) can modify a head."""
    if low in _HYPHEN_SUFFIXES and tok.i > 1 and tok.doc[tok.i - 1].text == "-" and not tok.doc[tok.i - 1].whitespace_:
        return True  # "gradient-based meta learning", "domain-specific data augmentation"
    if text.isdigit() and _glued_hyphen_after(tok):
        return True  # "8-bit optimizers", "2-stage training"
    if low in _NOT_MODIFIER or not (text == "-" or tok.is_alpha):
        return False
    if not has_pos and (low in _VERBS or low in _NUMBER_WORDS or low.endswith("ly")):
        return False
    if text != "-" and not text.islower() and not _sentence_initial(tok, text) and text not in PROPER_MODIFIERS:
        return False
    return not has_pos or text == "-" or tok.pos_ in _POS_OK or _in_compound(tok)


def _glued_hyphen_after(tok: Token) -> bool:
    doc, i = tok.doc, tok.i
    return i + 2 < len(doc) and not tok.whitespace_ and doc[i + 1].text == "-" and not doc[i + 1].whitespace_


def _in_compound(tok: Token) -> bool:
    """A word of a prefix compound ("self-supervised", "pre-training", "semi-supervised"): a modifier whatever
    its POS; other compounds ("code-driven") keep the POS test."""
    doc, i = tok.doc, tok.i
    if tok.lower_ in _PREFIXES:
        return i + 1 < len(doc) and not tok.whitespace_ and doc[i + 1].text == "-"
    return i > 1 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and doc[i - 2].lower_ in _PREFIXES


#: relative pronouns: the word after one starts a clause, not a noun phrase
_RELATIVES = frozenset({"that", "which", "who"})


def _subject_before(prev: Token, word: str) -> bool:
    """Whether ``prev`` makes the -s word after it a verb: a relative pronoun ("that enforces"), or a singular
    noun before a known verb ("paper studies")."""
    return prev.lower_ in _RELATIVES or (word in _VERBS and prev.tag_ == "NN")


def phrase_before(
    doc: Doc,
    head: int,
    bare: frozenset[str] | set[str],
    max_modifiers: int = 4,
    head_start: int | None = None,
    head_word: str | None = None,
) -> tuple[int, int] | None:
    """Token range of the lower-case noun phrase headed by token ``head``: up to ``max_modifiers``
    modifiers before it; None when there are none and the head is not in ``bare``.
    ``head_start``: the first token of a known name ending at ``head``, taken whole as the head.
    ``head_word``: the head's lower-case text, when the caller has read it already."""
    has_pos = has_tags(doc, "POS")
    head_start = head if head_start is None else head_start
    j = head_start
    words = 0  # hyphens inside a compound ("self-supervised pre-training") do not count as modifiers
    hyphens = False
    while j > 0 and words < max_modifiers:
        tok = doc[j - 1]
        text, low = tok.text, tok.lower_
        if not _modifier(tok, text, low, has_pos):
            break
        if j > 1 and low.endswith("s") and _subject_before(doc[j - 2], low):
            break  # "a method that enforces adaptation", "this paper studies X": a verb the tagger took for a noun
        j -= 1
        if text == "-":
            hyphens = True
        else:
            words += 1
    if j == head_start:  # no modifiers
        if head_start != head or (doc[head].lower_ if head_word is None else head_word) not in bare:
            return None
        return (j, head + 1)
    while hyphens and j < head_start and doc[j].text == "-":
        j += 1
    if j > 0 and j < head_start and not doc[j - 1].whitespace_ and not doc[j - 1].is_space:
        j = head_start  # the phrase began inside a hyphenated word ("multi-step reasoning")
    if j == head_start and (head_start != head or doc[head].lower_ not in bare):
        return None
    return (j, head + 1)


@lru_cache(maxsize=1)
def phrase_not_modifiers() -> frozenset[str]:
    """Words that do not make a phrase specific (``data/phrase_not_modifiers.txt``: ``whole``, ``faster``)."""
    return word_list("phrase_not_modifiers.txt")


def trim_front(doc: Doc, start: int, head: int, words: frozenset[str]) -> int:
    """The first token of a phrase ``doc[start : head + 1]`` after dropping ``words`` (and hyphens) from its front."""
    while start < head:
        tok = doc[start]
        if tok.lower_ in words or tok.text == "-":
            start += 1
        elif start + 2 < head and doc[start + 1].text == "-" and doc[start : start + 3].text.lower() in words:
            start += 3  # a hyphen compound listed whole ("pre-trained")
        else:
            break
    return start


def task_phrase(
    doc: Doc, head: int, max_modifiers: int = 4, bare: bool = False, head_start: int | None = None
) -> tuple[int, int] | None:
    """Token range of the task phrase headed by token ``head`` (generic modifiers trimmed), or None.
    ``bare``: the head alone is a task too (the context says so: "reasoning tasks"). ``head_start``: the
    first token of a known task ending at ``head`` ("biomedical | named entity recognition"); the phrase
    is then that task with modifiers, or None without them."""
    rng = phrase_before(doc, head, frozenset({doc[head].lower_}) if bare else BARE_TASKS, max_modifiers, head_start)
    if rng is None:
        return None
    start = trim_front(doc, rng[0], head if head_start is None else head_start, phrase_not_modifiers())
    if head_start is not None and start >= head_start:
        return None
    if start == head and not bare and doc[head].lower_ not in BARE_TASKS:
        return None
    return (start, head + 1)


def gerund_task(doc: Doc, i: int, max_words: int = 3) -> tuple[int, int] | None:
    """Token range of a gerund task with its object after a preposition ("for predicting missing features",
    "in forecasting tourism demand"), or None. The object is up to ``max_words`` lower-case modifiers and nouns."""
    if i == 0 or doc[i - 1].lower_ not in _GERUND_AFTER or not doc[i].text.islower():
        return None
    has_pos = has_tags(doc, "POS")
    j = i + 1
    while j < len(doc) and j - i <= max_words:
        tok = doc[j]
        low = tok.lower_
        if not tok.is_alpha or not tok.text.islower() or low in _NOT_MODIFIER or low in _VERBS or low.endswith("ly"):
            break
        if has_pos and tok.pos_ not in _POS_OK:
            break
        j += 1
    if j == i + 1:
        return None
    if has_pos and doc[j - 1].pos_ != "NOUN":
        return None
    if j < len(doc) and (doc[j].text == "-" or doc[j].lower_ in ("and", "or")
                         or doc[j].is_alpha and doc[j].text.islower() and j - i > max_words):
        return None  # the object goes on past what we read (a compound, a coordination, a long phrase)
    return (i, j)


#: words that open a list of example tasks after "tasks": "tasks such as ...", "the tasks of ..."
_TASK_LIST_OPENERS = frozenset({"of", "like", "including", "e.g.", ":"})
_TASK_ITEM_ENDS = frozenset({",", "and", "or", ".", ";", ")", ":"})
_FUNCTION_WORDS = frozenset("a an the this that these those its their our his her such as".split())


def _task_item_end(doc: Doc, k: int, has_pos: bool, max_words: int = 3) -> int | None:
    """End of a lower-case task phrase listed at token ``k`` ("gaze calibration"), or None when the words
    there are no such phrase or run on past a list boundary."""
    j, words = k, 0
    while j < len(doc) and words < max_words:
        tok = doc[j]
        low = tok.lower_
        if tok.text == "-" and j > k and not doc[j - 1].whitespace_ and not tok.whitespace_:
            j += 1
            continue
        if not (tok.is_alpha and tok.text.islower()) or low in _FUNCTION_WORDS or low in _NOT_MODIFIER \
                or low in _VERBS or low in _NUMBER_WORDS or low.endswith("ly"):
            break
        if has_pos and tok.pos_ not in _POS_OK:
            break
        j, words = j + 1, words + 1
    if j == k or (j < len(doc) and doc[j].text not in _TASK_ITEM_ENDS):
        return None
    if has_pos and doc[j - 1].pos_ not in ("NOUN", "PROPN"):
        return None
    return j


def listed_tasks(doc: Doc, i: int, max_items: int = 6) -> list[tuple[int, int]]:
    """Token ranges of the lower-case tasks listed after "tasks" at token ``i``: "on the tasks of saliency,
    gaze calibration and denoising", "tasks such as summarization and translation"."""
    n = len(doc)
    k = list_start(doc, i, _TASK_LIST_OPENERS)
    if k is None:
        return []
    has_pos = has_tags(doc, "POS")
    out: list[tuple[int, int]] = []
    while k < n and len(out) < max_items:
        while k < n and doc[k].lower_ in LIST_SEPARATORS:
            k += 1
        if k >= n or doc[k].is_sent_start:
            break
        end = _task_item_end(doc, k, has_pos)
        if end is None:
            if not doc[k].text[:1].isupper():
                break
            end = k + 1  # a named task ("NER") the lexicon types; the list goes on after it
        else:
            out.append((k, end))
        k = end
        if k >= n or doc[k].lower_ not in LIST_SEPARATORS:
            break
    return out


class TaskPhrases(BatchPipe):
    """Finds task noun phrases; adds ``task_phrase`` Task candidates."""

    def __init__(self, nlp: Language, name: str, priority: int = 20) -> None:
        self.name = name
        self.priority = priority
        ensure_extensions()
        self.heads = {k for k, v in type_nouns().items() if v == "Task"} | _EXTRA_HEADS
        self.heads.discard("task")
        self.heads.discard("tasks")
        self.words, self.kinds = _word_kinds((self.heads, _GERUNDS, ("tasks",), TASK_MODIFIED_NOUNS, _TASK_WORDS))

    def __call__(self, doc: Doc) -> Doc:
        cands = get_list(doc, "paperkg_candidates")
        known = known_starts(doc, cands, "Task")
        kinds = self._kinds_of(doc)
        for i in [i for i, kind in kinds.items() if kind & _GERUND]:
            rng = gerund_task(doc, i)
            if rng is not None:
                cands.append(Candidate(*char_bounds(doc, *rng), "Task", "task_gerund", self.priority))
        for i in [i for i, kind in kinds.items() if kind & _TASKS]:
            for rng in listed_tasks(doc, i):
                cands.append(Candidate(*char_bounds(doc, *rng), "Task", "task_phrase", self.priority))
        for i in [i for i, kind in kinds.items() if kind & _HEAD]:
            tok = doc[i]
            if not tok.text.islower():
                continue
            after = kinds.get(i + 1, 0)  # the next word's kind
            glued_hyphen = not tok.whitespace_ and i + 1 < len(doc) and doc[i + 1].text == "-"
            if task_as_modifier(doc, i + 1) if glued_hyphen else after & _MODIFIED:
                continue  # "classification accuracy", "QA-pairs"
            named = bool(after & _TASK_WORD)  # "reasoning tasks", "regression problems"
            rng = task_phrase(doc, i, bare=named, head_start=known.get(i))
            if rng is None or (tok.lower_ in _BARE_ONLY and rng[0] != i and not named):
                continue
            cands.append(Candidate(*char_bounds(doc, *rng), "Task", "task_phrase", self.priority))
        return doc

    def _kinds_of(self, doc: Doc) -> dict[int, int]:
        """The kind bits of the tokens whose words the rules look for, by token index, from one search of
        the lower-case token array."""
        listed, pos = match_words(doc, self.words)
        found = listed.nonzero()[0]
        return dict(zip(found.tolist(), self.kinds.take(pos.take(found)).tolist(), strict=True))


#: kinds of words the task rules look for (bits of :meth:`TaskPhrases._kinds_of`)
_HEAD, _GERUND, _TASKS, _MODIFIED, _TASK_WORD = 1, 2, 4, 8, 16


def _word_kinds(groups: tuple[Iterable[str], ...]) -> tuple[numpy.ndarray, numpy.ndarray]:
    """The sorted ids of the words of ``groups`` and, for each, a bit per group it is in (bit ``2**k``: group
    ``k``): one search per Doc finds the words of every group."""
    words = word_ids(w for group in groups for w in group)
    kinds = numpy.zeros(len(words), dtype=numpy.uint8)
    for k, group in enumerate(groups):
        kinds[numpy.isin(words, word_ids(group))] |= 1 << k
    return words, kinds


def known_starts(doc: Doc, cands: list[Candidate], label: str) -> dict[int, int]:
    """First token of each multi-word lexicon name of ``label``, by its last token: the walk for modifiers
    starts before the known name, whose own words ("named" in "named entity recognition") need not look
    like modifiers."""
    out: dict[int, int] = {}
    lexicon = [c for c in cands if c.rule == "lexicon" and c.label == label]
    if not lexicon:
        return out
    starts = token_starts(doc)
    others = [(c.start, c.end) for c in cands if c.rule == "lexicon"]
    for c in lexicon:
        if _inside_any(c.start, others):
            continue  # "grouped-query | attention mechanisms": another known name holds its first word
        first, last = bisect_left(starts, c.start), bisect_left(starts, c.end) - 1
        if first < last and starts[first] == c.start:
            out[last] = min(first, out.get(last, first))
    return out


def _inside_any(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether a character offset lies strictly inside one of ``spans`` (a plain loop: no generator per call)."""
    for start, end in spans:
        if start < offset < end:
            return True
    return False


@Language.factory("paperkg_task_phrases", default_config={"priority": 20})
def make_task_phrases(nlp: Language, name: str, priority: int) -> TaskPhrases:
    return TaskPhrases(nlp, name, priority)
