from __future__ import annotations

from resumeparser.document import Document, Line, Page, Span
from resumeparser.normalize import BULLET, normalize, normalize_text


def test_ligatures_spaces_and_bullets() -> None:
    assert normalize_text("\ufb01nance and e\ufb00ort") == "finance and effort"
    assert normalize_text("Jane\u00a0Doe\t\t\tEngineer") == "Jane Doe Engineer"
    assert normalize_text("\uf0b7 Built pipelines") == f"{BULLET} Built pipelines"
    assert normalize_text("(cid:127) Led a team") == f"{BULLET} Led a team"
    assert normalize_text("soft\u00adware") == "software"
    assert normalize_text("(909) 555-\u20105555, on-\u2010campus") == "(909) 555-5555, on-campus"


def test_hyphenation_at_line_end_is_joined_within_a_column() -> None:
    page = Page(number=1, lines=[Line.plain("Improved the develop-"), Line.plain("ment process"),
                                 Line.plain("Full-"), Line.plain("Stack"), Line.plain("Software-Entwick-"),
                                 Line.plain("lung in München")])
    lines = [line.text for line in normalize(Document(pages=[page], format="pdf")).lines]
    assert lines[:2] == ["Improved the development", "process"]
    assert lines[2:4] == ["Full-", "Stack"]  # capitalised continuation: a real hyphen, kept
    assert lines[4:] == ["Software-Entwicklung", "in München"]


def test_repeated_headers_and_page_numbers_are_dropped() -> None:
    pages = [
        Page(number=n, lines=[Line.plain(f"Jane Doe - Resume - {n}", n), Line.plain(f"{2000 + n} - {2001 + n}", n),
                              Line.plain("Engineer", n), Line.plain(f"Page {n} of 3", n)])
        for n in (1, 2, 3)
    ]
    text = [line.text for line in normalize(Document(pages=pages, format="pdf")).lines]
    assert text == ["Jane Doe - Resume - 1", "2001 - 2002", "Engineer", "2002 - 2003", "2003 - 2004"]


def test_wrapped_url_keeps_its_hyphen() -> None:
    doc = normalize(Document.from_text("linkedin.com/in/jane-\ndoe\nsoftware develop-\nment"))
    assert [line.text for line in doc.lines] == ["linkedin.com/in/jane-doe", "software development"]


def test_flattened_text_gets_its_line_breaks_back() -> None:
    parts = ["Jane Roe", "Data Analyst", "WORK EXPERIENCE", "Analyst", "Acme Corp - Austin, TX", "2019 to Present"]
    flat = "  ".join(parts) + "  " + "Wrote reports on sales and churn for the board every week. " * 6
    doc = normalize(Document.from_text(flat))
    assert [line.text for line in doc.lines][: len(parts)] == parts
    # a long line of prose with single spaces stays one line
    prose = "Wrote reports on sales and churn for the board every week. " * 8
    assert len(normalize(Document.from_text(prose)).lines) == 1


def test_small_capitals_first_letter_joins_its_word() -> None:
    spans = [Span("W", font_size=14), Span("ORK", font_size=11), Span("E", font_size=14),
             Span("XPERIENCE", font_size=11)]
    line = Line(spans=spans)
    doc = normalize(Document(pages=[Page(number=1, lines=[line, Line(spans=[
        Span("Jane D", font_size=14), Span("OE", font_size=11), Span("A", font_size=14),
        Span("large team", font_size=10)])])], format="pdf"))
    assert doc.lines[0].text == "WORK EXPERIENCE"
    # a capital letter before lower-case smaller text is a word of its own
    assert doc.lines[1].text == "Jane DOE A large team"
