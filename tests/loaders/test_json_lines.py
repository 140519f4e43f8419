"""Every JSON Lines reader shares parse_json_lines: a broken line is named ``file:line`` in one line.

The corpus reader reports it and keeps the rest; the annotated-data readers stop with an InputError.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from paperkg.errors import InputError
from paperkg.evaluation.datasets import read_gsap, read_scier
from paperkg.evaluation.seeds import read_seed_gold
from paperkg.loaders.tabular import read_jsonl
from paperkg.records import Paper, Skipped

from .test_formats import LONG, LONG2

BROKEN = '{"title": "B", "abstract": '


@pytest.mark.parametrize(("read", "good"), [
    (read_gsap, {"paper": "p1", "abstract": "abc", "entities": []}),
    (read_scier, {"doc_id": "d1", "sentences": [["abc"]], "ner": [[]]}),
    (read_seed_gold, {"arxiv_id": "2311.08526", "entities": [], "relations": []}),
], ids=["gsap", "scier", "seed-gold"])
def test_json_lines_annotated_readers_raise_one_line_naming_file_and_line(
        tmp_path: Path, read: Callable[[Path], object], good: dict) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join([json.dumps(good), "", BROKEN]) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        list(read(path))  # type: ignore[call-overload]
    assert str(info.value).startswith(f"{path}:3: not valid JSON (")
    assert "\n" not in str(info.value)


def test_json_lines_corpus_reader_skips_the_broken_line_and_keeps_notes_in_line_order(tmp_path: Path) -> None:
    path = tmp_path / "papers.jsonl"
    lines = [json.dumps({"title": "Caf\u00e9", "abstract": LONG}).encode("utf-8").replace(b"\\u00e9", b"\xe9"),
             b"", BROKEN.encode(), json.dumps({"title": "C", "abstract": LONG2}).encode()]
    path.write_bytes(b"\n".join(lines) + b"\n")
    records = list(read_jsonl(path))
    assert [type(r).__name__ for r in records] == ["Skipped", "Paper", "Skipped", "Paper"]
    encoding, first, broken, last = records
    assert isinstance(encoding, Skipped) and (encoding.location, encoding.reason) == (f"{path}:1", "bad encoding")
    assert isinstance(first, Paper) and isinstance(last, Paper) and (first.title, last.title) == ("Café", "C")
    assert isinstance(broken, Skipped) and str(broken).startswith(f"{path}:3: skipped (broken JSON line): ")
    assert "\n" not in str(broken)
