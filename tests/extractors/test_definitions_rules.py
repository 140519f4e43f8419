"""Definition rules, one case each: which name a sentence introduces, and which it only mentions."""

from __future__ import annotations

import pytest

from paperkg.extractors.abbreviations import find_long_form
from tests.extractors.helpers import entity_named as _entity
from tests.extractors.helpers import extract as _extract
from tests.extractors.helpers import proposed as _proposed


# ------------------------------------------------------------------------------ abbreviations
@pytest.mark.parametrize(
    ("short", "before", "long_form"),
    [
        ("S4", "We propose the Structured State Space sequence model", "Structured State Space sequence model"),
        ("H3", "a layer we call Hungry Hungry Hippo", "Hungry Hungry Hippo"),
        # digits repeat only a trailing letter of a short short form
        ("S4", "results on the sequential MNIST", None),
        ("S2L", "results on a new benchmark", None),
        # a digit may also stand for its number word: 2 = "to", 0 = "zero"
        ("S2L", "a selection method for SFT, SmallToLarge", "SmallToLarge"),
        ("0SHOT-TC", "Zero-shot text classification", "Zero-shot text classification"),
        ("4D", "we add a fourth dimension", "fourth dimension"),
        ("3D", "a new approach", None),
    ],
)
def test_digits_in_short_forms(short: str, before: str, long_form: str | None) -> None:
    assert find_long_form(short, before) == long_form


def test_an_acronym_of_a_known_long_form_is_an_alias_of_it(nlp) -> None:
    text = ("Zero-shot text classification (0SHOT-TC) is a challenging problem. "
            "We study 0SHOT-TC in three settings.")
    ext = _extract(nlp, text)
    assert _entity(ext, "0SHOT-TC").id == "task:zero-shot-text-classification"
    # both occurrences of the new acronym are mentions of the known task
    found = {text[r.start:r.end] for r in ext.relations
             if r.section == "abstract" and r.target == "task:zero-shot-text-classification"}
    assert found == {"Zero-shot text classification", "0SHOT-TC"}
    assert len({r.start for r in ext.relations if text[r.start:r.end] == "0SHOT-TC"}) == 2


# ------------------------------------------------------------------------------ proposals
@pytest.mark.parametrize(
    ("abstract", "proposed", "not_proposed"),
    [
        # the name right after the verb wins over an acronym defined later in the sentence
        ("In this paper, we present Zorb-Ganita, a 208 million parameter Auto Regressive (AR) decoder model.",
         "Zorb-Ganita", "AR"),
        # an acronym whose long form is the proposed phrase
        ("We propose the Gated Quux Kernel sequence model (GQK), which is fast.", "GQK", "sequence model"),
        # a Title-case word in parentheses names the phrase before it, back to the comma
        ("We present a new efficient LLVM, Zorb-based traversal of widgets (Quasar), which is small.",
         "Quasar", "LLVM"),
        # a short lower-case prefix glued to a capitalised word is part of the name
        ("To this end, we propose q-Zorb, a new meta learning method that enforces adaptation.", "q-Zorb",
         "enforces adaptation"),
        # "in this paper" between the verb and the name
        ("We propose in this paper Periodic Widget Primitives, a probabilistic framework.",
         "Periodic Widget Primitives", "probabilistic framework"),
        # "we refer to X as NAME"
        ("We refer to our recurrent architecture as Neural Widget Evolution (NWE).", "NWE", "recurrent architecture"),
        # "we define X (ACR)": only the acronym defined there is new
        ("We define the Widget Flow Ratio (WFR) to measure drift.", "WFR", "define"),
        # a Title-case word and a glued lower-case compound set off by a comma
        ("We introduce Zorb step-by-step, a new method for reasoning.", "Zorb step-by-step", "reasoning"),
    ],
)
def test_which_name_a_proposal_introduces(nlp, abstract: str, proposed: str, not_proposed: str) -> None:
    names = _proposed(_extract(nlp, abstract))
    assert proposed in names
    assert not_proposed not in names


def test_parenthesised_title_word_and_its_phrase_are_one_entity(nlp) -> None:
    ext = _extract(nlp, "We present a new efficient LLVM, Zorb-based traversal of widgets (Quasar), which is "
                        "small. Quasar wins.")
    assert "Zorb-based traversal of widgets" in _entity(ext, "Quasar").aliases


def test_weak_verb_without_acronym_proposes_nothing(nlp) -> None:
    assert _proposed(_extract(nlp, "We define the widget flow ratio as the mean of two counts.")) == set()


def test_a_proposed_name_the_lexicon_writes_otherwise_is_new(nlp) -> None:
    """"Meteor" in a title is the paper's model, not the METEOR metric the lexicon knows."""
    ext = _extract(nlp, "We present Meteor, a new vision language model. Meteor is small.",
                   title="Meteor: Traversal of Rationale for Vision Models")
    entity = _entity(ext, "Meteor")
    assert entity.label == "Model"
    assert entity.id == "model:meteor"


