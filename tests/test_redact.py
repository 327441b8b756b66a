"""Redaction: the anonymised record (keep options, free text, schema) and the redacted PDF copy, checked by
PDFium text extraction and by Tesseract OCR of its pages that none of the record's PII can be read from it."""

from __future__ import annotations

import re
import shutil
import zipfile
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium
import pytest

import resumeparser
from benchmarks.common import pdf_text
from benchmarks.redaction import OCR_DPI, all_values, leaks, ocr_image, render_pages, schema_errors
from resumeparser.cli import main
from resumeparser.models import (
    EducationEntry,
    Location,
    Name,
    Phone,
    Profile,
    Reference,
    Resume,
    Section,
    WorkEntry,
)
from resumeparser.redact import CATEGORIES, pii_spans, pii_terms, redact, redact_document, scrub

from .conftest import FIXTURES, SHARED

GENERATED = FIXTURES / "generated"
DEV = SHARED / "dev-data"
FIXTURE_PDFS = sorted(str(p.relative_to(GENERATED)) for p in GENERATED.glob("*/resume.pdf"))
FIXTURE_SCANS = sorted(str(p.relative_to(GENERATED)) for p in GENERATED.glob("*/scan.pdf"))
MAX_CHECKED_PAGES = 2


def sample() -> Resume:
    return Resume(
        name=Name(full="Marta Quintana Ruiz", first="Marta", last="Quintana Ruiz"),
        headline="Data Engineer at Lumen Analytics",
        summary="Marta Quintana builds pipelines at Lumen Analytics. Write to marta.q@example.com or call "
        "+34 612 345 678. Portfolio: https://martaq.example.dev/work",
        emails=["marta.q@example.com"],
        phones=[Phone(raw="+34 612 345 678", e164="+34612345678", type="mobile", region="ES")],
        location=Location(raw="Calle Mayor 5, 28013 Madrid, Spain", street="Calle Mayor 5", postal_code="28013",
                          city="Madrid", country_code="ES", country="Spain"),
        links=["https://www.linkedin.com/in/martaquintana", "https://martaq.example.dev/work"],
        profiles=[
            Profile(network="linkedin", url="https://www.linkedin.com/in/martaquintana", username="martaquintana")
        ],
        work=[WorkEntry(title="Data Engineer", company="Lumen Analytics", start_date="2021-03", is_current=True,
                        highlights=["Moved Lumen Analytics' reporting to Spark; see github.com/martaquintana/etl"],
                        location=Location(raw="Madrid", city="Madrid", country_code="ES", country="Spain"))],
        education=[EducationEntry(institution="Universidad de Salamanca", degree="Grado", end_date="2019")],
        references=[Reference(name="Luis Ortega", text="Luis Ortega, luis.ortega@example.org, +34 699 111 222")],
        sections=[Section(heading="Datos personales", kind="other",
                          text="Fecha de nacimiento: 12/04/1994\nNacionalidad: española\nEstado civil: soltera")],
        current_title="Data Engineer",
        current_company="Lumen Analytics",
    )


# -- the record ----------------------------------------------------------------------------------------------------


def test_record_redaction_removes_contact_details_and_keeps_the_rest() -> None:
    original = sample()
    before = original.to_json()
    out = redact(original)
    assert original.to_json() == before  # the original is left as it was
    assert out.name is None and out.emails == [] and out.phones == [] and out.links == [] and out.profiles == []
    assert out.location is not None and out.location.street is None and out.location.postal_code is None
    assert (out.location.city, out.location.country) == ("Madrid", "Spain")  # city and country kept by default
    assert "Calle" not in out.location.raw and "28013" not in out.location.raw
    assert out.work[0].company == "Lumen Analytics" and out.education[0].institution == "Universidad de Salamanca"
    assert out.work[0].title == "Data Engineer" and out.work[0].start_date == "2021-03"
    assert out.references[0].name is None
    assert out.meta.filename is None
    text = out.to_json()
    for value in ("Marta", "Quintana", "marta.q@example.com", "612 345 678", "martaquintana", "martaq.example.dev",
                  "Luis Ortega", "luis.ortega", "699 111 222", "12/04/1994", "española", "soltera"):
        assert value not in text, value
    assert out.summary is not None and out.summary.startswith("[name] builds pipelines at Lumen Analytics")
    assert "[email]" in out.summary and "[phone]" in out.summary and "[link]" in out.summary
    assert "Nacionalidad: [redacted]" in out.sections[0].text
    assert schema_errors(out) == []


