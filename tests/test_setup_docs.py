"""The README's set-up commands are the ones CI runs, so a newcomer's first commands are tested."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _commands(text: str) -> list[str]:
    """Return the indented command lines of the README's Set up section."""
    section = text.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return [line.strip() for line in section.splitlines() if line.startswith("    ")]


def test_ci_runs_the_readmes_test_command_as_written() -> None:
    build, test = _commands((ROOT / "README.md").read_text("utf-8"))
    assert build == "python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/mapgen build"
    assert test.endswith(".venv/bin/pytest")
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert re.search(rf"^{re.escape(test)} \|\| exit$", ci, re.M), "the line .ci/run runs"
    # The virtual environment .ci/run lints and type-checks with is the one the command made.
    assert "\n.venv/bin/ruff check" in ci and "\n.venv/bin/mypy" in ci


def test_the_virtual_environment_is_ignored_by_git_and_pytest() -> None:
    assert ".venv/" in (ROOT / ".gitignore").read_text("utf-8").splitlines()
    pytest_options = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"]
    assert ".*" in pytest_options["ini_options"]["norecursedirs"], "no test is collected from .venv"
