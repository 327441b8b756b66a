"""Evidence: every value of the record knows its page, box, text, line and section (ParseOptions(evidence=True)).

The boxes are checked against the PDF itself: the text PDFium extracts inside a name's, e-mail's or phone's box
contains the value, for 95% of the values or more, on the fixtures and on the development PDFs."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import jsonschema
import pypdfium2 as pdfium
import pytest
from PIL import Image

from resumeparser import ParseOptions, parse, parse_text
from resumeparser.cli import main
from resumeparser.models import Evidence, Resume

from .conftest import FIXTURES, ROOT, shared_or_skip

GENERATED = FIXTURES / "generated"
EVIDENCE = ParseOptions(evidence=True)
CONTACT_KINDS = ("name", "email", "phone")
TEXT_FORMATS = ("docx", "txt", "rtf", "odt", "html", "doc")


def key(text: str) -> str:
    """Letters and digits, folded: what must survive between a value and the text read back from its box."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text).casefold() if ch.isalnum())


def contact_values(resume: Resume) -> list[tuple[str, str]]:
    """(field path, value) of the name, each e-mail and each phone."""
    out = [("name", resume.name.full)] if resume.name else []
    out += [(f"emails[{n}]", e) for n, e in enumerate(resume.emails)]
    out += [(f"phones[{n}]", p.raw) for n, p in enumerate(resume.phones)]
    return out


def text_in_box(pdf: pdfium.PdfDocument, ev: Evidence) -> str:
    assert ev.page is not None and ev.bbox is not None
    page = pdf[ev.page - 1]
    height = page.get_height()
    x0, top, x1, bottom = ev.bbox
    textpage = page.get_textpage()
    try:
        return str(textpage.get_text_bounded(left=x0, bottom=height - bottom, right=x1, top=height - top))
    finally:
        textpage.close()
        page.close()


def check_pdfs(paths: list[Path]) -> tuple[int, int, list[str]]:
    """(values whose box holds their text, values, failures) over the name, e-mails and phones of each PDF."""
    good = total = 0
    failures: list[str] = []
    for path in paths:
        resume = parse(path, options=EVIDENCE)
        index = {ev.field: ev for ev in resume.evidence or []}
        pdf = pdfium.PdfDocument(path)
        try:
            for field, value in contact_values(resume):
                total += 1
                ev = index.get(field)
                assert ev is not None, f"{path}: {field} has no evidence"
                inside = text_in_box(pdf, ev) if ev.bbox is not None else ""
                if ev.bbox is not None and key(value) in key(inside):
                    good += 1
                else:
                    failures.append(f"{path.parent.name}/{path.name} {field} {value!r}: box {ev.bbox} holds {inside!r}")
        finally:
            pdf.close()
    return good, total, failures


def test_fixture_pdfs_contact_boxes_hold_their_text() -> None:
    paths = sorted(GENERATED.glob("*/resume.pdf"))
    assert len(paths) >= 10
    good, total, failures = check_pdfs(paths)
    assert total >= 30
    assert good / total >= 0.95, failures
    assert not [f for f in failures if "box None" in f], "every name, e-mail and phone has a box"


def test_development_pdfs_contact_boxes_hold_their_text() -> None:
    root = shared_or_skip("dev-data")
    paths = sorted(root.rglob("*.pdf"))
    good, total, failures = check_pdfs(paths)
    assert total >= 50
    assert good / total >= 0.95, failures


