"""Spoken languages with fluency: names in English, in six other languages and in the language itself.

Names come from pycountry's ISO 639 table and its translations (the Debian iso-codes data), tabulated at build
time (`indexes.compute_language_names`, shipped as `data/language_names.json`); a few everyday names the table
lacks ("Mandarin", "Farsi") are added here.
"""

from __future__ import annotations

import re

from ..models import Language
from . import indexes
from .entries import clean_markup

EXTRA_NAMES = {"mandarin": "zh", "cantonese": "zh", "chinese mandarin": "zh", "farsi": "fa", "filipino": "tl",
          "castilian": "es", "flemish": "nl", "brazilian portuguese": "pt", "punjabi": "pa", "hindustani": "hi",
          "mandarín": "zh", "chino mandarín": "zh", "swiss german": "de", "schweizerdeutsch": "de"}
FLUENCY_RE = re.compile(
    r"\b(?:native(?: or bilingual)?(?: proficiency| speaker)?|mother tongue|first language|bilingual(?: proficiency)?"
    r"|fluent|fluency|full professional(?: working)?(?: proficiency)?|professional working(?: proficiency)?"
    r"|limited working(?: proficiency)?|elementary(?: proficiency)?|conversational|intermediate|upper[- ]intermediate"
    r"|advanced|basic|beginner|business(?: level| fluent)?|proficient|working knowledge|good|excellent|"
    r"(?:[abc][12])(?:\s*level)?|muttersprache|fließend|verhandlungssicher|grundkenntnisse|gute kenntnisse|"
    r"sehr gute kenntnisse|nativo|nativa|lengua materna|avanzado|intermedio|básico|courant|langue maternelle|"
    r"notions|bilingue|madrelingua|fluente|moedertaal|vloeiend)\b",
    re.I,
)


def language_names() -> dict[str, str]:
    """Lower-case language name -> ISO 639-1 code (precomputed: `indexes.compute_language_names`)."""
    return indexes.language_names()


def clean_name(name: str) -> str:
    return re.sub(r"\s*\(.*?\)", "", name).strip().lower()


def find_language(text: str) -> tuple[str, str] | None:
    """The first language name in the text: (name as written, code)."""
    names = language_names()
    words = re.findall(r"[^\W\d_]+(?:[-'][^\W\d_]+)?", text)
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            cand = " ".join(words[i : i + size])
            code = names.get(cand.lower())
            if code and (size > 1 or len(cand) > 2):
                return cand, code
    return None


def extract_languages(text: str) -> list[Language]:
    """Items of a languages section: "English (fluent), German - C1", one per line or comma-separated."""
    out: list[Language] = []
    text = "\n".join(clean_markup(line) for line in text.splitlines())
    items = re.split(r"\s*(?:[,;|\u2022\u00b7\n])\s*", text)
    # "English - Native" is one item; "English, Native" would split: rejoin a fluency-only item to the previous one
    merged: list[str] = []
    for item in items:
        item = item.strip(" .-")
        if not item:
            continue
        if merged and find_language(item) is None and FLUENCY_RE.search(item):
            merged[-1] = f"{merged[-1]} ({item})"
        else:
            merged.append(item)
    seen: set[str] = set()
    for item in merged:
        found = find_language(item)
        if found is None or len(item) > 80:
            continue
        name, code = found
        if code in seen:
            continue
        seen.add(code)
        out.append(Language(name=_english_name(code) or name, code=code, fluency=_fluency(item, name), raw=item))
    return out


def _fluency(item: str, name: str) -> str | None:
    """The level as written: what is left of the item without the language's name ("gute Kenntnisse (B2)"),
    when it is short and reads as a level; else the first fluency word found."""
    rest = item.replace(name, " ", 1).strip(" -–—:|,;.")
    if rest.startswith("(") and rest.endswith(")") and rest.count("(") == 1:
        rest = rest[1:-1].strip()
    if rest and len(rest.split()) <= 5 and (FLUENCY_RE.search(rest) or _LEVEL_WORD.search(rest)):
        return rest
    found = FLUENCY_RE.search(item)
    return found.group(0) if found else None


_LEVEL_WORD = re.compile(r"\b(?:bilingüe|nativ[oae]?|natif|native|materna|muttersprachlich|fluente|avançado|básico)\b",
                         re.I)


def _english_name(code: str) -> str | None:
    return indexes.english_language_names().get(code)
