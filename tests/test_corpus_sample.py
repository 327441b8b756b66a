"""The committed sample of the rendered-resume corpus (models/entries/sample/) and the corpus build's HTML helpers.

The sample's records must be valid JSON Resume, and what resumeparser reads from each rendered file must hold the
record's values: a layout that hides a company or a converter that drops text would make the corpus's answers
wrong. None of this needs the renderers: the sample's files are committed.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
import unicodedata
from typing import Any

import pytest

import resumeparser
from resumeparser.extract import extract
from resumeparser.options import Deadline, ParseOptions

from .conftest import ROOT
from .export_schemas import errors

SAMPLE = ROOT / "models" / "entries" / "sample"
CORPUS_CODE = ROOT / "models" / "entries" / "corpus"


def _manifest() -> list[dict[str, Any]]:
    return [json.loads(line) for line in (SAMPLE / "manifest.jsonl").read_text("utf-8").splitlines() if line]


MANIFEST = _manifest()
IDS = [m["doc_id"] for m in MANIFEST]


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return re.sub(r"\s+", " ", text).strip().casefold()


def _record(meta: dict[str, Any]) -> dict[str, Any]:
    return json.loads((SAMPLE / "docs" / meta["doc_id"] / "record.json").read_text("utf-8"))


def _text(meta: dict[str, Any]) -> str:
    if meta["format"] == "doc" and shutil.which("antiword") is None:
        pytest.skip("antiword is not installed")
    data = (SAMPLE / meta["file"]).read_bytes()
    return extract(data, meta["format"], ParseOptions(), Deadline(60)).text


def _contains(text: str, value: str) -> bool:
    """Whole value in the text, allowing the renderer's line breaks (a long name wrapped over two lines)."""
    text, value = _norm(text), _norm(value)
    return value in text or value.replace(" ", "") in text.replace(" ", "")


def test_sample_spans_layouts_formats_and_languages() -> None:
    assert len(MANIFEST) >= 10
    assert len({m["layout"] for m in MANIFEST}) == len(MANIFEST)  # one document per layout
    assert {"pdf", "html", "docx"} <= {m["format"] for m in MANIFEST}
    assert {"rendercv", "jsonresume"} <= {m["family"] for m in MANIFEST}
    assert len({m["language"] for m in MANIFEST}) >= 2
    total = sum(p.stat().st_size for p in SAMPLE.rglob("*") if p.is_file())
    assert total < 2_000_000


@pytest.mark.parametrize("doc_id", IDS)
def test_meta_matches_manifest_and_files(doc_id: str) -> None:
    meta = next(m for m in MANIFEST if m["doc_id"] == doc_id)
    folder = SAMPLE / "docs" / doc_id
    assert json.loads((folder / "meta.json").read_text("utf-8")) == meta
    assert (SAMPLE / meta["file"]).is_file()
    assert meta["layout"].startswith(f"{meta['family']}-{meta['theme']}/")
    rendering = _record(meta)["meta"]["rendering"]
    assert rendering["language"] == meta["language"]


@pytest.mark.parametrize("doc_id", IDS)
def test_record_is_valid_json_resume(doc_id: str) -> None:
    meta = next(m for m in MANIFEST if m["doc_id"] == doc_id)
    record = _record(meta)
    assert record["work"] and record["education"]
    assert errors("jsonresume", record) == []


@pytest.mark.parametrize("doc_id", IDS)
def test_rendered_text_holds_the_record(doc_id: str) -> None:
    meta = next(m for m in MANIFEST if m["doc_id"] == doc_id)
    record = _record(meta)
    text = _text(meta)
    missing = [w["name"] for w in record["work"] if not _contains(text, w["name"])]
    assert missing == [], f"{meta['layout']}: companies not in the text: {missing}"
    missing = [w["position"] for w in record["work"] if not _contains(text, w["position"])]
    assert missing == [], f"{meta['layout']}: titles not in the text: {missing}"
    missing = [e["institution"] for e in record["education"] if not _contains(text, e["institution"])]
    assert missing == [], f"{meta['layout']}: schools not in the text: {missing}"
    assert _contains(text, record["basics"]["name"])


