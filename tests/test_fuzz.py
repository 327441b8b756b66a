"""A small mutation fuzz over the sample files: whatever the bytes, a parse returns a record or raises a
ResumeParserError. benchmarks/fuzz.py runs the same mutator on 10,000+ inputs in worker processes."""

from __future__ import annotations

import random

import pytest

from benchmarks.fuzz import classify, fuzz_input, load_seeds, mutate


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
