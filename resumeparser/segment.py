"""Section segmentation: find headings and cut the document into canonical sections.

Headings are found by a lexicon (`data/headings.json`, seven languages) and confirmed by layout: a short line,
bold, larger than the body text, all capitals, letter-spaced, or with a trailing colon. Lines styled like the
confirmed headings but missing from the lexicon become `other` sections. Each column keeps its own current
section, so a sidebar ("Contact", "Top Skills", "Languages") forms its own sections. The text before the first
heading is the `contact` block (the resume's header). A resume without headings is cut by content cues instead
(date ranges, degree and school words, comma lists), with `guessed=True` on those blocks.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from functools import cache
from typing import cast

from .datafiles import read_json
from .document import Document, Line, Span
from .models import SectionKind
from .normalize import strip_accents

_SEPARATORS = re.compile(r"\s+(?:and|y|e|et|und|u|en|ed)\s+|\s*[/|,;]\s*")
_BULLET_START = re.compile(r"^[\u2022\u25aa\u25cf\u25e6\u2023\u2043\u2219*\-–—>·•]\s*")
_NUMBERING = re.compile(r"^(?:\d{1,2}|[ivx]{1,4})[.)]\s+", re.I)
_URLISH = re.compile(r"@|https?://|www\.|\.com\b", re.I)
_FUNCTION_WORDS = {"for", "of", "in", "at", "on", "the", "de", "del", "la", "le", "des", "du", "der", "die", "das",
                   "fur", "von", "da", "do", "di", "della", "van", "het", "with", "to", "by", "a", "an"}
_CONTACT_LABEL = re.compile(r"\b(?:phone|tel|telephone|mobile|cell|e-?mail|móvil|telefon|téléphone)\b", re.I)
_NOT_HEADINGS = {"resume", "cv", "curriculum vitae", "curriculum", "lebenslauf", "hoja de vida", "curriculo"}

@dataclass(frozen=True)
class _Cues:
    date_range: re.Pattern[str]
    since: re.Pattern[str]
    degree: re.Pattern[str]
    school: re.Pattern[str]
    language: re.Pattern[str]
    proficiency: re.Pattern[str]
    certificate: re.Pattern[str]


def _words(items: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))


@cache
def _cues() -> _Cues:
    raw = read_json("cues.json")
    month = rf"(?:{_words(raw['months'])})\.?"
    year = r"(?:19|20)\d\d"
    date = rf"(?:{month}\s*{year}|\d{{1,2}}[./]{year}|{year}[./-]\d{{1,2}}|{year})"
    joiner = rf"(?:-|–|—|{_words(raw['range_words'])})"
    present = rf"(?:{_words(raw['present'])})"
    return _Cues(
        date_range=re.compile(rf"\b{date}\s*{joiner}\s*(?:{date}|{present})\b", re.I),
        since=re.compile(rf"^\W*(?:{_words(raw['since'])})\s+(?:{month}\s*)?{year}\b", re.I),
        degree=re.compile(rf"\b(?:{'|'.join(raw['degree_patterns'])}|{_words(raw['degrees'])})(?!\w)", re.I),
        school=re.compile(rf"\b(?:{_words(raw['schools'])})\b", re.I),
        language=re.compile(rf"\b(?:{_words(raw['languages'])})\b", re.I),
        proficiency=re.compile(rf"\b(?:{_words(raw['proficiency'])})\b|[:(]", re.I),
        # certificate abbreviations in capitals only ("CFA", not "cfa" inside a word)
        certificate=re.compile(
            rf"\b(?:(?i:{'|'.join(raw['certificate_patterns'])})|{_words(raw['certificates'])})\b"
        ),
    )


def date_range() -> re.Pattern[str]:
    """A date range in any of the seven languages: "Jan 2019 - Present", "03/2017 – 05/2019", "2015 bis 2018"."""
    return _cues().date_range


@dataclass
class Block:
    kind: SectionKind
    heading: str | None
    lines: list[Line] = field(default_factory=list)
    column: int = 0
    """The column the section's heading (or first line) was read from."""
    guessed: bool = False
    """True when the kind came from content cues rather than a recognised heading."""
    confidence: float = 1.0
    """How sure the heading (or the guess) is, 0..1."""
    heading_line: Line | None = None
    """The line the heading was read from (its page and box place margin headings)."""

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines).strip()


