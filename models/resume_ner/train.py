"""Build DocBins from the dotin resume NER annotations and train the resume NER pipeline.

    python models/resume_ner/train.py --data ../shared/dev-data/dotin_resume_ner --out /tmp/resume_ner

Writes train/dev/test .spacy files to <out>/corpus, trains with models/resume_ner/config.cfg into <out>/training,
scores model-best on the test split (never used for training or early stopping) and, with --ship, copies the
pipeline (without what inference does not need) to resumeparser/data/ner/.
"""

from __future__ import annotations

import argparse
import html
import itertools
import json
import random
import re
import shutil
import time
from collections import Counter
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.training import Example

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHIPPED = ROOT / "resumeparser" / "data" / "ner"

# dotin label -> our label. Left out: Email Address (a regex does it exactly), Years of Experience (a mix of date
# ranges, durations like "2 years" and free text), Tech Tools / Job Specific Skills / Soft Skills (labelled very
# inconsistently, often whole phrases; skills come from lexicons instead).
LABELS = {
    "Name": "NAME",
    "Designation": "TITLE",
    "Companies worked at": "COMPANY",
    "College Name": "SCHOOL",
    "Degree": "DEGREE",
    "Location": "LOCATION",
    "Graduation Year": "GRAD_YEAR",
}
# Labels whose unlabelled repeats in the same document are labelled too (see propagate()).
PROPAGATE = {"TITLE", "COMPANY", "SCHOOL", "DEGREE"}
TAG = re.compile(r'<label type="([^"]*)">|</label>')
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
BYTE_ESCAPES = re.compile(r"(?:\\x[0-9a-fA-F]{2})+")
MAX_CHUNK_WORDS = 60
# Share of chunks without any entity kept for training (long publication lists would otherwise dominate).
KEEP_EMPTY = 0.2


def fix_escapes(piece: str) -> str:
    """Undo literal byte escapes left in some texts ("\\xe2\\x80\\x9c" -> a quotation mark)."""

    def decode(m: re.Match[str]) -> str:
        data = bytes(int(h, 16) for h in re.findall(r"\\x([0-9a-fA-F]{2})", m.group()))
        return data.decode("utf-8", errors="replace")

    return BYTE_ESCAPES.sub(decode, piece)


def read_annotated(path: Path) -> tuple[str, list[tuple[int, int, str]]]:
    """Text and (start, end, dotin label) character spans of one dotin XML file."""
    raw = path.read_text(encoding="utf-8")
    body = raw[raw.index("<cv>") + len("<cv>") : raw.rindex("</cv>")]
    parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = 0
    length = 0
    open_label: tuple[str, int] | None = None
    for m in TAG.finditer(body):
        piece = fix_escapes(html.unescape(body[pos : m.start()]))
        parts.append(piece)
        length += len(piece)
        pos = m.end()
        if m.group(1) is not None:
            open_label = (m.group(1), length)
        elif open_label is not None:
            spans.append((open_label[1], length, open_label[0]))
            open_label = None
    parts.append(fix_escapes(html.unescape(body[pos:])))
    # Control characters become spaces so that offsets stay put.
    text = CONTROL.sub(" ", "".join(parts))
    return text, spans


