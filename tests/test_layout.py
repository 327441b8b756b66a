"""Reading order from word positions (extract/layout.py) on small synthetic pages."""

from __future__ import annotations

from resumeparser.extract.layout import Word, lines_from_words


def _words(text: str, x0: float, top: float, size: float = 9.0) -> list[Word]:
    out, x = [], x0
    for word in text.split():
        width = len(word) * size * 0.5
        out.append(Word(word, x, top, x + width, top + size, size=size))
        x += width + size * 0.3
    return out


def _page(dates: list[str]) -> list[str]:
    rows = [("Experience", 60), ("Acme Robotics", 80), ("Software Engineer", 92), ("Built the fleet planner.", 104),
            ("Globex Corp", 130), ("Data Analyst", 142), ("Wrote the sales reports.", 154),
            ("Education", 190), ("University of Lille", 210), ("Licence, Informatique", 222)]
    words = [w for text, top in rows for w in _words(text, 100, top)]
    for text, top in zip(dates, (80, 130, 210, 230, 250), strict=False):
        words += _words(text, 480, top + 1, size=7.0)  # smaller, so not on the entries' baselines
    return [line.text for line in lines_from_words(words, 1)]


def test_right_aligned_dates_stay_on_their_entries_rows_rather_than_forming_a_column() -> None:
    lines = _page(["08/2021 - 12/2023", "Jan 2019 - Jun 2021"])
    assert "Acme Robotics 08/2021 - 12/2023" in lines
    assert "Globex Corp Jan 2019 - Jun 2021" in lines


def test_a_right_column_of_text_is_still_read_after_the_left_one() -> None:
    lines = _page(["Skills and tools", "Python, SQL and dbt", "Languages: French", "Interests", "Chess, running"])
    assert lines.index("Skills and tools") > lines.index("Licence, Informatique")
    assert "Acme Robotics" in lines


def test_section_names_in_a_narrow_margin_beside_the_content_are_lines_of_their_own() -> None:
    content = [("Meridian Software, Forensics Technician 2023 - 2024", 60),
               ("Deployed the audit tools in four teams.", 72),
               ("Wrote the incident handbook for support.", 84), ("Valette, Quality Engineer 2021 - 2023", 110),
               ("Cut the defect rate of the mobile app by 18%.", 122), ("Université de Picardie, Master 2009", 160),
               ("Master in management, with honours.", 172), ("Python, SQL, Excel and Tableau", 210),
               ("Led the migration of the reporting stack to the cloud.", 134), ("Trained six new analysts.", 146),
               ("Thesis on the economics of regional rail networks.", 184), ("German, English, French", 222),
               ("Audited the access rights of every production system.", 96)]
    margin = [("PARCOURS", 60), ("PROFESSIONNEL", 72), ("ÉTUDES", 160), ("COMPÉTENCES", 210)]
    words = [w for text, top in content for w in _words(text, 92, top)]  # a narrow gutter
    words += [w for text, top in margin for w in _words(text, 30, top, size=7.0)]
    lines = [line.text for line in lines_from_words(words, 1)]
    assert "PARCOURS" in lines and "ÉTUDES" in lines
    assert "Meridian Software, Forensics Technician 2023 - 2024" in lines
    assert lines.index("ÉTUDES") < lines.index("Université de Picardie, Master 2009")


def test_a_column_of_bullets_is_no_margin() -> None:
    items = ["Deployed the audit tools in four teams.", "Wrote the incident handbook for support.",
             "Cut the defect rate of the mobile app.", "Ran the weekly workshops for the team."]
    words = [w for n, text in enumerate(items) for w in [Word("•", 30, 60 + 30 * n, 34, 69 + 30 * n, size=9.0),
                                                       *_words(text, 120, 60 + 30 * n)]]
    lines = [line.text for line in lines_from_words(words, 1)]
    assert lines == [f"• {text}" for text in items]
