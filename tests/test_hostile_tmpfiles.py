"""A parse writes nothing outside its temporary space and leaves no temporary files behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .conftest import FIXTURES, ROOT

SCRIPT = """
import sys
from pathlib import Path
import resumeparser
from resumeparser import ParseOptions, ResumeParserError
for path in sys.argv[1:]:
    try:
        resumeparser.parse(Path(path), options=ParseOptions(ocr="auto"))
        print("ok", path)
    except ResumeParserError as exc:
        print(exc.code, path)
"""


def test_parsing_every_format_leaves_tmp_and_cwd_empty(tmp_path: Path) -> None:
    seeds = sorted((FIXTURES / "hostile" / "seeds").glob("resume.*"))
    broken = [FIXTURES / "hostile" / name for name in ("truncated.pdf", "broken_xml.docx", "truncated.png")]
    assert len(seeds) >= 7
    tmp = tmp_path / "tmp"
    cwd = tmp_path / "cwd"
    tmp.mkdir()
    cwd.mkdir()
    env = dict(os.environ, TMPDIR=str(tmp), TEMP=str(tmp), TMP=str(tmp), PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, *map(str, seeds + broken)],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    assert result.returncode == 0, result.stderr
    outcomes = [line.split()[0] for line in result.stdout.splitlines()]
    assert outcomes == ["ok"] * len(seeds) + ["corrupt_document"] * len(broken)
    assert list(tmp.iterdir()) == []
    assert list(cwd.iterdir()) == []
