"""The sample reports, page by page: no padding, no near-empty pages, no repeated map."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import mapgen
from mapgen.renderers.pdf.writer import render_report
from mapgen.themes import load_theme
from tests.support import INPUTS
from tests.support.pdfs import outline, page_count, run

# Pages a sample report may have at most: a chapter per persona of four or five pages.
MOST_PAGES = {"example": 18, "b2b-example": 13}
MIN_FILL = 0.40  # of the frame's height, on every page but a chapter's last


def _word_bottoms(path: Path) -> dict[int, tuple[float, float, float]]:
    """Return, per page, the page height and the top and bottom of its words below the running header."""
    html = run("pdftotext", "-bbox", str(path), "-")
    out = {}
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        height = float(re.search(r'height="([\d.]+)"', page)[1])  # type: ignore[index]
        ys = [
            (float(m[1]), float(m[2]))
            for m in re.finditer(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', page)
        ]
        body = [(top, bottom) for top, bottom in ys if 0.08 * height < top and bottom < 0.92 * height]
        out[number] = (height, min((t for t, _b in body), default=0), max((b for _t, b in body), default=0))
    return out


@pytest.mark.parametrize("sample", sorted(MOST_PAGES))
def test_every_page_is_filled_but_the_last_of_a_chapter(sample: str, tmp_path: Path) -> None:
    journeys = mapgen.load(INPUTS / f"{sample}.xlsx")
    theme = load_theme("default")
    data, _problems = render_report(journeys, theme)
    path = tmp_path / f"{sample}.pdf"
    path.write_bytes(data)
    total = page_count(path)
    assert total <= MOST_PAGES[sample]
    starts = sorted({e["destpageposfrom1"] for e in outline(path)} | {total + 1})
    chapters = [e["destpageposfrom1"] for e in outline(path)]
    last_of_chapter = {start - 1 for start in chapters} | {total}
    margins = theme.page.margins
    for number, (height, _top, bottom) in _word_bottoms(path).items():
        if number == 1 or number in last_of_chapter:
            continue  # the cover, and a chapter's last page, may end where the chapter does
        frame = height - margins[0] - margins[2]
        assert (bottom - margins[0]) / frame >= MIN_FILL, (sample, number, starts)
    # One landscape page per persona holds the whole journey map: the map is never repeated.
    sizes = re.findall(
        r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", run("pdfinfo", "-l", "999", str(path)), re.M
    )
    landscape = [s for s in sizes if float(s[0]) > float(s[1])]
    assert len(landscape) == len(journeys.personas)


def test_a_sample_report_has_no_build_internals(tmp_path: Path) -> None:
    data, _problems = render_report(mapgen.load(INPUTS / "b2b-example.xlsx"), load_theme("default-de"))
    path = tmp_path / "b2b.pdf"
    path.write_bytes(data)
    text = run("pdftotext", "-enc", "UTF-8", str(path), "-")
    for internal in ("--", "mapgen", "lexicon", "warning", "warnung", "Confidential"):
        assert internal.casefold() not in text.casefold(), internal
    # The German closing section, with German capitals, names the persona whose scores were estimated.
    assert "Über diese Journey Map" in text and "Daniel Whitford" in text.split("Über diese Journey Map")[-1]
    assert "Emotionswörtern" in text
