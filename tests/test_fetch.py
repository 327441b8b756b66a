"""parse_url against a real HTTP server on 127.0.0.1, allowed only where a test says allow_private=True."""

from __future__ import annotations

import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from resumeparser import parse_url
from resumeparser.errors import BlockedUrl, FetchFailed, FileTooLarge
from resumeparser.fetch import MAX_FETCH_BYTES, blocked_reason, fetch_url

from .conftest import FIXTURES

SAMPLE = (FIXTURES / "samples" / "jane_doe.txt").read_bytes()
DRIP_ABANDONED = threading.Event()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"  # close-delimited bodies when no Content-Length is sent

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if body or status == 200:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except OSError:
            pass  # the client gave up first (the timeout test)

    def do_GET(self) -> None:
        host = f"http://{self.headers['Host']}"
        if self.path == "/cv.txt":
            self._send(200, SAMPLE, {"Content-Type": "text/plain"})
        elif self.path == "/download?id=7":
            self._send(200, SAMPLE, {"Content-Disposition": 'attachment; filename="jane.txt"'})
        elif self.path == "/announced-big":
            self._send(200, b"x" * (MAX_FETCH_BYTES + 1))
        elif self.path == "/streamed-big":  # no Content-Length: the cap must hold while streaming
            self.send_response(200)
            self.end_headers()
            chunk = b"x" * 65536
            try:
                for _ in range(MAX_FETCH_BYTES // len(chunk) + 20):
                    self.wfile.write(chunk)
            except OSError:
                pass  # the client hung up, as it should
        elif self.path == "/hop":
            self._send(302, headers={"Location": "/cv.txt"})
        elif self.path.startswith("/redirect?to="):
            self._send(302, headers={"Location": self.path.split("=", 1)[1]})
        elif self.path == "/loop":
            self._send(301, headers={"Location": f"{host}/loop"})
        elif self.path == "/drip":  # ten bytes every 0.2 s for a minute: each read is quick, the whole is not
            self.send_response(200)
            self.end_headers()
            try:
                for _ in range(300):
                    self.wfile.write(b"x" * 10)
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                DRIP_ABANDONED.set()
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, SAMPLE)
        else:
            self._send(404, b"not here")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_parses_a_resume_from_a_local_server_when_allowed(server: str) -> None:
    resume = parse_url(f"{server}/cv.txt", allow_private=True)
    assert resume.emails == ["jane.doe@example.org"]
    assert resume.meta.filename == "cv.txt"


def test_follows_a_redirect_and_takes_the_name_from_content_disposition(server: str) -> None:
    assert parse_url(f"{server}/hop", allow_private=True).emails == ["jane.doe@example.org"]
    assert fetch_url(f"{server}/download?id=7", allow_private=True).filename == "jane.txt"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "[::1]", "127.1", "2130706433"])
def test_loopback_is_blocked_without_the_test_setting(server: str, host: str) -> None:
    port = server.rsplit(":", 1)[1]
    with pytest.raises(BlockedUrl) as info:
        parse_url(f"http://{host}:{port}/cv.txt")
    assert info.value.code == "blocked_url"


