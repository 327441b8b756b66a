"""The committed synthetic set matches its generator, and its files agree with their expected records."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pypdfium2
import pytest

from fixtures import generate
from resumeparser.models import Resume

from .conftest import FIXTURES

GENERATED = FIXTURES / "generated"
MANIFEST = json.loads((GENERATED / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The byte-stable part of the set written afresh: everything but the LibreOffice conversions."""
    out = tmp_path_factory.mktemp("generated")
    docs = generate.resumes()
    pdfs = generate.write_cheap(out, docs)
    generate.write_images(out, docs, pdfs)
    return out


def test_generator_output_is_committed(regenerated: Path) -> None:
    fresh = sorted(p.relative_to(regenerated) for p in regenerated.rglob("*") if p.is_file())
    assert len(fresh) >= 4 * len(MANIFEST)
    stale = [str(rel) for rel in fresh if (GENERATED / rel).read_bytes() != (regenerated / rel).read_bytes()]
    assert not stale, f"stale fixtures, run fixtures/generate.py: {stale}"


def test_manifest_lists_existing_files() -> None:
    ids = [row["id"] for row in MANIFEST]
    assert len(ids) == len(set(ids)) and len(ids) >= 12
    for row in MANIFEST:
        for rel in [*row["files"].values(), row["expected"], row["source"]]:
            assert (GENERATED / rel).is_file(), rel


@pytest.mark.parametrize("row", MANIFEST, ids=lambda row: row["id"])
def test_expected_record_is_a_valid_resume(row: dict) -> None:
    data = json.loads((GENERATED / row["expected"]).read_text(encoding="utf-8"))
    resume = Resume.model_validate(data)
    assert resume.model_dump(mode="json") == data
    assert resume.name is not None and resume.emails and resume.phones and resume.work and resume.education
    assert resume.meta.language == row["language"]
    source = (GENERATED / row["source"]).read_text(encoding="utf-8")
    for value in [resume.name.full, *resume.emails, *(p.raw for p in resume.phones), *(s.raw for s in resume.skills)]:
        assert _squash(value) in _squash(source), value


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _words(text: str) -> list[str]:
    return sorted(w for w in text.replace("•", " ").split())


@pytest.mark.parametrize("row", [r for r in MANIFEST if "pdf" in r["files"]], ids=lambda row: row["id"])
def test_pdf_text_is_the_source_text(row: dict) -> None:
    pdf = pypdfium2.PdfDocument(GENERATED / row["files"]["pdf"])
    try:
        assert len(pdf) == row["pages"]
        text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
    finally:
        pdf.close()
    source = (GENERATED / row["source"]).read_text(encoding="utf-8")
    assert _words(text) == _words(source)


def _key_values(row: dict) -> list[str]:
    resume = Resume.model_validate_json((GENERATED / row["expected"]).read_text(encoding="utf-8"))
    assert resume.name is not None
    return [resume.name.full, *resume.emails, *(p.raw for p in resume.phones), *(s.raw for s in resume.skills),
            *(w.company or "" for w in resume.work)]


def _derived_text(fmt: str, path: Path) -> str:
    if fmt == "rtf":
        from striprtf.striprtf import rtf_to_text

        raw = path.read_text(encoding="ascii", errors="replace")
        # striprtf skips {\* ...} destinations, where LibreOffice writes text boxes ({\*\shpinst ...\shptxt}):
        # add the raw text with the control words dropped
        return rtf_to_text(raw) + re.sub(r"\\[a-z]+-?\d* ?|[{}]", "", raw)
    if fmt == "odt":
        with zipfile.ZipFile(path) as odt:
            assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
            xml = odt.read("content.xml") + odt.read("styles.xml")  # page headers live in styles.xml
            return html.unescape(re.sub(r"<[^>]+>", "", xml.decode("utf-8")))
    assert path.read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")  # an OLE compound file
    if shutil.which("antiword") is None:
        pytest.skip("antiword is not installed")
    return subprocess.run(["antiword", "-w", "0", str(path)], capture_output=True, check=True,
                          text=True, encoding="utf-8", env={"LANG": "C.UTF-8"}).stdout


@pytest.mark.parametrize(
    ("row", "fmt"),
    [(row, fmt) for row in MANIFEST for fmt in ("doc", "rtf", "odt") if fmt in row["files"]],
    ids=lambda value: value if isinstance(value, str) else value["id"],
)
def test_office_conversions_carry_the_content(row: dict, fmt: str) -> None:
    """DOC/RTF/ODT come from LibreOffice (not byte-stable, not regenerated here): their text must still hold
    the expected values of the DOCX they were converted from."""
    text = _squash(_derived_text(fmt, GENERATED / row["files"][fmt]))
    missing = [value for value in _key_values(row) if _squash(value) not in text]
    assert not missing


@pytest.mark.parametrize("row", [r for r in MANIFEST if "scan" in r["files"]], ids=lambda row: row["id"])
def test_scan_has_no_text_layer(row: dict) -> None:
    pdf = pypdfium2.PdfDocument(GENERATED / row["files"]["scan"])
    try:
        assert pdf[0].get_textpage().get_text_range().strip() == ""
    finally:
        pdf.close()

def _docx_parts(row: dict) -> dict[str, str]:
    with zipfile.ZipFile(GENERATED / row["files"]["docx"]) as docx:
        return {name: docx.read(name).decode("utf-8") for name in docx.namelist() if name.endswith(".xml")
                or name.endswith(".rels")}


def _row(layout: str) -> dict:
    return next(row for row in MANIFEST if row["layout"] == layout)


def test_docx_contact_in_the_page_header() -> None:
    row = _row("docx_header")
    parts = _docx_parts(row)
    email = json.loads((GENERATED / row["expected"]).read_text(encoding="utf-8"))["emails"][0]
    assert any(email in xml for name, xml in parts.items() if name.startswith("word/header"))
    assert email not in parts["word/document.xml"]


def test_docx_contact_in_a_text_box() -> None:
    row = _row("docx_textbox")
    document = _docx_parts(row)["word/document.xml"]
    email = json.loads((GENERATED / row["expected"]).read_text(encoding="utf-8"))["emails"][0]
    box = document[document.index("<w:txbxContent>"):document.index("</w:txbxContent>")]
    assert email in box


def test_docx_table_layout_and_hyperlinks() -> None:
    row = _row("docx_table")
    parts = _docx_parts(row)
    assert "<w:tbl>" in parts["word/document.xml"]
    links = json.loads((GENERATED / row["expected"]).read_text(encoding="utf-8"))["links"]
    rels = parts["word/_rels/document.xml.rels"]
    assert re.search(r'Type="[^"]+/hyperlink"', rels) and all(f'Target="{url}"' in rels for url in links)
    assert "<w:hyperlink " in parts["word/document.xml"]


def test_years_of_experience_merges_overlapping_jobs() -> None:
    from fixtures.synth.content import years_of_experience

    work = [
        {"start_date": "2020-01", "end_date": "2020-12", "is_current": False},
        {"start_date": "2020-07", "end_date": "2021-06", "is_current": False},  # overlaps the first: 18 months
        {"start_date": "2023", "end_date": None, "is_current": True},  # January 2023 to the reference month
    ]
    assert years_of_experience(work) == round((18 + 29) / 12, 1)
