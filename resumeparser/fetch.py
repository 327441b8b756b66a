"""Fetch a resume from a URL and parse it, safely.

The rules follow CV Parser Pro's URL parsing: http and https only, a URL of at most 2,048 characters,
at most 10 MB read while streaming, 30 seconds per URL, and no private, loopback, link-local, reserved
or cloud-metadata address. The address is checked after name resolution and the connection goes to the
very address that was checked (no second lookup an attacker could answer differently: DNS rebinding).
Redirects are followed by hand, at most five, each one checked again. Proxy settings from the
environment are ignored on purpose: a proxy would resolve the name itself.
"""

from __future__ import annotations

import http.client
import ipaddress
import os
import re
import socket
import time
from dataclasses import dataclass
from email.message import Message
from urllib.parse import unquote, urljoin, urlsplit

from .errors import BlockedUrl, FetchFailed, FileTooLarge, ResumeParserError
from .models import Resume
from .options import DEFAULT_OPTIONS, MB, ParseOptions
from .pipeline import parse

MAX_URL_CHARS = 2048
MAX_FETCH_BYTES = 10 * MB
FETCH_TIMEOUT_SECONDS = 30.0
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
USER_AGENT = "resumeparser-fetch/1"
_CHUNK = 64 * 1024

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

# Cloud metadata endpoints. Most are link-local or private already; listed so the rule does not hinge
# on how the ipaddress module classifies each range in a given Python version.
METADATA_ADDRESSES: frozenset[IPAddress] = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254",  # AWS, GCP, Azure, OpenStack, DigitalOcean
        "169.254.170.2",  # AWS ECS task metadata
        "fd00:ec2::254",  # AWS IMDS over IPv6
        "100.100.100.200",  # Alibaba Cloud
        "192.0.0.192",  # Oracle Cloud
    )
)


@dataclass(frozen=True)
class Fetched:
    data: bytes
    url: str
    """The final URL, after redirects."""
    filename: str | None
    content_type: str | None


def blocked_reason(ip: IPAddress) -> str | None:
    """Why a connection to this address is refused, or None when it is a public address."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            reason = blocked_reason(embedded)
            return f"{reason} (inside {ip})" if reason else None
    if ip in METADATA_ADDRESSES:
        return "a cloud metadata address"
    for reason, flag in (
        ("a loopback address", ip.is_loopback),
        ("a link-local address", ip.is_link_local),
        ("a private address", ip.is_private),
        ("a multicast address", ip.is_multicast),
        ("an unspecified address", ip.is_unspecified),
        ("a reserved address", ip.is_reserved),
    ):
        if flag:
            return reason
    if not ip.is_global:  # shared address space (100.64.0.0/10) and the like
        return "not a public address"
    return None


def check_url(url: str) -> tuple[str, str, int]:
    """Validate the shape of a URL; return its scheme, host and port."""
    if len(url) > MAX_URL_CHARS:
        raise BlockedUrl(f"the URL is {len(url)} characters long, over the limit of {MAX_URL_CHARS}", source=url[:200])
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise BlockedUrl(f"not a valid URL: {exc}", source=url) from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise BlockedUrl(f"only http and https URLs are fetched, not {scheme or 'a URL without scheme'}", source=url)
    host = parts.hostname
    if not host:
        raise BlockedUrl("the URL has no host", source=url)
    try:
        host = host.encode("idna").decode("ascii")  # international names travel as punycode
    except UnicodeError as exc:
        raise BlockedUrl(f"not a valid host name: {exc}", source=url) from exc
    return scheme, host, port or (443 if scheme == "https" else 80)


def resolve(host: str, port: int, *, allow_private: bool) -> str:
    """Resolve the host and return one address to connect to; refuse if any address is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchFailed(f"cannot resolve {host}: {exc}") from exc
    addresses = [str(info[4][0]) for info in infos]
    if not addresses:
        raise FetchFailed(f"{host} has no address")
    if not allow_private:
        for address in addresses:
            # An IPv6 scope ("fe80::1%eth0") is not part of the address proper.
            reason = blocked_reason(ipaddress.ip_address(address.split("%", 1)[0]))
            if reason:
                raise BlockedUrl(f"{host} resolves to {address}, {reason}")
    return addresses[0]


