"""Method phrases over hyphen compounds and named-after-people modifiers; what must not match."""

from __future__ import annotations

import pytest
from spacy.language import Language

from paperkg.extractors import load_pipeline


@pytest.fixture(scope="module")
def fast_nlp() -> Language:
    return load_pipeline(fast=True)


def _methods(nlp: Language, text: str) -> set[str]:
    doc = nlp(text)
    return {doc.text[c.start : c.end] for c in doc._.paperkg_candidates if c.label == "Method"}


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("We use self-supervised pre-training on images.", "self-supervised pre-training"),
        ("We study multistage training of retrievers.", "multistage training"),
        ("We add local differential privacy to the client.", "local differential privacy"),
        ("We use random data augmentations.", "random data augmentations"),
        ("We use Bayesian inference over the weights.", "Bayesian inference"),
        ("Samples come from Gaussian process regression.", "Gaussian process regression"),
        ("We report 10-fold cross-validation results.", "cross-validation"),
    ],
)
def test_method_compound_found(fast_nlp: Language, text: str, phrase: str) -> None:
    assert phrase in _methods(fast_nlp, text)


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("Training is slow.", "Training"),
        ("We describe the re-training of the model.", "re-training"),  # pre-training is a Method (lexicon)
        ("We report results on the cityscapes validation split.", "cityscapes validation"),
        ("We use model training on GPUs.", "model training"),
        ("The model relies on joint-training with a critic.", "joint-training"),  # generic, as joint training
        ("We add local differential privacy to it.", "We add local differential privacy"),
        ("We use Bayesian inference over the weights.", "We use Bayesian inference"),
    ],
)
def test_method_compound_not_found(fast_nlp: Language, text: str, phrase: str) -> None:
    assert phrase not in _methods(fast_nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "It matches RoBERTa with comparable training resources.",
        "We find that even with a smaller training set it works.",
        "Using unlabeled training instances, we learn classifiers.",
        "The model memorizes and outputs training samples.",
    ],
)
def test_training_as_modifier_not_method(fast_nlp: Language, text: str) -> None:
    assert not any("training" in m for m in _methods(fast_nlp, text))


@pytest.mark.parametrize(
    ("text", "phrase", "found"),
    [
        ("We perturb them with local differential privacy (LDP) first.", "local differential privacy", True),
        ("We use stochastic configuration networks (SCNs) for images.", "stochastic configuration networks", False),
        ("We train a deep attention convolutional neural network (DACNN).",
         "deep attention convolutional neural network", False),
    ],
)
def test_acronym_long_form_method(fast_nlp: Language, text: str, phrase: str, found: bool) -> None:
    assert (phrase in _methods(fast_nlp, text)) is found


@pytest.mark.parametrize(
    ("text", "phrase", "found"),
    [
        ("This is learned through self-supervised pre-training on text.", "self-supervised pre-training", True),
        ("We rely on semi-supervised learning with few labels.", "semi-supervised learning", True),
        ("The model does code-driven reasoning over tables.", "code-driven reasoning", False),
    ],
)
def test_prefix_compounds_with_pos(nlp: Language, text: str, phrase: str, found: bool) -> None:
    doc = nlp(text)
    spans = {doc.text[c.start : c.end] for c in doc._.paperkg_candidates}
    assert (phrase in spans) is found


@pytest.mark.parametrize(
    "text",
    [
        "This can reduce training costs.",
        "It again outperforms training from scratch.",
        "The gains remain after training ends.",
        "We split the matrix into sparse attention blocks.",
    ],
)
def test_fast_mode_function_words_end_phrases(fast_nlp: Language, text: str) -> None:
    bad = {"can", "again", "after", "into", "reduce", "outperforms"}
    assert not any(m.split()[0].lower() in bad for m in _methods(fast_nlp, text))


@pytest.mark.parametrize(
    ("text", "phrase", "found"),
    [
        ("We open-source our 8-bit optimizers today.", "8-bit optimizers", True),
        ("We apply 4-bit quantization to the weights.", "4-bit quantization", True),
        ("We train 3 optimizers in parallel.", "3 optimizers", False),
    ],
)
def test_numeric_compound_modifiers(fast_nlp: Language, text: str, phrase: str, found: bool) -> None:
    assert (phrase in _methods(fast_nlp, text)) is found


def test_pretrained_is_no_modifier(fast_nlp: Language) -> None:
    assert not any(m.lower().startswith("pre") for m in _methods(fast_nlp, "We freeze a pre-trained backbone network."))
