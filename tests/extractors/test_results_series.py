"""Hand-made cases for result patterns (paperkg.extractors.results): series, ranges, own benchmarks."""

from __future__ import annotations

import re

import pytest

from paperkg.extractors.mentions import Mention
from paperkg.extractors.normalize import Canonical
from paperkg.extractors.results import find_results


def _mentions(text: str, names: dict[str, str], proposed: tuple[str, ...] = ()) -> list[Mention]:
    out = []
    for name, label in names.items():
        for m in re.finditer(re.escape(name), text):
            entity = Canonical(f"{label.lower()}:{name.lower()}", label, name)
            out.append(Mention(m.start(), m.end(), name, entity, "test", name in proposed))
    return sorted(out, key=lambda m: m.start)


def _results(text: str, names: dict[str, str], proposed: tuple[str, ...] = ()) -> list[tuple[str, float, str]]:
    bounds = [(m.start(), m.end()) for m in re.finditer(r"(?:[^.]|\.(?=\d))+(?:\.|$)", text)]
    hits = find_results(text, _mentions(text, names, proposed), bounds)
    return [(h.mention.entity.name, dict(h.properties)["value"], dict(h.properties)["metric"]) for h in hits]


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        ("On LibriSpeech, our model achieves WER of 2.1%/4.3% without a language model and 1.9%/3.9% with one.",
         {"LibriSpeech": "Benchmark", "WER": "Metric"},
         [("LibriSpeech", 2.1, "WER"), ("LibriSpeech", 4.3, "WER"), ("LibriSpeech", 1.9, "WER"),
          ("LibriSpeech", 3.9, "WER")]),
        ("The accuracy on GSM8K dropped from 28.8% to 2%.", {"GSM8K": "Benchmark", "accuracy": "Metric"},
         [("GSM8K", 28.8, "accuracy"), ("GSM8K", 2.0, "accuracy")]),
        ("S4 reaches 91\\% accuracy on CIFAR-10.", {"CIFAR-10": "Dataset", "accuracy": "Metric"},
         [("CIFAR-10", 91.0, "accuracy")]),
        # gains and shares are not results
        ("Our models improve on GSM8K with 13%-19% absolute improvements.", {"GSM8K": "Benchmark"}, []),
        ("It retains more than 99% accuracy on SQuAD.", {"SQuAD": "Dataset", "accuracy": "Metric"}, []),
        ("It is within 0.3% mAP of AutoAugment on COCO.", {"COCO": "Dataset", "mAP": "Metric"}, []),
        ("It beats Vicuna by more than 100% on BBH and 42% on AGIEval.",
         {"BBH": "Benchmark", "AGIEval": "Benchmark"}, []),
    ],
)
def test_find_results(text: str, names: dict[str, str], expected: list[tuple[str, float, str]]) -> None:
    assert _results(text, names) == expected


def test_find_results_own_benchmark() -> None:
    text = "We introduce QuArch, a dataset of questions. The best model achieves 84% accuracy."
    names = {"QuArch": "Dataset", "accuracy": "Metric"}
    assert _results(text, names, proposed=("QuArch",)) == [("QuArch", 84.0, "accuracy")]
    # not when the sentence names another target, nor without a proposed benchmark
    other = text.replace("The best model achieves 84% accuracy.", "It achieves 84% accuracy on MMLU.")
    assert _results(other, {**names, "MMLU": "Benchmark"}, proposed=("QuArch",)) == [("MMLU", 84.0, "accuracy")]
    assert _results(text, names) == []