# ---------------------------------------------------------------- lexicon


def fold(text: str) -> str:
    """Lower-case, accents removed, `&`/`+` as `and`, punctuation as spaces: the key headings are matched on."""
    text = strip_accents(text).lower()
    text = re.sub(r"\s*[&+]\s*", " and ", text)
    text = re.sub(r"[^\w/|,;]+", " ", text).replace("_", " ")
    return " ".join(text.split())


@cache
def _lexicon() -> dict[str, SectionKind]:
    raw = read_json("headings.json")
    table: dict[str, SectionKind] = {}
    for kind, by_language in raw.items():
        if kind.startswith("_"):
            continue
        for phrases in by_language.values():
            for phrase in phrases:
                key = fold(phrase)
                table.setdefault(key, cast(SectionKind, kind))
                table.setdefault(key.replace(" ", ""), cast(SectionKind, kind))
    return table


_SMALL_CAPS_WORD = r"[^\W\d_][ \t]+[^\W\d_]{2,}[:.]?"
_SMALL_CAPS = re.compile(rf"{_SMALL_CAPS_WORD}(?:[ \t]+(?:[&/|+-][ \t]+)?{_SMALL_CAPS_WORD})*")
_SMALL_CAPS_JOIN = re.compile(r"(?<![^\W\d_])([^\W\d_])[ \t]+(?=[^\W\d_]{2})")


def _collapse_letter_spacing(text: str) -> str:
    """"E X P E R I E N C E" -> "EXPERIENCE"; "W O R K  H I S T O R Y" keeps the double space as a word break.

    Small capitals whose larger first letter came out as a word of its own read as the word too:
    "C ONTACT" -> "CONTACT", "W ORK E XPERIENCE" -> "WORK EXPERIENCE", when every word of the line has that
    shape and the line is in capitals (a line like "A TEAM PLAYER" has a word without it, and stays)."""
    stripped = text.strip()
    if re.fullmatch(r"(?:\w[ \t]+){3,}\w", stripped):
        words = re.split(r"\s{2,}", stripped)
        return " ".join(w.replace(" ", "") for w in words)
    if stripped.isupper() and _SMALL_CAPS.fullmatch(stripped):
        return _SMALL_CAPS_JOIN.sub(r"\1", stripped)
    return text


_COUNT = re.compile(r"\s*\(\d{1,3}\)$")


def clean_heading(text: str) -> str:
    text = _collapse_letter_spacing(text.strip())
    text = _NUMBERING.sub("", text)
    text = _COUNT.sub("", text)  # "Experience (5)": some themes print how many entries follow
    return text.strip(" :-–—|•*#=_.").strip()


def heading_kind(text: str) -> SectionKind | None:
    """The canonical kind of a heading text, or None. Exact phrases only (plus letter spacing and colon)."""
    kind, exact = _lookup(clean_heading(text))
    return kind if exact else None


def _lookup(text: str) -> tuple[SectionKind | None, bool]:
    """(kind, exact): exact when the whole heading is a lexicon phrase; otherwise a compound's first part
    or the heading's trailing words ("Relevant Work Experience" -> experience)."""
    key = fold(text)
    if not key or len(key) > 60 or key in _NOT_HEADINGS:
        return None, False
    table = _lexicon()
    plain = key.replace("/", " ").replace("|", " ").replace(",", " ").replace(";", " ")
    plain = " ".join(plain.split())
    if plain in table:
        return table[plain], True
    if plain.replace(" ", "") in table and " " not in plain:
        return table[plain.replace(" ", "")], True
    parts = [p for p in _SEPARATORS.split(key) if p and p.strip()]
    if len(parts) > 1:
        kinds = [table.get(p.strip()) for p in parts]
        found = [k for k in kinds if k is not None]
        if found and len(found) >= len(parts) - 1:
            # "Awards & Honors" is a heading; "Duties and Accomplishments" only when it looks like one
            return found[0], kinds[0] is not None
    words = plain.split()
    # a modified heading ("Relevant Work Experience", "Core Strengths"), never a phrase with a preposition
    if len(words) <= 4 and not set(words) & _FUNCTION_WORDS:
        for start in range(1, min(3, len(words))):
            tail = " ".join(words[start:])
            if tail in table:
                kind = table[tail]
                if kind == "summary":  # "Educational Summary", "Projects Summary": the subject decides
                    kind = _subject_kind(words[:start], table) or kind
                return kind, False
    return None, False


