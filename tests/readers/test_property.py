"""Any model the reader produces survives model -> JSON -> model unchanged."""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.drawing.image import Image as SheetImage

from mapgen.model import Journeys
from mapgen.readers import read_workbook
from tests.support.workbooks import add_canvas_persona, add_row_persona, add_stages, new_book, png, save

HEADER_CHOICES = [
    "Stage",
    "Step",
    "Touchpoint",
    "Goal",
    "Thoughts",
    "Emotions",
    "Emotion score (-5 to +5)",
    "Score",
    "Pain points",
    "Opportunities",
    "KPIs",
    "Owner",
    "Evidence",
    "Moment of truth",
    "Notes",
]
# Cell text as people type it: any printable text, bullets and line breaks included. openpyxl
# refuses control characters, and a leading "=" would make a formula.
text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="=")
    | st.sampled_from("\n•-1."),
    max_size=40,
)
value = st.one_of(
    st.none(),
    text,
    st.integers(-7, 12),
    st.floats(-10, 120, allow_nan=False, allow_infinity=False),
    st.sampled_from(["curious, hopeful", "frustrated and anxious", "😀", "positive", "75%", "n/a"]),
)
stage = st.sampled_from(["Awareness", "Consideration", "Purchase", "post-purchase", None, "Loyalty"])


@st.composite
def row_persona(draw: st.DrawFn) -> tuple[str, list[str], list[list[object]], list[tuple[str, object]]]:
    headers = [
        "Stage",
        *draw(st.lists(st.sampled_from(HEADER_CHOICES[1:]), min_size=1, max_size=6, unique=True)),
    ]
    rows = [[draw(stage)] + [draw(value) for _ in headers[1:]] for _ in range(draw(st.integers(0, 6)))]
    profile = draw(
        st.lists(st.tuples(st.sampled_from(["Name", "Role", "Goals", "Age", "Household"]), value), max_size=4)
    )
    return "row", headers, rows, [(k, v) for k, v in profile if v is not None]


@st.composite
def canvas_persona(draw: st.DrawFn) -> tuple[str, list[str], list[list[object]], list[tuple[str, object]]]:
    columns = draw(st.integers(1, 5))
    stages = [draw(stage) for _ in range(columns)]
    lanes = draw(st.lists(st.sampled_from(HEADER_CHOICES[1:]), min_size=1, max_size=5, unique=True))
    rows = [[lane] + [draw(value) for _ in range(columns)] for lane in lanes]
    return "canvas", stages, rows, []  # type: ignore[return-value]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    personas=st.lists(st.one_of(row_persona(), canvas_persona()), min_size=1, max_size=3),
    with_stages=st.booleans(),
    with_photo=st.booleans(),
)
def test_the_model_survives_json_unchanged(
    personas: list[tuple[str, list[str], list[list[object]], list[tuple[str, object]]]],
    with_stages: bool,
    with_photo: bool,
) -> None:
    book = new_book()
    if with_stages:
        add_stages(book, ["Awareness", "Consideration", "Purchase", "Post-purchase"])
    for index, (layout, first, rows, profile) in enumerate(personas):
        name = f"Persona {index}"
        if layout == "row":
            sheet = add_row_persona(book, name, rows, headers=first, profile=profile)  # type: ignore[arg-type]
        else:
            lanes = [(str(row[0]), row[1:]) for row in rows]
            sheet = add_canvas_persona(book, name, first, lanes)
        if with_photo and index == 0:
            sheet.add_image(SheetImage(io.BytesIO(png())), "H1")
    with tempfile.TemporaryDirectory() as folder:
        path = save(book, Path(folder) / "generated.xlsx")
        journeys = read_workbook(path)
    # Through real JSON text, as another tool would read it; photos travel only when asked for.
    data = json.loads(json.dumps(journeys.to_json(include_photos=True), ensure_ascii=False))
    assert Journeys.from_json(data) == journeys
    for persona in journeys.personas:
        for step in persona.steps:
            assert step.score is None or -1 <= step.score <= 1
            assert step.stage in {s.name for s in journeys.stages}
