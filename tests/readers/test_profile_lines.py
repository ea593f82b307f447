"""Every 'Key: value' line above a journey table is a profile field; nothing is dropped in silence."""

from __future__ import annotations

from pathlib import Path

from mapgen.readers.cells import split_lane_list
from tests.support.workbooks import add_rows, messages, new_book, read


def _sheet_with_lines(tmp_path: Path, lines: list[tuple[str, ...]]) -> tuple[dict[str, object], list[str]]:
    book = new_book()
    rows: list[tuple[str, ...]] = [
        *lines,
        (),
        ("Stage", "Step", "Emotions"),
        ("Awareness", "Sees an ad", "happy"),
    ]
    add_rows(book, "Emma", rows)
    journeys = read(book, tmp_path)
    (persona,) = journeys.personas
    return {"name": persona.name, **dict(persona.profile)}, messages(journeys, "warning")


def test_one_cell_lines_are_fields_in_sheet_order(tmp_path: Path) -> None:
    profile, warnings = _sheet_with_lines(
        tmp_path,
        [
            ("Emma Hughes: planning a camping holiday",),
            ("Name: Emma Hughes",),
            ("Context: First family camping trip, booked for August",),
            ("Scenario: Buys a tent on her phone in the evening",),
            ("Duration: 3 weeks",),
            ("Key Actors: Emma, her partner, the shop's support team",),
            ("Household", "Partner and two children"),
            ("Goals: Right tent; Delivery before August",),
        ],
    )
    assert warnings == []
    assert list(profile) == ["name", "Context", "Scenario", "Duration", "Key Actors", "Household", "goals"]
    assert profile["name"] == "Emma Hughes"
    assert profile["Duration"] == "3 weeks"
    assert profile["Household"] == "Partner and two children"
    assert profile["goals"] == ("Right tent", "Delivery before August")


def test_a_line_that_is_neither_title_nor_field_is_a_warning_naming_its_cell(tmp_path: Path) -> None:
    profile, warnings = _sheet_with_lines(
        tmp_path,
        [("Journey map",), ("Name", "Emma"), ("Interviewed twice in March, see the notes tab",)],
    )
    assert profile == {"name": "Emma"}
    assert warnings == [
        'Emma!A3: the line "Interviewed twice in March, see the…" above the journey table is '
        "neither the title (the first line) nor a profile field, so no deliverable shows it; write it "
        'as "Key: value" (or a key and its value in two cells) to keep it, or move it to a sheet whose '
        "name starts with _"
    ]


def test_a_link_is_no_field(tmp_path: Path) -> None:
    _, warnings = _sheet_with_lines(tmp_path, [("Title",), ("https://example.com/research",)])
    assert [w.split(":")[0] for w in warnings] == ["Emma!A2"]


def test_list_lanes_split_short_items_on_commas_and_semicolons(tmp_path: Path) -> None:
    assert split_lane_list("Social media, Ads, Word of mouth") == ("Social media", "Ads", "Word of mouth")
    assert split_lane_list("Late fees; Hidden costs") == ("Late fees", "Hidden costs")
    assert split_lane_list("• one, two, three\n• four") == ("one, two, three", "four")


def test_list_lanes_keep_prose_and_qualified_items_whole() -> None:
    for text in (
        "Slow, expensive delivery",
        "Slow, confusing, expensive checkout",
        "Checkout completion rate, EU",
        "1,250 orders, 3,400 visits",
        "When the parcel came late, nobody called, and the refund took weeks.",
        "Price, delivery, a returns policy that is actually clear to read",
        "Compare tents. Ask friends, read reviews",
    ):
        assert split_lane_list(text) == (text,), text


def test_a_pain_points_cell_with_commas_is_several_cards(tmp_path: Path) -> None:
    book = new_book()
    add_rows(
        book,
        "P",
        [
            ("Stage", "Step", "Pain points", "Opportunities", "Notes"),
            (
                "Awareness",
                "Sees ads",
                "Too many ads, Irrelevant offers, Pushy retargeting",
                "Fewer ads",
                "a, b, c",
            ),
        ],
    )
    (step,) = read(book, tmp_path).personas[0].steps
    assert step.pain_points == ("Too many ads", "Irrelevant offers", "Pushy retargeting")
    assert step.opportunities == ("Fewer ads",)
    assert dict(step.extra) == {"Notes": "a, b, c"}  # not a list lane: kept as written


def test_a_key_left_blank_in_the_key_column_is_no_warning(tmp_path: Path) -> None:
    profile, warnings = _sheet_with_lines(
        tmp_path, [("Name", "Emma"), ("Household",), ("Key actors:",), ("Role", "Parent")]
    )
    assert profile == {"name": "Emma", "role": "Parent"}
    assert warnings == []


def test_profile_numbers_show_their_format(tmp_path: Path) -> None:
    book = new_book()
    sheet = add_rows(
        book,
        "Emma",
        [
            ("Budget", 600),
            ("Share of wallet", 0.125),
            (),
            ("Stage", "Step", "Emotions"),
            ("A", "Pays", "happy"),
        ],
    )
    sheet["B1"].number_format = '"£"#,##0'
    sheet["B2"].number_format = "0.0%"
    (persona,) = read(book, tmp_path).personas
    assert dict(persona.profile) == {"Budget": "£600", "Share of wallet": "12.5%"}