def test_employers_and_schools_can_be_removed_too() -> None:
    out = redact(sample(), keep=["location"])
    assert out.work[0].company is None and out.current_company is None and out.education[0].institution is None
    text = out.to_json()
    assert "Lumen" not in text and "Salamanca" not in text
    assert out.headline == "Data Engineer at [employer]"
    assert out.location is not None and out.location.city == "Madrid"
    assert schema_errors(out) == []


def test_keep_names_what_stays() -> None:
    out = redact(sample(), keep="name,emails,employers,schools")
    assert out.name is not None and out.name.full == "Marta Quintana Ruiz"
    assert out.emails == ["marta.q@example.com"] and out.phones == []
    assert out.summary is not None and "Marta Quintana" in out.summary and "[phone]" in out.summary
    everything = redact(sample(), keep=CATEGORIES)
    assert everything.to_json() == sample().to_json()
    nothing = redact(sample(), keep=[])
    assert nothing.location is None  # street, postal code, city and country all gone
    assert schema_errors(nothing) == []
    with pytest.raises(ValueError, match="unknown redaction categories"):
        redact(sample(), keep=["salary"])


def test_scrub_matches_across_spacing_case_and_accents() -> None:
    terms = pii_terms(sample())
    text = "MARTA  QUINTANA-RUIZ | marta.q@EXAMPLE.com | (+34) 612-345-678 | linkedin.com/in/martaquintana"
    assert scrub(text, terms, region="ES") == "[name] | [email] | [phone] | [link]"
    assert scrub("Martina and Quintanar stay", terms) == "Martina and Quintanar stay"  # whole words only
    assert scrub("Jiménez", pii_terms(Resume(name=Name(full="Ana Jimenez")))) == "[name]"


def test_producer_spaces_and_soft_hyphens_do_not_hide_a_term() -> None:
    """Some PDF producers write a space as "\\t\\r \\xa0" and a hyphen as "-\\xad‐" (a development PDF's phone
    number was left readable by the redacted PDF this way)."""
    resume = Resume(name=Name(full="Leo Leopard"),
                    phones=[Phone(raw="(909) 555-5555", e164="+19095555555", region="US")])
    text = "Leo\t\r \xa0Leopard\r\n(909)\t\r \xa0555-\xad\u20105555\r\nOBJECTIVE"
    spans = pii_spans(text, pii_terms(resume), patterns=False)
    assert [(text[start:end], category) for start, end, category in spans] == [
        ("Leo\t\r \xa0Leopard", "name"), ("909)\t\r \xa0555-\xad\u20105555", "phones")]
    assert pii_spans("909 and then 555-5555", pii_terms(resume), patterns=False) == []  # words apart stay apart


def test_photo_is_removed_from_the_record() -> None:
    resume = parsed(GENERATED / "photo_en_one_column_us" / "resume.pdf")
    assert resume.has_photo
    out = redact(resume)
    assert not out.has_photo and out.photo is None and "photo" not in out.to_json()
    assert redact(resume, keep=["photo"]).photo == resume.photo


# -- the document --------------------------------------------------------------------------------------------------
# The check (benchmarks/redaction.py): the record's PII (name and its words, e-mails, phone digits, profile
# usernames) looked for in pypdfium2's text of the redacted PDF and in Tesseract's reading of its pages. Here on
# every fixture PDF for the text layer, and by OCR on a sample of layouts and 2 development PDFs; every fixture
# PDF and every development PDF by both: `python -m benchmarks.redaction` (benchmarks/results/redaction.md).

