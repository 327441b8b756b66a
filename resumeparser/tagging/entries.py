"""Work and education entries from the tagger's labels.

A section's lines are tagged by the line model (an entry starts at a `B-` label; its header lines carry
title, company, institution, degree, dates or location, alone or MIXED; DESC lines are its body), then the
header lines' tokens by the token model. Values are cut from the line's own text at the tokens' offsets, so
they keep the document's spelling. Confidence comes from the models' marginals.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Line
from ..fields.dates import DateRange, closed_by, find_date_ranges, is_open, wrapped_end
from ..fields.education import GRADE_RE, extract_education, read_degree
from ..fields.entries import BULLET_RE, TextLine, body_text
from ..fields.location import fold
from ..fields.wordlists import is_place
from ..fields.work import employment_type, extract_work, make_location
from ..models import EducationEntry, WorkEntry
from . import model, select
from .features import (
    DateCache,
    RuleEntries,
    SectionLine,
    Token,
    line_features,
    rule_entries,
    rule_marks,
    section_lines,
    token_features,
    tokens,
)

HEADER_ROLES = frozenset({"TITLE", "COMPANY", "INSTITUTION", "DEGREE", "DATES", "LOCATION", "MIXED"})
"""Line roles of an entry's header; DESC is its body and OTHER belongs to no entry field."""


@dataclass
class TaggedLine:
    line: SectionLine
    role: str
    begins: bool
    confidence: float
    toks: list[Token] = field(default_factory=list)
    token_labels: list[str] = field(default_factory=list)
    token_confidence: list[float] = field(default_factory=list)


def tag_section(kind: str, lines: list[Line], languages: tuple[str, ...] = ("en",),
                rules: RuleEntries | None = None) -> list[TaggedLine]:
    """The section's lines with their roles, and the header lines' tokens with their fields. `rules`: the
    rules' reading of the same lines, when the caller has it (else it is made here)."""
    sec = section_lines(lines)
    if not sec:
        return []
    dates = DateCache(languages)
    marks = rule_marks(sec, rules if rules is not None else rule_entries(kind, lines, languages), dates)
    tagged = model.tag_lines(line_features(kind, sec, dates, marks))
    out: list[TaggedLine] = []
    for n, (ln, label, conf) in enumerate(zip(sec, tagged.labels, tagged.confidence, strict=True)):
        begins = label.startswith("B-")
        role = label[2:] if begins else label
        item = TaggedLine(ln, role, begins, conf)
        if role in HEADER_ROLES:
            item.toks = tokens(ln.text)
            t = model.tag_tokens(token_features(ln.text, item.toks, role, dates, marks[n], kind, ln.breaks))
            item.token_labels, item.token_confidence = t.labels, t.confidence
        out.append(item)
    return out


@dataclass
class _Draft:
    header: list[TaggedLine] = field(default_factory=list)
    body: list[TaggedLine] = field(default_factory=list)
    wrapped_end: DateRange | None = None
    """The end of the header's open range ("04/2021 -"), found at the start of a later line ("05/2021")."""
    after: list[TaggedLine] = field(default_factory=list)
    """The first lines under the header that are not header lines: a wrapped end may stand there, read as OTHER."""


_VALUE_LABELS = frozenset({"TITLE", "COMPANY", "INSTITUTION", "DEGREE", "AREA"})


def _open_range(draft: _Draft, languages: tuple[str, ...]) -> bool:
    """The header's last date range is open: a start and a dash, no end."""
    for item in reversed(draft.header):
        ranges = find_date_ranges(item.line.text, languages)
        if ranges:
            return is_open(item.line.text, ranges[-1])
    return False


def _leading_point(draft: _Draft, languages: tuple[str, ...]) -> DateRange | None:
    """The date a header opens with when the header holds nothing else of an entry (no title, company, school
    or degree): a range's wrapped end ("05/2021 NY"), not a new entry."""
    if any(label in _VALUE_LABELS for item in draft.header for label in item.token_labels):
        return None
    return wrapped_end(draft.header[0].line.text, languages)


