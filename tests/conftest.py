"""Fixtures shared by the tests of every folder.

The tests mirror the source: tests/readers/ tests mapgen.readers, tests/renderers/pdf/ the PDF
renderer, and so on; the modules at the top test the small modules and the whole (the command
line, the samples, the golden outputs, the shape of the code). Every folder is a package, so that
test modules of the same name in two folders (test_plan.py, test_parts.py...) do not clash.

A fixture lives in the conftest.py nearest the tests that use it; a helper that tests call (a
workbook builder, the model fixtures' loader, a PDF or deck reader) lives in tests/support/. No
test module imports another (tests/test_house.py checks it).
"""

from __future__ import annotations

import pytest

from mapgen.themes import Theme, load_theme


@pytest.fixture(scope="module")
def theme() -> Theme:
    """Return the default theme (loaded once per test module)."""
    return load_theme("default")
