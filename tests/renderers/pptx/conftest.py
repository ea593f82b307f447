"""Fixtures of the deck tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.decks import make_template


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a client template (see make_template), written once per test module."""
    return make_template(tmp_path_factory.mktemp("template") / "client.pptx")