def _joined_wrapped_ranges(drafts: list[_Draft], languages: tuple[str, ...]) -> list[_Draft]:
    """Side columns wrap a range over two lines ("04/2021 - New York," above "05/2021 NY"): the line holding the
    end reads as the start of a new, empty entry. It and the body under it belong to the entry above, whose
    range it ends."""
    out: list[_Draft] = []
    for draft in drafts:
        point = _leading_point(draft, languages) if out and out[-1].wrapped_end is None else None
        if point is not None and _open_range(out[-1], languages):
            out[-1].header.extend(draft.header)
            out[-1].body.extend(draft.body)
            out[-1].wrapped_end = point
        else:
            out.append(draft)
    for draft in out:  # the end on a line the model left out of the header ("05/2021 NY" read as OTHER)
        if draft.wrapped_end is None and _open_range(draft, languages):
            draft.wrapped_end = next((end for item in draft.after if item.role != "DESC"
                                      and (end := wrapped_end(item.line.text, languages)) is not None), None)
    return out


def _ended(dates: DateRange | None, draft: _Draft) -> DateRange | None:
    """`dates` closed by the draft's wrapped end, when it had none."""
    if dates is None or draft.wrapped_end is None or dates.end or dates.is_current:
        return dates
    return closed_by(dates, draft.wrapped_end) or dates


def _without_sentence_entries(drafts: list[_Draft], languages: tuple[str, ...]) -> list[_Draft]:
    """An undated "entry" whose header opens with a sentence ("As Vice President of Communications at Acme, I
    lead ...") between dated ones is a paragraph of the role above it: its lines join that role's body."""
    dated = [any(find_date_ranges(i.line.text, languages) for i in d.header) for d in drafts]
    if sum(dated) < 2:
        return drafts
    out: list[_Draft] = []
    for draft, has_dates in zip(drafts, dated, strict=True):
        if out and not has_dates and len(draft.header[0].line.text.split()) > _SENTENCE_WORDS:
            out[-1].body.extend([*draft.header, *draft.body])
        else:
            out.append(draft)
    return out


_SENTENCE_WORDS = 8


def _entries(tagged: list[TaggedLine]) -> list[_Draft]:
    drafts: list[_Draft] = []
    for item in tagged:
        header = item.role in HEADER_ROLES
        if item.begins or (header and not drafts):
            drafts.append(_Draft())
        if not drafts:
            continue
        if header:
            drafts[-1].header.append(item)
            continue
        if len(drafts[-1].after) < _AFTER_LINES:
            drafts[-1].after.append(item)
        if item.role == "DESC":
            drafts[-1].body.append(item)
    return [d for d in drafts if d.header]


_AFTER_LINES = 3


@dataclass
class _Span:
    label: str
    text: str
    line: int
    start: int
    end: int
    confidence: float


_HARD_SEPARATORS = frozenset({"|", "•", "·", "●", "▪", ";"})
"""Separators that end a value: two runs of one field on either side are two values."""


def _runs(labels: list[str], texts: list[str] | None = None) -> list[tuple[str, list[int]]]:
    """(field, token indexes) runs; unlabelled tokens between two tokens of one field join the run, unless
    they hold a hard separator ("Airline | Trainer" labelled COMPANY twice is two values)."""
    runs: list[tuple[str, list[int]]] = []
    gap: list[int] = []
    for k, lab in enumerate(labels):
        if lab == "O":
            gap.append(k)
            continue
        hard = texts is not None and any(texts[g] in _HARD_SEPARATORS for g in gap)
        if runs and runs[-1][0] == lab and not hard:
            runs[-1][1].extend([*gap, k])
        else:
            runs.append((lab, [k]))
        gap = []
    return runs


def _spans(header: list[TaggedLine]) -> list[_Span]:
    """Each line's field runs, cut from the line's own text."""
    out: list[_Span] = []
    for n, item in enumerate(header):
        for label, idx in _runs(item.token_labels, [t.text for t in item.toks]):
            t0, t1 = item.toks[idx[0]], item.toks[idx[-1]]
            after = idx[-1] + 1
            if after < len(item.toks) and item.toks[after].text in _PAIRS and item.token_labels[after] == "O":
                run = item.line.text[t0.start : t1.end]
                closer = item.toks[after].text
                if run.count(_PAIRS[closer]) > run.count(closer):  # "Group [Technology" + "]"
                    t1 = item.toks[after]
            conf = sum(item.token_confidence[k] for k in idx) / len(idx) * item.confidence
            out.append(_Span(label, item.line.text[t0.start : t1.end], n, t0.start, t1.end, conf))
    return out


