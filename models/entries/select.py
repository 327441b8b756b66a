"""Train the reading selector: whether the tagger's or the rules' reading of a section is the better one.

    .venv/bin/python -m models.entries.select --corpus /work/corpus --corpus /work/corpus-fixtures

The selector must judge the tagger on layouts it has not seen, so its examples come from cross-fitting: the
training layouts' themes are split into folds, a tagger is trained on all folds but one, and each document of
the left-out fold is read by that tagger and by the rules and scored against its answer. A logistic model
over `resumeparser.tagging.select.features` learns which reading scores higher; it is written to
`resumeparser/data/tagger/select.json` with its cross-fitted figures. The held-out layouts are never used.
Run it after `models.entries.train` (it reuses the label cache).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections import defaultdict
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.records import Record, compare, from_json_resume, from_resume
from models.entries.train import (
    HERE,
    OUT,
    document_file,
    held_out,
    label_corpus,
    load_config,
    manifest,
    read_view,
    row_key,
    sequences,
    text_view_rows,
    train_crf,
)
from resumeparser.assemble import education_lines, has_line_structure, work_lines
from resumeparser.fields.dates import date_languages
from resumeparser.models import Resume
from resumeparser.normalize import normalize
from resumeparser.segment import segment
from resumeparser.tagging import model
from resumeparser.tagging.entries import education_readings, work_readings
from resumeparser.tagging.select import FEATURES, features

SCORED = {
    "work": ("work.company", "work.title", "work.start_date", "work.entry"),
    "education": ("education.institution", "education.degree", "education.entry"),
}
"""The fields a reading is scored on: its mean F1 over them against the document's answer."""


def theme(layout: str) -> str:
    return layout.split("/")[0]


def folds_of(rows: list[dict[str, Any]], n: int, seed: int) -> dict[str, int]:
    """Each theme's fold: every converter of a theme lands in one fold, so a fold's tagger never saw it."""
    themes = sorted({theme(r["layout"]) for r in rows})
    random.Random(seed).shuffle(themes)
    return {t: i % n for i, t in enumerate(themes)}


def expected_record(folder: Path) -> Record:
    """The document's answer as the accuracy harness reads it."""
    if (folder / "record.json").exists():
        return from_json_resume(json.loads((folder / "record.json").read_text(encoding="utf-8")))
    return from_resume(Resume.model_validate_json((folder / "expected.json").read_text(encoding="utf-8")))


def score(kind: str, expected: Record, reading: list[Any]) -> float:
    parsed = from_resume(Resume(**{kind: [e for e, _ in reading]}))
    f1s = [c.f1 for c in compare(expected, parsed, SCORED[kind]).values() if c.f1 is not None]
    return sum(f1s) / len(f1s) if f1s else 0.0


Rows = list[tuple[Path, dict[str, Any]]]
"""(corpus, manifest row) of the training documents, text views included."""


def training_rows(corpora: list[Path], config: dict[str, Any]) -> Rows:
    """The documents of layouts not held out, and the share of them read again as text."""
    rows: Rows = []
    for corpus in corpora:
        kept = [r for r in sorted(manifest(corpus), key=lambda r: r["doc_id"]) if not held_out(r["layout"], config)]
        rows += [(corpus, r) for r in kept + text_view_rows(kept, config)]
    return rows


def label_rows(corpora: list[Path], rows: Rows, jobs: int) -> dict[str, Any]:
    """Labelled sections by "corpus/row key": two corpora may use the same document ids."""
    labelled: dict[str, Any] = {}
    for corpus in corpora:
        found = label_corpus(corpus, [r for c, r in rows if c == corpus], jobs)
        labelled.update({f"{corpus}/{k}": v for k, v in found.items()})
    return labelled


