from __future__ import annotations

import resumeparser
from resumeparser.document import Document, Line, Page, Span
from resumeparser.fields.contact import Contact, extract_contact
from resumeparser.fields.document_language import detect_language
from resumeparser.fields.links import profile_from_url
from resumeparser.normalize import normalize
from resumeparser.segment import segment


def _contact(text: str, region: str | None = None, links: list[str] | None = None) -> Contact:
    doc = normalize(Document.from_text(text))
    doc.links = links or []
    return extract_contact(doc, segment(doc), region)


# ---------------------------------------------------------------- name


def test_curriculum_vitae_first_line_is_not_the_name() -> None:
    c = _contact("Curriculum Vitae\nMaria Gonzalez\nmaria.gonzalez@example.com\n\nExperience\nAcme 2019 - 2021\n")
    assert c.name is not None
    assert (c.name.full, c.name.first, c.name.last) == ("Maria Gonzalez", "Maria", "Gonzalez")


def test_job_title_and_address_lines_are_not_the_name() -> None:
    c = _contact("Senior Data Engineer\n221 Baker Street, London, UK\nTom Baker\ntom@example.com\n")
    assert c.name is not None and c.name.full == "Tom Baker"


def test_all_caps_name_is_title_cased_and_split() -> None:
    c = _contact("JANE ANN DOE\njane@example.com\n")
    assert c.name is not None
    assert (c.name.full, c.name.first, c.name.middle, c.name.last) == ("Jane Ann Doe", "Jane", "Ann", "Doe")


def test_surname_first_with_comma() -> None:
    c = _contact("DOE, Jane\njane.doe@example.com\n")
    assert c.name is not None and c.name.full == "Jane Doe"


def test_particles_and_accents() -> None:
    c = _contact("Ludwig van der Berg\nludwig@example.nl\n")
    assert c.name is not None and c.name.full == "Ludwig van der Berg" and c.name.first == "Ludwig"
    c = _contact("JOSÉ DE LA CRUZ NÚÑEZ\njose@example.es\n")
    assert c.name is not None and c.name.full == "José de la Cruz Núñez"


def test_credentials_after_the_name_are_dropped() -> None:
    c = _contact("Elena Rossi, PhD, MBA\nelena@example.com\n")
    assert c.name is not None and c.name.full == "Elena Rossi"


def test_email_local_part_breaks_a_tie() -> None:
    c = _contact("Product Roadmap Planning\nLena Fischer\nPeter Braun\nlena.fischer@example.de\n")
    assert c.name is not None and c.name.full == "Lena Fischer"


def test_largest_font_near_the_top_wins() -> None:
    lines = [
        Line(spans=[Span(text="Acme Analytics Group", font_size=10)]),
        Line(spans=[Span(text="Samuel Okafor", font_size=22)]),
        Line(spans=[Span(text="Data Analyst", font_size=12)]),
        Line(spans=[Span(text="Lagos, Nigeria", font_size=10)]),
    ]
    doc = Document(pages=[Page(number=1, lines=lines)], format="pdf")
    c = extract_contact(doc, segment(doc), None)
    assert c.name is not None and c.name.full == "Samuel Okafor"
    assert c.headline == "Data Analyst"
    assert c.location is not None and (c.location.city, c.location.country_code) == ("Lagos", "NG")


def test_labelled_name() -> None:
    c = _contact("Personal details\nName: Kofi Mensah\nEmail: kofi@example.com\n")
    assert c.name is not None and c.name.full == "Kofi Mensah"


# ---------------------------------------------------------------- e-mails


def test_all_emails_and_mailto_links() -> None:
    c = _contact("Ana Silva\nana@example.pt, ana.silva@work.example.com\n", links=["mailto:ana.private@example.org"])
    assert c.emails == ["ana@example.pt", "ana.silva@work.example.com", "ana.private@example.org"]


def test_email_wrapped_over_two_lines_is_joined() -> None:
    c = _contact("Contact\nalex.pico@gladstone.ucsf.ed\nu\n\nSummary\nScientist.\n")
    assert c.emails == ["alex.pico@gladstone.ucsf.edu"]


def test_referee_email_is_not_taken_when_the_candidate_has_one() -> None:
    text = "Ravi Kumar\nravi@example.in\n\nReferences\nDr. Meera Shah, meera@university.example.edu\n"
    assert _contact(text).emails == ["ravi@example.in"]


# ---------------------------------------------------------------- phones


def test_date_ranges_and_years_are_never_phones() -> None:
    text = (
        "Jane Doe\n+1 (415) 555-2671 | jane@example.com\n\nExperience\n"
        "Data Engineer, Acme 2017 - 12/2018\nAnalyst, Beta 2015-2018\nIntern 03/2014 - 05/2015\n"
    )
    c = _contact(text)
    assert [p.e164 for p in c.phones] == ["+14155552671"]