@pytest.mark.parametrize("doc_id", [m["doc_id"] for m in MANIFEST if m["language"] != "en"])
def test_localized_headings_are_what_the_page_shows(doc_id: str) -> None:
    meta = next(m for m in MANIFEST if m["doc_id"] == doc_id)
    rendering = _record(meta)["meta"]["rendering"]
    text = _text(meta)
    if meta["family"] == "rendercv":
        shown = [rendering["headings"]["work"], rendering["headings"]["education"]]
    else:
        shown = [new for old, new in rendering["replaced"].items() if old.rstrip(":").strip().isalpha()
                 and len(new) > 3][:4]
    assert shown
    assert all(_contains(text, word) for word in shown), (meta["layout"], shown)
    # English section headings do not survive localization
    english = {"work experience", "education", "experience"}
    lines = {_norm(line).rstrip(":") for line in text.splitlines()}
    assert not english & lines, (meta["layout"], english & lines)


@pytest.mark.parametrize("doc_id", IDS)
def test_sample_parses(doc_id: str) -> None:
    meta = next(m for m in MANIFEST if m["doc_id"] == doc_id)
    if meta["format"] == "doc" and shutil.which("antiword") is None:
        pytest.skip("antiword is not installed")
    resume = resumeparser.parse(SAMPLE / meta["file"])
    assert resume.meta.format == meta["format"]
    assert resume.meta.pages is None or resume.meta.pages >= 1
    # the e-mail is on the page (a narrow sidebar may wrap it over two lines)
    assert _contains(_text(meta), _record(meta)["basics"]["email"])


# -- the build's HTML helpers (standard library only) ---------------------------------------------------------------
@pytest.fixture(scope="module")
def renderers() -> Any:
    sys.path.insert(0, str(CORPUS_CODE))
    try:
        import renderers as module
    finally:
        sys.path.remove(str(CORPUS_CODE))
    return module


def test_localize_html_replaces_headings_months_and_present(renderers: Any) -> None:
    import random

    page = ("<html lang=\"en\"><style>.work{}</style><h2>Work Experience</h2><p>Kestrel GmbH</p>"
            "<span>March 2020 - Present</span><span>Jan 2018 – Feb 2020 · 2 years</span><h2>EDUCATION</h2>"
            "<p>May the best team win</p><script>var Education = 'March';</script></html>")
    out, rendering = renderers.localize_html(page, "de", random.Random(1))
    assert '<html lang="de"' in out
    assert "Work Experience" not in out and "EDUCATION" not in out
    assert rendering["headings"]["work"] in out
    assert rendering["headings"]["education"].upper() in out  # case of the theme kept
    assert "März 2020 - heute" in out
    assert "Jan. 2018 – Feb. 2020 · 2 Jahre" in out
    assert "May the best team win" in out  # a month name outside a date stays
    assert "var Education = 'March';" in out  # scripts untouched
    assert rendering["replaced"]["Work Experience"] == rendering["headings"]["work"]
    same, facts = renderers.localize_html(page, "en", random.Random(1))
    assert same == page and facts["replaced"] == {}


def test_print_ready_drops_remote_resources(renderers: Any) -> None:
    page = ('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Lato">'
            '<link rel="stylesheet" href="style.css"><img src="//www.gravatar.com/avatar/x">'
            '<script src="https://cdn.example.com/x.js"></script><p>Kept</p><a href=\'\'>x</a><a href="#">y</a>')
    out = renderers.print_ready(page)
    assert "googleapis" not in out and "gravatar" not in out and "cdn.example.com" not in out
    assert 'href="style.css"' in out and "<p>Kept</p>" in out
    assert "<a>x</a><a>y</a>" in out
