"""Rules added for proposals, title names, relation cues and provenance: what must match and what must not."""

from __future__ import annotations

import pytest

from paperkg.extractors.normalize import canonicalize
from paperkg.records import Extraction
from tests.extractors.helpers import extract as _extract
from tests.extractors.helpers import proposed as _proposed


def _types(ext: Extraction, surface: str) -> set[str]:
    """Relation types from the paper to the entity that has ``surface`` among its aliases."""
    ids = {e.id for e in ext.entities if surface in e.aliases or e.name == surface}
    return {r.type for r in ext.relations if r.target in ids and r.source == ext.paper_id}


# ------------------------------------------------------------------------------ tokenizer
@pytest.mark.parametrize(
    ("text", "token"),
    [
        ("which we called RS-GPT4V. To achieve this, we train.", "RS-GPT4V"),
        ("We fine-tune Llama-2-7B. We then test it.", "7B"),
    ],
)
def test_tokenizer_splits_period_after_digit_letter(nlp, text: str, token: str) -> None:
    doc = nlp(text)
    assert token in [t.text for t in doc] + [m.text for m in doc._.paperkg_mentions]
    assert not any(m.text.endswith(". To") or m.text.endswith(".") for m in doc._.paperkg_mentions)


def test_tokenizer_keeps_abbreviations(nlp) -> None:
    assert "e.g." in [t.text for t in nlp.make_doc("models, e.g. BERT, work")]


# ------------------------------------------------------------------------------ title names
@pytest.mark.parametrize(
    ("title", "names"),
    [
        ("Orca: Progressive Learning from Explanation Traces", {"Orca"}),
        ("Chain of Code: Reasoning with a Code Emulator", {"Chain of Code"}),
        ("SmallToLarge (S2L): Scalable Data Selection", {"SmallToLarge", "S2L"}),
        ("StarCoder 2 and The Stack v2: The Next Generation", {"StarCoder 2", "The Stack v2"}),
        ("ZorbBench: A Comprehensive Planning Benchmark for LLMs", {"ZorbBench"}),
    ],
)
def test_title_names_before_colon_are_proposed(nlp, title: str, names: set[str]) -> None:
    assert names <= _proposed(_extract(nlp, "We study this problem.", title=title))


@pytest.mark.parametrize(
    "title",
    [
        "How to Train Your HiPPO: State Space Models with Projections",
        "Small Models, Big Insights: Leveraging Slim Proxy Models",
        "Efficiently Modeling Long Sequences with Structured State Spaces",
    ],
)
def test_title_without_a_name_proposes_nothing(nlp, title: str) -> None:
    assert not _proposed(_extract(nlp, "We study this problem.", title=title))


def test_title_type_from_head_of_phrase(nlp) -> None:
    ext = _extract(nlp, "ZorbBench has 500 tasks.", title="ZorbBench: A Comprehensive Planning Benchmark for LLMs")
    assert {e.label for e in ext.entities if e.name == "ZorbBench"} == {"Benchmark"}


# ------------------------------------------------------------------------------ proposals
@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("To address this, we develop Orca (see our release), a 13B model.", "Orca"),
        ("We propose a novel Learning-to-Rank from AI Feedback (RLRAIF) algorithm for retrieval.", "RLRAIF"),
        ("Then, we construct three new datasets, IQFoo, FuncBar, and PapBaz, for testing.", "PapBaz"),
        ("Then, we construct three new datasets, IQFoo, FuncBar, and PapBaz, for testing.", "FuncBar"),
        ("The resulting model, Med-Zorb, performs encouragingly.", "Med-Zorb"),
        ("Compared to Swin-T, our FaViT-B2 improves accuracy by 1%.", "FaViT-B2"),
        ("We introduce a series of models, dubbed as **DotaFoo**.", "DotaFoo"),
        ("We propose Ladder Side-Tuning (LST), a new technique.", "Ladder Side-Tuning"),
    ],
)
def test_proposal_rules(nlp, abstract: str, name: str) -> None:
    assert name in _proposed(_extract(nlp, abstract))


