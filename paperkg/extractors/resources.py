"""The data files behind the extractor: lexicon entries, the stop list and the type nouns.

Everything here is plain data shipped in ``paperkg/extractors/data`` and read once per process.
Users extend it with their own files, named in environment variables (``os.pathsep``-separated):

- ``PAPERKG_LEXICON``: more JSONL lexicon files (``{"label", "name", "aliases", "family"?}``);
- ``PAPERKG_STOPLIST``: more stop-list text files (one generic phrase a line, ``#`` comments).

>>> any(e.name == "GSM8K" for e in lexicon_entries())
True
>>> "large language models" in stoplist()
True
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from paperkg.errors import InputError
from paperkg.graph.schema import ENTITY_LABELS

__all__ = [
    "LexiconEntry",
    "lexicon_entries",
    "stoplist",
    "word_list",
    "not_name_words",
    "type_nouns",
    "definition_type_nouns",
    "parse_lexicon",
    "read_lexicon",
]

_DATA = "data"
_LEXICON_FILES = (
    "lexicon_models.jsonl",
    "lexicon_methods.jsonl",
    "lexicon_datasets.jsonl",
    "lexicon_benchmarks.jsonl",
    "lexicon_tasks.jsonl",
    "lexicon_metrics.jsonl",
)


@dataclass(frozen=True)
class LexiconEntry:
    """One curated thing: its label, canonical name, every alias, and (models) its family."""

    label: str
    name: str
    aliases: tuple[str, ...]
    family: str | None = None


def _package_text(name: str) -> str:
    return resources.files("paperkg.extractors").joinpath(_DATA, name).read_text("utf-8")


def _words(text: str) -> set[str]:
    """The lower-cased words of a word-list file: one a line, ``#`` starts a comment."""
    return {w for w in (line.split("#", 1)[0].strip().lower() for line in text.splitlines()) if w}


@lru_cache(maxsize=16)
def word_list(name: str) -> frozenset[str]:
    """The words of the packaged word-list file ``data/<name>`` (``verbs.txt``, ``method_stop.txt`` ...)."""
    return frozenset(_words(_package_text(name)))


def _env_paths(var: str) -> list[Path]:
    return [Path(p) for p in os.environ.get(var, "").split(os.pathsep) if p.strip()]


def parse_lexicon(lines: list[str] | tuple[str, ...], location: str = "<lexicon>") -> list[LexiconEntry]:
    """Parse JSONL lexicon lines; a bad line is an InputError naming ``location:line``.

    >>> parse_lexicon(['{"label": "Model", "name": "X-1", "aliases": ["X1"]}'])[0].aliases
    ('X-1', 'X1')
    """
    out = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            rec = json.loads(line)
            label, name = rec["label"], rec["name"]
        except (ValueError, KeyError, TypeError) as err:
            raise InputError(f"bad lexicon line ({err})", f"{location}:{number}") from err
        if label not in ENTITY_LABELS:
            raise InputError(f"unknown label {label!r}", f"{location}:{number}")
        aliases = tuple(dict.fromkeys([name, *rec.get("aliases", ())]))
        out.append(LexiconEntry(label, name, aliases, rec.get("family")))
    return out


def read_lexicon(path: str | Path) -> list[LexiconEntry]:
    """Read one JSONL lexicon file."""
    path = Path(path)
    return parse_lexicon(path.read_text("utf-8").splitlines(), str(path))


@lru_cache(maxsize=1)
def lexicon_entries() -> tuple[LexiconEntry, ...]:
    """Every lexicon entry: the package's files, then the user's (``PAPERKG_LEXICON``)."""
    entries: list[LexiconEntry] = []
    for name in _LEXICON_FILES:
        entries.extend(parse_lexicon(_package_text(name).splitlines(), name))
    for path in _env_paths("PAPERKG_LEXICON"):
        entries.extend(read_lexicon(path))
    return tuple(entries)


@lru_cache(maxsize=1)
def stoplist() -> frozenset[str]:
    """Lower-cased generic phrases that are never entities."""
    texts = [_package_text("stoplist.txt")] + [p.read_text("utf-8") for p in _env_paths("PAPERKG_STOPLIST")]
    return frozenset(w for text in texts for w in _words(text))


@lru_cache(maxsize=1)
def not_name_words() -> frozenset[str]:
    """Lower-cased capitalised words that are no name of a data collection alone ("Chinese", "New")."""
    return word_list("not_name_words.txt")


@lru_cache(maxsize=1)
def type_nouns() -> dict[str, str]:
    """Lower-case head noun -> label (``"benchmark"`` -> ``"Benchmark"``)."""
    data = json.loads(_package_text("type_nouns.json"))
    out: dict[str, str] = {}
    for label, nouns in data.items():
        if label.startswith("_"):
            continue
        for noun in nouns:
            out.setdefault(noun.lower(), label)
    return out


@lru_cache(maxsize=1)
def definition_type_nouns() -> dict[str, str]:
    """:func:`type_nouns` and the nouns that type a name only in its definition (``"resource"``)."""
    data = json.loads(_package_text("type_nouns.json"))["_after_definitions"]
    extra = {noun.lower(): label for label, nouns in data.items() if not label.startswith("_") for noun in nouns}
    return {**extra, **type_nouns()}
