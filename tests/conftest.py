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


_LOOPBACK = ("127.0.0.1", "::1", "localhost")


def _local_only(original, loopback: bool):
    """Wrap a socket method so that only Unix-domain sockets (worker pools use them) may connect,
    and loopback addresses too for tests that drive a local browser."""
    def guarded(self, *args, **kwargs):
        address = args[0] if args else None
        local = self.family == socket.AF_UNIX or (
            loopback and isinstance(address, tuple) and address[0] in _LOOPBACK)
        if not local:
            _refuse(self, *args)
        return original(self, *args, **kwargs)
    return guarded


def _resolve_loopback_only(original):
    def guarded(host, *args, **kwargs):
        if host not in _LOOPBACK:
            _refuse(None, host)
        return original(host, *args, **kwargs)
    return guarded


@pytest.fixture(autouse=True)
def no_network(monkeypatch, request):
    """Make every attempt to open or resolve a network connection fail the test.

    Tests marked `localhost` (a browser driven over loopback) may reach 127.0.0.1 only.
    """
    loopback = request.node.get_closest_marker("localhost") is not None
    monkeypatch.setattr(socket.socket, "connect", _local_only(socket.socket.connect, loopback))
    monkeypatch.setattr(socket.socket, "connect_ex", _local_only(socket.socket.connect_ex, loopback))
    if not loopback:
        monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo",
                        _resolve_loopback_only(socket.getaddrinfo) if loopback else _refuse)


@pytest.fixture(autouse=True)
def no_user_config(monkeypatch, tmp_path_factory):
    """Keep the developer's own ~/.config/rhetoric/config.toml out of every test."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.getbasetemp() / "no-user-config"))


@pytest.fixture(scope="session")
def lexicons():
    from rhetoric import lexicon

    return lexicon.load()


@pytest.fixture(scope="session")
def reference_text() -> str:
    return (SAMPLES / "the-russians-are-coming.txt").read_text(encoding="utf-8")
