"""The committed synthetic set matches its generator, and its files agree with their expected records."""

from __future__ import annotations

import json
import re
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
    """The byte-stable part of the set, written afresh (no LibreOffice, no rasterising)."""
    out = tmp_path_factory.mktemp("generated")
    generate.write_cheap(out, generate.resumes())
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


@pytest.mark.parametrize("row", MANIFEST, ids=lambda row: row["id"])
def test_derived_formats_have_the_right_shape(row: dict) -> None:
    """DOC/RTF/ODT come from LibreOffice and PNG/scan from rendering: not regenerated here, checked by shape."""
    files = row["files"]
    name = json.loads((GENERATED / row["expected"]).read_text(encoding="utf-8"))["name"]["full"]
    if "doc" in files:
        assert (GENERATED / files["doc"]).read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")
    if "rtf" in files:
        from striprtf.striprtf import rtf_to_text

        assert name in rtf_to_text((GENERATED / files["rtf"]).read_text(encoding="ascii", errors="replace"))
    if "odt" in files:
        with zipfile.ZipFile(GENERATED / files["odt"]) as odt:
            assert odt.read("mimetype") == b"application/vnd.oasis.opendocument.text"
            assert name.encode() in odt.read("content.xml")
    if "png" in files:
        assert (GENERATED / files["png"]).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    if "scan" in files:
        pdf = pypdfium2.PdfDocument(GENERATED / files["scan"])
        try:
            assert pdf[0].get_textpage().get_text_range().strip() == ""  # image only: no text layer
        finally:
            pdf.close()