def test_the_lexicon_name_written_its_own_way_stays_known(nlp) -> None:
    ext = _extract(nlp, "We report METEOR and BLEU on the test set.")
    assert _entity(ext, "METEOR").label == "Metric"


def test_all_caps_title_name_and_abstract_name_are_one_entity(nlp) -> None:
    ext = _extract(nlp, "In this paper, we present Zorb-Ganita, a small math model. Zorb-Ganita is fast.",
                   title="ZORB-GANITA: Language Model with Math")
    entity = _entity(ext, "Zorb-Ganita")
    assert "ZORB-GANITA" in entity.aliases
    assert entity.name == "Zorb-Ganita"


# ------------------------------------------------------------------------------ appositives
@pytest.mark.parametrize(
    ("abstract", "name", "label"),
    [
        ("We train ZorbNet, a novel vision model for segmentation.", "ZorbNet", "Model"),
        ("Results use QuaxEval, a new benchmark of hard questions.", "QuaxEval", "Benchmark"),
    ],
)
def test_appositive_type_noun_gives_the_type(nlp, abstract: str, name: str, label: str) -> None:
    ext = _extract(nlp, abstract)
    assert _entity(ext, name).label == label
    assert name in _proposed(ext)


def test_appositive_without_type_noun_in_its_window_is_not_a_name(nlp) -> None:
    ext = _extract(nlp, "We thank ZorbNet, a colleague who read every draft of the paper and more.")
    assert "ZorbNet" not in _proposed(ext)


# ------------------------------------------------------------------------------ acronyms the text redefines
@pytest.mark.parametrize(
    ("abstract", "acronym", "entity_id"),
    [
        # the text's own long form wins over what the lexicon knows the acronym as
        ("In this work, we propose Chain of Widgets (CoT), a simple extension. CoT scales well.", "CoT",
         "method:chain-of-widgets"),
        # a long form that names the known thing keeps the lexicon's entity
        ("We use chain-of-thought prompting (CoT) with a small model. CoT helps.", "CoT", "method:chain-of-thought"),
        ("We fine-tune with Low-Rank Adaptation (LoRA). LoRA is cheap.", "LoRA", "method:lora"),
        # the lexicon does not spell HELM out, so no long form contradicts it
        ("We present Holistic Evaluation of Language Models (HELM) for transparency.", "HELM", "benchmark:helm"),
    ],
)
def test_an_acronym_means_what_the_text_defines(nlp, abstract: str, acronym: str, entity_id: str) -> None:
    assert _entity(_extract(nlp, abstract), acronym).id == entity_id


def test_an_acronym_defined_as_a_generic_phrase_is_no_entity(nlp) -> None:
    """"multimodal language model (MLM)" is a generic phrase here, not masked language modeling."""
    ext = _extract(nlp, "The backbone multimodal language model (MLM) is trained. The MLM answers.")
    assert not [e for e in ext.entities if "MLM" in e.aliases]


# ------------------------------------------------------------------------------ acronym types
@pytest.mark.parametrize(
    ("abstract", "acronym", "label"),
    [
        # the noun right after the parenthesis types the acronym, over the long form's last word
        ("We release the Quite Mixed Genre Inference (QMGI) corpus for training.", "QMGI", "Dataset"),
        # an appositive after it types an acronym whose long form says nothing
        ("We introduce Fairly Odd Questions (FOQ), a very large resource of 5M question-answer pairs.",
         "FOQ", "Dataset"),
        ("We introduce the Sparse Zig Format (SZF), a new compressed format and quantization technique.",
         "SZF", "Method"),
        # ... but not over a long form that names its type
        ("We introduce the Zed Reranker Benchmark (ZRB), a novel evaluation framework for retrievers.",
         "ZRB", "Benchmark"),
        # a type noun before "named" types the long form and its acronym
        ("We propose a general method named Quiet Pooling with Fuzzy Aggregation (QPFA) for clients.",
         "QPFA", "Method"),
        # the head of a long appositive after a proposed name types it
        ("We introduce ZorbNetX, an end-to-end trainable technique for small networks.", "ZorbNetX", "Method"),
        ("We present Quux, a simple yet strong sparse retrieval model for long queries.", "Quux", "Model"),
        ("We propose Zorbix, a novel solution for private tree training.", "Zorbix", "Method"),
    ],
)
def test_acronym_type_from_the_words_after_it(nlp, abstract: str, acronym: str, label: str) -> None:
    assert _entity(_extract(nlp, abstract), acronym).label == label


def test_resource_types_no_name_it_follows(nlp) -> None:
    ext = _extract(nlp, "Training needs large TPU resources and a lot of time.")
    assert all(e.label != "Dataset" for e in ext.entities)


def test_acronym_long_form_typed_by_the_known_name_it_ends_with(nlp) -> None:
    # "low-rank adaptation" is a known method; the long form names a kind of it
    entity = _entity(_extract(nlp, "We train a sparse low-rank adaptation (SLRA) on the clients."), "SLRA")
    assert entity.label == "Method" and "sparse low-rank adaptation" in entity.aliases
