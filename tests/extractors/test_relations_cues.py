"""Hand-made cases for the paper -> entity relation cues (paperkg.extractors.relations)."""

from __future__ import annotations

import pytest

from paperkg.extractors.relations import primary_relation


@pytest.mark.parametrize(
    ("label", "sentence", "name", "generic", "expected"),
    [
        # coined names: any use cue in a sentence about the paper's own work
        ("Model", "We fine-tune T5 on our data.", "T5", False, "USES"),
        ("Method", "We train a model with LoRA adapters.", "LoRA", False, "USES"),
        # generic lower-case techniques need a real use verb close to them
        ("Method", "We apply imitation learning on the annotations.", "imitation learning", True, "USES"),
        ("Method", "We train our models using knowledge distillation.", "knowledge distillation", True, "USES"),
        ("Method", "Our results improve with scale and prompt tuning.", "prompt tuning", True, "MENTIONS"),
        ("Method", "We learn centroids through backpropagation.", "backpropagation", True, "MENTIONS"),
        ("Method", "We use less training data needed by finetuning or distillation.", "distillation", True, "MENTIONS"),
        # something the paper's own artefact is used for is not the paper using it
        ("Model", "Our corpus has been used to train OLMo.", "OLMo", False, "MENTIONS"),
        ("Method", "Our method can be used to study data augmentation.", "data augmentation", True, "MENTIONS"),
        ("Model", "Our model outperforms GPT-3.", "GPT-3", False, "COMPARES_WITH"),
    ],
)
def test_primary_relation_uses(label: str, sentence: str, name: str, generic: bool, expected: str) -> None:
    before = sentence[: sentence.index(name)]
    assert primary_relation(label, before, False, sentence=sentence, generic=generic)[0] == expected


@pytest.mark.parametrize(
    ("label", "sentence", "name", "expected"),
    [
        ("Dataset", "We pretrain our model on C4.", "C4", "USES"),
        ("Dataset", "Our model is trained using OpenWebText.", "OpenWebText", "USES"),
        # "widely used" is an adjective, not the paper training on it
        ("Benchmark", "On the widely used LibriSpeech benchmark, our model achieves 2.1% WER.", "LibriSpeech",
         "EVALUATES_ON"),
        # a training cue followed by a result or comparison: the dataset is where results are reported
        ("Benchmark", "We train a model for 4 days that outperforms GPT on the GLUE benchmark.", "GLUE",
         "EVALUATES_ON"),
        ("Dataset", "It can be used for any dataset, surpassing prior methods on SVHN.", "SVHN", "EVALUATES_ON"),
        # a benchmark named in a sentence about other people's work is only mentioned
        ("Benchmark", "Recently, a few researchers have released math datasets (e.g., ZorbVista) to evaluate "
         "models.", "ZorbVista", "MENTIONS"),
        ("Benchmark", "Recently, we evaluated models on ZorbVista.", "ZorbVista", "EVALUATES_ON"),
    ],
)
def test_primary_relation_data(label: str, sentence: str, name: str, expected: str) -> None:
    before = sentence[: sentence.index(name)]
    assert primary_relation(label, before, False, sentence=sentence)[0] == expected
