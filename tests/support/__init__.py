"""Helpers the tests import: plain functions and data, never a test (no test_*.py lives here).

Fixtures are in the conftest.py nearest the tests that use them; what a test calls directly (a
workbook builder, a model loader, a PDF or deck reader) is here.
"""

from __future__ import annotations

from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
SRC = ROOT / "src"
INPUTS = ROOT / "inputs"
GOLDEN = TESTS / "golden"
BASELINE = TESTS / "baseline"
OUTPUT = TESTS / "output"  # what a failing comparison leaves to look at (ignored by git)
