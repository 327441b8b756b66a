"""Train the entry tagger on the rendered corpus: one command, seeded, deterministic.

    .venv/bin/python -m models.entries.train --corpus /work/corpus [--config models/entries/config.json]

Reads the corpus manifest, leaves out the held-out layouts named in the config, labels every other document
(`labels.py`, cached per document under CORPUS/labels/), trains the line CRF and the token CRF with
CRFsuite's L-BFGS, and writes them with their card (`meta.json`) to `resumeparser/data/tagger/`.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import os
import pickle
import random
import sys
import time
from collections import Counter
from dataclasses import replace
from multiprocessing import Pool
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from models.entries.labels import (  # noqa: E402
    LabelledSection,
    label_document,
    read_document,
    truth_from_jsonresume,
    truth_from_record,
)
from models.entries.views import style_for, text_view  # noqa: E402
from resumeparser.document import Document  # noqa: E402
from resumeparser.fields.dates import date_languages  # noqa: E402
from resumeparser.tagging.features import DateCache, line_features, token_features, tokens  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = ROOT / "resumeparser" / "data" / "tagger"


def load_config(path: Path) -> dict[str, Any]:
    return dict(json.loads(path.read_text()))


def manifest(corpus: Path) -> list[dict[str, Any]]:
    """The corpus's documents: its manifest, or while a build still runs, each document's meta.json."""
    path = corpus / "manifest.jsonl"
    if path.exists():
        return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [json.loads(p.read_text()) for p in sorted((corpus / "docs").glob("*/meta.json"))]


def held_out(layout: str, config: dict[str, Any]) -> bool:
    """A held-out entry names a layout or a whole theme ("jsonresume-kendall": every converter of it)."""
    return any(layout == h or layout.startswith(h + "/") for h in config["held_out_layouts"])


def document_file(corpus: Path, row: dict[str, Any]) -> Path | None:
    """A corpus document's rendered file (`docs/<doc_id>/resume.<ext>`)."""
    found = sorted((corpus / "docs" / row["doc_id"]).glob("resume.*"))
    return found[0] if found else None


