"""Records made by quick_init's __init__ behave as the dataclass-generated one would make them."""

from __future__ import annotations

import dataclasses
import inspect
import pickle

import pytest

from paperkg.extractors.mentions import Candidate, Hit, Mention
from paperkg.extractors.normalize import Canonical
from paperkg.records import Entity, Extraction, Paper, Relation, Skipped, quick_init

RECORDS = [Paper, Entity, Relation, Extraction, Skipped, Candidate, Mention, Hit, Canonical]


@pytest.mark.parametrize("cls", RECORDS, ids=lambda c: c.__name__)
def test_quick_init_takes_the_parameters_the_dataclass_declares(cls: type) -> None:
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    fields = dataclasses.fields(cls)
    assert [p.name for p in params] == [f.name for f in fields]
    assert [p.default for p in params] == [
        inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default for f in fields
    ]


def test_records_are_still_frozen_equal_hashable_and_picklable() -> None:
    relation = Relation("USES", "paper:x", "model:bert", "paper:x", start=3, end=7, rule="cue_use")
    assert relation == Relation("USES", "paper:x", "model:bert", paper="paper:x", start=3, end=7, rule="cue_use")
    assert hash(relation) == hash(dataclasses.replace(relation))
    assert pickle.loads(pickle.dumps(relation)) == relation
    with pytest.raises(dataclasses.FrozenInstanceError):
        relation.start = 5  # type: ignore[misc]
    with pytest.raises(TypeError):
        Relation("USES", "paper:x")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Candidate(0, 3, "Model", "lexicon", 50, False, "one too many")  # type: ignore[call-arg]


def test_post_init_still_runs() -> None:
    paper = Paper("A title", "An abstract.", arxiv_id="2401.00001")
    assert paper.id == "paper:arxiv:2401.00001"
    assert dataclasses.replace(paper, arxiv_id=None, id="").id.startswith("paper:title:")


def test_classes_it_cannot_rewrite_are_left_as_they_are() -> None:
    @dataclasses.dataclass(frozen=True)
    class WithFactory:
        items: list = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True, slots=True)
    class WithSlots:
        x: int

    @dataclasses.dataclass
    class NotFrozen:
        x: int

    for cls in (WithFactory, WithSlots, NotFrozen):
        init = cls.__init__
        assert quick_init(cls).__init__ is init
