"""The precomputed tables shipped in resumeparser/data are what scripts/build_indexes.py makes from their sources."""

from __future__ import annotations

import pytest

from resumeparser.datafiles import read_bytes, read_rows
from resumeparser.fields import indexes
from resumeparser.fields.location import fold, gazetteer
from resumeparser.fields.wordlists import job_titles, norm, places, title_heads

from .conftest import ROOT

DATA = ROOT / "resumeparser" / "data"


@pytest.mark.parametrize("name", [indexes.SKILLS_INDEX, indexes.JOB_TITLES_INDEX, indexes.GAZETTEER_INDEX,
                                  indexes.TITLE_SKILL_WORDS, indexes.LANGUAGE_NAMES])
def test_shipped_table_is_what_the_build_makes(name: str) -> None:
    built = _built()
    assert (DATA / name).read_bytes() == built[name], f"{name} is stale: run scripts/build_indexes.py"


_BUILT: dict[str, bytes] = {}


def _built() -> dict[str, bytes]:
    if not _BUILT:
        _BUILT.update(indexes.build())
    return _BUILT


def test_job_titles_are_the_normalised_source() -> None:
    assert job_titles() == frozenset(norm(t) for t in read_rows("job_titles.txt.gz"))
    assert {"engineer", "manager", "intern"} <= title_heads()
    assert "hand" not in title_heads()


def test_gazetteer_keys_are_fold() -> None:
    key_of = indexes.gazetteer_key_function(fold)
    assert key_of is not fold  # the shipped table matches the shipped gazetteer
    for name in ("São Paulo", "'s-Hertogenbosch", "A Coruña", "Munich", "NY", "Zürich"):
        assert key_of(name) == fold(name)
    assert gazetteer().cities["sao paulo"][0].country == "BR"
    assert "new york" in places() and "remote" in places()
    assert places() == frozenset(norm(p) for p in gazetteer().place_names) | {"remote"}


def test_title_skill_words_are_shared_by_two_phrases() -> None:
    words = indexes.title_skill_words()
    assert {"engineer", "analysis", "office"} <= words
    assert "zzz" not in words and all(len(w) >= 2 for w in words)


def test_gazetteer_keys_fall_back_to_fold_when_the_sources_change(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(indexes, "_gazetteer_sources_digest", lambda gazetteer=None: "0" * 64)
    assert indexes.gazetteer_key_function(fold) is fold


def test_language_names_cover_translations_and_autonyms() -> None:
    names = indexes.language_names()
    assert names["german"] == names["deutsch"] == names["allemand"] == "de"
    assert names["mandarin"] == "zh"
    assert indexes.english_language_names()["es"] == "Spanish"


def test_skill_index_holds_tokenized_phrases() -> None:
    phrases = indexes.skill_phrases()
    assert ("node.js",) in phrases and ("c++",) in phrases
    assert ("machine", "learning") in phrases
    assert len(phrases) > 25_000
    assert read_bytes(indexes.SKILLS_INDEX)  # readable through the package's own data reader
