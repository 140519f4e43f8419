"""The GSAP-NER and SciER readers on small hand-made lines, and on the real files if present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paperkg.errors import InputError
from paperkg.evaluation.datasets import (
    detokenize,
    eval_data_dir,
    parse_gsap,
    parse_scier,
    read_gsap,
    read_scier,
)
from paperkg.evaluation.scoring import Span


def gsap_line(text: str, entities: list[tuple[str, str]], paper: str = "p1") -> str:
    ents = [{"start": text.index(s), "end": text.index(s) + len(s), "label": label, "text": s}
            for s, label in entities]
    return json.dumps({"paper": paper, "arxiv_id": "2101.00001", "title": "T",
                       "abstract": text, "entities": ents})


def test_datasets_gsap_maps_and_ignores_labels() -> None:
    text = "Our model QuuxNet uses a CNN on the ZedSet data for parsing, see https://x.org."
    line = gsap_line(text, [("Our model", "MLModelGeneric"), ("QuuxNet", "MLModel"),
                            ("CNN", "ModelArchitecture"), ("ZedSet", "Dataset"),
                            ("ZedSet", "Task"), ("parsing", "Task"), ("https://x.org", "URL"),
                            ("the ZedSet data", "DatasetGeneric")])
    (doc,) = parse_gsap([line])
    assert doc.doc_id == "p1" and doc.arxiv_id == "2101.00001"
    assert [(text[s.start:s.end], s.label) for s in doc.mentions] == [
        ("QuuxNet", "Model"), ("CNN", "Method"), ("ZedSet", "Dataset"), ("ZedSet", "Task"),
        ("parsing", "Task")]
    assert {s.label for s in doc.ignored} == {"MLModelGeneric", "URL", "DatasetGeneric"}


@pytest.mark.parametrize(("line", "message"), [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "expected a JSON object"),
    ('{"paper": "p", "entities": []}', "missing key 'abstract'"),
    ('{"paper": "p", "abstract": "abc", "entities": [{"start": 0, "end": 9, "label": "Task"}]}',
     "outside the text"),
    ('{"paper": "p", "abstract": "abc", "entities": [{"start": 0, "end": 2, "label": "Foo"}]}',
     "unknown GSAP-NER label"),
    ('{"paper": "p", "abstract": "abc", "entities": [{"end": 2}]}', "needs start, end, label"),
])
def test_datasets_gsap_bad_lines_name_their_location(line: str, message: str) -> None:
    good = gsap_line("Fine text.", [])
    with pytest.raises(InputError, match=message) as info:
        list(parse_gsap([good, "", line], source="g.jsonl"))
    assert str(info.value).startswith("g.jsonl:3: ")
    assert "\n" not in str(info.value)


def test_datasets_gsap_paragraphs_and_a_bad_span_skipped_with_a_note() -> None:
    text = "We fine-tune QuuxNet on ZedSet."
    line = json.dumps({"id": "p1|text_unit_3", "paper": "p1", "text": text, "entities": [
        {"start": 13, "end": 20, "label": "MLModel"}, {"start": 9, "end": 9, "label": "Task"},
        {"start": 24, "end": 30, "label": "Dataset"}]})
    notes: list[str] = []
    (doc,) = parse_gsap([line], source="par.jsonl", on_note=notes.append)
    assert doc.doc_id == "p1|text_unit_3"
    assert [(text[s.start:s.end], s.label) for s in doc.mentions] == [("QuuxNet", "Model"), ("ZedSet", "Dataset")]
    assert notes == ["par.jsonl:1: entity offsets 9:9 outside the text (31 chars); entity skipped"]


def scier_line(sentences: list[list[str]], ner: list, relations: list) -> str:
    return json.dumps({"doc_id": "s1", "sentences": sentences, "ner": ner,
                       "relations": relations})


def test_datasets_scier_offsets_and_relation_mapping() -> None:
    sentences = [["We", "train", "Foo", "-", "Net", "on", "QSet", "for", "tagging", "."],
                 ["Foo", "-", "Net", "beats", "BarNet", "on", "RSet", "."]]
    ner = [[[2, 4, "Method"], [6, 6, "Dataset"], [8, 8, "Task"]],
           [[10, 12, "Method"], [14, 14, "Method"], [16, 16, "Dataset"]]]
    relations = [[[2, 4, 6, 6, "Trained-With"], [2, 4, 8, 8, "Used-For"]],
                 [[10, 12, 14, 14, "Compare-With"], [10, 12, 16, 16, "Evaluated-With"],
                  [10, 12, 2, 4, "Synonym-Of"]]]
    (doc,) = parse_scier([scier_line(sentences, ner, relations)])
    assert doc.text == "We train Foo-Net on QSet for tagging. Foo-Net beats BarNet on RSet."
    assert [(doc.text[s.start:s.end], s.label) for s in doc.mentions] == [
        ("Foo-Net", "Method"), ("QSet", "Dataset"), ("tagging", "Task"), ("Foo-Net", "Method"),
        ("BarNet", "Method"), ("RSet", "Dataset")]
    rels = sorted((doc.text[s.start:s.end], s.start, s.label) for s in doc.relation_spans)
    assert [(t, label) for t, _, label in rels] == [
        ("BarNet", "COMPARES_WITH"), ("Foo-Net", "USES"), ("QSet", "USES"),
        ("RSet", "EVALUATES_ON")]


@pytest.mark.parametrize(("ner", "relations", "message"), [
    ([[[0, 5, "Method"]]], [[]], "outside the document"),
    ([[[0, 0, "Metric"]]], [[]], "unknown SciER entity label"),
    ([[[0, 0]]], [[]], "bad ner item"),
    ([[[0, 0, "Method"]]], [[[0, 0, 1]]], "bad relation item"),
])
def test_datasets_scier_bad_lines(ner: list, relations: list, message: str) -> None:
    with pytest.raises(InputError, match=message) as info:
        list(parse_scier([scier_line([["A", "b"]], ner, relations)], source="s.jsonl"))
    assert str(info.value).startswith("s.jsonl:1: ")


def test_datasets_detokenize_offsets_point_at_tokens() -> None:
    tokens = ["(", "a", ")", "state", "-", "of", "-", "the", "-", "art", "BERT", "'s", "F1", "."]
    text, offsets = detokenize(tokens)
    assert text == "(a) state-of-the-art BERT's F1."
    assert [text[s:e] for s, e in offsets] == tokens


DATA = eval_data_dir()


@pytest.mark.skipif(not (DATA / "gsap-ner").is_dir(), reason=f"no GSAP-NER data at {DATA}")
def test_datasets_read_real_gsap_abstracts() -> None:
    docs = list(read_gsap(DATA / "gsap-ner" / "jsonl" / "abstracts.jsonl"))
    assert len(docs) == 94
    assert all(isinstance(s, Span) and 0 <= s.start < s.end <= len(d.text)
               for d in docs for s in d.mentions)
    assert {s.label for d in docs for s in d.mentions} == {"Model", "Method", "Dataset", "Task"}


@pytest.mark.skipif(not (DATA / "scier").is_dir(), reason=f"no SciER data at {DATA}")
@pytest.mark.parametrize(("name", "docs", "entities"), [("test", 10, 2948),
                                                         ("test_ood", 6, 1295)])
def test_datasets_read_real_scier(name: str, docs: int, entities: int) -> None:
    read = list(read_scier(Path(DATA) / "scier" / "PLM" / f"{name}.jsonl"))
    assert len(read) == docs
    assert sum(len(d.mentions) for d in read) == entities  # the README's counts
