"""Table cells of the report: text wrapped by mapgen.text, bullets hung, split between pages."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.platypus import LongTable, SimpleDocTemplate, TableStyle

from mapgen import text
from mapgen.renderers.pdf.output.cells import BULLET, CellText
from mapgen.themes import load_theme

THEME = load_theme("default")
CHAIN = THEME.font_chain("body")
SIZE, LEADING = 10.0, 12.0
BLACK = (0.0, 0.0, 0.0)
LONG = "Delivery costs and dates are revealed only at the very last step of the checkout, after the account"


def cell(*items: tuple[str, bool], align: str = "left") -> CellText:
    return CellText(items, CHAIN, SIZE, LEADING, BLACK, align)


def test_lines_are_mapgen_texts_wrap_and_never_wider_than_the_cell() -> None:
    flowable = cell((LONG, False))
    width, height = flowable.wrap(150, 1000)
    lines = flowable.lines_for(150)
    assert [line.text for line in lines] == text.wrap(LONG, CHAIN, SIZE, 150)
    assert len(lines) > 2 and height == len(lines) * LEADING and width == 150
    assert all(text.measure(line.text, CHAIN, SIZE) <= 150 for line in lines)


def test_a_bullet_hangs_and_every_line_of_its_item_starts_at_one_indent() -> None:
    flowable = cell(("Short first point", True), (LONG, True), ("A line of its own", False))
    lines = flowable.lines_for(160)
    first, *rest = [line for line in lines if line.indent > 0]
    assert first.bullet and first.indent > text.measure(BULLET, CHAIN, SIZE)
    assert sum(line.bullet for line in lines) == 2, "one bullet per item, on its first line"
    assert {line.indent for line in rest} == {first.indent}
    assert lines[-1].indent == 0 and not lines[-1].bullet


def test_a_cell_splits_between_lines_leaving_at_least_two_on_each_side() -> None:
    flowable = cell((LONG, False))
    lines = flowable.lines_for(120)
    assert len(lines) >= 5
    top, bottom = flowable.split(120, LEADING * 3 + 1)
    assert [*top.lines_for(120), *bottom.lines_for(120)] == list(lines)
    assert len(top.lines_for(120)) == 3
    assert flowable.split(120, LEADING * 1.5) == [], "one line alone would be an orphan"
    assert flowable.split(120, LEADING * (len(lines) - 1)) == [], "or a widow"


def _drawn(flowable: CellText, width: float) -> list[tuple[float, float, str]]:
    """Return the words of a one-cell table as pdftotext reads them: (x, y, word)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (Debian package poppler-utils)")
    out = io.BytesIO()
    table = LongTable([[flowable]], colWidths=[width])
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    SimpleDocTemplate(out, leftMargin=50, rightMargin=50, invariant=1).build([table])
    found = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=out.getvalue(), capture_output=True, check=True
    ).stdout.decode()
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>'
    return [(float(x), float(y), word) for x, y, word in re.findall(pattern, found)]


def test_drawn_lines_start_where_the_lines_say_and_right_aligned_ones_end_at_the_edge(tmp_path: Path) -> None:
    words = _drawn(cell(("First point", True), (LONG, True)), 160)
    starts = {}
    for x, y, word in words:
        starts.setdefault(round(y, 1), (x, word))
    bullets = [x for x, word in starts.values() if word == BULLET]
    texts = [x for x, word in starts.values() if word != BULLET]
    assert len(bullets) == 2 and len(set(bullets)) == 1
    assert len(texts) >= 3 and max(texts) - min(texts) < 0.01, "the item's lines share their start"
    right = _drawn(cell(("Performance marketing", False), align="right"), 200)
    ends = [x + text.measure(word, CHAIN, SIZE) for x, _y, word in right if word == "marketing"]
    assert ends and abs(ends[0] - (50 + (_page_width() - 100 - 200) / 2 + 200)) < 0.5


def _page_width() -> float:
    from reportlab.lib.pagesizes import A4

    return float(A4[0])