@functools.cache
def code_version() -> str:
    """A digest of the code and data labels depend on (the extractor, segmenter, rules, features, labels.py):
    cached labels are kept per digest, so a change anywhere labels again."""
    digest = hashlib.sha1()
    for path in sorted([*(ROOT / "resumeparser").rglob("*.py"), *(ROOT / "resumeparser" / "data").glob("*.json"),
                        HERE / "labels.py"]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def read_view(path: Path, view: str | None = None) -> Document:
    """The document as the extractor reads the file, or, with a `view`, as the same resume in plain text
    (`views.py`: no fonts, no positions)."""
    doc = read_document(str(path))
    return Document.from_text(text_view(doc, view)) if view else doc


def label_one(args: tuple[str, dict[str, Any]]) -> tuple[str, list[LabelledSection] | None, str | None]:
    """Label one corpus document (cached); the error text when it could not be read."""
    corpus, row = Path(args[0]), args[1]
    view = row.get("view")
    cache = corpus / f"labels-{code_version()}" / f"{row['doc_id']}{'.' + view if view else ''}.pkl"
    if cache.exists():
        with cache.open("rb") as fh:
            return row_key(row), pickle.load(fh), None
    path = document_file(corpus, row)
    if path is None:
        return row_key(row), None, "no document file"
    try:
        folder = path.parent
        if (folder / "record.json").exists():
            truth = truth_from_jsonresume(json.loads((folder / "record.json").read_text()))
        else:  # the fixture layouts: the answer in the project's own record shape
            truth = truth_from_record(json.loads((folder / "expected.json").read_text()))
        sections = label_document(read_view(path, view), truth, date_languages(row.get("language")))
    except Exception as exc:  # a document our extractor rejects is left out, with its reason
        return row_key(row), None, f"{type(exc).__name__}: {exc}"
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as fh:
        pickle.dump(sections, fh)
    return row_key(row), sections, None


def text_view_rows(rows: list[dict[str, Any]], config: dict[str, Any]) -> list[dict[str, Any]]:
    """A share (`augment.text_views`) of the documents once more, read as plain text in a seeded style."""
    share = config["augment"].get("text_views", 0.0)
    rng = random.Random(config["seed"])
    return [{**r, "view": style_for(r["doc_id"])} for r in rows if rng.random() < share]


def row_key(row: dict[str, Any]) -> str:
    """A row's key among the labelled documents: its id, and its text view when it is one."""
    return row["doc_id"] + (f"/{row['view']}" if row.get("view") else "")


def label_corpus(corpus: Path, rows: list[dict[str, Any]], jobs: int) -> dict[str, list[LabelledSection]]:
    from tqdm import tqdm

    out: dict[str, list[LabelledSection]] = {}
    errors: Counter[str] = Counter()
    with Pool(jobs) as pool:
        work = [(str(corpus), row) for row in rows]
        for doc_id, sections, error in tqdm(pool.imap_unordered(label_one, work, chunksize=4), total=len(work),
                                            desc="labelling", unit="doc"):
            if sections is None:
                errors[(error or "?").split(":")[0]] += 1
            else:
                out[doc_id] = sections
    if errors:
        print("left out:", dict(errors), file=sys.stderr)
    return out


Sequences = list[tuple[list[list[str]], list[str]]]


_DURATIONS = ("({y} years {m} months)", "({y} yrs {m} mos)", "· {y} yrs {m} mos", "({m} months)", "({y} year)",
              "| {y} years", "({y} ans {m} mois)", "({y} Jahre {m} Monate)", "({y} años)")


def with_durations(sec: LabelledSection, rng: random.Random) -> LabelledSection:
    """The section with a duration after each date range ("Jan 2020 - Present (5 years 6 months)"), as job
    boards and LinkedIn print them and few themes do: the added words are no field (label O)."""
    style = rng.choice(_DURATIONS)
    lines, token_labels = list(sec.lines), dict(sec.token_labels)
    for i, labels in sec.token_labels.items():
        if "DATES" in labels and labels[-1] == "DATES":
            extra = " " + style.format(y=rng.randint(1, 9), m=rng.randint(1, 11))
            lines[i] = replace(lines[i], text=lines[i].text + extra)
            token_labels[i] = labels + ["O"] * len(tokens(extra))
    return replace(sec, lines=lines, token_labels=token_labels)


_BEFORE_COMPANY = (" at ", " for ", " @ ", ", ", " | ", " - ", " – ", " · ", " — ", " / ")
_BEFORE_TITLE = (", ", " | ", " - ", " – ", " · ", " — ", " / ", ": ")


def _shifted(at: int, cut: int, delta: int) -> int:
    return at + delta if at >= cut else at


def with_separators(sec: LabelledSection, rng: random.Random) -> LabelledSection:
    """The section with other separators between a title and a company on one line ("Engineer for Nike",
    "Acme · Engineer"): each theme prints its own, and people write many more. The separator's words are no
    field (label O); the line's span breaks and the rules' marks after it move with the text."""
    lines, token_labels, marks = list(sec.lines), dict(sec.token_labels), list(sec.marks)
    for i, labels in sec.token_labels.items():
        toks = tokens(lines[i].text)
        if len(toks) != len(labels):
            continue
        for k in range(1, len(labels)):
            if labels[k] == "O":
                continue
            j = k - 1
            while j >= 0 and labels[j] == "O":
                j -= 1
            pair = (labels[j], labels[k]) if j >= 0 else None
            if pair not in (("TITLE", "COMPANY"), ("COMPANY", "TITLE")):
                continue
            sep = rng.choice(_BEFORE_COMPANY if pair[1] == "COMPANY" else _BEFORE_TITLE)
            text = lines[i].text
            a, b = toks[j].end, toks[k].start
            new_text = text[:a] + sep + text[b:]
            new_labels = labels[: j + 1] + ["O"] * len(tokens(sep)) + labels[k:]
            if len(tokens(new_text)) != len(new_labels):
                break
            delta = len(sep) - (b - a)
            breaks = tuple(_shifted(x, b, delta) for x in lines[i].breaks)
            lines[i] = replace(lines[i], text=new_text, breaks=breaks)
            token_labels[i] = new_labels
            if i < len(marks):
                marks[i] = [(n, _shifted(x, b, delta), _shifted(y, b, delta)) for n, x, y in marks[i]]
            break  # one separator a line
    return replace(sec, lines=lines, token_labels=token_labels, marks=marks)


def sequences(sections: list[LabelledSection], language: str | None, config: dict[str, Any],
              rng: random.Random) -> tuple[Sequences, Sequences]:
    """(line sequences, token sequences) of one document's well-aligned sections."""
    languages = date_languages(language)
    lines_out, tokens_out = [], []
    for sec in sections:
        if not sec.lines or not sec.wanted or sec.found / sec.wanted < config["min_coverage"]:
            continue
        if sec.kind == "work" and rng.random() < config["augment"]["durations"]:
            sec = with_durations(sec, rng)
        if sec.kind == "work" and rng.random() < config["augment"].get("separators", 0.0):
            sec = with_separators(sec, rng)
        dates = DateCache(languages)
        lines_out.append((line_features(sec.kind, sec.lines, dates, sec.marks), sec.labels))
        for i, labels in sec.token_labels.items():
            text = sec.lines[i].text
            role = sec.labels[i].removeprefix("B-")
            toks = tokens(text)
            if len(toks) == len(labels):
                tokens_out.append((token_features(text, toks, role, dates, sec.marks[i], sec.kind,
                                                   sec.lines[i].breaks), labels))
    return lines_out, tokens_out


def train_crf(data: Sequences, path: Path, params: dict[str, Any]) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for items, labels in data:
        trainer.append(items, labels)
    trainer.select("lbfgs")
    trainer.set_params(params)
    trainer.train(str(path))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, action="append",
                    help="a corpus folder (repeatable); default $RESUMEPARSER_CORPUS or /work/corpus")
    ap.add_argument("--config", type=Path, default=HERE / "config.json")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args(argv)
    config = load_config(args.config)
    started = time.perf_counter()
    corpora = args.corpus or [Path(os.environ.get("RESUMEPARSER_CORPUS", "/work/corpus"))]
    labelled: dict[str, list[LabelledSection]] = {}
    by_id: dict[str, dict[str, Any]] = {}
    for corpus in corpora:
        train_rows = sorted((r for r in manifest(corpus) if not held_out(r["layout"], config)),
                            key=lambda r: r["doc_id"])
        random.Random(config["seed"]).shuffle(train_rows)
        train_rows = train_rows[: config.get("max_documents") or None]
        train_rows += text_view_rows(train_rows, config)
        # two corpora may use the same document ids: keep each corpus's own
        by_id.update({f"{corpus}/{row_key(r)}": r for r in train_rows})
        labelled.update({f"{corpus}/{k}": v for k, v in label_corpus(corpus, train_rows, args.jobs).items()})
    line_data, token_data = [], []
    rng = random.Random(config["seed"])
    for doc_id in sorted(labelled):
        a, b = sequences(labelled[doc_id], by_id[doc_id].get("language"), config, rng)
        line_data += a
        token_data += b
    args.out.mkdir(parents=True, exist_ok=True)
    print(f"training on {len(line_data)} sections, {len(token_data)} header lines", file=sys.stderr)
    train_crf(line_data, args.out / "lines.crfsuite", config["line_crf"])
    train_crf(token_data, args.out / "tokens.crfsuite", config["token_crf"])
    layouts = Counter(by_id[d]["layout"] for d in labelled)
    card = {
        "name": "entry tagger",
        "version": config["version"],
        "trained_on": {
            "documents": sum(1 for d in labelled if not by_id[d].get("view")),
            "text_views": sum(1 for d in labelled if by_id[d].get("view")),
            "sections": len(line_data),
            "header_lines": len(token_data),
            "layouts": dict(sorted(layouts.items())),
            "held_out_layouts": sorted(config["held_out_layouts"]),
        },
        "line_labels": sorted({lab for _, labs in line_data for lab in labs}),
        "token_labels": sorted({lab for _, labs in token_data for lab in labs}),
        "config": config,
        "recipe": "models/entries/README.md",
        "license": "MIT (trained on the project's own generated corpus)",
    }
    (args.out / "meta.json").write_text(json.dumps(card, indent=1, sort_keys=True) + "\n")
    print(f"done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
