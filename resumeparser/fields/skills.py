"""Skills: the items of the skills section, and taxonomy skills found anywhere in the text.

The taxonomy (about 30,000 skills) and the aliases are matched on the tokens of spaCy's English tokenizer (run
without spaCy by `tokenizer.py`): each phrase is kept as its lower-cased token sequence in a set (precomputed at
build time, `indexes.compute_skills_index`), and the text is scanned for the longest known sequence at each token.
A spaCy PhraseMatcher does the same but keeps a Doc per phrase: measured here it took about 190 MB and 1-3 s to
build for this taxonomy, against a few MB and a few milliseconds to load the set.
Ambiguous names ("C", "R", "Go", "Excel") count only inside a skills list or next to a programming cue; a single
lower-case word in prose ("leadership") does not count outside the skills section.
"""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import TYPE_CHECKING

from ..chrome import is_chrome_line
from ..models import SectionKind, Skill
from ..segment import heading_kind
from .entries import clean_markup
from .indexes import skill_phrases
from .label_words import pattern
from .tokenizer import Tokenizer, Tokens, english
from .wordlists import skill_aliases, skills

if TYPE_CHECKING:
    from ..segment import Block

_LOCK = threading.Lock()
_CUES = re.compile(
    r"(?<!\w)(?:programming|languages?|c\+\+|c#|java|python|javascript|golang|coding|developer|compiler|embedded|"
    r"statistics|statistical|rstudio|excel|spreadsheets?|ms office|microsoft office|skills?|tools?|technologies)(?!\w)",
    re.I,
)
_ITEM_SPLIT = re.compile(r"\s*(?:[,;|\u2022\u00b7]|\s-\s|\n)\s*")
_LEVEL = re.compile(
    r"\((?:[^)]*)\)|\b(?:expert|advanced|intermediate|beginner|basic|proficient|familiar|good|strong|excellent)\b"
    r"|\b\d+\+?\s*(?:years?|yrs?)\b|[:\-–]\s*\d+(?:[.,]\d+)?\s*/\s*\d+",
    re.I,
)


def _technical(word: str) -> bool:
    """ "MySQL", "C++", "SQL", "Node.js", "S3": a shape that ordinary words do not have."""
    return bool(re.search(r"[A-Z].*[A-Z]|[+#]|\w\.\w|\d", word)) and len(word) >= 2


class PhraseIndex:
    """Known phrases as tuples of lower-cased tokens, and the longest phrase starting with each first token."""

    def __init__(self, phrases: set[tuple[str, ...]]) -> None:
        self.phrases = phrases
        self.longest: dict[str, int] = {}
        for p in phrases:
            if p and len(p) > self.longest.get(p[0], 0):
                self.longest[p[0]] = len(p)

    def spans(self, doc: Tokens) -> list[tuple[int, int]]:
        """Non-overlapping (start, end) token spans of known phrases, the longest at each position first."""
        words = [t.text.lower() for t in doc]
        out: list[tuple[int, int]] = []
        longest = self.longest
        i = 0
        while i < len(words):
            for n in range(min(longest.get(words[i], 0), len(words) - i), 0, -1):
                if tuple(words[i : i + n]) in self.phrases:
                    out.append((i, i + n))
                    i += n
                    break
            else:
                i += 1
        return out


def _matcher() -> tuple[Tokenizer, PhraseIndex]:
    with _LOCK:  # built once per process, also when several threads ask at once
        return _build_matcher()


@cache
def _build_matcher() -> tuple[Tokenizer, PhraseIndex]:
    return english(), PhraseIndex(set(skill_phrases()))


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
    """Items of a skills section: (item, category) where a line reads "Category: a, b, c".

    Paragraphs after the first are kept only when one of their items is a known skill: what trails a
    skills list without a heading of its own (a name, an address) is not a skill.
    """
    out: list[tuple[str, str | None]] = []
    text = re.sub(r"\([^()]*\)", " ", text)  # "(10+\nyears)": levels in brackets, even across lines
    for n, para in enumerate(re.split(r"\n\s*\n", text)):
        items = _paragraph_items(para)
        if n == 0 or any(canonical(item)[1] for item, _ in items):
            out.extend(items)
    return out


