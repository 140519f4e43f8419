"""A content-hash cache of extractions, so a rebuild only extracts new or changed abstracts.

Entries are keyed by a hash of the paper's id, title and abstract; the whole cache is tied to a
fingerprint of the extractor (its code, its data files, the spaCy pipeline name and mode), so
changing any of those starts afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path

from paperkg.records import Entity, Extraction, Paper, Relation

__all__ = ["ExtractionCache", "extractor_fingerprint", "paper_key"]


def paper_key(paper: Paper) -> str:
    """Hash of what the extractor reads from a paper.

    >>> paper_key(Paper(title="T", abstract="A.")) == paper_key(Paper(title="T", abstract="A."))
    True
    """
    text = "\x1f".join((paper.id, paper.title or "", paper.abstract))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def extractor_fingerprint(pipeline: str, fast: bool) -> str:
    """Hash of the extractor's code and data files plus the pipeline name and mode."""
    import paperkg.extractors

    digest = hashlib.sha1(f"{pipeline}|{fast}".encode())
    root = Path(paperkg.extractors.__file__).parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".jsonl", ".json", ".txt"):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _to_json(extraction: Extraction) -> dict:
    return asdict(extraction)


def _from_json(data: dict) -> Extraction:
    entities = tuple(Entity(**{**e, "aliases": tuple(e["aliases"])}) for e in data["entities"])
    relations = tuple(
        Relation(**{**r, "properties": tuple((k, v) for k, v in r["properties"])})
        for r in data["relations"]
    )
    return Extraction(data["paper_id"], entities, relations)


class ExtractionCache:
    """Extractions on disk under ``directory``, one JSON Lines file per extractor fingerprint."""

    def __init__(self, directory: str | os.PathLike[str], fingerprint: str) -> None:
        self.path = Path(directory) / f"extractions-{fingerprint}.jsonl"
        self.entries: dict[str, Extraction] = {}
        self.hits = 0
        if self.path.exists():
            with open(self.path, encoding="utf-8") as handle:
                for line in handle:
                    try:
                        row = json.loads(line)
                        self.entries[row["key"]] = _from_json(row["extraction"])
                    except (json.JSONDecodeError, KeyError, TypeError):
                        continue  # a damaged line is just a cache miss

    def get(self, paper: Paper) -> Extraction | None:
        found = self.entries.get(paper_key(paper))
        if found is not None:
            self.hits += 1
        return found

    def put(self, paper: Paper, extraction: Extraction) -> None:
        self.entries[paper_key(paper)] = extraction

    def save(self, keep: set[str] | None = None) -> Path:
        """Write the cache atomically, keeping only ``keep`` keys if given."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for old in self.path.parent.glob("extractions-*.jsonl"):
            if old != self.path:
                old.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for key, extraction in self.entries.items():
                if keep is None or key in keep:
                    handle.write(json.dumps({"key": key, "extraction": _to_json(extraction)},
                                            ensure_ascii=False) + "\n")
        os.replace(tmp, self.path)
        return self.path
