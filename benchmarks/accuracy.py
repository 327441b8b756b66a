"""Field-level accuracy of resumeparser: precision, recall and F1 per field, per dataset and per format.

    python -m benchmarks.accuracy                       # every dataset that is present
    python -m benchmarks.accuracy --dataset linkedin --dataset dotin
    python -m benchmarks.accuracy --quick               # a few documents per dataset, no OCR formats

Datasets: `fixtures` (fixtures/generated, every format of each resume), `linkedin`, `synthetic`, `pandoc`
(agreement across formats of one resume) and `dotin` (text through `parse_text`), the last four from
`$RESUMEPARSER_SHARED/dev-data` (default `../shared` beside the project root); an absent one is skipped with a note.
The matching rules are in `benchmarks/matching.py`. Writes benchmarks/results/accuracy.{md,json,png}.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import statistics
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import resumeparser
from resumeparser import Resume, ResumeParserError
from resumeparser.pipeline import read_document

from .common import GENERATED, OCR_FORMATS, RESULTS, dev_data, git_commit, load_manifest, markdown_table, pct
from .matching import UNSCORED, Counts
from .records import (
    ALL_FIELDS,
    DOTIN_FIELDS,
    ENTRY_KINDS,
    WHOLE_ENTRY,
    Record,
    compare,
    compare_sets,
    dotin_expected,
    dotin_labels,
    dotin_parsed,
    from_json_resume,
    from_resume,
    json_resume_fields,
    strip_xml_labels,
    whole_entries,
)

DATASETS = ("fixtures", "linkedin", "synthetic", "pandoc", "dotin", "real_pairs", "corpus")
# datasets whose entries the tagger never saw in training: the entry-confidence table is read over them
UNSEEN = ("real_pairs", "corpus-heldout", "corpus-heldout-text")
# confidence.fields keys of the record -> the fields whose accuracy they predict
CONFIDENCE_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("name", "Name"),
    "emails": ("email", "Email Address"),
    "phones": ("phone",),
    "location": ("location",),
    "profiles": ("profiles",),
    "skills": ("skills",),
    "languages": ("languages",),
    "work": (*(f"work.{s}" for s in ENTRY_KINDS["work"]), "Designation", "Companies worked at"),
    "education": (*(f"education.{s}" for s in ENTRY_KINDS["education"]), "College Name", "Degree", "Graduation Year"),
}
BANDS = ((0.0, 0.5), (0.5, 0.8), (0.8, 1.0))


@dataclass
class DocResult:
    dataset: str
    doc: str
    fmt: str
    counts: dict[str, Counts]
    confidence: float | None = None
    field_confidence: dict[str, float] = field(default_factory=dict)
    error: str | None = None
    entry_outcomes: list[tuple[float, bool]] = field(default_factory=list)
    """(confidence, right as a whole) of each parsed work and education entry."""

    @property
    def total(self) -> Counts:
        return sum(self.counts.values(), Counts())


@dataclass
class Options:
    datasets: tuple[str, ...] = DATASETS
    formats: tuple[str, ...] | None = None
    skip_ocr: bool = False
    limit: int | None = None
    dotin_splits: tuple[str, ...] = ("test",)
    fixtures_root: Path = GENERATED
    corpus_root: Path = Path(os.environ.get("RESUMEPARSER_CORPUS", "/work/corpus"))
    corpus_per_layout: int = 12
    parse_options: resumeparser.ParseOptions = field(default_factory=resumeparser.ParseOptions)


def safe_parse(call: Callable[[], Resume]) -> tuple[Resume | None, str | None]:
    """The record, or the error code: a crash of the parser is counted, not fatal to the benchmark."""
    try:
        return call(), None
    except ResumeParserError as exc:
        return None, exc.code
    except Exception as exc:
        return None, f"crash:{type(exc).__name__}"


def _doc_result(
    dataset: str, doc: str, fmt: str, counts: dict[str, Counts], resume: Resume | None, error: str | None,
    expected: Record | None = None,
) -> DocResult:
    outcomes: list[tuple[float, bool]] = []
    if resume is not None and expected is not None:
        parsed = from_resume(resume)
        for group in WHOLE_ENTRY:
            if not expected.entries.get(group):
                continue
            _, right = whole_entries(group, expected, parsed)
            outcomes += [(c or 0.0, ok) for c, ok in zip(parsed.confidences.get(group, []), right, strict=True)]
    return DocResult(
        entry_outcomes=outcomes,
        dataset=dataset,
        doc=doc,
        fmt=fmt,
        counts=counts,
        confidence=resume.confidence.overall if resume else None,
        field_confidence=dict(resume.confidence.fields) if resume else {},
        error=error,
    )


def _limited(items: Sequence[Any], limit: int | None) -> Sequence[Any]:
    return items[:limit] if limit else items


# --- datasets --------------------------------------------------------------------------------------------------


def run_fixtures(opts: Options, notes: list[str]) -> list[DocResult]:
    fixtures = load_manifest(opts.fixtures_root)
    if not fixtures:
        notes.append("fixtures: fixtures/generated/manifest.json is absent (run the fixture generator); skipped")
        return []
    results = []
    for fx in _limited(fixtures, opts.limit):
        expected = from_resume(Resume.model_validate_json(fx.expected.read_text(encoding="utf-8")))
        for fmt, path in sorted(fx.files.items()):
            if (opts.formats and fmt not in opts.formats) or (opts.skip_ocr and fmt in OCR_FORMATS):
                continue
            resume, error = safe_parse(partial(resumeparser.parse, path, options=opts.parse_options))
            parsed = from_resume(resume) if resume else Record()
            results.append(_doc_result("fixtures", fx.id, fmt, compare(expected, parsed, ALL_FIELDS), resume, error,
                                       expected))
    return results


def run_linkedin(opts: Options, notes: list[str]) -> list[DocResult]:
    root = dev_data("linkedin_profile_pdf")
    if root is None:
        notes.append("linkedin: dev-data/linkedin_profile_pdf is absent; skipped")
        return []
    results = []
    people = sorted(p for p in root.iterdir() if (p / "Profile.expected.json").exists())
    for person in _limited(people, opts.limit):
        data = json.loads((person / "Profile.expected.json").read_text(encoding="utf-8"))
        resume, error = safe_parse(partial(resumeparser.parse, person / "Profile.pdf", options=opts.parse_options))
        parsed = from_resume(resume) if resume else Record()
        expected = from_json_resume(data)
        counts = compare(expected, parsed, json_resume_fields(data))
        results.append(_doc_result("linkedin", person.name, "pdf", counts, resume, error, expected))
    return results


def run_synthetic(opts: Options, notes: list[str]) -> list[DocResult]:
    root = dev_data("synthetic_template_resumes")
    if root is None:
        notes.append("synthetic: dev-data/synthetic_template_resumes is absent; skipped")
        return []
    with (root / "files.csv").open(encoding="utf-8", newline="") as fh:
        rows = [row for row in csv.DictReader(fh) if row.get("ground_truth")]
    results = []
    for row in _limited(rows, opts.limit):
        truth = json.loads(row["ground_truth"])
        expected = Record(
            values={
                "name": [truth["name"]] if truth.get("name") else [],
                "email": [truth["email"]] if truth.get("email") else [],
                "skills": list(truth.get("skills") or []),
            }
        )
        # an empty skills list means "not labelled", not "has no skills"
        fields = [f for f in ("name", "email", "skills") if expected.values[f]]
        path = root / row["file"]
        resume, error = safe_parse(partial(resumeparser.parse, path, options=opts.parse_options))
        parsed = from_resume(resume) if resume else Record()
        results.append(
            _doc_result("synthetic", row["file"], row["format"], compare(expected, parsed, fields), resume, error)
        )
    return results


def run_dotin(opts: Options, notes: list[str]) -> list[DocResult]:
    root = dev_data("dotin_resume_ner")
    if root is None:
        notes.append("dotin: dev-data/dotin_resume_ner is absent; skipped")
        return []
    derived: dict[str, dict[str, list[str]]] = {}
    jsonl = root / "derived" / "fields_by_cv.jsonl"
    if jsonl.exists():
        for line in jsonl.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                derived[item["id"]] = item["fields"]
    results = []
    for split in opts.dotin_splits:
        files = sorted((root / split).glob("*.xml"), key=lambda p: (len(p.stem), p.stem))
        for path in _limited(files, opts.limit):
            xml = path.read_text(encoding="utf-8", errors="replace")
            labels = derived.get(f"{split}/{path.name}") or dotin_labels(xml)
            text = strip_xml_labels(xml)
            resume, error = safe_parse(partial(resumeparser.parse_text, text, options=opts.parse_options))
            parsed = dotin_parsed(resume) if resume else Record()
            counts = compare_sets(dotin_expected(labels), parsed, DOTIN_FIELDS)
            results.append(_doc_result(f"dotin-{split}", f"{split}/{path.name}", "text", counts, resume, error))
    return results


def _real_pair_record(answer: dict[str, Any]) -> tuple[Record, list[str]]:
    """A real pair's answer as a Record, and the fields it scores (`only`; null inside an entry: not scored)."""
    def value(v: Any) -> Any:
        return UNSCORED if v is None else v

    rec = Record()
    rec.values["name"] = [answer["name"]] if answer.get("name") else []
    rec.values["email"] = list(answer.get("emails") or [])
    rec.values["phone"] = list(answer.get("phones") or [])
    rec.values["location"] = [answer["city"]] if answer.get("city") else []
    rec.values["skills"] = list(answer.get("skills") or [])
    rec.entries["work"] = [
        {"company": value(w.get("company")), "title": value(w.get("title")), "start_date": value(w.get("start")),
         "end_date": value(w.get("end"))}
        for w in answer.get("work") or []
    ]
    rec.entries["education"] = [
        {"institution": value(e.get("institution")), "degree": value(e.get("degree")),
         "field_of_study": value(e.get("area")), "end_date": value(e.get("end"))}
        for e in answer.get("education") or []
    ]
    only = set(answer.get("only") or [])
    names = {"name": ["name"], "emails": ["email"], "phones": ["phone"], "city": ["location"], "skills": ["skills"],
             "work": [f for f in ALL_FIELDS if f.startswith("work.")],
             "education": [f for f in ALL_FIELDS if f.startswith("education.")]}
    return rec, [f for key in sorted(only) for f in names.get(key, [])]


