"""The anonymiser of benchmarks/header_eval.py removes the person's name and nothing else."""

from __future__ import annotations

from benchmarks.header_eval import _name_tokens, _strip_name, anonymise, anonymise_text
from resumeparser.document import Document, Line, Page, Span


def test_the_name_goes_where_its_words_stand_together() -> None:
    tokens = _name_tokens("Jane K. Doe")
    assert _strip_name("Jane K. Doe", tokens) == ""
    assert _strip_name("DOE, Jane", tokens) == ""
    assert _strip_name("Jane K. Doe | Data Engineer", tokens) == "Data Engineer"
    assert _strip_name("Doe", tokens) == ""  # a name set over two lines
    # one word of the name inside other text, and the e-mail, stay
    assert _strip_name("Dear Jane, thank you", tokens) == "Dear Jane, thank you"
    assert _strip_name("jane.doe@example.com", tokens) == "jane.doe@example.com"


def test_anonymised_documents_keep_the_other_lines_and_their_style() -> None:
    doc = Document(pages=[Page(number=1, lines=[
        Line(spans=[Span("Jane Doe", font_size=24, bold=True)]),
        Line(spans=[Span("Data Engineer", font_size=12)]),
        Line(spans=[Span("jane@example.com", font_size=10)]),
    ])], format="pdf")
    out = anonymise(doc, "Jane Doe")
    assert [ln.text for ln in out.lines] == ["Data Engineer", "jane@example.com"]
    assert out.lines[0].font_size == 12
    assert anonymise_text("Jane Doe\nData Engineer\n\nSKILLS", "Jane Doe") == "Data Engineer\n\nSKILLS"
