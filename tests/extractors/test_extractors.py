"""Extractor components on small hand-made sentences, normalization cases, and the Extractor API."""

from __future__ import annotations

import pytest

from paperkg.extractors import Extractor
from paperkg.extractors.abbreviations import find_abbreviations, find_long_form
from paperkg.extractors.normalize import canonicalize, split_model_shape, surface_key
from paperkg.extractors.repositories import find_repositories
from paperkg.extractors.resolve import is_stopped
from paperkg.graph.schema import allowed, label_of_id
from paperkg.records import Paper


def _mentions(nlp, text: str) -> dict[str, str]:
    doc = nlp(text)
    return {m.text: m.entity.label for m in doc._.paperkg_mentions}


def _extract(nlp, abstract: str, title: str = "A paper"):
    return next(Extractor(nlp).extract([Paper(title, abstract)]))


# ------------------------------------------------------------------------------ normalization
@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("GPT-2", "GPT2"),
        ("LLaMA", "Llama"),
        ("Llama 2", "LLaMA-2"),
        ("Llama-2", "llama2"),
        ("chain-of-thought", "CoT"),
        ("Low-Rank Adaptation", "LoRA"),
        ("GANs", "GAN"),
        ("Long Range Arena", "LRA"),
        ("LLaVA-$φ$", "LLaVA-Phi"),  # a Greek letter in TeX and spelled out
    ],
)
def test_normalize_merges(a: str, b: str) -> None:
    assert canonicalize(a).id == canonicalize(b).id


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("GPT-2", "GPT-3"),
        ("T5", "mT5"),
        ("BERT", "RoBERTa"),
        ("Phi-2", "Phi-3"),
        ("Llama 2", "Llama 3"),
        ("LLaVA-$φ$", "LLaVA"),  # the Greek letter is not dropped from the id
    ],
)
def test_normalize_keeps_apart(a: str, b: str) -> None:
    assert canonicalize(a, "Model").id != canonicalize(b, "Model").id


@pytest.mark.parametrize(
    ("surface", "name", "family", "params"),
    [
        ("Llama-2-7B", "Llama-2-7B", "LLaMA", "7B"),
        ("Qwen2.5-72B-Instruct", "Qwen2.5-72B-Instruct", "Qwen", "72B"),
        ("Mistral 7B", "Mistral-7B", "Mistral", "7B"),
        ("T5-XXL", "T5-XXL", "T5", None),
        ("Llama-3.1 405B", "Llama-3.1-405B", "LLaMA", "405B"),
    ],
)
def test_normalize_variant_family(surface: str, name: str, family: str, params: str | None) -> None:
    c = canonicalize(surface, "Model")
    assert (c.name, c.family, c.params) == (name, family, params)


def test_normalize_surface_key_folds_case_and_hyphens() -> None:
    assert surface_key("LLaMA-2") == surface_key("llama 2")
    assert split_model_shape("Phi-3-mini") == ("Phi-3", None, ("mini",))


# ------------------------------------------------------------------------------ abbreviations
@pytest.mark.parametrize(
    ("text", "pair"),
    [
        (
            "we develop Representation Finetuning (ReFT) methods",
            ("Representation Finetuning", "ReFT"),
        ),
        (
            "a novel factorization self-attention mechanism (FaSA) is",
            ("factorization self-attention mechanism", "FaSA"),
        ),
        (
            "a model called BERT, which stands for Bidirectional Encoder Representations from Transformers.",
            ("Bidirectional Encoder Representations from Transformers", "BERT"),
        ),
        ("we use SSL (short for self-supervised learning) to", ("self-supervised learning", "SSL")),
        ("RAG stands for retrieval-augmented generation, which", ("retrieval-augmented generation", "RAG")),
    ],
)
def test_abbreviations_find_pairs(text: str, pair: tuple[str, str]) -> None:
    found = [(text[a:b], text[c:d]) for a, b, c, d in find_abbreviations(text)]
    assert pair in found


@pytest.mark.parametrize(
    "text",
    [
        "results (see Table 2) are good",
        "in 2020 (Smith et al.)",
        "models (e.g. this)",
        "The word stands for nothing.",
        "LR stands for the learning rate",  # the phrase must start with the short form's first letter
        "NMT stands for neural translation",  # and spell every letter
    ],
)
def test_abbreviations_no_false_pairs(text: str) -> None:
    assert find_abbreviations(text) == []


def test_abbreviations_quoted_long_form_offsets() -> None:
    text = 'a novel methodology, "Hollow-tree Super" (HOTS), to'
    assert [(text[a:b], text[c:d]) for a, b, c, d in find_abbreviations(text)] == [("Hollow-tree Super", "HOTS")]


