"""Plan the appendix: the facts of the build and every warning of the report, placed in the workbook."""

from __future__ import annotations

from pathlib import PurePath

from mapgen.model import Problem
from mapgen.renderers.pdf.plan.context import PlanContext, heading
from mapgen.renderers.pdf.report import Block, Cell, Heading, KeyValues, Row, Table, Text

__all__ = ["plan_appendix", "plan_appendix_heading"]


def plan_appendix_heading(ctx: PlanContext) -> Heading:
    """Plan the heading that opens the appendix.

    Apart from the rest, because the characters no font has are looked for in it before the
    appendix's warnings (which name those characters) are known.
    """
    return heading(ctx.theme.labels.appendix, 0, new_page=True)


def plan_appendix(
    ctx: PlanContext, *, source_name: str, generated: str, version: str, warnings: tuple[Problem, ...]
) -> list[Block]:
    """Plan the appendix below its heading: the workbook, date, version and theme, then the warnings."""
    labels = ctx.theme.labels
    blocks: list[Block] = [
        KeyValues(
            (
                (labels.source_workbook, source_name),
                (labels.generated, generated or "—"),
                (labels.mapgen_version, version),
                (labels.theme, ctx.theme.name),
            )
        ),
        heading(labels.warnings, 1),
    ]
    if not warnings:
        blocks.append(Text(labels.no_warnings, "muted"))
        return blocks
    rows = tuple(Row((Cell(_problem_place(p, source_name)), Cell(p.message))) for p in warnings)
    header = Row((ctx.header_cell(labels.location), ctx.header_cell(labels.warnings)))
    blocks.append(Table("warnings", (0.3, 0.7), header, rows, size="small", zebra=True))
    return blocks


def _problem_place(problem: Problem, source_name: str) -> str:
    """Return where a problem is: inside the report's own workbook, its sheet and cell only."""
    where = problem.location()
    if problem.file and where.startswith(problem.file):
        # Inside the report the workbook is known: name the sheet and cell, or the file itself.
        rest = where[len(problem.file) :].lstrip(":")
        if PurePath(problem.file).name == source_name or problem.file == source_name:
            return rest or source_name
    return where
