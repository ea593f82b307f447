"""Reports for the tests: poppler and qpdf run on a PDF, and a report made part by part."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from mapgen.layout import layout_journey
from mapgen.model import Journeys
from mapgen.renderers.parts import part_scope
from mapgen.renderers.pdf.writer import render_report_part, report_parts
from mapgen.themes import Theme


def tool(name: str) -> str:
    """Return the path of a poppler or qpdf tool; skip (fail in CI) when it is not installed."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (Debian packages poppler-utils and qpdf)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def run(*args: str) -> str:
    """Run a poppler or qpdf tool and return what it prints."""
    return subprocess.run([tool(args[0]), *args[1:]], capture_output=True, text=True, check=True).stdout


def pdftext(path: Path, first: int | None = None, last: int | None = None, *, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if first is not None:
        args += ["-f", str(first), "-l", str(last if last is not None else first)]
    if layout:
        args.append("-layout")
    return run(*args, str(path), "-")


def squash(value: str) -> str:
    """Return text without any whitespace: line breaks inside table cells do not matter."""
    return "".join(value.split())


def outline(path: Path) -> list[dict[str, Any]]:
    data = json.loads(run("qpdf", "--json", "--json-key=outlines", str(path)))
    outlines: list[dict[str, Any]] = data["outlines"]
    return outlines


def page_count(path: Path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(path)), re.M)[1])  # type: ignore[index]


def make_parts(journeys: Journeys, theme: Theme, order: list[int] | None = None) -> list[bytes]:
    """Return the parts of the report, made one by one (in the given order) as a build would."""
    specs = report_parts(journeys)
    made: dict[int, bytes] = {}
    for i in order if order is not None else range(len(specs)):
        made[i], _problems = render_report_part(
            part_scope(journeys, specs[i]), specs[i], theme, layout=layout_journey
        )
    return [made[i] for i in range(len(specs))]
