"""The deck's profile slide shows the workbook's own profile fields under their own names."""

from __future__ import annotations

import io
from pathlib import Path

from pptx import Presentation

from mapgen.renderers.pptx.writer import render_deck
from mapgen.themes import load_theme
from tests.support.workbooks import PROFILE_LINES, profile_lines


def test_custom_profile_fields_are_on_the_profile_slide(tmp_path: Path) -> None:
    journeys = profile_lines(tmp_path)
    deck = render_deck(journeys, load_theme("default"))
    prs = Presentation(io.BytesIO(deck.data))
    profile = next(s for s in prs.slides if "Emma Hughes" in (s.shapes.title.text if s.shapes.title else ""))
    texts = [" ".join(shape.text_frame.text.split()) for shape in profile.shapes if shape.has_text_frame]
    for key, value in PROFILE_LINES.items():
        assert key in texts, key
        assert value in texts, value
    # In sheet order: the headings follow each other as the lines do.
    headings = [t for t in texts if t in PROFILE_LINES]
    assert headings == list(PROFILE_LINES)
    assert not [p for p in deck.problems if "cut" in p.message]