def test_acronym_of_a_name_the_title_gives(nlp) -> None:
    """A long form that names nothing by its words is still the title's name, so its acronym counts too."""
    ext = next(Extractor(nlp).extract([Paper("Zip Oak Quill: trees for all",
                                             "It uses Zip Oak Quill (ZOQ) on trees. ZOQ is fast.")]))
    [entity] = [e for e in ext.entities if e.name in ("Zip Oak Quill", "ZOQ")]
    assert {"Zip Oak Quill", "ZOQ"} <= set(entity.aliases)


def test_abbreviations_long_form_needs_letters() -> None:
    assert find_long_form("XYZ", "the cat sat") is None


# ------------------------------------------------------------------------------ lexicon + shapes
@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        ("We fine-tune GPT-2 on the data.", "GPT-2", "Model"),
        ("Results on GSM8K improve.", "GSM8K", "Benchmark"),
        ("Accuracy on MATH rises.", "MATH", "Benchmark"),
        ("We apply chain-of-thought prompting.", "chain-of-thought prompting", "Method"),
        ("We evaluate on ImageNet.", "ImageNet", "Dataset"),
        ("It helps question answering.", "question answering", "Task"),
        ("We compare with Qwen2.5-72B-Instruct here.", "Qwen2.5-72B-Instruct", "Model"),
        ("We train Llama-3.1 405B today.", "Llama-3.1 405B", "Model"),
        ("T5-XXL is large.", "T5-XXL", "Model"),
        ("We evaluate GPT-4o today.", "GPT-4o", "Model"),
        ("We use Phi-3-mini here.", "Phi-3-mini", "Model"),
        # a type word after a known architecture is not part of its name
        ("It uses a single Transformer architecture.", "Transformer", "Method"),
        ("Sequence-to-sequence models are strong.", "Sequence-to-sequence", "Method"),
        ("An encoder-decoder model reads it.", "encoder-decoder", "Method"),
    ],
)
def test_lexicon_and_shapes_find(nlp, text: str, surface: str, label: str) -> None:
    assert _mentions(nlp, text).get(surface) == label


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("We solve math problems.", "math"),
        ("Large language models (LLMs) are strong.", "LLMs"),
        ("Our model beats state-of-the-art methods.", "Our model"),
        ("Small language models are cheap.", "Small language models"),
        ("Transformer-based models are popular.", "Transformer-based models"),
        ("We train on 7B tokens.", "7B"),
    ],
)
def test_lexicon_generic_phrases_not_entities(nlp, text: str, surface: str) -> None:
    assert surface not in _mentions(nlp, text)
    assert is_stopped("large language models")


# ------------------------------------------------------------------------------ definitions, types
@pytest.mark.parametrize(
    ("text", "surface", "label"),
    [
        ("We introduce ZorbBench, a novel benchmark for planning.", "ZorbBench", "Benchmark"),
        ("We release the QuuxCorpus dataset of code.", "QuuxCorpus", "Dataset"),
        ("We propose a new model, dubbed FlimNet, for parsing.", "FlimNet", "Model"),
        ("We propose Blorp Tuning (BlorpT), a fine-tuning method.", "BlorpT", "Method"),
        ("Our framework, GlimFrame, is simple.", "GlimFrame", "Method"),
        # "this manuscript" speaks of the paper's own work; the type noun before the name types it
        ('This manuscript presents a novel methodology, "Hollow Oak Tree" (HOT), for trees.', "HOT", "Method"),
    ],
)
def test_definitions_propose_new_names(nlp, text: str, surface: str, label: str) -> None:
    doc = nlp(text)
    found = {m.text: m for m in doc._.paperkg_mentions}
    assert found[surface].entity.label == label
    assert found[surface].proposed


def test_definitions_known_modifier_is_not_proposed(nlp) -> None:
    doc = nlp("In this paper, we introduce a compact NER model trained on news.")
    assert not any(m.proposed for m in doc._.paperkg_mentions)


@pytest.mark.parametrize(
    ("text", "plural"),
    [
        ("We propose ClassiNet, a network of classifiers. ClassiNets generalize graphs.", "ClassiNets"),
        ("We study energy-based models (EBM) for SSL. Joint training of EBMs helps.", "EBMs"),
    ],
)
def test_new_name_in_the_plural_is_the_same_entity(nlp, text: str, plural: str) -> None:
    found = {m.text: m.entity.id for m in nlp(text)._.paperkg_mentions}
    assert found[plural] == found[plural[:-1]]


def test_new_name_is_not_found_inside_a_longer_word(nlp) -> None:
    found = {m.text for m in nlp("We propose ClassiNet, a network. ClassiNetsx and ClassiNet-2 differ.")._.paperkg_mentions}
    assert "ClassiNetsx" not in found and "ClassiNets" not in found


@pytest.mark.parametrize("surface", ["random forests", "logistic regression", "SVM", "XGBoost", "GBDT"])
def test_classical_learners_are_models(nlp, surface: str) -> None:
    """Baselines a paper compares with are trained models, not techniques ("outperforms random forests")."""
    text = "Our method outperforms random forests, logistic regression, an SVM, XGBoost and GBDT."
    assert _mentions(nlp, text).get(surface) == "Model"