def _field(spans: list[_Span], label: str) -> _Span | None:
    """The field's first run; a run continuing on the next line (a wrapped value) joins it."""
    found = [s for s in spans if s.label == label]
    if not found:
        return None
    first = found[0]
    for nxt in found[1:]:
        if nxt.line == first.line + 1 and not any(s.line == nxt.line and s.start < nxt.start for s in spans
                                                   if s.label != label):
            prev_line_last = max((s for s in spans if s.line == first.line), key=lambda s: s.end)
            if prev_line_last is first:
                first = _Span(label, f"{first.text} {nxt.text}", nxt.line, nxt.start, nxt.end,
                              min(first.confidence, nxt.confidence))
                continue
        break
    return first


def _unlabelled_company(header: list[TaggedLine], title: _Span, languages: tuple[str, ...]) -> _Span | None:
    """The words a dated header line opens with when the token model labelled none of them ("ACNTI CONSULTORES
    04/2022 - 01/2023" read as O O DATES DATES DATES, or all O) in a role that has a title on another line but no
    company: the line model put the company on this line, and nothing else is left on it to be the company."""
    for n, item in enumerate(header):
        if n == title.line or item.role not in ("MIXED", "COMPANY"):
            continue
        ranges = find_date_ranges(item.line.text, languages)
        if not ranges:
            continue
        before = [k for k, t in enumerate(item.toks) if t.end <= ranges[0].start_pos]
        if not before or any(item.token_labels[k] not in ("O", "DATES") for k in before):
            continue
        start, end = item.toks[before[0]].start, item.toks[before[-1]].end
        text = _clean(item.line.text[start:end])
        if text and text[:1].isupper() and len(text.split()) <= _COMPANY_WORDS and not is_place(text):
            return _Span("COMPANY", text, n, start, end, item.confidence * 0.5)
    return None


_COMPANY_WORDS = 6


_EDGE = " ,;:|·•-–—"
_PAIRS = {")": "(", "]": "["}
"""Closing bracket -> its opening one."""
_CLOSERS = {v: k for k, v in _PAIRS.items()}


def _clean(text: str | None) -> str | None:
    """The value without a bullet, separators or unbalanced brackets at its ends; balanced brackets stay
    ("Cox Media Group [Technology]", "(Contract) Trainer")."""
    if text is None:
        return None
    text = BULLET_RE.sub("", text).strip(_EDGE)
    while text:
        last, first = text[-1], text[0]
        if last in _PAIRS and text.count(last) > text.count(_PAIRS[last]):
            text = text[:-1].strip(_EDGE)
        elif first in _CLOSERS and text.count(first) > text.count(_CLOSERS[first]):
            text = text[1:].strip(_EDGE)
        elif last in _PAIRS and first == _PAIRS[last] and text.count(first) == 1:
            text = text[1:-1].strip(_EDGE)  # the whole value in brackets: "(Remote)"
        else:
            break
    return text or None


def _dates(header: list[TaggedLine], spans: list[_Span], languages: tuple[str, ...]) -> DateRange | None:
    """The date range inside the DATES run, else any range on the header lines."""
    found: list[DateRange] = []
    for s in spans:
        if s.label == "DATES":
            found += find_date_ranges(s.text, languages)
    if not found:
        for item in header:
            if item.role in ("DATES", "MIXED"):
                found += find_date_ranges(item.line.text, languages)
    if not found:
        return None
    ranges = [r for r in found if r.end is not None or r.is_current]
    return ranges[0] if ranges else found[0]


def _body(items: list[TaggedLine]) -> tuple[str | None, list[str]]:
    lines = [TextLine(text=i.line.text, blank=False, bullet=bool(BULLET_RE.match(i.line.text)),
                      gap_before=i.line.gap > 0.8) for i in items]
    return body_text(lines)


def _confidence(values: list[_Span | None], header: list[TaggedLine]) -> float:
    scores = [v.confidence for v in values if v is not None]
    if not scores:
        return round(min(i.confidence for i in header) * 0.5, 3)
    return round(sum(scores) / len(scores), 3)


