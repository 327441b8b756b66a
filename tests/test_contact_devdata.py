"""Contact fields on the dotin test texts (development data; skipped when absent): aggregate floors, so a
change that breaks names or e-mails for many resumes fails, while no single file is special."""

from __future__ import annotations

import re

from resumeparser.document import Document
from resumeparser.fields.contact import extract_contact
from resumeparser.normalize import normalize
from resumeparser.segment import segment

from .conftest import shared_or_skip


def _text_and_labels(raw: str) -> tuple[str, dict[str, list[str]]]:
    labels: dict[str, list[str]] = {}
    for kind, value in re.findall(r'<label type="([^"]+)">(.*?)</label>', raw, re.S):
        labels.setdefault(kind, []).append(" ".join(value.split()))
    text = re.sub(r"<[^>]+>", "", raw).replace("&amp;", "&")
    text = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", " ", text).strip().strip('"')
    if text.count("\n") < 10:  # texts that lost their newlines kept runs of spaces where lines broke
        text = re.sub(r" {2,}", "\n", text)
    return text, labels


def test_dotin_names_emails_and_no_dates_as_phones() -> None:
    folder = shared_or_skip("dev-data", "dotin_resume_ner", "test")
    names = emails = name_total = email_total = 0
    for path in sorted(folder.glob("*.xml")):
        text, labels = _text_and_labels(path.read_text(encoding="utf-8"))
        doc = normalize(Document.from_text(text))
        contact = extract_contact(doc, segment(doc))
        if labels.get("Name"):
            name_total += 1
            got = contact.name.full.lower() if contact.name else None
            names += any(got == n.lower() for n in labels["Name"])
        if labels.get("Email Address"):
            email_total += 1
            emails += any(e.lower() == w.lower() for w in labels["Email Address"] for e in contact.emails)
        for phone in contact.phones:
            assert not re.search(r"(?:19|20)\d\d\s*[-–]\s*(?:19|20)?\d\d\b", phone.raw), (path.name, phone.raw)
    assert name_total >= 40 and names / name_total >= 0.88
    assert email_total >= 35 and emails / email_total >= 0.97
