"""Hand-made cases for list inheritance and compare cues in paperkg.extractors.relations."""

from __future__ import annotations

import re

import pytest

from paperkg.extractors.mentions import Mention
from paperkg.extractors.normalize import Canonical
from paperkg.extractors.relations import find_relations, in_list_with, primary_relation


def _relations(text: str, names: dict[str, str]) -> dict[str, str]:
    mentions = []
    for name, label in names.items():
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            entity = Canonical(f"{label.lower()}:{name.lower()}", label, name)
            mentions.append(Mention(m.start(), m.end(), name, entity, "test"))
    mentions.sort(key=lambda m: m.start)
    hits = find_relations(text, mentions, [(0, len(text))])
    return {h.mention.text: h.type for h in hits if h.head is None}


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        # margins between the items of a compared list
        ("Our model outperforms baselines such as Alpha-7B by 3.1% points, Beta 13B by 2.0% points, and "
         "domain models such as Gamma-2 by 1.2% points.",
         {"Alpha-7B": "Model", "Beta 13B": "Model", "Gamma-2": "Model"},
         {"Alpha-7B": "COMPARES_WITH", "Beta 13B": "COMPARES_WITH", "Gamma-2": "COMPARES_WITH"}),
        # citations in brackets between the items
        ("We evaluate on FooQA (Doe et al., 2020), BarBench and BazSet.",
         {"FooQA": "Benchmark", "BarBench": "Benchmark", "BazSet": "Dataset"},
         {"FooQA": "EVALUATES_ON", "BarBench": "EVALUATES_ON", "BazSet": "EVALUATES_ON"}),
        # a verb between two mentions breaks the list: the second one keeps its own relation
        ("Our model outperforms Alpha-7B and is trained on BazSet.",
         {"Alpha-7B": "Model", "BazSet": "Dataset"},
         {"Alpha-7B": "COMPARES_WITH", "BazSet": "USES"}),
        ("We fine-tune Alpha-7B, which was later compared with Beta 13B by others.",
         {"Alpha-7B": "Model", "Beta 13B": "Model"},
         {"Alpha-7B": "USES", "Beta 13B": "COMPARES_WITH"}),
        # different kinds of things do not form one list
        ("Our model outperforms Alpha-7B, BazSet and Beta 13B.",
         {"Alpha-7B": "Model", "BazSet": "Dataset", "Beta 13B": "Model"},
         {"Alpha-7B": "COMPARES_WITH", "Beta 13B": "COMPARES_WITH"}),
    ],
)
def test_list_items_share_the_relation(text: str, names: dict[str, str], expected: dict[str, str]) -> None:
    got = _relations(text, names)
    assert {k: got[k] for k in expected} == expected


@pytest.mark.parametrize(
    ("gap", "expected"),
    [(", ", True), (" and ", True), (", and the ", True), (" (Doe et al., 2021), ", True),
     (" by 28.4% points, ", True), (", and math models such as ", True), (" e.g. ", True),
     (" and is compared with ", False), (" which outperforms ", False), (" on ", False)],
)
def test_in_list_with(gap: str, expected: bool) -> None:
    text = "A" + gap + "B"
    assert in_list_with(text, 1, len(text) - 1) is expected


@pytest.mark.parametrize(
    ("before", "expected"),
    [
        # a far "than" must not hide a near "outperformed"
        ("Despite being 35 times smaller than 7B LLMs, our model outperformed generalist LLMs such as ",
         "COMPARES_WITH"),
        # "less than 1%", "over 20 datasets": amounts, not comparisons
        ("We achieve accuracy losses of less than 1% in perplexity for ", "MENTIONS"),
        ("Our model improves over 20 tasks for ", "MENTIONS"),
        ("Our model is better than ", "COMPARES_WITH"),
        ("We report gains over ", "COMPARES_WITH"),
    ],
)
def test_compare_cue(before: str, expected: str) -> None:
    assert primary_relation("Model", before, False, sentence=before + "X.")[0] == expected


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("We propose a new model for speech recognition.", {"speech recognition": "Task"}, "ADDRESSES"),
        # the task only qualifies a measure
        ("Our model improves classification accuracy by 1%.", {"classification": "Task"}, "MENTIONS"),
        ("We study how to improve mathematical reasoning abilities of small models.",
         {"mathematical reasoning": "Task"}, "MENTIONS"),
        # a dataset's task, not the paper's
        ("We find what limits our models for ImageNet classification.",
         {"ImageNet": "Dataset", "classification": "Task"}, "MENTIONS"),
    ],
)
def test_task_addressed_or_narrowed(text: str, names: dict[str, str], expected: str) -> None:
    task = next(n for n, label in names.items() if label == "Task")
    assert _relations(text, names)[task] == expected
