"""Reading order from geometry: positioned words -> lines, column by column.

Shared by the PDF text layer and OCR output. Words become line fragments (words on one row, split where the
horizontal gap is wide); a column gutter is an x-range that (almost) no fragment crosses, with enough text on
both sides. Fragments that do cross it (a name or heading spanning both columns) cut the page into bands; each
band is read left column first, then right, and each side may split again (three columns).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from ..document import BBox, Line, Span


@dataclass(slots=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float | None = None
    font: str | None = None
    bold: bool = False
    italic: bool = False
    confidence: float | None = None

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 0.1)


@dataclass(slots=True)
class _Fragment:
    words: list[Word]
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    chars: int = 0
    column: int = 0
    row_key: float = field(default=0.0)

    def __post_init__(self) -> None:
        self.x0 = min(w.x0 for w in self.words)
        self.x1 = max(w.x1 for w in self.words)
        self.top = min(w.top for w in self.words)
        self.bottom = max(w.bottom for w in self.words)
        self.chars = sum(len(w.text) for w in self.words)


_MIN_GUTTER = 8.0
"""Narrowest column gutter in points; word gaps within a fragment are far smaller."""


def lines_from_words(words: list[Word], page: int) -> list[Line]:
    """Order the words of one page into lines, reading multi-column layouts column by column."""
    if not words:
        return []
    fragments = [frag for row in _rows(words) for frag in _split_row(row)]
    ordered: list[list[_Fragment]] = []
    _order(fragments, ordered, first=0, depth=0)
    return [_to_line(row, page) for row in ordered]


def _rows(words: list[Word]) -> list[list[Word]]:
    """Group words into rows by vertical overlap, top to bottom."""
    rows: list[list[Word]] = []
    bounds: list[tuple[float, float]] = []
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        centre = (word.top + word.bottom) / 2
        if rows:
            top, bottom = bounds[-1]
            if top <= centre <= bottom and _overlap(word.top, word.bottom, top, bottom) > 0.4 * min(
                word.height, bottom - top
            ):
                rows[-1].append(word)
                bounds[-1] = (min(top, word.top), max(bottom, word.bottom)) if word.height < 2 * (
                    bottom - top
                ) else (top, bottom)
                continue
        rows.append([word])
        bounds.append((word.top, word.bottom))
    return rows


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def _split_row(row: list[Word]) -> list[_Fragment]:
    """Split a row where the gap between neighbouring words is wider than a few spaces."""
    row.sort(key=lambda w: w.x0)
    sizes = [w.height for w in row]
    height = statistics.median(sizes)
    limit = max(_MIN_GUTTER, 1.2 * height)
    fragments: list[_Fragment] = []
    current = [row[0]]
    for word in row[1:]:
        if word.x0 - current[-1].x1 > limit:
            fragments.append(_Fragment(current))
            current = [word]
        else:
            current.append(word)
    fragments.append(_Fragment(current))
    return fragments


def _order(frags: list[_Fragment], out: list[list[_Fragment]], first: int, depth: int) -> int:
    """Append rows of fragments to `out` in reading order; columns are numbered from `first`, left to right.

    Returns how many columns were used."""
    gutter = _find_gutter(frags) if depth < 3 else None
    if gutter is None:
        for frag in frags:
            frag.column = first
        out.extend(_rows_of_fragments(frags))
        return 1
    g0, g1 = gutter
    crossing = sorted((f for f in frags if f.x0 < g1 and f.x1 > g0), key=lambda f: f.top)
    # crossing fragments (a heading across both columns) cut the page into bands, each read left then right
    bands: list[list[_Fragment]] = [[] for _ in range(len(crossing) + 1)]
    for frag in frags:
        if not (frag.x0 < g1 and frag.x1 > g0):
            centre = (frag.top + frag.bottom) / 2
            bands[sum(1 for c in crossing if (c.top + c.bottom) / 2 < centre)].append(frag)
    used = 2
    for index, band in enumerate(bands):
        left = [f for f in band if f.x1 <= g0]
        right = [f for f in band if f.x0 >= g1]
        width = _order(left, out, first, depth + 1) if left else 1
        used = max(used, width + (_order(right, out, first + width, depth + 1) if right else 1))
        if index < len(crossing):
            crossing[index].column = first
            out.append([crossing[index]])
    return used


def _find_gutter(frags: list[_Fragment]) -> tuple[float, float] | None:
    """The x-range of a column gutter, or None when the fragments form one column."""
    if len(frags) < 6:
        return None
    left_edge = min(f.x0 for f in frags)
    right_edge = max(f.x1 for f in frags)
    step = 2.0
    bins = int((right_edge - left_edge) / step) + 1
    if bins < 10:
        return None
    counts = [0] * bins
    for f in frags:
        for b in range(int((f.x0 - left_edge) / step), min(bins, int((f.x1 - left_edge) / step) + 1)):
            counts[b] += 1
    allowed = max(2, len(frags) // 7)
    best: tuple[int, tuple[float, float]] | None = None
    b = 0
    while b < bins:
        if counts[b] > allowed:
            b += 1
            continue
        start = b
        while b < bins and counts[b] <= allowed:
            b += 1
        g0, g1 = left_edge + start * step, left_edge + b * step
        if g1 - g0 < _MIN_GUTTER or start == 0 or b >= bins:
            continue
        left = [f for f in frags if f.x1 <= g0 + step]
        right = [f for f in frags if f.x0 >= g1 - step]
        crossing = len(frags) - len(left) - len(right)
        if crossing > allowed or not _is_column(left, frags) or not _is_column(right, frags):
            continue
        score = min(len(left), len(right))
        if best is None or score > best[0]:
            best = (score, (g0 + step, g1 - step))
    return best[1] if best else None


def _is_column(side: list[_Fragment], frags: list[_Fragment]) -> bool:
    """A side of a gutter is a column when it holds real text, left-aligned, not a stack of right-aligned dates."""
    if len(side) < 3 or sum(f.chars for f in side) < 0.08 * sum(f.chars for f in frags):
        return False
    if len(side) >= 4:
        left_spread = statistics.pstdev(f.x0 for f in side)
        right_spread = statistics.pstdev(f.x1 for f in side)
        if right_spread < 2.0 and left_spread > 6.0:
            return False
    return True


def _rows_of_fragments(frags: list[_Fragment]) -> list[list[_Fragment]]:
    """Fragments of one column regrouped into rows (a title and its right-aligned date stay one line)."""
    rows: list[list[_Fragment]] = []
    for frag in sorted(frags, key=lambda f: ((f.top + f.bottom) / 2, f.x0)):
        if rows:
            last = rows[-1]
            top = min(f.top for f in last)
            bottom = max(f.bottom for f in last)
            centre = (frag.top + frag.bottom) / 2
            if top <= centre <= bottom:
                last.append(frag)
                continue
        rows.append([frag])
    for row in rows:
        row.sort(key=lambda f: f.x0)
    return rows


def _to_line(row: list[_Fragment], page: int) -> Line:
    spans: list[Span] = []
    confidences: list[float] = []
    for frag in row:
        group: list[Word] = []
        for word in frag.words:
            if word.confidence is not None:
                confidences.append(word.confidence)
            if group and _style(group[-1]) != _style(word):
                spans.append(_span(group))
                group = []
            group.append(word)
        spans.append(_span(group))
    bbox: BBox = (
        min(f.x0 for f in row),
        min(f.top for f in row),
        max(f.x1 for f in row),
        max(f.bottom for f in row),
    )
    return Line(
        spans=spans,
        page=page,
        bbox=bbox,
        column=row[0].column,
        ocr_confidence=sum(confidences) / len(confidences) if confidences else None,
    )


def _style(word: Word) -> tuple[str | None, float | None, bool, bool]:
    return (word.font, round(word.size, 1) if word.size else None, word.bold, word.italic)


def _span(words: list[Word]) -> Span:
    first = words[0]
    return Span(
        text=" ".join(w.text for w in words),
        bbox=(min(w.x0 for w in words), min(w.top for w in words), max(w.x1 for w in words),
              max(w.bottom for w in words)),
        font_size=round(first.size, 2) if first.size else None,
        bold=first.bold,
        italic=first.italic,
        font=first.font,
    )
