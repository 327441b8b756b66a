"""What a parse worker runs for a URL job: fetch under the library's URL rules, store the bytes by hash.

Kept free of the web and database packages, since every worker process (or Dask worker) imports it to run
the loader. The worker then parses the stored file; the record's `meta.filename` is the stored name
(`<sha256><.ext>`), which is how the service finds the file again.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
import tempfile
import time
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ..fetch import fetch_url

EXTENSIONS = {
    "application/pdf": ".pdf",
    "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/rtf": ".rtf",
    "text/rtf": ".rtf",
    "text/plain": ".txt",
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/tiff": ".tiff",
}
"""Content types of the accepted formats and the extension a stored file of that type gets."""
KNOWN_SUFFIXES = frozenset({".pdf", ".doc", ".docx", ".rtf", ".txt", ".png", ".jpg", ".jpeg", ".tif", ".tiff"})


def extension(filename: str | None, content_type: str | None = None) -> str:
    """The stored file's extension: the name's when it is an accepted one, else the content type's, else none."""
    if filename:
        suffix = os.path.splitext(filename)[1].lower()
        if suffix in KNOWN_SUFFIXES:
            return suffix
    if content_type:
        return EXTENSIONS.get(content_type.split(";")[0].strip().lower(), "")
    return ""


def url_filename(url: str) -> str:
    """The last path segment of a URL, as CV Parser Pro names a URL's candidate file."""
    name = posixpath.basename(unquote(urlsplit(url).path))
    return name or "resume"


def write_by_hash(files_dir: str, digest: str, data: bytes, ext: str) -> str:
    """Write to `<files_dir>/<dd>/<digest><ext>` atomically (a temporary file renamed) unless it is there;
    return the path relative to the data folder (the parent of files_dir)."""
    folder = os.path.join(files_dir, digest[:2])
    os.makedirs(folder, exist_ok=True)
    name = digest + ext
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.remove(tmp)
            raise
    return os.path.join(os.path.basename(files_dir), digest[:2], name)


@dataclass(frozen=True)
class FetchAndStore:
    """A picklable loader for `parse_many`: download the URL, store it, return the stored file's path."""

    url: str
    files_dir: str
    allow_private: bool = False

    def __call__(self) -> str:
        fetched = fetch_url(self.url, allow_private=self.allow_private)
        digest = hashlib.sha256(fetched.data).hexdigest()
        suffix = extension(fetched.filename, fetched.content_type)
        relative = write_by_hash(self.files_dir, digest, fetched.data, suffix)
        return os.path.join(os.path.dirname(self.files_dir), relative)


@dataclass(frozen=True)
class IdleTick:
    """A loader that waits in the worker and gives nothing (the parse fails at once as an empty document).

    The service keeps its worker pool warm between jobs by handing an idle worker one of these when no job is
    pending: the worker, not the thread that collects results, does the waiting, so a finished document is
    never held up, and a new job waits at most one tick for a worker.
    """

    seconds: float = 0.2

    def __call__(self) -> bytes:
        time.sleep(self.seconds)
        return b""
