"""The fast PDF scans of guard.py find exactly what the single regular expressions they replace find."""

from __future__ import annotations

import random

import pytest

from resumeparser import guard
from resumeparser.errors import CorruptDocument

from .conftest import FIXTURES

_REF_PIECES = [b"1", b"12", b"0", b" ", b"  ", b"\n", b"obj", b"endobj", b"R", b" R ", b"1 0 obj 2 0 R endobj",
               b"12345678901", b"x", b"3 0 R", b"obj ", b" endobj", b"9 9 obj\n7 0 R\nendobj"]
_STREAM_PIECES = [b"/Filter", b"/Filter ", b"[", b"]", b"/Fl", b"/FlateDecode", b"stream\n", b"stream\r\n", b"stream",
                  b"endstream", b"end", b"\n", b"\r", b" ", b"x", b"/", b"/Filter [/AHx /Fl]", b"tream\n", b"/Flates"]


def _samples(pieces: list[bytes], n: int, seed: int) -> list[bytes]:
    rnd = random.Random(seed)
    return [b"".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 50))) for _ in range(n)]


def _pdfs() -> list[bytes]:
    return [p.read_bytes() for p in sorted(FIXTURES.rglob("*.pdf"))]


def test_reference_scan_matches_the_pattern() -> None:
    for data in _samples(_REF_PIECES, 5000, 1) + _pdfs():
        expected = [(m.span(), m.groups()) for m in guard._REF_ONLY_OBJECT.finditer(data)]
        assert [(m.span(), m.groups()) for m in guard.ref_only_objects(data)] == expected


def test_filter_and_stream_scan_matches_the_alternation() -> None:
    tricky = [b"/Filter [ stream\n ] stream\n", b"/Filter /Flates" + b"tream\n", b"endstream\nstream\n",
              b"/Filter/FlateDecode>>stream\r\nxx", b"/Filter [/Filter /Fl] stream\n"]
    for data in tricky + _samples(_STREAM_PIECES, 5000, 2) + _pdfs():
        expected = [(m.start(), m.end(), m[1]) for m in guard._FILTER_OR_STREAM.finditer(data)]
        assert guard.filters_and_streams(data) == expected


def test_a_reference_cycle_is_still_refused() -> None:
    data = b"%PDF-1.4\n1 0 obj 2 0 R endobj\n2 0 obj 1 0 R endobj\n"
    with pytest.raises(CorruptDocument):
        guard.check_pdf_references(data)
    guard.check_pdf_references(b"%PDF-1.4\n1 0 obj 2 0 R endobj\n2 0 obj << >> endobj\n")
