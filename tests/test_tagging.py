"""The entry tagger: its shipped models, the entries it reads, and the training labels it learns from."""

from __future__ import annotations

import json
import threading
from datetime import date

import pytest

import resumeparser
from resumeparser.document import Document, Line, Page, Span
from resumeparser.fields.dates import find_date_ranges
from resumeparser.options import ParseOptions
from resumeparser.tagging import model
from resumeparser.tagging.entries import education_entries, tag_section, work_entries
from resumeparser.tagging.features import line_features, section_lines, token_features, tokens


def _lines(rows: list[tuple[str, float, bool]], x0: float = 50.0) -> list[Line]:
    """Lines with geometry: (text, font size, bold), 14 pt apart, an extra gap before a bigger line."""
    out, top = [], 80.0
    for text, size, bold in rows:
        if not text:
            top += 10
            continue
        indent = 12 if text.startswith("•") else 0
        bbox = (x0 + indent, top, x0 + indent + 5.2 * len(text), top + size)
        out.append(Line(spans=[Span(text=text, bbox=bbox, font_size=size, bold=bold)], bbox=bbox))
        top += size + 4
    return out


def test_shipped_models_load_and_carry_their_card() -> None:
    assert model.available()
    card = model.meta()
    assert card["trained_on"]["documents"] > 0
    assert {"B-TITLE", "DESC"} <= set(card["line_labels"]) or "B-MIXED" in card["line_labels"]
    assert {"TITLE", "COMPANY", "DATES", "O"} <= set(card["token_labels"])
    from resumeparser.datafiles import read_bytes

    size = len(read_bytes(model.LINE_MODEL)) + len(read_bytes(model.TOKEN_MODEL))
    assert size < 10 * 1024 * 1024


def test_two_line_entries_give_title_company_and_dates() -> None:
    lines = _lines([
        ("Senior Data Engineer", 11, True), ("Harrow & Vale Logistics Ltd", 10, False),
        ("March 2019 - Present", 10, False), ("• Cut the nightly load from six hours to forty minutes.", 10, False),
        ("", 0, False),
        ("Data Analyst", 11, True), ("Brightwater Insurance Group", 10, False),
        ("June 2015 - February 2019", 10, False),
        ("• Built the claims dashboard used by 40 adjusters.", 10, False),
    ])
    found = [w for w, _ in work_entries(lines)]
    assert [(w.title, w.company) for w in found] == [
        ("Senior Data Engineer", "Harrow & Vale Logistics Ltd"), ("Data Analyst", "Brightwater Insurance Group")]
    assert (found[0].start_date, found[0].is_current) == ("2019-03", True)
    assert (found[1].start_date, found[1].end_date) == ("2015-06", "2019-02")
    assert found[0].highlights == ["Cut the nightly load from six hours to forty minutes."]


@pytest.mark.parametrize("header", [
    "Product Manager at Quillfeather Systems Inc.",
    "Product Manager, Quillfeather Systems Inc.",
    "Product Manager | Quillfeather Systems Inc.",
])
def test_one_line_headers_are_split_into_title_and_company(header: str) -> None:
    lines = _lines([(header, 10, True), ("Jan 2020 - Dec 2022", 10, False),
                    ("• Shipped the mobile checkout to 2 million users.", 10, False)])
    (entry, confidence), = work_entries(lines)
    assert (entry.title, entry.company) == ("Product Manager", "Quillfeather Systems Inc.")
    assert (entry.start_date, entry.end_date) == ("2020-01", "2022-12")
    assert 0.0 < confidence <= 1.0


def test_education_entries_read_institution_degree_and_year() -> None:
    lines = _lines([("University of Leeds", 11, True), ("Bachelor of Science in Mathematics", 10, False),
                    ("2012 - 2015", 10, False)])
    (entry, _), = education_entries(lines)
    assert entry.institution == "University of Leeds"
    assert entry.degree_level == "bachelors"
    assert entry.end_date == "2015"


