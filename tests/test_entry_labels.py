"""Training labels for the entry tagger: a record's values aligned to the lines of a document, and a seeded,
deterministic training run on them."""

from __future__ import annotations

import random

from models.entries.labels import label_document, truth_from_jsonresume
from models.entries.train import sequences, text_view_rows, train_crf, with_durations
from models.entries.views import STYLES, style_for, text_view
from resumeparser.document import Document, Line, Page, Span

RECORD = {
    "work": [
        {"name": "Harrow & Vale Logistics Ltd", "position": "Senior Data Engineer", "location": "Leeds",
         "startDate": "2019-03-01", "highlights": ["Cut the nightly load from six hours to forty minutes."]},
        {"name": "Brightwater Insurance Group", "position": "Data Analyst", "startDate": "2015-06",
         "endDate": "2019-02", "highlights": ["Built the claims dashboard used by forty adjusters."]},
    ],
    "education": [{"institution": "University of Leeds", "studyType": "Bachelor of Science", "area": "Mathematics",
                   "startDate": "2012", "endDate": "2015"}],
}


def _doc(rows: list[str]) -> Document:
    lines, top = [], 60.0
    for text in rows:
        size = 14 if text.isupper() else 10
        bbox = (50.0, top, 50.0 + 5 * len(text), top + size)
        lines.append(Line(spans=[Span(text=text, bbox=bbox, font_size=size, bold=text.isupper())], bbox=bbox))
        top += size + 6
    return Document(pages=[Page(number=1, lines=lines, width=595, height=842)], format="pdf")


DOC = _doc([
    "Robin Example", "robin@example.org",
    "EXPERIENCE",
    "Senior Data Engineer, Harrow & Vale Logistics Ltd", "Leeds", "March 2019 - Present",
    "• Cut the nightly load from six hours to forty minutes.",
    "Data Analyst", "Brightwater Insurance Group", "Jun 2015 - Feb 2019",
    "• Built the claims dashboard used by forty adjusters.",
    "EDUCATION",
    "University of Leeds", "Bachelor of Science in Mathematics, 2012 - 2015",
])


def test_lines_get_roles_and_tokens_get_fields() -> None:
    work, education = label_document(DOC, truth_from_jsonresume(RECORD))
    assert work.labels == ["B-MIXED", "LOCATION", "DATES", "DESC", "B-TITLE", "COMPANY", "DATES", "DESC"]
    first = work.token_labels[0]
    assert first[:3] == ["TITLE"] * 3 and first[3] == "O" and set(first[4:]) == {"COMPANY"}
    assert (work.found, work.wanted) == (6, 6)
    assert education.labels[:2] == ["B-INSTITUTION", "MIXED"]
    assert set(education.token_labels[1]) == {"DEGREE", "O", "AREA", "DATES"}


def test_a_value_the_document_does_not_show_lowers_coverage() -> None:
    record = {"work": [{**RECORD["work"][0], "name": "Quillfeather Systems"}, RECORD["work"][1]]}
    (work,) = label_document(DOC, truth_from_jsonresume(record))
    assert work.found < work.wanted


def test_durations_are_added_after_dates_as_no_field() -> None:
    work, _ = label_document(DOC, truth_from_jsonresume(RECORD))
    added = with_durations(work, random.Random(3))
    for i, labels in work.token_labels.items():
        if labels[-1] == "DATES":
            assert added.lines[i].text.startswith(work.lines[i].text) and len(added.lines[i].text) > len(
                work.lines[i].text)
            assert added.token_labels[i][: len(labels)] == labels and set(added.token_labels[i][len(labels):]) == {"O"}


def test_training_is_deterministic(tmp_path) -> None:  # type: ignore[no-untyped-def]
    config = {"min_coverage": 0.5, "augment": {"durations": 0.5}}
    params = {"c1": 0.1, "c2": 0.01, "max_iterations": 30}
    outputs = []
    for run in range(2):
        lines, toks = sequences(label_document(DOC, truth_from_jsonresume(RECORD)), "en", config, random.Random(5))
        assert lines and toks
        train_crf(lines, tmp_path / f"lines{run}.crfsuite", params)
        outputs.append((tmp_path / f"lines{run}.crfsuite").read_bytes())
    assert outputs[0] == outputs[1]


