"""Normalization: one canonical entity per thing, sized/versioned models linked to their family.

Rules plus alias data (the lexicon files, extensible by the user, see :mod:`.resources`):

- a *surface key* folds case, hyphens, spaces, underscores and a plural ``s``
  (``LLaMA-2`` = ``Llama 2`` = ``llama2``; ``GANs`` = ``GAN``);
- a key found among the aliases gives the curated entity;
- a model shape ``<known model><size/variant suffixes>`` (``Llama-2-7B``, ``Qwen2.5-72B-Instruct``,
  ``T5-XXL``, ``Mistral 7B``) gives a variant whose family is the root of the known model;
- anything else keeps its own display name, with an id made from it.

Different things stay apart because their keys differ (``gpt2`` / ``gpt3``, ``t5`` / ``mt5``).
:func:`canonicalize` is the entry point; graph-level entity resolution can reuse it.

>>> canonicalize("LLaMA-2", "Model").id
'model:llama-2'
>>> c = canonicalize("Llama-2-7B", "Model")
>>> (c.id, c.name, c.family, c.params, c.parent)
('model:llama-2-7b', 'Llama-2-7B', 'LLaMA', '7B', 'Llama 2')
>>> canonicalize("gpt2", "Model").name
'GPT-2'
>>> canonicalize("T5", "Model").id != canonicalize("mT5", "Model").id
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from paperkg.extractors.resources import LexiconEntry, lexicon_entries
from paperkg.graph.schema import entity_id
from paperkg.records import quick_init

__all__ = [
    "Canonical",
    "AliasTable",
    "alias_table",
    "canonicalize",
    "new_name",
    "entity_key",
    "surface_key",
    "split_model_shape",
    "SIZE_WORDS",
]

#: Variant words that may follow a model name (``T5-XXL``, ``Phi-3-mini``, ``Llama-2-7B-chat``).
SIZE_WORDS = (
    "base",
    "large",
    "small",
    "mini",
    "medium",
    "tiny",
    "nano",
    "micro",
    "xl",
    "xxl",
    "xxxl",
    "huge",
    "giant",
    "instruct",
    "instruction",
    "chat",
    "it",
    "hf",
    "coder",
    "code",
    "math",
    "vision",
    "turbo",
    "pro",
    "ultra",
    "flash",
    "lite",
    "plus",
    "max",
    "preview",
    "sft",
    "dpo",
    "rlhf",
    "base-v2",
    "uncased",
    "cased",
    "distilled",
    "moe",
    "v1",
    "v2",
    "v3",
    "v4",
    "v5",
    "v1.5",
    "v2.5",
    "sonnet",
    "opus",
    "haiku",
)
_PARAMS = r"\d+(?:\.\d+)?\s?[BMKT]|\d+x\d+(?:\.\d+)?[BM]"
_SUFFIX_RE = re.compile(
    rf"(?:[-\s_]?(?P<params>{_PARAMS})\b|[-\s_](?P<word>{'|'.join(re.escape(w) for w in SIZE_WORDS)})\b)$",
    re.IGNORECASE,
)
_KEY_GAPS = re.compile(r"[\s\-_/'’()]+")  # what a surface key folds away
_ID_GAPS = re.compile(r"[^a-z0-9.+]+")  # what an id key turns into one hyphen
_SPACES = re.compile(r"\s+")


def collapse_spaces(text: str) -> str:
    """Each run of whitespace as one space (``\\s+`` -> " "). Most names have only single spaces, and
    every whitespace character but the space is unprintable: those names are returned as they are.

    >>> collapse_spaces("Llama  2"), collapse_spaces("Llama\\n2"), collapse_spaces("Llama 2")
    ('Llama 2', 'Llama 2', 'Llama 2')
    """
    if text.isprintable() and "  " not in text:
        return text
    return _SPACES.sub(" ", text)


@quick_init
@dataclass(frozen=True)
class Canonical:
    """What a surface form stands for: id, label, display name, and for models family/params.

    ``parent`` is the known model a variant was made from (``Llama 2`` for ``Llama-2-7B``),
    ``family`` the root of its family (``LLaMA``); both are display names of Model entities.
    """

    id: str
    label: str
    name: str
    family: str | None = None
    params: str | None = None
    parent: str | None = None
    known: bool = False  # from the curated lexicon (or a variant of a curated model)


@lru_cache(maxsize=4096)
def _greek_word(char: str) -> str:
    """``φ`` -> ``phi``: a Greek letter spelled out, so ``LLaVA-$φ$`` keys like ``LLaVA-Phi``."""
    name = unicodedata.name(char, "")
    return name.rsplit(" ", 1)[-1].lower() if name.startswith("GREEK") and "LETTER" in name else char


def _fold(text: str) -> str:
    """NFKC, lower case, Greek letters spelled out, and no TeX math dollars (``$φ$``).

    >>> _fold("LLaVA-$φ$")
    'llava-phi'
    """
    if text.isascii():  # NFKC, "·", "’" and Greek letters only concern other text
        return text.replace("$", "").lower()
    text = unicodedata.normalize("NFKC", text).replace("·", "").replace("’", "'").replace("$", "")
    if not text.isascii():
        text = "".join(_greek_word(c) if ord(c) > 127 else c for c in text)
    return text.lower()


@lru_cache(maxsize=65536)
def surface_key(text: str) -> str:
    """Case, hyphen, space and underscore folded key of a surface form (cached).

    >>> surface_key("LLaMA-2") == surface_key("Llama 2") == surface_key("llama_2")
    True
    >>> surface_key("GPT-2") == surface_key("GPT-3")
    False
    """
    return _KEY_GAPS.sub("", _fold(text))


def entity_key(name: str) -> str:
    """The id key of a canonical display name: ``Long Range Arena`` -> ``long-range-arena``.

    >>> entity_key("Qwen2.5-72B-Instruct")
    'qwen2.5-72b-instruct'
    >>> entity_key("HumanEval+")
    'humaneval+'
    """
    key = _ID_GAPS.sub("-", _fold(name)).strip("-.")
    return key or "x"


class AliasTable:
    """Surface key -> lexicon entries (one key may name things of several labels, e.g. VQA).

    ``add`` registers more aliases at run time (an acronym learned from a long form).
    """

    def __init__(self, entries: tuple[LexiconEntry, ...] | list[LexiconEntry] = ()) -> None:
        self._by_key: dict[str, list[LexiconEntry]] = {}
        self._by_name: dict[tuple[str, str], LexiconEntry] = {}
        for entry in entries:
            self.add_entry(entry)

    def add_entry(self, entry: LexiconEntry) -> None:
        self._by_name.setdefault((entry.label, entry.name), entry)
        for alias in entry.aliases:
            bucket = self._by_key.setdefault(surface_key(alias), [])
            if entry not in bucket:
                bucket.append(entry)

    def add(self, alias: str, label: str, name: str) -> None:
        """Make ``alias`` another name of the entry ``(label, name)`` (created if new)."""
        entry = self._by_name.get((label, name)) or LexiconEntry(label, name, (name,))
        self.add_entry(LexiconEntry(entry.label, entry.name, (alias,), entry.family))

    def lookup(self, surface: str, label: str | None = None) -> LexiconEntry | None:
        """The entry a surface form names, preferring ``label``; plural ``s`` folded."""
        key = surface_key(surface)
        candidates = self._by_key.get(key)
        if not candidates and key.endswith("s") and len(key) > 3:
            candidates = self._by_key.get(key[:-1])
        if not candidates:
            return None
        if label:
            for entry in candidates:
                if entry.label == label:
                    return entry
        return candidates[0]

    def entry(self, label: str, name: str) -> LexiconEntry | None:
        return self._by_name.get((label, name))


_EMPTY_TABLE = AliasTable()


@lru_cache(maxsize=1)
def alias_table() -> AliasTable:
    """The process-wide table built from the lexicon files."""
    return AliasTable(lexicon_entries())


def _root_family(entry: LexiconEntry, table: AliasTable) -> str:
    seen = set()
    while entry.family and entry.family not in seen:
        seen.add(entry.family)
        parent = table.entry("Model", entry.family) or table.lookup(entry.family, "Model")
        if parent is None or parent.name == entry.name:
            return entry.family
        entry = parent
    return entry.name


def split_model_shape(surface: str) -> tuple[str, str | None, tuple[str, ...]]:
    """Split trailing size/variant suffixes off a model name: ``(base, params, words)``.

    >>> split_model_shape("Qwen2.5-72B-Instruct")
    ('Qwen2.5', '72B', ('Instruct',))
    >>> split_model_shape("Llama-3.1 405B")
    ('Llama-3.1', '405B', ())
    >>> split_model_shape("T5-XXL")
    ('T5', None, ('XXL',))
    """
    base, params, words = surface.strip(), None, []
    while True:
        m = _SUFFIX_RE.search(base)
        if not m or m.start() == 0:
            break
        if m.group("params"):
            if params is not None:
                break
            params = re.sub(r"\s", "", m.group("params")).upper().replace("X", "x")
        else:
            words.insert(0, m.group("word"))
        base = base[: m.start()].rstrip(" -_")
        if not base:
            break
    return base, params, tuple(words)


def canonicalize(surface: str, label: str | None = None, table: AliasTable | None = None) -> Canonical:
    """The canonical entity a surface form names (see the module docstring for the rules).

    ``label`` is the type the extractor believes; the lexicon's label wins for known names.

    >>> canonicalize("chain of thought", "Method").name
    'chain-of-thought'
    >>> canonicalize("Mistral 7B", "Model").family
    'Mistral'
    >>> canonicalize("GPT-4o").id
    'model:gpt-4o'
    >>> canonicalize("ReFT-X", "Method").id
    'method:reft-x'
    """
    if table is None:
        return _canonicalize_default(surface, label)
    return _canonicalize(surface, label, table)


def new_name(surface: str, label: str | None = None) -> Canonical:
    """The canonical entity of a name taken as new, whatever the lexicon knows by a similar key.

    >>> new_name("Meteor", "Model").id, canonicalize("Meteor").id
    ('model:meteor', 'metric:meteor')
    """
    return _canonicalize(surface, label, _EMPTY_TABLE)


@lru_cache(maxsize=65536)
def _canonicalize_default(surface: str, label: str | None) -> Canonical:
    return _canonicalize(surface, label, alias_table())


def _canonicalize(surface: str, label: str | None, table: AliasTable) -> Canonical:
    surface = collapse_spaces(surface.strip())
    entry = table.lookup(surface, label)
    if entry is not None:
        family = _root_family(entry, table) if entry.label == "Model" else None
        parent = entry.family if entry.family and entry.label == "Model" else None
        family = family if family != entry.name else None
        return Canonical(
            entity_id(entry.label, entity_key(entry.name)),
            entry.label,
            entry.name,
            family,
            None,
            parent,
            True,
        )
    if label in (None, "Model"):
        base, params, words = split_model_shape(surface)
        if base != surface and base:
            base_entry = table.lookup(base, "Model")
            if base_entry is not None and base_entry.label == "Model":
                root = _root_family(base_entry, table)
                suffix = "-".join(([params] if params else []) + list(words))
                name = f"{base_entry.name.replace(' ', '-')}-{suffix}"
                return Canonical(
                    entity_id("Model", entity_key(name)),
                    "Model",
                    name,
                    root,
                    params,
                    base_entry.name,
                    True,
                )
            if params:  # an unknown name with a size is a model of its own family
                name = f"{base}-{'-'.join([params, *words])}"
                return Canonical(entity_id("Model", entity_key(name)), "Model", name, base, params, base, False)
    label = label or "Method"
    name = surface
    return Canonical(entity_id(label, entity_key(name)), label, name, None, None, None, False)
