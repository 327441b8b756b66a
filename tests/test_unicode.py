"""Every string that enters the pipeline is valid Unicode: the record always encodes to UTF-8."""

from __future__ import annotations

import json

import pytest

import resumeparser
from resumeparser.normalize import normalize_text, valid_text

_BODY = "jane.doe@example.com\n\nEXPERIENCE\nData Analyst, Acme Corp, 2019 - 2022\n\nSKILLS\nPython, SQL\n"


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in _strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in _strings(item)]
    return []


def _assert_valid(resume: resumeparser.Resume) -> None:
    data = resume.model_dump(mode="json")
    for text in _strings(data):
        text.encode("utf-8")  # raises on a lone surrogate
    json.dumps(data, ensure_ascii=False).encode("utf-8")


def test_valid_text_pairs_surrogates_and_blanks_what_cannot_be_encoded() -> None:
    assert valid_text("smile \ud83d\ude00 done") == "smile \U0001f600 done"
    assert valid_text("Jane\ud83dDoe") == "Jane Doe"  # a lone surrogate keeps the words apart
    assert valid_text("a\udc00b\ufffec\uffffd\U0010ffffe") == "a b c d e"
    assert valid_text("Python\x01Java\x7fGo") == "Python Java Go"
    assert valid_text("tab\tkept") == "tab\tkept" and valid_text("café") == "café"
    assert normalize_text("\udbff\U000f0041 Icon") == "\u2022 Icon"  # astral private use is a bullet too


@pytest.mark.parametrize("bad", ["\ud800", "\udfff", "\ud83d", "\ufffe", "\U0003ffff", "\x00", "\x1b", "\x9c"])
def test_parse_text_with_invalid_code_points_gives_an_encodable_record(bad: str) -> None:
    resume = resumeparser.parse_text(f"Jane{bad} Doe\n{bad}+1 415 555 0142{bad}\n" + _BODY.replace("SQL", f"SQL{bad}"))
    _assert_valid(resume)
    assert resume.emails == ["jane.doe@example.com"]


def test_rtf_escape_of_a_lone_surrogate() -> None:
    # RTF writes characters outside the BMP as two \u escapes; a file that keeps only one of them
    rtf = (b"{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\f0 Jane Doe \\u-10179?\\par jane.doe@example.com\\par "
           b"\\u-10179?\\u-8704? EXPERIENCE\\par Data Analyst, Acme Corp, 2019 - 2022\\par}")
    resume = resumeparser.parse(rtf)
    _assert_valid(resume)
    assert resume.emails == ["jane.doe@example.com"]


def test_html_character_references_to_surrogates() -> None:
    html = (b"<html><body><h1>Jane Doe &#xD83D;</h1><p>jane.doe@example.com &#xDE00;&#55357;</p>"
            b"<h2>Experience</h2><p>Data Analyst, Acme Corp, 2019 - 2022</p></body></html>")
    resume = resumeparser.parse(html)
    _assert_valid(resume)
    assert resume.emails == ["jane.doe@example.com"]


def test_file_name_with_undecodable_bytes() -> None:
    resume = resumeparser.parse(("Jane Doe\n" + _BODY).encode(), filename="cv-\udcff.txt")
    _assert_valid(resume)
    assert resume.meta.filename == "cv- .txt"


def test_a_word_of_uncased_letters_around_a_capital() -> None:
    # "\u064aR\u0641".isupper() is True (R is its only cased letter): title-casing it once recursed forever
    from resumeparser.fields.names import pretty

    assert pretty("Jane \u064aR\u0641") == "Jane \u064aR\u0641"
    assert pretty("JANE DOE") == "Jane Doe"
    _assert_valid(resumeparser.parse(b"\xfaR\xe0", options=resumeparser.ParseOptions(ocr="never")))
