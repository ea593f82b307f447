"""Speaker notes: a few sentences per slide, from the model, so someone who was not there can present.

The sentences are English prose around the theme's own words (stage, lane and label names); the
theme has no sentence templates yet, so a translated theme gets translated labels in English notes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapgen.insights.moments import highs, moments
from mapgen.insights.naming import step_name
from mapgen.model import Journeys, Persona, Scale, Step
from mapgen.scores import converted, is_inferred, scale_of, scale_text, score_text

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = [
    "StepRef",
    "agenda_notes",
    "cover_notes",
    "emotion_notes",
    "journey_notes",
    "lowest_steps",
    "matrix_notes",
    "next_steps_notes",
    "overview_notes",
    "pain_table_notes",
    "profile_notes",
    "series_list",
    "step_label",
]


@dataclass(frozen=True)
class StepRef:
    """A step with its index in the persona's journey."""

    index: int
    step: Step


def series_list(items: Sequence[str], conjunction: str = "and") -> str:
    """Return "a", "a and b" or "a, b and c"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def step_label(step: Step, index: int, theme: Theme) -> str:
    """Return what a step is called (the rule: mapgen.insights.naming)."""
    return step_name(step, index, theme.labels.step)


def lowest_steps(persona: Persona) -> list[StepRef]:
    """Return the persona's moments that matter (the rule: mapgen.insights.moments); none may be."""
    return [StepRef(m.index, m.step) for m in moments(persona)]


def _highest(persona: Persona) -> list[StepRef]:
    return [StepRef(m.index, m.step) for m in highs(persona)]


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {plural or word + 's'}"


def _role(persona: Persona) -> str:
    role = persona.get("role")
    return role if isinstance(role, str) else ""


def _list(persona: Persona, key: str) -> list[str]:
    value = persona.get(key)
    if value is None:
        return []
    return [value] if isinstance(value, str) else [v for v in value if v]


def cover_notes(journeys: Journeys, theme: Theme, title: str) -> str:
    """Return the title slide's notes."""
    p = journeys.project
    first = f"{title}"
    if p.client:
        first += f", for {p.client}"
    if p.prepared_by:
        first += f", prepared by {p.prepared_by}"
    if p.date:
        first += f" ({p.date})"
    names = [persona.name for persona in journeys.personas]
    stages = [s.name for s in journeys.stages]
    out = [first + "."]
    if p.description:
        out.append(" ".join(p.description.split()))
    out.append(
        f"The deck follows {_plural(len(names), 'persona')} ({series_list(names)}) through "
        f"{_plural(len(stages), 'stage')}: {series_list(stages)}."
    )
    return " ".join(out)


def agenda_notes(journeys: Journeys, theme: Theme, sections: Sequence[str]) -> str:
    """Return the agenda's notes."""
    labels = theme.labels
    per_persona = series_list(
        [labels.profile, labels.journey_map, labels.emotion_curve, theme.lanes.label("pain_points")]
    )
    return (
        f"The agenda: {series_list(list(sections))}. For each persona the deck shows the "
        f"{per_persona.lower()}, then compares the personas and closes with next steps."
    )


def profile_notes(persona: Persona, theme: Theme) -> str:
    """Return a profile slide's notes: who the persona is, what they want and what frustrates them."""
    role = _role(persona)
    out = [f"Meet {persona.name}" + (f", {role}" if role else "") + "."]
    quote = persona.get("quote")
    if isinstance(quote, str) and quote.strip():
        out.append(f"In their words: “{' '.join(quote.split())}”.")
    goals = _list(persona, "goals")
    if goals:
        out.append(f"{theme.labels.goals}: {series_list(goals[:3])}.")
    frustrations = _list(persona, "frustrations")
    if frustrations:
        out.append(f"{theme.labels.frustrations}: {series_list(frustrations[:3])}.")
    channels = _list(persona, "channels")
    if channels:
        out.append(f"They are reached through {series_list(channels)}.")
    return " ".join(out)


