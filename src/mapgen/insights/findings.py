"""Key findings: at most five short sentences from the data, ranked by what hurts most people most.

Each finding weighs how many personas it concerns times how deep it goes (how far below zero the
score lies on [-1, 1]): a stage that is the low point of several personas outranks one persona's
deeper low, the way a client counts customers. The candidates, each once:

- a stage that holds the moment that matters of two or more personas (insights.moments);
- a persona's own moment that matters, when no such stage speaks for it;
- a pain point two or more personas name (insights.pains, by normalised wording);
- the steepest drop between consecutive steps, when it falls at least a quarter of the scale;
- pain points without an opportunity, when several are, weighted lightly: a gap in the plan;
- scores inferred from emotion words: always said, last, when the others rest on them, since a
  finding must never pass an estimate off as a measurement.

Every word comes from the theme (Labels.finding_*), so a translated theme says it all in its language.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapgen.insights.moments import inferred_personas, moments, stage_lows, steepest_drop
from mapgen.insights.naming import step_name
from mapgen.insights.pains import shared_pains, step_gaps
from mapgen.insights.words import fill, series
from mapgen.model import Journeys, Persona, Scale
from mapgen.scores import scale_of, scale_text, score_text, shared_scale
from mapgen.stages import compared_personas

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = ["LIMIT", "Finding", "key_findings"]

LIMIT = 5  # more than five findings is a list, not a story
_DROP = 0.5  # a quarter of the scale: -5..+5's 2.5 points; smaller drops are a journey's ordinary swing
# A gap in the plan weighs less than any drop the findings quote (a drop of a quarter scale weighs
# 0.25): it is said only when room is left, since it is about the workshop, not the customer.
_LIGHT = 0.2


@dataclass(frozen=True)
class Finding:
    """One key finding: its sentence and what it rests on, for the deck and the report to show."""

    kind: str  # "stage_low", "persona_low", "shared_pain", "drop", "unanswered", "inferred"
    text: str
    weight: float  # personas concerned x depth below zero; the order of the findings
    personas: tuple[str, ...]
    stages: tuple[str, ...]
    score: float | None = None  # on [-1, 1]: the score the sentence quotes
    scale: Scale | None = None  # the client's scale the sentence writes it on
    count: int = 0  # how many personas (or pain points) the sentence counts
    total: int = 0  # of how many compared personas
    inferred: bool = False  # the score rests on inferred scores


def key_findings(
    journeys: Journeys, theme: Theme, personas: Sequence[Persona] | None = None
) -> list[Finding]:
    """Return the key findings of the compared personas (or those given), at most LIMIT, heaviest first."""
    chosen = list(compared_personas(journeys) if personas is None else personas)
    labels = theme.labels
    total = len(chosen)
    by_name = {p.name: p for p in chosen}

    def names(items: Sequence[str]) -> str:
        return series(items, labels.conjunction, labels.more)

    def score(value: float, scale: Scale, inferred: bool) -> str:
        text = score_text(value, scale, mark=labels.decimal_mark)
        return f"{text}, {labels.inferred_short}" if inferred and scale.kind != "inferred" else text

    out: list[Finding] = []
    covered: set[str] = set()
    for low in stage_lows(journeys, chosen):
        if len(low.moments) < 2:
            continue
        scale = shared_scale(by_name[n] for n in low.personas)
        worst = low.worst
        inferred = any(m.inferred for m in low.moments)
        covered.update(low.personas)
        text = fill(
            labels.finding_stage_low,
            stage=low.stage,
            count=len(low.moments),
            total=total,
            score=score(worst.score, scale, inferred),
            scale=scale_text(scale, labels),
        )
        weight = sum(-m.score for m in low.moments)
        out.append(
            Finding(
                "stage_low",
                text,
                weight,
                low.personas,
                (low.stage,),
                worst.score,
                scale,
                len(low.moments),
                total,
                inferred,
            )
        )
    for persona in chosen:
        found = moments(persona)
        if persona.name in covered or not found:
            continue
        m = found[0]
        scale = scale_of(persona)
        text = fill(
            labels.finding_persona_low,
            persona=persona.name,
            step=step_name(m.step, m.index, labels.step),
            stage=m.stage,
            score=score(m.score, scale, m.inferred),
            scale=scale_text(scale, labels),
        )
        out.append(
            Finding(
                "persona_low",
                text,
                -m.score,
                (persona.name,),
                (m.stage,),
                m.score,
                scale,
                1,
                total,
                m.inferred,
            )
        )
    for pain in shared_pains(journeys, chosen):
        if pain.count < 2:
            break  # sorted by count: the rest are one persona's
        depth = max(-(pain.worst if pain.worst is not None else 0.0), 0.1)
        text = fill(
            labels.finding_shared_pain,
            pain=pain.text,
            count=pain.count,
            total=total,
            personas=names(pain.personas),
        )
        out.append(
            Finding(
                "shared_pain",
                text,
                pain.count * depth,
                pain.personas,
                pain.stages,
                pain.worst,
                None,
                pain.count,
                total,
            )
        )
    drops = [d for d in (steepest_drop(p) for p in chosen) if d is not None and d.size >= _DROP - 1e-9]
    if drops:
        drop = max(drops, key=lambda d: d.size)  # the first persona's on a tie: max keeps the first
        persona = by_name[drop.persona]
        scale = scale_of(persona)
        inferred = drop.before.inferred or drop.after.inferred
        text = fill(
            labels.finding_drop,
            persona=persona.name,
            before=score(drop.before.score, scale, inferred),
            after=score(drop.after.score, scale, inferred),
            from_step=step_name(drop.before.step, drop.before.index, labels.step),
            to_step=step_name(drop.after.step, drop.after.index, labels.step),
        )
        stages = tuple(dict.fromkeys((drop.before.stage, drop.after.stage)))
        out.append(
            Finding(
                "drop",
                text,
                drop.size / 2,
                (persona.name,),
                stages,
                drop.after.score,
                scale,
                1,
                total,
                inferred,
            )
        )
    gaps = [g for g in step_gaps(chosen) if g.pains]
    unanswered = sum(len(g.pains) for g in gaps)
    if unanswered >= 2:
        stage = Counter(g.step.stage for g in gaps for _p in g.pains).most_common(1)[0][0]
        text = fill(labels.finding_unanswered, count=unanswered, stage=stage)
        who = tuple(dict.fromkeys(g.persona for g in gaps))
        out.append(Finding("unanswered", text, _LIGHT, who, (stage,), count=unanswered, total=total))
    out.sort(key=lambda f: -f.weight)  # stable: equal weights keep the order above
    guessed = inferred_personas(chosen)
    if not guessed:
        return out[:LIMIT]
    kept = out[: LIMIT - 1]
    text = fill(labels.finding_inferred, personas=names(guessed))
    return [
        *kept,
        Finding("inferred", text, 0.0, guessed, (), count=len(guessed), total=total, inferred=True),
    ]
