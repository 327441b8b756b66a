"""Redaction leak check over every fixture PDF and every development PDF: can the record's PII still be read
from the redacted PDF?

    python -m benchmarks.redaction                      # every fixture PDF and every development PDF
    python -m benchmarks.redaction --dpi 150 --pages 2  # the check's resolution; at most 2 pages a file
    python -m benchmarks.redaction FILE_OR_FOLDER ...   # those PDFs only

For each PDF: `parse`, then `redact_document` with its defaults (200 DPI, `ocr="auto"`). The record's PII
(`pii_values`: the name and each of its words, the e-mails, the phone digits, the profile usernames) is then
looked for in the redacted PDF's text as pypdfium2 extracts it and in Tesseract's reading of its pages
(pytesseract, another path than the redactor's own OCR), and the redacted record is validated against
`schemas/resume.schema.json`. As a control, the same OCR reads the original pages too: the strings it finds
there show what the check is able to see, and so that a leak would have been found. Development data comes
from `$RESUMEPARSER_SHARED/dev-data` (skipped with a note when absent).

tests/test_redact.py makes the same check (these functions) on a sample of these files; this script is the
exhaustive run, outside the suite. Writes benchmarks/results/redaction.md and redaction.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sys
import time
import unicodedata
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .common import GENERATED, RESULTS, ROOT, git_commit, markdown_table, pdf_text, shared_dir, write_report

OCR_DPI = 150
"""The check's OCR resolution: it reads the fixtures' and development files' PII in the original pages as well
as 200 DPI does (see `python -m benchmarks.redaction`), at about two thirds of the time."""


# -- the check -----------------------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def _squash(text: str) -> str:
    return "".join(c for c in _fold(text) if c.isalnum())


def pii_values(resume: Any) -> dict[str, list[str]]:
    """The record's PII the check looks for: name and its words, e-mails, phone digits, profile usernames."""
    names: list[str] = []
    if resume.name is not None:
        names = [resume.name.full, *(w for w in re.split(r"[\s,]+", resume.name.full) if len(_squash(w)) >= 3)]
    phones = []
    for phone in resume.phones:
        digits = re.sub(r"\D", "", phone.raw)
        national = re.sub(r"\D", "", phone.e164 or "")[-9:]
        phones += [d for d in (digits, national) if len(d) >= 7]
    usernames = [p.username for p in resume.profiles if p.username and len(_squash(p.username)) >= 4]
    return {"name": names, "email": list(resume.emails), "phone": phones, "username": usernames}


def all_values(resume: Any) -> list[str]:
    return list(dict.fromkeys(v for values in pii_values(resume).values() for v in values))


def leaks(resume: Any, text: str) -> list[str]:
    """The PII values that can be read in `text`: a name word as a whole word, the others anywhere (letters and
    digits only, so spacing, case and punctuation do not hide them); phone digits within one line."""
    values = pii_values(resume)
    words = {_squash(w) for w in re.split(r"[^\w]+", _fold(text))}
    squashed = _squash(text)
    digit_lines = [re.sub(r"\D", "", line) for line in text.splitlines()]
    found = [v for v in values["name"] if (_squash(v) in words if " " not in v.strip() else _squash(v) in squashed)]
    found += [v for v in values["email"] + values["username"] if _squash(v) in squashed]
    found += [v for v in values["phone"] if any(v in line for line in digit_lines)]
    return list(dict.fromkeys(found))


def render_pages(data: bytes, dpi: int = OCR_DPI, pages: int | None = None) -> list[Any]:
    """The PDF's pages (the first `pages` of them) as grayscale pictures at `dpi`."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        count = len(pdf) if pages is None else min(len(pdf), pages)
        return [pdf[index].render(scale=dpi / 72.0, grayscale=True).to_pil() for index in range(count)]
    finally:
        pdf.close()


def ocr_image(image: Any, dpi: int = OCR_DPI) -> str:
    """Tesseract's reading of one page (pytesseract: a Tesseract process, one thread)."""
    import pytesseract

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    return str(pytesseract.image_to_string(image, config=f"--psm 3 --dpi {dpi}"))


def ocr_text(data: bytes, dpi: int = OCR_DPI, pages: int | None = None) -> str:
    """Tesseract's reading of the PDF's pages (the first `pages` of them), rendered at `dpi`."""
    return "\n".join(ocr_image(image, dpi) for image in render_pages(data, dpi, pages))


@cache
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(json.loads((ROOT / "schemas" / "resume.schema.json").read_text("utf-8")))


def schema_errors(resume: Any) -> list[str]:
    return [e.message for e in _validator().iter_errors(json.loads(resume.to_json()))]


# -- the run -------------------------------------------------------------------------------------------------------


@dataclass
class FileResult:
    file: str
    pages: int = 0
    strings: int = 0
    seen_in_original: int = 0
    """Of the strings, those the OCR reads on the original pages (the control)."""
    text_leaks: list[str] = field(default_factory=list)
    ocr_leaks: list[str] = field(default_factory=list)
    schema_errors: list[str] = field(default_factory=list)
    boxes: int = 0
    seconds: float = 0.0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return not (self.text_leaks or self.ocr_leaks or self.schema_errors or self.error)


