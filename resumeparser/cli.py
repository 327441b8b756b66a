"""Command line: `resumeparser parse FILE... [--format F] [--output FILE]` and `resumeparser schema`."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from .errors import ResumeParserError
from .export import EXPORT_FORMATS, export
from .models import ParseWarning, Resume, json_schema
from .pipeline import parse
from .version import __version__

OUTPUT_FORMATS = ("json", *EXPORT_FORMATS)


def render(resume: Resume, fmt: str, *, indent: int | None, file: str | None = None) -> str:
    """The record as `fmt`; exports get the original `file` (base64 resume payloads) and report what they left out
    on standard error. Comeet needs context the command line does not take (position_uid, partner_candidate_id)."""
    if fmt == "json":
        return resume.to_json(indent=indent)
    left_out: list[ParseWarning] = []
    payload = export(resume, fmt, file=file, warnings=left_out)
    for warning in left_out:
        print(f"{file or '-'}: warning: {warning.code}: {warning.message}", file=sys.stderr)
    return json.dumps(payload, indent=indent, ensure_ascii=False)


def _cmd_parse(args: argparse.Namespace, out: TextIO) -> int:
    failures = 0
    several = len(args.files) > 1
    for path in args.files:
        try:
            resume = parse(path)
            out.write(render(resume, args.format, indent=None if several else 2, file=path) + "\n")
            out.flush()
        except ResumeParserError as exc:
            failures += 1
            print(f"{path}: {exc.code}: {exc.message}", file=sys.stderr)
        except Exception as exc:  # never lose the other files to one unexpected failure
            failures += 1
            print(f"{path}: internal_error: {type(exc).__name__}: {exc}", file=sys.stderr)
    return 1 if failures else 0


def _cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    out.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="resumeparser", description="Parse resumes into structured records.")
    parser.add_argument("--version", action="version", version=f"resumeparser {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    p = commands.add_parser("parse", help="parse resume files and print their records")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", "-f", choices=OUTPUT_FORMATS, default="json", help="output format (default: json)")
    p.add_argument("--output", "-o", help="write to this file instead of standard output")
    p.set_defaults(handler=_cmd_parse)

    s = commands.add_parser("schema", help="print the JSON Schema of the record")
    s.add_argument("--output", "-o")
    s.set_defaults(handler=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "output", None):
        with open(args.output, "w", encoding="utf-8") as out:
            return int(args.handler(args, out))
    return int(args.handler(args, sys.stdout))
