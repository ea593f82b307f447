"""The table shapes people keep: other names for the stage, a Stage header among unknown ones, a flat
list of steps, a first column of labels; and what the error says when a sheet holds no journey."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapgen.readers.headers import parse_header
from tests.support.workbooks import add_canvas_persona, add_rows, messages, new_book, read

STAGE_WORDS = [
    "Section",
    "Sections",
    "Flow",
    "Journey step",
    "Step group",
    "Journey section",
    "Journey phase",
    "Moment",
    "Episode",
]


@pytest.mark.parametrize("word", STAGE_WORDS)
def test_each_stage_synonym_holds_the_stages(tmp_path: Path, word: str) -> None:
    book = new_book()
    add_rows(
        book,
        "P",
        [
            (word, "Step", "Emotions"),
            ("Discover", "Sees an ad", "curious"),
            ("Buy", "Pays", "calm"),
        ],
    )
    journeys = read(book, tmp_path)
    assert journeys.problems == ()
    assert [(s.stage, s.action) for s in journeys.personas[0].steps] == [
        ("Discover", "Sees an ad"),
        ("Buy", "Pays"),
    ]


def test_step_stays_the_action_beside_a_section(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "P", [("Section", "Step"), ("Discover", "Reads a blog")])
    (step,) = read(book, tmp_path).personas[0].steps
    assert (step.stage, step.action) == ("Discover", "Reads a blog")


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Thought/Quote", "thoughts"),
        ("Thoughts/quotes", "thoughts"),
        ("Thoughts & feelings", "thoughts"),
        ("Customer Touchpoint", "touchpoint"),
        ("Customer touchpoints", "touchpoint"),
        ("Touchpoint/Channel", "touchpoint"),
        ("Solution", "opportunities"),
        ("Action Points", "opportunities"),
        ("Fixes", "opportunities"),
        ("Quick wins", "opportunities"),
        ("owning_team", "owner"),
        ("Owning team", "owner"),
        ("Owner team", "owner"),
        ("Lead", "owner"),
        ("Pain points/Frustrations", "pain_points"),
    ],
)
def test_the_new_names_of_step_fields(tmp_path: Path, header: str, field: str) -> None:
    assert parse_header(header).field == field
    book = new_book()
    add_rows(book, "P", [("Stage", "Step", header), ("Discover", "Reads", "Slow site")])
    (step,) = read(book, tmp_path).personas[0].steps
    value = getattr(step, field)
    assert value in ("Slow site", ("Slow site",)), f"{header} holds the {field}"
    assert step.extra == ()


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Notes/Pain points", "pain_points"),
        ("Quote / Thought", "thoughts"),
        ("Where/Channel", "touchpoint"),
        ("Doing/Thinking", "action"),
    ],
)
def test_a_slash_header_is_read_by_its_first_known_part(tmp_path: Path, header: str, field: str) -> None:
    assert parse_header(header).field == field
    assert parse_header("Notes/Remarks").field is None, "no part known: an extra lane"
    book = new_book()
    add_rows(book, "P", [("Stage", "Owner", header, "Notes/Remarks"), ("Discover", "Web team", "Slow", "n")])
    (step,) = read(book, tmp_path).personas[0].steps
    assert getattr(step, field) in ("Slow", ("Slow",))
    assert step.extra == (("Notes/Remarks", "n"),)


@pytest.mark.parametrize(
    ("precise", "broad"),
    [
        ("Touchpoint", "Channel"),
        ("Thoughts", "Quote"),
        ("Pain points", "Issues"),
        ("Opportunities", "Next steps"),
    ],
)
@pytest.mark.parametrize("broad_first", [True, False])
def test_the_precise_name_holds_the_field_and_the_broad_one_is_a_lane_of_its_own(
    tmp_path: Path, precise: str, broad: str, broad_first: bool
) -> None:
    headers = [broad, precise] if broad_first else [precise, broad]
    values = {precise: "precise", broad: "broad"}
    book = new_book()
    add_rows(book, "P", [("Stage", "Step", *headers), ("Discover", "Reads", *(values[h] for h in headers))])
    journeys = read(book, tmp_path)
    (step,) = journeys.personas[0].steps
    field = parse_header(precise).field
    assert field is not None
    assert getattr(step, field) in ("precise", ("precise",))
    assert step.extra == ((broad, "broad"),)
    assert not any("both name" in m for m in messages(journeys)), "a rule, not a clash to warn about"


def test_a_broad_name_alone_still_holds_its_field(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "P", [("Phase", "Step", "Channel", "Issues"), ("Discover", "Reads", "Blog", "Slow")])
    (step,) = read(book, tmp_path).personas[0].steps
    assert (step.stage, step.touchpoint, step.pain_points, step.extra) == ("Discover", "Blog", ("Slow",), ())


def test_the_precise_lane_wins_on_a_canvas_too(tmp_path: Path) -> None:
    book = new_book()
    add_canvas_persona(
        book, "P", ["Discover"], [("Channel", ["Web"]), ("Step", ["Reads"]), ("Touchpoint", ["Blog"])]
    )
    (step,) = read(book, tmp_path).personas[0].steps
    assert (step.touchpoint, step.extra) == ("Blog", (("Channel", "Web"),))


def test_a_stage_header_beats_a_phase_header_left_of_it(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "P", [("Phase", "Stage", "Step"), ("Before", "Discover", "Reads"), (None, "Buy", "Pays")])
    journeys = read(book, tmp_path)
    assert [(s.stage, s.extra) for s in journeys.personas[0].steps] == [
        ("Discover", (("Phase", "Before"),)),
        ("Buy", ()),
    ]


def test_a_header_row_found_by_its_stage_cell_alone_keeps_the_other_columns_as_lanes(tmp_path: Path) -> None:
    book = new_book()
    add_rows(
        book,
        "P",
        [
            ("Journey of a first order",),
            ("Stage", "What happens", "Where"),
            ("Discover", "Sees an ad", "Instagram"),
            ("Buy", "Pays", "App"),
        ],
    )
    journeys = read(book, tmp_path)
    first, second = journeys.personas[0].steps
    assert (first.stage, first.action, first.extra) == (
        "Discover",
        None,
        (("What happens", "Sees an ad"), ("Where", "Instagram")),
    )
    assert second.stage == "Buy"
    assert messages(journeys, "error") == []
    guesses = [m for m in messages(journeys, "warning") if "known step column" in m]
    assert guesses == [
        'P!A2: no known step column (Step, Touchpoint, Emotions...) is beside the Stage column; "What '
        'happens", "Where" are kept as lanes of their own; rename them, or map them in a Columns sheet '
        'or with --column "HEADER=action"'
    ], "one warning, at the Stage cell, naming the headers kept"


def test_a_first_column_of_short_labels_holds_the_stages(tmp_path: Path) -> None:
    book = new_book()
    add_rows(
        book,
        "P",
        [
            (None, "Step", "Touchpoint", "Emotion score (-5 to +5)"),
            ("Discover", "Sees an ad", "Instagram", 2),
            (None, "Reads reviews", "Blog", 1),
            ("Buy", "Pays", "App", -3),
        ],
    )
    journeys = read(book, tmp_path)
    assert [(s.stage, s.action) for s in journeys.personas[0].steps] == [
        ("Discover", "Sees an ad"),
        ("Discover", "Reads reviews"),
        ("Buy", "Pays"),
    ]
    assert journeys.personas[0].steps[0].extra == (), "the labels are the stages, not a lane"
    assert messages(journeys, "warning") == [
        'P!A1: no column is named Stage; the first column "Column A" holds short labels, read as the '
        'stages; name it Stage (or map it: a Columns sheet, or --column "HEADER=stage") to make it sure'
    ]


def test_a_first_column_of_sentences_or_numbers_is_no_stage(tmp_path: Path) -> None:
    book = new_book()
    add_rows(
        book,
        "P",
        [
            ("#", "Step", "Touchpoint"),
            (1, "Sees an ad", "Instagram"),
            (2, "Pays", "App"),
        ],
    )
    journeys = read(book, tmp_path)
    steps = journeys.personas[0].steps
    assert [s.extra for s in steps] == [(("#", "1"),), (("#", "2"),)]
    assert [s.stage for s in steps] == ["Sees an ad", "Pays"], "a flat list: a stage per step"


def test_a_column_of_repeated_labels_groups_a_flat_list_into_stages(tmp_path: Path) -> None:
    book = new_book()
    add_rows(
        book,
        "P",
        [
            ("Step", "Touchpoint", "Part"),
            ("Sees an ad", "Instagram", "Discover"),
            ("Reads reviews", "Blog", "Discover"),
            ("Pays", "App", "Buy"),
            ("Gets the parcel", "Courier", "Buy"),
        ],
    )
    journeys = read(book, tmp_path)
    assert [s.name for s in journeys.stages] == ["Discover", "Buy"]
    assert [s.stage for s in journeys.personas[0].steps] == ["Discover", "Discover", "Buy", "Buy"]
    assert any('the column "Part" holds short labels, read as the stages' in m for m in messages(journeys))


FIVE = [
    ("Sees an ad", "Instagram", "curious"),
    ("Reads reviews", "Blog", "hopeful"),
    ("Compares prices", "Web", "unsure"),
    ("Pays", "App", "frustrated"),
    ("Gets the parcel", "Courier", "happy"),
]


def test_a_flat_list_of_five_steps_gives_each_step_its_own_stage(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Ana", [("Step", "Touchpoint", "Emotions"), *FIVE])
    journeys = read(book, tmp_path)
    (persona,) = journeys.personas
    assert [s.name for s in journeys.stages] == [step[0] for step in FIVE]
    assert [(s.stage, s.action) for s in persona.steps] == [(a, a) for a, _, _ in FIVE]
    assert persona.stages == tuple(a for a, _, _ in FIVE)
    assert messages(journeys) == [
        "Ana!A1: no column names the stages, so each of the 5 steps is a stage of its own; to group the "
        "steps into stages, add a Stage column (or map a column of the sheet to the stage: a Columns "
        'sheet, or --column "HEADER=stage")'
    ]


def test_a_flat_list_of_twenty_steps_is_one_stage_named_by_the_sheet(tmp_path: Path) -> None:
    book = new_book()
    steps = [(f"Step number {i}", "Web", "calm") for i in range(1, 21)]
    add_rows(book, "Ben", [("Action", "Channel", "Feelings"), *steps])
    journeys = read(book, tmp_path)
    (persona,) = journeys.personas
    assert [s.name for s in journeys.stages] == ["Ben"]
    assert len(persona.steps) == 20
    assert {s.stage for s in persona.steps} == {"Ben"}
    assert [s.action for s in persona.steps] == [a for a, _, _ in steps]
    (warning,) = messages(journeys, "warning")
    assert warning.startswith('Ben!A1: no column names the stages, so the 20 steps are one stage, "Ben"; ')


def test_a_flat_list_whose_actions_repeat_names_its_stages_by_number(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "P", [("Step", "Touchpoint"), ("Calls", "Phone"), ("Calls", "Phone again")])
    journeys = read(book, tmp_path)
    assert [s.stage for s in journeys.personas[0].steps] == ["Step 1", "Step 2"]


def test_a_sheet_with_no_journey_says_what_was_looked_for_and_found(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Good", [("Stage", "Step"), ("Discover", "Reads")])
    add_rows(book, "KPIs", [("Metric", "Value", "Target"), ("NPS", 31, 40)])
    add_rows(book, "Notes2", [("Just a note",), ("Another",)])
    journeys = read(book, tmp_path)
    assert [p.name for p in journeys.personas] == ["Good"]
    kpis, notes = journeys.errors
    assert (kpis.sheet, kpis.cell, notes.sheet) == ("KPIs", None, "Notes2")
    assert kpis.message == (
        "no Stage column was found in the first 30 rows: mapgen looks for a header row with a Stage "
        "column (Stage, Phase, Section...) beside step columns (Step, Touchpoint, Emotions...), or a "
        'canvas row starting with Stage; row 1 holds "Metric", "Value", "Target": only "Metric" (kpis) '
        "names a step field, and none a stage; add a Stage column or rename the headers, map the "
        "sheet's own headers in a Columns sheet or with --column \"HEADER=stage\", or start the sheet's "
        "name with _ if it is not a persona"
    )
    assert "no row of the first 30 holds more than one cell, as a header row does" in notes.message


def test_a_table_of_other_things_is_refused_naming_its_headers(tmp_path: Path) -> None:
    book = new_book()
    add_rows(book, "Budget", [(None,), ("Item", "Cost", "Supplier"), ("Tent", 400, "Acme")])
    (error,) = read(book, tmp_path).errors
    assert 'row 2 holds "Item", "Cost", "Supplier": none names a journey step' in error.message


def test_the_readmes_table_of_names_is_the_readers() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    table = readme[readme.index("| lane | also recognised as | broader names (*) |") :].split("\n\n")[0]
    rows = [line.strip("|").split("|") for line in table.splitlines()[2:]]
    assert len(rows) == 12, "a row per step field"
    for lane, precise, broad in rows:
        field = parse_header(lane.strip()).field
        assert field is not None and parse_header(lane.strip()).rank == 0, lane
        for names, rank in ((precise, 0), (broad, 1)):
            for name in filter(None, (n.strip() for n in names.split(","))):
                header = parse_header(name)
                assert (header.field, header.rank) == (field, rank), f"{name} in the row of {lane}"
