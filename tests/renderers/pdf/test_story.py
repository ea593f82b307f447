"""The report's story: a summary of findings and top moves; action plans pairing what the workbook pairs."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from mapgen.insights.findings import key_findings
from mapgen.layout import layout_journey
from mapgen.model import Journeys, Persona, Project, Stage, Step
from mapgen.renderers.pdf.plan.document import plan_report
from mapgen.renderers.pdf.report import Block, Heading, ReportPlan, Table, Text, block_texts
from mapgen.renderers.pdf.writer import render_report
from mapgen.themes import Theme, load_theme
from tests.support import workbooks
from tests.support.models import load_model
from tests.support.pdfs import page_count, pdftext, squash, tool

DESCRIPTION = "Four teams mapped how small companies buy the plan, in workshops over two weeks."
# The old bug: these pain points and opportunities sit in one step, the n-th not answering the n-th.
AD_PAINS = ("The ad shows the tent but not the price", "The link opens the home page")
AD_IDEAS = ("Deep-link ads to the product page", "Show the price in the ad")


@pytest.fixture(scope="module")
def team_plan() -> Journeys:
    return load_model("team-plan")


def _summary(plan: ReportPlan) -> tuple[Block, ...]:
    return plan.parts[0].blocks


def _summary_texts(plan: ReportPlan) -> list[str]:
    return [t for block in _summary(plan) for t in block_texts(block)]


def _rows(table: Table) -> list[tuple[str, ...]]:
    return [tuple(c.text for c in row.cells) for row in table.rows]


def _no_map(*_args: Any, **_options: Any) -> Any:
    """Stand in for the journey map's layout: these tests read the tables, not the map."""
    return SimpleNamespace(scenes=(), problems=())


def _plan(journeys: Journeys, theme: Theme) -> ReportPlan:
    return plan_report(journeys, theme, layout=_no_map)


def _only(plan: ReportPlan, kind: str) -> Table:
    (table,) = plan.tables(kind)
    return table


# ---------------------------------------------------------------------------------------------
# Executive summary


def test_the_summary_is_the_findings_then_the_top_moves_then_who_owns_the_plan(
    team_plan: Journeys, theme: Theme
) -> None:
    journeys = dataclasses.replace(team_plan, project=Project(title="Plans", description=DESCRIPTION))
    plan = _plan(journeys, theme)
    labels = theme.labels
    headings = [b.text for b in _summary(plan) if isinstance(b, Heading)]
    assert headings == [
        labels.executive_summary,
        labels.report_key_findings,
        labels.report_top_moves,
        labels.report_owners,
    ]
    # The cover says the description; the summary never says it again.
    assert not any(DESCRIPTION in t for t in _summary_texts(plan))
    sentences = [b.text for b in _summary(plan) if isinstance(b, Text)]
    assert sentences == [f"{i}. {f.text}." for i, f in enumerate(key_findings(journeys, theme), 1)]
    assert sentences[0] == "1. Purchase is the low point for 2 of 3 personas: −0.75 on a scale of −1 to +1."
    # Nothing the summary used to repeat: personas (each has its chapter), stages without a
    # description, moments, counts that are all 1.
    assert not plan.tables("personas") and not plan.tables("stages") and not plan.tables("moments")
    assert not plan.tables("pain_points") and not plan.tables("opportunities")


def test_top_moves_say_priority_and_why_for_whom_where_owner_and_kpi(
    team_plan: Journeys, theme: Theme
) -> None:
    table = _only(_plan(team_plan, theme), "top_moves")
    assert [c.text for c in table.header.cells] == [
        "Priority",
        "Opportunity",
        "For whom, where",
        "Owner",
        "KPI",
    ]
    assert _rows(table) == [
        (
            "High\nshared by 2 personas",
            "Price calculator",
            "Renée Dubois\nConsideration · Compares prices",
            "Product",
            "Quote requests",
        ),
        (
            "High\nat a moment that matters",
            "Student plan",
            "李伟 (Li Wei)\nConsideration · Looks for a student discount",
            "Unassigned",
            "—",
        ),
        (
            "High\nat a moment that matters",
            "Pay by invoice for teams",
            "Renée Dubois\nPurchase · Pays online",
            "Payments",
            "Checkout conversion",
        ),
    ]