def journey_notes(
    journeys: Journeys, persona: Persona, theme: Theme, stages: Sequence[str], part: int, parts: int
) -> str:
    """Return a journey map slide's notes: the stages shown, the steps and where it hurts."""
    shown = [s for s in stages if s]
    steps = [s for s in persona.steps if not shown or s.stage in shown]
    what = "service blueprint" if persona.kind == "blueprint" else "journey map"
    out = [
        f"The {what} of {persona.name}"
        + (f", part {part + 1} of {parts}" if parts > 1 else "")
        + f": {_plural(len(steps), 'step')} across {series_list(shown) or 'the journey'}."
    ]
    lanes = series_list([theme.lanes.label(lane) for lane in theme.lanes.show])
    out.append(f"Read each column top to bottom: {lanes.lower()}.")
    lows = [ref for ref in lowest_steps(persona) if not shown or ref.step.stage in shown]
    if lows:
        ref = lows[0]
        words = series_list(list(ref.step.emotions))
        out.append(
            f"The lowest point is “{step_label(ref.step, ref.index, theme)}” in {ref.step.stage}"
            + (f" ({words})" if words else "")
            + f", the {theme.labels.moment_that_matters.lower()}."
        )
    pains = sum(len(s.pain_points) for s in steps)
    ideas = sum(len(s.opportunities) for s in steps)
    out.append(
        f"It shows {_plural(pains, 'pain point')} and {_plural(ideas, 'opportunity', 'opportunities')}."
    )
    return " ".join(out)


def _scale_range(scale: Scale, theme: Theme) -> str:
    """Return "from −5 (negative) to +5 (positive)" on the persona's scale."""
    labels = theme.labels
    if scale.kind == "words":
        return "from " + scale_text(scale, labels)
    return (
        f"from {score_text(-1.0, scale)} ({labels.negative}) {labels.scale_to} "
        f"{score_text(1.0, scale)} ({labels.positive})"
    )


def emotion_notes(persona: Persona, theme: Theme) -> str:
    """Return an emotion curve slide's notes: the scale, the high and low points, the gaps."""
    labels = theme.labels
    scale = scale_of(persona)
    scored = [s for s in persona.steps if s.score is not None]
    out = [
        f"{labels.score}: {scale_text(scale, labels)}.",
        f"How {persona.name} feels at each of the {_plural(len(persona.steps), 'step')}, "
        f"{_scale_range(scale, theme)}; the labels are the emotions the workshop recorded.",
    ]
    if is_inferred(scale):
        out.append(
            f"The sheet of {persona.name} has no score column, so mapgen inferred these scores from "
            "the emotion words: read them as a direction, not as a measurement."
        )
    highs = _highest(persona)
    if highs:
        ref = highs[0]
        out.append(
            f"The high point is “{step_label(ref.step, ref.index, theme)}” in {ref.step.stage} "
            f"({score_text(ref.step, scale, labels=labels)})."
        )
    lows = lowest_steps(persona)
    if lows:
        names = [f"“{step_label(r.step, r.index, theme)}” in {r.step.stage}" for r in lows]
        out.append(
            f"The {labels.moment_that_matters.lower()}: {series_list(names)} "
            f"({score_text(lows[0].step, scale, labels=labels)})."
        )
        pains = [p for r in lows for p in r.step.pain_points]
        if pains:
            out.append(f"What hurts there: {series_list(pains[:3])}.")
    gaps = len(persona.steps) - len(scored)
    if gaps:
        out.append(
            f"{_plural(gaps, 'step')} without a score "
            + ("is" if gaps == 1 else "are")
            + " left as a gap in the line, not as zero."
        )
    return " ".join(out)


