"""Speaker notes: what each slide means for the client, from mapgen.insights, in the theme's sentences.

The notes say the insight (where it hurts, who owns the fix), not how to read the slide's layout.
Every sentence is a theme template (Labels.notes_*, finding_*), so a translated theme gets notes
wholly in its language. Workbook text quoted in a sentence is tidied first (its own closing
period dropped), and a sentence gets its period only when it does not already end in one, so a
quote never ends in a doubled ".”.".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapgen.insights.actions import Action, ActionPlan, OwnerLoad
from mapgen.insights.findings import Finding
from mapgen.insights.moments import is_inferred, moment_indexes, moments, steepest_drop
from mapgen.insights.naming import step_name
from mapgen.insights.pains import step_gaps
from mapgen.insights.words import fill, series
from mapgen.model import Journeys, Persona, Scale, Step
from mapgen.scores import converted, scale_of, scale_text, score_text
from mapgen.stages import is_blueprint, persona_stages

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = [
    "StepRef",
    "action_plan_notes",
    "agenda_notes",
    "clean",
    "cover_notes",
    "emotion_notes",
    "findings_notes",
    "journey_notes",
    "lowest_steps",
    "matrix_notes",
    "overview_notes",
    "owners_notes",
    "pain_table_notes",
    "profile_notes",
    "sentences",
    "series_list",
    "stage_notes",
    "step_label",
    "top_moves_notes",
]

_END = re.compile(r"[.!?…:;]+[”“\"'»«)]*$")


@dataclass(frozen=True)
class StepRef:
    """A step with its index in the persona's journey."""

    index: int
    step: Step


def series_list(items: Sequence[str], conjunction: str = "and") -> str:
    """Return "a", "a and b" or "a, b and c" (alt texts; notes join lists in the theme's words)."""
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


def clean(text: str) -> str:
    """Return workbook text fit to quote mid-sentence: one line, its own closing punctuation dropped."""
    one = " ".join(text.split()).replace("...", "…")
    return one.rstrip(".;:, ") or one


def sentences(*parts: str) -> str:
    """Return the parts as sentences: each ends in one period unless it ends in punctuation already."""
    out = []
    for part in parts:
        part = " ".join(part.split())
        if part:
            out.append(part if _END.search(part) else part + ".")
    return " ".join(out)


def _list(theme: Theme, items: Sequence[str], limit: int = 4) -> str:
    return series([clean(i) for i in items if i.strip()], theme.labels.conjunction, theme.labels.more, limit)


def _quoted(theme: Theme, items: Sequence[str], limit: int = 4) -> str:
    # The quotes of the theme's own sentences: „…“ in German, “…” in English.
    quotes = ("„", "“") if "„" in theme.labels.notes_quote else ("“", "”")
    marked = [f"{quotes[0]}{clean(i)}{quotes[1]}" for i in items if i.strip()]
    return series(marked, theme.labels.conjunction, theme.labels.more, limit)


def _profile_list(persona: Persona, key: str) -> list[str]:
    value = persona.get(key)
    if value is None:
        return []
    return [value] if isinstance(value, str) else [v for v in value if v]


def _score(step: Step | float, scale: Scale, theme: Theme) -> str:
    return score_text(step, scale, labels=theme.labels)


def cover_notes(journeys: Journeys, theme: Theme, title: str) -> str:
    """Return the title slide's notes: whose journeys, through which stages."""
    names = [p.name for p in journeys.personas]
    stages = [s.name for s in journeys.stages]
    return sentences(
        fill(
            theme.labels.notes_cover,
            title=clean(title),
            personas=_list(theme, names),
            stages=_list(theme, stages),
        )
    )


def findings_notes(findings: Sequence[Finding], theme: Theme) -> str:
    """Return the key findings slide's notes: open with the heaviest, say how they are ranked."""
    if not findings:
        return ""
    out = [fill(theme.labels.notes_findings, finding=findings[0].text)]
    if len(findings) > 1:
        out.append(fill(theme.labels.notes_findings_rest, count=len(findings)))
    return sentences(*out)