def _subject_kind(words: list[str], table: dict[str, SectionKind]) -> SectionKind | None:
    for word in words:
        for form in (word, word.removesuffix("s"), word.removesuffix("al"), word.removesuffix("ic")):
            kind = table.get(form)
            if kind is not None and kind not in ("summary", "other"):
                return kind
    return None


# ---------------------------------------------------------------- layout


@dataclass(frozen=True)
class _Style:
    caps: bool
    bold: bool
    size: float | None
    """Rounded font size when larger than the body text, else None."""
    colon: bool

    @property
    def marked(self) -> bool:
        return self.caps or self.bold or self.size is not None or self.colon


def _letters(text: str) -> str:
    return "".join(filter(str.isalpha, text))


def _style(line: Line, body_size: float | None, body_bold: bool) -> _Style:
    text = _collapse_letter_spacing(line.text)
    letters = _letters(text)
    size = line.font_size
    bigger = size is not None and body_size is not None and size >= body_size * 1.12
    return _Style(
        caps=len(letters) >= 3 and letters.isupper(),
        bold=line.bold and not body_bold,
        size=round(size) if bigger and size else None,
        colon=text.rstrip().endswith(":"),
    )


def _heading_shape(text: str) -> bool:
    """A heading is short and is neither a bullet item, a sentence, nor contact details."""
    stripped = text.strip()
    if not stripped or len(stripped) > 60 or _BULLET_START.match(stripped):
        return False
    if _URLISH.search(stripped) or (stripped.endswith((".", ",", ";")) and not stripped.endswith("etc.")):
        return False
    words = clean_heading(stripped).split()
    if not words or len(words) > 6:
        return False
    digits = sum(ch.isdigit() for ch in stripped)
    return digits <= 2 and len(_letters(stripped)) >= 3


def _body_stats(lines: list[Line]) -> tuple[float | None, bool]:
    sizes: list[float] = []
    bold_chars = plain_chars = 0
    for line in lines:
        for span in line.spans:
            n = len(span.text)
            if span.font_size:
                sizes.extend([span.font_size] * min(n, 200))
            if span.bold:
                bold_chars += n
            else:
                plain_chars += n
    body = statistics.median(sizes) if sizes else None
    return body, bold_chars > plain_chars


# ---------------------------------------------------------------- segmentation


@dataclass
class _Candidate:
    index: int
    kind: SectionKind | None
    exact: bool
    style: _Style
    heading: str
    rest: str = ""
    """Text after an inline heading ("Skills: Python, SQL")."""
    layout_only: bool = False
    """Not in the lexicon: a heading by its look alone."""
    continued: int | None = None
    """The line the heading continues on ("Parcours" over "professionnel" in a narrow margin column)."""