def test_every_value_has_evidence_and_parts_are_located() -> None:
    resume = parse(GENERATED / "en_one_column_us" / "resume.pdf", options=EVIDENCE)
    assert resume.evidence is not None
    fields = {ev.field for ev in resume.evidence}
    expected = {"name", "location", *(f"emails[{n}]" for n in range(len(resume.emails))),
                *(f"phones[{n}]" for n in range(len(resume.phones))),
                *(f"links[{n}]" for n in range(len(resume.links))),
                *(f"skills[{n}]" for n in range(len(resume.skills))),
                *(f"languages[{n}]" for n in range(len(resume.languages))),
                *(f"certifications[{n}]" for n in range(len(resume.certifications)))}
    for n, job in enumerate(resume.work):
        expected |= {f"work[{n}]", f"work[{n}].dates"}
        expected |= {f"work[{n}].{part}" for part in ("title", "company") if getattr(job, part)}
    for n, edu in enumerate(resume.education):
        expected |= {f"education[{n}]"}
        expected |= {f"education[{n}].{part}" for part in ("institution", "degree") if getattr(edu, part)}
    assert expected <= fields, sorted(expected - fields)
    assert all(ev.found for ev in resume.evidence), [ev.field for ev in resume.evidence if not ev.found]
    # parts of an entry lie on the entry's lines and in its section, the entry's box holds its parts' boxes
    for n in range(len(resume.work)):
        entry, *parts = resume.evidence_for(f"work[{n}]")
        assert entry.field == f"work[{n}]" and entry.section == "experience" and entry.bbox is not None
        for part in parts:
            assert part.section == "experience" and set(part.lines) <= set(entry.lines)
            assert part.bbox is not None
            assert entry.bbox[0] <= part.bbox[0] and entry.bbox[2] >= part.bbox[2]
            assert entry.bbox[1] <= part.bbox[1] and entry.bbox[3] >= part.bbox[3]
        dates = next(p for p in parts if p.field.endswith(".dates"))
        assert dates.text and any(ch.isdigit() for ch in dates.text)
    skills = [ev for ev in resume.evidence if ev.kind == "skill"]
    assert sum(ev.section == "skills" for ev in skills) >= len(skills) / 2
    assert all(ev.unit == "pt" for ev in resume.evidence if ev.bbox is not None)


def test_the_entries_are_found_in_order() -> None:
    """Two roles with the same title words ("Senior Software Engineer", then "Software Engineer"): each is
    found on its own line, after the one before."""
    resume = parse(GENERATED / "en_one_column_us" / "resume.pdf", options=EVIDENCE)
    titles = [resume.evidence_for(f"work[{n}].title")[0] for n in range(len(resume.work))]
    firsts = [t.lines[0] for t in titles]
    assert firsts == sorted(firsts) and len(set(firsts)) == len(firsts)


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_formats_without_geometry_give_lines(fmt: str) -> None:
    if fmt == "doc" and shutil.which("antiword") is None:
        pytest.skip("antiword is not installed")
    paths = sorted(GENERATED.glob(f"*/resume.{fmt}"))
    assert paths
    located = total = 0
    for path in paths:
        resume = parse(path, options=EVIDENCE)
        assert resume.evidence
        index = {ev.field: ev for ev in resume.evidence or []}
        for field, value in contact_values(resume):
            ev = index[field]
            total += 1
            assert ev.bbox is None and ev.unit is None
            if ev.found and ev.lines and key(value) in key(ev.line_text or ""):
                located += 1
    assert total and located / total >= 0.95


def test_the_line_numbers_count_the_documents_lines() -> None:
    path = GENERATED / "en_one_column_us" / "resume.txt"
    resume = parse(path, options=EVIDENCE)
    ev = resume.evidence_for("emails[0]")[0]
    # the fixture's text has no blank lines to lose; the normalised document numbers them as the file does
    lines = path.read_text(encoding="utf-8").splitlines()
    assert resume.emails[0] in lines[ev.lines[0] - 1]


def test_image_boxes_are_pixels_of_the_image() -> None:
    if shutil.which("tesseract") is None:
        pytest.skip("Tesseract is not installed")
    path = GENERATED / "en_two_column_gb" / "resume.png"
    resume = parse(path, options=EVIDENCE)
    assert resume.name is not None
    ev = resume.evidence_for("name")[0]
    assert ev.unit == "px" and ev.bbox is not None and ev.page == 1
    with Image.open(path) as image:
        assert 0 <= ev.bbox[0] < ev.bbox[2] <= image.width and 0 <= ev.bbox[1] < ev.bbox[3] <= image.height
        pad = 6
        crop = image.crop((ev.bbox[0] - pad, ev.bbox[1] - pad, ev.bbox[2] + pad, ev.bbox[3] + pad))
        data = _png_bytes(crop)
    run = subprocess.run(["tesseract", "stdin", "stdout", "--psm", "7"], input=data, capture_output=True,
                         env={"OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin:/usr/local/bin"}, timeout=60)
    assert key(resume.name.full) in key(run.stdout.decode("utf-8", errors="replace"))


