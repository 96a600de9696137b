"""Shared fixtures: no test may touch the network."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


class NetworkBlocked(RuntimeError):
    """Raised when code under test tries to open a network connection."""


def _refuse(*args, **kwargs):
    raise NetworkBlocked(f"network access attempted: {args!r}")


def _local_only(original):
    """Wrap a socket method so that only Unix-domain sockets (worker pools use them) may connect."""
    def guarded(self, *args, **kwargs):
        if self.family != socket.AF_UNIX:
            _refuse(*args)
        return original(self, *args, **kwargs)
    return guarded


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Make every attempt to open or resolve a network connection fail the test."""
    monkeypatch.setattr(socket.socket, "connect", _local_only(socket.socket.connect))
    monkeypatch.setattr(socket.socket, "connect_ex", _local_only(socket.socket.connect_ex))
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)


@pytest.fixture(scope="session")
def lexicons():
    from rhetoric import lexicon

    return lexicon.load()


@pytest.fixture(scope="session")
def reference_text() -> str:
    return (SAMPLES / "the-russians-are-coming.txt").read_text(encoding="utf-8")
