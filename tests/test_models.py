import pytest
from pydantic import ValidationError

from resumeparser.models import Confidence, EducationEntry, Phone, Resume, WorkEntry


@pytest.mark.parametrize("value", ["2019", "2019-03", "2019-03-14"])
def test_partial_dates_keep_their_precision(value: str) -> None:
    assert WorkEntry(start_date=value).start_date == value


@pytest.mark.parametrize("value", ["2019-13", "19-03", "March 2019", "2019-03-32", "2019/03", "present", ""])
def test_bad_dates_are_rejected(value: str) -> None:
    with pytest.raises(ValidationError):
        WorkEntry(start_date=value)


@pytest.mark.parametrize("value", [-0.1, 1.5])
def test_confidence_out_of_range_is_rejected(value: float) -> None:
    with pytest.raises(ValidationError):
        Confidence(overall=value)
    with pytest.raises(ValidationError):
        Confidence(fields={"name": value})


def test_unknown_degree_level_and_phone_type_are_rejected() -> None:
    with pytest.raises(ValidationError):
        EducationEntry(degree_level="phd")
    with pytest.raises(ValidationError):
        Phone(raw="1", type="fax")
    with pytest.raises(ValidationError):
        Phone(raw="1", e164="0049123")


def test_assignment_is_validated_and_extra_fields_are_refused() -> None:
    entry = WorkEntry()
    with pytest.raises(ValidationError):
        entry.end_date = "soon"
    with pytest.raises(ValidationError):
        Resume(favourite_colour="blue")  # type: ignore[call-arg]


def test_json_round_trip() -> None:
    resume = Resume(work=[WorkEntry(title="Engineer", start_date="2020-01", is_current=True)])
    again = Resume.model_validate_json(resume.to_json())
    assert again == resume
    assert again.work[0].end_date is None and again.work[0].is_current
