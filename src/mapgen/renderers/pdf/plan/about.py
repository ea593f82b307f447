"""Plan the report's closing section: where the map comes from, worded for the client.

Build warnings, the tool's name and version and the theme are the build's business: they go to
the terminal, manifest.json and --json, never into the client's report. What the client may want
to know is what the map rests on: the workbook, the date of its data, who and what it covers, and
which emotion scores were estimated from emotion words rather than given.
"""

from __future__ import annotations

from pathlib import PurePath

from mapgen.renderers.pdf.plan.context import PlanContext, clean, heading
from mapgen.renderers.pdf.plan.findings import join_names
from mapgen.renderers.pdf.report import Block, KeyValues

__all__ = ["plan_about"]


def plan_about(ctx: PlanContext) -> list[Block]:
    """Plan "About this map": the sources, the date, the personas, stages and steps, estimated scores."""
    labels, journeys = ctx.theme.labels, ctx.journeys
    rows = [(labels.source_workbook, PurePath(journeys.source).name)]
    if clean(journeys.project.date):
        rows.append((labels.date, clean(journeys.project.date)))
    rows.append((labels.personas, ", ".join(p.name for p in journeys.personas)))
    rows.append((labels.stages, ", ".join(s.name for s in journeys.stages)))
    rows.append((labels.steps, str(sum(len(p.steps) for p in journeys.personas))))
    estimated = [p.name for p in journeys.personas if any(s.score_source == "inferred" for s in p.steps)]
    if estimated:
        names = join_names(estimated, limit=len(estimated))
        rows.append((labels.emotion_scores, labels.scores_estimated.replace("{personas}", names)))
    return [heading(labels.about, 0), KeyValues(tuple(rows))]