def _paragraph_items(text: str) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for line in text.splitlines():
        line = clean_markup(line.strip()).lstrip("\u2022*-> ").strip()
        if re.search(r"https?:|www\.|//|@", line) or (line.isupper() and len(line.split()) >= 2 and "," not in line):
            continue  # a link, or a heading the segmenter did not know
        category = None
        head, sep, tail = line.partition(":")
        if sep and 0 < len(head.split()) <= 4 and tail.strip():
            category, line = head.strip(), tail
        if category is not None and pattern(_NOT_GROUPS).match(category):
            continue  # "Pref. Location: Pune", "E-mail: ...": a label of the header, not a group of skills
        for item in _ITEM_SPLIT.split(line):
            item = _LEVEL.sub(" ", item)
            item = " ".join(item.split()).strip(" .:-–")
            if item and len(item) <= 50 and len(item.split()) <= 5 and re.search(r"[^\W\d_]", item):
                if not not_a_skill(item):
                    out.append((item, category))
    return out


_NOT_GROUPS = r"^(?:<<field_labels>>|<<location_labels>>|<<name_labels>>|<<relocation>>)\b"
_LABEL_ONLY = (r"^(?:<<field_labels>>|<<location_labels>>|<<name_labels>>|<<relocation>>)\.?"
               r"(?:\s*(?:id|no\.?|number|details))?\s*:?$")
_FUNCTION_WORDS = frozenset({"the", "and", "of", "to", "in", "for", "with", "on", "at", "by", "from", "as", "is",
                             "was", "are", "were", "an", "a", "my", "our", "this", "that", "which", "have", "has",
                             "i", "we", "am", "me", "enjoy", "who", "will", "can", "be"})


def not_a_skill(item: str) -> bool:
    """A heading ("Professional Summary"), a label ("Pref. Location"), web-export chrome ("^ Back to Top") or a
    sentence ("I am a quick learner"): whatever a skills list holds, none of these is a skill."""
    text = item.strip()
    if not text or is_chrome_line(text) or (heading_kind(text) is not None and not canonical(text)[1]):
        return True
    if pattern(_LABEL_ONLY).match(text):
        return True  # "Pref. Location", "Email ID" (but "Email Marketing" is a skill)
    words = re.findall(r"[^\W\d_]+", text.lower())
    function = sum(1 for w in words if w in _FUNCTION_WORDS)
    return len(words) >= 4 and (function >= 2 or (text.endswith(".") and function >= 1))


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
    nlp, index = _matcher()

    for block in blocks:
        text = block.text
        if not text or block.kind in ("contact", "skills"):
            continue
        doc = nlp(text)
        for start, end in index.spans(doc):
            raw = doc.text_of(start, end)
            name, _, ambiguous = canonical(raw)
            if ambiguous:
                window = doc.text_of(start - 4, end + 4)
                if not _CUES.search(window.replace(raw, " ", 1)) or raw.islower():
                    continue
            span = doc[start:end]
            if len(span) == 1 and raw.lower() not in skill_aliases() and not _technical(raw):
                continue  # "leadership", "Science", "Marketing" in a sentence: too common to be sure
            if len(span) > 1 and all(t.is_lower for t in span) and not any(_technical(t.text) for t in span):
                continue  # "test plan", "data-driven" in prose
            if len(raw) <= 2 and not raw.isupper():
                continue
            add(name, raw, block.kind)
    skills_first = [s for s in found.values() if "skills" in s.sources]
    rest = sorted((s for s in found.values() if "skills" not in s.sources), key=lambda s: -counts[s.name.lower()])
    return skills_first + rest
