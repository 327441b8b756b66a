"""Header fields on real and generated documents: names (kept, and not invented), candidate location, and the
agreement of one person's documents across formats.

    python -m benchmarks.header_eval                    # every part, every dataset that is present
    python -m benchmarks.header_eval --part names --dotin-split all

- **names**: every document whose answer names the person (fixtures in every non-OCR format, LinkedIn, real
  pairs, the synthetic templates with a ground truth, dotin texts) is parsed as it is, and again anonymised:
  the person's name is removed from every line that carries it (a line left empty is dropped), the way public
  resume collections remove it. The anonymised documents are made at run time, in memory for the extracted
  layout and as text files in a temporary folder; nothing is written into the project. Reported: the share of
  named documents whose name is found (and right), and the share of anonymised documents that still get one.
- **location**: every document whose answer shows the candidate's city (fixtures, LinkedIn, real pairs): city
  right, country code right, wrong or absent.
- **invariance**: one person, several documents (the pandoc set: the same resume as DOCX, ODT, RTF, PDF, HTML,
  TXT; the real pairs: one person's PDF, HTML and DOCX): the same name, e-mail and company set from each.

Writes benchmarks/results/header_eval.{md,json}.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import resumeparser
from resumeparser import Resume, ResumeParserError
from resumeparser.document import Document, Line, Page, Span
from resumeparser.pipeline import parse_document, read_document

from .accuracy import safe_parse
from .common import GENERATED, OCR_FORMATS, RESULTS, dev_data, git_commit, load_manifest, markdown_table, pct
from .matching import fold, matches
from .records import strip_xml_labels

PARTS = ("names", "location", "invariance")
# the formats a resume is sent in (the pandoc set also holds its LaTeX and Markdown sources: not documents)
DOCUMENT_SUFFIXES = {".pdf", ".docx", ".doc", ".html", ".htm", ".odt", ".rtf", ".txt"}


@dataclass
class Item:
    """One document with what its answer says about the header."""

    dataset: str
    doc: str
    path: Path | None = None
    text: str | None = None  # for datasets given as text (dotin)
    name: str | None = None
    city: str | None = None
    country_code: str | None = None


# --- the documents -----------------------------------------------------------------------------------------


def _country_code(value: str | None) -> str | None:
    """An ISO code, or a country name turned into one ("Netherlands" -> "NL"), through the parser's own table."""
    if not value:
        return None
    if re.fullmatch(r"[A-Za-z]{2}", value):
        return value.upper()
    from resumeparser.fields.location import country_of

    hit = country_of(value)
    return hit[0] if hit else None


def fixture_items(root: Path = GENERATED) -> Iterator[Item]:
    for fx in load_manifest(root):
        expected = Resume.model_validate_json(fx.expected.read_text(encoding="utf-8"))
        loc = expected.location
        for fmt, path in sorted(fx.files.items()):
            if fmt in OCR_FORMATS:
                continue
            yield Item("fixtures", f"{fx.id}/{fmt}", path=path, name=expected.name.full if expected.name else None,
                       city=loc.city if loc else None, country_code=loc.country_code if loc else None)


def linkedin_items() -> Iterator[Item]:
    root = dev_data("linkedin_profile_pdf")
    if root is None:
        return
    for person in sorted(p for p in root.iterdir() if (p / "Profile.expected.json").exists()):
        basics = json.loads((person / "Profile.expected.json").read_text(encoding="utf-8")).get("basics", {})
        loc = basics.get("location") or {}
        yield Item("linkedin", person.name, path=person / "Profile.pdf", name=basics.get("name"),
                   city=loc.get("city"), country_code=_country_code(loc.get("countryCode")))


def real_pair_items() -> Iterator[Item]:
    root = dev_data("real_pairs")
    if root is None:
        return
    for answer in sorted(root.glob("*/*.expected.json")):
        data = json.loads(answer.read_text(encoding="utf-8"))
        only = data.get("only") or []
        city = data.get("city") if "city" in only else None
        doc = answer.with_name(answer.name.removesuffix(".expected.json"))
        yield Item("real_pairs", pair_id(doc), path=doc,
                   name=data.get("name") if "name" in only else None, city=city,
                   country_code=_paired_country(doc) if city else None)


