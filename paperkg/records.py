"""The small frozen records passed between stages: Paper, Entity, Relation, Extraction, Skipped.

Loaders make Papers, extractors make Extractions (entities plus relations with provenance),
graph.build turns both into a KnowledgeGraph. Records are immutable so a stage can be cached
or run in another process.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

__all__ = [
    "quick_init",
    "Paper",
    "Entity",
    "Relation",
    "Extraction",
    "Skipped",
    "normalize_title",
    "normalize_text",
    "paper_id_for",
]

_Record = TypeVar("_Record", bound=type)


def quick_init(cls: _Record) -> _Record:
    """Give a frozen dataclass an ``__init__`` that fills the instance ``__dict__`` in one call, where the
    generated one calls ``object.__setattr__`` once per field: the same parameters, defaults and
    ``__post_init__``, in half the time (extraction makes some 25,000 records a pass over the seed corpus).
    A class with slots, default factories or fields that are keyword-only or not in ``__init__`` is
    returned unchanged.

    >>> @quick_init
    ... @dataclass(frozen=True)
    ... class Span:
    ...     start: int
    ...     end: int = -1
    >>> Span(3), Span(3, end=5) == Span(3, 5), Span.__init__.__qualname__
    (Span(start=3, end=-1), True, 'Span.__init__')
    """
    fields = dataclasses.fields(cls)
    if (
        "__slots__" in cls.__dict__
        or not cls.__dataclass_params__.frozen  # type: ignore[attr-defined]
        or any(f.default_factory is not dataclasses.MISSING or f.kw_only or not f.init for f in fields)
    ):
        return cls
    defaults = {f"_default_{f.name}": f.default for f in fields if f.default is not dataclasses.MISSING}
    params = [f.name if f.default is dataclasses.MISSING else f"{f.name}=_default_{f.name}" for f in fields]
    body = f"self.__dict__.update({', '.join(f'{f.name}={f.name}' for f in fields)})"
    if hasattr(cls, "__post_init__"):
        body += "\n    self.__post_init__()"
    namespace: dict[str, Any] = dict(defaults)
    exec(f"def __init__(self, {', '.join(params)}):\n    {body}\n", namespace)  # noqa: S102 - our own code
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[misc]
    return cls


_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_ARXIV_ID = re.compile(r"^(?:arxiv:)?(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$", re.I)


def normalize_text(text: str) -> str:
    """Lower-case letters and digits only: the key under which two copies of a text agree.

    Spaces are dropped too, because some sources glue words ("denoted asMobileLLM").

    >>> normalize_text("Denoted as MobileLLM, which") == normalize_text("denoted asMobileLLM which")
    True
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
    return _NON_ALNUM.sub("", text.lower())


def normalize_title(title: str) -> str:
    """Title key: :func:`normalize_text` of the title.

    >>> normalize_title("TinyStories: How Small Can LMs Be?") == normalize_title("tinystories how small can lms be")
    True
    """
    return normalize_text(title)


def normalize_arxiv_id(value: str | None) -> str | None:
    """``2311.08526v2`` / ``arXiv:2311.08526`` / an abs URL -> ``2311.08526``; None if not an id.

    >>> normalize_arxiv_id("https://arxiv.org/abs/2311.08526v2")
    '2311.08526'
    >>> normalize_arxiv_id("not an id") is None
    True
    """
    if not value:
        return None
    value = str(value).strip()
    value = re.sub(r"^https?://(www\.)?(export\.)?arxiv\.org/(abs|pdf)/", "", value, flags=re.I)
    value = re.sub(r"\.pdf$", "", value)
    match = _ARXIV_ID.match(value)
    return match.group(1) if match else None