@pytest.mark.parametrize(
    "target", ["http://169.254.169.254/latest/meta-data/", "http://10.0.0.7/cv.txt", "http://[::1]/"]
)
def test_a_redirect_to_a_private_address_is_blocked(server: str, target: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # Let the test server itself through, exactly it, and keep the real rule for every other address.
    real = blocked_reason

    def only_the_test_server(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
        return None if str(ip) == "127.0.0.1" else real(ip)

    monkeypatch.setattr("resumeparser.fetch.blocked_reason", only_the_test_server)
    assert fetch_url(f"{server}/cv.txt").data == SAMPLE  # the first hop is allowed
    with pytest.raises(BlockedUrl, match="resolves to"):
        fetch_url(f"{server}/redirect?to={target}")


def test_a_name_with_any_private_address_is_blocked(monkeypatch: pytest.MonkeyPatch) -> None:
    def two_addresses(host: str, port: int, *args: object, **kwargs: object) -> list[tuple[object, ...]]:
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.215.14", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("192.168.1.20", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", two_addresses)
    with pytest.raises(BlockedUrl, match=r"192\.168\.1\.20"):
        fetch_url("https://cv.example.com/cv.pdf")


@pytest.mark.parametrize(
    ("address", "blocked"),
    [
        ("169.254.169.254", True),
        ("fd00:ec2::254", True),
        ("100.100.100.200", True),
        ("::ffff:10.0.0.1", True),
        ("172.16.5.4", True),
        ("192.168.0.1", True),
        ("0.0.0.0", True),
        ("fe80::1", True),
        ("100.64.0.1", True),
        ("93.184.215.14", False),
        ("2606:4700:4700::1111", False),
    ],
)
def test_address_rule(address: str, blocked: bool) -> None:
    assert (blocked_reason(ipaddress.ip_address(address)) is not None) is blocked


def test_oversize_is_refused_when_announced_and_cut_when_streamed(server: str) -> None:
    for path in ("/announced-big", "/streamed-big"):
        with pytest.raises(FileTooLarge) as info:
            parse_url(f"{server}{path}", allow_private=True)
        assert info.value.code == "file_too_large"
        assert info.value.source == f"{server}{path}"


@pytest.mark.parametrize(
    "url", ["ftp://example.com/cv.pdf", "file:///etc/passwd", "gopher://example.com/", "example.com/cv.pdf"]
)
def test_other_schemes_are_refused(url: str) -> None:
    with pytest.raises(BlockedUrl, match="only http and https"):
        parse_url(url)


def test_an_overlong_url_is_refused() -> None:
    url = "https://example.com/" + "a" * 2100
    with pytest.raises(BlockedUrl, match="2048"):
        parse_url(url)


def test_http_errors_loops_and_slow_servers_are_fetch_failed(server: str) -> None:
    with pytest.raises(FetchFailed, match="404"):
        parse_url(f"{server}/missing.pdf", allow_private=True)
    with pytest.raises(FetchFailed, match="redirects"):
        parse_url(f"{server}/loop", allow_private=True)
    with pytest.raises(FetchFailed) as info:
        fetch_url(f"{server}/slow", timeout=0.5, allow_private=True)
    assert info.value.code == "fetch_failed"


def test_the_time_limit_holds_for_the_whole_body(server: str) -> None:
    with pytest.raises(FetchFailed):
        fetch_url(f"{server}/drip", timeout=1, allow_private=True)
    assert DRIP_ABANDONED.wait(10)  # the client hung up long before the minute was over


def test_an_unknown_host_is_fetch_failed() -> None:
    with pytest.raises(FetchFailed):
        parse_url("http://no-such-host.invalid/cv.pdf")


def test_cap_follows_a_smaller_file_limit(server: str) -> None:
    from resumeparser import Limits, ParseOptions

    with pytest.raises(FileTooLarge):
        parse_url(f"{server}/cv.txt", options=ParseOptions(limits=Limits(max_file_bytes=100)), allow_private=True)


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """An HTTPS server on 127.0.0.1 with a self-signed certificate for the name localhost only."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost",
         "-addext", "subjectAltName=DNS:localhost", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"{httpd.server_address[1]}", cert
    httpd.shutdown()
    httpd.server_close()


def test_https_checks_the_certificate_for_the_name_in_the_url(
    tls_server: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    port, cert = tls_server
    with pytest.raises(FetchFailed, match="CERTIFICATE_VERIFY_FAILED"):  # not trusted
        fetch_url(f"https://localhost:{port}/cv.txt", allow_private=True)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trust it, as a company CA would be trusted
    # The connection goes to the address that was resolved and checked, and TLS still speaks to "localhost".
    assert fetch_url(f"https://localhost:{port}/cv.txt", allow_private=True).data == SAMPLE
    with pytest.raises(FetchFailed, match="CERTIFICATE_VERIFY_FAILED"):  # the certificate is not for 127.0.0.1
        fetch_url(f"https://127.0.0.1:{port}/cv.txt", allow_private=True)


@pytest.mark.parametrize("url", ["http://a..b/cv.pdf", "http://localhost:99999/cv.pdf", "http://[::1/cv.pdf"])
def test_malformed_urls_are_typed_errors(url: str) -> None:
    with pytest.raises(BlockedUrl):
        parse_url(url)