OCR_FIXTURES = [
    "en_one_column_us/resume.pdf",
    "fr_sidebar_left_fr/resume.pdf",
    "es_two_column_mx/resume.pdf",
    "en_table_ca/resume.pdf",
    "en_textbox_nl/resume.pdf",
    "photo_de_sidebar_left_de/resume.pdf",
    "en_two_column_gb/scan.pdf",
]
"""One column, sidebar, two columns, table, text boxes, a photo, and a scan (found by the redactor's OCR)."""
DEV_SAMPLE = [
    "real_pairs/other__JohnKirwan__johnkirwan/resume.pdf",  # a real resume with a portrait photo
    "linkedin_profile_pdf/alex/Profile.pdf",  # a LinkedIn export, two pages
]
TEXT_FIXTURES = sorted(set(FIXTURE_PDFS) | {p for p in OCR_FIXTURES if p.endswith("scan.pdf")})


@cache
def parsed(path: Path) -> Resume:
    return resumeparser.parse(path)


@cache
def redacted(path: Path) -> resumeparser.RedactedDocument:
    return redact_document(path, resume=parsed(path))


def check_text_layer(path: Path) -> resumeparser.RedactedDocument:
    result = redacted(path)
    assert result.format == "pdf" and result.data.startswith(b"%PDF")
    text = pdf_text(result.data)
    assert leaks(parsed(path), text) == []
    assert text.strip() == ""  # no text layer at all: image-only pages
    assert schema_errors(result.record) == []
    assert result.record.name is None and result.record.emails == [] and result.record.phones == []
    return result


def _dev(rel: str) -> Path:
    path = DEV / rel
    if not path.is_file():
        pytest.skip(f"{path} is absent (development data)")
    return path


CONTROLS = [GENERATED / "en_one_column_us" / "resume.pdf", GENERATED / "en_two_column_gb" / "scan.pdf",
            DEV / DEV_SAMPLE[0]]
"""Files whose original pages the OCR check reads too, to show it sees the PII it looks for."""


@pytest.fixture(scope="module")
def ocr_readings() -> dict[tuple[str, Path], str]:
    """Tesseract's reading of every page the OCR tests check: the redacted sample and the originals of
    `CONTROLS`, made once, two pages at a time (each a Tesseract process of one thread) while the next files
    are parsed, redacted and rendered."""
    paths = [GENERATED / rel for rel in OCR_FIXTURES] + [DEV / rel for rel in DEV_SAMPLE]
    jobs = [("redacted", p) for p in paths] + [("original", p) for p in CONTROLS]
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = {}
        for kind, path in jobs:
            if path.is_file():
                data = redacted(path).data if kind == "redacted" else path.read_bytes()
                futures[kind, path] = [pool.submit(ocr_image, image, OCR_DPI)
                                       for image in render_pages(data, OCR_DPI, MAX_CHECKED_PAGES)]
        return {key: "\n".join(f.result() for f in pages) for key, pages in futures.items()}


pytestmark_ocr = pytest.mark.skipif(shutil.which("tesseract") is None, reason="Tesseract is not installed")


@pytestmark_ocr
@pytest.mark.parametrize("path", CONTROLS, ids=lambda p: p.parent.name + "/" + p.name)
def test_the_check_reads_pii_from_an_unredacted_page(path: Path, ocr_readings: dict[tuple[str, Path], str]) -> None:
    """The OCR check, at its resolution, is able to find what it looks for: on the original pages it reads every
    one of the record's PII strings (name and its words, e-mail, phone digits, username)."""
    if not path.is_file():
        pytest.skip(f"{path} is absent (development data)")
    resume = parsed(path)
    values = all_values(resume)
    assert resume.name is not None and resume.emails and resume.phones and len(values) >= 5
    assert sorted(leaks(resume, ocr_readings["original", path])) == sorted(values)


@pytest.mark.parametrize("rel", TEXT_FIXTURES)
def test_fixture_pdfs_leak_no_pii_in_text(rel: str) -> None:
    result = check_text_layer(GENERATED / rel)
    assert result.boxes > 0
    if rel.endswith("scan.pdf"):
        assert result.ocr_pages == [1]  # a scan has no text layer: its words were found by OCR


