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
    raise NetworkBlocked(f"network access attempted: {args[1:]!r}")


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Make every attempt to open or resolve a network connection fail the test."""
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)


@pytest.fixture(scope="session")
def lexicons():
    from rhetoric import lexicon

    return lexicon.load()


@pytest.fixture(scope="session")
def reference_text() -> str:
    return (SAMPLES / "the-russians-are-coming.txt").read_text(encoding="utf-8")