def _candidates(lines: list[Line], body_size: float | None, body_bold: bool) -> list[_Candidate]:
    found: list[_Candidate] = []
    for i, line in enumerate(lines):
        text = line.text
        if not text:
            continue
        style = _style(line, body_size, body_bold)
        # an inline heading: "Skills: Python, SQL, Docker"
        head, colon, rest = text.partition(":")
        if colon and rest.strip() and len(head) <= 40 and not _BULLET_START.match(head):
            kind, exact = _lookup(clean_heading(head))
            if kind is not None and exact and kind != "contact":
                found.append(_Candidate(i, kind, True, style, clean_heading(head), rest.strip()))
                continue
        if _heading_shape(text):
            wrapped = _wrapped_heading(lines, i)
            if wrapped is not None:
                below, joined = wrapped
                found.append(_Candidate(i, heading_kind(joined), True, style, clean_heading(joined), continued=below))
                continue
            kind, exact = _lookup(clean_heading(text))
            found.append(_Candidate(i, kind, exact, style, clean_heading(text)))
        elif _BULLET_START.match(text) and style.marked and not _among_bullets(lines, i):
            # an icon before a heading reads as a bullet ("\uf0b1 EXPERIENCE" -> "• EXPERIENCE"); a lone marked
            # line that is exactly a heading is one, an item of a bulleted list is not
            rest = _BULLET_START.sub("", text)
            kind, exact = _lookup(clean_heading(rest))
            if kind is not None and exact and _heading_shape(rest):
                found.append(_Candidate(i, kind, exact, style, clean_heading(rest)))
    return found


def _wrapped_heading(lines: list[Line], i: int) -> tuple[int, str] | None:
    """(index of the next line, the heading both make) when line `i` and the next line of its column are a
    heading of the lexicon only together, one under the other: a heading wrapped in a narrow margin column
    ("Parcours" over "professionnel", often smaller). Boxes must tell: in plain text two short lines are as
    often a heading and an employer."""
    here = lines[i]
    if here.bbox is None:
        return None
    below = next((n for n in range(i + 1, min(len(lines), i + 6))
                  if lines[n].column == here.column and lines[n].page == here.page and lines[n].text), None)
    if below is None:
        return None
    box = lines[below].bbox
    height = max(1.0, here.bbox[3] - here.bbox[1])
    if box is None or box[1] - here.bbox[3] > height * 0.8 or abs(box[0] - here.bbox[0]) > height:
        return None
    text = lines[below].text
    if not _heading_shape(text) or heading_kind(text) is not None:
        return None
    joined = f"{here.text} {text}"
    return (below, joined) if _heading_shape(joined) and heading_kind(joined) is not None else None


def _among_bullets(lines: list[Line], index: int) -> bool:
    neighbours = [ln.text for ln in lines[max(0, index - 1) : index + 2] if ln.text and ln is not lines[index]]
    return any(_BULLET_START.match(t) for t in neighbours)


def _followed_by_content(lines: list[Line], index: int) -> bool:
    for line in lines[index + 1 : index + 4]:
        if line.text:
            return True
    return False


def _blank_or_gap_before(lines: list[Line], index: int) -> bool:
    if index == 0:
        return True
    prev = lines[index - 1]
    if not prev.text:
        return True
    here = lines[index]
    if prev.bbox and here.bbox and prev.page == here.page:
        height = max(1.0, here.bbox[3] - here.bbox[1])
        return here.bbox[1] - prev.bbox[3] > height * 0.6
    return False


def _choose_headings(lines: list[Line], cands: list[_Candidate], has_fonts: bool) -> dict[int, _Candidate]:
    known = [c for c in cands if c.kind is not None and c.exact and (c.rest or _followed_by_content(lines, c.index))]
    marked = [c for c in known if c.style.marked]
    # When most recognised headings carry a layout cue, a plain-looking match is body text ("Software").
    need_mark = len(marked) >= 2 and len(marked) >= 0.6 * len(known)
    chosen = {c.index: c for c in known if c.style.marked or not need_mark or c.rest}
    styles = [c.style for c in chosen.values() if c.style.marked]
    dominant = max(set(styles), key=styles.count) if styles else None
    first = min(chosen) if chosen else None
    for c in cands:
        if c.index in chosen or first is None or c.index < first or c.rest:
            continue
        if not _followed_by_content(lines, c.index):
            continue
        if c.kind is not None and (c.style == dominant or (dominant is None and c.style.marked)
                                   or (c.style.marked and c.style.colon)):
            chosen[c.index] = c  # a compound or modified heading, confirmed by layout
        elif dominant is not None and c.style == dominant and has_fonts and _looks_like_unknown_heading(lines, c):
            # only where fonts tell headings apart: in plain text, capitals alone also mark names of employers
            chosen[c.index] = _Candidate(c.index, "other", False, c.style, c.heading, layout_only=True)
    return chosen


