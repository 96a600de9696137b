"""The package type-checks under mypy --strict, which STYLE.md sets as the target."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_mypy_strict_finds_nothing(tmp_path):
    api = pytest.importorskip("mypy.api")
    out, err, status = api.run(["--strict", "--ignore-missing-imports", "--cache-dir", str(tmp_path),
                                str(ROOT / "rhetoric")])
    assert status == 0, out + err
