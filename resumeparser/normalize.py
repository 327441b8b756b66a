"""Clean what extraction leaves behind; returns a new `Document` and leaves the given one as it was.

Valid Unicode first (`valid_text`: surrogate pairs joined, lone surrogates, noncharacters and control
characters made spaces), so that no later stage or export meets a string it cannot encode. Then NFKC (which
also splits ligatures such as U+FB01), private-use bullet glyphs and `(cid:NN)` codes, no-break and other odd
spaces, tab runs between words, hyphenation at line ends, line breaks lost in plain text, web-export chrome
(`chrome.py`), and repeated page headers and footers ("Page 2 of 3").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from .chrome import is_chrome_line, strip_badges
from .document import BULLET, Document, Line, Page, Span

__all__ = ["BULLET", "normalize", "normalize_text", "strip_accents", "valid_text"]
_CID = re.compile(r"\(cid:\d+\)")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010fffd]")
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)
)
_INVALID = re.compile(f"[\ud800-\udfff{_NONCHARACTERS}\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Lone surrogates, noncharacters, and control characters other than tab and newline."""
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_BULLETS = re.compile(
    r"^[\u2022\u2023\u2043\u2219\u25aa\u25ab\u25cf\u25e6\u27a2\u2794\u25ba\u25b8\u2013\u2014*\-\u00b7o§]\s+"
)
_PAGE_FOOTER = re.compile(
    r"^(page\s*)?\d{1,3}\s*(/|of|von|de|sur|di)\s*\d{1,3}$|^page\s+\d{1,3}$|^-\s*\d{1,3}\s*-$", re.I
)


_HYPHENS = re.compile("-?[\u2010\u2011]")  # Word's hyphen characters ("555-\u20105555", "on-\u2010campus")
_SPLIT_WORD = re.compile(r"[^\W\d_]{2}-$")
_SMALL_NUMBER = re.compile(r"(?<!\d)\d{1,3}(?!\d)")


def strip_accents(text: str) -> str:
    """ "Müller" -> "Muller": the accent-free form lookup keys are built from."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def valid_text(text: str) -> str:
    """The text as valid Unicode that encodes to UTF-8: a surrogate pair written as two code units becomes
    its character; lone surrogates (a broken text layer, an RTF escape cut in half), noncharacters and control
    characters other than tab and newline become spaces, so the words on either side stay apart."""
    if text.isascii() and text.isprintable():
        return text
    if "\ud800" <= max(text) or _INVALID.search(text):
        text = _SURROGATE_PAIR.sub(_join_pair, text)
        text = _INVALID.sub(" ", text)
    return text


def _join_pair(match: re.Match[str]) -> str:
    pair = match.group()
    return chr(0x10000 + ((ord(pair[0]) - 0xD800) << 10) + (ord(pair[1]) - 0xDC00))


def normalize_text(text: str) -> str:
    """Normalise one line of text."""
    text = valid_text(text)
    ascii_only = text.isascii()
    text = _CID.sub(BULLET, text)
    if not ascii_only:  # ASCII (and the bullet a CID code became) is left as it is by the next four steps
        text = _PRIVATE_USE.sub(BULLET, text)
        text = unicodedata.normalize("NFKC", text)
        text = _ZERO_WIDTH.sub("", text)
        text = _HYPHENS.sub("-", text)
    text = text.replace("\r", " ")
    text = _SPACES.sub(" ", text).strip()
    # any bullet glyph at the start of a line becomes one canonical bullet
    text = _BULLETS.sub(BULLET + " ", text)
    return text


_FLAT_BREAK = re.compile(r"[ \t\u00a0]{2,}")


def _unflatten(lines: list[Line]) -> list[Line]:
    """Text that lost its line breaks (pasted into a form, some exporters) often keeps them as runs of spaces:
    a long line without geometry that has many such runs is split there again."""
    out: list[Line] = []
    for line in lines:
        text = line.text
        if line.bbox is None and len(line.spans) == 1 and len(text) > 300 and len(_FLAT_BREAK.findall(text)) >= 5:
            out.extend(replace(line, spans=[Span(text=part)]) for part in _FLAT_BREAK.split(text))
        else:
            out.append(line)
    return out


def _with_text(span: Span, text: str) -> Span:
    """`span` with `text`: itself when the text is unchanged (nothing changes a span after extraction), which
    spares a `dataclasses.replace` per span."""
    return span if text == span.text else replace(span, text=text)


def normalize(doc: Document) -> Document:
    pages = []
    for page in doc.pages:
        lines = []
        for line in _unflatten(page.lines):
            spans = [_with_text(span, normalize_text(span.text)) for span in line.spans]
            spans = _join_small_caps([s for s in spans if s.text]) or [Span(text="")]
            if is_chrome_line(" ".join(s.text for s in spans)):
                continue  # "^ Back to Top", "Jump to Section": web-export navigation
            spans[-1] = _with_text(spans[-1], strip_badges(spans[-1].text))
            links = [valid_text(url) for url in line.links]
            lines.append(replace(line, spans=spans, links=links))
        pages.append(replace(page, lines=_join_hyphenated(lines)))
    pages = _drop_repeated_furniture(pages)
    links = [valid_text(url) for url in doc.links]
    warnings = [(code, valid_text(message)) for code, message in doc.warnings]
    return replace(doc, pages=pages, links=links, warnings=warnings)


def _join_small_caps(spans: list[Span]) -> list[Span]:
    """Small capitals drawn as a larger first letter: "W" (14 pt) + "ORK" (11 pt) is the word "WORK".

    Extraction makes a span per style, and the line's text puts a space between spans; a span that ends in one
    capital letter, followed by a smaller span of the same weight that starts with capitals, is joined to it."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.font_size
            and span.font_size
            and span.font_size < 0.95 * prev.font_size
            and prev.bold == span.bold
            and _ends_in_capital(prev.text)
            and span.text[:2].isalpha()
            and span.text.split(" ", 1)[0].isupper()
        ):
            bbox = prev.bbox
            if prev.bbox and span.bbox:
                bbox = (min(prev.bbox[0], span.bbox[0]), min(prev.bbox[1], span.bbox[1]),
                        max(prev.bbox[2], span.bbox[2]), max(prev.bbox[3], span.bbox[3]))
            out[-1] = replace(span, text=prev.text + span.text, bbox=bbox)
            continue
        out.append(span)
    return out