def test_date_range_right_next_to_a_phone() -> None:
    c = _contact("Jane Doe\nPhone: 020 7946 0958  2017 - 2019\nLondon, United Kingdom\n")
    assert [p.e164 for p in c.phones] == ["+442079460958"]
    assert c.phones[0].type == "landline" and c.phones[0].region == "GB"


def test_region_from_the_documents_location() -> None:
    c = _contact("Lucía Martín\nMadrid, España\nMóvil: 612 345 678\n")
    assert [(p.e164, p.type, p.region) for p in c.phones] == [("+34612345678", "mobile", "ES")]


def test_region_from_options_when_the_document_has_no_hint() -> None:
    c = _contact("Max Muster\nTel. 030 12345678\n", region="DE")
    assert [p.e164 for p in c.phones] == ["+493012345678"]


def test_fictional_555_number_in_the_header_is_kept() -> None:
    c = _contact("Jane Doe\n(555) 123-4567\njane@example.com\n")
    assert [p.raw for p in c.phones] == ["(555) 123-4567"]


# ---------------------------------------------------------------- links and profiles


def test_links_split_into_profiles_and_sites() -> None:
    text = (
        "Jane Doe\nlinkedin.com/in/jane-doe-42 | github.com/janedoe | https://x.com/jane_codes\n"
        "https://stackoverflow.com/users/123/jane | janedoe.dev | medium.com/@janed\n\n"
        "Projects\nContributed to https://github.com/python/cpython and Node.js tools; ASP.NET sites.\n"
    )
    c = _contact(text)
    got = {(p.network, p.username) for p in c.profiles}
    assert got == {
        ("linkedin", "jane-doe-42"), ("github", "janedoe"), ("twitter", "jane_codes"),
        ("stackoverflow", "jane"), ("medium", "janed"),
    }
    assert "https://janedoe.dev" in c.links
    assert "https://github.com/python/cpython" in c.links
    assert not any("node.js" in u.lower() or "asp.net" in u.lower() for u in c.links)


def test_profile_usernames_of_other_networks() -> None:
    cases = {
        "https://www.behance.net/jdoe": ("behance", "jdoe"),
        "https://dribbble.com/jdoe/": ("dribbble", "jdoe"),
        "https://www.kaggle.com/jdoe": ("kaggle", "jdoe"),
        "https://gitlab.com/jdoe": ("gitlab", "jdoe"),
        "https://www.xing.com/profile/Jane_Doe": ("xing", "Jane_Doe"),
        "https://news.ycombinator.com/user?id=jdoe": ("hackernews", "jdoe"),
        "https://jdoe.tumblr.com": ("tumblr", "jdoe"),
    }
    for url, expected in cases.items():
        profile = profile_from_url(url)
        assert profile is not None and (profile.network, profile.username) == expected, url
    assert profile_from_url("https://www.linkedin.com/company/acme") is None
    assert profile_from_url("https://example.com/jdoe") is None


# ---------------------------------------------------------------- location and headline


def test_location_from_the_header_not_from_the_work_section() -> None:
    text = (
        "Priya Nair\nSenior Data Engineer\nPune, Maharashtra, India\npriya@example.com\n\n"
        "Experience\nData Engineer, Acme, Seattle, WA\n2018 - 2020\n"
    )
    c = _contact(text)
    assert c.location is not None
    assert (c.location.city, c.location.region, c.location.country_code) == ("Pune", "Maharashtra", "IN")
    assert c.headline == "Senior Data Engineer"


def test_no_location_when_only_the_work_section_has_one() -> None:
    c = _contact("Priya Nair\npriya@example.com\n\nExperience\nData Engineer, Acme, Seattle, WA\n2018 - 2020\n")
    assert c.location is None


def test_location_in_a_contact_sidebar() -> None:
    lines = [
        Line(spans=[Span(text="Contact", font_size=13)], column=0),
        Line(spans=[Span(text="Lyon, France", font_size=10)], column=0),
        Line(spans=[Span(text="Skills", font_size=13)], column=0),
        Line(spans=[Span(text="Python", font_size=10)], column=0),
        Line(spans=[Span(text="Claire Dubois", font_size=24)], column=1),
        Line(spans=[Span(text="Experience", font_size=16)], column=1),
        Line(spans=[Span(text="Acme, Paris 2019 - 2022", font_size=10)], column=1),
    ]
    doc = Document(pages=[Page(number=1, lines=lines)], format="pdf")
    c = extract_contact(doc, segment(doc), None)
    assert c.name is not None and c.name.full == "Claire Dubois"
    assert c.location is not None and (c.location.city, c.location.country_code) == ("Lyon", "FR")


