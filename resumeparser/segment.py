"""Section segmentation: find headings and cut the document into canonical sections.

The text before the first heading is the `contact` block (the resume's header).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .document import Document, Line
from .models import SectionKind

HEADINGS: dict[str, SectionKind] = {
    "summary": "summary", "profile": "summary", "professional summary": "summary", "about me": "summary",
    "objective": "summary", "career objective": "summary", "about": "summary",
    "experience": "experience", "work experience": "experience", "professional experience": "experience",
    "employment": "experience", "employment history": "experience", "work history": "experience",
    "career history": "experience",
    "education": "education", "academic background": "education", "qualifications": "education",
    "skills": "skills", "technical skills": "skills", "core competencies": "skills", "top skills": "skills",
    "certifications": "certifications", "certificates": "certifications", "licenses & certifications": "certifications",
    "languages": "languages",
    "projects": "projects",
    "awards": "awards", "honors": "awards", "honors-awards": "awards",
    "publications": "publications",
    "volunteering": "volunteering", "volunteer experience": "volunteering",
    "interests": "interests", "hobbies": "interests",
    "references": "references",
    "contact": "contact",
}


@dataclass
class Block:
    kind: SectionKind
    heading: str | None
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines).strip()


def heading_kind(text: str) -> SectionKind | None:
    key = re.sub(r"[^\w&\- ]+", "", text.lower()).strip()
    return HEADINGS.get(key) if len(key) <= 40 else None


def segment(doc: Document) -> list[Block]:
    blocks = [Block(kind="contact", heading=None)]
    for line in doc.lines:
        kind = heading_kind(line.text)
        if kind is not None:
            blocks.append(Block(kind=kind, heading=line.text))
        else:
            blocks[-1].lines.append(line)
    return [b for b in blocks if b.lines or b.heading]