def work_entries(lines: list[Line], languages: tuple[str, ...] = ("en",)) -> list[tuple[WorkEntry, float]]:
    """The roles of an experience section, each with its confidence (0..1): the model's reading, merged with
    the rules' where the model is unsure (see `with_rules`), or the rules' whole reading where the selector
    (`select.py`) judges it the better of the two or the model finds none."""
    tagged, rules = work_readings(lines, languages)
    if not tagged:
        return rules
    if select.prefer_rules("work", tagged, rules):
        return _undated_with_rules_dates(tagged, rules) or [(e, ev * _RULES_SCALE) for e, ev in rules]
    return tagged


_DATE_FIELDS = ("start_date", "end_date", "is_current")


def _undated_with_rules_dates(tagged: list[tuple[WorkEntry, float]], rules: list[tuple[WorkEntry, float]]
                              ) -> list[tuple[WorkEntry, float]] | None:
    """Where the rules' reading wins only on dates: the model read as many roles, most without their dates (they
    stood where it did not look), so its roles take the rules' dates in order. None when that is not the case."""
    if len(tagged) != len(rules) or sum(not e.start_date for e, _ in tagged) * 2 < len(tagged):
        return None
    out = []
    for (entry, conf), (ruled, _) in zip(tagged, rules, strict=True):
        if not entry.start_date and ruled.start_date:
            entry = entry.model_copy(update={k: getattr(ruled, k) for k in _DATE_FIELDS})
        out.append((entry, conf))
    return out


def work_readings(lines: list[Line], languages: tuple[str, ...] = ("en",)
                  ) -> tuple[list[tuple[WorkEntry, float]], list[tuple[WorkEntry, float]]]:
    """(the model's roles merged with the rules where it is unsure, the rules' roles with their evidence)."""
    rules = extract_work(lines, languages)
    out: list[tuple[WorkEntry, float]] = []
    prev_company: _Span | None = None
    prev_company_above = False
    drafts = _entries(tag_section("work", lines, languages, rules))
    for draft in _without_sentence_entries(_joined_wrapped_ranges(drafts, languages), languages):
        spans = _spans(draft.header)
        title = _field(spans, "TITLE")
        # an employer the token model took for a school ("Boy Scouts of America") is the company here
        company = _field(spans, "COMPANY") or _field(spans, "INSTITUTION")
        if company is None and title is not None:
            company = _unlabelled_company(draft.header, title, languages)
        location = _field(spans, "LOCATION")
        dates = _ended(_dates(draft.header, spans, languages), draft)
        if company is None and prev_company is not None and prev_company_above:
            company = prev_company  # one more role under the company that headed the previous ones
        elif company is not None:
            prev_company, prev_company_above = company, title is None or company.line < title.line
        title_text, etype = _clean(title.text if title else None), None
        if title_text:
            etype, title_text = employment_type(title_text)
        description, highlights = _body(draft.body)
        place = _clean(location.text if location else None)
        entry = WorkEntry(
            title=title_text or None,
            company=_clean(company.text if company else None),
            location=make_location(place) if place else None,
            start_date=dates.start if dates else None,
            end_date=dates.end if dates else None,
            is_current=bool(dates and dates.is_current),
            description=description,
            highlights=highlights,
            employment_type=etype,
        )
        if entry.title is None and entry.company is None and dates is None:
            continue
        out.append((entry, _confidence([title, company], draft.header)))
    return with_rules(out, rules), rules


def education_entries(lines: list[Line], languages: tuple[str, ...] = ("en",)
                      ) -> list[tuple[EducationEntry, float]]:
    """The entries of an education section, each with its confidence (0..1): the model's reading, or the
    rules' (with their evidence) where the selector judges it the better or the model finds none."""
    tagged, rules = education_readings(lines, languages)
    if not tagged or select.prefer_rules("education", tagged, rules):
        return rules
    return tagged