def top_moves_notes(top: Sequence[Action], theme: Theme) -> str:
    """Return the top moves slide's notes: the moves, then who owns each and how it is measured."""
    labels = theme.labels
    out = [fill(labels.notes_top_moves, moves=_quoted(theme, [a.text for a in top], limit=5))]
    for action in top[:3]:
        owner = clean(action.owner or labels.unassigned)
        if action.kpi:
            out.append(
                fill(
                    labels.notes_top_move,
                    move=clean(action.text),
                    owner=owner,
                    kpi=clean(action.kpi),
                    reason=action.reason,
                )
            )
        else:
            out.append(
                fill(labels.notes_top_move_no_kpi, move=clean(action.text), owner=owner, reason=action.reason)
            )
    return sentences(*out)


def agenda_notes(journeys: Journeys, theme: Theme, compared: bool) -> str:
    """Return the agenda's notes: the journeys in the deck's order and where it ends."""
    labels = theme.labels
    names = [p.name for p in journeys.personas]
    sections = labels.notes_sections if compared else labels.notes_sections_single
    return sentences(fill(labels.notes_agenda, personas=_list(theme, names, limit=6), sections=sections))


def profile_notes(persona: Persona, theme: Theme) -> str:
    """Return a profile slide's notes: who the persona is, what they want, where their journey is lowest."""
    labels = theme.labels
    role = persona.get("role")
    meet = fill(labels.notes_meet, persona=persona.name)
    if isinstance(role, str) and role.strip():
        meet += f", {clean(role)}"
    out = [meet]
    quote = persona.get("quote")
    if isinstance(quote, str) and quote.strip():
        out.append(fill(labels.notes_quote, quote=clean(quote.strip("“”„\"' "))))
    goals = _profile_list(persona, "goals")
    if goals:
        out.append(f"{labels.goals}: {_list(theme, goals[:3])}")
    frustrations = _profile_list(persona, "frustrations")
    if frustrations:
        out.append(f"{labels.frustrations}: {_list(theme, frustrations[:3])}")
    found = moments(persona)
    if found:
        m = found[0]
        out.append(
            fill(labels.notes_profile_low, step=clean(step_label(m.step, m.index, theme)), stage=m.stage)
        )
    return sentences(*out)


def _counts(theme: Theme, steps: Sequence[Step]) -> str:
    pains = sum(len(s.pain_points) for s in steps)
    ideas = sum(len(s.opportunities) for s in steps)
    if not pains and not ideas:
        return ""
    return f"{theme.lanes.label('pain_points')}: {pains}; {theme.lanes.label('opportunities')}: {ideas}"


def journey_notes(journeys: Journeys, persona: Persona, theme: Theme, stages: Sequence[str]) -> str:
    """Return a whole-journey slide's notes: the stages it covers and its moment that matters there."""
    labels = theme.labels
    shown = [s for s in stages if s] or persona_stages(journeys, persona)
    steps = [s for s in persona.steps if s.stage in shown]
    template = labels.notes_blueprint if is_blueprint(persona) else labels.notes_journey
    out = [fill(template, persona=persona.name, count=len(steps), stages=_list(theme, shown, limit=8))]
    scale = scale_of(persona)
    found = [m for m in moments(persona) if m.stage in shown]
    if found:
        m = found[0]
        out.append(
            fill(
                labels.notes_moment,
                step=clean(step_label(m.step, m.index, theme)),
                stage=m.stage,
                score=_score(m.step, scale, theme),
            )
        )
    elif any(s.score is not None for s in steps):
        out.append(labels.notes_no_moment)
    out.append(_counts(theme, steps))
    return sentences(*out)


