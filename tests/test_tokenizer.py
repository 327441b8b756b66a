"""The spaCy-free tokenizer gives spaCy's English tokens and offsets, and the default parse never imports spaCy."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from resumeparser.fields.tokenizer import english
from resumeparser.fields.wordlists import skill_aliases, skills

from .conftest import FIXTURES, ROOT, SHARED

TRICKY = [
    "Node.js, C++ and C# (5+ years); don't stop: U.S.A. e.g. 10km/h 3.5% $100",
    "  leading spaces\n\nnew\tlines\u00a0nbsp  double  spaces trailing ",
    "https://github.com/example/repo?x=1, www.example.org and jane@example.com",
    "Jan 2019 - Present | 03/2017 – 05/2019 | 2015-18 | ASP.NET/C#; CI/CD; TCP/IP",
    ":) (-: a.m. p.m. 'cause y'all can't won't I'm we're it's o'clock",
    "“quoted” ‘single’ — dash … ellipsis • bullet ·middle ©2020 ®",
    "",
    " ",
]


def _texts() -> list[str]:
    texts = list(TRICKY) + sorted(skills() | set(skill_aliases()))
    for path in sorted((FIXTURES / "generated").rglob("source.txt")) + sorted((FIXTURES / "samples").glob("*.txt")):
        texts.append(path.read_text(encoding="utf-8"))
    dev = SHARED / "dev-data"
    if dev.is_dir():  # development data when present: real resume texts
        texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(dev.rglob("*.html"))[:40]]
    return texts


def test_tokens_and_offsets_are_spacys() -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    tokenizer = english()
    differ = []
    for text in _texts():
        ours = [(t.text, t.idx) for t in tokenizer(text)]
        theirs = [(t.text, t.idx) for t in nlp.make_doc(text)]
        if ours != theirs:
            differ.append(text[:80])
    assert not differ


def test_shipped_rules_are_spacys() -> None:
    pytest.importorskip("spacy")
    out = subprocess.run([sys.executable, "scripts/build_tokenizer.py", "--check"], cwd=ROOT, capture_output=True,
                         text=True)
    assert out.returncode == 0, out.stdout + out.stderr


def test_tokens_of_a_resume_line() -> None:
    tokens = english()("Built Node.js APIs (C++, don't) - 5km")
    assert [t.text for t in tokens] == ["Built", "Node.js", "APIs", "(", "C++", ",", "do", "n't", ")", "-", "5", "km"]
    assert tokens.text_of(1, 3) == "Node.js APIs"
    assert tokens.text_of(-4, 2) == "Built Node.js"  # clipped at both ends, as a spaCy span is
    assert [t.idx for t in tokens][:3] == [0, 6, 14]


def test_whitespace_runs_are_tokens() -> None:
    tokens = english()("a  b\nc ")
    assert [t.text for t in tokens] == ["a", " ", "b", "\n", "c"]


def test_default_parse_imports_neither_spacy_nor_the_language_identifier() -> None:
    script = (
        "import sys, json, resumeparser\n"
        "resumeparser.parse(sys.argv[1])\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'py3langid', 'thinc'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", script, str(FIXTURES / "samples" / "jane_doe.txt")], cwd=ROOT,
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []


def test_skills_are_found_without_spacy() -> None:
    import resumeparser

    resume = resumeparser.parse_text(
        "Jane Roe\n\nEXPERIENCE\nEngineer, Example Ltd, 2019 - 2021\nBuilt services in Python and Kubernetes with "
        "PostgreSQL.\n"
    )
    names = {s.name.lower() for s in resume.skills}
    assert {"python", "kubernetes", "postgresql"} <= names


