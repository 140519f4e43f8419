"""Print how long each build stage takes on the seed corpus, and how loaders scale.

Run: .venv/bin/python benchmarks/build_speed.py [--seeds ../shared/seeds] [--records 100000]

1. `paperkg build` on the seed corpus (no HTML), cold and then warm (extraction cache), with
   per-stage seconds and papers/s.
2. Reading a synthetic JSONL of N records (seed abstracts resampled) through the loaders, to show
   reading streams: records/s and peak memory.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_build(seeds: Path) -> None:
    from paperkg.graph.build import build

    with tempfile.TemporaryDirectory() as tmp:
        for label in ("cold", "warm"):
            start = time.perf_counter()
            result = build([seeds], out_dir=tmp, write_html=False)
            total = time.perf_counter() - start
            papers = len(result.corpus.papers)
            stages = ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items())
            print(f"build ({label}): {papers} papers in {total:.1f}s = {papers / total:.1f} papers/s  [{stages}]")


def bench_loaders(seeds: Path, records: int) -> None:
    from paperkg.loaders import read_corpus

    corpus = read_corpus([seeds])
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.jsonl"
        with open(path, "w", encoding="utf-8") as handle:
            for i in range(records):
                paper = rng.choice(corpus.papers)
                handle.write(json.dumps({"id": f"{2401 + i // 99999}.{i % 99999:05d}",
                                         "title": f"{paper.title or 'Untitled'} {i}",
                                         "abstract": f"Study {i}. {paper.abstract}"}) + "\n")
        size = path.stat().st_size / 2**20
        before = peak_mib()
        start = time.perf_counter()
        read = read_corpus([path])
        seconds = time.perf_counter() - start
        print(f"loaders: {len(read.papers)} records from a {size:.0f} MiB JSONL in {seconds:.1f}s = "
              f"{len(read.papers) / seconds:,.0f} records/s; peak RSS {before:.0f} -> {peak_mib():.0f} MiB "
              f"(distinct papers are kept for merging; the file itself is streamed)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=REPO.parent / "shared" / "seeds")
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    bench_build(args.seeds)
    bench_loaders(args.seeds, args.records)


if __name__ == "__main__":
    main()