def test_every_line_gets_a_role_and_a_confidence() -> None:
    lines = _lines([("Warehouse Supervisor", 11, True), ("Norrland Freight AB", 10, False),
                    ("2018 - 2021", 10, False), ("• Led a team of twelve.", 10, False)])
    tagged = tag_section("work", lines)
    assert len(tagged) == 4
    assert tagged[0].begins
    assert all(0.0 <= t.confidence <= 1.0 for t in tagged)
    assert tagged[-1].role == "DESC"


def test_tagging_is_the_same_in_threads() -> None:
    lines = _lines([("Staff Engineer at Lumen Peak GmbH", 10, True), ("04/2017 - 09/2021", 10, False)])
    expected = [w.model_dump() for w, _ in work_entries(lines)]
    results: list[list[dict[str, object]]] = []

    def run() -> None:
        for _ in range(20):
            results.append([w.model_dump() for w, _ in work_entries(lines)])

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 80 and all(r == expected for r in results)


def test_features_cover_layout_lexicon_and_neighbours() -> None:
    lines = section_lines(_lines([("Operations Manager", 12, True), ("Acme Corporation", 10, False),
                                  ("2019 - Present", 10, False)]))
    feats = line_features("work", lines)
    assert "size=3" in feats[0] and "bold=1" in feats[0]
    assert "date=all:range" in feats[2]
    assert "company=0" not in feats[1]
    title = next(f for f in feats[0] if f.startswith("title="))
    assert "-1:" + title in feats[1] and "+1:" not in " ".join(feats[2]) and "1:edge" in feats[2]
    text = "Operations Manager at Acme Corporation, Berlin"
    tf = token_features(text, tokens(text), "MIXED")
    assert "in_place" in tf[-1] and "sep" in tf[2] and "line=MIXED" in tf[0] and "-1:edge" in tf[0]


def test_rules_option_bypasses_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Jordan Example\njordan@example.com\n\nEXPERIENCE\nLogistics Coordinator\nTallow Ridge Foods\n2016 - 2019\n"
    calls: list[int] = []
    original = model.tag_lines
    monkeypatch.setattr(model, "tag_lines", lambda items: calls.append(1) or original(items))
    ruled = resumeparser.parse_text(text, options=ParseOptions(entries="rules"))
    assert not calls
    tagged = resumeparser.parse_text(text)
    assert calls
    assert [(w.title, w.company) for w in ruled.work] == [("Logistics Coordinator", "Tallow Ridge Foods")]
    assert [(w.title, w.company) for w in tagged.work] == [("Logistics Coordinator", "Tallow Ridge Foods")]


def test_a_document_with_the_model_keeps_its_record_shape() -> None:
    lines = _lines([("EXPERIENCE", 13, True), ("Site Reliability Engineer", 11, True), ("Corvid Networks", 10, False),
                    ("May 2021 - Present", 10, False), ("EDUCATION", 13, True), ("Imperial College London", 11, True),
                    ("MSc Computing", 10, False), ("2019 - 2020", 10, False)])
    head = _lines([("Robin Example", 20, True), ("robin@example.org", 10, False)], x0=50)
    doc = Document(pages=[Page(number=1, lines=[*head, *lines], width=595, height=842)], format="pdf")
    from resumeparser.assemble import assemble, extract_fields
    from resumeparser.fields.contact import extract_contact
    from resumeparser.segment import segment

    blocks = segment(doc)
    record = assemble(doc, blocks, extract_contact(doc, blocks), extract_fields(blocks), today=date(2024, 1, 1))
    assert [(w.title, w.company) for w in record.work] == [("Site Reliability Engineer", "Corvid Networks")]
    assert record.education[0].institution == "Imperial College London"
    assert record.work[0].confidence is not None and record.work[0].confidence > 0.5
    json.loads(record.to_json())


def test_an_undated_sentence_between_dated_roles_joins_the_role_above() -> None:
    from resumeparser.tagging.entries import TaggedLine, _Draft, _without_sentence_entries

    def item(text: str, role: str) -> TaggedLine:
        return TaggedLine(section_lines(_lines([(text, 10, False)]))[0], role, role != "DESC", 0.9)

    drafts = [
        _Draft(header=[item("Head of Communications, Lumen Peak", "MIXED"), item("2019 - Present", "DATES")]),
        _Draft(header=[item("As Head of Communications at Lumen Peak, I lead the press office", "MIXED")],
               body=[item("and the brand team.", "DESC")]),
        _Draft(header=[item("Press Officer, Corvid Networks", "MIXED"), item("2015 - 2019", "DATES")]),
    ]
    kept = _without_sentence_entries(drafts, ("en",))
    assert len(kept) == 2
    assert [i.line.text for i in kept[0].body] == [
        "As Head of Communications at Lumen Peak, I lead the press office", "and the brand team."]
    # without two dated roles to go by, nothing is joined
    assert len(_without_sentence_entries(drafts[1:], ("en",))) == 2


