"""The report's profile card shows the workbook's own profile fields under their own names."""

from __future__ import annotations

from pathlib import Path

from mapgen.layout import layout_journey
from mapgen.renderers.pdf.writer import render_report
from mapgen.themes import load_theme
from tests.support.pdfs import pdftext, squash
from tests.support.workbooks import PROFILE_LINES, profile_lines


def test_custom_profile_fields_are_on_the_profile_card(tmp_path: Path) -> None:
    journeys = profile_lines(tmp_path)
    data, _problems = render_report(journeys, load_theme("default"), layout=layout_journey)
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    text = squash(pdftext(path))
    for key, value in PROFILE_LINES.items():
        assert squash(f"{key} {value}") in text or (squash(key) in text and squash(value) in text), key
    positions = [text.index(squash(key)) for key in PROFILE_LINES]
    assert positions == sorted(positions)  # in sheet order
