"""Skills: the items of the skills section, and taxonomy skills found anywhere in the text.

The taxonomy (about 30,000 skills) and the aliases are matched with a spaCy PhraseMatcher on a blank English
tokenizer, built once per process. Ambiguous names ("C", "R", "Go", "Excel") count only inside a skills
list or next to a programming cue; a single lower-case word in prose ("leadership") does not count outside
the skills section.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import TYPE_CHECKING

from ..models import SectionKind, Skill
from .lexicon import skill_aliases, skills

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher

    from ..segment import Block

_LOCK = threading.Lock()
_CUES = re.compile(
    r"\b(?:programming|languages?|c\+\+|c#|java|python|javascript|golang|coding|developer|compiler|embedded|"
    r"statistics|statistical|rstudio|excel|spreadsheets?|ms office|microsoft office|skills?|tools?|technologies)\b",
    re.I,
)
_ITEM_SPLIT = re.compile(r"\s*(?:[,;|\u2022\u00b7]|\s-\s|\n)\s*")
_LEVEL = re.compile(
    r"\((?:[^)]*)\)|\b(?:expert|advanced|intermediate|beginner|basic|proficient|familiar|good|strong|excellent)\b"
    r"|\b\d+\+?\s*(?:years?|yrs?)\b|[:\-–]\s*\d+(?:[.,]\d+)?\s*/\s*\d+",
    re.I,
)


@cache
def _matcher() -> tuple[Language, PhraseMatcher]:
    import spacy
    from spacy.matcher import PhraseMatcher

    with _LOCK:
        nlp = spacy.blank("en")
        matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        phrases = sorted(skills() | set(skill_aliases()))
        matcher.add("SKILL", [nlp.make_doc(p) for p in phrases])
    return nlp, matcher


def canonical(text: str) -> tuple[str, bool, bool]:
    """(normalised name, known to the taxonomy or aliases, ambiguous)."""
    key = " ".join(text.lower().split())
    alias = skill_aliases().get(key)
    if alias:
        return alias[0], True, alias[1]
    if key in skills():
        return text.strip(), True, False
    return text.strip(), False, False


def section_items(text: str) -> list[tuple[str, str | None]]:
    """Items of a skills section: (item, category) where a line reads "Category: a, b, c"."""
    out: list[tuple[str, str | None]] = []
    for line in text.splitlines():
        line = line.strip().lstrip("\u2022*-> ").strip()
        category = None
        head, sep, tail = line.partition(":")
        if sep and 0 < len(head.split()) <= 4 and tail.strip():
            category, line = head.strip(), tail
        for item in _ITEM_SPLIT.split(line):
            item = _LEVEL.sub(" ", item)
            item = " ".join(item.split()).strip(" .:-–")
            if item and len(item) <= 50 and len(item.split()) <= 5 and re.search(r"[^\W\d_]", item):
                out.append((item, category))
    return out


def extract_skills(blocks: list[Block]) -> list[Skill]:
    found: dict[str, Skill] = {}
    counts: dict[str, int] = {}

    def add(name: str, raw: str, source: SectionKind, category: str | None = None) -> None:
        key = name.lower()
        skill = found.get(key)
        if skill is None:
            found[key] = Skill(name=name, raw=raw, category=category, sources=[source])
        elif source not in skill.sources:
            skill.sources = [*skill.sources, source]
        counts[key] = counts.get(key, 0) + 1

    for block in blocks:
        if block.kind == "skills":
            for item, category in section_items(block.text):
                name, _, _ = canonical(item)
                add(name, item, "skills", category)
    nlp, matcher = _matcher()
    from spacy.util import filter_spans

    for block in blocks:
        text = block.text
        if not text or block.kind in ("contact", "skills"):
            continue
        doc = nlp.make_doc(text)
        spans = filter_spans([doc[s:e] for _, s, e in matcher(doc)])
        for span in spans:
            raw = span.text
            name, _, ambiguous = canonical(raw)
            if ambiguous:
                window = doc[max(0, span.start - 4) : span.end + 4].text
                if not _CUES.search(window.replace(raw, " ", 1)) or raw.islower():
                    continue
            if len(span) == 1 and raw.isalpha() and raw.islower():
                continue  # "leadership", "design" in a sentence
            if len(raw) <= 2 and not raw.isupper():
                continue
            add(name, raw, block.kind)
    skills_first = [s for s in found.values() if "skills" in s.sources]
    rest = sorted((s for s in found.values() if "skills" not in s.sources), key=lambda s: -counts[s.name.lower()])
    return skills_first + rest
