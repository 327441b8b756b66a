from __future__ import annotations

import json
from pathlib import Path

from benchmarks.accuracy import DocResult, Options, build_report, render_chart, render_markdown, run_fixtures
from benchmarks.common import load_manifest
from benchmarks.matching import Counts
from benchmarks.records import (
    ALL_FIELDS,
    DOTIN_FIELDS,
    compare,
    compare_sets,
    dotin_expected,
    dotin_labels,
    dotin_parsed,
    from_json_resume,
    from_resume,
    json_resume_fields,
    strip_xml_labels,
)
from resumeparser.models import EducationEntry, Location, Name, Phone, Resume, WorkEntry

from .conftest import shared_or_skip

RESUME_TEXT = """Jane Q. Example
jane.example@example.com | +1 415 555 0100

Experience
Data Engineer, Acme Corp, 2019 - Present
"""


def _resume() -> Resume:
    return Resume(
        name=Name(full="Jane Q. Example"),
        emails=["jane.example@example.com"],
        phones=[Phone(raw="+1 415 555 0100", e164="+14155550100")],
        location=Location(raw="San Francisco, CA", city="San Francisco", region="California", country_code="US"),
        work=[WorkEntry(title="Data Engineer", company="Acme Corp", start_date="2019", is_current=True)],
        education=[EducationEntry(institution="State University", degree="B.S.", field_of_study="Physics")],
    )


def test_fixture_loader_follows_the_contract(tmp_path: Path) -> None:
    person = tmp_path / "r001"
    person.mkdir()
    (person / "resume.txt").write_text(RESUME_TEXT, encoding="utf-8")
    (person / "expected.json").write_text(_resume().to_json(), encoding="utf-8")
    manifest = [{"id": "r001", "layout": "single", "language": "en", "files": {"txt": "r001/resume.txt"}}]
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    fixtures = load_manifest(tmp_path)
    assert [(f.id, sorted(f.files)) for f in fixtures] == [("r001", ["txt"])]

    results = run_fixtures(Options(fixtures_root=tmp_path), notes := [])
    assert not notes
    assert [(r.doc, r.fmt, r.error) for r in results] == [("r001", "txt", None)]
    counts = results[0].counts
    assert set(counts) == set(ALL_FIELDS)
    # every expected value is counted once, found or not
    assert counts["email"].tp + counts["email"].fn == 1
    assert counts["work.company"].tp + counts["work.company"].fn == 1
    assert counts["languages"].tp + counts["languages"].fn == 0


def test_absent_fixtures_are_skipped_with_a_note(tmp_path: Path) -> None:
    notes: list[str] = []
    assert run_fixtures(Options(fixtures_root=tmp_path), notes) == []
    assert notes and "absent" in notes[0]


def test_a_record_compared_with_itself_is_perfect() -> None:
    rec = from_resume(_resume())
    counts = compare(rec, rec, ALL_FIELDS)
    assert all(c.fp == 0 and c.fn == 0 for c in counts.values())
    assert sum(c.tp for c in counts.values()) == 13  # 4 contact, 4 work, 3 education values, 2 whole entries


def test_json_resume_maps_onto_our_fields() -> None:
    data = {
        "basics": {
            "name": "Jane Q. Example",
            "email": "jane.example@example.com",
            "location": {"city": "San Francisco", "region": "California", "countryCode": "United States"},
            "profiles": [{"network": "LinkedIn", "url": "https://www.linkedin.com/in/jqexample"}],
        },
        "work": [{"name": "ACME Corporation", "position": "Data Engineer", "startDate": "2019-01"}],
        "education": [{"institution": "State University", "studyType": "BSc", "area": "Physics", "endDate": "2012"}],
        "skills": [{"name": "SQL"}],
    }
    expected = from_json_resume(data)
    assert expected.entries["work"][0]["end_date"] == "present"  # a start and no end: current
    fields = json_resume_fields(data)
    assert "phone" not in fields and "languages" not in fields  # the file says nothing about them

    counts = compare(expected, from_resume(_resume()), fields)
    assert counts["name"] == Counts(tp=1)
    assert counts["location"] == Counts(tp=1)
    assert counts["work.company"] == Counts(tp=1)
    assert counts["work.start_date"] == Counts(tp=1)  # "2019" vs "2019-01": to the year
    assert counts["work.end_date"] == Counts(tp=1)
    assert counts["education.degree"] == Counts(tp=1)
    assert counts["education.end_date"] == Counts(fn=1)
    assert counts["profiles"] == Counts(fn=1)
    assert counts["skills"] == Counts(fn=1)


