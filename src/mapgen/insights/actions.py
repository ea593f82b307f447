"""The action plan: each opportunity at its step, paired with a pain point only where the workbook says so.

Pairing: an opportunity answers a specific pain point only when the workbook declares it: an
Opportunities sheet row naming its pain point (`sheet`), a pair the step declares (`pairs`), or a
step with exactly one pain point and one opportunity. Otherwise the opportunity stands unpaired
beside all of its step's pains: the n-th item of one cell says nothing about the n-th of the
other, and a wrong pair in front of the client costs more than no pair.

Priority: the workbook's where it gives one (an Opportunities sheet row); else from impact, how
low the step scores (its end score) and how many personas name its pain: high at a moment that
matters or at a clearly negative step (insights.moments.CUT) whose pain two or more personas
share; medium where the score is below zero or the pain is shared; low otherwise. Each priority
carries its reason in the theme's words. A sheet row wins over the step's own text: its owner,
KPI, effort, due date and status are the client's plan.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

from mapgen.insights.moments import CUT, moment_indexes
from mapgen.insights.naming import step_name
from mapgen.insights.pains import shared_pains, wording_key
from mapgen.insights.words import fill
from mapgen.model import Journeys, Persona, Step
from mapgen.scores import scale_of, score_text
from mapgen.stages import compared_personas, persona_stages

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = [
    "Action",
    "ActionPlan",
    "OpportunityRecord",
    "OwnerLoad",
    "Pairs",
    "Priority",
    "plan_actions",
]

Priority = Literal["high", "medium", "low"]
_RANK: dict[str, int] = {"high": 0, "medium": 1, "low": 2}
TOP_MOST = 5  # top moves: three to five, so the client can act on all of them
TOP_LEAST = 3
# What the workbook declares a step pairs: (pain point index, opportunity index) within the step.
Pairs = Callable[[Step], Sequence[tuple[int, int]]]


class OpportunityRecord(Protocol):
    """A row of the workbook's Opportunities sheet, as the reader gives it."""

    @property
    def text(self) -> str: ...
    @property
    def persona(self) -> str | None: ...
    @property
    def stage(self) -> str | None: ...
    @property
    def step(self) -> str | None: ...  # the step's name as step_name gives it, or its action
    @property
    def pain_point(self) -> str | None: ...
    @property
    def owner(self) -> str | None: ...
    @property
    def priority(self) -> Priority | None: ...
    @property
    def effort(self) -> str | None: ...
    @property
    def due(self) -> str | None: ...
    @property
    def status(self) -> str | None: ...
    @property
    def kpi(self) -> str | None: ...


@dataclass(frozen=True)
class Action:
    """One opportunity in the plan, at the step it was written for."""

    text: str
    persona: str | None
    stage: str | None
    index: int | None  # 0-based place of the step in the persona's journey; None: the sheet names no step
    step: str  # the step's name (insights.naming), "" when none
    pain_point: str | None  # the pain point it answers, only when the workbook pairs them
    pains: tuple[str, ...]  # the step's pain points it stands beside, unpaired
    owner: str | None
    kpi: str | None
    priority: Priority
    reason: str  # why this priority, in the theme's words
    impact: float  # personas concerned x depth below zero: the order within a priority
    from_sheet: bool = False  # the Opportunities sheet gave it
    effort: str | None = None
    due: str | None = None
    status: str | None = None


@dataclass(frozen=True)
class OwnerLoad:
    """An owner and the actions they hold."""

    owner: str  # the theme's "Unassigned" for actions without one
    actions: int
    high: int


@dataclass(frozen=True)
class ActionPlan:
    """The prioritised plan: every action, the owners' roll-up, and the top moves."""

    actions: tuple[Action, ...]  # priority, then impact, then journey order
    owners: tuple[OwnerLoad, ...]  # most high-priority actions first
    top: tuple[Action, ...]  # the three to five most valuable moves, distinct by wording


def _clean(value: str | None) -> str | None:
    return " ".join(value.split()) if value and value.strip() else None


def _declared_pairs(step: Step) -> Sequence[tuple[int, int]]:
    """Return the (pain point, opportunity) pairs a step's cells declare (numbered alike, "re:")."""
    return step.pairs