# ------------------------------------------------------------------------------ relations, results
@pytest.mark.parametrize(
    ("abstract", "rtype", "target"),
    [
        ("Our method outperforms GPT-4 on reasoning.", "COMPARES_WITH", "model:gpt-4"),
        ("We evaluate on GSM8K and report gains.", "EVALUATES_ON", "benchmark:gsm8k"),
        ("We use LoRA to adapt the model.", "USES", "method:lora"),
        (
            "We study machine translation for rare languages.",
            "ADDRESSES",
            "task:machine-translation",
        ),
        ("We propose FooNet, a new model for speech.", "PROPOSES", "model:foonet"),
    ],
)
def test_relations_types(nlp, abstract: str, rtype: str, target: str) -> None:
    ext = _extract(nlp, abstract)
    assert (rtype, target) in {(r.type, r.target) for r in ext.relations}


def test_results_reports_value_unit_metric(nlp) -> None:
    ext = _extract(nlp, "S4 reaches an accuracy of 86% on Long Range Arena.")
    reports = [r for r in ext.relations if r.type == "REPORTS"]
    assert reports and reports[0].target == "benchmark:long-range-arena"
    props = reports[0].props
    assert (props["value"], props["unit"], props["metric"]) == (86.0, "%", "accuracy")


def test_relations_based_on(nlp) -> None:
    ext = _extract(nlp, "We propose ZapLM, a model built on Llama 2 with new data.")
    assert ("BASED_ON", "model:zaplm", "model:llama-2") in {
        (r.type, r.source, r.target) for r in ext.relations
    }


def test_relations_variant_of_family(nlp) -> None:
    ext = _extract(nlp, "We fine-tune Llama-2-7B on chat data.")
    assert ("VARIANT_OF", "model:llama-2-7b", "model:llama") in {
        (r.type, r.source, r.target) for r in ext.relations
    }
    ent = {e.id: e for e in ext.entities}["model:llama-2-7b"]
    assert (ent.family, ent.params) == ("LLaMA", "7B")


def test_relations_every_mention_has_offsets_and_allowed_triples(nlp) -> None:
    abstract = "We propose FooNet. FooNet beats BERT on GLUE with 90% accuracy using LoRA."
    ext = _extract(nlp, abstract, title="FooNet: Faster Nets")
    labels = {e.id: e.label for e in ext.entities}
    for r in ext.relations:
        head = "Paper" if r.source.startswith("paper:") else labels[r.source]
        assert allowed(head, r.type, labels.get(r.target) or label_of_id(r.target))
        text = ext and (abstract if r.section == "abstract" else "FooNet: Faster Nets")
        assert 0 <= r.start < r.end <= len(text)
    spans = {(r.start, r.end) for r in ext.relations if r.section == "abstract"}
    assert (abstract.index("BERT"), abstract.index("BERT") + 4) in spans
    assert any(r.section == "title" and r.type == "PROPOSES" for r in ext.relations)


# ------------------------------------------------------------------------------ repositories
@pytest.mark.parametrize(
    ("text", "rid"),
    [
        ("Code athttps://github.com/kongds/MoRA.", "repo:github.com/kongds/mora"),
        ("See https://gitlab.com/a/b, too", "repo:gitlab.com/a/b"),
        ("Weights: https://huggingface.co/org/model-7b).", "repo:huggingface.co/org/model-7b"),
    ],
)
def test_repositories_clean_urls(text: str, rid: str) -> None:
    assert [r.id for r in find_repositories(text)] == [rid]


def test_repositories_has_code(nlp) -> None:
    ext = _extract(nlp, "Our code is at https://github.com/x/y.")
    assert any(r.type == "HAS_CODE" and r.target == "repo:github.com/x/y" for r in ext.relations)


# ------------------------------------------------------------------------------ Extractor API
def test_extractor_streams_in_order(nlp) -> None:
    papers = (Paper(f"T{i}", f"We use BERT {i}.") for i in range(5))
    out = list(Extractor(nlp, batch_size=2).extract(papers))
    assert [e.paper_id for e in out] == [Paper(f"T{i}", f"We use BERT {i}.").id for i in range(5)]


def test_extractor_glued_words_split(nlp) -> None:
    assert "MobileLLM" in _mentions(nlp, "We present a model, denoted asMobileLLM, that runs fast.")


def test_worker_processes_give_the_same_extractions_in_order(nlp) -> None:
    """``-j 2``: batches go to worker processes and come back as the same Extractions, in order."""
    papers = [Paper(f"Paper {i}", f"We fine-tune Llama-2-7B on GSM8K and reach {40 + i}% accuracy.") for i in range(5)]
    alone = list(Extractor(nlp, batch_size=2).extract(papers))
    workers = list(Extractor(nlp, batch_size=2, n_process=2).extract(papers))
    assert workers == alone
    assert [e.paper_id for e in workers] == [p.id for p in papers]