def test_a_role_read_without_its_dates_takes_the_rules_dates_instead_of_a_second_entry() -> None:
    from resumeparser.models import WorkEntry
    from resumeparser.tagging.entries import with_rules

    undated = WorkEntry(title="Backend Developer", company="Fjordly SA")
    other = WorkEntry(title="Analyst", company="Oakline", start_date="2016-07", end_date="2019-11")
    ruled = WorkEntry(title="Backend Developer", company="Fjordly SA", start_date="2022-01", end_date="2024-01")
    vague = WorkEntry(title="Volunteer", start_date="2010-01")  # keeps the rules' all-sure shortcut out of play
    out = with_rules([(undated, 0.9), (other, 0.9)], [(ruled, 0.95), (vague, 0.3)])
    assert [(e.title, e.start_date, e.end_date) for e, _ in out] == [
        ("Backend Developer", "2022-01", "2024-01"), ("Analyst", "2016-07", "2019-11")]
    # a dated role the model did not read at all is still added
    new = WorkEntry(title="Intern", company="Bluefin", start_date="2015-01", end_date="2015-06")
    out = with_rules([(undated, 0.9), (other, 0.9)], [(ruled, 0.95), (new, 0.95), (vague, 0.3)])
    assert [e.title for e, _ in out] == ["Backend Developer", "Analyst", "Intern"]


def test_the_shipped_selector_fits_the_features_this_code_makes() -> None:
    from resumeparser.datafiles import read_json
    from resumeparser.tagging import select

    card = read_json(select.SELECTOR)
    for kind in ("work", "education"):
        assert select.trained(kind)
        assert len(card[kind]["weights"]) == len(select.FEATURES)
        figures = card[kind]["cross_fitted"]  # judged on layouts the fold's tagger never saw
        assert figures["selected_score"] >= max(figures["model_score"], figures["rules_score"])


def test_undated_roles_take_the_rules_dates_in_order_when_the_counts_agree() -> None:
    from resumeparser.models import WorkEntry
    from resumeparser.tagging.entries import _undated_with_rules_dates

    model_read = [(WorkEntry(title="Engineer", company="Acme"), 0.8), (WorkEntry(title="Analyst", company="Beta"), 0.7)]
    rules_read = [(WorkEntry(title="Acme Engineer", start_date="2020-01", is_current=True), 0.9),
                  (WorkEntry(title="Beta Analyst", start_date="2017-03", end_date="2019-12"), 0.9)]
    merged = _undated_with_rules_dates(model_read, rules_read)
    assert merged is not None
    assert [(e.title, e.company, e.start_date, e.end_date, e.is_current) for e, _ in merged] == [
        ("Engineer", "Acme", "2020-01", None, True), ("Analyst", "Beta", "2017-03", "2019-12", False)]
    assert _undated_with_rules_dates(model_read, rules_read[:1]) is None  # not the same roles
    dated = [(e.model_copy(update={"start_date": "2015-01"}), c) for e, c in model_read]
    assert _undated_with_rules_dates(dated, rules_read) is None  # the model has its dates


