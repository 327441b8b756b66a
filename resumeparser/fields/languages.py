"""Spoken languages with fluency: names in English, in six other languages and in the language itself.

Names come from pycountry's ISO 639 table and its translations (the Debian iso-codes data), built once per
process; a few everyday names the table lacks ("Mandarin", "Farsi") are added here.
"""

from __future__ import annotations

import gettext
import re
from functools import cache

from ..models import Language

_EXTRA = {"mandarin": "zh", "cantonese": "zh", "chinese mandarin": "zh", "farsi": "fa", "filipino": "tl",
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


@cache
def language_names() -> dict[str, str]:
    """Lower-case language name -> ISO 639-1 code."""
    import pycountry

    out: dict[str, str] = {}
    langs = [lang for lang in pycountry.languages if hasattr(lang, "alpha_2")]
    for lang in langs:
        for name in str(lang.name).split(";"):
            out.setdefault(_clean(name), lang.alpha_2)
    for locale in ("de", "es", "fr", "pt", "it", "nl"):
        try:
            tr = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[locale])
        except OSError:
            continue
        for lang in langs:
            out.setdefault(_clean(tr.gettext(lang.name)), lang.alpha_2)
    for lang in langs:  # autonyms: "Deutsch", "Español", "Français", "Nederlands"
        try:
            tr = gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[lang.alpha_2])
        except OSError:
            continue
        out.setdefault(_clean(tr.gettext(lang.name)), lang.alpha_2)
    out.update(_EXTRA)
    out.pop("", None)
    return out


def _clean(name: str) -> str:
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
        fluency = FLUENCY_RE.search(item)
        out.append(Language(name=_english_name(code) or name, code=code,
                            fluency=fluency.group(0) if fluency else None, raw=item))
    return out


def _english_name(code: str) -> str | None:
    import pycountry

    lang = pycountry.languages.get(alpha_2=code)
    return str(lang.name).split(";")[0] if lang else None
