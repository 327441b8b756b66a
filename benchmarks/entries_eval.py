"""Accuracy of work, education, dates and skills on the development data.

    python benchmarks/entries_eval.py [--shared ../shared] [--json out.json]

LinkedIn profiles (PDF, expected JSON Resume): company / title / institution F1, dates to the month,
degree accuracy, skills F1 against "Top Skills". dotin test set (text with inline labels): F1 of
Designation, Companies worked at, College Name, Degree, Graduation Year against the labelled values.
Fixtures (fixtures/generated, when present): the same fields against expected.json.
Also: mean accuracy per confidence band (top third vs bottom third of overall confidence).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import resumeparser  # noqa: E402
from resumeparser.errors import ResumeParserError  # noqa: E402


def norm(text: str | None) -> str:
    text = (text or "").lower().replace("&", " and ")
    text = re.sub(r"[^\w\s+#]", " ", text)
    return " ".join(text.split())


def same(a: str | None, b: str | None, threshold: float = 90) -> bool:
    a, b = norm(a), norm(b)
    return bool(a and b) and (a == b or fuzz.token_sort_ratio(a, b) >= threshold)


class F1:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, predicted: list[str], expected: list[str], threshold: float = 90) -> float:
        pred = [p for p in predicted if norm(p)]
        exp = [e for e in expected if norm(e)]
        used: set[int] = set()
        tp = 0
        for e in exp:
            for i, p in enumerate(pred):
                if i not in used and same(p, e, threshold):
                    used.add(i)
                    tp += 1
                    break
        self.tp += tp
        self.fp += len(pred) - tp
        self.fn += len(exp) - tp
        denom = len(pred) + len(exp)
        return 2 * tp / denom if denom else 1.0

    def score(self) -> float:
        denom = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denom if denom else 1.0

    def row(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return f"F1 {self.score():.3f} (P {p:.3f} R {r:.3f}, tp {self.tp} fp {self.fp} fn {self.fn})"


def parse_pdf(path: Path) -> tuple[resumeparser.Resume, str]:
    try:
        return resumeparser.parse(path), "parse"
    except ResumeParserError as exc:
        if exc.code != "corrupt_document":
            raise
    # no PDF extractor on this branch yet: the text layer through poppler, read by parse_text
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return resumeparser.parse_text(text), "pdftotext+parse_text"


def month(value: str | None) -> str | None:
    return value[:7] if value else None


ENTRY_BANDS: list[tuple[float, float]] = []
"""(work entry confidence, 1 if its title and company are both right else 0), LinkedIn and fixtures."""


def entry_bands(resume: resumeparser.Resume, expected: list[tuple[str, str]]) -> None:
    for w in resume.work:
        ok = any(same(w.title, t) and same(w.company, c) for t, c in expected)
        ENTRY_BANDS.append((w.confidence or 0.0, 1.0 if ok else 0.0))


def linkedin(shared: Path, bands: list[tuple[float, float]]) -> dict[str, object]:
    company, title, institution, skills_sec, skills_all = F1(), F1(), F1(), F1(), F1()
    dates_ok = dates_total = degree_ok = degree_total = 0
    how = set()
    for exp_path in sorted((shared / "dev-data" / "linkedin_profile_pdf").glob("*/Profile.expected.json")):
        expected = json.loads(exp_path.read_text())
        resume, mode = parse_pdf(exp_path.with_name("Profile.pdf"))
        how.add(mode)
        work = expected.get("work", [])
        entry_bands(resume, [(w.get("position", ""), w.get("name", "")) for w in work])
        scores = [
            company.add([w.company or "" for w in resume.work], [w.get("name", "") for w in work]),
            title.add([w.title or "" for w in resume.work], [w.get("position", "") for w in work]),
            institution.add([e.institution or "" for e in resume.education],
                            [e.get("institution", "") for e in expected.get("education", [])]),
        ]
        for w in work:
            dates_total += 1
            candidates = [p for p in resume.work if same(p.title, w.get("position"))]
            # the same title twice (two "Web Developer" roles): the one with the same start, if any
            match = next((p for p in candidates if month(p.start_date) == month(w.get("startDate"))), None)
            match = match or (candidates[0] if candidates else None)
            if match and month(match.start_date) == month(w.get("startDate")) and (
                month(match.end_date) == month(w.get("endDate"))
            ):
                dates_ok += 1
        for e in expected.get("education", []):
            if not e.get("studyType"):
                continue
            degree_total += 1
            match = next((p for p in resume.education if same(p.institution, e.get("institution"))), None)
            if match and norm(match.degree) == norm(e["studyType"]):
                degree_ok += 1
        top = [s["name"] for s in expected.get("skills", [])]
        scores.append(skills_sec.add([s.name for s in resume.skills if "skills" in s.sources], top))
        skills_all.add([s.name for s in resume.skills], top)
        bands.append((resume.confidence.overall, sum(scores) / len(scores)))
    return {
        "how": sorted(how),
        "company": company.row(),
        "title": title.row(),
        "dates_to_month": f"{dates_ok}/{dates_total} = {dates_ok / max(1, dates_total):.3f}",
        "institution": institution.row(),
        "degree": f"{degree_ok}/{degree_total} = {degree_ok / max(1, degree_total):.3f}",
        "skills (skills section) vs Top Skills": skills_sec.row(),
        "skills (all) vs Top Skills": skills_all.row(),
    }


def dotin(shared: Path, bands: list[tuple[float, float]]) -> dict[str, object]:
    base = shared / "dev-data" / "dotin_resume_ner"
    labels: dict[str, dict[str, list[str]]] = {}
    for row in (base / "derived" / "fields_by_cv.jsonl").read_text().splitlines():
        item = json.loads(row)
        labels[item["id"]] = item["fields"]
    keys = ("Designation", "Companies worked at", "College Name", "Degree", "Graduation Year")
    f = {k: F1() for k in keys}
    # most dotin texts lost their newlines: a line-based parser can only be judged on the others
    f_lines = {k: F1() for k in keys}
    has_lines: dict[str, bool] = {}
    for row in (base / "derived" / "fields_by_cv.jsonl").read_text().splitlines():
        item = json.loads(row)
        has_lines[item["id"]] = bool(item.get("has_newlines"))
    started = time.perf_counter()
    n = 0
    for path in sorted((base / "test").glob("*.xml")):
        raw = path.read_text(encoding="utf-8", errors="replace")
        text = html.unescape(re.sub(r"</?(?:label|cv)[^>]*>|<\?xml[^>]*\?>", "", raw))
        text = re.sub(r"[\x00-\x08\x0b\x0e-\x1f]", "\n", text)
        fields = labels.get(f"test/{path.name}") or labels.get(f"test/{path.stem}.xml") or {}
        try:
            resume = resumeparser.parse_text(text)
        except ResumeParserError:
            continue
        n += 1
        predicted = {
            "Designation": [w.title or "" for w in resume.work],
            "Companies worked at": [w.company or "" for w in resume.work],
            "College Name": [e.institution or "" for e in resume.education],
            # dotin labels a degree with its field ("B.E in Computer Science"): compare in that form
            "Degree": [f"{e.degree} in {e.field_of_study}" if e.degree and e.field_of_study else e.degree or ""
                       for e in resume.education],
            "Graduation Year": [(e.end_date or "")[:4] for e in resume.education],
        }
        scores = []
        for key, acc in f.items():
            exp = list(dict.fromkeys(v.strip() for v in fields.get(key, [])))
            pred = list(dict.fromkeys(p for p in predicted[key] if p))
            if key == "Graduation Year":
                exp = [m.group(0) for v in exp for m in [re.search(r"(19|20)\d\d", v)] if m]
            scores.append(acc.add(pred, exp, 85))
            if has_lines.get(f"test/{path.name}"):
                f_lines[key].add(pred, exp, 85)
        bands.append((resume.confidence.overall, sum(scores) / len(scores)))
    elapsed = (time.perf_counter() - started) * 1000 / max(1, n)
    return {
        "cvs": n,
        "ms_per_cv": round(elapsed, 1),
        "all": {k: v.row() for k, v in f.items()},
        f"with newlines ({sum(1 for k, v in has_lines.items() if v and k.startswith('test/'))} cvs)": {
            k: v.row() for k, v in f_lines.items()
        },
    }


def fixtures(bands: list[tuple[float, float]]) -> dict[str, object] | None:
    manifest = ROOT / "fixtures" / "generated" / "manifest.json"
    if not manifest.exists():
        return None
    company, title, institution, degree = F1(), F1(), F1(), F1()
    dates_ok = dates_total = yoe_ok = yoe_total = 0
    for item in json.loads(manifest.read_text()):
        folder = manifest.parent / item["id"]
        expected = json.loads((folder / "expected.json").read_text())
        resume = resumeparser.parse_text((folder / "source.txt").read_text())
        if item.get("reference_date") and expected.get("years_of_experience") is not None:
            yoe_total += 1
            yoe_ok += abs((years_at(folder / "source.txt", item["reference_date"]) or 0)
                          - expected["years_of_experience"]) <= 0.1
        entry_bands(resume, [(w.get("title") or "", w.get("company") or "") for w in expected["work"]])
        scores = [
            company.add([w.company or "" for w in resume.work], [w.get("company") or "" for w in expected["work"]]),
            title.add([w.title or "" for w in resume.work], [w.get("title") or "" for w in expected["work"]]),
            institution.add([e.institution or "" for e in resume.education],
                            [e.get("institution") or "" for e in expected["education"]]),
            degree.add([e.degree or "" for e in resume.education],
                       [e.get("degree") or "" for e in expected["education"]]),
        ]
        for w in expected["work"]:
            dates_total += 1
            candidates = [p for p in resume.work if same(p.title, w.get("title"))]
            match = next((p for p in candidates if month(p.start_date) == month(w.get("start_date"))), None)
            match = match or (candidates[0] if candidates else None)
            if match and month(match.start_date) == month(w.get("start_date")) and (
                month(match.end_date) == month(w.get("end_date")) and match.is_current == w.get("is_current", False)
            ):
                dates_ok += 1
        bands.append((resume.confidence.overall, sum(scores) / len(scores)))
    return {
        "company": company.row(), "title": title.row(), "institution": institution.row(), "degree": degree.row(),
        "dates_to_month": f"{dates_ok}/{dates_total} = {dates_ok / max(1, dates_total):.3f}",
        "years_of_experience within 0.1": f"{yoe_ok}/{yoe_total}",
    }


def years_at(path: Path, reference: str) -> float | None:
    """Years of experience as of the fixture's reference date (the pipeline itself uses today)."""
    from datetime import date

    from resumeparser.assemble import assemble, extract_fields
    from resumeparser.document import Document
    from resumeparser.fields.contact import extract_contact
    from resumeparser.normalize import normalize
    from resumeparser.segment import segment

    doc = normalize(Document.from_text(path.read_text()))
    blocks = segment(doc)
    record = assemble(doc, blocks, extract_contact(doc, blocks), extract_fields(blocks),
                      today=date.fromisoformat(reference))
    return record.years_of_experience


def band_table(bands: list[tuple[float, float]]) -> dict[str, str]:
    ranked = sorted(bands)
    if not ranked:
        return {}
    third = max(1, len(ranked) // 3)
    low, high = ranked[:third], ranked[-third:]

    def avg(rows: list[tuple[float, float]], i: int) -> float:
        return sum(r[i] for r in rows) / len(rows)

    return {
        "bottom third": f"n={len(low)} confidence {avg(low, 0):.3f} accuracy {avg(low, 1):.3f}",
        "top third": f"n={len(high)} confidence {avg(high, 0):.3f} accuracy {avg(high, 1):.3f}",
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=os.environ.get("RESUMEPARSER_SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--json")
    args = ap.parse_args()
    shared = Path(args.shared)
    bands: list[tuple[float, float]] = []
    report: dict[str, object] = {"linkedin": linkedin(shared, bands), "dotin_test": dotin(shared, bands)}
    fx = fixtures(bands)
    if fx is not None:
        report["fixtures"] = fx
    report["confidence_bands"] = band_table(bands)
    report["work_entry_confidence_bands"] = band_table(ENTRY_BANDS)
    text = json.dumps(report, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n")


if __name__ == "__main__":
    main()
