"""Cut a section's lines into dated entries: header lines, date range, body (bullets and prose).

Shared by work history, volunteering and projects. An entry is anchored on a line that carries a date
range; its header is the short lines just above it (or, when there are none, just below it) and what is
left on the date line itself. A short line above a duration line ("3 years 2 months") or alone above a
run of roles is a group header: the company of several roles.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from statistics import median

from ..document import Line
from .dates import DateRange, closed_by, find_date_ranges, is_open, wrapped_end
from .wordlists import is_place

BULLET_RE = re.compile(
    r"^(?:[\u2022\u25aa\u25cf\u25e6\u2023\u2043*>\u27a2\u2794\u25ba\u25b8\u2713\u2714]|\d{1,2}[.)](?=\s))\s*"
)
DURATION_RE = re.compile(
    r"^\(?\s*(?:\d+(?:\.\d+)?\+?\s*(?:years?|yrs?|months?|mos?|jahre?|monate?|años?|meses|ans?|mois|anni|mesi|jaar)"
    r"\s*,?\s*){1,2}\)?$|^less than a year$",
    re.I,
)
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
PAREN_DURATION = re.compile(
    r"\(\s*(?:\d+\s*(?:years?|yrs?|months?|mos?)\s*,?\s*){1,2}\)|\(\s*less than a year\s*\)", re.I
)


@dataclass
class TextLine:
    text: str
    blank: bool
    bullet: bool
    gap_before: bool
    """A paragraph break before this line (a blank line, or a vertical gap in the layout)."""
    bold: bool = False


@dataclass
class RawEntry:
    header: list[str] = field(default_factory=list)
    """Header lines, top to bottom; the date line's own words come last."""
    dates: DateRange | None = None
    date_line: str = ""
    group: str | None = None
    """The group header above several roles (a company), when there is one."""
    body: list[TextLine] = field(default_factory=list)
    tail: str | None = None
    """A short line right under the date line (often the location)."""
    body_start: int = 0


def to_text_lines(lines: list[Line]) -> list[TextLine]:
    heights = [ln.bbox[3] - ln.bbox[1] for ln in lines if ln.bbox and ln.text]
    typical = median(heights) if heights else None
    out: list[TextLine] = []
    prev: Line | None = None
    run = 0
    for ln in lines:
        text = clean_markup(ln.text.strip())
        gap = False
        if prev is not None and typical and ln.bbox and prev.bbox and ln.page == prev.page:
            gap = ln.bbox[1] - prev.bbox[3] > 0.9 * typical
        if run:
            gap = True
        run = run + 1 if not text else 0
        if not text:
            continue  # a blank line lives on as the next line's gap_before
        out.append(TextLine(text=text, blank=not text, bullet=bool(BULLET_RE.match(text)), gap_before=gap,
                            bold=ln.bold))
        prev = ln if text else prev
    return out


_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:https?://|mailto:|www\.)[^)\s]*\)")
_MD_EMPHASIS = re.compile(r"(?<!\w)(\*{1,3}|_{2,3}|`+)(?=\S)(.+?)(?<=\S)\1(?!\w)")
_MD_RULE = re.compile(r"^\s*(?:[-=*_]\s*){3,}$")


def clean_markup(text: str) -> str:
    """Markdown and similar plain-text markup off a line: "### Title", "**bold**", "[x](url)", "-----"."""
    if _MD_RULE.match(text):
        return ""
    text = re.sub(r"^\s*#{1,6}\s+", "", text)
    text = _MD_LINK.sub(r"\1", text)
    for _ in range(2):  # nested emphasis
        text = _MD_EMPHASIS.sub(r"\2", text)
    return text.replace("**", "").strip()


def strip_bullet(text: str) -> str:
    return BULLET_RE.sub("", text).strip()


