import json

from resumeparser.models import json_schema

from .conftest import ROOT


def test_committed_json_schema_is_current() -> None:
    committed = json.loads((ROOT / "schemas" / "resume.schema.json").read_text(encoding="utf-8"))
    hint = "schemas/resume.schema.json is stale: run `resumeparser schema -o schemas/resume.schema.json`"
    assert committed == json_schema(), hint
