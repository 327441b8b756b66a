"""The document's language as an ISO 639-1 code.

A count of each language's commonest function words (`data/stopwords.json`) decides when it is clear-cut (most
resumes); otherwise py3langid (BSD-3, loaded once, lazily) classifies the text.
"""

from __future__ import annotations

import re
from functools import cache

from ..datafiles import read_json


@cache
def _stopwords() -> dict[str, frozenset[str]]:
    raw = read_json("stopwords.json")
    return {lang: frozenset(words) for lang, words in raw.items() if not lang.startswith("_")}


@cache
def _identifier() -> object:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(_LANGUAGES)  # the languages resumes are written in, not every one the model knows
    # set_languages keeps the whole model (all 142 columns, about 27 MB) to restore it later; we never do
    if hasattr(identifier, "_full_model"):
        identifier._full_model = (identifier.nb_ptc, identifier.nb_pc, identifier.nb_classes)
    return identifier


_LANGUAGES = [
    "en", "es", "fr", "de", "pt", "it", "nl", "sv", "no", "da", "fi", "pl", "cs", "sk", "hu", "ro", "bg", "el",
    "ru", "uk", "tr", "ar", "he", "fa", "hi", "bn", "ur", "ta", "te", "zh", "ja", "ko", "vi", "th", "id", "ms",
    "tl", "ca", "hr", "sr", "sl", "lt", "lv", "et", "af", "sw",
]


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text to tell."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if len(words) < 8:
        return None
    sample = words[:3000]
    counts = {lang: sum(1 for w in sample if w in stop) for lang, stop in _stopwords().items()}
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    if top >= 8 and top >= 2 * second and top >= 0.08 * len(sample):
        return best
    try:
        identifier = _identifier()
        lang, prob = identifier.classify(" ".join(sample))  # type: ignore[attr-defined]
    except Exception:  # the model is optional at run time: fall back to the word count
        return best if top >= 3 else None
    if prob < 0.5:
        return best if top >= 3 else None
    return str(lang) if re.fullmatch(r"[a-z]{2}", str(lang)) else None