def education_readings(lines: list[Line], languages: tuple[str, ...] = ("en",)
                       ) -> tuple[list[tuple[EducationEntry, float]], list[tuple[EducationEntry, float]]]:
    """(the model's entries, the rules' entries with their evidence)."""
    rules = extract_education(lines, languages)
    out: list[tuple[EducationEntry, float]] = []
    drafts = _entries(tag_section("education", lines, languages, rules))
    for draft in _joined_wrapped_ranges(drafts, languages):
        spans = _spans(draft.header)
        institution = _field(spans, "INSTITUTION") or _field(spans, "COMPANY")
        degree, area = _field(spans, "DEGREE"), _field(spans, "AREA")
        location = _field(spans, "LOCATION")
        dates = _ended(_dates(draft.header, spans, languages), draft)
        written, level, field_of_study = read_degree(degree.text) if degree else (None, None, None)
        if area is not None:
            field_of_study = _clean(area.text)
        if degree is not None and written is None:
            written = _clean(degree.text)
        grade_match = next((m for i in [*draft.header, *draft.body] if (m := GRADE_RE.search(i.line.text))), None)
        description, highlights = _body(draft.body)
        place = _clean(location.text if location else None)
        entry = EducationEntry(
            institution=_clean(institution.text if institution else None),
            degree=written,
            degree_level=level,
            field_of_study=field_of_study,
            start_date=dates.start if dates and (dates.end or dates.is_current) else None,
            end_date=dates.end if dates and dates.end else (dates.start if dates and not dates.is_current else None),
            is_current=bool(dates and dates.is_current),
            grade=grade_match.group(0).strip(" ,;") if grade_match else None,
            location=make_location(place) if place else None,
            description="\n".join([description or "", *highlights]).strip() or None,
        )
        if entry.institution is None and entry.degree is None:
            continue
        out.append((entry, _confidence([institution, degree], draft.header)))
    return out, rules


UNSURE = 0.5
"""Below this confidence (the mean marginal of its title and company) the model is unsure of an entry."""
RULES_SURE = 0.8
"""The rules' header evidence (0..1) at which their reading of an entry is taken over an unsure model's."""


_RULES_SCALE = 0.9
"""The rules' evidence as a confidence, a little under the model's own scale."""


def _dates_key(entry: WorkEntry) -> tuple[str | None, str | None, bool]:
    return entry.start_date, entry.end_date, entry.is_current


def _values_key(entry: WorkEntry) -> tuple[str, str]:
    return fold(entry.title or ""), fold(entry.company or "")


def with_rules(model: list[tuple[WorkEntry, float]], rules: list[tuple[WorkEntry, float]]
               ) -> list[tuple[WorkEntry, float]]:
    """The model's entries, with the rules where the model is unsure: an unsure entry takes the title and
    company of the rules' entry on the same dates when the rules have clear evidence for it, and a dated role
    the rules read with clear evidence but the model missed is added (in the rules' order). Without a trained
    selector, a section whose every role is clear to the rules takes their reading."""
    sure = [e for e, ev in rules if ev >= RULES_SURE and e.title and e.company and e.start_date]
    if not select.trained("work") and len(sure) >= 2 and len(sure) == len(rules) and len(rules) >= len(model):
        return [(e, ev * _RULES_SCALE) for e, ev in rules]  # every role clear to the rules: their reading
    by_dates: dict[tuple[str | None, str | None, bool], tuple[WorkEntry, float]] = {}
    for entry, evidence in rules:
        if entry.start_date:
            by_dates.setdefault(_dates_key(entry), (entry, evidence))
    out: list[tuple[WorkEntry, float]] = []
    seen: set[tuple[str | None, str | None, bool]] = set()
    for entry, conf in model:
        key = _dates_key(entry)
        seen.add(key)
        ruled = by_dates.get(key)
        if ruled is not None and conf < UNSURE and ruled[1] >= RULES_SURE and ruled[0].title and ruled[0].company:
            entry = entry.model_copy(update={"title": ruled[0].title, "company": ruled[0].company})
            conf = max(conf, UNSURE * ruled[1])
        out.append((entry, conf))
    missed = [(e, ev * UNSURE) for e, ev in rules
              if e.start_date and _dates_key(e) not in seen and ev >= RULES_SURE and e.title and e.company]
    # a role the model read without its dates (they stood where it did not look) takes the rules' dates
    undated = {_values_key(e): i for i, (e, _) in enumerate(out) if not e.start_date and not e.end_date}
    kept = []
    for entry, conf in missed:
        i = undated.pop(_values_key(entry), None)
        if i is None:
            kept.append((entry, conf))
            continue
        dates = {k: getattr(entry, k) for k in _DATE_FIELDS}
        out[i] = (out[i][0].model_copy(update=dates), max(out[i][1], conf))
    missed = kept
    if missed:
        out = sorted([*out, *missed], key=lambda item: item[0].start_date or "", reverse=True) if all(
            e.start_date for e, _ in out) else [*out, *missed]
    return out