def pair_id(doc: Path) -> str:
    """A real document's name in reports: its folder's and its own place in sorted order, with its format
    ("pair-3/doc-2.pdf"); the folders and files are named after real people, whom the reports do not name."""
    folders = sorted(p.name for p in doc.parent.parent.iterdir() if p.is_dir())
    files = sorted(p.name for p in doc.parent.iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES)
    return f"pair-{folders.index(doc.parent.name) + 1}/doc-{files.index(doc.name) + 1}{doc.suffix.lower()}"


def _paired_country(doc: Path) -> str | None:
    """The country of the JSON Resume data a real document was made from (the answers give only the city)."""
    meta = json.loads((doc.parent / "meta.json").read_text(encoding="utf-8"))
    entry = next((f for f in meta.get("files", []) if f.get("stored_as") == doc.name), None)
    paired = entry.get("paired_data") if entry else None
    data_file = next((f.get("stored_as") for f in meta.get("files", []) if f.get("source_path") == paired), None)
    if not data_file or not str(data_file).endswith(".json"):
        return None
    basics = json.loads((doc.parent / data_file).read_text(encoding="utf-8")).get("basics") or {}
    return _country_code((basics.get("location") or {}).get("countryCode"))


def synthetic_items() -> Iterator[Item]:
    import csv

    root = dev_data("synthetic_template_resumes")
    if root is None:
        return
    with (root / "files.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            truth = json.loads(row["ground_truth"]) if row.get("ground_truth") else {}
            if truth.get("name"):
                yield Item("synthetic", row["file"], path=root / row["file"], name=truth["name"])


def dotin_items(splits: tuple[str, ...]) -> Iterator[Item]:
    from .records import dotin_labels

    root = dev_data("dotin_resume_ner")
    if root is None:
        return
    for split in splits:
        for path in sorted((root / split).glob("*.xml"), key=lambda p: (len(p.stem), p.stem)):
            xml = path.read_text(encoding="utf-8", errors="replace")
            names = dotin_labels(xml).get("Name") or []
            if names:
                yield Item(f"dotin-{split}", f"{split}/{path.name}", text=strip_xml_labels(xml), name=names[0])


# --- anonymising ---------------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*\.?", re.UNICODE)


def _name_tokens(name: str) -> set[str]:
    return {fold(t) for t in _TOKEN.findall(name) if len(fold(t)) >= 2}


def _strip_name(text: str, tokens: set[str]) -> str:
    """The text without the person's name: the words of the name go where at least two of them stand together
    (a line with "Jane Doe", "DOE, Jane" or "Jane A. Doe"), or where the line holds nothing but name words
    (a name written over two lines)."""
    words = list(_TOKEN.finditer(text))
    hits = [m for m in words if fold(m.group(0)) in tokens]
    if not hits:
        return text
    alone = all(fold(m.group(0)) in tokens or len(m.group(0).rstrip(".")) <= 1 for m in words)
    if len({fold(m.group(0)) for m in hits}) < min(2, len(tokens)) and not alone:
        return text
    out = text
    for m in reversed(hits):
        out = out[: m.start()] + out[m.end() :]
    out = re.sub(r"^(?:[A-Z]\.\s*)+(?=\s|$)", "", out.strip())  # a middle initial left behind ("J.")
    out = re.sub(r"^[\s,;:|•·–—\-]+|[\s,;:|•·–—\-]+$", "", out)
    return re.sub(r"\s{2,}", " ", out)


def anonymise(doc: Document, name: str) -> Document:
    """A copy of the document without the person's name (spans edited, lines left empty dropped)."""
    tokens = _name_tokens(name)
    pages = []
    for page in doc.pages:
        lines: list[Line] = []
        for line in page.lines:
            if not line.text or _strip_name(line.text, tokens) == line.text:
                lines.append(line)
                continue
            # the name may be split over spans ("Jane" bold, "Doe" regular): strip it from the joined text
            # and keep the first span's style
            stripped = _strip_name(line.text, tokens)
            if stripped.strip():
                spans = [s for s in line.spans if _strip_name(s.text, tokens) == s.text and s.text.strip()]
                if not spans or " ".join(s.text for s in spans).strip() != stripped:
                    first = line.spans[0]
                    spans = [Span(stripped, first.bbox, first.font_size, first.bold, first.italic, first.font)]
                lines.append(replace(line, spans=spans))
        pages.append(Page(page.number, lines, page.width, page.height, page.ocr, page.ocr_confidence))
    return Document(pages, doc.format, list(doc.links), list(doc.warnings))


def anonymise_text(text: str, name: str) -> str:
    tokens = _name_tokens(name)
    out = []
    for line in text.split("\n"):
        stripped = _strip_name(line, tokens)
        if stripped.strip() or not line.strip():
            out.append(stripped)
    return "\n".join(out)


# --- names ---------------------------------------------------------------------------------------------------


@dataclass
class NameTally:
    named: int = 0
    kept: int = 0
    wrong: list[str] = field(default_factory=list)  # "doc: expected -> parsed"
    anonymised: int = 0
    invented: list[str] = field(default_factory=list)  # "doc: parsed name"
    errors: list[str] = field(default_factory=list)


def run_names(items: list[Item], workdir: Path) -> dict[str, NameTally]:
    tallies: dict[str, NameTally] = defaultdict(NameTally)
    for item in items:
        if not item.name:
            continue
        tally = tallies[item.dataset]
        variants: list[tuple[str, Any, Any]] = []
        if item.text is not None:
            text = item.text
            variants.append(("text", lambda t=text: resumeparser.parse_text(t),
                             lambda t=text, n=item.name: resumeparser.parse_text(anonymise_text(t, n))))
        else:
            assert item.path is not None
            try:
                doc = read_document(item.path)
            except ResumeParserError as exc:
                tally.errors.append(f"{item.doc}: {exc.code}")
                continue
            # layout kept (fonts, positions): the extracted document without the name
            variants.append(("layout", lambda d=doc: parse_document(d),
                             lambda d=doc, n=item.name: parse_document(anonymise(d, n))))
            # and the same as a text file written to the temporary folder
            out = workdir / f"{len(list(workdir.iterdir()))}.txt"
            out.write_text(anonymise_text("\f".join("\n".join(ln.text for ln in p.lines) for p in doc.pages),
                                          item.name), encoding="utf-8")
            variants.append(("text", None, lambda p=out: resumeparser.parse(p)))
        for kind, original, anonymous in variants:
            if original is not None:
                resume, error = safe_parse(original)
                tally.named += 1
                found = resume.name.full if resume and resume.name else None
                if found and matches("text", item.name, found):
                    tally.kept += 1
                else:  # the expected name is left out of the report: the parsed value says what went wrong
                    tally.wrong.append(f"{item.doc} [{kind}]: -> {found!r}{' ' + error if error else ''}")
            resume, error = safe_parse(anonymous)
            tally.anonymised += 1
            if error:
                tally.errors.append(f"{item.doc} [{kind}, anonymised]: {error}")
            elif resume and resume.name:
                tally.invented.append(f"{item.doc} [{kind}]: {resume.name.full!r}")
    return tallies


# --- location ------------------------------------------------------------------------------------------------


@dataclass
class LocationTally:
    documents: int = 0
    city_right: int = 0
    country_checked: int = 0
    country_right: int = 0
    country_wrong: int = 0
    misses: list[str] = field(default_factory=list)


def _city_matches(expected: str, parsed: str | None) -> bool:
    """The expected city is the first part of what the answer shows ("Mérida, Yucatán." -> "Mérida")."""
    if not parsed:
        return False
    head = re.split(r"[,(]", expected)[0].strip(" .")
    return matches("text", head, parsed) or fold(head) == fold(parsed)


def run_location(items: list[Item]) -> dict[str, LocationTally]:
    tallies: dict[str, LocationTally] = defaultdict(LocationTally)
    for item in items:
        if not item.city or item.path is None:
            continue
        tally = tallies[item.dataset]
        resume, _ = safe_parse(lambda p=item.path: resumeparser.parse(p))
        loc = resume.location if resume else None
        tally.documents += 1
        city = loc.city if loc else None
        code = loc.country_code if loc else None
        if _city_matches(item.city, city):
            tally.city_right += 1
        else:
            tally.misses.append(f"{item.doc}: city {item.city!r} -> {city!r} (raw {loc.raw if loc else None!r})")
        if item.country_code:
            tally.country_checked += 1
            if code == item.country_code:
                tally.country_right += 1
            elif code is not None:
                tally.country_wrong += 1
                tally.misses.append(f"{item.doc}: country {item.country_code} -> {code}")
        elif code is not None and city is not None and not _city_matches(item.city, city):
            tally.misses.append(f"{item.doc}: country {code} given with a wrong city")
    return tallies


# --- format invariance ---------------------------------------------------------------------------------------


@dataclass
class Person:
    dataset: str
    person: str
    documents: list[Path]


def invariance_people() -> list[Person]:
    people: list[Person] = []
    root = dev_data("pandoc_multiformat")
    if root is not None:
        for folder in sorted(p for p in root.iterdir() if (p / "meta.json").exists()):
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            docs = [folder / f["file"] for f in meta.get("files", [])
                    if f.get("role") == "document" and Path(f["file"]).suffix.lower() in DOCUMENT_SUFFIXES]
            if len(docs) >= 2:
                people.append(Person("pandoc", f"person-{len(people) + 1}", docs))
    root = dev_data("real_pairs")
    if root is not None:
        for folder in sorted(p for p in root.iterdir() if (p / "meta.json").exists()):
            # one person's documents made from the same data file (an English and a Spanish resume differ)
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            by_data: dict[str, list[Path]] = defaultdict(list)
            for f in meta.get("files", []):
                stored = f.get("stored_as") or f.get("file")
                if f.get("role") == "document" and f.get("paired_data") and stored and (folder / stored).exists():
                    by_data[str(f["paired_data"])].append(folder / stored)
            for _data, docs in sorted(by_data.items()):
                if len(docs) >= 2:
                    people.append(Person("real_pairs", pair_id(sorted(docs)[0]).split("/")[0], sorted(docs)))
    return people


def _company_set(resume: Resume) -> frozenset[str]:
    return frozenset(w.company for w in resume.work if w.company)


def _same_companies(a: frozenset[str], b: frozenset[str]) -> bool:
    if len(a) != len(b):
        return False
    rest = set(b)
    for company in a:
        hit = next((c for c in rest if matches("org", company, c)), None)
        if hit is None:
            return False
        rest.discard(hit)
    return True


@dataclass
class InvarianceRow:
    dataset: str
    person: str
    documents: int
    name: bool
    email: bool
    companies: bool
    detail: str


def run_invariance(people: list[Person]) -> list[InvarianceRow]:
    rows = []
    for person in people:
        records: dict[str, Resume | None] = {}
        for n, path in enumerate(person.documents, start=1):
            records[f"doc-{n}{path.suffix.lower()}"] = safe_parse(lambda p=path: resumeparser.parse(p))[0]
        names = {k: fold(r.name.full) if r and r.name else None for k, r in records.items()}
        emails = {k: (r.emails[0].lower() if r.emails else None) if r else None for k, r in records.items()}
        companies = {k: _company_set(r) if r else frozenset() for k, r in records.items()}
        first = next(iter(records))
        same_name = len(set(names.values())) == 1 and names[first] is not None
        same_email = len(set(emails.values())) == 1
        same_companies = all(_same_companies(companies[first], c) for c in companies.values())
        # what differs, without the person's details (the report is committed; the data stays in dev-data)
        differs = [f for f, same in (("name", same_name), ("e-mail", same_email), ("companies", same_companies))
                   if not same]
        detail = (", ".join(differs) + " differ; " + "; ".join(
            f"{k}: {'a name' if names[k] else 'no name'}, {'an e-mail' if emails[k] else 'no e-mail'}, "
            f"{len(companies[k])} companies" for k in records
        )) if differs else ""
        rows.append(InvarianceRow(person.dataset, person.person, len(records), same_name, same_email,
                                  same_companies, detail))
    return rows


# --- report --------------------------------------------------------------------------------------------------


def _share(n: int, d: int) -> str:
    return f"{pct(n / d) if d else '–'} ({n}/{d})"


def report(names: dict[str, NameTally] | None, places: dict[str, LocationTally] | None,
           invariance: list[InvarianceRow] | None, seconds: float, command: str) -> tuple[str, dict[str, Any]]:
    out = [f"# Header fields (resumeparser {resumeparser.__version__}, commit {git_commit()}, "
           f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())})", "",
           f"Command: `{command}` ({seconds:.0f} s). Figures are percentages (count in brackets).", ""]
    data: dict[str, Any] = {}
    if names is not None:
        named = sum(t.named for t in names.values())
        kept = sum(t.kept for t in names.values())
        anon = sum(t.anonymised for t in names.values())
        invented = sum(len(t.invented) for t in names.values())
        out += ["## Names", "",
                f"Named documents with their name found: **{_share(kept, named)}**; anonymised documents given a "
                f"name: **{_share(invented, anon)}**.", ""]
        rows = [[ds, _share(t.kept, t.named), _share(len(t.invented), t.anonymised)] for ds, t in sorted(names.items())]
        out += [markdown_table(["dataset", "name kept", "name on anonymised"], rows), ""]
        misses = [m for t in names.values() for m in t.wrong]
        if misses:
            out += ["Named documents without their name:", "", *(f"- {m}" for m in misses), ""]
        inv = [m for t in names.values() for m in t.invented]
        if inv:
            out += ["Names given to anonymised documents:", "", *(f"- {m}" for m in inv), ""]
        data["names"] = {"named": named, "kept": kept, "anonymised": anon, "invented": invented,
                         "by_dataset": {ds: {"named": t.named, "kept": t.kept, "anonymised": t.anonymised,
                                             "invented": t.invented, "wrong": t.wrong, "errors": t.errors}
                                        for ds, t in names.items()}}
    if places is not None:
        docs = sum(t.documents for t in places.values())
        right = sum(t.city_right for t in places.values())
        checked = sum(t.country_checked for t in places.values())
        c_right = sum(t.country_right for t in places.values())
        c_wrong = sum(t.country_wrong for t in places.values())
        out += ["## Candidate location", "",
                f"City right: **{_share(right, docs)}**; country code right {_share(c_right, checked)}, "
                f"wrong **{_share(c_wrong, checked)}** (the rest: none given).", ""]
        rows = [[ds, _share(t.city_right, t.documents), _share(t.country_right, t.country_checked),
                 _share(t.country_wrong, t.country_checked)] for ds, t in sorted(places.items())]
        out += [markdown_table(["dataset", "city right", "country right", "country wrong"], rows), ""]
        misses = [m for t in places.values() for m in t.misses]
        if misses:
            out += ["Misses:", "", *(f"- {m}" for m in misses), ""]
        data["location"] = {"documents": docs, "city_right": right, "country_checked": checked,
                            "country_right": c_right, "country_wrong": c_wrong,
                            "misses": misses}
    if invariance is not None:
        n = len(invariance)
        all_same = sum(1 for r in invariance if r.name and r.email and r.companies)
        out += ["## Format invariance", "",
                f"People whose documents give the same name, e-mail and company set: **{_share(all_same, n)}** "
                f"(name {_share(sum(r.name for r in invariance), n)}, e-mail "
                f"{_share(sum(r.email for r in invariance), n)}, companies "
                f"{_share(sum(r.companies for r in invariance), n)}).", ""]
        rows = [[r.dataset, r.person, str(r.documents), "yes" if r.name else "no", "yes" if r.email else "no",
                 "yes" if r.companies else "no"] for r in invariance]
        out += [markdown_table(["dataset", "person", "documents", "name", "e-mail", "companies"], rows), ""]
        details = [f"- {r.person}: {r.detail}" for r in invariance if r.detail]
        if details:
            out += ["Disagreements:", "", *details, ""]
        data["invariance"] = {"people": n, "all_same": all_same,
                              "rows": [r.__dict__ for r in invariance]}
    return "\n".join(out), data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.header_eval", description=__doc__.split("\n")[0])
    parser.add_argument("--part", action="append", choices=PARTS, help="repeatable; default: all")
    parser.add_argument("--dotin-split", choices=("test", "train", "all"), default="test")
    parser.add_argument("--output", type=Path, default=RESULTS, help="directory for header_eval.{md,json}")
    args = parser.parse_args(argv)
    parts = tuple(args.part or PARTS)
    splits = ("test", "train") if args.dotin_split == "all" else (args.dotin_split,)
    started = time.perf_counter()
    items = [*fixture_items(), *linkedin_items(), *real_pair_items(), *synthetic_items()]
    names = places = invariance = None
    if "names" in parts:
        with tempfile.TemporaryDirectory(prefix="anonymised-") as tmp:
            names = run_names([*items, *dotin_items(splits)], Path(tmp))
    if "location" in parts:
        places = run_location(items)
    if "invariance" in parts:
        invariance = run_invariance(invariance_people())
    command = "python -m benchmarks.header_eval " + " ".join(argv if argv is not None else sys.argv[1:])
    markdown, data = report(names, places, invariance, time.perf_counter() - started, command.strip())
    args.output.mkdir(parents=True, exist_ok=True)
    (args.output / "header_eval.md").write_text(markdown + "\n", encoding="utf-8")
    (args.output / "header_eval.json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n",
                                                  encoding="utf-8")
    print(markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
