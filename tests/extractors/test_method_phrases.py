"""paperkg_method_phrases (and the task phrases it shares its phrase rule with): what must match, what must not."""

from __future__ import annotations

import pytest
from spacy.language import Language

from paperkg.extractors import Extractor, load_pipeline
from paperkg.extractors.method_phrases import method_heads, method_not_modifiers, method_stop, parse_heads
from paperkg.records import Paper


@pytest.fixture(scope="module")
def fast_nlp() -> Language:
    return load_pipeline(fast=True)


def _phrases(nlp: Language, text: str, rule: str = "method_phrase") -> set[str]:
    doc = nlp(text)
    return {doc.text[c.start : c.end] for c in doc._.paperkg_candidates if c.rule == rule}


def _methods(nlp: Language, text: str) -> set[str]:
    ext = next(Extractor(nlp).extract([Paper("A paper", text)]))
    return {a for e in ext.entities if e.label == "Method" for a in e.aliases}


MUST_MATCH = [
    ("We train graph neural networks on molecules.", "graph neural networks"),
    ("We rely on contrastive learning with hard examples.", "contrastive learning"),
    ("Decoding uses diverse beam search over candidates.", "diverse beam search"),
    ("We compress the teacher with knowledge distillation.", "knowledge distillation"),
    ("The keys carry rotary position embedding information.", "rotary position embedding"),
    ("Outputs are pooled with sparse attention over patches.", "sparse attention"),
    ("We apply distillation to shrink it.", "distillation"),
    ("A bidirectional transformer encoder reads the input.", "bidirectional transformer encoder"),
    ("Online knowledge distillation trains both at once.", "Online knowledge distillation"),
    ("We study gradient-based meta learning here.", "gradient-based meta learning"),
    # a known method with its modifiers is a narrower method; the known name's own words need not be modifiers
    ("This paper studies vertical federated learning, which helps.", "vertical federated learning"),
    ("A model trained with multi-scale denoising score matching.", "multi-scale denoising score matching"),
    ("It is complimentary to pipeline model parallelism, and fast.", "pipeline model parallelism"),
    ("These methods rely on domain-specific data augmentations.", "domain-specific data augmentations"),
    ("Existing gradient-based meta learning schemes fail.", "gradient-based meta learning"),
]

MUST_NOT_MATCH = [
    ("We retrain the whole network after pruning.", "whole network"),
    ("Our method improves the learning rate schedule.", "learning rate"),
    ("Deep learning models are widely used.", "deep learning"),
    ("We study deep learning at scale.", "deep learning"),
    ("It is trained with learning.", "learning"),
    ("The network is small.", "network"),
    ("We propose a contrastive learning framework for images.", "contrastive learning"),
    ("It outperforms quantum machine learning baselines.", "quantum machine"),
    ("We add additional vision encoders.", "vision encoders"),
    ("This work addresses natural language inference.", "natural language inference"),
    ("Training is costly.", "Training"),  # fine-tuning is a Method (lexicon)
    ("The pre-training stage is long.", "pre-training"),
    ("This paper studies federated learning.", "paper studies federated learning"),  # "studies" is a verb
    ("We use grouped-query attention mechanisms.", "grouped-query attention mechanisms"),  # two known names
    ("We propose an immediate block-wise weight sharing strategy.", "immediate block-wise weight sharing"),
]


@pytest.mark.parametrize(("text", "phrase"), MUST_MATCH)
def test_method_phrases_match(nlp: Language, text: str, phrase: str) -> None:
    assert phrase in _phrases(nlp, text)


@pytest.mark.parametrize(("text", "phrase"), MUST_MATCH)
def test_method_phrases_match_fast(fast_nlp: Language, text: str, phrase: str) -> None:
    assert phrase in _phrases(fast_nlp, text)


@pytest.mark.parametrize(("text", "phrase"), MUST_NOT_MATCH)
@pytest.mark.parametrize("mode", ["default", "fast"])
def test_method_phrases_do_not_match(nlp: Language, fast_nlp: Language, mode: str, text: str, phrase: str) -> None:
    assert phrase not in _phrases(nlp if mode == "default" else fast_nlp, text)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("We train graph neural networks on molecules.", "graph neural networks"),
        ("Decoding uses diverse beam search over candidates.", "diverse beam search"),
    ],
)
def test_method_phrases_become_method_entities(nlp: Language, text: str, phrase: str) -> None:
    assert phrase in _methods(nlp, text)


def test_method_phrases_leave_acronym_long_forms_to_name_rules(nlp: Language) -> None:
    text = "We build a deep attention convolutional neural network (DACNN) for gaze."
    assert "deep attention convolutional neural network" not in _phrases(nlp, text)


def test_method_phrases_lexicon_task_wins(nlp: Language) -> None:
    ext = next(Extractor(nlp).extract([Paper("A paper", "We study continual learning in robots.")]))
    labels = {e.label for e in ext.entities if "continual learning" in e.aliases}
    assert labels == {"Task"}


def test_parse_heads_marks_bare_heads() -> None:
    heads, bare = parse_heads(["# a comment", "learning", "pruning *", ""])
    assert heads == {"learning", "pruning"} and bare == {"pruning"}


def test_method_data_files_load() -> None:
    heads, bare = method_heads()
    assert {"learning", "network", "search", "distillation"} <= heads and bare <= heads
    assert "learning" not in bare
    assert "whole" in method_not_modifiers() and "neural network" in method_stop()


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("We address abusive speech detection in tweets.", "abusive speech detection"),
        ("Sequential recommendation is hard.", "Sequential recommendation"),
    ],
)
def test_task_phrases_match(nlp: Language, text: str, phrase: str) -> None:
    assert phrase in _phrases(nlp, text, "task_phrase") | _phrases(nlp, text, "lexicon")
