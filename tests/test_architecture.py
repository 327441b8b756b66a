"""One direction of imports (docs/architecture.md): every relative import inside the package goes to a module
earlier in `ORDER`, so a stage never imports a later stage and the schema imports no stage."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "resumeparser"

ORDER = [
    "version", "errors", "datafiles",
    "models", "options", "document",
    "chrome", "normalize", "load", "detect", "guard", "extract", "portrait", "ner",
    "segment", "fields", "tagging", "assemble", "evidence",
    "pipeline", "debug", "redact",
    "fetch", "batch", "export", "server", "cli", "__main__", "__init__",
]
"""Top-level modules and subpackages, each allowed to import only those before it."""


def unit(module: str) -> str:
    """The top-level module or subpackage a dotted name inside the package belongs to."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports() -> list[tuple[str, str, str]]:
    """(importing file, its unit, imported unit) for every relative import between different units."""
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        package = parts if path.name == "__init__.py" else parts[:-1]
        if path.name == "__init__.py":
            parts = parts[:-1]
        source = unit(".".join(parts))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ImportFrom) or not node.level:
                continue
            base = package[: len(package) - (node.level - 1)]
            targets = [base + node.module.split(".")] if node.module else [[*base, a.name] for a in node.names]
            for target in targets:
                if unit(".".join(target)) != source:
                    out.append((str(path.relative_to(PACKAGE.parent)), source, unit(".".join(target))))
    return out


def test_the_order_names_every_module() -> None:
    units = {p.stem for p in PACKAGE.glob("*.py")} | {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert units - {"py"} <= set(ORDER), f"place these in ORDER: {sorted(units - set(ORDER))}"


def test_imports_go_one_way() -> None:
    found = imports()
    assert any(target == "models" for _, _, target in found)  # the walk sees the imports
    backwards = [(f, t) for f, s, t in found if ORDER.index(t) >= ORDER.index(s)]
    assert not backwards, f"imports of a later stage: {backwards}"