@pytest.mark.parametrize(
    ("abstract", "name"),
    [
        ("By introducing skip connections in Conditional Random Field (CRF), we gain accuracy.", "CRF"),
        ("This work challenges the common design philosophy of the Vision Transformer (ViT) model.", "ViT"),
        ("In this survey, we propose a RAG task taxonomy.", "RAG"),
        ("We explore multiple approaches, namely MSE regression and diffusion.", "MSE"),
        ("We propose a BERT-based tagger for news.", "BERT"),
    ],
)
def test_known_names_used_in_passing_are_not_proposed(nlp, abstract: str, name: str) -> None:
    assert name not in _proposed(_extract(nlp, abstract))


def test_variants_of_proposed_names_are_proposed(nlp) -> None:
    ext = _extract(nlp, "We propose ZorbLM, a family of math models. ZorbLM-7B reaches 44.6% on MATH.")
    assert {"ZorbLM", "ZorbLM-7B"} <= _proposed(ext)


def test_acronym_and_long_form_are_one_entity(nlp) -> None:
    ext = _extract(nlp, "We propose Ladder Side-Tuning (LST), a new technique. LST cuts memory.")
    [entity] = [e for e in ext.entities if "LST" in e.aliases]
    assert "Ladder Side-Tuning" in entity.aliases


def test_title_and_abstract_share_entities(nlp) -> None:
    ext = _extract(nlp, "CFZorb has 500 prompts. We test ten models on CFZorb.",
                   title="CFZorb: A Constraints Following Benchmark for LLMs")
    assert {e.label for e in ext.entities if e.name == "CFZorb"} == {"Benchmark"}
    assert "PROPOSES" in _types(ext, "CFZorb")


# ------------------------------------------------------------------------------ provenance
def test_variant_of_edges_carry_their_sentence(nlp) -> None:
    abstract = "We study chat. We fine-tune Llama-2-7B on chat data."
    ext = _extract(nlp, abstract)
    variants = [r for r in ext.relations if r.type == "VARIANT_OF"]
    assert variants
    for r in variants:
        assert r.section == "abstract" and r.evidence == "We fine-tune Llama-2-7B on chat data."
        assert abstract[r.start : r.end] in r.evidence


@pytest.mark.parametrize("surface", ["pass@1", "pass@10", "pass@100", "pass@k"])
def test_pass_at_k_is_a_metric_without_family(surface: str) -> None:
    c = canonicalize(surface, "Metric")
    assert (c.label, c.family, c.parent) == ("Metric", None, None)


def test_metrics_get_no_variant_of(nlp) -> None:
    ext = _extract(nlp, "We report pass@100 of 80% on HumanEval.")
    assert not [r for r in ext.relations if r.type == "VARIANT_OF"]


def test_title_relations_have_title_offsets(nlp) -> None:
    title = "FooNet: Faster Nets"
    ext = _extract(nlp, "We propose FooNet. It beats BERT.", title=title)
    for r in ext.relations:
        if r.section == "title":
            assert title[r.start : r.end] == "FooNet" and r.evidence == title


# ------------------------------------------------------------------------------ relation cues
@pytest.mark.parametrize(
    ("abstract", "surface", "rtype"),
    [
        ("Speech recognition is hard. We propose FooNet.", "Speech recognition", "ADDRESSES"),
        ("Models are big. In this paper, we tackle machine translation for rare languages.",
         "machine translation", "ADDRESSES"),
        ("Models are big. We use LoRA to adapt them.", "LoRA", "USES"),
    ],
)
def test_relation_cues_match(nlp, abstract: str, surface: str, rtype: str) -> None:
    assert rtype in _types(_extract(nlp, abstract), surface)


@pytest.mark.parametrize(
    ("abstract", "surface", "rtype"),
    [
        ("We propose FooNet. Prior systems were also tried on question answering.", "question answering",
         "ADDRESSES"),
        ("We propose FooNet. Earlier systems relied on LoRA with small data.", "LoRA", "USES"),
        ("We propose FooNet. We measure accuracy on GSM8K.", "accuracy", "USES"),
    ],
)
def test_relation_cues_do_not_match(nlp, abstract: str, surface: str, rtype: str) -> None:
    assert rtype not in _types(_extract(nlp, abstract), surface)


