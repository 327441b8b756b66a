"""Records built by hand for the export tests: one with every field, and small variations."""

from __future__ import annotations

from resumeparser.models import (
    Award,
    Certification,
    Confidence,
    EducationEntry,
    Language,
    Location,
    Meta,
    Name,
    ParseWarning,
    Phone,
    Profile,
    Project,
    Publication,
    Reference,
    Resume,
    Section,
    Skill,
    VolunteerEntry,
    WorkEntry,
)

MOBILE = Phone(raw="+351 912 345 678", e164="+351912345678", type="mobile", region="PT")
LANDLINE = Phone(raw="21 123 4567", e164="+351211234567", type="landline", region="PT")


def full_resume() -> Resume:
    return Resume(
        name=Name(full="Jane Q. Doe", first="Jane", middle="Q.", last="Doe"),
        headline="Senior Data Engineer",
        summary=(
            "Data engineer with nine years of experience building batch and streaming pipelines. "
            "Led migrations to Spark on Kubernetes. Mentors junior engineers. Speaks at meetups."
        ),
        emails=["jane.doe@example.org", "jd@example.net"],
        phones=[MOBILE, LANDLINE],
        location=Location(
            raw="Rua Augusta 10, 1100-053 Lisboa, Portugal", street="Rua Augusta 10", city="Lisboa",
            region="Lisboa", postal_code="1100-053", country_code="PT", country="Portugal",
        ),
        links=[
            "https://linkedin.com/in/janeqdoe", "https://github.com/janeqdoe", "https://gitlab.com/jqd",
            "janedoe.dev", "https://northwind.example.com",
        ],
        profiles=[
            Profile(network="linkedin", url="https://linkedin.com/in/janeqdoe", username="janeqdoe"),
            Profile(network="github", url="https://github.com/janeqdoe", username="janeqdoe"),
            Profile(network="gitlab", url="https://gitlab.com/jqd", username="jqd"),
        ],
        work=[
            WorkEntry(
                title="Senior Data Engineer", company="Northwind Analytics",
                location=Location(raw="Lisbon, Portugal", city="Lisbon", country_code="PT"),
                start_date="2021-03", is_current=True, description="Owns the data platform.",
                highlights=["Moved nightly ETL to Spark.", "Cut storage costs by 30%."], industry="Analytics",
            ),
            WorkEntry(title="Data Engineer", company="Contoso Retail", start_date="2016-06", end_date="2021-02"),
            WorkEntry(title="Analyst", company="Fabrikam", start_date="2014", end_date="2015"),
            WorkEntry(company="Tailspin Toys", start_date="2013-07", end_date="2013-09"),
        ],
        education=[
            EducationEntry(
                institution="University of Porto", degree="MSc Computer Science", degree_level="masters",
                field_of_study="Computer Science", start_date="2014", end_date="2016", grade="18/20",
            ),
            EducationEntry(
                institution="University of Coimbra", degree="BSc", degree_level="bachelors",
                field_of_study="Mathematics", start_date="2011-09", end_date="2014-06-30",
            ),
            EducationEntry(degree="Online course in statistics", end_date="2020"),
        ],
        skills=[
            Skill(name="Python", raw="python", sources=["skills"]),
            Skill(name="Apache Spark", raw="Spark", category="data", sources=["skills", "experience"]),
            Skill(name="python", raw="Python 3", sources=["experience"]),
        ],
        languages=[
            Language(name="Portuguese", code="pt", fluency="Native"),
            Language(name="English", code="en", fluency="Fluent", raw="English (fluent)"),
        ],
        certifications=[
            Certification(name="AWS Certified Data Engineer", issuer="Amazon Web Services", date="2022-05"),
            Certification(name="CKAD", url="cncf.io/ckad"),
        ],
        projects=[
            Project(name="tidyflow", description="An Airflow plugin.", url="https://github.com/janeqdoe/tidyflow",
                    start_date="2019", highlights=["200 stars"]),
        ],
        awards=[Award(title="Engineer of the Year", awarder="Northwind", date="2022", summary="For the migration.")],
        publications=[Publication(name="Streaming at scale", publisher="Data Journal", date="2020-11")],
        volunteering=[
            VolunteerEntry(organization="Code Club", position="Mentor", start_date="2018", is_current=True),
        ],
        interests=["Sailing", "Chess"],
        references=[Reference(name="John Roe", text="Available on request.")],
        sections=[
            Section(heading=None, kind="contact",
                    text="Jane Q. Doe\nLisboa | janedoe.dev | linkedin.com/in/janeqdoe | github.com/janeqdoe"),
        ],
        years_of_experience=9.6,
        current_title="Senior Data Engineer",
        current_company="Northwind Analytics",
        highest_degree_level="masters",
        confidence=Confidence(overall=0.87, fields={"name": 0.95}),
        warnings=[ParseWarning(code="date_unclear", message="one date could not be read", field="work")],
        meta=Meta(format="pdf", pages=2, filename="jane_doe.pdf"),
    )