XML = """<?xml version="1.0" encoding="UTF-8"?>
<cv>
<label type="Name">Jo Smith</label> \x01 <label type="Designation">QA Analyst</label> at
<label type="Companies worked at">Initech Pvt Ltd</label> R&amp;D
<label type="Degree">B.E.</label> <label type="Graduation Year">2012 to 2016</label>
</cv>"""


def test_dotin_text_and_labels() -> None:
    text = strip_xml_labels(XML)
    assert "<" not in text and "R&D" in text and "\x01" in text
    labels = dotin_labels(XML)
    assert labels["Companies worked at"] == ["Initech Pvt Ltd"]
    expected = dotin_expected(labels)
    assert expected["Graduation Year"] == ["2016"]

    resume = Resume(
        name=Name(full="Jo Smith"),
        current_title="QA Analyst",
        work=[WorkEntry(company="Initech", title="Senior QA Analyst")],
        education=[EducationEntry(degree="Bachelor of Engineering", end_date="2016-05")],
    )
    counts = compare_sets(expected, dotin_parsed(resume), DOTIN_FIELDS)
    assert counts["Name"] == Counts(tp=1)
    assert counts["Companies worked at"] == Counts(tp=1)
    assert counts["Designation"] == Counts(tp=1, fp=1)
    assert counts["Degree"] == Counts(tp=1)
    assert counts["Graduation Year"] == Counts(tp=1)
    assert counts["College Name"] == Counts()


def test_dotin_real_file_strips_to_its_labelled_words() -> None:
    root = shared_or_skip("dev-data", "dotin_resume_ner")
    xml = (root / "test" / "Indeed_1.xml").read_text(encoding="utf-8")
    text = strip_xml_labels(xml)
    assert "<label" not in text
    for values in dotin_labels(xml).values():
        for value in values:
            assert " ".join(value.split()) in " ".join(text.split())


def test_report_tables_and_bands(tmp_path: Path) -> None:
    results = [
        DocResult("d", f"doc{i}", fmt, {"name": Counts(tp=i % 2, fn=1 - i % 2)}, confidence=i / 10)
        for i, fmt in zip(range(10), ["pdf", "txt"] * 5, strict=True)
    ]
    results.append(DocResult("d", "broken", "pdf", {"name": Counts(fn=1)}, error="corrupt_document"))
    report = build_report(results, None, [], "python -m benchmarks.accuracy", 1.0)
    ds = report["datasets"]["d"]
    assert ds["fields"]["name"]["tp"] == 5 and ds["fields"]["name"]["fn"] == 6
    assert ds["errors"] == {"pdf:corrupt_document": 1}
    bands = report["confidence_bands"]["terciles"]
    assert [b["docs"] for b in bands] == [3, 3, 4]  # the errored parse has no confidence
    markdown = render_markdown(report)
    assert "| name |" in markdown and "pdf F1" in markdown
    render_chart(report, tmp_path / "chart.png")
    assert (tmp_path / "chart.png").read_bytes()[:4] == b"\x89PNG"


def test_confidence_terciles_keep_ties_together() -> None:
    results = [
        DocResult("d", f"doc{i}", "txt", {"name": Counts(tp=1)}, confidence=c) for i, c in enumerate([0.2] + [0.85] * 5)
    ]
    bands = build_report(results, None, [], "cmd", 0.0)["confidence_bands"]["terciles"]
    assert [(b["band"], b["docs"]) for b in bands] == [("bottom third", 1), ("top third", 5)]
