"""Each loader on small hand-made inputs, found by content whatever the file is called."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from paperkg.loaders import read_corpus, reader_for, sniff_format
from paperkg.records import Paper, Skipped

LONG = ("We introduce a tiny test model that learns to rank citations from text alone, and show "
        "that it beats strong baselines on three new benchmarks while using far fewer parameters "
        "than previous systems, which makes it cheap to run on a laptop.")
LONG2 = LONG.replace("tiny test model", "second probe network")


def records(path: Path) -> tuple[list[Paper], list[Skipped]]:
    out = list(reader_for(sniff_format(path))(path))
    return [r for r in out if isinstance(r, Paper)], [r for r in out if isinstance(r, Skipped)]


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- Hugging Face daily-papers pages
def test_hf_daily_page_chrome_is_never_a_paper(tmp_path):
    page = write(tmp_path, "page.csv", "\n\n".join([
        "new", "Get trending papers in your email inbox!", "Subscribe",
        "byAK and the research community", "Mar 14", "First Paper: A Title", LONG,
        "Second Paper", LONG2]))
    papers, skipped = records(page)
    assert sniff_format(page) == "hf-daily"
    assert [p.title for p in papers] == ["First Paper: A Title", "Second Paper"]
    assert papers[0].abstract == LONG and not skipped


def test_hf_daily_without_blank_lines_and_glued_subscribe(tmp_path):
    page = write(tmp_path, "x.json", "\n".join([
        "Get trending papers in your email inbox once a day!",
        "SubscribeGlued Title: Starts Right After The Button", LONG, "Next One", LONG2]))
    papers, _ = records(page)
    assert [p.title for p in papers] == ["Glued Title: Starts Right After The Button", "Next One"]


def test_hf_daily_abstract_junk_prefix_is_removed(tmp_path):
    page = write(tmp_path, "p.txt", f"Some Title\n\nsec:abstract {LONG}\n")
    papers, _ = records(page)
    assert papers[0].abstract == LONG


def test_hf_daily_title_without_abstract_is_reported_with_its_line(tmp_path):
    page = write(tmp_path, "p.txt", f"Good Title\n{LONG}\nOrphan Title\nAnother Title\n{LONG2}\nLast Title\n")
    papers, skipped = records(page)
    assert [p.title for p in papers] == ["Good Title", "Another Title"]
    assert [(s.location, s.reason) for s in skipped] == [
        (f"{page}:3", "no abstract"), (f"{page}:6", "no abstract")]


# ---------------------------------------------------------------- dataset-viewer table
TABLE_HEAD = "arxiv_id\nstringlengths 10\n12\n| abstract\nstringlengths 459\n2.2k\n|\n---|---|\n"


def test_hf_table_rows_span_several_lines(tmp_path):
    table = write(tmp_path, "t.txt", TABLE_HEAD
                  + f"2401.00001 | {LONG[:LONG.index(' and ')]}\n{LONG[LONG.index(' and ') + 1:]} |\n2401.00002v2 | {LONG2} |\n")
    papers, skipped = records(table)
    assert sniff_format(table) == "hf-table"
    assert [p.arxiv_id for p in papers] == ["2401.00001", "2401.00002"]
    assert papers[0].abstract == LONG and papers[0].title is None and not skipped


def test_hf_table_row_cut_in_half_is_reported_and_others_kept(tmp_path):
    table = write(tmp_path, "t.txt", TABLE_HEAD
                  + "2401.00001 | We introduce a model that\n2401.00002 | " + LONG2 + " |\n"
                  + "2401.00003 |  |\n")
    papers, skipped = records(table)
    assert [p.arxiv_id for p in papers] == ["2401.00002"]
    assert [(s.location, s.reason) for s in skipped] == [
        (f"{table}:9", "truncated row"), (f"{table}:11", "no abstract")]


# ---------------------------------------------------------------- tables through pandas
def test_csv_with_usual_columns(tmp_path):
    path = tmp_path / "papers.data"
    pd.DataFrame({"title": ["A", "B"], "abstract": [LONG, ""], "arxiv_id": ["2401.00001", "2401.00002"],
                  "authors": ["Ann; Bob", "Cy"], "categories": ["cs.CL cs.LG", "cs.CV"]}).to_csv(path, index=False)
    papers, skipped = records(path)
    assert sniff_format(path) == "csv"
    assert papers[0].authors == ("Ann", "Bob") and papers[0].categories == ("cs.CL", "cs.LG")
    assert [(s.location, s.reason) for s in skipped] == [(f"{path}:record 2", "no abstract")]


def test_tsv_with_summary_column(tmp_path):
    path = write(tmp_path, "x.csv", f"id\ttitle\tsummary\n2401.00009\tT\t{LONG}\n")
    papers, _ = records(path)
    assert sniff_format(path) == "tsv" and papers[0].arxiv_id == "2401.00009"


def test_column_mapping_option_reads_other_names(tmp_path):
    path = write(tmp_path, "x.csv", f"headline,body\nA mapped title,\"{LONG}\"\n")
    corpus = read_corpus([path], columns={"title": "headline", "abstract": "body"})
    assert corpus.papers[0].title == "A mapped title"


def test_jsonl_broken_line_is_reported_and_the_rest_kept(tmp_path):
    path = write(tmp_path, "x.txt", "\n".join([
        json.dumps({"title": "A", "abstract": LONG}), '{"title": "B", "abstract": ',
        json.dumps({"title": "C", "summary": LONG2})]) + "\n")
    papers, skipped = records(path)
    assert sniff_format(path) == "jsonl"
    assert [p.title for p in papers] == ["A", "C"]
    assert [(s.location, s.reason) for s in skipped] == [(f"{path}:2", "broken JSON line")]


def test_json_array(tmp_path):
    path = write(tmp_path, "x.jsonl", json.dumps([{"title": "A", "abstract": LONG, "doi": "10.48550/arXiv.2401.00005"}]))
    papers, _ = records(path)
    assert sniff_format(path) == "json" and papers[0].arxiv_id == "2401.00005"


def test_parquet(tmp_path):
    path = tmp_path / "x.csv"
    pd.DataFrame({"title": ["A"], "abstract": [LONG], "id": ["2401.00007"]}).to_parquet(path)
    papers, _ = records(path)
    assert sniff_format(path) == "parquet" and papers[0].arxiv_id == "2401.00007"


# ---------------------------------------------------------------- arXiv and OpenAlex
def test_arxiv_snapshot_line(tmp_path):
    row = {"id": "2401.00011", "submitter": "Ann", "authors": "Ann Lee and Bo Chen",
           "title": "A\n  Wrapped Title", "abstract": "  " + LONG.replace(". ", ".\n "),
           "categories": "cs.CL cs.AI", "versions": [{"version": "v1", "created": "Mon, 1 Jan 2024"}],
           "update_date": "2024-01-02", "authors_parsed": [["Lee", "Ann", ""], ["Chen", "Bo", ""]]}
    path = write(tmp_path, "snap.json", json.dumps(row) + "\n")
    papers, _ = records(path)
    assert sniff_format(path) == "arxiv-snapshot"
    assert papers[0].title == "A Wrapped Title" and papers[0].abstract == LONG
    assert papers[0].authors == ("Ann Lee", "Bo Chen") and papers[0].categories == ("cs.CL", "cs.AI")


ATOM = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <title>arXiv Query</title>
  <entry>
    <id>http://arxiv.org/abs/2401.00021v1</id>
    <published>2024-01-01T00:00:00Z</published>
    <title>An Atom
      Title</title>
    <summary>{summary}</summary>
    <author><name>Ann Lee</name></author>
    <category term="cs.CL" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
  <entry>
    <id>http://arxiv.org/abs/2401.00022v1</id>
    <title>No summary here</title>
    <summary></summary>
  </entry>
</feed>
"""


