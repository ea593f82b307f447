"""The title and footer line every deliverable prints: the workbook's words, never a file name."""

from __future__ import annotations

import pytest

from mapgen.layout import layout_journey
from mapgen.model import Journeys, Persona, Project, Stage, Step
from mapgen.renderers.pdf.plan.front import plan_page_setup
from mapgen.renderers.pptx.plan.common import deck_title, footer_text
from mapgen.scene import TextBlock
from mapgen.themes import footer_line, load_theme, project_title
from mapgen.themes.lines import fill_template

TEMPLATE = "{client} · {title} · {confidentiality}"


@pytest.mark.parametrize(
    ("template", "values", "line"),
    [
        (TEMPLATE, {}, ""),
        (TEMPLATE, {"title": "Journeys"}, "Journeys"),
        (TEMPLATE, {"client": "Acme", "confidentiality": "Internal"}, "Acme · Internal"),
        (TEMPLATE, {"client": "A", "title": "B", "confidentiality": "C"}, "A · B · C"),
        ("{client} ({date})", {"client": "Acme"}, "Acme"),
        ("{client} ({date})", {"client": "Acme", "date": "2025"}, "Acme (2025)"),
        ("Prepared by {prepared_by} · {date}", {"date": "2025"}, "2025"),
        ("© Acme Inc. · {date}", {}, "© Acme Inc."),
        ("{title} | {version} | {date}", {"title": "T", "date": "2025"}, "T | 2025"),
    ],
)
def test_a_footer_joins_only_the_parts_that_exist(template: str, values: dict[str, str], line: str) -> None:
    assert fill_template(template, values) == line


def _journeys(project: Project) -> Journeys:
    step = Step("Awareness", action="Looks", score=0.5)
    return Journeys(
        "q3-export-final.xlsx", project, (Stage("Awareness"),), (Persona("Emma", "Emma", steps=(step,)),)
    )


def _map_footer(journeys: Journeys, theme_name: str) -> str:
    theme = load_theme(theme_name)
    (scene,) = layout_journey(journeys, journeys.personas[0], theme, page=(960, 540)).scenes
    found = [
        i for i in scene.items if isinstance(i, TextBlock) and i.tag is not None and i.tag.kind == "footer"
    ]
    return " ".join(" ".join(block.lines) for block in found)


@pytest.mark.parametrize("theme_name", ["default", "default-de", "agency"])
def test_without_a_project_sheet_nothing_dangles_and_nothing_is_confidential(theme_name: str) -> None:
    theme = load_theme(theme_name)
    journeys = _journeys(Project())
    assert footer_line(journeys.project, theme) == ""
    assert footer_text(journeys, theme) == ""
    assert _map_footer(journeys, theme_name) == ""
    setup = plan_page_setup(journeys, theme)
    assert setup.footer == "" and setup.header == (theme.labels.default_title, "")
    assert project_title(journeys.project, theme) == deck_title(journeys, theme) == theme.labels.default_title
    assert "q3" not in theme.labels.default_title


def test_every_deliverable_prints_the_same_footer_line() -> None:
    theme = load_theme("default")
    journeys = _journeys(Project(title="Checkout journeys", client="Acme", confidentiality="Internal"))
    line = footer_line(journeys.project, theme)
    assert line == "Acme · Checkout journeys · Internal"
    assert footer_text(journeys, theme) == plan_page_setup(journeys, theme).footer == line
    assert _map_footer(journeys, "default") == line
    partial = _journeys(Project(title="Checkout journeys"))
    assert footer_line(partial.project, theme) == _map_footer(partial, "default") == "Checkout journeys"


def test_the_german_theme_has_its_own_default_title() -> None:
    assert project_title(Project(), load_theme("default-de")) == "Customer Journeys"