def _short_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def paper_id_for(arxiv_id: str | None, title: str | None, abstract: str | None) -> str:
    """Stable paper id: by arXiv id, else a hash of the normalized title, else of the abstract.

    >>> paper_id_for("2311.08526", None, "x")
    'paper:arxiv:2311.08526'
    >>> paper_id_for(None, "GLiNER", "x").startswith("paper:title:")
    True
    """
    if arxiv_id:
        return f"paper:arxiv:{arxiv_id}"
    if title and normalize_title(title):
        return f"paper:title:{_short_hash(normalize_title(title))}"
    return f"paper:abstract:{_short_hash(normalize_text(abstract or ''))}"


@quick_init
@dataclass(frozen=True)
class Paper:
    """One paper as read from the corpus (or a stub for a cited work outside it)."""

    title: str | None
    abstract: str
    arxiv_id: str | None = None
    doi: str | None = None
    openalex_id: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    published: str | None = None
    categories: tuple[str, ...] = ()
    references: tuple[str, ...] = ()  # ids of cited works from input metadata (arXiv, DOI, OpenAlex)
    sources: tuple[str, ...] = ()  # "path:line" of every record this paper was read from
    external: bool = False  # a stub for a cited work that is not in the corpus
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", paper_id_for(self.arxiv_id, self.title, self.abstract))

    @property
    def text(self) -> str:
        """The abstract: what extractors read and what offsets refer to."""
        return self.abstract

    def merged_with(self, other: Paper) -> Paper:
        """This paper with the other's missing fields filled in and both sources kept.

        The id follows the best identifier now known (an arXiv id beats a title hash).
        """
        def pick(a: Any, b: Any) -> Any:
            return a if a else b

        merged = replace(
            self,
            title=pick(self.title, other.title),
            abstract=self.abstract if len(self.abstract) >= len(other.abstract) else other.abstract,
            arxiv_id=pick(self.arxiv_id, other.arxiv_id),
            doi=pick(self.doi, other.doi),
            openalex_id=pick(self.openalex_id, other.openalex_id),
            url=pick(self.url, other.url),
            authors=self.authors or other.authors,
            published=pick(self.published, other.published),
            categories=tuple(dict.fromkeys(self.categories + other.categories)),
            references=tuple(dict.fromkeys(self.references + other.references)),
            sources=tuple(dict.fromkeys(self.sources + other.sources)),
            external=self.external and other.external,
            id="",
        )
        return merged


@quick_init
@dataclass(frozen=True)
class Entity:
    """A thing a paper talks about: a model, method, dataset, benchmark, task, metric or repository."""

    id: str  # "model:llama-2-7b"
    label: str  # one of schema.ENTITY_LABELS
    name: str  # canonical display name
    aliases: tuple[str, ...] = ()  # every surface form seen
    family: str | None = None  # Model only: "LLaMA"
    params: str | None = None  # Model only: "7B"
    url: str | None = None  # Repository only


@quick_init
@dataclass(frozen=True)
class Relation:
    """A typed edge with its provenance: which paper, which sentence, where, which rule, how sure."""

    type: str  # one of schema.RELATION_TYPES
    source: str  # node id
    target: str  # node id
    paper: str  # id of the paper whose abstract says it
    evidence: str = ""  # the sentence
    start: int = -1  # character offsets of the mention in the abstract (-1: not from text)
    end: int = -1
    rule: str = ""
    confidence: float = 1.0
    properties: tuple[tuple[str, Any], ...] = ()  # the type's own properties (REPORTS: value, unit, metric)
    section: str = "abstract"  # where start/end point: "abstract", "title", or "" (not from text)

    @property
    def props(self) -> dict[str, Any]:
        return dict(self.properties)


@quick_init
@dataclass(frozen=True)
class Extraction:
    """What the extractor found in one paper."""

    paper_id: str
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()


@quick_init
@dataclass(frozen=True)
class Skipped:
    """A record a loader could not use, with where it was and why."""

    location: str  # "path:line" or "path:record N"
    reason: str  # short category: "no abstract", "truncated row", "bad encoding", ...
    detail: str = ""

    def __str__(self) -> str:
        return f"{self.location}: skipped ({self.reason}){': ' + self.detail if self.detail else ''}"