def plan_actions(
    journeys: Journeys,
    theme: Theme,
    *,
    sheet: Sequence[OpportunityRecord] | None = None,
    pairs: Pairs | None = None,
) -> ActionPlan:
    """Return the action plan of the compared personas; the Opportunities sheet's rows win.

    sheet and pairs default to what the workbook says: its Opportunities sheet
    (journeys.opportunities) and the pairs its step cells declare (Step.pairs).
    """
    if sheet is None:
        sheet = journeys.opportunities
    if pairs is None:
        pairs = _declared_pairs
    labels = theme.labels
    chosen = compared_personas(journeys)
    sharing = {p.key: p.count for p in shared_pains(journeys, chosen)}
    by_text = {wording_key(r.text): r for r in sheet if r.text.strip()}
    used: set[str] = set()
    actions: list[Action] = []
    order: list[tuple[int, int, int]] = []

    moments_of = {id(persona): moment_indexes(persona) for persona in chosen}  # once a persona, not an action

    def impact(persona: Persona, index: int, pains: Sequence[str]) -> tuple[Priority, str, float]:
        step = persona.steps[index]
        at_moment = index in moments_of[id(persona)]
        depth = max(-(step.score or 0.0), 0.0)
        shared = max((sharing.get(wording_key(p), 1) for p in pains), default=1)
        reasons = []
        if at_moment:
            reasons.append(labels.reason_moment)
        if shared >= 2:
            reasons.append(fill(labels.reason_shared, count=shared))
        if step.score is not None and step.score < 0 and not reasons:
            reasons.append(fill(labels.reason_dip, score=score_text(step, scale_of(persona))))
        negative = step.score is not None and step.score <= CUT
        if at_moment or (negative and shared >= 2):
            level: Priority = "high"
        elif (step.score is not None and step.score < 0) or shared >= 2:
            level = "medium"
        else:
            level = "low"
        return level, "; ".join(reasons) or labels.reason_mild, shared * (0.5 + depth)

    for p_i, persona in enumerate(chosen):
        stage_rank = {s: i for i, s in enumerate(persona_stages(journeys, persona))}
        for index, step in enumerate(persona.steps):
            pains = tuple(_clean(p) or "" for p in step.pain_points if p.strip())
            ideas = [_clean(o) or "" for o in step.opportunities if o.strip()]
            declared = {o: p for p, o in pairs(step) if 0 <= p < len(pains)}
            name = step_name(step, index, labels.step)
            for o_i, idea in enumerate(ideas):
                record = by_text.get(wording_key(idea))
                pain = _paired(pains, ideas, o_i, declared, record)
                level, reason, weight = impact(persona, index, (pain,) if pain else pains)
                if record is not None:
                    used.add(wording_key(idea))
                    if record.priority in _RANK:
                        level, reason = record.priority, labels.reason_workbook
                actions.append(
                    Action(
                        idea,
                        persona.name,
                        step.stage,
                        index,
                        name,
                        pain,
                        () if pain else pains,
                        _clean(record.owner if record and record.owner else step.owner),
                        _clean(
                            record.kpi
                            if record and record.kpi
                            else "; ".join(k for k in step.kpis if k.strip())
                        ),
                        level,
                        reason,
                        weight,
                        record is not None,
                        _clean(record.effort) if record else None,
                        _clean(record.due) if record else None,
                        _clean(record.status) if record else None,
                    )
                )
                order.append((p_i, stage_rank.get(step.stage, len(stage_rank)), index))
    # Rows of the sheet that match no step's opportunity stand on their own, where the sheet puts them.
    for record in sheet:
        if not record.text.strip() or wording_key(record.text) in used:
            continue
        level = record.priority if record.priority in _RANK else "medium"
        reason = labels.reason_workbook if record.priority in _RANK else labels.reason_mild
        actions.append(
            Action(
                _clean(record.text) or "",
                record.persona,
                record.stage,
                None,
                _clean(record.step) or "",
                _clean(record.pain_point),
                (),
                _clean(record.owner),
                _clean(record.kpi),
                level or "medium",
                reason,
                0.0,
                True,
                _clean(record.effort),
                _clean(record.due),
                _clean(record.status),
            )
        )
        order.append((len(chosen), 0, len(order)))
    ranked = sorted(
        range(len(actions)), key=lambda i: (_RANK[actions[i].priority], -actions[i].impact, order[i])
    )
    plan = tuple(actions[i] for i in ranked)
    return ActionPlan(plan, _owners(plan, labels.unassigned), _top(plan))


def _paired(
    pains: Sequence[str],
    ideas: Sequence[str],
    o_i: int,
    declared: dict[int, int],
    record: OpportunityRecord | None,
) -> str | None:
    """Return the pain point the workbook pairs with the o_i-th opportunity, or None."""
    if record is not None and _clean(record.pain_point):
        return _clean(record.pain_point)
    if o_i in declared:
        return pains[declared[o_i]]
    if len(pains) == 1 and len(ideas) == 1:
        return pains[0]
    return None


def _owners(plan: Sequence[Action], unassigned: str) -> tuple[OwnerLoad, ...]:
    counts: dict[str, list[int]] = {}
    for action in plan:
        entry = counts.setdefault(action.owner or unassigned, [0, 0])
        entry[0] += 1
        entry[1] += action.priority == "high"
    loads = [OwnerLoad(owner, n, high) for owner, (n, high) in counts.items()]
    return tuple(sorted(loads, key=lambda o: (-o.high, -o.actions, o.owner == unassigned)))


def _top(plan: Sequence[Action]) -> tuple[Action, ...]:
    """Return the three to five most valuable moves: high, then medium up to three; one per wording.

    One move per step first, so the moves spread over where it hurts; a step's second idea comes
    in only when no other step has one of the same priority left.
    """
    candidates = [a for a in plan if a.priority != "low"]
    steps = {(a.persona, a.stage, a.index) for a in candidates}
    spread = len(steps) > 1
    out: list[Action] = []
    seen: set[str] = set()
    used: set[tuple[str | None, str | None, int | None]] = set()
    for first_pass in (True, False) if spread else (False,):
        for action in candidates:
            key, where = wording_key(action.text), (action.persona, action.stage, action.index)
            if key in seen or (first_pass and where in used):
                continue
            if len(out) == TOP_MOST or (action.priority == "medium" and len(out) >= TOP_LEAST):
                break
            seen.add(key)
            used.add(where)
            out.append(action)
    rank = {id(a): i for i, a in enumerate(plan)}
    return tuple(sorted(out, key=lambda a: rank[id(a)]))