def _ends_in_capital(text: str) -> bool:
    """True when the text's last word is one capital letter ("W", "Jane D")."""
    last = text.rsplit(" ", 1)[-1]
    return len(last) == 1 and last.isupper()


def _join_hyphenated(lines: list[Line]) -> list[Line]:
    """Join a word split by a hyphen at a line end ("develop-" + "ment", "Entwick-" + "lung") when the next
    line of the same column starts with a lower-case letter."""
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        first = line.spans[0] if line.spans else None
        if (
            prev is not None
            and first is not None
            and _SPLIT_WORD.search(prev.spans[-1].text)
            and first.text[:1].islower()
            and prev.column == line.column
        ):
            head, _, rest = first.text.partition(" ")
            last = prev.spans[-1]
            tail = last.text.rsplit(" ", 1)[-1]
            # a wrapped URL or e-mail keeps its hyphen ("linkedin.com/in/jane-" + "doe")
            joined = last.text + head if re.search(r"[/@]|www\.", tail) else last.text[:-1] + head
            prev.spans[-1] = replace(last, text=joined)
            spans = ([replace(first, text=rest)] if rest else []) + line.spans[1:]
            if not spans:
                continue
            line = replace(line, spans=spans)
        out.append(line)
    return out


def _drop_repeated_furniture(pages: list[Page]) -> list[Page]:
    """Remove page numbers and lines repeated at the top or bottom of most pages."""
    def key(line: Line) -> str:
        # page numbers vary between copies of a running header; years (four digits) do not, and are kept so
        # that dated lines at the top of consecutive pages are never mistaken for furniture
        return _SMALL_NUMBER.sub("#", line.text.lower())

    repeated: set[str] = set()
    if len(pages) >= 2:
        counts: dict[str, int] = {}
        for page in pages:
            edge = [ln for ln in page.lines if ln.text][:2] + [ln for ln in page.lines if ln.text][-2:]
            for k in {key(ln) for ln in edge}:
                counts[k] = counts.get(k, 0) + 1
        repeated = {k for k, n in counts.items() if n >= max(2, len(pages) * 0.6) and len(k) < 80}
    out = []
    seen: set[str] = set()
    for page in pages:
        kept = []
        for ln in page.lines:
            if ln.text and _PAGE_FOOTER.match(ln.text):
                continue
            k = key(ln)
            if ln.text and k in repeated:
                if k in seen:  # the first occurrence stays: a running header may be the name
                    continue
                seen.add(k)
            kept.append(ln)
        out.append(replace(page, lines=kept))
    return out