def check_file(path: Path, label: str, dpi: int, pages: int | None, control: bool = True) -> FileResult:
    import resumeparser
    from resumeparser.redact import redact_document

    started = time.perf_counter()
    result = FileResult(label)
    try:
        resume = resumeparser.parse(path)
        redacted = redact_document(path, resume=resume)
        result.pages, result.boxes = redacted.pages, redacted.boxes
        result.strings = len(all_values(resume))
        result.text_leaks = leaks(resume, pdf_text(redacted.data))
        result.ocr_leaks = leaks(resume, ocr_text(redacted.data, dpi, pages))
        result.schema_errors = schema_errors(redacted.record)
        if control:
            result.seen_in_original = len(leaks(resume, ocr_text(path.read_bytes(), dpi, pages)))
    except Exception as exc:  # reported, not raised: one file does not stop the run
        result.error = f"{type(exc).__name__}: {exc}"
    result.seconds = round(time.perf_counter() - started, 2)
    return result


def default_files() -> tuple[list[tuple[Path, str]], list[str]]:
    files = [(p, f"fixtures/generated/{p.relative_to(GENERATED)}") for p in sorted(GENERATED.glob("*/*.pdf"))]
    notes = []
    dev = shared_dir() / "dev-data"
    if dev.is_dir():
        files += [(p, f"dev-data/{p.relative_to(dev)}") for p in sorted(dev.rglob("*.pdf"))]
    else:
        notes.append(f"{dev} is absent: development PDFs skipped")
    return files, notes


def given_files(paths: list[Path]) -> list[tuple[Path, str]]:
    out = []
    for path in paths:
        found = sorted(path.rglob("*.pdf")) if path.is_dir() else [path]
        out += [(p, str(p)) for p in found]
    return out


def report(results: list[FileResult], args: argparse.Namespace, notes: list[str], elapsed: float,
           command: str) -> tuple[str, dict[str, Any]]:
    strings = sum(r.strings for r in results)
    seen = sum(r.seen_in_original for r in results)
    leaked = sum(len(set(r.text_leaks) | set(r.ocr_leaks)) for r in results)
    failed = [r for r in results if not r.ok]
    pages = "every page" if args.pages is None else f"at most {args.pages} page(s) a file"
    lines = [
        "# Redaction leak check",
        "",
        f"Command: `{command}`",
        "",
        f"- files: {len(results)} PDFs ({sum(r.pages for r in results)} pages), commit {git_commit() or '?'}",
        f"- PII strings checked (name and its words, e-mails, phone digits, profile usernames): {strings}",
        f"- **leaked (pypdfium2 text or Tesseract OCR of the redacted PDF): {leaked}**",
        f"- files with a leak, a schema error or an error: {len(failed)}",
        f"- control: {seen} of the {strings} strings are read by the same OCR on the original pages "
        f"(the rest are not printed as the record writes them, or are on pages past the limit)"
        if args.control else "- control: not run (`--no-control`)",
        f"- OCR: pytesseract at {args.dpi} DPI, {pages}; redaction: `redact_document` defaults (200 DPI, ocr=auto)",
        f"- elapsed: {elapsed:.1f} s on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        *(f"- note: {n}" for n in notes),
        "",
        "## Files",
        "",
        markdown_table(
            ["file", "pages", "strings", "read in original", "leaks", "schema errors", "boxes", "s"],
            [[f"`{r.file}`", str(r.pages), str(r.strings), str(r.seen_in_original) if args.control else "–",
              ", ".join(dict.fromkeys(r.text_leaks + r.ocr_leaks)) or (r.error or "0"), str(len(r.schema_errors)),
              str(r.boxes), f"{r.seconds:.1f}"] for r in results],
        ),
    ]
    data = {"command": command, "files": len(results), "strings": strings, "leaked": leaked,
            "seen_in_original": seen if args.control else None, "dpi": args.dpi, "pages": args.pages,
            "elapsed_seconds": round(elapsed, 1), "results": [asdict(r) for r in results]}
    return "\n".join(lines), data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.redaction", description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="PDFs or folders; default: fixtures and dev-data")
    parser.add_argument("--dpi", type=int, default=OCR_DPI, help="resolution of the check's OCR")
    parser.add_argument("--pages", type=int, default=None, help="OCR at most this many pages a file (default all)")
    parser.add_argument("--no-control", dest="control", action="store_false",
                        help="do not OCR the original pages")
    parser.add_argument("--output", type=Path, default=RESULTS, help="directory for redaction.{md,json}")
    args = parser.parse_args(argv)
    files, notes = (given_files(args.paths), []) if args.paths else default_files()
    started = time.perf_counter()
    results = []
    for path, label in files:
        result = check_file(path, label, args.dpi, args.pages, args.control)
        status = "ok" if result.ok else f"FAIL {result.text_leaks + result.ocr_leaks} {result.error or ''}"
        print(f"{result.seconds:6.1f}s {label}: {result.strings} strings, {status}", file=sys.stderr, flush=True)
        results.append(result)
    command = "python -m benchmarks.redaction " + " ".join(argv if argv is not None else sys.argv[1:])
    markdown, data = report(results, args, notes, time.perf_counter() - started, command.strip())
    write_report(args.output, "redaction", markdown, data)
    print(markdown)
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
