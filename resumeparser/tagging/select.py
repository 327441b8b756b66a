"""Which reading of a section to keep, the tagger's or the rules': a logistic model over how the two readings
look and how far they agree, trained on layouts the tagger it judges never saw (`models/entries/select.py`).

The rules were written on a few layouts (LinkedIn's export among them) and read those almost perfectly; the
tagger reads many more layouts well. Neither knows the layout it is reading, but their readings show it: on a
layout the rules know, every entry they read is complete and clear, and the tagger's agrees or is unsure.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cache
from typing import Any

from ..datafiles import read_json
from ..fields.location import fold
from ..models import EducationEntry, WorkEntry

SELECTOR = "tagger/select.json"

Reading = Sequence[tuple[WorkEntry, float]] | Sequence[tuple[EducationEntry, float]]

FEATURES = (
    "bias", "model_count", "rules_count", "count_gap", "rules_complete", "model_complete",
    "rules_evidence_mean", "rules_evidence_min", "model_confidence_mean", "model_confidence_min",
    "same_dates", "same_values", "rules_dated", "model_dated", "rules_long_values",
)
"""The selector's inputs, in the order of its weights."""


def _values(kind: str, entry: Any) -> tuple[str, str]:
    if kind == "work":
        return fold(entry.company or ""), fold(entry.title or "")
    return fold(entry.institution or ""), fold(entry.degree or "")


def _dated(entry: Any) -> bool:
    return bool(entry.start_date or entry.end_date)


def _dates(entry: Any) -> tuple[Any, Any, bool]:
    return entry.start_date, entry.end_date, bool(entry.is_current)


def _share(items: Sequence[bool]) -> float:
    return sum(items) / len(items) if items else 0.0


def features(kind: str, model: Reading, rules: Reading) -> list[float]:
    """The selector's inputs for one section's two readings (see `FEATURES`)."""
    m = [e for e, _ in model]
    r = [e for e, _ in rules]
    m_conf = [c for _, c in model]
    r_ev = [c for _, c in rules]
    m_vals = [_values(kind, e) for e in m]
    r_vals = [_values(kind, e) for e in r]
    r_dates = {_dates(e) for e in r if _dated(e)}
    m_dates = {_dates(e) for e in m if _dated(e)}
    both = len(m) + len(r)
    same_dates = (sum(_dates(e) in r_dates for e in m if _dated(e)) + sum(_dates(e) in m_dates for e in r if _dated(e)))
    r_set, m_set = set(r_vals), set(m_vals)
    same_values = sum(v in r_set for v in m_vals) + sum(v in m_set for v in r_vals)
    return [
        1.0,
        math.log1p(len(m)),
        math.log1p(len(r)),
        (len(r) - len(m)) / max(len(r), len(m), 1),
        _share([all(v) for v in r_vals]),
        _share([all(v) for v in m_vals]),
        sum(r_ev) / len(r_ev) if r_ev else 0.0,
        min(r_ev, default=0.0),
        sum(m_conf) / len(m_conf) if m_conf else 0.0,
        min(m_conf, default=0.0),
        same_dates / both if both else 0.0,
        same_values / both if both else 0.0,
        _share([_dated(e) for e in r]),
        _share([_dated(e) for e in m]),
        _share([any(len(x) > 60 for x in v) for v in r_vals]),
    ]


@cache
def _selector() -> dict[str, Any]:
    try:
        return dict(read_json(SELECTOR))
    except (FileNotFoundError, OSError):
        return {}


def _spec(kind: str) -> dict[str, Any] | None:
    spec = _selector().get(kind)
    return spec if spec and spec.get("features") == list(FEATURES) else None


def trained(kind: str) -> bool:
    """Whether a trained selector for this kind of section is shipped (for the features this code makes)."""
    return _spec(kind) is not None


def rules_probability(kind: str, model: Reading, rules: Reading) -> float | None:
    """The selector's probability that the rules' reading is the better one; None without a selector."""
    spec = _spec(kind)
    if spec is None:
        return None
    x = features(kind, model, rules)
    z = sum(w * (v - mu) / sd for w, v, mu, sd in zip(spec["weights"], x, spec["mean"], spec["scale"], strict=True))
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def prefer_rules(kind: str, model: Reading, rules: Reading) -> bool:
    """Whether to keep the rules' reading of the section instead of the model's."""
    if not rules:
        return False
    p = rules_probability(kind, model, rules)
    return p is not None and p > 0.5
