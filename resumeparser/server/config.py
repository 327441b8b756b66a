"""The service's settings, as `resumeparser serve` takes them."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..options import MB

MAX_UPLOAD_BYTES = 10 * MB
"""CV Parser Pro's limit per file (413 over it)."""
MAX_FILES_PER_REQUEST = 50
MAX_PARSE_URLS = 50
"""CV Parser Pro's `POST /v1/parse/url` limit."""
MAX_BULK_URLS = 200
"""TapTalent's bulk-upload limit."""
SIGNED_URL_SECONDS = 3600
"""How long a signed file URL stays valid (CV Parser Pro: one hour)."""


@dataclass(frozen=True)
class ServerConfig:
    data_dir: str
    database_url: str | None = None
    """Any SQLAlchemy URL; None: SQLite at `<data_dir>/resumeparser.db`."""
    workers: int = 2
    """Parse worker processes (the batch pool), or tasks in flight on a Dask cluster."""
    dask_address: str | None = None
    allow_private_urls: bool = False
    """Fetch URLs on private and loopback addresses too: for tests and development only."""
    rate_limit: int = 120
    """Default requests a minute per key for parse and write endpoints; reads get twice as many."""
    webhook_backoff_seconds: float = 5.0
    """Delay before the first retry of a webhook; it doubles at each further try."""
    webhook_max_attempts: int = 8
    webhook_timeout_seconds: float = 10.0
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    parse_timeout_seconds: float | None = None
    """Hard limit per document; None: the batch pool's default."""

    @property
    def files_dir(self) -> str:
        return os.path.join(self.data_dir, "files")

    @property
    def url(self) -> str:
        if self.database_url:
            return self.database_url
        return "sqlite:///" + os.path.abspath(os.path.join(self.data_dir, "resumeparser.db"))
