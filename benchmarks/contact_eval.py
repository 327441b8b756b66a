"""Accuracy of the contact fields (name, e-mail, phone, location) on the development data.

    RESUMEPARSER_SHARED=../shared .venv/bin/python benchmarks/contact_eval.py [-v] [--train]

`--train` reads the 310 dotin training texts instead of the 50 test texts (a second, larger check).

Data (read in place, never copied): `dev-data/linkedin_profile_pdf` (name, e-mail, city/region/country),
`dev-data/dotin_resume_ner/test` (Name, Email Address), `dev-data/synthetic_template_resumes` (name, e-mail),
and `fixtures/generated` when present (name, e-mails, phones, location). Files go through the library's own
extractors when it has one for the format; otherwise through a small pdfplumber / python-docx reader here, so
the contact stage can be measured before every extractor exists. Phones are also checked for false
positives on the dotin texts' date ranges: a phone there must have at least 9 digits written in the text.
"""

from __future__ import annotations

import csv
import json
import os
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from resumeparser.document import Document, Line, Page, Span  # noqa: E402
from resumeparser.errors import UnsupportedFormat  # noqa: E402
from resumeparser.extract import extract  # noqa: E402
from resumeparser.fields.contact import extract_contact  # noqa: E402
from resumeparser.normalize import normalize  # noqa: E402
from resumeparser.options import DEFAULT_OPTIONS, Deadline  # noqa: E402
from resumeparser.segment import segment  # noqa: E402

