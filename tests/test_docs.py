"""The manual holds: every fenced ```python and ```sh example of README.md and docs/*.md runs from the repository
root, and every relative link (and #anchor) between the pages resolves.

A block right after a line `<!-- no-run: REASON -->` is skipped with that reason (servers, the network, long
benchmark runs, and the README's opening commands, which are what CI itself runs)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

FENCE = re.compile(r"^```([\w-]*)[^\n]*\n(.*?)^```[ \t]*$", re.M | re.S)
NO_RUN = re.compile(r"^<!--\s*no-run:\s*(.+?)\s*-->$")
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^#{1,6}[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
INLINE_CODE = re.compile(r"(`+).+?\1", re.S)


@dataclass(frozen=True)
class Example:
    page: Path
    line: int
    lang: str
    code: str
    skip: str | None

    @property
    def id(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def examples(page: Path) -> list[Example]:
    text = page.read_text(encoding="utf-8")
    out = []
    for match in FENCE.finditer(text):
        lang = match.group(1)
        if lang not in ("python", "sh"):
            continue
        before = [line.strip() for line in text[: match.start()].splitlines() if line.strip()]
        marker = NO_RUN.match(before[-1]) if before else None
        line = text.count("\n", 0, match.start()) + 1
        out.append(Example(page, line, lang, match.group(2), marker.group(1) if marker else None))
    return out


ALL_EXAMPLES = [example for page in PAGES for example in examples(page)]


def _env() -> dict[str, str]:
    """This checkout first on the import path (not whatever the virtualenv's editable install points at), and
    the virtualenv's programs (`resumeparser`, `python`) first on PATH."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=[e.id for e in ALL_EXAMPLES])
def test_example_runs(example: Example, tmp_path: Path) -> None:
    if example.skip:
        pytest.skip(example.skip)
    if example.lang == "python":
        script = tmp_path / "example.py"  # a file, not `-c`: examples with worker processes re-import it
        script.write_text(example.code, encoding="utf-8")
        command = [sys.executable, str(script)]
    else:
        command = ["sh", "-c", "set -e\n" + example.code]
    done = subprocess.run(command, cwd=ROOT, env=_env(), capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, f"{example.id} exited {done.returncode}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"


def test_the_examples_are_found() -> None:
    """The examples test sees the pages: a regex that stopped matching fences would pass vacuously."""
    assert {e.page for e in ALL_EXAMPLES if not e.skip} >= {ROOT / "README.md"}
    assert len([e for e in ALL_EXAMPLES if not e.skip]) >= len(PAGES)


def test_readme_opening_commands_are_what_ci_runs() -> None:
    first = examples(ROOT / "README.md")[0]
    assert first.line <= 5 and first.skip
    assert "./scripts/test.sh" in first.code.splitlines()
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_readme_fits_on_a_screen_or_two() -> None:
    assert (ROOT / "README.md").stat().st_size <= 10 * 1024


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, markup and punctuation dropped, spaces to hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link's text only
    text = re.sub(r"[`*_]", "", text).strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    text = FENCE.sub("", page.read_text(encoding="utf-8"))
    seen: dict[str, int] = {}
    out = set()
    for heading in HEADING.findall(text):
        base = slug(heading)
        n = seen.get(base, 0)
        seen[base] = n + 1
        out.add(base if n == 0 else f"{base}-{n}")
    return out


def links(page: Path) -> list[str]:
    text = INLINE_CODE.sub("", FENCE.sub("", page.read_text(encoding="utf-8")))
    return LINK.findall(text)


def test_pages_have_links_to_check() -> None:
    assert any(links(page) for page in PAGES)


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_relative_links_resolve(page: Path) -> None:
    dead = []
    for target in links(page):
        if re.match(r"[a-z][a-z0-9+.-]*:", target):  # https:, mailto: and other schemes are not checked here
            continue
        path, _, anchor = target.partition("#")
        resolved = (page.parent / path).resolve() if path else page
        if not resolved.exists():
            dead.append(target)
        elif anchor and resolved.suffix == ".md" and anchor not in anchors(resolved):
            dead.append(target)
    assert not dead, f"{os.path.relpath(page, ROOT)}: dead links {dead}"


def test_slug_follows_github() -> None:
    assert slug("Batches and URLs") == "batches-and-urls"
    assert slug("`Limits` and error codes") == "limits-and-error-codes"
    assert slug("Work, education & dates") == "work-education--dates"