def _png_bytes(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_evidence_off_leaves_the_record_as_it_was() -> None:
    path = GENERATED / "en_two_column_gb" / "resume.pdf"
    plain = parse(path)
    with_evidence = parse(path, options=EVIDENCE)
    assert plain.evidence is None
    assert "evidence" not in plain.to_dict() and '"evidence"' not in plain.to_json()
    assert with_evidence.evidence
    plain.meta.elapsed_ms = with_evidence.meta.elapsed_ms = 0.0
    with_evidence.evidence = None
    assert with_evidence.to_json() == plain.to_json()


def test_a_record_with_evidence_validates_against_the_schema() -> None:
    schema = json.loads((ROOT / "schemas" / "resume.schema.json").read_text(encoding="utf-8"))
    assert "Evidence" in schema["$defs"]
    resume = parse(GENERATED / "en_sidebar_left_de" / "resume.pdf", options=EVIDENCE)
    record = json.loads(resume.to_json())
    jsonschema.validate(record, schema)
    assert Resume.model_validate(record).evidence == resume.evidence


def test_cli_parse_evidence(capsys: pytest.CaptureFixture[str]) -> None:
    path = GENERATED / "en_one_column_us" / "resume.pdf"
    assert main(["parse", str(path)]) == 0
    assert "evidence" not in json.loads(capsys.readouterr().out)
    assert main(["parse", "--evidence", str(path)]) == 0
    record = json.loads(capsys.readouterr().out)
    name = next(ev for ev in record["evidence"] if ev["field"] == "name")
    assert name["text"] == record["name"]["full"] and name["page"] == 1 and name["unit"] == "pt"
    assert name["section"] == "contact" and len(name["bbox"]) == 4


SHARED_COMPANY = """Jane Example
jane@example.com

Experience
Northwind Laboratories
14 years 2 months
Core Director
January 2020 - Present (4 years)
San Francisco, California
Associate Core Director
January 2013 - January 2020 (7 years 1 month)
Staff Research Scientist
January 2011 - January 2013 (2 years 1 month)
Software Engineer
September 2007 - January 2011 (3 years 5 months)
Postdoctoral Fellow
April 2004 - September 2007 (3 years 6 months)
"""


def test_dates_of_later_roles_under_a_shared_company_line_are_located() -> None:
    """A company printed once over several roles (LinkedIn): each role's dates are found under its own title,
    also for the roles more than a few lines below the company line."""
    resume = parse_text(SHARED_COMPANY, options=EVIDENCE)
    lines = SHARED_COMPANY.splitlines()
    assert [job.company for job in resume.work] == ["Northwind Laboratories"] * 5
    for n, job in enumerate(resume.work):
        (dates,) = resume.evidence_for(f"work[{n}].dates")
        assert dates.found, job.title
        assert lines[dates.lines[0] - 2] == job.title  # the line under the role's title
        assert dates.text and dates.text in lines[dates.lines[0] - 1]


def test_the_locator_finds_values_through_the_joined_lines() -> None:
    """Lines are searched through one joined text: the first line in the order given that holds the value as
    written wins, then the value on its letters and digits alone, then over a line and the next; a value in no line
    is not found."""
    from resumeparser.document import Document, Line, Page
    from resumeparser.evidence import Locator

    texts = ["Kestrel Software, Inc.", "Go developer at Google", "Senior Platform", "Engineer", "go"]
    doc = Document(pages=[Page(number=1, lines=[Line.plain(t) for t in texts])], format="txt")
    loc = Locator(doc, [])
    everywhere = list(range(len(texts)))

    def found(value: str, order: list[int] = everywhere) -> tuple[list[int], str] | None:
        hit = loc.find(value, order)
        if hit is None:
            return None
        joined = " ".join(r.text for r in hit.rows)
        return [r.number for r in hit.rows], joined[hit.start:hit.end]

    assert found("go") == ([2], "Go")
    assert found("go", [4, 1]) == ([5], "go")
    assert found("Kestrel Software Inc") == ([1], "Kestrel Software, Inc")
    assert found("Platform Engineer") == ([3, 4], "Platform Engineer")
    assert found("Inc Go") == ([1, 2], "Inc. Go")
    assert found("Platform Engineer go") is None  # over two lines at most
    assert found("Rust") is None
    assert found("oogle") is None
