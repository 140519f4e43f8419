"""Head-noun typing: a name right before "dataset", "benchmark", "model" ... takes that type."""

from __future__ import annotations

import pytest

from tests.extractors.helpers import entity_named as _entity
from tests.extractors.helpers import extract as _extract


def _names(nlp, abstract: str) -> dict[str, str]:
    ext = _extract(nlp, abstract)
    labels = {e.id: e.label for e in ext.entities}
    return {abstract[r.start:r.end]: labels[r.target] for r in ext.relations
            if r.section == "abstract" and r.start >= 0 and r.target in labels}


@pytest.mark.parametrize(
    ("abstract", "name", "label"),
    [
        ("We evaluate on the ZorbQA benchmark and report accuracy.", "ZorbQA", "Benchmark"),
        # plain Title-case words inside a sentence name a data collection too
        ("Using the Quillwort dataset, we first show the problem.", "Quillwort", "Dataset"),
        ("Neural networks fail on the Marrow Ridge dataset [1].", "Marrow Ridge", "Dataset"),
        # a Title-case head is part of the name
        ("With our new \"Fenwick Clean Crawled Corpus\", we reach new results.",
         "Fenwick Clean Crawled Corpus", "Dataset"),
    ],
)
def test_names_before_type_nouns(nlp, abstract: str, name: str, label: str) -> None:
    assert _names(nlp, abstract).get(name) == label


@pytest.mark.parametrize(
    ("abstract", "not_name"),
    [
        ("We collect a Chinese dataset of dialogues.", "Chinese"),  # a language, not a name
        ("We build a New benchmark for agents.", "New"),
        ("Quillwort dataset sizes vary widely.", "Quillwort"),  # a capital at the sentence start
        ("We list (3) Preference Datasets and (4) other data.", "Preference Datasets"),  # a heading
        # part of a longer Title-case name, not a name of its own
        ("We propose an In-Context Embedding and Reranker Benchmark.", "Reranker"),
    ],
)
def test_capitals_that_name_nothing(nlp, abstract: str, not_name: str) -> None:
    assert not any(not_name in found for found in _names(nlp, abstract))


def test_titled_long_form_in_apposition_is_an_alias(nlp) -> None:
    abstract = ("To close this gap, we propose QCBench, a large-scale Quite Comprehensive Benchmark for LLMs, "
                "with 1,000 samples.")
    entity = _entity(_extract(nlp, abstract), "QCBench")
    assert entity.label == "Benchmark" and "Quite Comprehensive Benchmark" in entity.aliases


@pytest.mark.parametrize(
    ("abstract", "names", "label"),
    [
        ("Classical methods such as ZART and Quux-4.5 are greedy.", ["ZART", "Quux-4.5"], "Method"),
        ("We use two image datasets: ZIFAR-10/100 and ZINIC-10. The results hold.", ["ZIFAR-10/100", "ZINIC-10"],
         "Dataset"),
        ("We compare with models including Zorb-7B, Quux or Blorp 7B on the task.", ["Zorb-7B", "Quux", "Blorp 7B"],
         "Model"),
        ("Agents like Zorbco's ZorbChat and Quuxsoft's Quux fail.", ["ZorbChat", "Quux"], "Model"),
    ],
)
def test_examples_after_a_type_noun_take_its_type(nlp, abstract: str, names: list[str], label: str) -> None:
    found = _names(nlp, abstract)
    assert {name: found.get(name) for name in names} == dict.fromkeys(names, label)


@pytest.mark.parametrize(
    ("abstract", "not_name"),
    [
        ("We present findings on four benchmarks: First, scaling helps.", "First"),  # a sentence after a colon
        ("We compare with models like Zorb-R1-based agents.", "Zorb-R1"),  # a modifier, not an example
        ("Results hold for models such as ours. The rest fail.", "The"),
    ],
)
def test_what_is_no_example(nlp, abstract: str, not_name: str) -> None:
    assert not_name not in _names(nlp, abstract)


@pytest.mark.parametrize(
    ("abstract", "name", "label"),
    [
        # a name-like item beside one known dataset, with a parenthesised aside after each item
        ("Results improve on FUNSD (0.78 -> 0.84), ZORD (0.94 -> 0.96) and SROIE (0.95 -> 0.97).", "ZORD",
         "Dataset"),
        # a plain Title-case item needs two known ones beside it
        ("We train on Common Crawl, SQuAD, Zorbington Books, and a customized corpus.", "Zorbington Books",
         "Dataset"),
        ("We evaluate SBERT and SZoBERTa on common STS tasks.", "SZoBERTa", "Model"),
        # lower-case first letters are fine ("nuScenes" style)
        ("Results on KITTI, zuScenes and Waymo Open improve.", "zuScenes", "Dataset"),
        # the head noun glued to the name is part of it
        ("However, SZ-Net still faces a few challenges.", "SZ-Net", "Model"),
    ],
)
def test_names_listed_with_known_ones_take_their_type(nlp, abstract: str, name: str, label: str) -> None:
    assert _names(nlp, abstract).get(name) == label


@pytest.mark.parametrize(
    ("abstract", "not_name"),
    [
        ("For example, inTrip Planning, GPT-4 and Gemini 1.5 Pro fail.", "inTrip Planning"),  # page-dump glue
        ("Zorbington Books and SQuAD are read.", "Zorbington Books"),  # Title case beside one known item
        ("We compare to two large language models (LLMs): GPT-3.5 and GPT-4o.", "LLMs): GPT-3.5"),
        ("Compressor proposes a genetic algorithm (GA)-based strategy.", "GA)-based"),
    ],
)
def test_lists_that_type_nothing(nlp, abstract: str, not_name: str) -> None:
    assert not_name not in _names(nlp, abstract)
