"""Training labels: the source record's values aligned to the lines the project's own extractor makes.

A rendered document is read exactly as at parse time (extract -> normalise -> segment); in its experience
and education sections every line gets a role and every header line's tokens a field, by finding the
record's values in the text:

- header fields (title, company, location; institution, degree, area) by their folded tokens, whole or, for
  a value wrapped over two lines, a prefix at a line's end or a suffix at the next line's start;
- dates by parsing the line's date ranges and comparing them with the record's, to the precision shown;
- an entry starts (`B-`) at the first line holding one of its fields; entries are taken in the record's
  order, a value matching several entries going to the first whose field is still unfilled (so a company
  printed once above several roles labels the first of them);
- lines whose words come from the entries' highlights or summary are DESC; the rest OTHER.

The document's alignment coverage (share of the record's titles, companies, institutions and dates found)
is kept so that badly aligned documents can be left out of training.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from resumeparser.assemble import education_lines, work_lines
from resumeparser.document import Document, Line
from resumeparser.fields.dates import find_date_ranges
from resumeparser.normalize import normalize, strip_accents
from resumeparser.pipeline import read_document as extracted_document
from resumeparser.segment import segment
from resumeparser.tagging.features import SectionLine, rule_entries, rule_marks, section_lines, tokens

ALL_LANGUAGES = ("en", "es", "fr", "de", "pt", "it", "nl")
WORK_FIELDS = ("TITLE", "COMPANY", "LOCATION")
EDU_FIELDS = ("INSTITUTION", "DEGREE", "AREA")


def fold(text: str) -> str:
    """A token's matching key: no accents, lower case, "&" as "and", no punctuation."""
    return re.sub(r"[^\w+#]", "", strip_accents(text).lower().replace("&", "and"))


@dataclass
class TruthEntry:
    fields: dict[str, str]
    start: str | None
    end: str | None
    current: bool
    desc: str = ""


@dataclass
class Truth:
    work: list[TruthEntry]
    education: list[TruthEntry]


def _month(value: Any) -> str | None:
    m = re.match(r"^(\d{4})(?:-(\d{1,2}))?", str(value or ""))
    return (m.group(1) + (f"-{int(m.group(2)):02d}" if m.group(2) else "")) if m else None


def truth_from_jsonresume(record: dict[str, Any]) -> Truth:
    work = []
    for w in record.get("work") or []:
        fields = {"TITLE": w.get("position"), "COMPANY": w.get("name"), "LOCATION": w.get("location")}
        desc = " ".join([w.get("summary") or "", *(w.get("highlights") or [])])
        end = _month(w.get("endDate"))
        work.append(TruthEntry({k: v for k, v in fields.items() if v}, _month(w.get("startDate")), end,
                               bool(w.get("startDate")) and not w.get("endDate"), desc))
    education = []
    for e in record.get("education") or []:
        fields = {"INSTITUTION": e.get("institution"), "DEGREE": e.get("studyType"), "AREA": e.get("area"),
                  "LOCATION": e.get("location")}
        desc = " ".join([e.get("score") or "", *(e.get("courses") or [])])
        education.append(TruthEntry({k: v for k, v in fields.items() if v}, _month(e.get("startDate")),
                                    _month(e.get("endDate")), bool(e.get("startDate")) and not e.get("endDate"),
                                    desc))
    return Truth(work, education)


@dataclass
class LabelledSection:
    kind: str
    """work or education"""
    lines: list[SectionLine]
    labels: list[str]
    token_labels: dict[int, list[str]] = field(default_factory=dict)
    """Line index -> one field label per token (header lines only)."""
    found: int = 0
    wanted: int = 0
    marks: list[list[tuple[str, int, int]]] = field(default_factory=list)
    """Where the hand-written rules read values (a feature; see `rule_marks`)."""


def _keys(text: str) -> list[str]:
    return [fold(t.text) for t in tokens(text)]