def test_owners_are_rolled_up_busiest_with_high_priority_first_the_rest_in_one_row(
    team_plan: Journeys, theme: Theme
) -> None:
    rows = _rows(_only(_plan(team_plan, theme), "owners"))
    assert rows[0] == ("Unassigned", "3", "1")
    assert [r[0] for r in rows[1:4]] == ["Product", "Sales", "Payments"]  # one high-priority move each
    assert rows[-1] == ("+2 more", "2", "—")
    assert sum(int(r[1]) for r in rows) == 10  # every opportunity of the three personas, once


def test_no_summary_table_where_every_count_is_one(theme: Theme) -> None:
    # Every owner holds one action: the roll-up would say nothing the top moves do not.
    steps = tuple(
        Step(
            "Buy",
            action=f"Step {i}",
            score=-0.8,
            pain_points=(f"Pain {i}",),
            opportunities=(f"Idea {i}",),
            owner=f"Team {i}",
        )
        for i in range(3)
    )
    journeys = Journeys("x.xlsx", stages=(Stage("Buy"),), personas=(Persona("Ann", "Ann", steps=steps),))
    plan = _plan(journeys, theme)
    assert not plan.tables("owners")
    assert _only(plan, "top_moves").rows  # the moves still show


def test_stages_are_listed_only_when_the_workbook_says_what_they_mean(
    team_plan: Journeys, theme: Theme
) -> None:
    described = (Stage("Awareness", "Hears of us"), *team_plan.stages[1:])
    plan = _plan(dataclasses.replace(team_plan, stages=described), theme)
    rows = _rows(_only(plan, "stages"))
    assert rows[0] == ("1", "Awareness", "Hears of us")
    assert [r[1] for r in rows] == [s.name for s in described]


def test_a_model_with_nothing_to_say_has_no_summary_rather_than_a_bare_heading(theme: Theme) -> None:
    journeys = Journeys(
        "x.xlsx",
        stages=(Stage("A"),),
        personas=(Persona("Solo", "Solo", steps=(Step("A", action="Looks"),)),),
    )
    plan = _plan(journeys, theme)
    assert plan.parts[0].blocks == ()
    assert theme.labels.executive_summary not in [h.text for h in plan.headings()]


ENGLISH = (
    "Key findings",
    "Top moves",
    "Priority",
    "Opportunity",
    "For whom",
    "Owner",
    "Who owns",
    "Actions",
    "High",
    "Unassigned",
    "low point",
    "scale of",
    "personas name",
    "steepest",
    "shared by",
    "moment that matters",
    " more",
)


def test_the_german_summary_has_no_english_words_and_capitalises_its_nouns(team_plan: Journeys) -> None:
    english = " ".join(_summary_texts(_plan(team_plan, load_theme("default"))))
    german = " ".join(_summary_texts(_plan(team_plan, load_theme("default-de"))))
    assert all(word in english for word in ENGLISH)  # the list would catch them
    assert [word for word in ENGLISH if word in german] == []
    for noun in (
        "Zentrale Erkenntnisse",
        "Maßnahmen",
        "Priorität",
        "Verantwortlich",
        "Tiefpunkt",
        "Skala",
        "Hoch",
    ):
        assert noun in german


# ---------------------------------------------------------------------------------------------
# The chapters' action plans


def _ad_model() -> Journeys:
    steps = (
        # Two pain points and two opportunities, the n-th not the n-th's answer.
        Step(
            "Awareness",
            action="Sees the ad",
            score=-0.6,
            pain_points=AD_PAINS,
            opportunities=AD_IDEAS,
            owner="Marketing",
        ),
        # One of each: the workbook pairs them.
        Step(
            "Purchase",
            action="Pays",
            score=-0.8,
            pain_points=("Card declined",),
            opportunities=("Pay by invoice",),
            kpis=("Conversion",),
        ),
        # Pain points nothing answers yet.
        Step("Purchase", action="Waits", score=-0.2, pain_points=("No tracking link",)),
    )
    return Journeys(
        "ads.xlsx",
        stages=(Stage("Awareness"), Stage("Purchase")),
        personas=(Persona("Ann", "Ann", steps=steps),),
    )