def _looks_like_unknown_heading(lines: list[Line], cand: _Candidate) -> bool:
    """A line styled like the headings but not in the lexicon: also set off from what precedes it, and not one
    item of a run of look-alike lines (a list of skills in capitals)."""
    if len(cand.heading.split()) > 5 or len(_letters(cand.heading)) < 4:
        return False
    if not _blank_or_gap_before(lines, cand.index):
        return False
    neighbours = [lines[j] for j in (cand.index - 1, cand.index + 1) if 0 <= j < len(lines) and lines[j].text]
    same = [ln for ln in neighbours if _heading_shape(ln.text) and _letters(ln.text).isupper() == cand.style.caps]
    return len(same) < 2 and not (neighbours and all(_heading_shape(n.text) for n in neighbours) and cand.style.caps
                                  and all(_letters(n.text).isupper() for n in neighbours))


def _repeated_headings(chosen: dict[int, _Candidate]) -> tuple[set[int], set[int]]:
    """(line indexes of headings written more than once with the same words and not inline, line indexes of a
    heading's copy right under it). A section comes once, a sub-heading of every entry ("Highlights",
    "Responsibilities") again and again; a heading printed twice in a row (an HTML page's hidden and visible
    copies) is one heading."""
    by_text: dict[str, list[int]] = {}
    for index, cand in sorted(chosen.items()):
        if not cand.rest:
            by_text.setdefault(fold(cand.heading), []).append(index)
    repeated: set[int] = set()
    copies: set[int] = set()
    for indexes in by_text.values():
        kept = [indexes[0]]
        for i in indexes[1:]:
            if i == kept[-1] + 1 or i in {c + 1 for c in copies}:
                copies.add(i)
            else:
                kept.append(i)
        if len(kept) >= 2:
            repeated.update(kept)
    return repeated, copies


# inline labels that group the items of a skills section rather than open a section of their own
_GROUP_LABELS: set[SectionKind | None] = {"skills", "languages", "interests", "other"}


def segment(doc: Document) -> list[Block]:
    """Cut the document into blocks; the first is always the `contact` header (possibly empty, then dropped)."""
    lines = doc.lines
    body_size, body_bold = _body_stats(lines)
    chosen = _choose_headings(lines, _candidates(lines, body_size, body_bold), body_size is not None)
    repeated, copies = _repeated_headings(chosen)
    continuations = {c.continued for c in chosen.values() if c.continued is not None}

    contact = Block(kind="contact", heading=None)
    blocks = [contact]
    current: dict[int, Block] = {}  # column -> its open block
    last_page = 1
    for i, line in enumerate(lines):
        if line.page != last_page:  # a new page: each column finds its block again (see _nearest_block)
            current = {}
            last_page = line.page
        if i in copies or i in continuations:
            continue  # the same heading again on the next line, or the second line of a wrapped heading
        cand = chosen.get(i)
        if cand is not None and i in repeated and current.get(line.column) not in (None, contact):
            cand = None  # "Highlights" under each role: a part of the entries, not a section
        if cand is not None and cand.rest and cand.kind in _GROUP_LABELS:
            open_block = current.get(line.column)
            if open_block is not None and open_block.kind == "skills":
                cand = None  # "Languages: Go, Python", "Tools: Docker" under Skills: a group of skills, not a section
        if cand is not None and cand.kind is not None:
            block = Block(
                kind=cand.kind, heading=cand.heading, column=line.column, heading_line=line,
                confidence=1.0 if cand.exact else 0.4 if cand.layout_only else 0.6, guessed=cand.layout_only,
            )
            blocks.append(block)
            current[line.column] = block
            if cand.rest:
                block.lines.append(_with_text(line, cand.rest))
            continue
        block_for = current.get(line.column)
        if block_for is None:
            block_for = contact if line.page == 1 or len(blocks) == 1 else _nearest_block(blocks, line)
            current[line.column] = block_for
        block_for.lines.append(line)

    _attach_to_margin_headings(blocks)
    if len(blocks) == 1 or (len(blocks) == 2 and blocks[1].kind == "contact"):
        blocks = _split_by_content(blocks)
    else:
        for block in blocks:
            if block.kind == "other" and block.guessed:
                kind = _content_kind([ln.text for ln in block.lines])
                if kind is not None:
                    block.kind = kind
    return [b for b in blocks if b.lines or b.heading]


