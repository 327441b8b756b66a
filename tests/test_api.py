import io
import threading
import zipfile
from pathlib import Path

import pytest

import resumeparser
from resumeparser import ParseOptions, ResumeParserError
from resumeparser.options import Limits


def test_parse_path_bytes_and_file_object_agree(sample_txt: Path) -> None:
    by_path = resumeparser.parse(sample_txt)
    by_bytes = resumeparser.parse(sample_txt.read_bytes(), filename="cv.txt")
    with open(sample_txt, "rb") as handle:
        by_handle = resumeparser.parse(handle)
    assert by_path.name is not None and by_path.name.full == "Jane Q. Doe"
    assert by_path.emails == by_bytes.emails == by_handle.emails == ["jane.doe@example.org"]
    assert by_path.meta.filename == "jane_doe.txt" == by_handle.meta.filename
    assert by_bytes.meta.filename == "cv.txt"
    assert by_path.meta.format == "txt" and by_path.meta.parser_version == resumeparser.__version__


def test_parse_text_reads_contact_details() -> None:
    resume = resumeparser.parse_text("Maria Garcia\nmaria.garcia@example.com\n+34 612 345 678\n")
    assert resume.name is not None and resume.name.last == "Garcia"
    assert [p.e164 for p in resume.phones] == ["+34612345678"]
    assert resume.phones[0].type == "mobile"


def test_record_serialises_to_json(sample_txt: Path) -> None:
    resume = resumeparser.parse(sample_txt)
    again = resumeparser.Resume.model_validate_json(resume.to_json())
    assert again.emails == resume.emails


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty_document"),
        (b"   \n\n  ", "empty_document"),
        (bytes(range(256)) * 8, "unsupported_format"),
    ],
)
def test_bad_bytes_get_typed_errors(data: bytes, code: str) -> None:
    with pytest.raises(ResumeParserError) as info:
        resumeparser.parse(data)
    assert info.value.code == code


def test_zip_that_is_not_a_document(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    with pytest.raises(ResumeParserError) as info:
        resumeparser.parse(buffer.getvalue(), filename="cv.docx")
    assert info.value.code == "unsupported_format"


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ResumeParserError) as info:
        resumeparser.parse(tmp_path / "nope.pdf")
    assert info.value.code == "file_not_found"


def test_size_limit_is_enforced(sample_txt: Path) -> None:
    options = ParseOptions(limits=Limits(max_file_bytes=100))
    with pytest.raises(ResumeParserError) as info:
        resumeparser.parse(sample_txt, options=options)
    assert info.value.code == "file_too_large"
    with pytest.raises(ResumeParserError):
        resumeparser.parse(sample_txt.read_bytes(), options=options)


def test_parse_is_thread_safe(sample_txt: Path) -> None:
    expected = resumeparser.parse(sample_txt).model_dump(exclude={"meta"})
    results: list[dict[str, object]] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(5):
                results.append(resumeparser.parse(sample_txt).model_dump(exclude={"meta"}))
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(results) == 20 and all(r == expected for r in results)


def test_error_codes_are_stable() -> None:
    assert set(resumeparser.ERROR_CODES) >= {
        "unsupported_format", "file_too_large", "encrypted_document", "corrupt_document", "empty_document",
        "ocr_unavailable", "timeout", "fetch_failed", "blocked_url",
    }
