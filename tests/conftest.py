from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
# Development data beside the project; tests that read it skip when it is absent.
SHARED = Path(os.environ.get("RESUMEPARSER_SHARED", ROOT.parent / "shared"))


def shared_or_skip(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (development data)")
    return path


@pytest.fixture
def sample_txt() -> Path:
    return FIXTURES / "samples" / "jane_doe.txt"
