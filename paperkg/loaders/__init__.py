"""Loaders: corpus files -> Paper records, one module per format, chosen by content."""

from __future__ import annotations

from paperkg.loaders.corpus import Corpus, iter_files, merge_papers, read_corpus
from paperkg.loaders.sniff import FORMATS, reader_for, sniff_format

__all__ = ["Corpus", "read_corpus", "iter_files", "merge_papers", "sniff_format", "reader_for",
           "FORMATS", "read_papers"]


def read_papers(path):  # noqa: ANN001, ANN201 - convenience for one file
    """Papers (not Skipped notes) from one file, format sniffed.

    >>> callable(read_papers)
    True
    """
    from paperkg.records import Paper

    return [r for r in reader_for(sniff_format(path))(path) if isinstance(r, Paper)]