def _connection(scheme: str, host: str, port: int, ip: str, timeout: float) -> http.client.HTTPConnection:
    """A connection to `host` (Host header, TLS name and certificate check) made to the address `ip`."""
    conn: http.client.HTTPConnection
    if scheme == "https":
        conn = http.client.HTTPSConnection(host, port, timeout=timeout)
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)

    def pinned(address: tuple[str, int], timeout: float, source: object = None) -> socket.socket:
        return socket.create_connection((ip, address[1]), timeout)

    conn._create_connection = pinned  # type: ignore[attr-defined]  # connect to the checked address only
    return conn


def fetch_url(
    url: str,
    *,
    max_bytes: int = MAX_FETCH_BYTES,
    timeout: float = FETCH_TIMEOUT_SECONDS,
    allow_private: bool = False,
) -> Fetched:
    """Download a URL under the rules above. `allow_private` exists for tests against a local server."""
    deadline = time.monotonic() + timeout
    original = url
    try:
        for _ in range(MAX_REDIRECTS + 1):
            scheme, host, port = check_url(url)
            ip = resolve(host, port, allow_private=allow_private)
            target = urlsplit(url)
            path = target.path or "/"
            if target.query:
                path += "?" + target.query
            conn = _connection(scheme, host, port, ip, _left(deadline, url))
            try:
                conn.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "identity"})
                sock = conn.sock  # kept: the connection lets go of it when the response reads to the close
                response = conn.getresponse()
                if response.status in REDIRECT_STATUSES:
                    location = response.getheader("Location")
                    if not location:
                        raise FetchFailed(f"HTTP {response.status} redirect without a Location")
                    url = urljoin(url, location.strip())
                    continue
                if not 200 <= response.status < 300:
                    raise FetchFailed(f"HTTP {response.status} {response.reason}")
                data = _read_capped(response, sock, max_bytes, deadline, url)
                return Fetched(data, url, _filename(response, url), response.getheader("Content-Type"))
            finally:
                conn.close()
        raise FetchFailed(f"more than {MAX_REDIRECTS} redirects")
    except ResumeParserError as exc:
        exc.source = exc.source or original
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:  # refused, reset, TLS, timeout, bad response
        raise FetchFailed(f"{type(exc).__name__}: {exc}", source=original) from exc


def _left(deadline: float, url: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchFailed("the fetch took longer than its time limit", source=url)
    return left


def _read_capped(
    response: http.client.HTTPResponse, sock: socket.socket | None, cap: int, deadline: float, url: str
) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise FileTooLarge(f"the server announces {declared} bytes, over the limit of {cap}")
    chunks: list[bytes] = []
    size = 0
    while True:
        if sock is not None:
            sock.settimeout(_left(deadline, url))  # the 30 s hold for the whole body, not for each read
        chunk = response.read1(_CHUNK)  # what has arrived, so that the clock is checked between reads
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > cap:  # stop reading: the rest is never downloaded
            raise FileTooLarge(f"over the limit of {cap} bytes while downloading")
        chunks.append(chunk)


def _filename(response: http.client.HTTPResponse, url: str) -> str | None:
    disposition = response.getheader("Content-Disposition")
    if disposition:
        message = Message()
        message["Content-Disposition"] = disposition
        name = message.get_filename()
        if name:
            return os.path.basename(name)
    name = os.path.basename(unquote(urlsplit(url).path))
    return name if re.search(r"\.\w{2,5}$", name) else None


def parse_url(url: str, *, options: ParseOptions | None = None, allow_private: bool = False) -> Resume:
    """Fetch a resume from an http(s) URL and parse it.

    At most 10 MB (or `options.limits.max_file_bytes` when smaller) and 30 seconds for the download.
    `allow_private=True` lifts the address rules; it is meant for tests against a local server only.
    """
    options = options or DEFAULT_OPTIONS
    fetched = fetch_url(url, max_bytes=min(MAX_FETCH_BYTES, options.limits.max_file_bytes), allow_private=allow_private)
    try:
        return parse(fetched.data, filename=fetched.filename, options=options)
    except ResumeParserError as exc:
        exc.source = url
        raise