SHARED = Path(os.environ.get("RESUMEPARSER_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "dev-data"


def _pdf_document(path: Path) -> Document:
    """Words -> lines with font size and bold; a left sidebar (a vertical gutter no word crosses) read first."""
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            words = page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False, use_text_flow=False)
            gutter = _gutter(words, float(page.width))
            lines: list[Line] = []
            for column, chosen in enumerate(
                [[w for w in words if w["x1"] <= gutter], [w for w in words if w["x0"] >= gutter]]
                if gutter
                else [words]
            ):
                rows: dict[int, list[dict[str, Any]]] = defaultdict(list)
                for w in chosen:
                    rows[round(w["top"] / 3)].append(w)
                for key in sorted(rows):
                    row = sorted(rows[key], key=lambda w: w["x0"])
                    spans = [
                        Span(
                            text=w["text"],
                            bbox=(w["x0"], w["top"], w["x1"], w["bottom"]),
                            font_size=round(float(w["size"]), 1),
                            bold="bold" in w["fontname"].lower(),
                            font=w["fontname"],
                        )
                        for w in row
                    ]
                    bbox = (row[0]["x0"], min(w["top"] for w in row), row[-1]["x1"], max(w["bottom"] for w in row))
                    lines.append(Line(spans=spans, page=number, bbox=bbox, column=column))
            links = [a.get("uri") for a in (page.annots or []) if a.get("uri")]
            pages.append(Page(number=number, lines=lines, width=float(page.width), height=float(page.height)))
    doc = Document(pages=pages, format="pdf")
    with pdfplumber.open(path) as pdf:
        doc.links = [a["uri"] for p in pdf.pages for a in (p.annots or []) if a.get("uri")]
    del links
    return doc


def _gutter(words: list[dict[str, Any]], width: float) -> float | None:
    if len(words) < 20:
        return None
    for x in range(int(width * 0.22), int(width * 0.45), 2):
        left = sum(1 for w in words if w["x1"] <= x)
        crossing = sum(1 for w in words if w["x0"] < x < w["x1"])
        if crossing == 0 and left >= 3 and len(words) - left >= 15:
            return float(x)
    return None


def _docx_document(path: Path) -> Document:
    import docx

    d = docx.Document(str(path))
    texts: list[str] = []
    for section in d.sections:
        texts += [p.text for p in section.header.paragraphs]
    body = d.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            texts.append(_runs(child))
        elif tag == "tbl":
            for cell in child.iter():
                if cell.tag.endswith("}p"):
                    texts.append(_runs(cell))
    return Document.from_text("\n".join(texts), format="docx")


def _runs(element: Any) -> str:
    parts = []
    for t in element.iter():
        tag = t.tag.rsplit("}", 1)[-1]
        parts.append(t.text or "" if tag == "t" else "\t" if tag in ("tab", "br") else "")
    return "".join(parts)


def load(path: Path) -> Document:
    fmt = path.suffix.lstrip(".").lower()
    try:
        return extract(path.read_bytes(), fmt, DEFAULT_OPTIONS, Deadline(60))
    except (UnsupportedFormat, ModuleNotFoundError):
        pass
    if fmt == "pdf":
        return _pdf_document(path)
    if fmt == "docx":
        return _docx_document(path)
    return Document.from_text(path.read_text(errors="replace"))


def dotin_text(raw: str) -> tuple[str, dict[str, list[str]]]:
    labels: dict[str, list[str]] = defaultdict(list)
    for kind, value in re.findall(r'<label type="([^"]+)">(.*?)</label>', raw, re.S):
        labels[kind].append(" ".join(value.split()))
    text = re.sub(r"<[^>]+>", "", raw).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", " ", text).strip().strip('"')
    # some texts carry UTF-8 bytes written out as "\xe2\x80\xa2": decode them back to characters
    text = re.sub(r"(?:\\x[0-9a-f]{2})+", lambda m: bytes.fromhex(m.group(0).replace("\\x", "")).decode(
        "utf-8", "replace"), text)
    if text.count("\n") < 10:  # the texts that lost their newlines kept runs of spaces where lines broke
        text = re.sub(r" {2,}", "\n", text)
    return text, labels


def fold(s: str | None) -> str:
    s = unicodedata.normalize("NFKD", s or "")
    return re.sub(r"[^a-z0-9@.]+", " ", "".join(c for c in s if not unicodedata.combining(c)).lower()).strip()


_SECTION_CHECKS = [
    ("work", "experience", "company"),
    ("education", "education", "institution"),
    ("skills", "skills", "raw"),
    ("languages", "languages", "raw"),
    ("certifications", "certifications", "name"),
    ("projects", "projects", "name"),
]


def run(verbose: bool) -> dict[str, dict[str, list[bool]]]:
    results: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))

    def record(dataset: str, field: str, ok: bool, ident: str, got: object, want: object) -> None:
        results[dataset][field].append(ok)
        if verbose and not ok:
            print(f"  MISS {dataset} {field} {ident}: got {got!r} want {want!r}")

    def contact_of(doc: Document) -> Any:
        doc = normalize(doc)
        return extract_contact(doc, segment(doc), None)

    for folder in sorted((DEV / "linkedin_profile_pdf").glob("*/")):
        expected = json.loads((folder / "Profile.expected.json").read_text())["basics"]
        c = contact_of(load(folder / "Profile.pdf"))
        name = c.name.full if c.name else None
        record("linkedin", "name", fold(name) == fold(expected["name"]), folder.name, name, expected["name"])
        if expected.get("email"):
            ok = fold(expected["email"]) in [fold(e) for e in c.emails]
            record("linkedin", "email", ok, folder.name, c.emails, expected["email"])
        want = expected.get("location") or {}
        if want:
            loc = c.location
            got = (loc.city, loc.region, loc.country) if loc else None
            ok = loc is not None and all(
                fold(want.get(k)) == fold(v) for k, v in (("city", loc.city), ("region", loc.region)) if want.get(k)
            )
            if want.get("countryCode") and loc is not None:
                ok = ok and fold(want["countryCode"]) in (fold(loc.country), fold(loc.country_code))
            record("linkedin", "location", ok, folder.name, got, want)
        record("linkedin", "no_phone", not c.phones, folder.name, c.phones, [])
        if expected.get("label"):
            record("linkedin", "headline", fold(c.headline) == fold(expected["label"]), folder.name, c.headline,
                   expected["label"])
        for profile in expected.get("profiles", []):
            got_profiles = {(p.network, (p.username or "").lower()) for p in c.profiles}
            ok = (profile["network"].lower(), profile["username"].lower()) in got_profiles
            record("linkedin", "profiles", ok, folder.name, got_profiles, profile)

    split = "train" if "--train" in sys.argv else "test"
    for path in sorted((DEV / "dotin_resume_ner" / split).glob("*.xml")):
        text, labels = dotin_text(path.read_text())
        c = contact_of(Document.from_text(text))
        if labels.get("Name"):
            name = c.name.full if c.name else None
            ok = any(fold(name) == fold(n) for n in labels["Name"])
            record("dotin", "name", ok, path.name, name, labels["Name"])
        if labels.get("Email Address"):
            ok = any(fold(e) == fold(w) for w in labels["Email Address"] for e in c.emails)
            record("dotin", "email", ok, path.name, c.emails, labels["Email Address"])
        # the candidate's place: a Location label on the header's first lines (later ones are employers')
        head = "\n".join(text.splitlines()[:6])
        home = [loc for loc in labels.get("Location", []) if loc in head and len(loc) > 2]
        if home:
            loc = c.location
            parts = [fold(x) for x in (loc.city, loc.region, loc.country) if x] if loc else []
            ok = any(p in fold(home[0]) for p in parts) or bool(loc and fold(home[0]) in fold(loc.raw))
            record("dotin", "location", ok, path.name, c.location and c.location.raw, home[0])
        for phone in c.phones:
            digits = re.sub(r"\D", "", phone.raw)
            ok = len(digits) >= 9 and not re.search(r"(19|20)\d\d\s*[-–]\s*(19|20)?\d\d", phone.raw)
            record("dotin", "phone_not_date", ok, path.name, phone.raw, "a phone")

    with open(DEV / "synthetic_template_resumes" / "files.csv") as fh:
        for row in csv.DictReader(fh):
            if not row["ground_truth"]:
                continue
            truth = json.loads(row["ground_truth"])
            c = contact_of(load(DEV / "synthetic_template_resumes" / row["file"]))
            name = c.name.full if c.name else None
            record("synthetic", "name", fold(name) == fold(truth["name"]), row["file"], name, truth["name"])
            if truth.get("email"):
                ok = fold(truth["email"]) in [fold(e) for e in c.emails]
                record("synthetic", "email", ok, row["file"], c.emails, truth["email"])

    generated = ROOT / "fixtures" / "generated"
    if (generated / "manifest.json").exists():
        for item in json.loads((generated / "manifest.json").read_text()):
            expected = json.loads((generated / item["id"] / "expected.json").read_text())
            for fmt in ("txt", "pdf", "docx"):
                if fmt not in item["files"]:
                    continue
                try:
                    doc = normalize(load(generated / item["files"][fmt]))
                except Exception as exc:  # an extractor not built yet on this branch
                    print(f"  skip {item['id']} {fmt}: {type(exc).__name__}")
                    continue
                blocks = segment(doc)
                c = extract_contact(doc, blocks, None)
                ds, ident = f"fixtures-{fmt}", item["id"]
                # sections: each kind the record has is found, and holds its first entry's words
                for field, kind, key in _SECTION_CHECKS:
                    entries = expected.get(field) or []
                    if entries:
                        first = entries[0].get(key) if isinstance(entries[0], dict) else None
                        texts = [b.text for b in blocks if b.kind == kind]
                        ok = bool(texts) and (not first or any(fold(first) in fold(t) for t in texts))
                        record(ds, "sections", ok, ident, [(b.kind, b.heading) for b in blocks], (kind, first))
                if expected.get("headline"):
                    record(ds, "headline", fold(c.headline) == fold(expected["headline"]), ident, c.headline,
                           expected["headline"])
                want_name = (expected.get("name") or {}).get("full")
                name = c.name.full if c.name else None
                if want_name:
                    record(ds, "name", fold(name) == fold(want_name), ident, name, want_name)
                if expected.get("emails"):
                    record(ds, "email", [fold(e) for e in c.emails] == [fold(e) for e in expected["emails"]],
                           ident, c.emails, expected["emails"])
                want_phones = sorted(p.get("e164") or "" for p in expected.get("phones", []))
                if want_phones:
                    got_phones = sorted(p.e164 or "" for p in c.phones)
                    record(ds, "phone", got_phones == want_phones, ident, got_phones, want_phones)
                want_loc = expected.get("location") or {}
                if want_loc.get("city"):
                    loc = c.location
                    ok = loc is not None and fold(loc.city) == fold(want_loc["city"]) and (
                        loc.country_code == want_loc.get("country_code") or not want_loc.get("country_code")
                    ) and fold(loc.region) == fold(want_loc.get("region"))
                    record(ds, "location", ok, ident, loc and (loc.city, loc.region, loc.country_code), want_loc)
                want_name = expected.get("name") or {}
                if want_name.get("last") and c.name is not None:
                    parts = (c.name.first, c.name.middle, c.name.last)
                    want_parts = (want_name.get("first"), want_name.get("middle"), want_name.get("last"))
                    record(ds, "name_parts", parts == want_parts, ident, parts, want_parts)
    return results


def main() -> None:
    results = run("-v" in sys.argv)
    totals: dict[str, list[bool]] = defaultdict(list)
    for dataset, fields in results.items():
        for field, oks in fields.items():
            totals[field] += oks
            print(f"{dataset:16} {field:15} {sum(oks):4}/{len(oks):<4} {100 * sum(oks) / len(oks):6.1f}%")
    for field, oks in totals.items():
        print(f"{'ALL':16} {field:15} {sum(oks):4}/{len(oks):<4} {100 * sum(oks) / len(oks):6.1f}%")


if __name__ == "__main__":
    main()
