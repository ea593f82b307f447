"""What every command shares: the warnings a build shows, and how many it holds back."""

from __future__ import annotations

import pytest

from mapgen.cli.common import WARNINGS_SHOWN, Reporter
from mapgen.model import Problem


def test_a_build_shows_the_first_warnings_and_counts_the_rest(capsys: pytest.CaptureFixture[str]) -> None:
    reporter = Reporter(show_all=False)
    reporter([Problem("warning", f"w{i}", file="a.xlsx") for i in range(WARNINGS_SHOWN + 5)])
    reporter([Problem("error", "always shown", file="a.xlsx")])
    reporter.close()
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == WARNINGS_SHOWN + 2
    assert lines[-2] == "a.xlsx: error: always shown"
    assert lines[-1] == "... 5 more warnings not shown (manifest.json lists them; -v shows every one)"
    assert reporter.warnings == WARNINGS_SHOWN + 5


def test_verbose_shows_every_warning(capsys: pytest.CaptureFixture[str]) -> None:
    reporter = Reporter(show_all=True)
    reporter([Problem("warning", f"w{i}") for i in range(WARNINGS_SHOWN + 5)])
    reporter.close()
    assert len(capsys.readouterr().err.splitlines()) == WARNINGS_SHOWN + 5