def test_text_views_keep_the_lines_and_drop_the_layout() -> None:
    def line(text: str, top: float) -> Line:
        bbox = (50.0, top, 200.0, top + 10)
        return Line(spans=[Span(text=text, bbox=bbox, font_size=10)], bbox=bbox)

    # 2 points of leading between the first lines, a paragraph's gap (12 points) above the third
    doc = Document(pages=[Page(number=1, lines=[line("Robin Example", 60), line("EXPERIENCE", 72),
                                                 line("Data Analyst", 94)])], format="pdf")
    assert text_view(doc, "lines") == "Robin Example\nEXPERIENCE\n\nData Analyst\n"
    assert text_view(doc, "spaced") == "Robin Example\n\nEXPERIENCE\n\nData Analyst\n"
    assert {style_for(f"doc-{i}") for i in range(20)} == set(STYLES)
    assert style_for("doc-1") == style_for("doc-1")


def test_a_text_view_is_labelled_like_the_rendered_document() -> None:
    plain = Document.from_text(text_view(DOC, "spaced"))
    assert all(line.bbox is None and line.font_size is None for line in plain.lines)
    work, education = label_document(plain, truth_from_jsonresume(RECORD))
    assert (work.found, work.wanted) == (6, 6)
    assert [lab for lab in work.labels if lab.startswith("B-")] == ["B-MIXED", "B-TITLE"]
    assert education.labels[0] == "B-INSTITUTION"


def test_text_view_rows_take_a_seeded_share() -> None:
    rows = [{"doc_id": f"d{i}", "layout": "x"} for i in range(400)]
    config = {"seed": 3, "augment": {"text_views": 0.25}}
    views = text_view_rows(rows, config)
    assert views == text_view_rows(rows, config)
    assert 60 < len(views) < 140 and all(v["view"] in STYLES for v in views)
    assert text_view_rows(rows, {"seed": 3, "augment": {}}) == []


def test_validation_reads_the_same_unseen_documents_whatever_the_config(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import json
    import shutil
    from pathlib import Path

    from models.entries.validate import validate

    sample = Path(__file__).resolve().parents[1] / "models" / "entries" / "sample"
    corpus = tmp_path / "sample"
    shutil.copytree(sample, corpus)  # the label cache is written beside the documents
    config = json.loads((sample.parent / "config.json").read_text())
    quick = {"c1": 0.3, "c2": 0.05, "max_iterations": 20}
    config.update(line_crf=quick, token_crf=quick, held_out_layouts=[])
    plain = validate({**config, "augment": {"durations": 0.0, "text_views": 0.0}}, [corpus], 1, 2, 1)
    viewed = validate({**config, "augment": {"durations": 0.0, "text_views": 1.0}}, [corpus], 1, 2, 1)
    assert plain["documents"] == viewed["documents"] > 0 and plain["sections"] > 0
    assert {"work", "work/text"} <= set(plain) and set(plain) == set(viewed)
    assert all(0.0 <= v <= 1.0 for k, v in plain.items() if k not in ("documents", "sections"))


def test_separators_between_title_and_company_are_varied_as_no_field() -> None:
    from models.entries.train import with_separators

    work, _ = label_document(DOC, truth_from_jsonresume(RECORD))
    seen = set()
    for seed in range(12):
        varied = with_separators(work, random.Random(seed))
        text, labels = varied.lines[0].text, varied.token_labels[0]
        assert text.startswith("Senior Data Engineer") and text.endswith("Harrow & Vale Logistics Ltd")
        assert labels[:3] == ["TITLE"] * 3 and labels[-5:] == ["COMPANY"] * 5
        assert set(labels[3:-5]) <= {"O"}
        seen.add(text[len("Senior Data Engineer"): -len("Harrow & Vale Logistics Ltd")])
        assert varied.lines[1:] == work.lines[1:]
    assert len(seen) >= 4
