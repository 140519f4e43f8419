"""Read many files into one set of distinct Papers, merging the same paper met several times.

Two records are the same paper when they share an arXiv id, else a normalized title, else a
normalized abstract (letters and digits only, so glued words and spacing do not matter).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from paperkg.errors import InputError, NoUsableInputError
from paperkg.loaders.sniff import reader_for, sniff_format
from paperkg.records import Paper, Skipped, normalize_text, normalize_title

__all__ = ["Corpus", "read_corpus", "iter_files", "merge_papers"]

_ABSTRACT_PREFIX = 300


@dataclass
class Corpus:
    """What reading the corpus gave: distinct papers plus everything worth reporting."""

    papers: list[Paper]
    records_read: int = 0
    duplicates_merged: int = 0
    files: dict[str, str] = field(default_factory=dict)  # path -> format
    skipped: list[Skipped] = field(default_factory=list)  # records skipped or warned about
    failed_files: list[str] = field(default_factory=list)  # one-line errors for unreadable files

    def skip_reasons(self) -> Counter[str]:
        return Counter(note.reason for note in self.skipped)


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """Files under the given paths (directories recursively, hidden files skipped), sorted."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                and not any(part.startswith(".") for part in p.relative_to(path).parts)))
        elif path.is_file():
            files.append(path)
        else:
            raise InputError("no such file or directory", str(path))
    return files


def _keys(paper: Paper) -> list[str]:
    keys = []
    if paper.arxiv_id:
        keys.append(f"arxiv:{paper.arxiv_id}")
    if paper.title and normalize_title(paper.title):
        keys.append(f"title:{normalize_title(paper.title)}")
    text = normalize_text(paper.abstract)
    if text:
        keys.append(f"abstract:{text}")
        if len(text) >= _ABSTRACT_PREFIX:
            keys.append(f"abstract-start:{text[:_ABSTRACT_PREFIX]}")
    return keys


def merge_papers(records: Iterable[Paper]) -> tuple[list[Paper], int]:
    """Merge records of the same paper; returns (distinct papers in first-seen order, merges)."""
    slots: list[Paper | None] = []
    index: dict[str, int] = {}
    merges = 0
    for paper in records:
        keys = _keys(paper)
        hits = sorted({index[k] for k in keys if k in index})
        if not hits:
            slot = len(slots)
            slots.append(paper)
            for key in keys:
                index[key] = slot
            continue
        else:
            merges += 1
            slot = hits[0]
            merged = slots[slot]
            assert merged is not None
            for other in hits[1:]:  # the new record links two papers seen apart before
                absorbed = slots[other]
                assert absorbed is not None
                merged = merged.merged_with(absorbed)
                slots[other] = None
                merges += 1
            merged = merged.merged_with(paper)
            slots[slot] = merged
        for key in _keys(slots[slot]):  # type: ignore[arg-type]
            index[key] = slot
    return [p for p in slots if p is not None], merges


def read_corpus(paths: Iterable[str | os.PathLike[str]], *, columns: Mapping[str, str] | None = None,
                on_note: Callable[[str], None] | None = None) -> Corpus:
    """Read every file under ``paths`` into a Corpus of distinct Papers.

    A file that cannot be read is reported (``on_note`` gets a one-line message) and the rest go
    on; a broken record is reported and skipped. Raises NoUsableInputError if nothing was read.
    """
    records: list[Paper] = []
    corpus = Corpus(papers=[])
    report = on_note or (lambda message: None)
    for path in iter_files(paths):
        try:
            fmt = sniff_format(path, columns)
            corpus.files[str(path)] = fmt
            for record in reader_for(fmt, columns)(path):
                if isinstance(record, Skipped):
                    corpus.skipped.append(record)
                    report(str(record))
                else:
                    records.append(record)
        except InputError as err:
            corpus.failed_files.append(str(err))
            corpus.skipped.append(Skipped(err.location or str(path), _reason(err), str(err)))
            report(str(err))
        except UnicodeDecodeError as err:
            message = f"{path}: bad encoding ({err.reason})"
            corpus.failed_files.append(message)
            corpus.skipped.append(Skipped(str(path), "bad encoding", message))
            report(message)
    corpus.records_read = len(records)
    corpus.papers, corpus.duplicates_merged = merge_papers(records)
    if not corpus.papers:
        detail = "; ".join(corpus.failed_files[:3]) or "no paper records found"
        raise NoUsableInputError(f"nothing usable was read ({detail})")
    return corpus


def _reason(err: InputError) -> str:
    message = str(err)
    if "empty file" in message:
        return "empty file"
    if "format" in message or "matches no" in message:
        return "unknown format"
    return "unreadable file"
