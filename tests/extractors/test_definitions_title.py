"""Hand-made cases for the type a title phrase after the colon gives the name before it."""

from __future__ import annotations

import pytest
import spacy

from paperkg.extractors.definitions import _title_type


@pytest.fixture(scope="module")
def blank() -> spacy.language.Language:
    return spacy.blank("en")


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("S2L: Scalable Data Selection for Fine-tuning", "Method"),
        ("CoC: Reasoning with a Code Emulator", "Method"),
        ("XYZ: A Sparse Representation for Compression", "Method"),
        # not a process: a thing, a test suite, a clause, a hyphenated compound whose head comes later
        ("KLUE: Korean Language Understanding Evaluation", None),
        ("MV: Evaluating Mathematical Reasoning of Models", None),
        ("CRB: Can Retrieval Augment Code Generation?", None),
        ("QA: A Question-Answering Dataset for Agents", None),
    ],
)
def test_title_type(blank: spacy.language.Language, title: str, expected: str | None) -> None:
    doc = blank(title)
    colon = next(t.i for t in doc if t.text == ":")
    assert _title_type(doc, colon + 1, len(doc)) == expected