def test_arxiv_atom_feed(tmp_path):
    path = write(tmp_path, "feed.csv", ATOM.format(summary=LONG))
    papers, skipped = records(path)
    assert sniff_format(path) == "arxiv-atom"
    assert papers[0].arxiv_id == "2401.00021" and papers[0].title == "An Atom Title"
    assert papers[0].authors == ("Ann Lee",) and papers[0].categories == ("cs.CL",)
    assert [s.reason for s in skipped] == ["no abstract"]


def test_openalex_work_rebuilds_abstract_and_keeps_references(tmp_path):
    words = LONG.split()
    index: dict[str, list[int]] = {}
    for position, word in enumerate(words):
        index.setdefault(word, []).append(position)
    work = {"id": "https://openalex.org/W123", "title": "OA Title", "abstract_inverted_index": index,
            "doi": "https://doi.org/10.48550/arxiv.2401.00031",
            "referenced_works": ["https://openalex.org/W1", "https://openalex.org/W2"],
            "authorships": [{"author": {"display_name": "Ann Lee"}}], "publication_date": "2024-01-01"}
    path = write(tmp_path, "works.txt", json.dumps(work) + "\n")
    papers, _ = records(path)
    assert sniff_format(path) == "openalex-jsonl"
    paper = papers[0]
    assert paper.abstract == LONG and paper.arxiv_id == "2401.00031" and paper.openalex_id == "W123"
    assert paper.references == ("openalex:W1", "openalex:W2")
    single = write(tmp_path, "one.json", json.dumps({"results": [work]}))
    assert sniff_format(single) == "openalex-json" and records(single)[0][0].abstract == LONG
