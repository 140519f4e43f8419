"""Extraction throughput on the seed corpus: abstracts/s and words/s for four configurations.

1. the bare ``en_core_web_sm`` pipeline (``nlp.pipe``, all its components);
2. paperkg's default pipeline (Extractor: tok2vec, tagger, senter, tag -> POS lookup + paperkg components);
3. paperkg's fast mode (blank tokenizer, sentencizer + paperkg components);
4. a blank English tokenizer alone.

All four read the same text per paper: its title, a blank line and its abstract, which is what paperkg
reads (``Extractor.make_doc``). Each round times one pass of each configuration in a new Python process
(loaded, then warmed up on five texts: as in a new ``paperkg build``); the figures are each configuration's
median over the rounds, since one pass on a shared machine can be off by 15% or more; the fast / blank
ratio of each round is printed too (the two are timed seconds apart).

Run: ``.venv/bin/python benchmarks/extract_speed.py [SEED_DIR] [--rounds N]`` (default 3 rounds).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from paperkg.extractors import Extractor, load_pipeline
from paperkg.extractors.pipeline import DEFAULT_PIPELINE
from paperkg.loaders import read_corpus
from paperkg.records import Paper

NAMES = {
    "bare": "bare en_core_web_sm (all components)",
    "default": "paperkg default",
    "fast": "paperkg fast",
    "blank": "blank English tokenizer",
}


def _seconds(run: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    run()
    return time.perf_counter() - t0


def time_one(name: str, papers: list[Paper], texts: list[str]) -> float:
    """Seconds for one pass of configuration ``name`` over the corpus, loaded in this process and warmed up
    on five texts (what loads lazily); called in a fresh process for each measurement."""
    if name == "bare":
        nlp = spacy.load(DEFAULT_PIPELINE)
    elif name in ("default", "fast"):
        extractor = Extractor(load_pipeline(fast=name == "fast"))
        list(extractor.extract(papers[:5]))
        return _seconds(lambda: list(extractor.extract(papers)))
    else:
        nlp = spacy.blank("en")
    list(nlp.pipe(texts[:5]))
    return _seconds(lambda: list(nlp.pipe(texts, batch_size=64)))


def one_round(seed_dir: Path) -> dict[str, float]:
    """Seconds for one cold pass of each configuration, each in a new Python process (nothing cached from
    another configuration's pass: tokenizer caches, vocabularies, paperkg's per-process caches)."""
    out = {}
    for name in NAMES:
        run = subprocess.run(
            [sys.executable, __file__, str(seed_dir), "--only", name], capture_output=True, text=True, check=True
        )
        out[name] = float(run.stdout.split()[-1])
    return out


def main(seed_dir: Path, rounds: int) -> None:
    papers: list[Paper] = list(read_corpus([seed_dir]).papers)
    texts = [Extractor.paper_text(p) for p in papers]
    n, words = len(texts), sum(len(t.split()) for t in texts)
    print(f"{n} papers (title and abstract), {words} words from {seed_dir}; median of {rounds} rounds")
    times: dict[str, list[float]] = {name: [] for name in NAMES}
    for r in range(rounds):
        for name, seconds in one_round(seed_dir).items():
            times[name].append(seconds)
        print(f"round {r + 1}: " + ", ".join(f"{name} {n / times[name][-1]:.1f}/s" for name in NAMES), flush=True)
    rate = {name: n / statistics.median(times[name]) for name in NAMES}
    for name, label in NAMES.items():
        print(f"{label:<38} {rate[name]:9.1f} abstracts/s {rate[name] * words / n:11.0f} words/s")
    print(
        f"default / bare = {rate['default'] / rate['bare']:.2f}x (target >= 2); "
        f"fast / blank = {rate['fast'] / rate['blank']:.0%} (target >= 50%)"
    )
    # each round times fast mode and the blank tokenizer within seconds of each other, so a round's ratio
    # is less at the mercy of a machine that slows down and speeds up than the ratio of the medians
    ratios = [blank / fast for fast, blank in zip(times["fast"], times["blank"], strict=True)]
    print(
        "fast / blank per round: " + " ".join(f"{r:.0%}" for r in ratios)
        + f" (median {statistics.median(ratios):.0%}, lowest {min(ratios):.0%})"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed_dir", nargs="?", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "seeds")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", choices=list(NAMES), help="time one configuration in this process, print seconds")
    args = parser.parse_args()
    if args.only:
        corpus = list(read_corpus([args.seed_dir]).papers)
        print(time_one(args.only, corpus, [Extractor.paper_text(p) for p in corpus]))
    else:
        main(args.seed_dir, args.rounds)