def _find(line_keys: list[str], value: str) -> tuple[int, int] | None:
    """Token range [i, j) of the value in the line: whole, or the wrapped part at the line's end or start."""
    want = [k for k in _keys(value) if k]
    if not want:
        return None
    pos = [n for n, k in enumerate(line_keys) if k]
    seq = [line_keys[n] for n in pos]
    m = len(want)
    for s in range(len(seq) - m + 1):
        if seq[s : s + m] == want:
            return pos[s], pos[s + m - 1] + 1
    if m >= 3:
        # wrapped: a prefix of the value ends the line, or a suffix of it starts the line
        for size in range(m - 1, max(1, (m + 1) // 2) - 1, -1):
            if size >= 2 or size * 2 >= m:
                if seq[-size:] == want[:size] and len(seq) >= size:
                    return pos[len(seq) - size], pos[-1] + 1
                if seq[:size] == want[-size:]:
                    return pos[0], pos[size - 1] + 1
    return None


def _date_matches(text: str, entry: TruthEntry) -> list[tuple[int, int]]:
    """Character spans of the line's date ranges that agree with the entry's dates."""
    out = []
    for r in find_date_ranges(text, ALL_LANGUAGES):
        if _agrees(r.start, entry.start) and (
            (r.is_current and entry.current) or _agrees(r.end, entry.end) or (r.end is None and not r.is_current)
        ):
            out.append((r.start_pos, r.end_pos))
        elif r.end is None and not r.is_current and (_agrees(r.start, entry.end) and entry.end):
            out.append((r.start_pos, r.end_pos))  # a single date: the end (graduation)
    return out


def _agrees(shown: str | None, truth: str | None) -> bool:
    if not shown or not truth:
        return False
    return truth.startswith(shown) if len(shown) < len(truth) else shown == truth


def _desc_share(line_keys: list[str], bag: set[str]) -> float:
    keys = [k for k in line_keys if k]
    return sum(k in bag for k in keys) / len(keys) if keys else 0.0


def label_section(kind: str, sec: list[SectionLine], entries: list[TruthEntry]) -> LabelledSection:
    names = WORK_FIELDS if kind == "work" else EDU_FIELDS
    out = LabelledSection(kind, sec, ["OTHER"] * len(sec))
    filled: list[set[str]] = [set() for _ in entries]
    bags = [set(_keys(e.desc)) for e in entries]
    cur = -1
    for i, ln in enumerate(sec):
        text = ln.text
        toks = tokens(text)
        keys = [fold(t.text) for t in toks]
        nonempty = sum(1 for k in keys if k)
        near = [k for k in (cur, cur + 1) if 0 <= k < len(entries)]
        if nonempty >= 5 and any(_desc_share(keys, bags[k]) >= 0.8 for k in near):
            out.labels[i] = "DESC"
            continue
        chosen: int | None = None
        found: dict[int, list[tuple[str, int, int]]] = {}
        for k in range(max(cur, 0), len(entries)):
            hits: list[tuple[str, int, int]] = []
            for name in names:
                value = entries[k].fields.get(name)
                if value and (span := _find(keys, value)):
                    hits.append((name, *span))
            for s, e in _date_matches(text, entries[k]):
                idx = [n for n, t in enumerate(toks) if t.start >= s and t.end <= e]
                if idx:
                    hits.append(("DATES", idx[0], idx[-1] + 1))
            if hits:
                found[k] = hits
                if any(h[0] not in filled[k] for h in hits):
                    chosen = k
                    break
        if chosen is None:
            if cur >= 0 and bags[cur] and _desc_share(keys, bags[cur]) >= 0.5:
                out.labels[i] = "DESC"
            continue
        labels = ["O"] * len(toks)
        # longest first, no overlaps; a field already filled in this entry is not taken again
        for name, a, b in sorted(found[chosen], key=lambda h: h[1] - h[2]):
            if name in filled[chosen] or any(lab != "O" for lab in labels[a:b]):
                continue
            labels[a:b] = [name] * (b - a)
        used = {lab for lab in labels if lab != "O"}
        if not used:
            continue
        filled[chosen] |= used
        leftover = sum(1 for k, lab in zip(keys, labels, strict=True) if k and lab == "O")
        role = next(iter(used)) if len(used) == 1 and leftover <= max(1, nonempty // 4) else "MIXED"
        if role == "AREA":
            role = "DEGREE"
        begins = chosen != cur
        cur = chosen
        out.labels[i] = ("B-" if begins else "") + role
        out.token_labels[i] = labels
    for k, e in enumerate(entries):
        want = [n for n in names if n in e.fields and n != "LOCATION"] + (["DATES"] if e.start or e.end else [])
        out.wanted += len(want)
        out.found += sum(1 for n in want if n in filled[k])
    return out


def sections(doc: Document) -> dict[str, list[Line]]:
    """The experience and education lines as the parser gathers them at parse time."""
    blocks = segment(doc)
    return {"work": work_lines(blocks), "education": education_lines(blocks)}


def label_document(doc: Document, truth: Truth, languages: tuple[str, ...] = ("en",)) -> list[LabelledSection]:
    secs = sections(doc)
    out = []
    for kind, entries in (("work", truth.work), ("education", truth.education)):
        if entries:
            sec = section_lines(secs[kind])
            labelled = label_section(kind, sec, entries)
            labelled.marks = rule_marks(sec, rule_entries(kind, secs[kind], languages), languages)
            out.append(labelled)
    return out


def truth_from_record(record: dict[str, Any]) -> Truth:
    """The same answer from a record in the project's own shape (the fixtures' expected.json)."""
    work = []
    for w in record.get("work") or []:
        loc = (w.get("location") or {}).get("raw")
        fields = {"TITLE": w.get("title"), "COMPANY": w.get("company"), "LOCATION": loc}
        desc = " ".join([w.get("description") or "", *(w.get("highlights") or [])])
        work.append(TruthEntry({k: v for k, v in fields.items() if v}, w.get("start_date"), w.get("end_date"),
                               bool(w.get("is_current")), desc))
    education = []
    for e in record.get("education") or []:
        loc = (e.get("location") or {}).get("raw")
        fields = {"INSTITUTION": e.get("institution"), "DEGREE": e.get("degree"), "AREA": e.get("field_of_study"),
                  "LOCATION": loc}
        education.append(TruthEntry({k: v for k, v in fields.items() if v}, e.get("start_date"), e.get("end_date"),
                                    bool(e.get("is_current")), e.get("description") or ""))
    return Truth(work, education)


def read_document(path: str) -> Document:
    """The document exactly as `parse` sees it before segmentation."""
    return normalize(extracted_document(path))