# ------------------------------------------------------------------------------ name shapes
@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Compared to Swin-T, it is faster.", "Swin-T"),
        ("We use ViT-B for the backbone.", "ViT-B"),
        ("Use GPT-4 and ResNet-50.", "ResNet-50"),
        ("We fine-tune Llama-2-7B. It works.", "Llama-2-7B"),
    ],
)
def test_name_shapes_letter_sizes_and_sentence_end(nlp, text: str, surface: str) -> None:
    assert surface in {m.text for m in nlp(text)._.paperkg_mentions}


@pytest.mark.parametrize(
    ("text", "surface"), [("Table-S shows results.", "Table-S"), ("Use BERT-Base-X2y.", "BERT-Base-X2y")]
)
def test_name_shapes_do_not_overreach(nlp, text: str, surface: str) -> None:
    assert surface not in {m.text for m in nlp(text)._.paperkg_mentions}


# ------------------------------------------------------------------------------ unnamed methods
@pytest.mark.parametrize(
    ("abstract", "phrase"),
    [
        ("To train it, we propose output space shaping to refine the outputs.", "output space shaping"),
        ("We propose a more efficient pre-training task called replaced token detection.", "replaced token detection"),
        ("To resolve this we introduce instruction prompt tuning, a light approach.", "instruction prompt tuning"),
    ],
)
def test_unnamed_methods_in_lower_case_are_proposed(nlp, abstract: str, phrase: str) -> None:
    assert phrase in _proposed(_extract(nlp, abstract))


@pytest.mark.parametrize(
    ("abstract", "phrase"),
    [
        ("We propose large language models for everything.", "large language models"),
        ("We present results on reading comprehension tasks.", "results"),
        ("We propose simple training.", "simple training"),
    ],
)
def test_lower_case_phrases_that_are_not_methods(nlp, abstract: str, phrase: str) -> None:
    assert phrase not in _proposed(_extract(nlp, abstract))


def test_a_verb_after_that_starts_no_method_phrase(nlp) -> None:
    # the tagger reads "enforces" as a plural noun here; after "that" it is a verb
    ext = _extract(nlp, "We use a learning method that enforces adaptation.")
    assert not any("enforces" in e.name for e in ext.entities)


# ------------------------------------------------------------------------------ results
@pytest.mark.parametrize(
    "abstract",
    [
        "FooNet surpasses Vicuna-13B by more than 100% on BIG-Bench Hard.",
        "FooNet improves accuracy on GSM8K by 22%.",
        "FooNet gives a 7% higher accuracy on GSM8K.",
        "FooNet is +12% on GSM8K.",
        "FooNet reaches a gain of 12% over BarNet on GSM8K.",
        "On GSM8K, FooNet brings an improvement of 3.2 points over BarNet.",
    ],
)
def test_results_skip_relative_gains(nlp, abstract: str) -> None:
    assert not [r for r in _extract(nlp, abstract).relations if r.type == "REPORTS"]


def test_results_keep_absolute_values_and_top1(nlp) -> None:
    ext = _extract(nlp, "FooNet reaches 87.1% top-1 accuracy on ImageNet.")
    [report] = [r for r in ext.relations if r.type == "REPORTS"]
    assert (report.props["value"], report.props["metric"]) == (87.1, "top-1 accuracy")


@pytest.mark.parametrize(("text", "surface", "label"), [
    ("We fine-tune KLUE-RoBERTa on the task.", "KLUE-RoBERTa", "Model"),  # the benchmark is only a modifier
    ("We compare with NAS-BERT here.", "NAS-BERT", "Model"),
])
def test_hyphen_compound_takes_the_type_of_its_last_known_part(nlp, text: str, surface: str, label: str) -> None:
    ext = _extract(nlp, text)
    assert {e.label for e in ext.entities if e.name == surface} == {label}
