"""Validate a training config on themes its tagger never saw, without touching the held-out layouts.

The training layouts' themes are split into folds (as `select.py` splits them). For each fold a tagger is
trained with the config on the other folds, then reads the fold's own documents, each as rendered and as
plain text (`views.py`), always the same documents whatever the config. A reading's score is the mean F1 of
its company, title, start date and whole entries (institution, degree and whole entries for education)
against the answer. Choosing a setting (an augmentation share, a regularisation) by these scores leaves the
held-out layouts and the real pairs unused for the choice.

    python -m models.entries.validate --config /tmp/config-a.json --config /tmp/config-b.json
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from multiprocessing import Pool
from pathlib import Path
from typing import Any

from models.entries.select import examples, fold_models, folds_of, init_worker, label_rows, theme, training_rows
from models.entries.train import HERE, document_file, load_config
from models.entries.views import style_for


def validate(config: dict[str, Any], corpora: list[Path], per_layout: int, folds: int, jobs: int
             ) -> dict[str, float]:
    """Mean reading score per kind and view ("work", "work/text", ...) over the folds' unseen documents."""
    rows = training_rows(corpora, config)
    fold = folds_of([r for _, r in rows], folds, config["seed"])
    labelled = label_rows(corpora, rows, jobs)
    scores: dict[str, list[float]] = defaultdict(list)
    read = 0
    for k in range(folds):
        models = fold_models(rows, labelled, fold, k, config)
        # the same documents for every config: the first of each unseen layout, as rendered and as text
        chosen: dict[str, list[dict[str, Any]]] = defaultdict(list)
        items = []
        for corpus, r in rows:
            if r.get("view") or fold[theme(r["layout"])] != k or len(chosen[r["layout"]]) >= per_layout:
                continue
            chosen[r["layout"]].append(r)
            path = document_file(corpus, r)
            if path is not None:
                items += [(str(path), r.get("language"), None), (str(path), r.get("language"), style_for(r["doc_id"]))]
        read += len(items)
        with Pool(jobs, initializer=init_worker, initargs=models) as pool:
            for item, found in zip(items, pool.imap(examples, items, chunksize=4), strict=True):
                for kind, _features, model_score, _rules_score in found:
                    scores[kind + ("/text" if item[2] else "")].append(model_score)
    return {key: round(sum(v) / len(v), 4) for key, v in sorted(scores.items())} | {
        "documents": read, "sections": sum(len(v) for v in scores.values())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, action="append",
                    help="a corpus folder (repeatable); default $RESUMEPARSER_CORPUS or /work/corpus")
    ap.add_argument("--config", type=Path, action="append", help="a config to validate (repeatable)")
    ap.add_argument("--per-layout", type=int, default=10, help="documents read per unseen layout")
    ap.add_argument("--folds", type=int, default=2)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    corpora = args.corpus or [Path(os.environ.get("RESUMEPARSER_CORPUS", "/work/corpus"))]
    for path in args.config or [HERE / "config.json"]:
        started = time.perf_counter()
        result = validate(load_config(path), corpora, args.per_layout, args.folds, args.jobs)
        print(json.dumps({"config": str(path), **result, "seconds": round(time.perf_counter() - started)}))
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