def test_a_draft_holding_only_a_wrapped_end_closes_the_range_above() -> None:
    from resumeparser.tagging.entries import TaggedLine, _Draft, _ended, _joined_wrapped_ranges

    def item(text: str, role: str, labels: list[str] | None = None) -> TaggedLine:
        tagged = TaggedLine(section_lines(_lines([(text, 10, False)]))[0], role, role != "DESC", 0.9)
        tagged.token_labels = labels or []
        return tagged

    drafts = [
        _Draft(header=[item("Fitness AI", "COMPANY", ["COMPANY", "COMPANY"]),
                       item("04/2021 - New York,", "MIXED", ["DATES", "O", "LOCATION", "LOCATION", "O"])]),
        _Draft(header=[item("05/2021 NY", "DATES", ["DATES", "LOCATION"])], body=[item("• Shipped it", "DESC")]),
        _Draft(header=[item("Cameo", "COMPANY", ["COMPANY"]), item("10/2020 - 03/2021", "DATES", ["DATES"] * 3)]),
        _Draft(header=[item("2019", "DATES", ["DATES"])]),  # the range above is closed: a draft of its own
    ]
    joined = _joined_wrapped_ranges(drafts, ("en",))
    assert len(joined) == 3
    assert [i.line.text for i in joined[0].body] == ["• Shipped it"]
    ended = _ended(find_date_ranges("04/2021 - New York,")[0], joined[0])
    assert ended is not None and (ended.start, ended.end) == ("2021-04", "2021-05")


def test_a_wrapped_end_the_model_left_out_of_the_header_still_closes_the_range() -> None:
    from resumeparser.tagging.entries import TaggedLine, _ended, _entries, _joined_wrapped_ranges

    def item(text: str, role: str, begins: bool = False, labels: list[str] | None = None) -> TaggedLine:
        tagged = TaggedLine(section_lines(_lines([(text, 10, False)]))[0], role, begins, 0.9)
        tagged.token_labels = labels or []
        return tagged

    tagged = [
        item("Contract iOS Engineer", "TITLE", True, ["TITLE"] * 3),
        item("Fitness AI", "COMPANY", labels=["COMPANY"] * 2),
        item("04/2021 - New York,", "MIXED", labels=["DATES", "O", "LOCATION", "LOCATION", "O"]),
        item("• •", "OTHER"),
        item("05/2021 NY", "OTHER"),  # the range's end, read as no part of the entry
        item("• Shipped the app", "DESC"),
        item("Principal iOS Engineer", "TITLE", True, ["TITLE"] * 3),
        item("10/2020 - New York,", "MIXED", labels=["DATES", "O", "LOCATION", "LOCATION", "O"]),
        item("2019 saw launch", "DESC"),  # description, never a wrapped end
        item("• Built the platform", "DESC"),
    ]
    joined = _joined_wrapped_ranges(_entries(tagged), ("en",))
    assert len(joined) == 2
    first = _ended(find_date_ranges("04/2021 - New York,")[0], joined[0])
    assert first is not None and (first.start, first.end) == ("2021-04", "2021-05")
    assert joined[1].wrapped_end is None


def test_a_dated_line_whose_opening_words_the_token_model_left_unlabelled_gives_the_company() -> None:
    from resumeparser.tagging.entries import TaggedLine, _spans, _unlabelled_company

    def item(text: str, role: str, labels: list[str]) -> TaggedLine:
        tagged = TaggedLine(section_lines(_lines([(text, 10, False)]))[0], role, role != "DESC", 0.9)
        tagged.toks, tagged.token_labels, tagged.token_confidence = tokens(text), labels, [0.9] * len(labels)
        return tagged

    def header(first: str, labels: list[str]) -> list[TaggedLine]:
        return [item("Senior Consultant", "TITLE", ["TITLE", "TITLE"]), item(first, "MIXED", labels)]

    dated = header("ACNTI CONSULTORES 04/2022 - 01/2023", ["O", "O", "DATES", "DATES", "DATES"])
    title = next(s for s in _spans(dated) if s.label == "TITLE")
    company = _unlabelled_company(dated, title, ("en",))
    assert company is not None and company.text == "ACNTI CONSULTORES" and company.confidence < 0.9
    # words the token model gave a field of their own, a place, or a lower-case phrase are no company
    for first, labels in (("Lisbon 04/2022 - 01/2023", ["O", "DATES", "DATES", "DATES"]),
                          ("ACNTI Lisbon 04/2022 - 01/2023", ["O", "LOCATION", "DATES", "DATES", "DATES"]),
                          ("worked there 04/2022 - 01/2023", ["O", "O", "DATES", "DATES", "DATES"])):
        assert _unlabelled_company(header(first, labels), title, ("en",)) is None, first