def _headerish(line: TextLine) -> bool:
    text = line.text
    if line.blank or line.bullet or len(text) > 90 or len(text.split()) > 12:
        return False
    # a sentence ends with a full stop; "Marlowe Retail B.V." and "Acme Inc." do not
    return not text.endswith((".", ":", ";")) or bool(re.search(r"(?:^|\s)(?:[A-Za-z]{1,4}\.){1,3}$", text))


def _anchor(line: TextLine, languages: tuple[str, ...]) -> DateRange | None:
    if line.blank:
        return None
    ranges = find_date_ranges(line.text, languages)
    if not ranges:
        return None
    best = max(ranges, key=lambda r: (r.end is not None or r.is_current, r.end_pos - r.start_pos))
    rest = (line.text[: best.start_pos] + " " + line.text[best.end_pos :]).strip()
    rest = PAREN_DURATION.sub("", rest)
    words = len(rest.split())
    at_edge = best.start_pos <= 3 or best.end_pos >= len(line.text.rstrip(" )")) - 2
    is_range = best.end is not None or best.is_current
    # a year inside a sentence is no anchor; a date range at either end of a short line is
    if words > 14 or (not at_edge and words > 8) or (not is_range and words > 6):
        return None
    if line.bullet and words > 4:
        return None
    return best


def date_line_rest(text: str, rng: DateRange) -> str:
    rest = text[: rng.start_pos] + " | " + text[rng.end_pos :]
    rest = PAREN_DURATION.sub(" ", rest)
    rest = re.sub(r"[()\[\]]", " ", rest)
    parts = [p.strip(" ,|-–—:·•\t") for p in re.split(r"\s[|·•]\s|\s{2,}|\s[-–—]\s|\|", rest)]
    return " | ".join(p for p in parts if p)


_WRAP_GAP = 3
"""At most this many lines from an open range ("04/2021 -") down to its wrapped end ("05/2021 NY")."""


def _joined_wrapped_ends(tl: list[TextLine], anchors: list[tuple[int, DateRange]], languages: tuple[str, ...]
                         ) -> tuple[list[tuple[int, DateRange]], set[int]]:
    """A range wrapped over two lines by a narrow side column ("04/2021 - New York," then "05/2021 NY") is one
    anchor, closed by the later line's date or word for now; that line starts no entry and, with the marks-only
    lines between ("• •"), is no body text. Returns the anchors and those lines."""
    at = dict(anchors)
    out: list[tuple[int, DateRange]] = []
    consumed: set[int] = set()
    for i, rng in anchors:
        if i in consumed:
            continue
        if is_open(tl[i].text, rng):
            for j in range(i + 1, min(i + 1 + _WRAP_GAP, len(tl))):
                if j in at and wrapped_end(tl[j].text, languages) is None:
                    break  # the next entry's own range
                end = wrapped_end(tl[j].text, languages)
                closed = closed_by(rng, end) if end is not None else None
                if closed is not None:
                    rng = closed
                    consumed.update(n for n in range(i + 1, j) if not any(c.isalnum() for c in tl[n].text))
                    consumed.add(j)
                    break
        out.append((i, rng))
    return [(i, r) for i, r in out if i not in consumed], consumed


