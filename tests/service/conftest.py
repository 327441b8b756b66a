"""Fixtures of the service's tests (defined in harness.py)."""

from .harness import backend, file_server, make_server, postgres, receiver_factory

__all__ = ["backend", "file_server", "make_server", "postgres", "receiver_factory"]
