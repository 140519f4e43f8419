"""Task names that only modify the next noun ("classification accuracy", "QA-pairs") are no task mentions."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from paperkg.extractors import load_pipeline
from paperkg.extractors.tasks import task_as_modifier


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


@pytest.fixture(scope="module")
def fast_nlp() -> Language:
    return load_pipeline(fast=True)


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("the classification accuracy drops", 2, True),
        ("an audio super-resolution method", 5, True),
        ("automatically generated QA-pairs", 3, True),
        ("MRC systems fall behind", 1, True),
        ("we study classification .", 3, False),
        ("question answering and summarization", 2, False),
        ("QA - pairs", 1, False),  # a spaced dash is no compound
        ("speech recognition models", 2, False),  # kept: "models" is in keep below
    ],
)
def test_task_as_modifier_cases(blank: Language, text: str, end: int, expected: bool) -> None:
    doc = blank(text)
    assert task_as_modifier(doc, end, frozenset({"models"})) is expected


@pytest.mark.parametrize(
    ("text", "task", "found"),
    [
        ("We improve machine translation on ten language pairs.", "machine translation", True),
        ("We build better machine translation systems.", "machine translation", False),
        ("The classification accuracy improves by 3 points.", "classification", False),
        ("We release 65M automatically generated QA-pairs.", "QA", False),
        ("We evaluate on extractive QA.", "QA", True),
    ],
)
def test_task_modifier_lexicon_candidates(fast_nlp: Language, text: str, task: str, found: bool) -> None:
    doc = fast_nlp(text)
    tasks = {doc.text[c.start : c.end] for c in doc._.paperkg_candidates if c.label == "Task"}
    assert (task in tasks) is found


@pytest.mark.parametrize(
    ("text", "task", "found"),
    [
        ("In regression tasks the data is skewed.", "regression", True),
        ("We use it for regression and classification.", "regression", True),
        ("Current methods do not allow for efficient extrapolation.", "extrapolation", True),
        ("We study length extrapolation in transformers.", "length extrapolation", True),
        ("We fit a logistic regression on the features.", "logistic regression", False),
        ("We apply spectral clustering to the graph.", "spectral clustering", False),
    ],
)
def test_task_bare_heads(fast_nlp: Language, text: str, task: str, found: bool) -> None:
    doc = fast_nlp(text)
    tasks = {doc.text[c.start : c.end] for c in doc._.paperkg_candidates if c.label == "Task"}
    assert (task in tasks) is found


@pytest.mark.parametrize(
    ("text", "task", "found"),
    [
        ("Our models solve complex reasoning tasks.", "reasoning", True),
        ("It also works well for comprehension tasks.", "comprehension", True),
        ("It sets a new record on sentence-pair regression tasks.", "sentence-pair regression", True),
        ("We study reasoning in small models.", "reasoning", False),
        ("We use it for inference on phones.", "inference", False),
    ],
)
def test_task_before_task_word(fast_nlp: Language, text: str, task: str, found: bool) -> None:
    doc = fast_nlp(text)
    tasks = {doc.text[c.start : c.end] for c in doc._.paperkg_candidates if c.label == "Task"}
    assert (task in tasks) is found


@pytest.mark.parametrize(
    ("text", "task"),
    [
        ("We evaluate on four benchmark question answering datasets.", "question answering"),
        ("It wins on three representative text mining tasks.", "text mining"),
    ],
)
def test_task_generic_modifiers_trimmed(fast_nlp: Language, text: str, task: str) -> None:
    doc = fast_nlp(text)
    tasks = {doc.text[c.start : c.end] for c in doc._.paperkg_candidates if c.label == "Task"}
    assert task in tasks and not any(t.split()[0] in ("benchmark", "representative") for t in tasks)


@pytest.mark.parametrize(
    ("text", "task", "found"),
    [
        ("Classifiers are trained for predicting missing features in an instance.", "predicting missing features", True),
        ("They are not suitable for use in forecasting tourism demand.", "forecasting tourism demand", True),
        ("We are interested in generating coherent and accurate answers.", "generating coherent", False),
        ("Predicting prices is hard.", "Predicting prices", False),  # no preposition before it
        ("We report results for predicting quickly.", "predicting quickly", False),
    ],
)
def test_gerund_tasks(fast_nlp: Language, text: str, task: str, found: bool) -> None:
    doc = fast_nlp(text)
    tasks = {doc.text[c.start : c.end] for c in doc._.paperkg_candidates if c.label == "Task"}
    assert (task in tasks) is found


@pytest.mark.parametrize(
    ("text", "task"),
    [
        # without a tagger, verbs, number words and prepositions are known words, not modifiers
        ("This design facilitates parallel entity extraction.", "entity extraction"),
        ("We conduct college-level scientific reasoning.", "college-level scientific reasoning"),
        ("It improves eight commonsense reasoning datasets.", "commonsense reasoning"),
        ("We compare the model at code completion.", "code completion"),
        ("We study integrating natural language reasoning.", "natural language reasoning"),
    ],
)
def test_fast_mode_task_phrases_start_at_a_modifier(fast_nlp: Language, text: str, task: str) -> None:
    doc = fast_nlp(text)
    tasks = {doc.text[m.start : m.end] for m in doc._.paperkg_mentions if m.entity.label == "Task"}
    assert tasks == {task}


def test_verb_list_covers_inflected_forms() -> None:
    from paperkg.extractors.tasks import verb_forms

    assert {"facilitates", "conducting", "integrated"} <= verb_forms(["facilitate", "conduct", "integrate"])


@pytest.mark.parametrize(
    ("text", "tasks"),
    [
        ("It works on the tasks of saliency, gaze calibration and denoising, with our data.",
         {"saliency", "gaze calibration", "denoising"}),
        ("It helps tasks such as summarization and machine translation.", {"summarization", "machine translation"}),
        # a named task in the list is the lexicon's; the list goes on after it
        ("It helps tasks like NER, gene tagging and relation extraction.", {"gene tagging", "relation extraction"}),
    ],
)
def test_tasks_listed_after_tasks(nlp, fast_nlp: Language, text: str, tasks: set[str]) -> None:
    from paperkg.extractors.tasks import listed_tasks

    for pipeline in (nlp, fast_nlp):
        doc = pipeline(text)
        at = next(t.i for t in doc if t.lower_ == "tasks")
        assert {doc[a:b].text for a, b in listed_tasks(doc, at)} == tasks


@pytest.mark.parametrize(
    "text",
    [
        "Tasks of this kind are hard.",  # no list
        "On tasks such as reasoning degrade fastest under pruning.",  # the item runs past the list
        "Results on tasks of the benchmark improve.",
    ],
)
def test_no_tasks_listed(fast_nlp: Language, text: str) -> None:
    from paperkg.extractors.tasks import listed_tasks

    doc = fast_nlp(text)
    assert [doc[a:b].text for t in doc if t.lower_ == "tasks" for a, b in listed_tasks(doc, t.i)] == []


@pytest.mark.parametrize(
    ("text", "task"),
    [
        # a known task with a domain in front is a narrower task; the known name's own words need not be modifiers
        ("It helps in biomedical named entity recognition and biomedical relation extraction.",
         {"biomedical named entity recognition", "biomedical relation extraction"}),
        ("It helps in named entity recognition.", {"named entity recognition"}),
        ("It helps the named entity recognition of text.", {"named entity recognition"}),
    ],
)
def test_known_tasks_take_their_modifiers(nlp, fast_nlp: Language, text: str, task: set[str]) -> None:
    for pipeline in (nlp, fast_nlp):
        doc = pipeline(text)
        assert {doc.text[m.start : m.end] for m in doc._.paperkg_mentions if m.entity.label == "Task"} == task
        # "named" starts a known name here, it does not name what follows
        assert not any(c.rule == "def_called" for c in doc._.paperkg_candidates)


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("These models show impressive few-shot learning abilities.", "few-shot learning"),
        ("It fails in single turn question answering formats.", "question answering"),
        ("Small models give inaccurate text classification here.", "text classification"),
        ("The deployment necessitates careful hyperparameter optimization.", "hyperparameter optimization"),
    ],
)
def test_praise_and_verbs_do_not_extend_a_phrase(nlp, fast_nlp: Language, text: str, mention: str) -> None:
    """Words that judge ("impressive"), count ("single turn") or act ("necessitates") are not part of the name."""
    for pipeline in (nlp, fast_nlp):
        found = {m.text for m in pipeline(text)._.paperkg_mentions}
        assert mention in found and not any(f.endswith(mention) and f != mention for f in found)
