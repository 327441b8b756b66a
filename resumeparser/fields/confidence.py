"""Confidence per field and overall, from evidence: validations passed, cues that agree, lexicon hits,
sections found by a heading rather than guessed, and the OCR engine's own confidence."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import EducationEntry, Name, Phone, Skill, WorkEntry

# how much each field weighs in the overall score (fields that are absent and expected count as 0)
WEIGHTS = {"name": 0.2, "emails": 0.1, "phones": 0.05, "work": 0.3, "education": 0.2, "skills": 0.15}


def name_confidence(name: Name | None, emails: Sequence[str], header_lines: int) -> float:
    if name is None:
        return 0.0
    score = 0.6
    # agreement between cues: the name's words in an e-mail address
    tokens = [t.lower() for t in re.findall(r"[^\W\d_]{3,}", name.full)]
    if any(t in e.lower().split("@")[0] for t in tokens for e in emails):
        score += 0.3
    if 2 <= len(name.full.split()) <= 3:
        score += 0.1
    return min(1.0, score)


def date_quality(start: str | None, end: str | None, current: bool) -> float:
    if not start:
        return 0.0
    if end and end < start:
        return 0.1
    month = len(start) >= 7 and (current or not end or len(end) >= 7)
    return 1.0 if month else 0.7


def work_entry_confidence(entry: WorkEntry, evidence: float, by_heading: bool) -> float:
    score = 0.45 * evidence + 0.35 * date_quality(entry.start_date, entry.end_date, entry.is_current)
    score += 0.1 if entry.title and entry.company else 0.0
    score += 0.1 if by_heading else 0.0
    return round(min(1.0, score), 3)


def education_entry_confidence(entry: EducationEntry, evidence: float, by_heading: bool) -> float:
    score = 0.7 * evidence + 0.2 * (1.0 if entry.end_date or entry.start_date else 0.0)
    score += 0.1 if by_heading else 0.0
    return round(min(1.0, score), 3)


def skills_confidence(skills: Sequence[Skill], known: int, has_section: bool) -> float:
    if not skills:
        return 0.0
    share = known / len(skills)
    return round(min(1.0, 0.3 + 0.4 * share + (0.3 if has_section else 0.0)), 3)


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def overall(fields: dict[str, float], ocr_confidence: float | None, warnings: int, failed: int = 0) -> float:
    """`failed`: how many fields' extractors failed; each costs more than an ordinary warning."""
    total = sum(WEIGHTS[k] * fields.get(k, 0.0) for k in WEIGHTS)
    score = total / sum(WEIGHTS.values())
    if ocr_confidence is not None:
        score *= 0.5 + 0.5 * ocr_confidence
    score -= 0.03 * warnings + 0.1 * failed
    return round(max(0.0, min(1.0, score)), 3)


def phones_confidence(phones: Sequence[Phone]) -> float:
    if not phones:
        return 0.0
    return 0.95 if all(p.e164 for p in phones) else 0.6
