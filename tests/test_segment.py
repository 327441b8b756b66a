from __future__ import annotations

from resumeparser.document import Document, Line, Page, Span
from resumeparser.normalize import normalize
from resumeparser.segment import Block, heading_kind, segment


def _blocks(text: str) -> list[Block]:
    return segment(normalize(Document.from_text(text)))


def _kinds(text: str) -> list[tuple[str, str | None]]:
    return [(b.kind, b.heading) for b in _blocks(text)]


def test_text_before_first_heading_is_contact() -> None:
    blocks = _blocks("Jane Doe\njane@example.com\n\nExperience\nEngineer at Acme, 2019 - 2021\n")
    assert blocks[0].kind == "contact"
    assert blocks[0].text.splitlines()[0] == "Jane Doe"
    assert blocks[1].kind == "experience"
    assert "Acme" in blocks[1].text


def test_letter_spaced_and_colon_headings() -> None:
    kinds = _kinds("Jane Doe\n\nE X P E R I E N C E\nEngineer, Acme 2017 - 2019\n\nEDUCATION:\nBSc Physics\n")
    assert ("experience", "EXPERIENCE") in kinds
    assert ("education", "EDUCATION") in kinds


def test_spanish_german_french_headings() -> None:
    text = (
        "Ana López\n\nExperiencia Profesional\nDesarrolladora, Globant, 2018 - 2022\n\n"
        "Formación Académica\nUniversidad de Madrid\n\nBerufserfahrung\nEntwicklerin bei Siemens\n\n"
        "Sprachkenntnisse\nDeutsch, Englisch\n\nCompétences\nPython\n"
    )
    kinds = [k for k, _ in _kinds(text)]
    assert kinds == ["contact", "experience", "education", "experience", "languages", "skills"]


def test_portuguese_italian_dutch_headings() -> None:
    assert heading_kind("Experiência Profissional") == "experience"
    assert heading_kind("Istruzione e formazione") == "education"
    assert heading_kind("Werkervaring") == "experience"
    assert heading_kind("Vaardigheden:") == "skills"


def test_compound_headings_take_first_kind() -> None:
    assert heading_kind("Awards & Honors") == "awards"
    assert heading_kind("Education and Training") == "education"
    assert heading_kind("Skills & Languages") == "skills"
    assert heading_kind("Licenses & Certifications") == "certifications"


def test_bullets_sentences_and_skill_words_are_not_headings() -> None:
    text = (
        "Jane Doe\n\nSkills\nPython\nJava\n\u2022 Education\n"
        "I led the experience redesign for three teams.\n\nExperience\nAcme, 2019 - 2021\n"
    )
    kinds = _kinds(text)
    assert kinds == [("contact", None), ("skills", "Skills"), ("experience", "Experience")]
    assert "Python" in _blocks(text)[1].text


def test_title_line_is_not_a_heading() -> None:
    blocks = _blocks("Curriculum Vitae\nJane Doe\n\nSummary\nData engineer.\n")
    assert blocks[0].kind == "contact"
    assert "Curriculum Vitae" in blocks[0].text


def test_inline_heading_with_content() -> None:
    blocks = _blocks("Jane Doe\n\nExperience\nAcme 2019 - 2020\n\nSkills: Python, SQL, Docker\n")
    skills = [b for b in blocks if b.kind == "skills"]
    assert skills and skills[0].text == "Python, SQL, Docker"


def test_resume_without_headings_uses_content_cues() -> None:
    text = (
        "John Smith\njohn@example.com | +1 415 555 0100\n"
        "Senior Engineer, Foo Corp\nJan 2019 - Present\nBuilt the data platform.\n"
        "Engineer, Bar Inc\n2015 - 2018\n"
        "Bachelor of Science in Computer Science\nStanford University, 2011 - 2015\n"
        "Python, Java, SQL, Docker, Kubernetes\n"
    )
    blocks = _blocks(text)
    kinds = [b.kind for b in blocks]
    assert kinds[0] == "contact" and "John Smith" in blocks[0].text
    assert kinds[1:] == ["experience", "education", "skills"]
    assert all(b.guessed for b in blocks[1:])
    assert "Senior Engineer, Foo Corp" in blocks[1].text


def _styled(text: str, size: float, *, column: int = 0, top: float = 0.0, bold: bool = False) -> Line:
    x0 = 20.0 if column == 0 else 220.0
    return Line(spans=[Span(text=text, font_size=size, bold=bold)], bbox=(x0, top, x0 + 150, top + size),
                column=column)