def test_headline_is_not_an_address_or_contact_line() -> None:
    c = _contact("Omar Haddad\n12 Rue de Rivoli, 75001 Paris, France\nomar@example.com\n")
    assert c.headline is None
    assert c.location is not None and c.location.postal_code == "75001" and c.location.city == "Paris"


def test_headline_wrapped_over_two_lines() -> None:
    c = _contact("Alex Kim\nDirector of Bioinformatics at\nExample Institutes\nalex@example.com\n")
    assert c.headline == "Director of Bioinformatics at Example Institutes"


# ---------------------------------------------------------------- language


def test_detect_language() -> None:
    spanish = "Experiencia profesional en el desarrollo de software para la empresa y sus clientes"
    assert detect_language(spanish) == "es"
    assert detect_language("Berufserfahrung als Entwickler bei der Firma in München und Leitung von dem Team") == "de"
    assert detect_language("Led the team that built the data platform for the sales and marketing groups") == "en"
    assert detect_language("Python SQL") is None


def test_confidence_is_higher_for_a_name_in_a_large_font() -> None:
    plain = _contact("Samuel Okafor\nData Analyst\n")
    lines = [
        Line(spans=[Span(text="Samuel Okafor", font_size=22)]),
        Line(spans=[Span(text="Data Analyst", font_size=10)]),
        Line(spans=[Span(text="Built dashboards for the sales team and more", font_size=10)]),
    ]
    doc = Document(pages=[Page(number=1, lines=lines)], format="pdf")
    large = extract_contact(doc, segment(doc), None)
    assert 0 < plain.confidence["name"] < large.confidence["name"] <= 1
    assert "phones" not in plain.confidence


def test_link_target_wins_over_a_url_that_lost_its_hyphen_when_wrapped() -> None:
    target = "https://www.linkedin.com/in/ana-maria-lopez?jobid=1&lipi=urn%3Ali"
    # line-end dehyphenation turned "ana-maria-" + "lopez" into "ana-marialopez" in the text
    c = _contact("Contact\nwww.linkedin.com/in/ana-marialopez\n(LinkedIn)\n\nSummary\nEngineer.\n", links=[target])
    assert [(p.network, p.username, p.url) for p in c.profiles] == [
        ("linkedin", "ana-maria-lopez", "https://www.linkedin.com/in/ana-maria-lopez")
    ]
    assert "https://www.linkedin.com/in/ana-maria-lopez" in c.links


def test_region_from_the_email_country_domain() -> None:
    c = _contact("Arjun Mehta\narjun.mehta@example.co.in\n+91-98765 43210 | 98765 43211\n")
    assert [p.e164 for p in c.phones] == ["+919876543210", "+919876543211"]
    assert {p.type for p in c.phones} == {"mobile"}


def test_name_in_a_script_without_capitals() -> None:
    c = _contact("王小明\nxiaoming.wang@example.cn\n")
    assert c.name is not None and c.name.full == "王小明"


def test_spanish_names_keep_both_surnames() -> None:
    text = (
        "Lucía Fernández Ortega\nlucia.fernandez@example.es\n\nExperiencia profesional\n"
        "Analista de datos en la empresa de seguros de Madrid, con un equipo de cinco personas para los clientes\n"
    )
    c = _contact(text)
    assert c.language == "es"
    assert c.name is not None and (c.name.first, c.name.middle, c.name.last) == ("Lucía", None, "Fernández Ortega")
    english = _contact("Mary Ann Smith\nmary@example.com\n\nExperience\nAnalyst at the bank for the team\n")
    assert english.name is not None and (english.name.first, english.name.last) == ("Mary", "Smith")


def test_glued_label_is_removed_but_an_address_starting_with_email_is_kept() -> None:
    assert _contact("Jane Doe\nE-mailjane@example.com\n").emails == ["jane@example.com"]
    assert _contact("Jane Doe\nemailme@example.com\n").emails == ["emailme@example.com"]


def test_surname_that_spells_a_credential_is_kept() -> None:
    c = _contact("Jack Ma\njack@example.com\n")
    assert c.name is not None and c.name.full == "Jack Ma" and c.name.last == "Ma"
    c = _contact("Jane Doe MBA\njane@example.com\n")
    assert c.name is not None and c.name.full == "Jane Doe"


def test_text_that_only_looks_like_a_url_is_no_link() -> None:
    # found by the long fuzz run: urllib raises on an unclosed IPv6 bracket
    resume = resumeparser.parse_text("Jane Roe\njane.roe@example.org\nhttps://ca[ and https://github.com/janeroe\n")
    assert resume.links == ["https://github.com/janeroe"]
    assert [p.network for p in resume.profiles] == ["github"]
