"""Words of the PDF text layer against pdfplumber's `extract_words` on the same pages.

    python -m benchmarks.pdf_words [files or folders ...] [--json out.json] [--worst N]

Without paths it reads every PDF of the development data (`$RESUMEPARSER_SHARED/dev-data`). For each page it
compares the words resumeparser's PDF extractor gives (its lines, cut at spaces) with the words pdfplumber's
`extract_words()` gives (default tolerances), both passed through the same per-line normalisation and with
tokens that hold no letter or digit left out (bullets, dashes and pipes, which normalisation rewrites):

- same words: the share of pdfplumber's words (as a multiset per page) that we give as the same word;
- glued words: the share of our words that are not one of pdfplumber's words but two or more of them
  written together ("accountantand"), found by splitting our word into pdfplumber's words of that page;
- split words: the share of our words that are a piece of a pdfplumber word (the opposite fault).

A PDF with a `.txt` beside it (the `positioned` set of `benchmarks.make_textset`, typeset from known text) is
compared with that text instead, over the whole file: there pdfplumber itself glues words (its fixed 3-point
`x_tolerance` is wider than those word gaps), so its words are no reference; its score against the text is
given as `pdfplumber_same_words_pct` for comparison.

Scanned pages (no text layer) are skipped: OCR words are not the text layer's. Importable:
`compare_pdf(path) -> PageCounts`, `compare_paths(paths) -> dict`.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.common import shared_dir  # noqa: E402
from resumeparser.document import BULLET  # noqa: E402
from resumeparser.errors import ResumeParserError  # noqa: E402
from resumeparser.extract import extract  # noqa: E402
from resumeparser.normalize import normalize_text  # noqa: E402
from resumeparser.options import Deadline, ParseOptions  # noqa: E402


@dataclass
class PageCounts:
    reference: int = 0
    """pdfplumber's words."""
    same: int = 0
    """pdfplumber's words we give as the same word."""
    ours: int = 0
    glued: int = 0
    split: int = 0
    plumber_same: int | None = None
    """Against a known text: the reference words pdfplumber gives as the same words."""
    glued_examples: list[str] = field(default_factory=list)
    missed_examples: list[str] = field(default_factory=list)

    def add(self, other: PageCounts) -> None:
        self.reference += other.reference
        self.same += other.same
        self.ours += other.ours
        self.glued += other.glued
        self.split += other.split
        if other.plumber_same is not None:
            self.plumber_same = (self.plumber_same or 0) + other.plumber_same
        self.glued_examples.extend(other.glued_examples[: max(0, 20 - len(self.glued_examples))])
        self.missed_examples.extend(other.missed_examples[: max(0, 20 - len(self.missed_examples))])

    def summary(self) -> dict[str, object]:
        plumber = {} if self.plumber_same is None else {
            "pdfplumber_same_words_pct": _pct(self.plumber_same, self.reference)}
        return {
            **plumber,
            "reference_words": self.reference,
            "our_words": self.ours,
            "same_words_pct": _pct(self.same, self.reference),
            "glued_words_pct": _pct(self.glued, self.ours),
            "split_words_pct": _pct(self.split, self.ours),
            "glued_examples": self.glued_examples[:10],
            "missed_examples": self.missed_examples[:10],
        }


def _pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 2) if whole else 100.0


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f]")


def _tokens(text: str) -> list[str]:
    # a control character is an unmapped glyph (pdfplumber's "Pro\x00cient" for a ligature), not a word break;
    # a bullet glued to a word (an icon before it) is layout, on either side
    text = normalize_text(_CONTROL.sub("", text))
    return [t.strip(BULLET) for t in text.split() if any(ch.isalnum() for ch in t)]


def _is_concatenation(word: str, pieces: set[str], longest: int) -> bool:
    """True when `word` is two or more of `pieces` written together."""
    reachable = [False] * (len(word) + 1)
    reachable[0] = True
    parts = [0] * (len(word) + 1)
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - longest), end):
            if reachable[start] and word[start:end] in pieces and (start or end < len(word)):
                reachable[end] = True
                parts[end] = parts[start] + 1
                break
    return reachable[len(word)] and parts[len(word)] >= 2


def compare_pdf(path: Path) -> tuple[PageCounts, int]:
    """Counts over the text pages of one PDF and how many pages were compared."""
    import pdfplumber

    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # warnings about fonts of some producers
    data = path.read_bytes()
    doc = extract(data, "pdf", ParseOptions(ocr="never"), Deadline(None))
    ours_by_page: dict[int, list[str]] = {}
    for page in doc.pages:
        ours_by_page[page.number] = [t for line in page.lines for span in line.spans for t in _tokens(span.text)]
    total = PageCounts()
    compared = 0
    truth = path.with_suffix(".txt")
    if truth.exists():
        reference = _tokens(truth.read_text(encoding="utf-8"))
        ours = [t for words in ours_by_page.values() for t in words]
        total.add(_compare(reference, ours))
        with pdfplumber.open(path) as pdf:
            theirs = [t for page in pdf.pages for w in page.extract_words() for t in _tokens(w["text"])]
            compared = len(pdf.pages)
        total.plumber_same = _compare(reference, theirs).same
        return total, compared
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            reference = [t for w in page.extract_words() for t in _tokens(w["text"])]
            ours = ours_by_page.get(number, [])
            if not reference:
                continue
            compared += 1
            total.add(_compare(reference, ours))
    return total, compared


def _compare(reference: list[str], ours: list[str]) -> PageCounts:
    counts = PageCounts(reference=len(reference), ours=len(ours))
    ref_counter, our_counter = Counter(reference), Counter(ours)
    counts.same = sum(min(n, our_counter[w]) for w, n in ref_counter.items())
    pieces = set(reference)
    longest = max(len(w) for w in pieces)
    for word, n in our_counter.items():
        extra = n - ref_counter.get(word, 0)
        if extra <= 0:
            continue
        if _is_concatenation(word, pieces, longest):
            counts.glued += extra
            counts.glued_examples.append(word)
        elif any(word in ref and word != ref for ref in pieces):
            counts.split += extra
    counts.missed_examples = [w for w, n in ref_counter.items() if our_counter[w] < n][:5]
    return counts


def compare_paths(paths: list[Path], worst: int = 0) -> dict[str, object]:
    total = PageCounts()
    pages = 0
    per_file: list[tuple[float, str, dict[str, object]]] = []
    for path in paths:
        try:
            counts, compared = compare_pdf(path)
        except ResumeParserError as exc:
            print(f"skipped {path}: {exc.code}", file=sys.stderr)
            continue
        if not compared:
            continue
        pages += compared
        total.add(counts)
        summary = counts.summary()
        per_file.append((float(summary["same_words_pct"]), str(path), summary))  # type: ignore[arg-type]
    report: dict[str, object] = {"files": len(per_file), "pages": pages, **total.summary()}
    if worst:
        report["worst_files"] = [{"file": name, **summary} for _, name, summary in sorted(per_file)[:worst]]
    return report


def _collect(targets: list[str]) -> list[Path]:
    found: list[Path] = []
    for target in targets:
        path = Path(target)
        if path.is_dir():
            found.extend(p for p in sorted(path.rglob("*.pdf")) if p.is_file())
        elif path.is_file():
            found.append(path)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--json", type=Path, help="also write the report here")
    parser.add_argument("--worst", type=int, default=5, help="list the N files with the fewest same words")
    args = parser.parse_args(argv)
    targets = args.paths or [str(shared_dir() / "dev-data")]
    report = compare_paths(_collect(targets), worst=args.worst)
    text = json.dumps(report, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
