"""Validation of export payloads: the committed schemas of the five systems and the official JSON Resume schema."""

from __future__ import annotations

import json
from functools import cache
from typing import Any
from urllib.parse import urlparse

from jsonschema import Draft7Validator, Draft202012Validator, FormatChecker

from .conftest import ROOT, shared_or_skip

SYSTEMS = ("workable", "comeet", "occupop", "cvparserpro", "taptalent")

# jsonschema checks "uri" only with an optional package; an absolute http(s) address without spaces is what the
# systems take, so check that here.
FORMATS = FormatChecker()


@FORMATS.checks("uri")
def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parsed = urlparse(value)
    return bool(parsed.scheme and parsed.netloc) and not any(ch.isspace() for ch in value)


@cache
def system_schema(system: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((ROOT / "schemas" / "exports" / f"{system}.schema.json").read_text("utf-8"))
    return schema


def jsonresume_schema() -> dict[str, Any]:
    path = shared_or_skip("schemas", "jsonresume-1.0.0.schema.json")
    schema: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return schema


@cache
def validator(fmt: str) -> Draft7Validator | Draft202012Validator:
    if fmt == "jsonresume":
        return Draft7Validator(jsonresume_schema(), format_checker=FORMATS)
    return Draft202012Validator(system_schema(fmt), format_checker=FORMATS)


def errors(fmt: str, payload: dict[str, Any]) -> list[str]:
    """Every schema violation of the payload, as readable lines (empty when valid)."""
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(fmt).iter_errors(payload)]


def blank_strings(value: Any, path: str = "") -> list[str]:
    """Paths of empty or whitespace-only strings anywhere in a payload."""
    if isinstance(value, str):
        return [path] if not value.strip() else []
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in blank_strings(v, f"{path}/{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in blank_strings(v, f"{path}/{i}")]
    return []
