"""Command line: `resumeparser parse FILE... [--format F] [--output FILE] [--evidence]`, `batch`, `debug`,
`redact`, `photo`, `schema`, and the service's `serve` and `keys` (resumeparser/server/)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Sequence
from typing import TextIO

from .errors import ResumeParserError
from .export import EXPORT_FORMATS, export
from .models import ParseWarning, Resume, json_schema
from .options import ParseOptions
from .pipeline import parse
from .server.main import add_commands as add_server_commands
from .version import __version__

OUTPUT_FORMATS = ("json", *EXPORT_FORMATS)


def render(
    resume: Resume, fmt: str, *, indent: int | None, file: str | None = None, context: dict[str, str] | None = None
) -> str:
    """The record as `fmt`; exports get the original `file` (base64 resume payloads) and the `--context` values
    (e.g. Comeet's position_uid), and report what they left out on standard error."""
    if fmt == "json":
        return resume.to_json(indent=indent)
    left_out: list[ParseWarning] = []
    payload = export(resume, fmt, file=file, warnings=left_out, **(context or {}))
    for warning in left_out:
        print(f"{file or '-'}: warning: {warning.code}: {warning.message}", file=sys.stderr)
    return json.dumps(payload, indent=indent, ensure_ascii=False)


def _cmd_parse(args: argparse.Namespace, out: TextIO) -> int:
    failures = 0
    several = len(args.files) > 1
    for path in args.files:
        try:
            resume = parse(path, options=ParseOptions(evidence=args.evidence))
            context = dict(args.context)
            text = render(resume, args.format, indent=None if several else 2, file=path, context=context)
            out.write(text + "\n")
            out.flush()
        except ResumeParserError as exc:
            failures += 1
            print(f"{path}: {exc.code}: {exc.message}", file=sys.stderr)
        except Exception as exc:  # never lose the other files to one unexpected failure
            failures += 1
            print(f"{path}: internal_error: {type(exc).__name__}: {exc}", file=sys.stderr)
    return 1 if failures else 0


def _context_item(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise argparse.ArgumentTypeError(f"expected KEY=VALUE, got {text!r}")
    return key.strip(), value


def _cmd_debug(args: argparse.Namespace, out: TextIO) -> int:
    from .debug import debug_page

    try:
        out.write(debug_page(args.file))
    except ResumeParserError as exc:
        print(f"{args.file}: {exc.code}: {exc.message}", file=sys.stderr)
        return 1
    return 0


def _cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    out.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
    return 0


def _cmd_redact(args: argparse.Namespace, out: TextIO) -> int:
    from .redact import redact_document, redacted_name

    try:
        result = redact_document(args.file, keep=args.keep, dpi=args.dpi, ocr=args.ocr)
    except ResumeParserError as exc:
        print(f"{args.file}: {exc.code}: {exc.message}", file=sys.stderr)
        return 1
    except ValueError as exc:  # an unknown --keep category
        print(f"redact: {exc}", file=sys.stderr)
        return 2
    target = args.target or redacted_name(args.file, result.format)
    if os.path.splitext(target)[1].lower() != result.extension:
        print(f"{args.file}: note: the redacted copy is {result.format.upper()}, written to {target}", file=sys.stderr)
    result.save(target)
    if args.record:
        with open(args.record, "w", encoding="utf-8") as handle:
            handle.write(result.record.to_json() + "\n")
    what = f"{result.pages} page(s), {result.boxes} area(s) filled" if result.format == "pdf" else (
        f"{result.boxes} replacement(s)")
    ocr = f", OCR on page(s) {', '.join(map(str, result.ocr_pages))}" if result.ocr_pages else ""
    print(f"{target}: {what}{ocr}", file=sys.stderr)
    return 0


def _cmd_photo(args: argparse.Namespace, out: TextIO) -> int:
    from .portrait import photo

    try:
        found = photo(args.file)
    except ResumeParserError as exc:
        print(f"{args.file}: {exc.code}: {exc.message}", file=sys.stderr)
        return 1
    if found is None:
        print(f"{args.file}: no photo", file=sys.stderr)
        return 1
    extension = "jpg" if found.format == "jpeg" else found.format
    target = args.target or f"{os.path.splitext(args.file)[0]}.photo.{extension}"
    with open(target, "wb") as handle:
        handle.write(found.data)
    out.write(found.info.model_dump_json() + "\n")
    print(f"{target}: {found.format}, {found.info.pixel_width}x{found.info.pixel_height} pixels", file=sys.stderr)
    return 0


def _batch_sources(args: argparse.Namespace) -> list[str]:
    """Files named and files under the directories named (sorted), then the URLs of --urls, one a line."""
    sources: list[str] = []
    for name in args.paths:
        if os.path.isdir(name):
            for root, dirs, files in os.walk(name):
                dirs.sort()
                sources.extend(os.path.abspath(os.path.join(root, f)) for f in sorted(files) if not f.startswith("."))
        else:
            sources.append(os.path.abspath(name))
    if args.urls:
        with open(args.urls, encoding="utf-8") as handle:
            sources.extend(line.strip() for line in handle if line.strip() and not line.lstrip().startswith("#"))
    return list(dict.fromkeys(sources))  # each source once


def _done_sources(path: str) -> set[str]:
    """Sources already in an output file; a last line cut short by a kill is removed so it is redone."""
    if not os.path.exists(path):
        return set()
    done: set[str] = set()
    keep = 0
    with open(path, "rb") as handle:
        for line in handle:
            if not line.endswith(b"\n"):
                break
            try:
                done.add(json.loads(line)["source"])
            except (ValueError, KeyError, TypeError):
                break
            keep += len(line)
    with open(path, "rb+") as handle:
        handle.truncate(keep)
    return done


def _cmd_batch(args: argparse.Namespace, out: TextIO) -> int:
    from tqdm import tqdm

    from .batch import parse_many

    if not args.paths and not args.urls:
        print("batch: name files, directories or --urls FILE", file=sys.stderr)
        return 2
    sources = [s for s in _batch_sources(args) if s != os.path.abspath(args.out)]  # not the output itself
    done = _done_sources(args.out)
    todo = [s for s in sources if s not in done]
    failed: Counter[str] = Counter()
    started = time.monotonic()
    with (
        open(args.out, "a", encoding="utf-8") as sink,
        tqdm(total=len(todo), unit="doc", file=sys.stderr, disable=args.quiet or None) as bar,
    ):
        for result in parse_many(todo, workers=args.workers, timeout=args.timeout, memory_limit_mb=args.memory_limit):
            sink.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            sink.flush()  # a kill loses nothing already written
            if result.error is not None:
                failed[result.error.code] += 1
            bar.update()
    elapsed = time.monotonic() - started
    parsed = len(todo) - sum(failed.values())
    by_code = ", ".join(f"{code} {n}" for code, n in failed.most_common()) or "none"
    rate = len(todo) / elapsed if elapsed > 0 else 0.0
    print(
        f"parsed {parsed}, failed {sum(failed.values())} ({by_code}), skipped {len(sources) - len(todo)} already in "
        f"{args.out}; {len(todo)} documents in {elapsed:.1f} s, {rate:.1f} documents/s",
        file=sys.stderr,
    )
    return 1 if failed else 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="resumeparser", description="Parse resumes into structured records.")
    parser.add_argument("--version", action="version", version=f"resumeparser {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("parse", help="parse resume files and print their records")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", "-f", choices=OUTPUT_FORMATS, default="json", help="output format (default: json)")
    p.add_argument("--output", "-o", help="write to this file instead of standard output")
    p.add_argument(
        "--context", "-c", type=_context_item, action="append", default=[], metavar="KEY=VALUE",
        help="export context, repeatable: position_uid, partner_candidate_id (Comeet), file_url, source",
    )
    p.add_argument(
        "--evidence", action="store_true",
        help="add where each value was read (page, box, text, line, section) to the JSON record",
    )
    p.set_defaults(handler=_cmd_parse)

    d = commands.add_parser(
        "debug", help="write a self-contained HTML page showing where each value was read in the document"
    )
    d.add_argument("file", metavar="FILE")
    d.add_argument("--output", "-o", help="the HTML file to write (default: standard output)")
    d.set_defaults(handler=_cmd_debug)

    b = commands.add_parser(
        "batch",
        help="parse many files, directories or URLs in worker processes into a JSON Lines file (resumable)",
    )
    b.add_argument("paths", nargs="*", metavar="DIR|FILE")
    b.add_argument("--urls", metavar="FILE", help="a file with one http(s) URL a line")
    b.add_argument("--out", required=True, help="JSON Lines output; sources already in it are skipped")
    b.add_argument("--workers", type=int, default=None, help="worker processes (default: the number of CPUs)")
    b.add_argument("--timeout", type=float, default=None, help="seconds per document before its worker is stopped")
    b.add_argument("--memory-limit", type=int, metavar="MB", help="address-space limit of each worker (POSIX)")
    b.add_argument("--quiet", "-q", action="store_true", help="no progress bar")
    b.set_defaults(handler=_cmd_batch)

    r = commands.add_parser(
        "redact", help="write a redacted copy: PDF and images as image-only PDF, DOCX as DOCX, other formats as text"
    )
    r.add_argument("file", metavar="FILE")
    r.add_argument("-o", dest="target", metavar="OUT", help="the copy (default: FILE's name with .redacted.EXT)")
    r.add_argument(
        "--keep", default=None, metavar="CATEGORIES",
        help="comma-separated categories to keep (default: employers,schools,location); the others are removed: "
        "name, emails, phones, address, links, photo, personal, employers, schools, location",
    )
    r.add_argument("--record", metavar="JSON", help="also write the redacted record here")
    r.add_argument("--dpi", type=int, default=200, help="resolution of the redacted pages (default: 200)")
    r.add_argument("--ocr", choices=("auto", "always", "never"), default="auto",
                   help="read pages with Tesseract to find what to fill: auto = scanned pages and large pictures")
    r.set_defaults(handler=_cmd_redact)

    ph = commands.add_parser("photo", help="save the candidate's portrait photo and print where it is")
    ph.add_argument("file", metavar="FILE")
    ph.add_argument("-o", dest="target", metavar="OUT", help="the image (default: FILE's name with .photo.EXT)")
    ph.set_defaults(handler=_cmd_photo)

    s = commands.add_parser("schema", help="print the JSON Schema of the record")
    s.add_argument("--output", "-o")
    s.set_defaults(handler=_cmd_schema)

    add_server_commands(commands)  # serve, keys: their web and database packages load only when they run
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "output", None):
        with open(args.output, "w", encoding="utf-8") as out:
            return int(args.handler(args, out))
    return int(args.handler(args, sys.stdout))
