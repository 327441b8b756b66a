"""The library does not load the service: `import resumeparser` and its command line stay free of the web and
database packages, which load only when `serve` or `keys` runs."""

from __future__ import annotations

import subprocess
import sys

from .harness import ROOT, _env

HEAVY = ("fastapi", "starlette", "uvicorn", "sqlalchemy", "psycopg", "resumeparser.server.app")


def test_import_and_cli_do_not_load_the_server() -> None:
    code = (
        "import sys, resumeparser, resumeparser.cli; resumeparser.cli.build_parser(); "
        f"print(sorted(m for m in sys.modules if m.startswith({HEAVY!r})))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=_env(), cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