def test_layout_heading_not_in_lexicon_becomes_other_but_bold_body_line_does_not() -> None:
    lines = [
        _styled("Jane Doe", 24, top=10),
        _styled("EXPERIENCE", 14, top=60, bold=True),
        _styled("Engineer at Acme 2019 - 2021", 10, top=80),
        _styled("Built pipelines and dashboards for the sales team", 10, top=92),
        _styled("Senior Engineer", 10, top=104, bold=True),
        _styled("Did more work on the platform and the team", 10, top=116),
        _styled("MENTORING", 14, top=150, bold=True),
        _styled("Coached five junior engineers through their first year", 10, top=170),
    ]
    blocks = segment(Document(pages=[Page(number=1, lines=lines)], format="pdf"))
    assert [(b.kind, b.heading) for b in blocks] == [
        ("contact", None), ("experience", "EXPERIENCE"), ("other", "MENTORING")
    ]


def test_sidebar_forms_its_own_sections() -> None:
    lines = [
        _styled("Contact", 13, column=0, top=40),
        _styled("jane@example.com", 10, column=0, top=60),
        _styled("Top Skills", 13, column=0, top=100),
        _styled("Python", 10, column=0, top=120),
        _styled("Languages", 13, column=0, top=160),
        _styled("Spanish (Native)", 10, column=0, top=180),
        _styled("Jane Doe", 26, column=1, top=40),
        _styled("Data Engineer at Acme", 12, column=1, top=80),
        _styled("Summary", 16, column=1, top=130),
        _styled("I build data platforms for analytics teams.", 12, column=1, top=150),
        _styled("Experience", 16, column=1, top=200),
        _styled("Acme", 12, column=1, top=220),
        _styled("January 2020 - Present", 10, column=1, top=240),
    ]
    blocks = segment(Document(pages=[Page(number=1, lines=lines)], format="pdf"))
    kinds = [(b.kind, b.heading, b.column) for b in blocks]
    assert kinds == [
        ("contact", None, 0), ("contact", "Contact", 0), ("skills", "Top Skills", 0),
        ("languages", "Languages", 0), ("summary", "Summary", 1), ("experience", "Experience", 1),
    ]
    assert blocks[0].text.startswith("Jane Doe")
    assert blocks[3].text == "Spanish (Native)"


def test_headings_in_a_margin_column_take_the_lines_beside_them() -> None:
    lines = [
        _styled("Experience", 11, column=0, top=300),
        _styled("Education", 11, column=0, top=500),
        _styled("Jane Doe", 20, column=1, top=40),
        _styled("Fashion designer in Milan", 12, column=1, top=80),
        _styled("Senior Designer at Escada", 11, column=1, top=300, bold=True),
        _styled("January 2017 - July 2021", 9, column=1, top=320),
        _styled("Led the winter collection for the brand", 10, column=1, top=340),
        _styled("BA Fashion Design, University of Illinois", 11, column=1, top=500, bold=True),
    ]
    blocks = segment(Document(pages=[Page(number=1, lines=lines)], format="pdf"))
    texts = {b.kind: b.text.splitlines() for b in blocks}
    assert texts["contact"] == ["Jane Doe", "Fashion designer in Milan"]
    assert texts["experience"][0] == "Senior Designer at Escada" and len(texts["experience"]) == 3
    assert texts["education"] == ["BA Fashion Design, University of Illinois"]


def test_a_margin_column_with_wrapped_headings_and_the_entries_dates_still_gives_its_headings_their_lines() -> None:
    lines = [
        _styled("Jane Doe", 20, column=1, top=40),
        _styled("Parcours", 13, column=0, top=300),
        _styled("Chef de projet chez Escada", 11, column=1, top=300),
        _styled("professionnel", 9, column=0, top=316),  # the heading's second line, smaller
        _styled("Mené la collection hiver", 10, column=1, top=318),
        _styled("2017 - 2021", 8, column=0, top=336),  # the role's dates, in the margin under the heading
        _styled("Conçu trois lignes de vêtements", 10, column=1, top=336),
        _styled("Formation", 13, column=0, top=500),
        _styled("Licence, Université de Lille", 11, column=1, top=500),
        _styled("2013 - 2016", 8, column=0, top=516),
    ]
    blocks = segment(Document(pages=[Page(number=1, lines=lines)], format="pdf"))
    texts = {b.kind: b.text.splitlines() for b in blocks}
    assert [(b.kind, b.heading) for b in blocks] == [
        ("contact", None), ("experience", "Parcours professionnel"), ("education", "Formation")]
    # the dates sit among the lines beside them, in reading order from the top
    assert texts["experience"] == ["Chef de projet chez Escada", "Mené la collection hiver", "2017 - 2021",
                                   "Conçu trois lignes de vêtements"]
    assert texts["education"] == ["Licence, Université de Lille", "2013 - 2016"]


