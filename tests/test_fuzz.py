"""A small mutation fuzz over the sample files: whatever the bytes, a parse returns a record or raises a
ResumeParserError. benchmarks/fuzz.py runs the same mutator on 10,000+ inputs in worker processes."""

from __future__ import annotations

import random
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import resumeparser
from benchmarks.fuzz import classify, fuzz_input, load_seeds, mutate, mutate_text, text_seeds


@cache
def _seeds() -> list[tuple[str, bytes]]:
    return load_seeds()


def test_the_mutator_is_deterministic_and_changes_its_input() -> None:
    data = bytes(range(256)) * 8
    first = [mutate(data, random.Random(n)) for n in range(20)]
    assert first == [mutate(data, random.Random(n)) for n in range(20)]
    assert sum(m != data for m in first) >= 18


def test_a_hundred_mutated_inputs_give_a_record_or_a_typed_error() -> None:
    seeds = load_seeds()
    if len(seeds) < 5:
        pytest.skip("the fuzzing seeds are missing (fixtures/hostile/make_hostile.py)")
    failures = []
    for index in range(100):
        name, data = fuzz_input(seeds, 2026, index)
        status, detail, message = classify(data, "never", timeout=20.0)
        if status == "unexpected":
            failures.append(f"input {index} from {name}: {detail}\n{message}")
    assert not failures, "\n".join(failures)


# --- property tests: random and mutated texts and documents -------------------------------------------------

_FRAGMENTS = ["Jane Doe", "jane.doe@example.com", "+1 415 555 0142", "EXPERIENCE", "Education", "SKILLS",
              "Languages: English (native), Go", "Data Analyst, Acme Corp, Pune/Maharashtra", "Jan 2019 - Present",
              "2015-18", ", Stanford University", "BSc Physics, , Berlin", "• Built pipelines", "W ORK E XPERIENCE",
              "E X P E R I E N C E", "linkedin.com/in/jane-doe", "Summer 2015", "since 2020", "Page 1 of 2", ""]
_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _record_or_typed_error(call: object, *args: object) -> None:
    try:
        resume = call(*args)  # type: ignore[operator]
    except resumeparser.ResumeParserError as exc:
        assert exc.code
        return
    assert isinstance(resume, resumeparser.Resume)
    resume.model_dump_json().encode("utf-8")


@_SETTINGS
@given(st.text(max_size=3000))
def test_any_text_gives_a_record_or_a_typed_error(text: str) -> None:
    _record_or_typed_error(resumeparser.parse_text, text)


@_SETTINGS
@given(st.lists(st.one_of(st.sampled_from(_FRAGMENTS), st.text(max_size=60)), max_size=40))
def test_resume_shaped_lines_with_random_ones_give_a_record_or_a_typed_error(lines: list[str]) -> None:
    _record_or_typed_error(resumeparser.parse_text, "\n".join(lines))


@_SETTINGS
@given(st.randoms(use_true_random=False), st.integers(min_value=0, max_value=1000))
def test_mutated_resume_texts_give_a_record_or_a_typed_error(rng: random.Random, pick: int) -> None:
    texts = [text for _, text in text_seeds(_seeds())]
    if not texts:
        pytest.skip("no text seeds")
    _record_or_typed_error(resumeparser.parse_text, mutate_text(texts[pick % len(texts)], rng, texts))


@_SETTINGS
@given(st.randoms(use_true_random=False), st.integers(min_value=0, max_value=1000))
def test_mutated_documents_give_a_record_or_a_typed_error(rng: random.Random, pick: int) -> None:
    seeds = [data for name, data in _seeds() if not name.endswith((".png", ".jpg"))]
    if not seeds:
        pytest.skip("no seed documents")
    options = resumeparser.ParseOptions(ocr="never")
    data = mutate(seeds[pick % len(seeds)], rng)
    _record_or_typed_error(lambda raw: resumeparser.parse(raw, options=options), data)


@_SETTINGS
@given(st.binary(max_size=4000))
def test_any_bytes_give_a_record_or_a_typed_error(data: bytes) -> None:
    _record_or_typed_error(lambda raw: resumeparser.parse(raw, options=resumeparser.ParseOptions(ocr="never")), data)