def split_entries(
    lines: list[Line], languages: tuple[str, ...] = ("en",), title_like: Callable[[str], bool] | None = None
) -> list[RawEntry]:
    tl = to_text_lines(lines)
    found = [(i, r) for i, line in enumerate(tl) if (r := _anchor(line, languages)) is not None]
    anchors, wrapped = _joined_wrapped_ends(tl, found, languages)
    if not anchors:
        return []
    entries: list[RawEntry] = []
    rest_only = False
    used: set[int] = set(wrapped)
    starts: list[int] = []  # first line index of each entry (for cutting bodies)
    for k, (i, rng) in enumerate(anchors):
        boundary = anchors[k - 1][0] if k else -1
        # the previous entry's tail line (location) is not this entry's header
        t = boundary + 1
        if k and t < i and rest_only and not tl[t].gap_before and _headerish(tl[t]) and not (
            title_like is not None and title_like(tl[t].text)
        ):
            # "Engineer  2019 - 2021" / "Acme Inc, Denver": the previous entry's title shared its date line,
            # so the line under it is its own (the company), not this entry's header
            boundary = t
        elif k and t + 1 < i and not tl[t].gap_before and _headerish(tl[t]) and entries[-1].header:
            nxt = next((n for n in range(t + 1, i) if not tl[n].blank), i)
            heads_group = bool(DURATION_RE.match(tl[nxt].text))
            if is_place(tl[t].text) or (
                len(tl[t].text.split()) <= 6 and (tl[t + 1].blank or tl[t + 1].gap_before) and not heads_group
            ):
                boundary = t
        entry = RawEntry(dates=rng, date_line=tl[i].text)
        header: list[int] = []
        j = i - 1
        while j > boundary and tl[j].blank and not header:
            j -= 1
        while j > boundary and len(header) < 3:
            line = tl[j]
            if _URL_LINE.match(line.text) and not line.gap_before:
                j -= 1  # a link (often a page footer) between a title and its company line
                continue
            if DURATION_RE.match(line.text) or not _headerish(line) or j in used:
                break
            header.insert(0, j)
            if line.gap_before:
                # double-spaced text: a title alone above the company line still belongs to this entry
                above = j - 1
                if (len(header) == 1 and above > boundary and title_like is not None and not title_like(line.text)
                        and _headerish(tl[above]) and title_like(tl[above].text) and above not in used):
                    header.insert(0, above)
                break
            j -= 1
        # a group header: "Company" then "3 years 2 months" above the roles
        g = (header[0] if header else i) - 1
        while g > boundary and tl[g].blank:
            g -= 1
        if g > boundary and DURATION_RE.match(tl[g].text):
            g -= 1
            while g > boundary and tl[g].blank:
                g -= 1
            if g > boundary and _headerish(tl[g]) and g not in used:
                entry.group = tl[g].text
                used.add(g)
        first = min([*header, i, *([g] if entry.group else [])])
        rest = date_line_rest(tl[i].text, rng)
        entry.header = [tl[h].text for h in header] + ([rest] if rest else [])
        rest_only = bool(rest) and not header and not entry.group
        used.update(header)
        used.add(i)
        after = i + 1
        if not header and not rest:
            # the date came first: the header is the short lines under it
            while after < len(tl) and len(entry.header) < 2 and _headerish(tl[after]) and not (
                tl[after].gap_before and entry.header
            ):
                if _anchor(tl[after], languages):
                    break
                entry.header.append(tl[after].text)
                used.add(after)
                after += 1
        entries.append(entry)
        starts.append(first)
        entry.body_start = after
    for k, entry in enumerate(entries):
        start = entry.body_start
        stop = starts[k + 1] if k + 1 < len(entries) else len(tl)
        body = [tl[n] for n in range(start, stop) if n not in used]
        if body and not body[0].blank and not body[0].bullet and not body[0].gap_before and _headerish(body[0]):
            if len(body[0].text.split()) <= 6:
                entry.tail = body[0].text
                body = body[1:]
        entry.body = body
    return entries


def body_text(body: list[TextLine]) -> tuple[str | None, list[str]]:
    """Bullet lines -> highlights (continuation lines joined); prose -> description."""
    highlights: list[str] = []
    prose: list[str] = []
    in_bullet = False
    for line in body:
        if line.gap_before:
            in_bullet = False
        if line.bullet:
            highlights.append(strip_bullet(line.text))
            in_bullet = True
        elif in_bullet and highlights and (line.text[:1].islower() or not highlights[-1].endswith((".", "!"))):
            highlights[-1] = f"{highlights[-1]} {line.text}"
        else:
            in_bullet = False
            if prose and not line.gap_before and not prose[-1].endswith("\n"):
                prose[-1] = f"{prose[-1]} {line.text}"
            else:
                prose.append(line.text)
    description = "\n".join(p for p in prose if p).strip() or None
    return description, [h for h in highlights if h]