def _attach_to_margin_headings(blocks: list[Block]) -> None:
    """Headings set in a margin column beside their content ("Employment History" on the left, the jobs on the
    right, top-aligned): when a column holds headings and next to nothing else, each line of the other columns
    goes to the last heading at or above it, on its page or an earlier one."""
    by_column: dict[int, list[Block]] = {}
    for block in blocks:
        if block.heading_line is not None and block.heading_line.bbox is not None:
            by_column.setdefault(block.column, []).append(block)
    tops = [(ln.page, ln.column, ln.bbox[1]) for b in blocks for ln in b.lines if ln.bbox is not None]

    def aligned(block: Block) -> bool:  # a line of another column starts level with the heading
        page, top = _heading_position(block)
        return any(p == page and c != block.column and abs(t - top) <= 4 for p, c, t in tops)

    def undated(block: Block) -> int:  # dates beside their entries ("2019 - 2021" under the heading) are no content
        return sum(1 for ln in block.lines if not _DATE_LINE.match(ln.text))

    margins = {
        c for c, bs in by_column.items()
        if len(bs) >= 2 and sum(undated(b) for b in bs) <= len(bs) // 3
        and sum(aligned(b) for b in bs) * 2 >= len(bs)
    }
    if not margins:
        return
    heads = sorted((b for c in margins for b in by_column[c]), key=_heading_position)
    for block in blocks:
        if block.column in margins and block in heads:
            continue
        kept: list[Line] = []
        for line in block.lines:
            target = None
            if line.bbox is not None and line.column not in margins:
                here = (line.page, line.bbox[1] + 3.0)
                above = [h for h in heads if _heading_position(h) <= here]
                target = above[-1] if above else None
            if target is None or target is block:
                kept.append(line)
            else:
                target.lines.append(line)
        block.lines = kept
    for head in heads:  # a margin's dates go in among the lines beside them
        if any(ln.column in margins for ln in head.lines) and all(ln.bbox is not None for ln in head.lines):
            head.lines.sort(key=lambda ln: (ln.page, ln.bbox[1] if ln.bbox else 0.0))


_DATE_LINE = re.compile(r"^[\W\d]*(?:\d{4}|\d{1,2}[/.]\d{2,4})\b.{0,40}$")
"""A line that opens with a year or a numeric date and is short: the dates of a margin column."""


def _heading_position(block: Block) -> tuple[int, float]:
    line = block.heading_line
    assert line is not None and line.bbox is not None
    return line.page, line.bbox[1]


def _with_text(line: Line, text: str) -> Line:
    size = line.font_size
    return Line(spans=[Span(text=text, font_size=size)], page=line.page, bbox=line.bbox, column=line.column,
                links=list(line.links), ocr_confidence=line.ocr_confidence, words=line.words)


def _nearest_block(blocks: list[Block], line: Line) -> Block:
    """On a later page, a column without a heading yet continues the latest block whose lines sit at the same x."""
    if line.bbox is None:
        return blocks[-1]
    distances: list[tuple[float, int]] = []
    for n, block in enumerate(blocks):
        xs = [ln.bbox[0] for ln in block.lines if ln.bbox is not None]
        if xs:
            distances.append((abs(statistics.median(xs) - line.bbox[0]), n))
    if not distances:
        return blocks[-1]
    closest = min(d for d, _ in distances)
    return blocks[max(n for d, n in distances if d <= closest + 15)]


