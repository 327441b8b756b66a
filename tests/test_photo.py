"""Portrait photo detection: the photo fixtures (a portrait, a square portrait, a logo that is no photo), the main
fixture set (no photos), the development files that carry one, and the exports that take a photo."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

import resumeparser
from fixtures import generate
from resumeparser.cli import main
from resumeparser.detect import detect_format
from resumeparser.export import export
from resumeparser.models import Resume
from resumeparser.portrait import find_photo

from .conftest import FIXTURES, SHARED
from .export_schemas import errors

GENERATED = FIXTURES / "generated"
PHOTO_MANIFEST: list[dict[str, Any]] = json.loads((GENERATED / "photo_manifest.json").read_text("utf-8"))
MANIFEST: list[dict[str, Any]] = json.loads((GENERATED / "manifest.json").read_text("utf-8"))
DEV = SHARED / "dev-data"

# The development files with a portrait photo. Decided by looking: every embedded picture of page 1 of every
# development PDF, and every picture stored in every development DOCX and ODT, was saved and viewed; these seven
# files show a person's head-and-shoulders photo. The other pictures are icons (8-16 pt), one full-page
# background, and a landscape moustache drawing (pandoc_multiformat/bobuss__cv, in its DOCX and ODT).
DEV_PHOTOS = {
    "real_pairs/jsonresume__DetroxDP__cv/resume.pdf",
    "real_pairs/jsonresume__DetroxDP__cv/resume - spanish.pdf",
    "real_pairs/other__JohnKirwan__johnkirwan/resume.pdf",
    "synthetic_template_resumes/jiejiewang123_templates/resume2.pdf",
    "synthetic_template_resumes/jiejiewang123_templates/resume3.pdf",
    "synthetic_template_resumes/jiejiewang123_templates/resume4.pdf",
    "synthetic_template_resumes/jiejiewang123_templates/resume11.docx",
}


def test_photo_fixtures_are_committed(tmp_path: Path) -> None:
    generate.write_photos(tmp_path)
    fresh = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert len(fresh) == 1 + 3 * len(generate.PHOTO_SPECS)
    stale = [str(rel) for rel in fresh if (GENERATED / rel).read_bytes() != (tmp_path / rel).read_bytes()]
    assert not stale, f"stale photo fixtures, run fixtures/generate.py: {stale}"


@pytest.mark.parametrize("row", PHOTO_MANIFEST, ids=lambda row: row["id"])
def test_photo_fixture_pdf(row: dict[str, Any]) -> None:
    resume = resumeparser.parse(GENERATED / row["files"]["pdf"])
    assert resume.has_photo is row["has_photo"]
    expected = Resume.model_validate_json((GENERATED / row["expected"]).read_text("utf-8"))
    assert resume.name is not None and expected.name is not None and resume.name.full == expected.name.full
    if not row["has_photo"]:
        assert resume.photo is None and "photo" not in resume.to_json()
        assert resumeparser.photo(GENERATED / row["files"]["pdf"]) is None
        return
    assert resume.photo is not None and resume.photo.page == row["picture_page"]
    assert resume.photo.box == pytest.approx(row["picture_box_pdf"], abs=0.5)
    record = json.loads(resume.to_json())
    assert record["has_photo"] is True and record["photo"]["box"] == pytest.approx(row["picture_box_pdf"], abs=0.5)
    assert Resume.model_validate(record) == resume  # the record round-trips with its photo
    found = resumeparser.photo(GENERATED / row["files"]["pdf"])
    assert found is not None
    with Image.open(io.BytesIO(found.data)) as image:
        assert list(image.size) == row["picture_pixels"]
        assert image.format is not None and image.format.lower() == found.format


@pytest.mark.parametrize("row", PHOTO_MANIFEST, ids=lambda row: row["id"])
def test_photo_fixture_docx(row: dict[str, Any]) -> None:
    path = GENERATED / row["files"]["docx"]
    resume = resumeparser.parse(path)
    assert resume.has_photo is row["has_photo"]
    if row["has_photo"]:
        assert resume.photo is not None and resume.photo.box is None  # a DOCX has no pages to place it on
        found = resumeparser.photo(path)
        assert found is not None and found.format == "jpeg"
        with Image.open(io.BytesIO(found.data)) as image:
            assert list(image.size) == row["picture_pixels"]


FIXTURE_FILES = [
    (row["id"], rel) for row in MANIFEST for fmt, rel in row["files"].items() if fmt in ("pdf", "docx", "odt")
]


@pytest.mark.parametrize(("rid", "rel"), FIXTURE_FILES, ids=[rel for _, rel in FIXTURE_FILES])
def test_main_fixtures_have_no_photo(rid: str, rel: str) -> None:
    data = (GENERATED / rel).read_bytes()
    assert find_photo(data, detect_format(data, rel)) is None


def test_default_record_keeps_its_shape_without_a_photo() -> None:
    record = json.loads(resumeparser.parse(GENERATED / "en_one_column_us" / "resume.pdf").to_json())
    assert "has_photo" not in record and "photo" not in record
    expected = json.loads((GENERATED / "en_one_column_us" / "expected.json").read_text("utf-8"))
    assert set(record) == set(expected)


def test_photo_detection_can_be_turned_off() -> None:
    options = resumeparser.ParseOptions(photo=False)
    resume = resumeparser.parse(GENERATED / "photo_en_one_column_us" / "resume.pdf", options=options)
    assert not resume.has_photo and resume.photo is None


def _dev_files() -> list[str]:
    if not DEV.is_dir():
        return []
    return sorted(str(p.relative_to(DEV)) for p in DEV.rglob("*") if p.suffix.lower() in (".pdf", ".docx", ".odt"))


@pytest.mark.skipif(not DEV.is_dir(), reason="development data is absent")
def test_development_files_with_and_without_a_photo() -> None:
    files = _dev_files()
    assert DEV_PHOTOS <= set(files)
    found = set()
    for rel in files:
        data = (DEV / rel).read_bytes()
        if find_photo(data, detect_format(data, rel)) is not None:
            found.add(rel)
    assert found == DEV_PHOTOS


@pytest.mark.skipif(not DEV.is_dir(), reason="development data is absent")
@pytest.mark.parametrize("rel", sorted(DEV_PHOTOS))
def test_development_photos_are_images_of_the_reported_size(rel: str) -> None:
    found = resumeparser.photo(DEV / rel)
    assert found is not None
    with Image.open(io.BytesIO(found.data)) as image:
        assert image.size == (found.info.pixel_width, found.info.pixel_height)
    if rel.endswith(".pdf"):
        assert found.info.page == 1 and found.info.box is not None
        x0, top, x1, bottom = found.info.box
        assert x1 - x0 == pytest.approx(found.info.width, abs=0.02)
        assert bottom - top == pytest.approx(found.info.height, abs=0.02)


def test_exports_carry_the_photo() -> None:
    path = GENERATED / "photo_en_one_column_us" / "resume.pdf"
    resume = resumeparser.parse(path)
    expected = resumeparser.photo(path)
    assert expected is not None
    comeet = export(resume, "comeet", file=path, position_uid="11.11", partner_candidate_id="c-1", warnings=[])
    workable = export(resume, "workable", file=path, warnings=[])
    assert errors("comeet", comeet) == [] and errors("workable", workable) == []
    assert base64.b64decode(comeet["picture"]["file"]) == expected.data
    assert comeet["picture"]["name"] == f"photo.{'jpg' if expected.format == 'jpeg' else expected.format}"
    assert base64.b64decode(workable["candidate"]["image"]["data"]) == expected.data
    without = GENERATED / "logo_en_two_column_gb" / "resume.pdf"
    plain = export(resumeparser.parse(without), "workable", file=without, warnings=[])
    assert "image" not in plain["candidate"]


def test_photo_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "photo.img"
    assert main(["photo", str(GENERATED / "photo_de_sidebar_left_de" / "resume.docx"), "-o", str(target)]) == 0
    info = json.loads(capsys.readouterr().out)
    with Image.open(target) as image:
        assert image.size == (info["pixel_width"], info["pixel_height"]) == (300, 300)
    assert main(["photo", str(GENERATED / "logo_en_two_column_gb" / "resume.docx")]) == 1
