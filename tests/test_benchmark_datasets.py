"""The dataset loaders of the accuracy harness, on tiny copies of each layout built here."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from benchmarks.accuracy import Options, run_dotin, run_linkedin, run_pandoc, run_synthetic

RESUME = """Jane Example
jane.example@example.com
+1 415 555 0100

Skills
Python, SQL
"""


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("RESUMEPARSER_SHARED", str(tmp_path))
    return tmp_path / "dev-data"


def test_absent_datasets_are_skipped_with_notes(shared: Path) -> None:
    notes: list[str] = []
    assert run_linkedin(Options(), notes) == []
    assert run_synthetic(Options(), notes) == []
    assert run_dotin(Options(), notes) == []
    assert run_pandoc(Options(), notes) is None
    assert len(notes) == 4 and all("absent" in n for n in notes)


def test_linkedin_counts_every_expected_value(shared: Path) -> None:
    person = shared / "linkedin_profile_pdf" / "jane"
    person.mkdir(parents=True)
    (person / "Profile.pdf").write_bytes(b"%PDF-1.4 truncated")
    expected = {
        "basics": {"name": "Jane Example", "email": "jane.example@example.com"},
        "work": [{"name": "Acme", "position": "Engineer", "startDate": "2020-01"}],
    }
    (person / "Profile.expected.json").write_text(json.dumps(expected), encoding="utf-8")
    [result] = run_linkedin(Options(), [])
    assert result.error is not None  # a broken file is counted as an empty record, not a crash
    assert result.counts["name"].fn == 1 and result.counts["work.end_date"].fn == 1
    assert "phone" not in result.counts  # the expected file says nothing about phones


def test_synthetic_reads_ground_truth_and_skips_unlabelled_skills(shared: Path) -> None:
    root = shared / "synthetic_template_resumes"
    root.mkdir(parents=True)
    (root / "a.txt").write_text(RESUME, encoding="utf-8")
    (root / "b.txt").write_text(RESUME, encoding="utf-8")
    rows = [
        {"file": "a.txt", "format": "txt", "ground_truth": json.dumps({"name": "Jane Example", "skills": ["SQL"]})},
        {"file": "b.txt", "format": "txt", "ground_truth": json.dumps({"email": "jane.example@example.com"})},
        {"file": "c.txt", "format": "txt", "ground_truth": ""},
    ]
    with (root / "files.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["file", "format", "ground_truth"])
        writer.writeheader()
        writer.writerows(rows)
    results = run_synthetic(Options(), [])
    assert [sorted(r.counts) for r in results] == [["name", "skills"], ["email"]]
    assert results[1].counts["email"].tp + results[1].counts["email"].fn == 1


def test_dotin_uses_the_derived_labels_and_the_stripped_text(shared: Path) -> None:
    root = shared / "dotin_resume_ner"
    (root / "test").mkdir(parents=True)
    (root / "derived").mkdir()
    xml = '<?xml version="1.0"?>\n<cv>\n<label type="Name">Jane Example</label>\njane.example@example.com\n</cv>'
    (root / "test" / "1.xml").write_text(xml, encoding="utf-8")
    derived = {"id": "test/1.xml", "fields": {"Name": ["Jane Example"], "Email Address": ["jane.example@example.com"]}}
    (root / "derived" / "fields_by_cv.jsonl").write_text(json.dumps(derived) + "\n", encoding="utf-8")
    [result] = run_dotin(Options(), [])
    assert result.dataset == "dotin-test" and result.error is None
    email = result.counts["Email Address"]
    assert email.tp + email.fn == 1  # the label from the derived file, not from the text
    assert result.counts["Degree"].fn == 0


def test_pandoc_agreement_of_identical_formats_is_complete(shared: Path) -> None:
    person = shared / "pandoc_multiformat" / "someone"
    person.mkdir(parents=True)
    for name in ("resume.txt", "resume.md"):
        (person / name).write_text(RESUME, encoding="utf-8")
    (person / "copy").mkdir()
    (person / "copy" / "resume.txt").write_text(RESUME, encoding="utf-8")
    meta = {
        "files": [
            {"file": "resume.md", "role": "source text"},
            {"file": "resume.txt", "role": "document"},
            {"file": "copy/resume.txt", "role": "document"},
        ]
    }
    (person / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    agreement = run_pandoc(Options(), [])
    assert agreement is not None and agreement.people == 1 and not agreement.errors
    assert agreement.fields
    assert all(value == 1.0 and people == 1 for value, people in agreement.fields.values())