def pain_table_notes(
    persona: Persona, theme: Theme, rows: int, stages: Sequence[str], part: int, parts: int
) -> str:
    """Return a pain points and opportunities table's notes."""
    pains = sum(len(s.pain_points) for s in persona.steps)
    ideas = sum(len(s.opportunities) for s in persona.steps)
    out = [
        f"{theme.lanes.label('pain_points')} and {theme.lanes.label('opportunities').lower()} of "
        f"{persona.name}"
        + (f", part {part + 1} of {parts}" if parts > 1 else "")
        + f": {_plural(rows, 'step')} in {series_list(list(stages))}."
    ]
    if part == 0:
        counts: dict[str, int] = {}
        for step in persona.steps:
            counts[step.stage] = counts.get(step.stage, 0) + len(step.pain_points)
        worst = max(counts.items(), key=lambda kv: kv[1], default=("", 0))
        out.append(
            f"In all, {_plural(pains, 'pain point')} and {_plural(ideas, 'opportunity', 'opportunities')}."
        )
        if worst[1]:
            out.append(f"Most of the pain is in {worst[0]} ({worst[1]}).")
        out.append("Each row pairs what hurts with what could be done about it, and who owns it.")
    return " ".join(out)


def overview_notes(
    personas: Sequence[Persona],
    theme: Theme,
    means: Sequence[Sequence[float | None]],
    stages: Sequence[str],
    scale: Scale,
) -> str:
    """Return the notes of the chart that compares the personas' emotion curves on one scale."""
    labels = theme.labels
    out = [
        f"{labels.score}: {scale_text(scale, labels)}.",
        f"The average emotion of {series_list([p.name for p in personas])} in each stage, on the "
        f"same scale {_scale_range(scale, theme)}: where the lines dip together, every persona struggles.",
    ]
    for own, names in converted(personas, scale):
        out.append(f"The scores of {series_list(names)} ({scale_text(own, labels)}) are converted to it.")
    per_stage = []
    for i, stage in enumerate(stages):
        values = [m[i] for m in means if m[i] is not None]
        if values:
            per_stage.append((sum(v for v in values if v is not None) / len(values), stage))
    if per_stage:
        low = min(per_stage)
        high = max(per_stage)
        out.append(
            f"Lowest on average: {low[1]} ({score_text(low[0], scale, labels=labels)}); "
            f"highest: {high[1]} ({score_text(high[0], scale, labels=labels)})."
        )
    return " ".join(out)


def matrix_notes(
    theme: Theme, cells: Sequence[tuple[str, str, int, float | None]], part: int, parts: int
) -> str:
    """Return the pain-point matrix's notes; cells are (persona, stage, count, worst score)."""
    out = [
        f"{theme.labels.pain_point_matrix}"
        + (f", part {part + 1} of {parts}" if parts > 1 else "")
        + ": each cell counts a persona's pain points in a stage and gives the worst score there; "
        "the darker the cell, the more it hurts."
    ]
    hot = sorted(cells, key=lambda c: (-c[2], c[3] if c[3] is not None else 1.0))
    hot = [c for c in hot if c[2] > 0][:3]
    if hot:
        out.append(
            "Hotspots: "
            + series_list(
                [f"{persona} in {stage} ({_plural(count, 'pain point')})" for persona, stage, count, _ in hot]
            )
            + "."
        )
    return " ".join(out)


def next_steps_notes(
    theme: Theme, sections: Sequence[tuple[str, int]], ideas: bool, part: int, parts: int
) -> str:
    """Return the next steps slide's notes; sections are (stage, number of items)."""
    what = "opportunities" if ideas else theme.lanes.label("pain_points").lower()
    total = sum(n for _, n in sections)
    out = [
        f"{theme.labels.next_steps}"
        + (f", part {part + 1} of {parts}" if parts > 1 else "")
        + f": {total} {what} from the workshop, grouped by stage, to turn into owned actions."
    ]
    if sections:
        biggest = max(sections, key=lambda s: s[1])
        out.append(f"{biggest[0]} has the most ({biggest[1]}): a good place to start.")
    return " ".join(out)