def test_no_action_plan_row_pairs_what_the_workbook_did_not_pair(theme: Theme) -> None:
    plan = _plan(_ad_model(), theme)
    rows = _rows(_only(plan, "action_plan"))
    for row in rows:
        idea, pain = row[1], row[2]
        # The old bug: "the ad shows the tent but not the price" beside "deep-link ads" as its answer.
        assert not (AD_IDEAS[0] in idea and pain == AD_PAINS[0])
        assert not (AD_IDEAS[1] in idea and pain == AD_PAINS[1])
    assert rows[0] == (
        "Awareness\nSees the ad",
        f"• {AD_IDEAS[0]}\n• {AD_IDEAS[1]}",
        f"Not paired; this step's pain points:\n• {AD_PAINS[0]}\n• {AD_PAINS[1]}",
        "Marketing",
        "",
    )
    assert rows[1] == ("Purchase\nPays", "Pay by invoice", "Card declined", "", "Conversion")
    assert rows[2] == ("Purchase\nWaits", "No opportunity yet", "No tracking link", "", "")
    # The unpaired row reads as unpaired: muted, not on the pain colour a pair has.
    table = _only(plan, "action_plan")
    assert table.rows[0].cells[2].fill is None and table.rows[1].cells[2].fill == theme.colours.pain_surface
    assert [c.text for c in table.header.cells][1:3] == ["Opportunity", "Pain point it answers"]


def test_the_action_plan_keeps_journey_order_and_the_workbooks_order_within_a_step(theme: Theme) -> None:
    # Listed out of stage order in the sheet; opportunities in reverse alphabetical order in the cell.
    steps = (
        Step("Purchase", action="Pays", score=0.5, pain_points=("Slow",), opportunities=("Zap", "Amble")),
        Step("Awareness", action="Hears", score=-0.9, pain_points=("Noise",), opportunities=("Quiet ads",)),
    )
    journeys = Journeys(
        "x.xlsx",
        stages=(Stage("Awareness"), Stage("Purchase")),
        personas=(Persona("Ann", "Ann", steps=steps),),
    )
    rows = _rows(_only(_plan(journeys, theme), "action_plan"))
    assert [r[0] for r in rows] == ["Awareness\nHears", "Purchase\nPays"]
    assert rows[1][1] == "• Zap\n• Amble"


def test_a_service_blueprint_keeps_its_action_plan(theme: Theme) -> None:
    steps = (Step("Fulfil", action="Packs", pain_points=("Labels jam",), opportunities=("New printer",)),)
    journeys = Journeys(
        "x.xlsx",
        stages=(Stage("Fulfil"),),
        personas=(Persona("Warehouse", "Warehouse", steps=steps, kind="blueprint"),),
    )
    assert _rows(_only(_plan(journeys, theme), "action_plan")) == [
        ("Fulfil\nPacks", "New printer", "Labels jam", "", "")
    ]


def test_a_workbook_with_the_ad_step_reads_right_in_the_pdf(tmp_path: Path, theme: Theme) -> None:
    book = workbooks.new_book()
    workbooks.add_row_persona(
        book,
        "Ann",
        [
            (
                "Awareness",
                "Sees the ad",
                "Instagram",
                "curious",
                -3,
                "\n".join(AD_PAINS),
                "\n".join(AD_IDEAS),
            ),
            ("Purchase", "Pays", "Checkout", "annoyed", -4, "Card declined", "Pay by invoice"),
        ],
        headers=(*workbooks.HEADERS, "Opportunities"),
    )
    journeys = workbooks.read(book, tmp_path)
    data, _problems = render_report(journeys, theme, layout=layout_journey)
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    check = subprocess.run([tool("qpdf"), "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    text = squash(pdftext(path))
    assert squash("Not paired; this step's pain points:") in text
    assert squash("Pain point it answers") in text
    summary = squash(pdftext(path, 3))
    assert squash(theme.labels.report_key_findings) in summary and squash("Pay by invoice") in summary
    assert page_count(path) <= 8  # cover, contents, summary, a chapter of a few pages, about