# ---------------------------------------------------------------- content cues


def _line_cue(text: str) -> SectionKind | None:
    if _URLISH.search(text) or _CONTACT_LABEL.search(text):
        return None  # contact details
    cues = _cues()
    if cues.language.search(text) and cues.proficiency.search(text) and len(text.split()) <= 8:
        return "languages"
    if cues.certificate.search(text):
        return "certifications"
    if cues.degree.search(text) or cues.school.search(text):
        return "education"
    if cues.date_range.search(text) or cues.since.search(text):
        return "experience"
    # a list of skills: three or more short items between commas (or five between bars and bullets)
    commas = [p.strip() for p in re.split(r"[,;]", text) if p.strip()]
    bars = [p.strip() for p in re.split(r"[|•·]", text) if p.strip()]
    items = commas if len(commas) >= 3 else bars if len(bars) >= 5 else []
    if (items and all(len(p.split()) <= 4 and not re.search(r"\d{3}", p) for p in items)
            and not text.rstrip().endswith(".")):
        return "skills"
    return None


def _content_kind(texts: list[str]) -> SectionKind | None:
    counts: dict[SectionKind, int] = {}
    for text in texts:
        cue = _line_cue(text)
        if cue is not None:
            counts[cue] = counts.get(cue, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] >= max(1, len([t for t in texts if t]) // 6) else None


def _entry_title(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 8 and not _URLISH.search(text) and sum(ch.isdigit() for ch in text) < 4


def _split_by_content(blocks: list[Block]) -> list[Block]:
    """No headings: keep the header as contact, then group lines into guessed sections by their cues."""
    lines = [ln for b in blocks for ln in b.lines]
    cues = [_line_cue(ln.text) if ln.text else None for ln in lines]
    for i in range(len(cues) - 1):
        # "Analyst, Acme Corp, Austin" looks like a list, but a date range under it makes it an entry's title
        following = next((c for j, c in enumerate(cues[i + 1 :], i + 1) if lines[j].text), None)
        if cues[i] == "skills" and following == "experience":
            cues[i] = None
    first = next((i for i, c in enumerate(cues) if c is not None), len(lines))
    # the header ends at the first cue or at the first long sentence (a summary paragraph)
    end_header = first
    for i, ln in enumerate(lines[:first]):
        if len(ln.text.split()) >= 12 and i >= 1:
            end_header = i
            break
    if end_header == first and 1 < first < len(lines) and _entry_title(lines[first - 1].text):
        end_header = first - 1  # "Senior Engineer, Acme" just above the first date range starts the entries
    out = [Block(kind="contact", heading=None, lines=lines[:end_header], column=blocks[0].column)]
    if end_header < first:
        out.append(Block(kind="summary", heading=None, lines=lines[end_header:first], guessed=True,
                         confidence=0.5))
    current: Block | None = None
    for i in range(first, len(lines)):
        cue = cues[i]
        if cue is None or (current is not None and cue == current.kind):
            if current is not None:
                current.lines.append(lines[i])
            continue
        if cue == "experience":
            window = [c for c in cues[max(first, i - 1) : i + 3] if c is not None]
            if "education" in window:
                cue = "education"
        if current is not None and cue == current.kind:
            current.lines.append(lines[i])
            continue
        current = Block(kind=cue, heading=None, lines=[lines[i]], guessed=True, confidence=0.5)
        if i == first:
            current.lines[:0] = lines[end_header:first] if end_header < first and out[-1].kind == "contact" else []
        # a title line just above a date range belongs with it
        prev = out[-1] if out else None
        if (prev is not None and prev.lines and prev.kind != "contact" and prev.lines[-1] is lines[i - 1]
                and cues[i - 1] is None and 0 < len(lines[i - 1].text.split()) <= 8):
            moved = prev.lines.pop()
            current.lines.insert(0, moved)
        out.append(current)
    return [b for b in out if b.lines or b.kind == "contact"]