def fold_models(rows: Rows, labelled: dict[str, Any], fold: dict[str, int], k: int, config: dict[str, Any]
                ) -> tuple[bytes, bytes]:
    """(line model, token model) trained on every fold's documents but fold `k`'s."""
    rng = random.Random(config["seed"])
    line_data, token_data = [], []
    for corpus, r in rows:
        key = f"{corpus}/{row_key(r)}"
        if fold[theme(r["layout"])] != k and key in labelled:
            a, b = sequences(labelled[key], r.get("language"), config, rng)
            line_data += a
            token_data += b
    print(f"fold {k}: training on {len(line_data)} sections", file=sys.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        train_crf(line_data, Path(tmp) / "lines.crfsuite", config["line_crf"])
        train_crf(token_data, Path(tmp) / "tokens.crfsuite", config["token_crf"])
        return (Path(tmp) / "lines.crfsuite").read_bytes(), (Path(tmp) / "tokens.crfsuite").read_bytes()


def init_worker(lines_model: bytes, tokens_model: bytes) -> None:
    """A pool worker that tags with the given models."""
    model.use_models(lines_model, tokens_model)


def examples(item: tuple[str, str | None, str | None]) -> list[tuple[str, list[float], float, float]]:
    """(kind, features, model score, rules score) for each section of one document (path, language, text
    view or None) the tagger reads."""
    path, language, view = Path(item[0]), item[1], item[2]
    try:
        blocks = segment(normalize(read_view(path, view)))
        expected = expected_record(path.parent)
    except Exception:  # a document the extractor rejects gives no example
        return []
    languages = date_languages(language)
    out = []
    for kind, lines_of, readings in (("work", work_lines, work_readings),
                                     ("education", education_lines, education_readings)):
        if not expected.entries.get(kind):
            continue
        lines = lines_of(blocks)
        if not lines or not has_line_structure(lines):
            continue
        tagged, rules = readings(lines, languages)
        if not tagged or not rules:
            continue
        out.append((kind, features(kind, tagged, rules), score(kind, expected, tagged), score(kind, expected, rules)))
    return out


def fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray, l2: float, iters: int = 3000) -> tuple[np.ndarray, ...]:
    """Weighted L2-regularised logistic regression by gradient descent on standardised inputs."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    mean[0], scale[0] = 0.0, 1.0  # the bias column
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    w = np.zeros(x.shape[1])
    total = max(float(weight.sum()), 1e-9)  # every example a tie: no evidence either way
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-z @ w))
        grad = z.T @ ((p - y) * weight) / total + l2 * np.r_[0.0, w[1:]] / len(y)
        w -= 0.5 * grad
    return w, mean, scale


def predict(w: np.ndarray, mean: np.ndarray, scale: np.ndarray, x: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-((x - mean) / scale) @ w)))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, action="append",
                    help="a corpus folder (repeatable); default $RESUMEPARSER_CORPUS or /work/corpus")
    ap.add_argument("--config", type=Path, default=HERE / "config.json")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    config = load_config(args.config)
    sel = config["selector"]
    started = time.perf_counter()
    corpora = args.corpus or [Path(os.environ.get("RESUMEPARSER_CORPUS", "/work/corpus"))]
    rows = training_rows(corpora, config)
    fold = folds_of([r for _, r in rows], sel["folds"], config["seed"])
    labelled = label_rows(corpora, rows, args.jobs)
    data: list[tuple[str, list[float], float, float, int]] = []
    for k in range(sel["folds"]):
        models = fold_models(rows, labelled, fold, k, config)
        per_layout: dict[str, list[tuple[str, str | None, str | None]]] = defaultdict(list)
        for corpus, r in rows:
            group = r["layout"] + ("/text" if r.get("view") else "")  # text views read as layouts of their own
            if fold[theme(r["layout"])] == k and len(per_layout[group]) < sel["per_layout"]:
                path = document_file(corpus, r)
                if path is not None:
                    per_layout[group].append((str(path), r.get("language"), r.get("view")))
        items = [it for layout in sorted(per_layout) for it in per_layout[layout]]
        print(f"fold {k}: reading {len(items)} documents", file=sys.stderr)
        with Pool(args.jobs, initializer=init_worker, initargs=models) as pool:
            for found in pool.imap(examples, items, chunksize=4):
                data += [(*ex, k) for ex in found]
    card: dict[str, Any] = {"features": list(FEATURES), "folds": sel["folds"], "l2": sel["l2"]}
    for kind in ("work", "education"):
        rows_k = [d for d in data if d[0] == kind]
        x = np.array([d[1] for d in rows_k])
        gain = np.array([d[3] - d[2] for d in rows_k])  # > 0: the rules' reading scores higher
        y, weight = (gain > 0).astype(float), np.abs(gain)
        folds = np.array([d[4] for d in rows_k])
        cross = np.zeros(len(rows_k))
        for k in range(sel["folds"]):  # the selector's own figures, cross-fitted over the same folds
            w, mean, scale = fit(x[folds != k], y[folds != k], weight[folds != k], sel["l2"])
            cross[folds == k] = predict(w, mean, scale, x[folds == k])
        w, mean, scale = fit(x, y, weight, sel["l2"])
        model_mean = float(np.mean([d[2] for d in rows_k]))
        chosen = np.where(cross > 0.5, [d[3] for d in rows_k], [d[2] for d in rows_k])
        card[kind] = {
            "features": list(FEATURES),
            "weights": [round(float(v), 6) for v in w],
            "mean": [round(float(v), 6) for v in mean],
            "scale": [round(float(v), 6) for v in scale],
            "sections": len(rows_k),
            "rules_better": int((gain > 0).sum()),
            "model_better": int((gain < 0).sum()),
            "cross_fitted": {
                "model_score": round(model_mean, 4),
                "rules_score": round(float(np.mean([d[3] for d in rows_k])), 4),
                "selected_score": round(float(chosen.mean()), 4),
                "best_possible": round(float(np.mean([max(d[2], d[3]) for d in rows_k])), 4),
                "rules_chosen": int((cross > 0.5).sum()),
            },
        }
        print(kind, json.dumps(card[kind]["cross_fitted"]), f"({len(rows_k)} sections)", file=sys.stderr)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "select.json").write_text(json.dumps(card, indent=1, sort_keys=True) + "\n")
    print(f"done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
