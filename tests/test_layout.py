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
