from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from resumeparser.errors import ResumeParserError
from resumeparser.ner import LABELS, NerUnavailable, bundled_path, entities, label_spans, load_ner

from .conftest import ROOT, shared_or_skip


def test_bundled_model_is_package_data() -> None:
    path = bundled_path()
    assert (path / "config.cfg").is_file() and (path / "meta.json").is_file()
    size = sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    assert size < 20 * 1024 * 1024


def test_false_means_no_model() -> None:
    assert load_ner(False) is None
    assert entities(["Senior Software Engineer at Oracle"], False) == [[]]
    assert label_spans(["Senior Software Engineer at Oracle"], False) == {}


def test_unknown_pipeline_is_a_clear_error() -> None:
    with pytest.raises(NerUnavailable) as info:
        load_ner("no_such_spacy_pipeline_xyz")
    assert isinstance(info.value, ResumeParserError)
    assert info.value.code == "ner_unavailable"
    assert "no_such_spacy_pipeline_xyz" in str(info.value)


def test_model_is_loaded_once_across_threads() -> None:
    got: list[object] = []
    threads = [threading.Thread(target=lambda: got.append(load_ner(True))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 4 and all(nlp is got[0] for nlp in got)
    assert got[0] is not None and "ner" in got[0].pipe_names  # type: ignore[attr-defined]


def test_entry_header_line_gets_title_and_company() -> None:
    line = "Senior Software Engineer at Oracle India Pvt Ltd"
    [found] = entities([line])
    labels = {e.label for e in found}
    assert labels <= set(LABELS)
    assert "TITLE" in labels or "COMPANY" in labels
    for e in found:
        assert line[e.start : e.end] == e.text
    titles = [e.text for e in found if e.label == "TITLE"]
    assert all("Oracle" not in t for t in titles)


def test_label_spans_keys_are_line_indices() -> None:
    lines = ["", "Software Engineer, Infosys Limited", "   ", "B.Tech in Computer Science, Anna University"]
    spans = label_spans(lines)
    assert set(spans) <= {1, 3}
    for i, found in spans.items():
        assert all(lines[i][e.start : e.end] == e.text for e in found)
    assert set(label_spans(lines, which=[3])) <= {3}


def test_model_reads_dev_header_lines() -> None:
    """On the held-out dotin test lines with a labelled title, the model finds a good share of titles."""
    data = shared_or_skip("dev-data", "dotin_resume_ner")
    sys.path.insert(0, str(ROOT / "models" / "resume_ner"))
    try:
        from evaluate import dotin_lines, score
    finally:
        sys.path.pop(0)
    lines, golds = dotin_lines(Path(data))
    result = score(lines, golds, entities)
    assert result["TITLE"]["found"] > 0.4
    assert result["SCHOOL"]["found"] > 0.4


def _pipeline_on_disk(path: Path, patterns: list[dict[str, str]] | None) -> str:
    """A general-purpose-style pipeline: an entity ruler named "ner" with OntoNotes labels."""
    import spacy

    nlp = spacy.blank("en")
    if patterns is not None:
        ruler = nlp.add_pipe("entity_ruler", name="ner")
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    nlp.to_disk(path)
    return str(path)


def test_foreign_pipeline_labels_are_mapped(tmp_path: Path) -> None:
    patterns = [
        {"label": "ORG", "pattern": "Oracle India Pvt Ltd"},
        {"label": "GPE", "pattern": "Bengaluru"},
        {"label": "DATE", "pattern": "2017"},
    ]
    spec = _pipeline_on_disk(tmp_path / "onto", patterns)
    line = "Senior Software Engineer at Oracle India Pvt Ltd, Bengaluru, 2017 to 2019"
    [found] = entities([line], spec)
    assert sorted((e.label, e.text) for e in found) == [("COMPANY", "Oracle India Pvt Ltd"), ("LOCATION", "Bengaluru")]


def test_pipeline_without_ner_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(NerUnavailable, match="no 'ner'"):
        load_ner(_pipeline_on_disk(tmp_path / "bare", None))


def test_parse_with_the_bundled_model_and_with_a_missing_pipeline() -> None:
    import resumeparser
    from resumeparser import ParseOptions

    text = "Sam Lee\nsam@example.org\n\nEXPERIENCE\nSenior Software Engineer at Oracle India Pvt Ltd\n2019 - 2021\n"
    with_model = resumeparser.parse_text(text, options=ParseOptions(ner=True))
    assert [(w.title, w.company) for w in with_model.work] == [("Senior Software Engineer", "Oracle India Pvt Ltd")]
    with pytest.raises(resumeparser.ResumeParserError) as info:
        resumeparser.parse_text(text, options=ParseOptions(ner="no_such_pipeline_xyz"))
    assert info.value.code == "ner_unavailable"
