"""Extraction throughput on the seed corpus: abstracts/s and words/s for four configurations.

1. the bare ``en_core_web_sm`` pipeline (``nlp.pipe``, all its components);
2. paperkg's default pipeline (Extractor: tok2vec, tagger, senter, tag -> POS lookup + paperkg components);
3. paperkg's fast mode (blank tokenizer, sentencizer + paperkg components);
4. a blank English tokenizer alone.

All four read the same text per paper: its title, a blank line and its abstract, which is what paperkg
reads (``Extractor.make_doc``). Each round times one pass of each configuration in a new Python process
(loaded, then warmed up on five texts: as in a new ``paperkg build``). A pass on a shared machine can be
off by a third or more (other work takes the CPU), so each configuration gets two figures over the rounds:
its best pass, the one least disturbed (as ``timeit`` reports the minimum), and its median pass; the
fast / blank ratio of each round is printed too (the two are timed seconds apart).

Seconds wander with the machine's load; ``--instructions`` also counts the CPU instructions of one cold pass of fast
mode and of the blank tokenizer under valgrind, which do not (a few minutes; valgrind must be installed).

Run: ``.venv/bin/python benchmarks/extract_speed.py [SEED_DIR] [--rounds N] [--instructions]`` (default 5 rounds).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
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


def time_one(name: str, papers: list[Paper], texts: list[str], passes: int = 1) -> float:
    """Seconds for ``passes`` passes (one, or none: set-up only) of configuration ``name`` over the corpus,
    loaded in this process and warmed up on five texts (what loads lazily); called in a fresh process for
    each measurement."""
    if name == "bare":
        nlp = spacy.load(DEFAULT_PIPELINE)
    elif name in ("default", "fast"):
        extractor = Extractor(load_pipeline(fast=name == "fast"))
        list(extractor.extract(papers[:5]))
        return sum(_seconds(lambda: list(extractor.extract(papers))) for _ in range(passes))
    else:
        nlp = spacy.blank("en")
    list(nlp.pipe(texts[:5]))
    return sum(_seconds(lambda: list(nlp.pipe(texts, batch_size=64))) for _ in range(passes))


def count_instructions(seed_dir: Path, name: str) -> int:
    """CPU instructions of one cold pass of configuration ``name``, counted by valgrind (callgrind): a run that
    sets up and makes the pass less a run that only sets up (same hash seed, so the same set-up work). Unlike
    seconds, the count does not change with the machine's load: it is the steady measure of what a change saves,
    though not of seconds (Python code gets through fewer instructions a second than the tokenizer's C)."""
    counts = []
    for passes in (1, 0):
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, __file__,
             str(seed_dir), "--only", name, "--passes", str(passes)],
            capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"},
        )
        collected = re.search(r"Collected : (\d+)", run.stderr)
        if collected is None:
            raise SystemExit(f"valgrind printed no instruction count for {name}:\n{run.stderr[-2000:]}")
        counts.append(int(collected.group(1)))
    return counts[0] - counts[1]


def print_instructions(seed_dir: Path) -> None:
    """Instructions per cold pass of fast mode and the blank tokenizer, and their ratio."""
    if shutil.which("valgrind") is None:
        raise SystemExit("--instructions needs valgrind (apt-get install valgrind)")
    counts = {name: count_instructions(seed_dir, name) for name in ("fast", "blank")}
    print(
        f"instructions per pass (callgrind): fast {counts['fast'] / 1e9:.2f}e9, blank {counts['blank'] / 1e9:.2f}e9; "
        f"fast / blank = {counts['blank'] / counts['fast']:.0%} (as speeds: fewer instructions, faster)"
    )


def one_round(seed_dir: Path, order: list[str]) -> dict[str, float]:
    """Seconds for one cold pass of each configuration, in ``order``, each in a new Python process (nothing
    cached from another configuration's pass: tokenizer caches, vocabularies, paperkg's per-process caches)."""
    out = {}
    for name in order:
        run = subprocess.run(
            [sys.executable, __file__, str(seed_dir), "--only", name], capture_output=True, text=True, check=True
        )
        out[name] = float(run.stdout.split()[-1])
    return out


def main(seed_dir: Path, rounds: int) -> None:
    papers: list[Paper] = list(read_corpus([seed_dir]).papers)
    texts = [Extractor.paper_text(p) for p in papers]
    n, words = len(texts), sum(len(t.split()) for t in texts)
    print(f"{n} papers (title and abstract), {words} words from {seed_dir}; {rounds} rounds")
    times: dict[str, list[float]] = {name: [] for name in NAMES}
    for r in range(rounds):
        # every other round in reverse order: a machine that speeds up or slows down within a round favours
        # neither the configurations timed first nor those timed last
        order = list(NAMES) if r % 2 == 0 else list(reversed(NAMES))
        for name, seconds in one_round(seed_dir, order).items():
            times[name].append(seconds)
        print(f"round {r + 1}: " + ", ".join(f"{name} {n / times[name][-1]:.1f}/s" for name in NAMES), flush=True)
    best = {name: n / min(times[name]) for name in NAMES}
    typical = {name: n / statistics.median(times[name]) for name in NAMES}
    print(f"{'':<38} {'best pass':>39} {'median pass':>39}")
    for name, label in NAMES.items():
        print(
            f"{label:<38} {best[name]:9.1f} abstracts/s {best[name] * words / n:9.0f} words/s"
            f" {typical[name]:9.1f} abstracts/s {typical[name] * words / n:9.0f} words/s"
        )
    print(
        f"default / bare = {best['default'] / best['bare']:.2f}x best, "
        f"{typical['default'] / typical['bare']:.2f}x median (target >= 2)"
    )
    # each round times fast mode and the blank tokenizer within seconds of each other, so a round's ratio
    # is less at the mercy of a machine that slows down and speeds up than the ratio of the medians
    ratios = [blank / fast for fast, blank in zip(times["fast"], times["blank"], strict=True)]
    print(
        f"fast / blank = {best['fast'] / best['blank']:.0%} best, {typical['fast'] / typical['blank']:.0%} median "
        f"(target >= 50%); per round: " + " ".join(f"{r:.0%}" for r in ratios)
        + f" (median {statistics.median(ratios):.0%}, lowest {min(ratios):.0%})"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("seed_dir", nargs="?", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "seeds")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--instructions", action="store_true",
                        help="also count fast mode's and the blank tokenizer's instructions a pass (needs valgrind; minutes)")
    parser.add_argument("--only", choices=list(NAMES), help="time one configuration in this process, print seconds")
    parser.add_argument("--passes", type=int, default=1, help=argparse.SUPPRESS)  # 0: set-up only (--instructions)
    args = parser.parse_args()
    if args.only:
        corpus = list(read_corpus([args.seed_dir]).papers)
        print(time_one(args.only, corpus, [Extractor.paper_text(p) for p in corpus], args.passes))
    else:
        main(args.seed_dir, args.rounds)
        if args.instructions:
            print_instructions(args.seed_dir)
