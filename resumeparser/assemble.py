"""Assemble the record from segmented blocks and extracted fields: derived values, confidence, warnings."""

from __future__ import annotations

import re

from .document import Document
from .fields.contact import Contact
from .models import Confidence, ParseWarning, Resume, Section, Skill
from .segment import Block


def assemble(doc: Document, blocks: list[Block], contact: Contact) -> Resume:
    warnings = [ParseWarning(code=code, message=message) for code, message in doc.warnings]
    summary = _first_text(blocks, "summary")
    skills = _skills(blocks)
    if contact.name is None:
        warnings.append(ParseWarning(code="no_name_found", message="no candidate name was found", field="name"))
    if not contact.emails:
        warnings.append(ParseWarning(code="no_email_found", message="no e-mail address was found", field="emails"))
    fields = {
        "name": 0.6 if contact.name else 0.0,
        "emails": 1.0 if contact.emails else 0.0,
        "phones": 0.95 if contact.phones else 0.0,
    }
    overall = sum(fields.values()) / len(fields)
    if doc.ocr_confidence is not None:
        overall *= doc.ocr_confidence
    return Resume(
        name=contact.name,
        headline=contact.headline,
        location=contact.location,
        summary=summary,
        emails=contact.emails,
        phones=contact.phones,
        links=contact.links,
        profiles=contact.profiles,
        skills=skills,
        sections=[Section(heading=b.heading, kind=b.kind, text=b.text) for b in blocks if b.text],
        confidence=Confidence(overall=overall, fields=fields),
        warnings=warnings,
    )


def _first_text(blocks: list[Block], kind: str) -> str | None:
    for block in blocks:
        if block.kind == kind and block.text:
            return " ".join(block.text.split())
    return None


def _skills(blocks: list[Block]) -> list[Skill]:
    skills: list[Skill] = []
    for block in blocks:
        if block.kind != "skills":
            continue
        for item in re.split(r"[,;|\u2022\n]", block.text):
            item = item.strip(" .:-")
            if item and len(item) <= 50 and item.lower() not in (s.raw.lower() for s in skills):
                skills.append(Skill(name=item, raw=item, sources=["skills"]))
    return skills