def clean_spans(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Our labels only, trimmed of surrounding whitespace/punctuation, overlaps resolved (longest first)."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if label not in LABELS:
            continue
        while start < end and (text[start].isspace() or text[start] in "\"'(,;:-•"):
            start += 1
        while end > start and (text[end - 1].isspace() or text[end - 1] in "\"'(,;:-•"):
            end -= 1
        if end > start:
            out.append((start, end, LABELS[label]))
    out.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    kept: list[tuple[int, int, str]] = []
    for s in out:
        if all(s[1] <= k[0] or s[0] >= k[1] for k in kept):
            kept.append(s)
    return sorted(kept)


def propagate(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Label the unlabelled repeats of a labelled title/company/school/degree within the same document.

    The annotators often labelled one mention and left the others, which teaches the model that the same words are
    not an entity. Exact, case-sensitive, word-bounded repeats of strings of 4+ characters only.
    """
    extra = list(spans)
    values = {(text[s:e], label) for s, e, label in spans if label in PROPAGATE and e - s >= 4}
    for value, label in values:
        for m in re.finditer(r"(?<!\w)" + re.escape(value) + r"(?!\w)", text):
            if all(m.end() <= s or m.start() >= e for s, e, _ in extra):
                extra.append((m.start(), m.end(), label))
    return sorted(extra)


def segments(text: str) -> list[tuple[int, int]]:
    """Line-like segments: lines, and for texts that lost their newlines, runs split at 2+ spaces."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text):
        if len(m.group()) > 300:
            line = m.group()
            cuts = [0, *(g.end() for g in re.finditer(r" {2,}", line) if g.end() < len(line)), len(line)]
            out.extend((m.start() + a, m.start() + b) for a, b in itertools.pairwise(cuts))
        else:
            out.append((m.start(), m.end()))
    return out


def chunks(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """Group segments into chunks of up to MAX_CHUNK_WORDS words, never cutting through a labelled span."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    words = 0
    for a, b in segments(text):
        if start is None:
            start = a
        words += len(text[a:b].split())
        inside = any(s < b < e for s, e, _ in spans)
        if words >= MAX_CHUNK_WORDS and not inside:
            out.append((start, b))
            start, words = None, 0
    if start is not None:
        out.append((start, len(text.rstrip())))
    return out


def make_docs(
    nlp: Language, path: Path, *, training: bool, rng: random.Random | None = None
) -> tuple[list[Doc], Counter[str]]:
    """Chunk docs with entities aligned to tokens (alignment_mode='expand'); counts of kept/dropped spans.

    For training, each line holding an entity is also added on its own: the parser runs on single lines.
    """
    text, raw_spans = read_annotated(path)
    spans = clean_spans(text, raw_spans)
    if training:
        spans = propagate(text, spans)
    pieces = chunks(text, spans)
    if training:
        pieces += [(a, b) for a, b in segments(text) if any(s >= a and e <= b for s, e, _ in spans)]
    stats: Counter[str] = Counter()
    docs = []
    for a, b in pieces:
        chunk = text[a:b]
        if not chunk.strip():
            continue
        doc = nlp.make_doc(chunk)
        ents: list[Span] = []
        for s, e, label in spans:
            if s >= a and e <= b:
                span = doc.char_span(s - a, e - a, label=label, alignment_mode="expand")
                if span is None or any(span.start < x.end and x.start < span.end for x in ents):
                    stats["dropped"] += 1
                    continue
                ents.append(span)
                stats[label] += 1
        if not ents and rng is not None and rng.random() > KEEP_EMPTY:
            continue
        doc.ents = ents
        docs.append(doc)
    return docs, stats


def build_corpus(data: Path, out: Path, dev_share: float, seed: int) -> dict[str, object]:
    nlp = spacy.blank("en")
    out.mkdir(parents=True, exist_ok=True)
    train_files = sorted((data / "train").glob("*.xml"), key=lambda p: int(p.stem) if p.stem.isdigit() else 0)
    random.Random(seed).shuffle(train_files)
    n_dev = max(1, int(len(train_files) * dev_share))
    splits = {
        "train": (train_files[n_dev:], True),
        "dev": (train_files[:n_dev], False),
        "test": (sorted((data / "test").glob("*.xml")), False),
    }
    info: dict[str, object] = {}
    rng = random.Random(seed)
    for name, (files, training) in splits.items():
        bin_ = DocBin()
        total: Counter[str] = Counter()
        n = 0
        for f in files:
            docs, stats = make_docs(nlp, f, training=training, rng=rng if training else None)
            total.update(stats)
            for d in docs:
                bin_.add(d)
                n += 1
        bin_.to_disk(out / f"{name}.spacy")
        info[name] = {"files": len(files), "chunks": n, "spans": dict(total)}
    return info


def score(model: Path, corpus: Path) -> dict[str, object]:
    """spaCy's scorer (exact span match) on a DocBin."""
    nlp = spacy.load(model)
    docs = list(DocBin().from_disk(corpus).get_docs(nlp.vocab))
    examples = [Example(nlp.make_doc(d.text), d) for d in docs]
    scores = nlp.evaluate(examples)
    return {k: scores[k] for k in ("ents_p", "ents_r", "ents_f", "ents_per_type")}


def ship(model: Path, dest: Path) -> None:
    """Copy the pipeline to package data, leaving out the training-only parts."""
    nlp = spacy.load(model)
    nlp.meta.update(
        name="resume_ner",
        version="0.1.0",
        license="CC0-1.0 (training data), MIT (spaCy)",
        description="Resume entities (NAME, TITLE, COMPANY, SCHOOL, DEGREE, LOCATION, GRAD_YEAR); "
        "recipe in models/resume_ner/",
        sources=[{"name": "dotin resume NER annotations (train split)", "license": "CC0 1.0"}],
    )
    if dest.exists():
        shutil.rmtree(dest)
    nlp.to_disk(dest, exclude=["vocab/vectors", "vocab/lookups"])
    for extra in ("vectors", "lookups.bin", "vectors.cfg"):
        p = dest / "vocab" / extra
        if p.is_file():
            p.unlink()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "dev-data" / "dotin_resume_ner")
    ap.add_argument("--out", type=Path, default=Path("/tmp/resume_ner"))
    ap.add_argument("--dev-share", type=float, default=0.1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--ship", action="store_true", help="copy model-best to resumeparser/data/ner/")
    ap.add_argument("--corpus-only", action="store_true")
    args = ap.parse_args()

    corpus = args.out / "corpus"
    info = build_corpus(args.data, corpus, args.dev_share, args.seed)
    print(json.dumps(info, indent=1))
    if args.corpus_only:
        return
    from spacy.cli.train import train

    t0 = time.monotonic()
    train(
        HERE / "config.cfg",
        args.out / "training",
        overrides={"paths.train": str(corpus / "train.spacy"), "paths.dev": str(corpus / "dev.spacy")},
    )
    minutes = (time.monotonic() - t0) / 60
    best = args.out / "training" / "model-best"
    result = {"train_minutes": round(minutes, 1), "test": score(best, corpus / "test.spacy")}
    print(json.dumps(result, indent=1))
    (args.out / "scores.json").write_text(json.dumps(result, indent=1))
    if args.ship:
        ship(best, SHIPPED)


if __name__ == "__main__":
    main()
