"""The two layouts of the field, and the shapes their cells take: titles, profiles, merges, blanks."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.workbooks import (
    add_canvas_persona,
    add_project,
    add_row_persona,
    add_rows,
    add_stages,
    messages,
    new_book,
    read,
)

# Row layout


def test_row_layout_reads_one_step_per_row(tmp_path: Path) -> None:
    book = new_book()
    add_row_persona(
        book,
        "Ana",
        [
            ("Awareness", "Sees an ad", "Instagram", "curious", 2, "No price"),
            ("Purchase", "Pays", "Checkout", "annoyed", -3, "Account needed"),
        ],
    )
    journeys = read(book, tmp_path)
    assert journeys.problems == ()
    (ana,) = journeys.personas
    assert (ana.name, ana.sheet) == ("Ana", "Ana")
    assert [s.name for s in journeys.stages] == ["Awareness", "Purchase"]
    first, second = ana.steps
    assert (first.stage, first.action, first.touchpoint, first.emotions) == (
        "Awareness",
        "Sees an ad",
        "Instagram",
        ("curious",),
    )
    assert (first.score, first.score_raw, first.score_source) == (0.4, "2", "column")
    assert first.pain_points == ("No price",)
    assert first.cell == "B2", "the step's own cell: the action of its row"
    assert (second.stage, second.score, second.cell) == ("Purchase", -0.6, "B3")


def test_title_rows_and_a_profile_block_sit_above_the_header(tmp_path: Path) -> None:
    book = new_book()
    add_row_persona(
        book,
        "Sheet A",
        [("Awareness", "Reads a blog", "Blog", "curious", 1, "")],
        title="Persona one: a long title with: colons",
        profile=[
            ("Name", "Bea Lund"),
            ("Role:", "Student"),
            ("Age", 22),
            ("Goals", "• Save money\n• Travel light"),
            ("Favourite brand", "Fjällräven"),
            ("Behaviors", "Buys second hand\nCompares prices"),
        ],
    )
    journeys = read(book, tmp_path)
    assert journeys.problems == ()
    (bea,) = journeys.personas
    assert bea.name == "Bea Lund"
    assert bea.profile == (
        ("role", "Student"),
        ("age", "22"),
        ("goals", ("Save money", "Travel light")),
        ("Favourite brand", "Fjällräven"),
        ("behaviours", ("Buys second hand", "Compares prices")),
    )
    assert len(bea.steps) == 1


def test_a_profile_key_and_value_may_share_a_cell(tmp_path: Path) -> None:
    book = new_book()
    add_rows(
        book,
        "P",
        [
            ("Name: Cleo Park",),
            ("Location: Busan",),
            ("Stage", "Step", "Emotions"),
            ("Awareness", "Hears of it", "curious"),
        ],
    )
    (cleo,) = read(book, tmp_path).personas
    assert cleo.name == "Cleo Park"
    assert cleo.get("location") == "Busan"


def test_the_header_may_start_in_another_column_and_below_row_one(tmp_path: Path) -> None:
    book = new_book()
    sheet = add_rows(book, "P", [("Customer journey",)])
    for column, header in enumerate(("#", "Phase", "Activity", "Feelings"), 2):
        sheet.cell(row=5, column=column, value=header)
    for column, value in enumerate((1, "Awareness", "Searches", "hopeful"), 2):
        sheet.cell(row=6, column=column, value=value)
    journeys = read(book, tmp_path)
    (step,) = journeys.personas[0].steps
    assert (step.stage, step.action, step.emotions) == ("Awareness", "Searches", ("hopeful",))
    assert step.extra == (("#", "1"),), "an unknown column is kept, not dropped"


def test_merged_stage_cells_give_their_stage_to_every_row(tmp_path: Path) -> None:
    book = new_book()
    sheet = add_row_persona(
        book,
        "P",
        [
            ("Awareness", "One", "Web", "curious", 1, ""),
            (None, "Two", "Web", "hopeful", 2, ""),
            (None, "Three", "Web", "pleased", 3, ""),
            ("Purchase", "Four", "Shop", "happy", 4, ""),
        ],
    )
    sheet.merge_cells("A2:A4")
    (persona,) = read(book, tmp_path).personas
    assert [s.stage for s in persona.steps] == ["Awareness"] * 3 + ["Purchase"]


def test_a_blank_stage_cell_means_the_stage_above_and_blank_rows_are_skipped(tmp_path: Path) -> None:
    book = new_book()
    add_row_persona(
        book,
        "P",
        [
            ("Awareness", "One", "Web", "curious", 1, ""),
            (),
            (None, "Two", "Web", "hopeful", 2, ""),
            ("  ", None, None, None, None, None),
            ("Purchase", "Three", "Shop", "happy", 4, ""),
            (None, "Four", "Shop", "happy", 4, ""),
        ],
    )
    journeys = read(book, tmp_path)
    assert journeys.problems == ()
    assert [(s.stage, s.action) for s in journeys.personas[0].steps] == [
        ("Awareness", "One"),
        ("Awareness", "Two"),
        ("Purchase", "Three"),
        ("Purchase", "Four"),
    ]


def test_a_first_step_without_a_stage_is_an_error_naming_the_cell(tmp_path: Path) -> None:
    book = new_book()
    add_row_persona(
        book, "P", [(None, "Orphan", "Web", "curious", 1, ""), ("Awareness", "Two", "W", "", 1, "")]
    )
    journeys = read(book, tmp_path)
    assert [(p.severity, p.sheet, p.cell) for p in journeys.problems] == [("error", "P", "A2")]
    assert "no stage" in journeys.problems[0].message
    assert [s.action for s in journeys.personas[0].steps] == ["Two"]


def test_values_under_a_blank_header_are_kept_under_the_column_letter(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "P", [("Stage", "Step", None, "Backstage"), ("Awareness", "Browses", "note", "CMS")])
    (step,) = read(book, tmp_path).personas[0].steps
    assert step.extra == (("Column C", "note"), ("Backstage", "CMS"))


def test_a_second_column_for_a_one_value_field_is_kept_as_extra_with_a_warning(tmp_path: Path) -> None:
    book = new_book()
    add_rows(
        book,
        "P",
        [
            ("Stage", "Step", "Action", "Pain points", "Challenges"),
            ("Awareness", "Browses", "Clicks", "Slow", "Ugly"),
        ],
    )
    journeys = read(book, tmp_path)
    (step,) = journeys.personas[0].steps
    assert step.action == "Browses"
    assert step.extra == (("Action", "Clicks"),)
    assert step.pain_points == ("Slow", "Ugly"), "list columns of one field add up"
    assert (
        'P!C1: column "Action" and column "Step" both name the action; the second is kept as an extra '
        "field; rename one of them"
    ) in messages(journeys, "warning")
    assert "P!None: the sheet has neither an emotion score nor an emotions column" in "\n".join(
        messages(journeys)
    ), "a persona without a curve is worth a word"


def test_a_header_row_repeated_inside_the_table_is_not_a_step(tmp_path: Path) -> None:
    book = new_book()
    add_rows(
        book,
        "P",
        [
            ("Stage", "Step"),
            ("Awareness", "One"),
            ("Stage", "Step"),
            ("Purchase", "Two"),
        ],
    )
    journeys = read(book, tmp_path)
    assert [s.action for s in journeys.personas[0].steps] == ["One", "Two"]


# Canvas layout


def test_canvas_layout_reads_one_step_per_stage_column(tmp_path: Path) -> None:
    book = new_book()
    add_canvas_persona(
        book,
        "CFO",
        ["Inquiry", "Qualification", "Qualification", "Proposal"],
        [
            ("Actions", ["Asks peers", "Demo", "Security review", "Reads the proposal"]),
            ("Touchpoints", ["LinkedIn", "Call", "Portal", "PDF"]),
            ("Emotion score (1-5)", [3, 4, 2, 1]),
            ("Pain points", ["• No numbers", None, "• NDA first\n• 180 questions", None]),
            ("Backstage", ["CRM", None, None, None]),
        ],
        profile=[("Name", "Dan Field"), ("Role", "CFO")],
    )
    journeys = read(book, tmp_path)
    assert journeys.problems == ()
    (dan,) = journeys.personas
    assert dan.name == "Dan Field" and dan.get("role") == "CFO"
    assert [s.name for s in journeys.stages] == ["Inquiry", "Qualification", "Proposal"]
    assert [(s.stage, s.action) for s in dan.steps] == [
        ("Inquiry", "Asks peers"),
        ("Qualification", "Demo"),
        ("Qualification", "Security review"),
        ("Proposal", "Reads the proposal"),
    ]
    assert [s.score for s in dan.steps] == [0.0, 0.5, -0.5, -1.0]
    assert dan.steps[2].pain_points == ("NDA first", "180 questions")
    assert dan.steps[0].extra == (("Backstage", "CRM"),)
    assert dan.steps[0].cell == "B5", "the action lane's cell of the step's column"


def test_a_canvas_stage_merged_across_columns_spans_them(tmp_path: Path) -> None:
    book = new_book()
    sheet = add_canvas_persona(
        book,
        "P",
        ["Onboarding", None, "Renewal"],
        [("Actions", ["Kick-off", "First close", "Renews"]), ("Emotions", ["worried", "proud", "calm"])],
    )
    sheet.merge_cells("B1:C1")
    (persona,) = read(book, tmp_path).personas
    assert [s.stage for s in persona.steps] == ["Onboarding", "Onboarding", "Renewal"]


def test_a_blank_canvas_stage_cell_means_the_stage_to_its_left(tmp_path: Path) -> None:
    book = new_book()
    add_canvas_persona(book, "P", ["Onboarding", None], [("Actions", ["Kick-off", "First close"])])
    (persona,) = read(book, tmp_path).personas
    assert [s.stage for s in persona.steps] == ["Onboarding", "Onboarding"]


def test_a_canvas_lane_without_a_label_is_kept_under_its_row(tmp_path: Path) -> None:
    book = new_book()
    add_canvas_persona(book, "P", ["Onboarding"], [("Actions", ["Kick-off"]), (None, ["a note"])])
    (step,) = read(book, tmp_path).personas[0].steps
    assert step.extra == (("Row 3", "a note"),)


# Stage order and the sheets around the personas


def test_the_stages_sheet_gives_order_descriptions_and_spelling(tmp_path: Path) -> None:
    book = new_book()
    add_project(book, Title="Journeys", Client="Acme", Date="2025-01-31")
    add_stages(book, [("Awareness", "Hears of us"), "Consideration", ("Post-purchase", "After")])
    add_row_persona(
        book,
        "P",
        [
            ("post purchase", "Reviews", "Email", "proud", 4, ""),
            ("AWARENESS", "Sees", "TV", "curious", 1, ""),
        ],
    )
    journeys = read(book, tmp_path)
    assert journeys.problems == ()
    assert [(s.name, s.description) for s in journeys.stages] == [
        ("Awareness", "Hears of us"),
        ("Consideration", None),
        ("Post-purchase", "After"),
    ]
    persona = journeys.personas[0]
    assert [s.stage for s in persona.steps] == ["Post-purchase", "Awareness"]
    assert persona.steps_in("Consideration") == (), "a stage without steps stays, empty"
    assert (journeys.project.title, journeys.project.client) == ("Journeys", "Acme")


def test_a_stage_missing_from_the_stages_sheet_is_appended_with_a_warning(tmp_path: Path) -> None:
    book = new_book()
    add_stages(book, ["Awareness", "Purchase"])
    add_row_persona(book, "P", [("Awareness", "A", "", "", 1, ""), ("Loyalty", "B", "", "", 1, "")])
    journeys = read(book, tmp_path)
    assert [s.name for s in journeys.stages] == ["Awareness", "Purchase", "Loyalty"]
    assert messages(journeys) == [
        'P!A3: stage "Loyalty" is not on the Stages sheet; it is placed after the listed stages; add it '
        "to the Stages sheet to give it its place"
    ]


def test_without_a_stages_sheet_the_order_is_first_appearance_across_sheets(tmp_path: Path) -> None:
    book = new_book()
    add_row_persona(book, "One", [("Discover", "a", "", "", 1, ""), ("Buy", "b", "", "", 1, "")])
    add_row_persona(book, "Two", [("Discover", "c", "", "", 1, ""), ("Use", "d", "", "", 1, "")])
    journeys = read(book, tmp_path)
    assert [s.name for s in journeys.stages] == ["Discover", "Buy", "Use"]
    two = journeys.personas[1]
    assert two.steps_in("Buy") == () and len(two.steps_in("Use")) == 1


def test_a_stage_named_on_an_otherwise_empty_row_inside_the_table_keeps_its_place(tmp_path: Path) -> None:
    book = new_book()
    add_row_persona(
        book,
        "P",
        [("Awareness", "a", "", "", 1, ""), ("Consideration",), ("Purchase", "b", "", "", 1, ""), ("Notes",)],
    )
    journeys = read(book, tmp_path)
    assert [s.name for s in journeys.stages] == ["Awareness", "Consideration", "Purchase"], (
        "a stage left empty keeps its place; a note under the table is not a stage"
    )


def test_unknown_project_fields_are_reported(tmp_path: Path) -> None:
    book = new_book()
    add_project(book, Title="T", Budget="£5k")
    add_row_persona(book, "P", [("Awareness", "a", "", "", 1, "")])
    journeys = read(book, tmp_path)
    assert journeys.project.title == "T"
    assert [(p.severity, p.sheet, p.cell) for p in journeys.problems] == [("warning", "Project", "B2")]
    assert '"Budget" is not a project field' in journeys.problems[0].message


@pytest.mark.parametrize(
    ("key", "field"),
    [
        ("Prepared by", "prepared_by"),
        ("Author", "prepared_by"),
        ("Customer", "client"),
        ("Classification", "confidentiality"),
        ("Summary", "description"),
        ("Version", "version"),
    ],
)
def test_project_keys_have_synonyms(tmp_path: Path, key: str, field: str) -> None:
    book = new_book()
    add_rows(book, "About", [(key, "value")])
    add_row_persona(book, "P", [("Awareness", "a", "", "", 1, "")])
    journeys = read(book, tmp_path)
    assert getattr(journeys.project, field) == "value"