def emotion_notes(persona: Persona, theme: Theme) -> str:
    """Return an emotion curve slide's notes: best and worst, the sharpest fall, what is inferred."""
    labels = theme.labels
    scale = scale_of(persona)
    scored = [(i, s) for i, s in enumerate(persona.steps) if s.score is not None]
    out = []
    found = moments(persona)
    if scored:
        hi = max(scored, key=lambda t: t[1].score or 0.0)  # max and min keep the first of ties
        lo = min(scored, key=lambda t: t[1].score or 0.0)
        values = {
            "persona": persona.name,
            "scale": scale_text(scale, labels),
            "high": clean(step_label(hi[1], hi[0], theme)),
            "high_score": _score(hi[1], scale, theme),
            "low": clean(step_label(lo[1], lo[0], theme)),
            "low_score": _score(lo[1], scale, theme),
        }
        # Where the journey has moments that matter, the notes name them as the map rings them.
        out.append(fill(labels.notes_emotion_high if found else labels.notes_emotion, **values))
    if found:
        names = [step_label(m.step, m.index, theme) for m in found]
        out.append(
            fill(
                labels.notes_moment,
                step=_quoted(theme, names)[1:-1],  # the template quotes the step: tied ones share it
                stage=_list(theme, list(dict.fromkeys(m.stage for m in found))),
                score=_score(found[0].step, scale, theme),
            )
        )
    drop = steepest_drop(persona)
    if drop is not None:
        out.append(
            fill(
                labels.notes_drop,
                from_step=clean(step_label(drop.before.step, drop.before.index, theme)),
                to_step=clean(step_label(drop.after.step, drop.after.index, theme)),
                before=_score(drop.before.score, scale, theme),
                after=_score(drop.after.score, scale, theme),
            )
        )
    if any(s.score is not None and is_inferred(s) for s in persona.steps):
        out.append(fill(labels.finding_inferred, personas=persona.name))
    gaps = len(persona.steps) - len(scored)
    if gaps:
        out.append(fill(labels.notes_gaps, count=gaps))
    return sentences(*out)


def stage_notes(persona: Persona, theme: Theme, stage: str, steps: Sequence[tuple[int, Step]]) -> str:
    """Return a stage slide's notes: what happens in the stage, its low point, its pains and ideas."""
    labels = theme.labels
    scale = scale_of(persona)
    names = [step_label(s, i, theme) for i, s in steps]
    out = [fill(labels.notes_stage, stage=stage, persona=persona.name, steps=_quoted(theme, names, limit=5))]
    scored = [(i, s) for i, s in steps if s.score is not None]
    rings = moment_indexes(persona)
    if scored:
        lo = min(scored, key=lambda t: t[1].score or 0.0)
        hi = max(scored, key=lambda t: t[1].score or 0.0)
        if lo[0] in rings:
            out.append(
                fill(
                    labels.notes_moment,
                    step=clean(step_label(lo[1], lo[0], theme)),
                    stage=stage,
                    score=_score(lo[1], scale, theme),
                )
            )
        elif len(scored) > 1 and lo[0] != hi[0]:
            out.append(
                fill(
                    labels.notes_stage_range,
                    low=clean(step_label(lo[1], lo[0], theme)),
                    low_score=_score(lo[1], scale, theme),
                    high=clean(step_label(hi[1], hi[0], theme)),
                    high_score=_score(hi[1], scale, theme),
                )
            )
    pains = [p for _, s in steps for p in s.pain_points]
    ideas = [o for _, s in steps for o in s.opportunities]
    out.append(
        fill(labels.notes_stage_pains, pains=_quoted(theme, pains, 3)) if pains else labels.notes_stage_calm
    )
    if ideas:
        out.append(fill(labels.notes_stage_ideas, ideas=_quoted(theme, ideas, 3)))
    return sentences(*out)


