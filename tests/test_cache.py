"""The extraction cache: a rebuild only extracts new or changed abstracts, with the same result."""

from __future__ import annotations

from paperkg.graph.build import build

PAGE = """First Title: A Model
We propose FooNet, a compact model that we evaluate on GSM8K and compare with GPT-2 across many settings and sizes of training data. FooNet needs far less memory than earlier models of its size and trains in a day on one machine, which makes it easy to study.

Second Title
We fine-tune Llama 2 with LoRA and reach 61% on GSM8K, which is better than earlier work by a wide margin on every split. The recipe is simple, uses public data only, and transfers to two other model families without any change to its settings.
"""


def test_rebuild_reuses_unchanged_extractions(tmp_path, nlp):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "page.txt").write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out"
    first = build([corpus], out_dir=out, nlp=nlp, write_store=False, write_html=False)
    assert "extraction cache: 0 reused, 2 extracted" in first.notes
    (corpus / "page.txt").write_text(PAGE.replace("61%", "62%"), encoding="utf-8")
    second = build([corpus], out_dir=out, nlp=nlp, write_store=False, write_html=False)
    assert "extraction cache: 1 reused, 1 extracted" in second.notes
    third = build([corpus], out_dir=out, nlp=nlp, write_store=False, write_html=False)
    assert "extraction cache: 2 reused, 0 extracted" in third.notes
    assert third.graph.counts_by_type() == second.graph.counts_by_type()
    assert sorted(third.graph.graph.edges(keys=True)) == sorted(second.graph.graph.edges(keys=True))
