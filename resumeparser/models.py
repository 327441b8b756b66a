"""The output schema: a `Resume` and its parts (pydantic v2).

The record is a superset of the candidate fields of JSON Resume 1.0.0 and of the five hiring systems we
export to. Dates are partial ISO strings that keep the precision the resume had (`2019`, `2019-03`,
`2019-03-14`); "Present" is `is_current=True`, never today's date.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from .version import __version__

_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def _check_partial_date(value: str) -> str:
    if not _PARTIAL_DATE.match(value):
        raise ValueError(f"date must be YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    return value


PartialDate = Annotated[
    str,
    AfterValidator(_check_partial_date),
    Field(description="Partial ISO date: YYYY, YYYY-MM or YYYY-MM-DD", examples=["2019", "2019-03"]),
]
Score = Annotated[float, Field(ge=0.0, le=1.0)]

DegreeLevel = Literal["high_school", "associate", "bachelors", "masters", "doctorate", "other"]
PhoneType = Literal["mobile", "landline", "unknown"]
SectionKind = Literal[
    "contact",
    "summary",
    "experience",
    "education",
    "skills",
    "certifications",
    "languages",
    "projects",
    "awards",
    "publications",
    "volunteering",
    "interests",
    "references",
    "other",
]
DEGREE_RANK: dict[str, int] = {
    "other": 0,
    "high_school": 1,
    "associate": 2,
    "bachelors": 3,
    "masters": 4,
    "doctorate": 5,
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Name(_Model):
    full: str
    first: str | None = None
    middle: str | None = None
    last: str | None = None


class Phone(_Model):
    raw: str = Field(description="The number as written in the resume")
    e164: str | None = Field(default=None, pattern=r"^\+[1-9]\d{4,14}$")
    type: PhoneType = "unknown"
    region: str | None = Field(default=None, description="ISO 3166-1 alpha-2 region of the number")


class Location(_Model):
    raw: str = Field(description="The location as written")
    street: str | None = None
    city: str | None = None
    region: str | None = Field(default=None, description="State, province or county")
    postal_code: str | None = None
    country_code: str | None = Field(default=None, pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")
    country: str | None = Field(default=None, description="Country name in English")


class Profile(_Model):
    network: str = Field(description="Lower-case network id, e.g. linkedin, github, twitter")
    url: str
    username: str | None = None


class WorkEntry(_Model):
    title: str | None = None
    company: str | None = None
    location: Location | None = None
    start_date: PartialDate | None = None
    end_date: PartialDate | None = None
    is_current: bool = False
    description: str | None = None
    highlights: list[str] = Field(default_factory=list)
    industry: str | None = None
    employment_type: str | None = Field(default=None, description="full-time, part-time, contract, internship...")
    confidence: Score | None = None


class EducationEntry(_Model):
    institution: str | None = None
    degree: str | None = Field(default=None, description="The degree as written")
    degree_level: DegreeLevel | None = None
    field_of_study: str | None = None
    start_date: PartialDate | None = None
    end_date: PartialDate | None = None
    is_current: bool = False
    grade: str | None = None
    location: Location | None = None
    description: str | None = None
    confidence: Score | None = None


class Skill(_Model):
    name: str = Field(description="Normalised name from the taxonomy, or the text when unknown")
    raw: str = Field(description="As written in the resume")
    category: str | None = None
    sources: list[SectionKind] = Field(default_factory=list, description="Sections where it was found")


class Language(_Model):
    name: str
    code: str | None = Field(default=None, pattern=r"^[a-z]{2}$", description="ISO 639-1")
    fluency: str | None = None
    raw: str | None = None


class Certification(_Model):
    name: str
    issuer: str | None = None
    date: PartialDate | None = None
    url: str | None = None


class Project(_Model):
    name: str
    description: str | None = None
    url: str | None = None
    start_date: PartialDate | None = None
    end_date: PartialDate | None = None
    highlights: list[str] = Field(default_factory=list)


class Award(_Model):
    title: str
    awarder: str | None = None
    date: PartialDate | None = None
    summary: str | None = None


class Publication(_Model):
    name: str
    publisher: str | None = None
    date: PartialDate | None = None
    url: str | None = None
    summary: str | None = None


class VolunteerEntry(_Model):
    organization: str | None = None
    position: str | None = None
    start_date: PartialDate | None = None
    end_date: PartialDate | None = None
    is_current: bool = False
    summary: str | None = None
    highlights: list[str] = Field(default_factory=list)


class Reference(_Model):
    name: str | None = None
    text: str


class Section(_Model):
    """A section as found in the document, kept verbatim (also those without a dedicated field)."""

    heading: str | None
    kind: SectionKind
    text: str


class Photo(_Model):
    """A portrait photo of the candidate found in the document (its bytes: `resumeparser.photo(file)`)."""

    page: int | None = Field(default=None, ge=1, description="Page the photo is on (PDF); none for DOCX and ODT")
    box: list[float] | None = Field(
        default=None,
        min_length=4,
        max_length=4,
        description="x0, top, x1, bottom in points from the page's top-left corner (PDF); none without pages",
    )
    width: float | None = Field(default=None, gt=0, description="Drawn width in points")
    height: float | None = Field(default=None, gt=0, description="Drawn height in points")
    pixel_width: int | None = Field(default=None, gt=0)
    pixel_height: int | None = Field(default=None, gt=0)
    format: str | None = Field(default=None, description="Image format of `resumeparser.photo`'s bytes: png, jpeg")


class ParseWarning(_Model):
    code: str = Field(description="Stable machine-readable code, e.g. no_name_found")
    message: str
    field: str | None = None


EvidenceKind = Literal[
    "name", "headline", "email", "phone", "location", "link", "profile",
    "work", "title", "company", "dates", "education", "institution", "degree", "field_of_study",
    "skill", "language", "certification",
]


class Evidence(_Model):
    """Where one value of the record was read: page, box, the text there, the line and the section.

    Only in a record parsed with `ParseOptions(evidence=True)` (`resumeparser parse --evidence`)."""

    field: str = Field(description="Path of the value in the record: name, emails[0], work[1].title, skills[3]",
                       examples=["name", "emails[0]", "work[1].company", "work[1].dates"])
    kind: EvidenceKind = Field(description="What the value is; the debug page colours boxes by it")
    text: str | None = Field(default=None, description="The text the value was read from, as the document has it")
    page: int | None = Field(default=None, ge=1, description="1-based page number; null when not found")
    bbox: tuple[float, float, float, float] | None = Field(
        default=None,
        description="x0, top, x1, bottom from the page's top-left corner, in `unit`; null for formats without "
                    "geometry (TXT, RTF, DOC, DOCX, ODT, HTML) and for values not found on the page",
    )
    unit: Literal["pt", "px"] | None = Field(
        default=None, description="pt: PDF points (as pdfplumber's x0/top/x1/bottom); px: pixels of an image file"
    )
    lines: list[int] = Field(
        default_factory=list,
        description="1-based numbers of the lines the text is on, in the document's reading order (after "
                    "normalisation); empty when not found",
    )
    line_text: str | None = Field(default=None, description="The whole line(s) the value was read from")
    section: SectionKind | None = Field(default=None, description="The section the line belongs to")
    found: bool = Field(default=False, description="Whether the value's text was located in the document")


class Confidence(_Model):
    overall: Score = 0.0
    fields: dict[str, Score] = Field(default_factory=dict)


class Meta(_Model):
    parser_version: str = __version__
    format: str | None = Field(default=None, description="Detected format: pdf, docx, doc, rtf, txt, odt, html, image")
    pages: int | None = Field(default=None, ge=0)
    ocr_used: bool = False
    ocr_confidence: Score | None = None
    language: str | None = Field(default=None, description="ISO 639-1 code of the document language")
    elapsed_ms: float | None = Field(default=None, ge=0)
    filename: str | None = None


class Resume(_Model):
    name: Name | None = None
    headline: str | None = None
    summary: str | None = None
    emails: list[str] = Field(default_factory=list)
    phones: list[Phone] = Field(default_factory=list)
    location: Location | None = None
    links: list[str] = Field(default_factory=list, description="Every URL found, profiles included")
    profiles: list[Profile] = Field(default_factory=list)
    has_photo: bool = Field(
        default=False,
        exclude_if=lambda value: not value,
        description="A portrait photo was found; the key is written only when one was, so records without a "
        "photo keep their shape",
    )
    photo: Photo | None = Field(default=None, exclude_if=lambda value: value is None, description="Where the photo is")
    work: list[WorkEntry] = Field(default_factory=list)
    education: list[EducationEntry] = Field(default_factory=list)
    skills: list[Skill] = Field(default_factory=list)
    languages: list[Language] = Field(default_factory=list)
    certifications: list[Certification] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)
    awards: list[Award] = Field(default_factory=list)
    publications: list[Publication] = Field(default_factory=list)
    volunteering: list[VolunteerEntry] = Field(default_factory=list)
    interests: list[str] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    years_of_experience: float | None = Field(default=None, ge=0)
    current_title: str | None = None
    current_company: str | None = None
    highest_degree_level: DegreeLevel | None = None
    confidence: Confidence = Field(default_factory=Confidence)
    warnings: list[ParseWarning] = Field(default_factory=list)
    meta: Meta = Field(default_factory=Meta)
    evidence: list[Evidence] | None = Field(
        default=None,
        exclude_if=lambda value: value is None,
        description="Where each value was read (only with the evidence option; absent from the JSON otherwise)",
    )

    def evidence_for(self, field: str) -> list[Evidence]:
        """The evidence of a value and of its parts: `evidence_for("work[0]")` gives the entry's and its title's,
        company's and dates' (empty when the record was parsed without evidence)."""
        return [e for e in self.evidence or [] if e.field == field or e.field.startswith((f"{field}.", f"{field}["))]

    def to_json(self, *, indent: int | None = 2) -> str:
        """The canonical JSON: every field, nulls included, so the shape never varies."""
        return self.model_dump_json(indent=indent)

    def to_dict(self) -> dict[str, object]:
        return self.model_dump(mode="json")


def json_schema() -> dict[str, object]:
    """The JSON Schema of `Resume`, as committed in `schemas/resume.schema.json`."""
    schema = Resume.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://resumeparser.invalid/schemas/resume.schema.json"
    return schema
