"""A service may vendor the package under its own parent package: imports inside must be relative."""

import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT


def test_package_works_vendored_under_another_parent(tmp_path: Path, sample_txt: Path) -> None:
    parent = tmp_path / "acme_service" / "_vendor"
    parent.mkdir(parents=True)
    (tmp_path / "acme_service" / "__init__.py").write_text("")
    (parent / "__init__.py").write_text("")
    shutil.copytree(ROOT / "resumeparser", parent / "resumeparser", ignore=shutil.ignore_patterns("__pycache__"))
    code = (
        "import sys, json\n"
        "from acme_service._vendor import resumeparser\n"
        f"r = resumeparser.parse({str(sample_txt)!r})\n"
        "assert 'resumeparser' not in [m.split('.')[0] for m in sys.modules], 'absolute self-import'\n"
        "print(json.dumps(r.emails))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == '["jane.doe@example.org"]'
