"""The shipped lexicon files: valid labels, no alias naming two entries, families that exist."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from paperkg.extractors.normalize import surface_key
from paperkg.extractors.resources import _LEXICON_FILES, parse_lexicon
from paperkg.graph.schema import ENTITY_LABELS

#: the label each shipped file holds
_FILE_LABELS = {
    "lexicon_models.jsonl": "Model",
    "lexicon_methods.jsonl": "Method",
    "lexicon_datasets.jsonl": "Dataset",
    "lexicon_benchmarks.jsonl": "Benchmark",
    "lexicon_tasks.jsonl": "Task",
    "lexicon_metrics.jsonl": "Metric",
}


def _lines(name: str) -> list[str]:
    return resources.files("paperkg.extractors").joinpath("data", name).read_text("utf-8").splitlines()


def _all_entries():
    return [entry for name in _LEXICON_FILES for entry in parse_lexicon(_lines(name), name)]


def test_every_lexicon_file_is_known() -> None:
    assert set(_LEXICON_FILES) == set(_FILE_LABELS)


@pytest.mark.parametrize("name", _LEXICON_FILES)
def test_lexicon_file_lines_are_valid(name: str) -> None:
    for number, line in enumerate(_lines(name), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rec = json.loads(line)
        where = f"{name}:{number}"
        assert rec["label"] in ENTITY_LABELS, where
        assert rec["label"] == _FILE_LABELS[name], where
        assert set(rec) <= {"label", "name", "aliases", "family"}, where
        assert isinstance(rec["name"], str) and rec["name"].strip() == rec["name"] != "", where
        assert all(isinstance(a, str) and a.strip() == a != "" for a in rec.get("aliases", ())), where


@pytest.mark.parametrize("name", _LEXICON_FILES)
def test_lexicon_names_unique_in_file(name: str) -> None:
    names = [e.name for e in parse_lexicon(_lines(name), name)]
    assert len(names) == len(set(names))


def test_no_alias_names_two_entries() -> None:
    """An alias (case, hyphens and spaces folded) belongs to one entry across all files."""
    owner: dict[str, tuple[str, str]] = {}
    clashes = []
    for entry in _all_entries():
        for alias in entry.aliases:
            key = surface_key(alias)
            first = owner.setdefault(key, (entry.label, entry.name))
            if first != (entry.label, entry.name):
                clashes.append((alias, first, (entry.label, entry.name)))
    assert clashes == []


def test_families_name_entries_of_the_same_label() -> None:
    """``family`` (sized/versioned variants: Llama 2 -> LLaMA, SQuAD 2.0 -> SQuAD) names a curated root."""
    entries = _all_entries()
    names = {(e.label, e.name) for e in entries}
    missing = [(e.name, e.family) for e in entries if e.family and (e.label, e.family) not in names]
    assert missing == []


#: ordinary words that a case-sensitive lower-case alias would match in plain prose
_PLAIN_WORDS = ("r", "hits", "pile", "bloom", "race", "iris", "cord", "gemini", "falcon", "mistral", "debate",
                "bootstrap", "scratchpad", "verifier", "chunking", "emergent", "grounding", "atlas", "reptile")


def test_no_plain_word_aliases() -> None:
    """No one-letter aliases, and no lower-case alias that is an ordinary English word."""
    for entry in _all_entries():
        for alias in entry.aliases:
            assert len(alias) > 1, entry.name
            assert alias not in _PLAIN_WORDS, entry.name


def _mentions(nlp, text: str) -> dict[str, str]:
    return {m.text: m.entity.label for m in nlp(text)._.paperkg_mentions}


@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        ("We compare against DreamerV3 on all tasks.", "DreamerV3", "Model"),
        ("Results on MMStar and MM-Vet improve.", "MMStar", "Benchmark"),
        ("We pretrain on FineWeb-Edu for two epochs.", "FineWeb-Edu", "Dataset"),
        ("We fine-tune with AdaLoRA instead.", "AdaLoRA", "Method"),
        ("We study speaker diarization in meetings.", "speaker diarization", "Task"),
        ("The model reaches a PSNR of 31 dB.", "PSNR", "Metric"),
        ("We align the policy with Odds Ratio Preference Optimization.", "Odds Ratio Preference Optimization", "Method"),
    ],
)
def test_new_lexicon_entries_found(nlp, text: str, surface: str, label: str) -> None:
    assert _mentions(nlp, text).get(surface) == label


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The designs show high structural similarity to the targets.", "structural similarity"),
        ("Labels were assigned by majority vote of three annotators.", "majority vote"),
        ("Studies on loss scaling report gains.", "loss scaling"),
    ],
)
def test_plain_phrases_not_lexicon_entities(nlp, text: str, surface: str) -> None:
    assert surface not in _mentions(nlp, text)