def run_real_pairs(opts: Options, notes: list[str]) -> list[DocResult]:
    """Real documents rendered by their owners from their own data (never used in training or tuning)."""
    root = dev_data("real_pairs")
    if root is None:
        notes.append("real_pairs: dev-data/real_pairs is absent; skipped")
        return []
    results = []
    for answer_file in _limited(sorted(root.glob("*/*.expected.json")), opts.limit):
        document = answer_file.with_name(answer_file.name.removesuffix(".expected.json"))
        expected, fields = _real_pair_record(json.loads(answer_file.read_text(encoding="utf-8")))
        resume, error = safe_parse(partial(resumeparser.parse, document, options=opts.parse_options))
        parsed = from_resume(resume) if resume else Record()
        counts = compare(expected, parsed, fields)
        fmt = document.suffix.lstrip(".").lower()
        results.append(_doc_result("real_pairs", f"{document.parent.name}/{document.name}", fmt, counts, resume,
                                   error, expected))
    return results


CORPUS_FIELDS = ("name", "email", *(f for f in ALL_FIELDS if f.startswith(("work.", "education."))))


def run_corpus(opts: Options, notes: list[str]) -> list[DocResult]:
    """The rendered corpus, per layout: the layouts held out of training, and a sample of the trained ones;
    each document once more as plain text (`models/entries/views.py`), as a .txt of it would read."""
    from models.entries.train import document_file, held_out, load_config, manifest
    from models.entries.views import style_for, text_view

    if not (opts.corpus_root / "docs").is_dir():
        notes.append(f"corpus: {opts.corpus_root} is absent (models/entries/corpus/build.py makes it); skipped")
        return []
    config = load_config(Path(__file__).resolve().parents[1] / "models/entries/config.json")
    rows = manifest(opts.corpus_root)
    by_layout: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in sorted(rows, key=lambda r: r["doc_id"]):
        by_layout[row["layout"]].append(row)
    results = []
    for layout, docs in sorted(by_layout.items()):
        unseen = held_out(layout, config)
        dataset = "corpus-heldout" if unseen else "corpus-train"
        take = docs[: opts.corpus_per_layout] if unseen else docs[-max(1, opts.corpus_per_layout // 3):]
        for row in take:
            path = document_file(opts.corpus_root, row)
            if path is None:
                continue
            expected = from_json_resume(json.loads((path.parent / "record.json").read_text(encoding="utf-8")))
            resume, error = safe_parse(partial(resumeparser.parse, path, options=opts.parse_options))
            parsed = from_resume(resume) if resume else Record()
            counts = compare(expected, parsed, CORPUS_FIELDS)
            results.append(_doc_result(dataset, row["doc_id"], layout, counts, resume, error, expected))
            try:
                text = text_view(read_document(path), style_for(row["doc_id"]))
            except ResumeParserError:
                continue  # the document itself was counted as an error above
            resume, error = safe_parse(partial(resumeparser.parse_text, text, options=opts.parse_options))
            counts = compare(expected, from_resume(resume) if resume else Record(), CORPUS_FIELDS)
            results.append(_doc_result(dataset + "-text", row["doc_id"], layout, counts, resume, error, expected))
    return results


@dataclass
class Agreement:
    people: int = 0
    errors: list[str] = field(default_factory=list)
    fields: dict[str, tuple[float, int]] = field(default_factory=dict)  # field -> (mean agreement, people counted)


def run_pandoc(opts: Options, notes: list[str]) -> Agreement | None:
    """Every format of one person should give the same record: mean pairwise F1 between formats, per field."""
    root = dev_data("pandoc_multiformat")
    if root is None:
        notes.append("pandoc: dev-data/pandoc_multiformat is absent; skipped")
        return None
    out = Agreement()
    per_field: dict[str, list[float]] = defaultdict(list)
    for person in _limited(sorted(p for p in root.iterdir() if (p / "meta.json").exists()), opts.limit):
        meta = json.loads((person / "meta.json").read_text(encoding="utf-8"))
        records: dict[str, Record] = {}
        for item in meta.get("files", []):
            if item.get("role") != "document":
                continue
            path = person / item["file"]
            resume, error = safe_parse(partial(resumeparser.parse, path, options=opts.parse_options))
            if error:
                out.errors.append(f"{person.name}/{item['file']}: {error}")
            records[item["file"]] = from_resume(resume) if resume else Record()
        if len(records) < 2:
            continue
        out.people += 1
        pairs = list(itertools.combinations(records.values(), 2))
        for name in ALL_FIELDS:
            if not any(rec.flat(name) for rec in records.values()):
                continue  # nothing found in any format: no agreement to measure
            scores = [compare(a, b, [name])[name].f1 for a, b in pairs]
            per_field[name].append(statistics.fmean(1.0 if s is None else s for s in scores))
    out.fields = {name: (statistics.fmean(v), len(v)) for name, v in per_field.items()}
    return out


# --- aggregation and reports ---------------------------------------------------------------------------------


def total_by_field(results: Iterable[DocResult]) -> dict[str, Counts]:
    out: dict[str, Counts] = {}
    for r in results:
        for name, c in r.counts.items():
            out[name] = out.get(name, Counts()) + c
    return out


def doc_accuracy(result: DocResult) -> float | None:
    """One number per parse: micro F1 over its fields."""
    return result.total.f1


def confidence_bands(results: Sequence[DocResult]) -> dict[str, list[dict[str, Any]]]:
    scored = sorted(
        ((r.confidence, acc) for r in results if r.confidence is not None and (acc := doc_accuracy(r)) is not None),
        key=lambda t: t[0],
    )
    terciles = []
    if scored:
        # cut at the 1/3 and 2/3 ranks, but never split equal confidences: ties go to the higher band
        n = len(scored)
        cut1, cut2 = scored[n // 3][0], scored[2 * n // 3][0]
        chunks = {
            "bottom third": [t for t in scored if t[0] < cut1],
            "middle third": [t for t in scored if cut1 <= t[0] < cut2],
            "top third": [t for t in scored if t[0] >= cut2],
        }
        terciles = [_band(name, chunk) for name, chunk in chunks.items() if chunk]
    fixed = []
    for lo, hi in BANDS:
        chunk = [t for t in scored if lo <= t[0] < hi or (hi == 1.0 and t[0] == 1.0)]
        if chunk:
            fixed.append(_band(f"[{lo:.1f}, {hi:.1f}{']' if hi == 1.0 else ')'}", chunk))
    return {"terciles": terciles, "fixed": fixed}


def _band(name: str, chunk: Sequence[tuple[float, float]]) -> dict[str, Any]:
    return {
        "band": name,
        "docs": len(chunk),
        "confidence_min": chunk[0][0] if chunk else None,
        "confidence_max": chunk[-1][0] if chunk else None,
        "mean_confidence": statistics.fmean(c for c, _ in chunk),
        "mean_accuracy": statistics.fmean(a for _, a in chunk),
    }


def calibration(results: Sequence[DocResult]) -> dict[str, list[dict[str, Any]]]:
    """Per confidence key: parses bucketed by that field's confidence, mean confidence vs mean field F1."""
    out: dict[str, list[dict[str, Any]]] = {}
    for key, names in CONFIDENCE_FIELDS.items():
        buckets: dict[int, list[tuple[float, float]]] = defaultdict(list)
        for r in results:
            if key not in r.field_confidence:
                continue
            f1 = sum((c for n, c in r.counts.items() if n in names), Counts()).f1
            if f1 is None:
                continue
            conf = r.field_confidence[key]
            band = next(i for i, (lo, hi) in enumerate(BANDS) if conf < hi or i == len(BANDS) - 1)
            buckets[band].append((conf, f1))
        if buckets:
            out[key] = [
                {
                    "band": f"[{BANDS[i][0]:.1f}, {BANDS[i][1]:.1f}{']' if i == len(BANDS) - 1 else ')'}",
                    "n": len(v),
                    "mean_confidence": statistics.fmean(c for c, _ in v),
                    "mean_f1": statistics.fmean(a for _, a in v),
                }
                for i, v in sorted(buckets.items())
            ]
    return out


def entry_terciles(outcomes: Sequence[tuple[float, bool]]) -> list[dict[str, Any]]:
    """Parsed entries cut into thirds by confidence: the share right as a whole in each third."""
    ranked = sorted(outcomes, key=lambda t: t[0])
    n = len(ranked)
    if n < 3:
        return []
    out = []
    for name, chunk in (("bottom third", ranked[: n // 3]), ("middle third", ranked[n // 3 : 2 * n // 3]),
                        ("top third", ranked[2 * n // 3 :])):
        out.append({"band": name, "entries": len(chunk), "confidence_min": chunk[0][0],
                    "confidence_max": chunk[-1][0], "accuracy": sum(ok for _, ok in chunk) / len(chunk)})
    return out


def _counts_json(c: Counts) -> dict[str, Any]:
    return {"tp": c.tp, "fp": c.fp, "fn": c.fn, "precision": c.precision, "recall": c.recall, "f1": c.f1}


def build_report(
    results: Sequence[DocResult], agreement: Agreement | None, notes: list[str], command: str, seconds: float
) -> dict[str, Any]:
    datasets: dict[str, Any] = {}
    for name in dict.fromkeys(r.dataset for r in results):
        rows = [r for r in results if r.dataset == name]
        by_format = {fmt: total_by_field(r for r in rows if r.fmt == fmt) for fmt in dict.fromkeys(r.fmt for r in rows)}
        fields = total_by_field(rows)
        datasets[name] = {
            "documents": len({r.doc for r in rows}),
            "parses": len(rows),
            "errors": dict(Counter(f"{r.fmt}:{r.error}" for r in rows if r.error)),
            "fields": {k: _counts_json(c) for k, c in fields.items()},
            "all_fields": _counts_json(sum(fields.values(), Counts())),
            "by_format": {
                fmt: {
                    "parses": sum(1 for r in rows if r.fmt == fmt),
                    "fields": {k: _counts_json(c) for k, c in f.items()},
                    "all_fields": _counts_json(sum(f.values(), Counts())),
                }
                for fmt, f in by_format.items()
            },
        }
    return {
        "command": command,
        "parser_version": resumeparser.__version__,
        "commit": git_commit(),
        "generated": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "seconds": round(seconds, 1),
        "notes": notes,
        "datasets": datasets,
        "pandoc_agreement": None
        if agreement is None
        else {
            "people": agreement.people,
            "errors": agreement.errors,
            "fields": {k: {"agreement": a, "people": n} for k, (a, n) in agreement.fields.items()},
        },
        "confidence_bands": confidence_bands(results),
        "confidence_bands_by_dataset": {
            name: confidence_bands([r for r in results if r.dataset == name]) for name in datasets
        },
        "calibration": calibration(results),
        "entry_confidence": {
            "over": [d for d in UNSEEN if d in datasets],
            "terciles": entry_terciles([o for r in results if r.dataset in UNSEEN for o in r.entry_outcomes]),
            "by_dataset": {name: entry_terciles([o for r in results if r.dataset == name for o in r.entry_outcomes])
                           for name in datasets},
        },
        "documents": [
            {
                "dataset": r.dataset,
                "doc": r.doc,
                "format": r.fmt,
                "error": r.error,
                "confidence": r.confidence,
                "counts": {k: [c.tp, c.fp, c.fn] for k, c in r.counts.items()},
            }
            for r in results
        ],
    }


def summary_table(report: dict[str, Any]) -> str:
    """One line per dataset: parses, parse errors, and P/R/F1 over all its fields."""
    rows = []
    for name, ds in report["datasets"].items():
        c = ds["all_fields"]
        errors = sum(ds["errors"].values())
        rows.append([name, str(ds["parses"]), str(errors), pct(c["precision"]), pct(c["recall"]), pct(c["f1"])])
    return markdown_table(["dataset", "parses", "errors", "P", "R", "F1 (all fields)"], rows)


def render_markdown(report: dict[str, Any]) -> str:
    out = [
        f"# Accuracy (resumeparser {report['parser_version']}, commit {report['commit']}, {report['generated']})",
        "",
        f"Command: `{report['command']}` ({report['seconds']} s). Figures are percentages; F1 is per field, "
        "micro-averaged over documents; the rules are in `benchmarks/matching.py`.",
    ]
    for note in report["notes"]:
        out.append(f"\n- note: {note}")
    out += ["", summary_table(report)]
    for name, ds in report["datasets"].items():
        formats = list(ds["by_format"])
        out += ["", f"## {name}: {ds['documents']} documents, {ds['parses']} parses"]
        if ds["errors"]:
            out.append(
                "\nParse errors (counted as empty records): " + ", ".join(f"{k} x{v}" for k, v in ds["errors"].items())
            )
        header = ["field", *([f"{fmt} F1" for fmt in formats] if len(formats) > 1 else []), "P", "R", "F1", "expected"]
        rows = []
        for fname, c in [*ds["fields"].items(), ("all fields", ds["all_fields"])]:
            per_fmt = [
                pct(ds["by_format"][fmt]["fields"].get(fname, {}).get("f1"))
                if fname != "all fields"
                else pct(ds["by_format"][fmt]["all_fields"]["f1"])
                for fmt in formats
            ]
            row = [fname, *(per_fmt if len(formats) > 1 else []), pct(c["precision"]), pct(c["recall"]), pct(c["f1"])]
            rows.append([*row, str(c["tp"] + c["fn"])])
        out += ["", markdown_table(header, rows)]
    agreement = report["pandoc_agreement"]
    if agreement:
        out += [
            "",
            f"## pandoc: agreement across formats ({agreement['people']} people)",
            "",
            "Mean pairwise F1 between the formats of one resume, over the people for whom any format gave the field.",
        ]
        if agreement["errors"]:
            out.append("\nParse errors: " + ", ".join(agreement["errors"]))
        rows = [[k, pct(v["agreement"]), str(v["people"])] for k, v in agreement["fields"].items()]
        out += ["", markdown_table(["field", "agreement", "people"], rows)]
    bands = report["confidence_bands"]
    out += [
        "",
        "## Confidence bands",
        "",
        "Parses (every dataset above, parse errors excluded) bucketed by `confidence.overall`; accuracy is the "
        "parse's micro F1 over its fields. Terciles cut at the 1/3 and 2/3 ranks; equal confidences stay in one band.",
    ]
    for kind in ("terciles", "fixed"):
        rows = [
            [b["band"], str(b["docs"]), f"{b['confidence_min']:.2f}–{b['confidence_max']:.2f}", pct(b["mean_accuracy"])]
            for b in bands[kind]
        ]
        if rows:
            out += ["", markdown_table(["band", "parses", "confidence", "mean accuracy"], rows)]
    rows = []
    for name, per in report["confidence_bands_by_dataset"].items():
        cells = {b["band"]: f"{pct(b['mean_accuracy'])} (n={b['docs']})" for b in per["terciles"]}
        rows.append([name, *(cells.get(k, "–") for k in ("bottom third", "middle third", "top third"))])
    if rows:
        out += ["", "Terciles within each dataset (mean accuracy):", ""]
        out.append(markdown_table(["dataset", "bottom third", "middle third", "top third"], rows))
    entry = report.get("entry_confidence") or {}
    if entry.get("terciles"):
        out += [
            "",
            "## Entry confidence",
            "",
            "Every parsed work and education entry of " + ", ".join(entry["over"]) + " (entries the model never saw), "
            "ranked by its confidence and cut into thirds; accuracy is the share right as a whole "
            "(work: company, title and start date; education: institution and degree).",
            "",
            markdown_table(["band", "entries", "confidence", "accuracy"], [
                [b["band"], str(b["entries"]), f"{b['confidence_min']:.2f}–{b['confidence_max']:.2f}",
                 pct(b["accuracy"])] for b in entry["terciles"]]),
            "",
            "Per dataset (accuracy by third):",
            "",
            markdown_table(["dataset", "bottom third", "middle third", "top third"], [
                [name, *(f"{pct(b['accuracy'])} (n={b['entries']})" for b in bands)]
                for name, bands in entry["by_dataset"].items() if bands]),
        ]
    if report["calibration"]:
        out += [
            "",
            "## Calibration per field",
            "",
            "Per `confidence.fields` key: mean confidence vs mean F1 of the field.",
        ]
        rows = [
            [key, b["band"], str(b["n"]), f"{b['mean_confidence']:.2f}", pct(b["mean_f1"])]
            for key, buckets in report["calibration"].items()
            for b in buckets
        ]
        out += ["", markdown_table(["field", "band", "n", "mean confidence", "mean F1"], rows)]
    return "\n".join(out) + "\n"


def render_chart(report: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    datasets = {k: v for k, v in report["datasets"].items() if v["fields"]}
    if not datasets:
        return
    fig, axes = plt.subplots(1, len(datasets), figsize=(4.2 * len(datasets), 5.5), squeeze=False)
    for ax, (name, ds) in zip(axes[0], datasets.items(), strict=True):
        names = list(ds["fields"])
        values = [100 * (ds["fields"][n]["f1"] or 0.0) for n in names]
        ax.barh(names, values, color="#4C72B0")
        ax.set_xlim(0, 110)
        ax.invert_yaxis()
        ax.set_title(f"{name} (F1 %)")
        ax.tick_params(axis="y", labelsize=8)
        for y, v in enumerate(values):
            ax.text(v + 1, y, f"{v:.0f}", va="center", fontsize=7)
    fig.suptitle(f"resumeparser {report['parser_version']} field F1 ({report['generated']})")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def run(opts: Options) -> tuple[list[DocResult], Agreement | None, list[str]]:
    notes: list[str] = []
    results: list[DocResult] = []
    agreement = None
    runners = {"fixtures": run_fixtures, "linkedin": run_linkedin, "synthetic": run_synthetic, "dotin": run_dotin,
               "real_pairs": run_real_pairs, "corpus": run_corpus}
    for name in opts.datasets:
        started = time.perf_counter()
        if name == "pandoc":
            agreement = run_pandoc(opts, notes)
        else:
            results += runners[name](opts, notes)
        print(f"  {name}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return results, agreement, notes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.accuracy", description=__doc__.split("\n")[0])
    parser.add_argument("--dataset", action="append", choices=DATASETS, help="repeatable; default: all")
    parser.add_argument("--formats", help="fixtures: comma-separated formats to parse (default: all)")
    parser.add_argument("--skip-ocr", action="store_true", help="fixtures: skip image and scanned-PDF formats")
    parser.add_argument("--limit", type=int, help="at most this many documents per dataset")
    parser.add_argument("--dotin-split", choices=("test", "train", "all"), default="test")
    parser.add_argument("--quick", action="store_true", help="--limit 5 --skip-ocr")
    parser.add_argument("--fixtures", type=Path, default=GENERATED, help="generated fixtures folder")
    parser.add_argument("--output", type=Path, default=RESULTS, help="directory for accuracy.{md,json,png}")
    parser.add_argument("--ner", default="off", help="NER evidence: off (default), bundled, or a spaCy pipeline name")
    parser.add_argument("--entries", choices=("model", "rules"), default="model",
                        help="how entries are read: the trained tagger (default) or the rules alone")
    parser.add_argument("--corpus", type=Path, default=Options.corpus_root, help="rendered corpus folder")
    parser.add_argument("--corpus-per-layout", type=int, default=Options.corpus_per_layout,
                        help="held-out documents per layout (a third as many of each trained layout)")
    args = parser.parse_args(argv)
    ner: bool | str = {"off": False, "bundled": True}.get(args.ner, args.ner)
    opts = Options(
        datasets=tuple(args.dataset or DATASETS),
        formats=tuple(args.formats.split(",")) if args.formats else None,
        skip_ocr=args.skip_ocr or args.quick,
        limit=args.limit or (5 if args.quick else None),
        dotin_splits=("test", "train") if args.dotin_split == "all" else (args.dotin_split,),
        fixtures_root=args.fixtures,
        parse_options=resumeparser.ParseOptions(ner=ner, entries=args.entries),
        corpus_root=args.corpus,
        corpus_per_layout=args.corpus_per_layout,
    )
    command = ("python -m benchmarks.accuracy " + " ".join(sys.argv[1:] if argv is None else argv)).strip()
    started = time.perf_counter()
    results, agreement, notes = run(opts)
    report = build_report(results, agreement, notes, command, time.perf_counter() - started)
    markdown = render_markdown(report)
    print(markdown)
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "accuracy.md").write_text(markdown, encoding="utf-8")
    (args.output / "accuracy.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    render_chart(report, args.output / "accuracy.png")
    print(f"wrote {args.output}/accuracy.md, accuracy.json, accuracy.png", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