@pytestmark_ocr
@pytest.mark.parametrize("rel", OCR_FIXTURES)
def test_fixture_pdfs_leak_no_pii_to_ocr(rel: str, ocr_readings: dict[tuple[str, Path], str]) -> None:
    path = GENERATED / rel
    assert leaks(parsed(path), ocr_readings["redacted", path]) == []


@pytestmark_ocr
@pytest.mark.skipif(not DEV.is_dir(), reason="development data is absent")
@pytest.mark.parametrize("rel", DEV_SAMPLE)
def test_development_pdfs_leak_no_pii(rel: str, ocr_readings: dict[tuple[str, Path], str]) -> None:
    path = _dev(rel)
    check_text_layer(path)
    assert leaks(parsed(path), ocr_readings["redacted", path]) == []


@pytestmark_ocr
def test_photo_box_is_filled() -> None:
    path = GENERATED / "photo_en_one_column_us" / "resume.pdf"
    resume = parsed(path)
    assert resume.photo is not None and resume.photo.box is not None
    result = redact_document(path, resume=resume, ocr="never")
    pdf = pdfium.PdfDocument(result.data)
    try:
        image = pdf[0].render(scale=1.0).to_pil().convert("L")
    finally:
        pdf.close()
    x0, top, x1, bottom = resume.photo.box
    inside = image.crop((int(x0) + 2, int(top) + 2, int(x1) - 2, int(bottom) - 2))
    assert max(inside.getextrema()) < 40  # black all over, where the portrait was
    kept = redact_document(path, resume=resume, keep=["photo", "employers", "schools", "location"], ocr="never")
    pdf = pdfium.PdfDocument(kept.data)
    try:
        image = pdf[0].render(scale=1.0).to_pil().convert("L")
    finally:
        pdf.close()
    assert max(image.crop((int(x0) + 2, int(top) + 2, int(x1) - 2, int(bottom) - 2)).getextrema()) > 100


def test_redacted_docx_holds_no_pii(tmp_path: Path) -> None:
    path = GENERATED / "photo_en_one_column_us" / "resume.docx"
    resume = resumeparser.parse(path)
    assert resume.has_photo
    target = tmp_path / "cv.redacted.docx"
    assert main(["redact", str(path), "-o", str(target), "--record", str(tmp_path / "record.json")]) == 0
    with zipfile.ZipFile(target) as docx:
        parts = [n for n in docx.namelist() if n.endswith((".xml", ".rels"))]
        xml = " ".join(docx.read(n).decode("utf-8", "replace") for n in parts)
        photo = resumeparser.photo(path)
        assert photo is not None and all(docx.read(n) != photo.data for n in docx.namelist())
    text = re.sub(r"<[^>]+>", " ", xml)
    assert leaks(resume, text) == []
    again = resumeparser.parse(target)  # still a DOCX the parser reads: the rest of the resume is there
    assert leaks(resume, again.to_json()) == []
    assert [w.company for w in again.work] == [w.company for w in resume.work]
    record = Resume.model_validate_json((tmp_path / "record.json").read_text("utf-8"))
    assert record.name is None and schema_errors(record) == []


def test_formats_without_pages_give_redacted_text(tmp_path: Path) -> None:
    path = GENERATED / "en_one_column_us" / "resume.rtf"
    resume = resumeparser.parse(path)
    result = redact_document(path)
    assert result.format == "txt"
    text = result.data.decode("utf-8")
    assert leaks(resume, text) == [] and "[name]" in text and "[email]" in text
    assert resume.work[0].company is not None and resume.work[0].company in text


def test_redact_command_writes_an_image_only_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "cv.redacted.pdf"
    source = str(GENERATED / "en_two_column_gb" / "resume.pdf")
    assert main(["redact", source, "-o", str(target), "--ocr", "never"]) == 0
    assert "area(s) filled" in capsys.readouterr().err
    data = target.read_bytes()
    assert pdf_text(data).strip() == ""
    assert main(["redact", source, "--keep", "salary"]) == 2

