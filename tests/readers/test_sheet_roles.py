"""Sheets that are not personas: stage metrics and service blueprints; stage messages at the stage's cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapgen.model import Metric
from tests.support.workbooks import add_rows, add_stages, messages, new_book, read

PERSONA = [
    ("Stage", "Step", "Emotions"),
    ("Awareness", "Sees an ad", "curious"),
    ("Purchase", "Pays", "relieved"),
]


def test_a_metrics_sheet_is_read_into_metrics_not_a_persona(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Emma", PERSONA)
    sheet = add_rows(
        book,
        "Stage metrics",
        [
            ("Stage", "Conversion", "Orders", "Comment"),
            ("awareness", 0.6071428571428571, 1250, "from GA4"),
            ("Purchase", 0.25, None, None),
        ],
    )
    sheet["B2"].number_format = sheet["B3"].number_format = "0.0%"
    sheet["C2"].number_format = "#,##0"
    journeys = read(book, tmp_path)
    assert [p.sheet for p in journeys.personas] == ["Emma"]
    assert journeys.errors == ()
    assert messages(journeys) == []
    assert journeys.metrics == (
        Metric("Awareness", "Conversion", "60.7%", 0.6071428571428571, "Stage metrics", "B2"),
        Metric("Awareness", "Orders", "1,250", 1250.0, "Stage metrics", "C2"),
        Metric("Awareness", "Comment", "from GA4", None, "Stage metrics", "D2"),
        Metric("Purchase", "Conversion", "25.0%", 0.25, "Stage metrics", "B3"),
    )
    assert journeys.to_json()["metrics"][0]["text"] == "60.7%"


def test_a_metrics_stage_no_persona_has_is_a_warning_at_its_cell(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Emma", PERSONA)
    add_rows(book, "KPIs by stage", [("Phase", "NPS"), ("Awareness", 31), ("Loyalty", 12), ("Loyalty", 14)])
    journeys = read(book, tmp_path)
    assert messages(journeys) == [
        'KPIs by stage!A3: stage "Loyalty" is in no persona\'s journey, so its figures belong to no stage '
        "of the maps; check its spelling against the Stage column of the persona sheets"
    ]
    assert [m.stage for m in journeys.metrics] == ["Awareness", "Loyalty", "Loyalty"]


def test_a_metrics_sheet_without_a_stage_column_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Emma", PERSONA)
    add_rows(book, "Analytics", [("Month", "Visits"), ("March", 1200)])
    journeys = read(book, tmp_path)
    assert journeys.errors == ()
    assert [p.sheet for p in journeys.personas] == ["Emma"]
    assert journeys.metrics == ()
    assert [m.split(":")[0] for m in messages(journeys)] == ["Analytics!None"]


def test_a_sheet_with_blueprint_lanes_is_a_service_blueprint(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Emma", PERSONA)
    add_rows(
        book,
        "Support chat",
        [
            ("Stage", "Customer action", "Frontstage", "Backstage", "Support processes"),
            ("Contact", "Opens the chat", "Bot greets", "Agent assigned", "Routing rules"),
            ("Resolve", "Describes the problem", "Agent answers", "Checks the order", "Order system"),
        ],
    )
    journeys = read(book, tmp_path)
    emma, chat = journeys.personas
    assert (emma.kind, chat.kind) == ("persona", "blueprint")
    assert chat.name == "Support chat"
    assert chat.profile == ()
    first = chat.steps[0]
    assert first.action == "Opens the chat"
    assert dict(first.extra) == {
        "Frontstage": "Bot greets",
        "Backstage": "Agent assigned",
        "Support processes": "Routing rules",
    }
    # A blueprint need not say how anyone feels: no warning about an empty emotion curve.
    assert messages(journeys) == []


@pytest.mark.parametrize(
    ("name", "headers", "kind"),
    [
        ("Returns blueprint", ("Stage", "Customer action", "Owner"), "blueprint"),
        ("Returns", ("Stage", "Customer action", "Systems", "Physical evidence (props)"), "blueprint"),
        ("Returns", ("Stage", "Customer action", "Backstage"), "persona"),
    ],
)
def test_blueprint_by_name_or_two_lanes(
    tmp_path: Path, name: str, headers: tuple[str, ...], kind: str
) -> None:
    book = new_book()
    add_rows(book, name, [headers, ("Contact", *(f"x{i}" for i in range(len(headers) - 1)))])
    (persona,) = read(book, tmp_path).personas
    assert persona.kind == kind


def test_a_stage_missing_from_the_stages_sheet_is_a_warning_at_the_stage_cell(tmp_path: Path) -> None:
    book = new_book()
    add_stages(book, ["Awareness", "Purchase"])
    add_rows(
        book,
        "Emma",
        [
            ("Stage", "Step", "Emotions"),
            ("Awareness", "Sees an ad", "curious"),
            ("Returns", None, None),
            (None, "Sends it back", "annoyed"),
        ],
    )
    add_rows(book, "Canvas", [("Stage", "Awareness", "Loyalty"), ("Step", "Sees an ad", "Comes back")])
    journeys = read(book, tmp_path)
    assert [m for m in messages(journeys) if "not on the Stages sheet" in m] == [
        'Emma!A3: stage "Returns" is not on the Stages sheet; it is placed after the listed stages; add it '
        "to the Stages sheet to give it its place",
        'Canvas!C1: stage "Loyalty" is not on the Stages sheet; it is placed after the listed stages; add '
        "it to the Stages sheet to give it its place",
    ]


def test_figures_per_stage_on_an_unreserved_sheet_are_read_as_metrics_with_a_warning(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Emma", PERSONA)
    add_rows(
        book, "Funnel", [("Funnel by stage",), ("Stage", "Visits", "Conversion"), ("Awareness", 1200, 0.3)]
    )
    journeys = read(book, tmp_path)
    assert not journeys.errors
    assert [p.name for p in journeys.personas] == ["Emma"]
    (warning,) = [w for w in journeys.warnings if w.sheet == "Funnel"]
    assert warning.cell == "A2" and "read as stage metrics" in warning.message
    assert "name it Metrics" in warning.message
    assert [(m.stage, m.name, m.text) for m in journeys.metrics] == [
        ("Awareness", "Visits", "1200"),
        ("Awareness", "Conversion", "0.3"),
    ]


def test_a_stage_column_beside_words_is_a_journey_with_its_own_lanes_not_figures(tmp_path: Path) -> None:
    book = new_book()
    rows = [("Stage", "What we saw"), ("Awareness", "Few ads seen"), ("Buy", "12%")]
    add_rows(book, "Notes by stage", rows)
    journeys = read(book, tmp_path)
    assert [p.name for p in journeys.personas] == ["Notes by stage"]
    assert not journeys.metrics


def test_a_workbook_of_figures_per_stage_alone_is_read_as_journeys_not_emptied(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Funnel", [("Stage", "Visits"), ("Awareness", 1200), ("Buy", 80)])
    add_rows(book, "Returns", [("Stage", "Rate"), ("Awareness", 0.1), ("Buy", 0.2)])
    journeys = read(book, tmp_path)
    assert not journeys.errors
    assert [p.name for p in journeys.personas] == ["Funnel", "Returns"]
    assert not journeys.metrics
