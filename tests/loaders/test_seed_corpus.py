"""The real seed corpus: 405 distinct papers.

How 405 was counted: the four daily-papers pages hold 10 + 211 + 82 + 85 = 388 title/abstract
pairs with 367 distinct titles (17 papers appear on two or three pages); the table holds 39 arXiv
ids, one of which (2402.14905, MobileLLM) is also on a page with the same abstract up to spacing.
367 + 39 - 1 = 405.
"""

from __future__ import annotations

import re

import pytest

from paperkg.loaders import read_corpus
from paperkg.loaders.hf_daily import is_chrome

SEED_PAPERS = 405


@pytest.fixture(scope="module")
def corpus(seed_dir):
    return read_corpus([seed_dir])


def test_seed_corpus_has_every_distinct_paper_once(corpus):
    assert len(corpus.papers) == SEED_PAPERS
    assert len({p.id for p in corpus.papers}) == SEED_PAPERS
    assert corpus.records_read == 388 + 39
    assert corpus.duplicates_merged == 388 + 39 - SEED_PAPERS
    assert not corpus.skipped


def test_seed_formats_are_sniffed_from_content(corpus):
    formats = {path.rsplit("/", 1)[-1][:3]: fmt for path, fmt in corpus.files.items()}
    assert formats == {"000": "hf-daily", "001": "hf-daily", "002": "hf-table",
                       "003": "hf-daily", "004": "hf-daily"}


def test_page_chrome_is_never_a_title(corpus):
    titles = [p.title for p in corpus.papers if p.title]
    assert not [t for t in titles if is_chrome(t) or t.startswith("Subscribe") or "trending" in t]
    assert "Small Models, Big Insights: Leveraging Slim Proxy Models To Decide When and What to Retrieve for LLMs" in titles


def test_every_table_arxiv_id_is_kept(corpus, seed_dir):
    table = next(seed_dir.glob("002_*"))
    ids = set(re.findall(r"^(\d{4}\.\d{4,5}) \|", table.read_text(encoding="utf-8"), re.M))
    assert len(ids) == 39
    assert ids <= {p.arxiv_id for p in corpus.papers}


def test_papers_from_several_files_are_merged_with_all_sources(corpus):
    by_title = {p.title: p for p in corpus.papers}
    crafted = by_title["CRAFT: Customizing LLMs by Creating and Retrieving from Specialized Toolsets"]
    assert sorted(s.rsplit("/", 1)[-1][:3] for s in crafted.sources) == ["000", "003", "004"]
    mobile = next(p for p in corpus.papers if p.arxiv_id == "2402.14905")
    assert mobile.title.startswith("MobileLLM") and mobile.id == "paper:arxiv:2402.14905"
    assert len(mobile.sources) == 2


def test_abstract_junk_prefix_is_gone(corpus):
    assert not [p for p in corpus.papers if p.abstract.startswith("sec:")]


def test_ids_are_stable_across_runs(corpus, seed_dir):
    again = read_corpus([seed_dir])
    assert [p.id for p in again.papers] == [p.id for p in corpus.papers]
