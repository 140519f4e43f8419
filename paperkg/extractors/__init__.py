"""Extraction: the spaCy pipeline that turns a Paper's abstract into an Extraction."""

from __future__ import annotations

from paperkg.extractors.pipeline import Extractor, load_pipeline

__all__ = ["Extractor", "load_pipeline"]
