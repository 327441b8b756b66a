"""Reading order from geometry: positioned words -> lines, column by column.

Shared by the PDF text layer and OCR output. Words become line fragments (words on one row, split where the
horizontal gap is wide); a column gutter is an x-range that (almost) no fragment crosses, with enough text on
both sides. Fragments that do cross it (a name or heading spanning both columns) cut the page into bands; each
band is read left column first, then right, and each side may split again (three columns).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

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

    def __post_init__(self) -> None:
        self.x0 = min(w.x0 for w in self.words)
        self.x1 = max(w.x1 for w in self.words)
        self.top = min(w.top for w in self.words)
        self.bottom = max(w.bottom for w in self.words)
        self.chars = sum(len(w.text) for w in self.words)


_MIN_GUTTER = 8.0
"""Narrowest column gutter in points; word gaps within a fragment are far smaller."""


def lines_from_words(words: list[Word], page: int, page_height: float | None = None) -> list[Line]:
    """Order the words of one page into lines, reading multi-column layouts column by column.

    With the page height, a running header or footer (in the top or bottom margin, apart from the text)
    is read first or last, whatever column it sits over, so repeated ones can be recognised and dropped."""
    if not words:
        return []
    fragments = [frag for row in _rows(words) for frag in _split_row(row)]
    header, body, footer = _margins(fragments, page_height)
    # each piece of page furniture its own line: "Name - CV" on the left, "Page 2 of 3" on the right
    ordered: list[list[_Fragment]] = [[f] for f in sorted(header, key=lambda f: (f.top, f.x0))]
    _order(body, ordered, first=0, depth=0)
    ordered.extend([f] for f in sorted(footer, key=lambda f: (f.top, f.x0)))
    return [_to_line(row, page) for row in ordered]


def _margins(
    frags: list[_Fragment], page_height: float | None
) -> tuple[list[_Fragment], list[_Fragment], list[_Fragment]]:
    if not page_height or len(frags) < 6:
        return [], frags, []
    band = 0.06 * page_height
    footer = [f for f in frags if f.top > page_height - band]
    header = [f for f in frags if f.bottom < band]
    edges = {id(f) for f in footer} | {id(f) for f in header}
    body = [f for f in frags if id(f) not in edges]
    if not body:
        return [], frags, []
    line = statistics.median(f.bottom - f.top for f in body)
    # only text set apart from the body by a clear gap is furniture
    if footer and min(f.top for f in footer) - max(f.bottom for f in body) < 2.0 * line:
        body, footer = body + footer, []
    if header and min(f.top for f in body) - max(f.bottom for f in header) < 2.0 * line:
        body, header = header + body, []
    return header, body, footer


def _rows(words: list[Word]) -> list[list[Word]]:
    """Group words into rows, top to bottom: a word joins a row when the centres line up.

    The row keeps the box of its first word (it does not grow), so tightly spaced lines never chain together.
    """
    rows: list[list[Word]] = []
    anchors: list[Word] = []
    for word in sorted(words, key=lambda w: (w.top + w.bottom) / 2):
        if rows and _same_row(anchors[-1], word):
            rows[-1].append(word)
        else:
            rows.append([word])
            anchors.append(word)
    return rows


def _same_row(anchor: Word, word: Word) -> bool:
    centre = (word.top + word.bottom) / 2
    anchor_centre = (anchor.top + anchor.bottom) / 2
    inset = 0.2 * anchor.height
    return (anchor.top + inset <= centre <= anchor.bottom - inset) or (
        word.top + 0.2 * word.height <= anchor_centre <= word.bottom - 0.2 * word.height
    )


def _split_row(row: list[Word]) -> list[_Fragment]:
    """Split a row where the gap between neighbouring words is wider than a few spaces."""
    row.sort(key=lambda w: w.x0)
    fragments: list[_Fragment] = []
    current = [row[0]]
    for word in row[1:]:
        # the smaller neighbour sets the scale: a large name beside small sidebar text must still split
        limit = max(_MIN_GUTTER, 1.2 * min(word.height, current[-1].height))
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
    labels = _label_column([f for f in frags if f.x1 <= g0], [f for f in frags if f.x0 >= g1])
    if labels:
        return _order_by_labels(frags, labels, out, first)
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
        # the gutter proper is the least covered stretch of the run that is still wide enough
        run = _least_covered(counts, start, b, int(_MIN_GUTTER / step))
        if run is None:
            continue
        run_start, run_end = run
        g0, g1 = left_edge + run_start * step, left_edge + run_end * step
        if g1 - g0 < _MIN_GUTTER or run_start == 0 or run_end >= bins:
            continue
        left = [f for f in frags if f.x1 <= g0 + step]
        right = [f for f in frags if f.x0 >= g1 - step]
        crossing = len(frags) - len(left) - len(right)
        # an empty stretch this wide, crossed by nothing, separates columns even when one side is short
        clear = crossing == 0 and g1 - g0 >= 3 * _MIN_GUTTER
        if crossing > allowed or not _is_column(right, frags, clear):
            continue
        if not _is_column(left, frags, clear) and not _margin_labels(left, right):
            continue
        if all(_dates_only(f) for f in right):
            continue  # right-aligned dates, each on its entry's row: they stay on that row
        if _aligned_rows(left, right) and not _label_column(left, right):
            continue
        score = min(len(left), len(right))
        if best is None or score > best[0]:
            best = (score, (g0 + step, g1 - step))
    return best[1] if best else None


def _least_covered(counts: list[int], start: int, end: int, min_bins: int) -> tuple[int, int] | None:
    """The longest stretch of bins in [start, end) at the lowest coverage level that gives min_bins or more."""
    for level in sorted(set(counts[start:end])):
        best: tuple[int, int] | None = None
        i = start
        while i < end:
            if counts[i] <= level:
                j = i
                while j < end and counts[j] <= level:
                    j += 1
                if j - i >= min_bins and (best is None or j - i > best[1] - best[0]):
                    best = (i, j)
                i = j
            else:
                i += 1
        if best is not None:
            return best
    return None


def _label_column(left: list[_Fragment], right: list[_Fragment]) -> list[_Fragment]:
    """The left side when it is a column of labels (section names or dates in a margin beside their content):
    few, sparse fragments, most on the row of a right-side fragment. Empty otherwise."""
    if not 2 <= len(left) <= 20 or len(left) * 2 > len(right):
        return []
    span = max(f.bottom for f in left) - min(f.top for f in left)
    if span <= 0 or sum(f.bottom - f.top for f in left) / span > 0.5:  # sidebars measured 0.73 and up
        return []
    # most sit on a row of the content; a label may also stand just above it ("Education", then the dates)
    beside = sum(
        1 for label in left if any(f.top - 2 <= (label.top + label.bottom) / 2 <= f.bottom + 2 for f in right)
    )
    return sorted(left, key=lambda f: f.top) if beside >= 0.6 * len(left) else []


def _margin_labels(left: list[_Fragment], right: list[_Fragment]) -> bool:
    """The left side is a margin of section names ("PARCOURS", "ÉTUDES") beside the content: too little text to
    be a column, but words each, never a column of bullets, nor of dates (those read best on their entries'
    rows, "2019 - 2021 Engineer at Acme")."""
    return all(sum(ch.isalpha() for w in f.words for ch in w.text) >= 3
               and not any(ch.isdigit() for w in f.words for ch in w.text) for f in left) and bool(
        _label_column(left, right))


def _order_by_labels(
    frags: list[_Fragment], labels: list[_Fragment], out: list[list[_Fragment]], first: int
) -> int:
    """Each label, then the content beside and below it down to the next label."""
    content = [f for f in frags if not any(f is label for label in labels)]
    tops = [label.top for label in labels] + [float("inf")]
    before = [f for f in content if (f.top + f.bottom) / 2 < labels[0].top - 2]
    if before:
        _order(before, out, first + 1, depth=3)
    for index, label in enumerate(labels):
        label.column = first
        out.append([label])
        band = [f for f in content if tops[index] - 2 <= (f.top + f.bottom) / 2 < tops[index + 1] - 2]
        if band:
            _order(band, out, first + 1, depth=3)
    return 2


def _is_column(side: list[_Fragment], frags: list[_Fragment], clear: bool) -> bool:
    """A side of a gutter is a column when it holds real text, not a stack of right-aligned dates."""
    if len(side) < (2 if clear else 3):
        return False
    if not clear and sum(f.chars for f in side) < 0.08 * sum(f.chars for f in frags):
        return False
    if len(side) >= 4:
        left_spread = statistics.pstdev(f.x0 for f in side)
        right_spread = statistics.pstdev(f.x1 for f in side)
        if right_spread < 2.0 and left_spread > 6.0:
            return False
    return True


_YEAR = re.compile(r"\b(?:19|20)\d{2}\b|\b(?:0?[1-9]|1[0-2])[/.]\d{2}\b")


def _dates_only(frag: _Fragment) -> bool:
    """A short fragment holding a date or a date range ("08/2025 - 12/2025", "Jan 2019 – Present")."""
    text = " ".join(w.text for w in frag.words)
    return len(text) <= 32 and bool(_YEAR.search(text)) and sum(ch.isalpha() for ch in text) <= 16


def _aligned_rows(left: list[_Fragment], right: list[_Fragment]) -> bool:
    """True when the two sides form a table read row by row rather than two columns.

    That is when nearly every fragment of the shorter side sits on the baseline of one of the other, and either
    the shorter side is sparse (a date beside each entry) or both sides are short items (label/value pairs).
    Two columns set with the same leading also share baselines, but one of them is dense running text.
    """
    small, large = (left, right) if len(left) <= len(right) else (right, left)
    if len(small) < 3:
        return False
    bottoms = [f.bottom for f in large]
    aligned = sum(1 for frag in small if any(abs(frag.bottom - b) <= 1.0 for b in bottoms))
    if aligned < 0.85 * len(small):
        return False
    span = max(f.bottom for f in small) - min(f.top for f in small)
    if span > 0 and sum(f.bottom - f.top for f in small) / span < 0.5:
        return True
    return statistics.median(f.chars for f in small) <= 25 and statistics.median(f.chars for f in large) <= 25


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
        words=[(w.text, (w.x0, w.top, w.x1, w.bottom)) for frag in row for w in frag.words],
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