def pain_table_notes(persona: Persona, theme: Theme, stages: Sequence[str], part: int, first: str) -> str:
    """Return a pain points and opportunities table's notes: where most of it hurts, what is unanswered."""
    labels = theme.labels
    shown = _list(theme, stages, limit=6)
    if part:
        return sentences(
            fill(labels.notes_pain_table_more, persona=persona.name, stages=shown, first=clean(first))
        )
    counts = Counter(dict.fromkeys(stages, 0))
    for step in persona.steps:
        if step.stage in counts:
            counts[step.stage] += len(step.pain_points)
    worst, most = counts.most_common(1)[0] if counts else ("", 0)
    out = []
    if most:
        out.append(fill(labels.notes_pain_table, persona=persona.name, stages=shown, worst=worst))
    else:
        out.append(fill(labels.notes_pain_table_more, persona=persona.name, stages=shown, first=clean(first)))
    unanswered = sum(len(g.pains) for g in step_gaps([persona]) if g.pains)
    if unanswered:
        out.append(fill(labels.notes_unanswered, count=unanswered))
    return sentences(*out)


def overview_notes(
    personas: Sequence[Persona],
    theme: Theme,
    means: Sequence[Sequence[float | None]],
    stages: Sequence[str],
    scale: Scale,
    stage_low: Finding | None,
) -> str:
    """Return the comparison chart's notes: the hardest and easiest stage on one scale, who shares a low."""
    labels = theme.labels
    per_stage = []
    for i, stage in enumerate(stages):
        values = [m[i] for m in means if m[i] is not None]
        if values:
            per_stage.append((sum(v for v in values if v is not None) / len(values), i, stage))
    out = []
    if per_stage:
        low = min(per_stage)
        high = max(per_stage)
        out.append(
            fill(
                labels.notes_overview,
                scale=scale_text(scale, labels),
                low=low[2],
                low_score=_score(low[0], scale, theme),
                high=high[2],
                high_score=_score(high[0], scale, theme),
            )
        )
    if stage_low is not None:
        out.append(stage_low.text)
    for own, names in converted(personas, scale):
        out.append(f"{_list(theme, names)}: {labels.converted_from} {scale_text(own, labels)}")
    return sentences(*out)


def matrix_notes(theme: Theme, cells: Sequence[tuple[str, str, int, float | None]]) -> str:
    """Return the pain-point matrix's notes: where pain gathers; cells are (persona, stage, count, worst)."""
    labels = theme.labels
    hot = sorted(cells, key=lambda c: (-c[2], c[3] if c[3] is not None else 1.0))
    hot = [c for c in hot if c[2] > 0][:3]
    if not hot:
        return sentences(labels.notes_matrix_none)
    spots = [fill(labels.notes_hotspot, persona=p, stage=s, count=n) for p, s, n, _ in hot]
    return sentences(fill(labels.notes_matrix, hotspots=series(spots, labels.conjunction, labels.more)))


def action_plan_notes(plan: ActionPlan, page: Sequence[Action], theme: Theme, part: int) -> str:
    """Return an action plan slide's notes: how many and whose on the first, what follows on the others."""
    labels = theme.labels
    if part and page:
        personas = list(dict.fromkeys(a.persona for a in page if a.persona))
        return sentences(
            fill(labels.notes_action_plan_more, personas=_list(theme, personas), first=clean(page[0].text))
        )
    high = sum(a.priority == "high" for a in plan.actions)
    owners = [f"{clean(o.owner)} ({o.actions})" for o in plan.owners]
    return sentences(
        fill(
            labels.notes_action_plan,
            count=len(plan.actions),
            high=high,
            owners=series(owners, labels.conjunction, labels.more),
        )
    )


def owners_notes(owners: Sequence[OwnerLoad], theme: Theme) -> str:
    """Return the owners' roll-up notes: who holds the most here, and that owners are agreed in the room."""
    if not owners:
        return ""
    top = owners[0]
    return sentences(
        fill(theme.labels.notes_owners, owner=clean(top.owner), count=top.actions, high=top.high)
    )
