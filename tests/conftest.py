"""Shared fixtures: the seed corpus, one spaCy pipeline and one seed graph per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("PAPERKG_SEEDS", REPO.parent / "shared" / "seeds"))


@pytest.fixture(scope="session")
def seed_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"seed corpus not found at {SEEDS} (set PAPERKG_SEEDS)")
    return SEEDS


@pytest.fixture(scope="session")
def nlp():
    """The default paperkg pipeline, loaded once for the whole session."""
    from paperkg.extractors import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seed_build(seed_dir, nlp, tmp_path_factory):
    """The seed corpus built once: a BuildResult (graph, papers, report) written to a temp OUT."""
    from paperkg.graph.build import build

    out = tmp_path_factory.mktemp("seed_out")
    result = build([seed_dir], nlp=nlp, out_dir=out)
    result.out_dir = out
    return result


@pytest.fixture(scope="session")
def seed_graph(seed_build):
    return seed_build.graph
