"""How well the NER model reads entry-header lines, against a simple lexicon baseline; and what it costs.

    python models/resume_ner/evaluate.py --shared ../shared [--ner en_core_web_sm] [--speed]

Entry-header lines are
- dotin test split: every line (or, in texts that lost their newlines, every run between 2+ spaces) holding a
  labelled title, company, school or degree; the gold values are the labelled spans on that line;
- LinkedIn PDFs: the lines of `pdftotext` output that equal a work entry's company or position or an education
  entry's school, from Profile.expected.json.
A gold value counts as found when an entity of the same label matches it (rapidfuzz ratio >= 85 after case
folding). "wrong" counts gold values found under the other label of the pair TITLE/COMPANY or SCHOOL/DEGREE.
The dotin labels are incomplete, so only recall is measured here; precision is in the README's spaCy scores.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

from rapidfuzz import fuzz

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(HERE)]

from train import clean_spans, read_annotated, segments  # noqa: E402

from resumeparser.ner import Entity, entities  # noqa: E402

FIELDS = ("TITLE", "COMPANY", "SCHOOL", "DEGREE")
OTHER = {"TITLE": "COMPANY", "COMPANY": "TITLE", "SCHOOL": "DEGREE", "DEGREE": "SCHOOL"}
Gold = list[tuple[str, str]]

# A baseline of the kind a field extractor starts with: cue words and separators.
TITLE_WORDS = set(
    """engineer developer manager analyst consultant director intern lead architect specialist officer executive
    assistant associate administrator designer scientist president head coordinator technician supervisor
    programmer tester trainee advisor representative founder co-founder ceo cto cfo coo vp teacher professor
    lecturer researcher investigator accountant nurse editor writer owner partner clerk agent operator
    instructor tutor fellow postdoc postdoctoral chief principal senior junior sr jr""".split()
)
COMPANY_SUFFIXES = set("inc ltd llc llp pvt limited corp corporation gmbh plc co".split())
COMPANY_WORDS = set(
    """company technologies technology
    solutions services systems group bank gmbh plc labs institutes infotech software consulting
    consultancy industries enterprises international global foundation""".split()
)
SCHOOL_WORDS = set("university college institute school academy polytechnic vidyalaya iit nit".split())
DEGREE = re.compile(
    r"\b(?:b\.?\s?e|b\.?\s?tech|m\.?\s?tech|m\.?\s?e|mba|bba|bca|mca|b\.?\s?sc|m\.?\s?sc|b\.?\s?com|m\.?\s?com|"
    r"b\.?\s?s|m\.?\s?s|b\.?\s?a|m\.?\s?a|ph\.?\s?d|diploma|bachelor(?:'?s)?|master(?:'?s)?|hsc|ssc|"
    r"associate(?:'s)? degree)\b",
    re.IGNORECASE,
)
SEPARATORS = re.compile(r"\s+(?:at|@|\||-|–|—|with|in)\s+|,\s+|\t|\s{2,}")


def baseline(lines: Sequence[str]) -> list[list[Entity]]:
    out = []
    for line in lines:
        found: list[Entity] = []
        cuts = [0, *(x for m in SEPARATORS.finditer(line) for x in (m.start(), m.end())), len(line)]
        parts = [(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=True) if line[a:b].strip()]
        unknown = []
        for a, b in parts:
            text = line[a:b].strip()
            words = {w.lower().strip(".,()") for w in text.split()}
            if words & SCHOOL_WORDS:
                found.append(Entity("SCHOOL", a, b, text))
            elif DEGREE.search(text):
                found.append(Entity("DEGREE", a, b, text))
            elif words & COMPANY_SUFFIXES:
                found.append(Entity("COMPANY", a, b, text))
            elif words & TITLE_WORDS:
                found.append(Entity("TITLE", a, b, text))
            elif words & COMPANY_WORDS:
                found.append(Entity("COMPANY", a, b, text))
            elif re.search(r"[A-Za-z]", text) and not re.search(r"\d{4}", text):
                unknown.append((a, b, text))
        labels = {e.label for e in found}
        # "Title at Acme": the unknown part beside a title is the company, and the other way round.
        if unknown and "TITLE" in labels and "COMPANY" not in labels:
            a, b, text = unknown[0]
            found.append(Entity("COMPANY", a, b, text))
        elif unknown and "COMPANY" in labels and "TITLE" not in labels:
            a, b, text = unknown[0]
            found.append(Entity("TITLE", a, b, text))
        out.append(found)
    return out


def dotin_lines(data: Path) -> tuple[list[str], list[Gold]]:
    lines, golds = [], []
    for path in sorted((data / "test").glob("*.xml")):
        text, raw = read_annotated(path)
        spans = clean_spans(text, raw)
        for a, b in segments(text):
            gold = [(label, text[s:e]) for s, e, label in spans if s >= a and e <= b and label in FIELDS]
            if gold:
                lines.append(text[a:b].strip())
                golds.append(gold)
    return lines, golds


def linkedin_lines(folder: Path) -> tuple[list[str], list[Gold], int]:
    lines, golds, missing = [], [], 0
    for expected in sorted(folder.glob("*/Profile.expected.json")):
        record = json.loads(expected.read_text(encoding="utf-8"))
        text = subprocess.run(
            ["pdftotext", str(expected.with_name("Profile.pdf")), "-"], capture_output=True, text=True, check=True
        ).stdout
        pdf_lines = [line.strip() for line in text.splitlines()]
        wanted: list[tuple[str, str]] = []
        for work in record.get("work", []):
            wanted += [("COMPANY", work.get("name", "")), ("TITLE", work.get("position", ""))]
        wanted += [("SCHOOL", edu.get("institution", "")) for edu in record.get("education", [])]
        seen = set()
        for label, value in wanted:
            if not value or (label, value) in seen:
                continue
            seen.add((label, value))
            hits = [line for line in pdf_lines if line.casefold() == value.casefold()]
            if not hits:
                missing += 1  # wrapped over two lines or written differently in the PDF
                continue
            lines.append(hits[0])
            golds.append([(label, value)])
    return lines, golds, missing


def score(lines: list[str], golds: list[Gold], predict: Callable[[Sequence[str]], list[list[Entity]]]) -> dict:
    found, wrong, total = Counter(), Counter(), Counter()
    for gold, pred in zip(golds, predict(lines), strict=True):
        for label, value in gold:
            total[label] += 1
            same = [e for e in pred if fuzz.ratio(e.text.casefold(), value.casefold()) >= 85]
            if any(e.label == label for e in same):
                found[label] += 1
            elif any(e.label == OTHER[label] for e in same):
                wrong[label] += 1
    return {
        label: {
            "n": total[label],
            "found": round(found[label] / total[label], 3),
            "wrong": round(wrong[label] / total[label], 3),
        }
        for label in FIELDS
        if total[label]
    }


def combined(spec: bool | str) -> Callable[[Sequence[str]], list[list[Entity]]]:
    """The model first; the baseline only for labels the model did not give on that line."""

    def predict(lines: Sequence[str]) -> list[list[Entity]]:
        out = []
        for model, base in zip(entities(lines, spec), baseline(lines), strict=True):
            labels = {e.label for e in model}
            out.append(model + [e for e in base if e.label not in labels])
        return out

    return predict


def speed(lines: list[str], spec: bool | str, repeats: int = 7) -> dict[str, float]:
    """Milliseconds per resume for 40 entry-header lines + 10 top lines, median of `repeats` runs."""
    batch = [line for line in lines if len(line) < 120][:50]
    t0 = time.perf_counter()
    entities(batch[:1], spec)
    load_s = time.perf_counter() - t0
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        entities(batch, spec)
        times.append((time.perf_counter() - t) * 1000)
    return {"load_s": round(load_s, 2), "ms_per_resume_50_lines": round(statistics.median(times), 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--ner", default="", help="a spaCy pipeline name or path instead of the bundled model")
    ap.add_argument("--speed", action="store_true")
    args = ap.parse_args()
    spec: bool | str = args.ner or True
    dev = args.shared / "dev-data"
    sets = {
        "dotin_test": dotin_lines(dev / "dotin_resume_ner"),
        "linkedin": linkedin_lines(dev / "linkedin_profile_pdf")[:2],
    }
    report: dict[str, object] = {}
    if args.speed:  # first, so that the load time is a cold load
        report["speed"] = speed(sets["dotin_test"][0] + sets["linkedin"][0], spec)
    for name, (lines, golds) in sets.items():
        report[name] = {
            "lines": len(lines),
            "baseline": score(lines, golds, baseline),
            "model": score(lines, golds, lambda ls: entities(ls, spec)),
            "model+baseline": score(lines, golds, combined(spec)),
        }
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
