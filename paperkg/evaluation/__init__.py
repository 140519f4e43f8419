"""Scoring the extractor against annotated data (GSAP-NER, SciER, the hand-annotated seeds).

``scoring`` holds the plain P/R/F1 functions, ``datasets`` the public-data readers, ``seeds`` the
seed gold, ``run`` what ``paperkg eval`` calls.
"""

from __future__ import annotations

from paperkg.evaluation.datasets import (
    GoldDoc,
    eval_data_dir,
    parse_gsap,
    parse_scier,
    read_gsap,
    read_scier,
)
from paperkg.evaluation.run import DATASETS, DatasetReport, evaluate, evaluate_docs, format_reports
from paperkg.evaluation.scoring import (
    Counts,
    NamedRelation,
    Scores,
    Span,
    score_relations,
    score_spans,
)
from paperkg.evaluation.seeds import (
    match_seed_gold,
    parse_seed_gold,
    read_seed_gold,
    resolve_mentions,
)

__all__ = [
    "Counts", "DATASETS", "DatasetReport", "GoldDoc", "NamedRelation", "Scores", "Span",
    "eval_data_dir", "evaluate", "evaluate_docs", "format_reports", "match_seed_gold",
    "parse_gsap", "parse_scier", "parse_seed_gold", "read_gsap", "read_scier", "read_seed_gold",
    "resolve_mentions", "score_relations", "score_spans",
]