def test_two_short_lines_are_one_heading_only_when_they_sit_one_under_the_other_and_make_a_heading() -> None:
    def blocks(second_top: float, second: str = "professionnel") -> list[Block]:
        lines = [_styled("Jane Doe", 20, top=40), _styled("Parcours", 13, top=300), _styled(second, 9, top=second_top),
                 _styled("Chef de projet chez Escada 2017 - 2021", 10, top=340)]
        return segment(Document(pages=[Page(number=1, lines=lines)], format="pdf"))

    joined = blocks(316)
    assert [(b.kind, b.heading) for b in joined][1] == ("experience", "Parcours professionnel")
    assert "professionnel" not in "\n".join(b.text for b in joined)
    for apart in (blocks(316, "Renault"), blocks(330)):  # not a heading together; too far below to be its second line
        assert all(b.heading is None or "Parcours" not in b.heading for b in apart)
        assert any(b.text.startswith(("Renault", "professionnel")) for b in apart)


def test_icon_before_a_heading_is_not_a_bullet_but_a_bulleted_item_stays_content() -> None:
    text = (
        "Jane Doe\n\n\uf0b1 EXPERIENCE\nEngineer, Acme 2019 - 2021\n\u2022 Training\n\u2022 Mentoring\n\n"
        "\uf19d EDUCATION\nBSc Physics, Uni Wien\n"
    )
    kinds = _kinds(text)
    assert kinds == [("contact", None), ("experience", "EXPERIENCE"), ("education", "EDUCATION")]


def test_more_english_heading_variants() -> None:
    assert heading_kind("Career Experience/Job History") == "experience"
    assert heading_kind("Job Experience") == "experience"
    assert heading_kind("Summary of Qualification") == "summary"
    assert heading_kind("Experience with Python") is None


def test_a_heading_repeated_under_every_role_is_part_of_the_entries() -> None:
    from resumeparser.document import Document
    from resumeparser.normalize import normalize
    from resumeparser.segment import segment

    text = ("Jane Doe\n\nWork\nAcme GmbH 2018-12-01 — 2019-02-18\nDeveloper\nHighlights\n• React\n"
            "Initech 2017-01-01 — 2018-11-15\nDeveloper\nHighlights\n• Go\n\n"
            "Education\nBSc, University of Leeds, 2016\n")
    blocks = segment(normalize(Document.from_text(text)))
    assert [b.kind for b in blocks if b.heading] == ["experience", "education"]
    assert "Highlights" in next(b for b in blocks if b.kind == "experience").text


def test_small_capitals_headings_split_after_their_first_letter() -> None:
    kinds = _kinds("Jane Doe\n\nW ORK E XPERIENCE\nEngineer, Acme 2017 - 2019\n\nC ONTACT\njane@example.com\n\n"
                   "A TEAM PLAYER\nand more\n")
    assert ("experience", "WORK EXPERIENCE") in kinds
    assert ("contact", "CONTACT") in kinds
    assert not any(heading == "ATEAM PLAYER" for _, heading in kinds)


def test_a_heading_printed_twice_in_a_row_is_one_heading() -> None:
    from resumeparser.document import Document
    from resumeparser.normalize import normalize
    from resumeparser.segment import segment

    text = ("Jane Doe\n\nSummary\nSummary\nBackend engineer.\nExperience\nExperience\nEngineer, Acme 2017 - 2019\n"
            "\nEducation\nBSc, University of Leeds, 2016\n")
    blocks = segment(normalize(Document.from_text(text)))
    assert [b.kind for b in blocks if b.heading] == ["summary", "experience", "education"]
    assert "Engineer, Acme" in next(b for b in blocks if b.kind == "experience").text


def test_a_heading_with_a_count_of_its_entries_is_a_heading() -> None:
    assert heading_kind("Experience (5)") == "experience"
    assert heading_kind("Expérience(12)") == "experience"
    assert heading_kind("Experience 2019") is None
