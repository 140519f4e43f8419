"""Citation inference: CITES edges between papers, each saying ``via`` how it was found.

Four ways, strongest first:

- ``metadata``: the input listed the cited work (OpenAlex ``referenced_works``, a references column);
  works outside the corpus become external Paper stubs.
- ``arxiv_id`` / ``doi``: the abstract names the other paper's arXiv id or DOI.
- ``title``: the abstract quotes the exact title of another paper in the corpus.
- an entity id (``model:tinyllama``): the paper uses, evaluates on, compares with or mentions an
  entity (or a sized variant of it: MobileLLM-125M for MobileLLM) that exactly one other paper of
  the corpus proposes, and that paper owns the name: its
  title is named after it ("TinyLlama: An Open-Source ..."), or the name is new (not in the curated
  lexicon of well-known things, whose original papers are usually outside the corpus), shaped like a
  name (three characters or more, a capital or a digit: not "speed", not "AR") and was introduced
  by a definition pattern.

No paper cites itself, surveys own no names, and an entity proposed by several papers makes no
citation.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from paperkg.graph.api import variant_closure
from paperkg.graph.knowledge_graph import KnowledgeGraph
from paperkg.records import Paper, Relation, normalize_arxiv_id, normalize_text

__all__ = ["add_citations", "CITING_RELATIONS", "CITABLE_LABELS", "via_kind"]

#: Paper -> entity relations through which a paper can build on the entity's proposer.
CITING_RELATIONS = ("USES", "EVALUATES_ON", "COMPARES_WITH", "MENTIONS", "BASED_ON")
#: Entity labels specific enough to point at one paper (tasks and metrics are not).
CITABLE_LABELS = ("Model", "Method", "Dataset", "Benchmark")
MIN_TITLE_WORDS = 4
MIN_PROPOSES_CONFIDENCE = 0.85
_SURVEY = re.compile(r"\b(survey|review|overview|tutorial|position paper)\b", re.I)

_ARXIV_IN_TEXT = re.compile(r"(?:arXiv:\s*|arxiv\.org/(?:abs|pdf)/)?\b(\d{4}\.\d{4,5})(?:v\d+)?\b", re.I)
_DOI_IN_TEXT = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+[^\s\"<>.,;)\]])")


def via_kind(via: str) -> str:
    """Group a ``via`` value: metadata, arxiv_id, doi, title or entity.

    >>> via_kind("model:tinyllama"), via_kind("title")
    ('entity', 'title')
    """
    return via if via in ("metadata", "arxiv_id", "doi", "title") else "entity"


def _sentence_at(text: str, start: int, end: int) -> str:
    left = max(text.rfind(". ", 0, start) + 2, 0) if text.rfind(". ", 0, start) >= 0 else 0
    right = text.find(". ", end)
    return text[left: right + 1 if right >= 0 else len(text)].strip()


class _Citer:
    def __init__(self, kg: KnowledgeGraph, papers: list[Paper]) -> None:
        self.kg = kg
        self.papers = papers
        self.added = 0
        self.by_arxiv = {p.arxiv_id: p.id for p in papers if p.arxiv_id}
        self.by_doi = {p.doi.lower(): p.id for p in papers if p.doi}
        self.by_openalex = {p.openalex_id: p.id for p in papers if p.openalex_id}

    def cite(self, source: str, target: str, via: str, *, evidence: str = "", start: int = -1,
             end: int = -1, rule: str, confidence: float, section: str = "") -> None:
        if source == target:
            return
        existing = [d for d in self.kg.graph.get_edge_data(source, target, default={}).values()
                    if d.get("type") == "CITES"]
        if existing and max(d.get("confidence", 0) for d in existing) >= confidence:
            return
        for key in [k for k, d in self.kg.graph.get_edge_data(source, target, default={}).items()
                    if d.get("type") == "CITES"]:
            self.kg.graph.remove_edge(source, target, key)
            self.added -= 1
        self.kg.add_relation(Relation("CITES", source, target, paper=source, evidence=evidence,
                                      start=start, end=end, rule=rule, confidence=confidence,
                                      properties=(("via", via),), section=section))
        self.added += 1

    # -------------------------------------------------------------- metadata
    def from_metadata(self) -> None:
        for paper in self.papers:
            for ref in paper.references:
                target = self._resolve_reference(ref)
                self.cite(paper.id, target, "metadata", rule="citation.metadata", confidence=1.0)

    def _resolve_reference(self, ref: str) -> str:
        kind, _, value = ref.partition(":") if ":" in ref else ("", "", ref)
        if kind == "openalex":
            if value in self.by_openalex:
                return self.by_openalex[value]
            return self._stub(f"paper:openalex:{value}", name=f"OpenAlex {value}",
                              url=f"https://openalex.org/{value}")
        arxiv_id = normalize_arxiv_id(ref)
        if arxiv_id:
            if arxiv_id in self.by_arxiv:
                return self.by_arxiv[arxiv_id]
            return self._stub(f"paper:arxiv:{arxiv_id}", name=f"arXiv:{arxiv_id}", arxiv_id=arxiv_id,
                              url=f"https://arxiv.org/abs/{arxiv_id}")
        doi = ref.lower().replace("https://doi.org/", "").removeprefix("doi:")
        if doi in self.by_doi:
            return self.by_doi[doi]
        return self._stub(f"paper:doi:{doi}", name=f"doi:{doi}", doi=doi, url=f"https://doi.org/{doi}")

    def _stub(self, node_id: str, *, name: str, url: str, arxiv_id: str | None = None,
              doi: str | None = None) -> str:
        if node_id not in self.kg:
            self.kg.add_paper(Paper(title=None, abstract="", arxiv_id=arxiv_id, doi=doi, url=url,
                                    external=True, id=node_id))
            self.kg.graph.nodes[node_id]["name"] = name
        return node_id

    # -------------------------------------------------------------- ids and titles in abstracts
    def from_identifiers(self) -> None:
        for paper in self.papers:
            text = paper.abstract
            for match in _ARXIV_IN_TEXT.finditer(text):
                target = self.by_arxiv.get(match.group(1))
                if target:
                    self.cite(paper.id, target, "arxiv_id", evidence=_sentence_at(text, *match.span()),
                              start=match.start(1), end=match.end(1), rule="citation.arxiv_id",
                              confidence=0.95, section="abstract")
            for match in _DOI_IN_TEXT.finditer(text):
                target = self.by_doi.get(match.group(1).lower())
                if target:
                    self.cite(paper.id, target, "doi", evidence=_sentence_at(text, *match.span()),
                              start=match.start(1), end=match.end(1), rule="citation.doi",
                              confidence=0.95, section="abstract")

    def from_titles(self) -> None:
        """Exact titles quoted in abstracts, found by indexing titles on their first three words."""
        index: dict[tuple[str, ...], list[tuple[list[str], str]]] = defaultdict(list)
        for paper in self.papers:
            words = [normalize_text(w) for w in (paper.title or "").split()]
            words = [w for w in words if w]
            if len(words) >= MIN_TITLE_WORDS:
                index[tuple(words[:3])].append((words, paper.id))
        for paper in self.papers:
            tokens = [(m.start(), m.end(), normalize_text(m.group())) for m in re.finditer(r"\S+", paper.abstract)]
            tokens = [t for t in tokens if t[2]]
            words = [t[2] for t in tokens]
            for i in range(len(words) - 2):
                for title_words, target in index.get(tuple(words[i:i + 3]), ()):
                    if words[i:i + len(title_words)] == title_words:
                        start, end = tokens[i][0], tokens[i + len(title_words) - 1][1]
                        self.cite(paper.id, target, "title",
                                  evidence=_sentence_at(paper.abstract, start, end), start=start,
                                  end=end, rule="citation.title", confidence=0.9, section="abstract")

    # -------------------------------------------------------------- entities
    def owns(self, paper_id: str, entity_id: str, confidence: float) -> bool:
        """True if the paper really introduced the entity (see the module docstring)."""
        from paperkg.extractors.normalize import canonicalize
        from paperkg.graph.resolve import merge_key

        graph = self.kg.graph
        title = graph.nodes[paper_id].get("title") or ""
        if _SURVEY.search(title):
            return False
        entity = graph.nodes[entity_id]
        names = {merge_key(n) for n in [entity.get("name", ""), *entity.get("aliases", [])] if n}
        if title and merge_key(title.split(":")[0]) in names:
            return True
        name = entity.get("name", "")
        specific = len(name) >= 3 and any(ch.isupper() or ch.isdigit() for ch in name)
        known = canonicalize(name, entity.get("label")).known
        return specific and not known and confidence >= MIN_PROPOSES_CONFIDENCE

    def from_entities(self) -> None:
        graph = self.kg.graph
        proposers: dict[str, set[str]] = defaultdict(set)
        confidence: dict[tuple[str, str], float] = defaultdict(float)
        for u, v, data in graph.edges(data=True):
            if data.get("type") == "PROPOSES" and graph.nodes[v].get("label") in CITABLE_LABELS:
                proposers[v].add(u)
                confidence[u, v] = max(confidence[u, v], float(data.get("confidence", 0)))
        for entity, owners in proposers.items():
            if len(owners) != 1:
                continue
            (owner,) = owners
            if not self.owns(owner, entity, confidence[owner, entity]):
                continue
            best: dict[str, dict] = {}
            for named in variant_closure(self.kg, entity):  # "MobileLLM-125M" points at MobileLLM's paper
                for u, _, data in graph.in_edges(named, data=True):
                    if data.get("type") in CITING_RELATIONS and u != owner and \
                            graph.nodes[u].get("label") == "Paper" and u not in proposers.get(named, ()):
                        if u not in best or data.get("confidence", 0) > best[u].get("confidence", 0):
                            best[u] = data
            for citing, data in best.items():
                self.cite(citing, owner, entity, evidence=data.get("evidence", ""),
                          start=data.get("start", -1), end=data.get("end", -1),
                          rule="citation.entity", section=data.get("section", "abstract"),
                          confidence=round(0.8 * float(data.get("confidence", 1.0)), 3))


def add_citations(kg: KnowledgeGraph, papers: Iterable[Paper]) -> int:
    """Add CITES edges to ``kg`` for the given corpus papers; returns how many were added.

    >>> from paperkg.records import Entity
    >>> kg = KnowledgeGraph()
    >>> a = Paper(title="TinyLlama: An Open Small Model", abstract="We propose TinyLlama.", arxiv_id="2401.02385")
    >>> b = Paper(title="B", abstract="We continue pre-training TinyLlama.", arxiv_id="2402.00001")
    >>> _ = kg.add_paper(a), kg.add_paper(b), kg.add_entity(Entity("model:tinyllama", "Model", "TinyLlama"))
    >>> _ = kg.add_relation(Relation("PROPOSES", a.id, "model:tinyllama", paper=a.id, start=11, end=20))
    >>> _ = kg.add_relation(Relation("USES", b.id, "model:tinyllama", paper=b.id, start=25, end=34))
    >>> add_citations(kg, [a, b])
    1
    >>> [(u, v, d["via"]) for u, v, _, d in kg.edges("CITES")]
    [('paper:arxiv:2402.00001', 'paper:arxiv:2401.02385', 'model:tinyllama')]
    """
    citer = _Citer(kg, list(papers))
    citer.from_metadata()
    citer.from_identifiers()
    citer.from_titles()
    citer.from_entities()
    return citer.added
