"""Read an Opportunities sheet: an action per row, with what it answers, who owns it and by when."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from mapgen.model import Opportunity, OpportunityRef, Persona, Step
from mapgen.readers.actions.levels import EFFORT_WORDS, PRIORITY_WORDS, effort_level, priority_level
from mapgen.readers.actions.references import strip_reference
from mapgen.readers.cells import tidy_text
from mapgen.readers.grid import Grid, cell_name
from mapgen.readers.headers import normalise, split_hint
from mapgen.readers.limits import MAX_OPPORTUNITIES
from mapgen.readers.problems import Problems

__all__ = ["COLUMN_NAMES", "read_opportunities"]

# The header row is near the top, as on a Stages or metrics sheet.
_HEADER_ROWS = 10
# Each column's names; "Action" is the opportunity here (an action plan's row), never a step.
COLUMN_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("Opportunity", "Opportunities", "Idea", "Ideas", "Initiative", "Initiatives", "Action",
             "Actions", "Recommendation", "Recommendations", "Improvement", "Solution"),
    "persona": ("Persona", "Personas", "Segment", "Customer", "Who"),
    "stage": ("Stage", "Stages", "Phase", "Journey stage"),
    "step": ("Step", "Journey step", "Steps", "Moment", "Touchpoint"),
    "pain_point": ("Pain point", "Pain points", "Pain", "Problem", "Issue", "Answers", "Addresses"),
    "owner": ("Owner", "Owners", "Responsible", "Accountable", "Team", "Assignee", "Lead", "Who owns it"),
    "priority": ("Priority", "Prio", "MoSCoW", "Rank"),
    "effort": ("Effort", "Size", "T-shirt size", "Complexity", "Cost"),
    "impact": ("Impact", "Value", "Benefit"),
    "due": ("Due", "Due date", "Deadline", "By", "Target date", "When", "Date", "Quarter"),
    "status": ("Status", "State", "Progress"),
    "kpi": ("KPI", "KPIs", "Metric", "Success metric", "Measure", "Measure of success"),
}  # fmt: skip
_INDEX = {normalise(name): key for key, names in COLUMN_NAMES.items() for name in names}
# A Persona cell that means every persona, as a blank one does.
_EVERYONE = frozenset(
    normalise(w) for w in ("All", "All personas", "Every persona", "Everyone", "Any", "All customers")
)


def _unless_everyone(text: str) -> str | None:
    """Return a persona cell as written, or None when it means every persona."""
    return None if not text or normalise(text) in _EVERYONE else text


@dataclass(frozen=True)
class _Found:
    """The steps a row names, as (persona, step index, step)."""

    steps: tuple[tuple[Persona, int, Step], ...]


def _header(grid: Grid) -> tuple[int, dict[int, str]] | None:
    for row in range(1, min(grid.max_row, _HEADER_ROWS) + 1):
        columns: dict[int, str] = {}
        for column, text in grid.row(row):
            key = _INDEX.get(normalise(split_hint(text)[0]))
            if key is not None and key not in columns.values() and (row, column) not in grid.filled:
                columns[column] = key
        if "text" in columns.values():
            return row, columns
    return None


class _Rows:
    """One sheet's rows checked against the journeys: each name it gives must name something there."""

    def __init__(self, grid: Grid, problems: Problems, personas: Sequence[Persona], stages: Sequence[str]):
        self.grid = grid
        self.problems = problems
        self.personas = personas
        self.stages = stages
        # A persona by its sheet's name too; its own name wins when one persona's is another's sheet.
        self.by_name = {normalise(p.sheet): p for p in personas} | {normalise(p.name): p for p in personas}

    def warn(self, message: str, cell: str) -> None:
        self.problems.warning(message, self.grid.sheet, cell)

    def persona(self, text: str, cell: str) -> Persona | None:
        key = normalise(text)
        if not key or key in _EVERYONE:
            return None
        found = self.by_name.get(key)
        if found is None:
            names = ", ".join(p.name for p in self.personas[:6])
            self.warn(
                f'persona "{text[:60]}" is no persona of the workbook ({names}); write a persona\'s name '
                "or sheet name, or leave the cell blank (or All) for every persona",
                cell,
            )
        return found

    def stage(self, text: str, persona: Persona | None, cell: str) -> str | None:
        own = persona.stages if persona is not None else self.stages
        found = next((s for s in own if normalise(s) == normalise(text)), None)
        if found is None:
            whose = f"{persona.name}'s journey" if persona is not None else "no persona's journey"
            self.warn(
                f'stage "{text[:60]}" is not in {whose}; write a stage of the persona sheets ('
                f"{', '.join(own[:8])}), or leave the cell blank",
                cell,
            )
        return found

    def scope(self, persona: Persona | None, stage: str | None) -> list[tuple[Persona, int, Step]]:
        return self._scope(persona.sheet if persona is not None else None, stage)

    @cache  # noqa: B019 -- one sheet's rows, dropped with them; a thousand rows ask the same few scopes
    def _scope(self, sheet: str | None, stage: str | None) -> list[tuple[Persona, int, Step]]:
        chosen = [p for p in self.personas if sheet is None or p.sheet == sheet]
        return [
            (p, index, step)
            for p in chosen
            for index, step in enumerate(p.steps)
            if stage is None or step.stage == stage
        ]

    @cache  # noqa: B019 -- as above: each text is folded once, not once per row
    def key(self, text: str) -> str:
        return normalise(text)

    def step(self, text: str, persona: Persona | None, stage: str | None, cell: str) -> _Found | None:
        steps = self.scope(persona, stage)
        if text.isdigit():
            if persona is None and len(self.personas) > 1:
                self.warn(
                    f"step {text} is a step's number, which says nothing without a persona; fill in the "
                    "Persona column, or write the step's words",
                    cell,
                )
                return None
            # The number counts in the persona's whole journey, as the rows of its sheet do.
            journey, number = self.scope(persona, None), int(text)
            found = [journey[number - 1]] if 1 <= number <= len(journey) else []
            found = [s for s in found if stage is None or s[2].stage == stage]
        else:
            key = self.key(text)
            found = [s for s in steps if key and self.key(s[2].action or "") == key]
            found = found or [s for s in steps if key and self.key(s[2].action or "").startswith(key)]
        if not found:
            where = f" of {persona.name}" if persona is not None else ""
            where += f" in {stage}" if stage is not None else ""
            self.warn(
                f'step "{text[:60]}" names no step{where}; write the start of the step\'s words (its Step '
                "cell) or its number in the persona's journey (1 for the first), or leave the cell blank",
                cell,
            )
            return None
        return _Found(tuple(found))

    def pain_point(self, text: str, steps: Sequence[tuple[Persona, int, Step]], cell: str) -> str | None:
        key = normalise(strip_reference(text))
        for _, _, step in steps:
            for pain in step.pain_points:
                if key and self.key(pain).startswith(key):
                    return pain
        self.warn(
            f'pain point "{text[:60]}" is no pain point of the steps this row names; write the start of '
            "the pain point's words as the persona sheet has them, or leave the cell blank",
            cell,
        )
        return None

    def read(self, row: int, columns: dict[int, str]) -> Opportunity | None:
        values = {key: tidy_text(self.grid.get(row, c)) for c, key in columns.items()}
        cells = {key: cell_name(row, c) for c, key in columns.items()}
        text = values.get("text", "")
        if not text:
            if any(values.values()):
                self.warn(
                    "this row has no opportunity, so it is not read; write what to do in the "
                    "Opportunity column",
                    cells["text"],
                )
            return None
        persona = self.persona(values["persona"], cells["persona"]) if values.get("persona") else None
        stage = self.stage(values["stage"], persona, cells["stage"]) if values.get("stage") else None
        named = self.step(values["step"], persona, stage, cells["step"]) if values.get("step") else None
        steps = list(named.steps) if named is not None else self.scope(persona, stage)
        pain = self.pain_point(values["pain_point"], steps, cells["pain_point"]) if values.get(
            "pain_point") else None  # fmt: skip
        priority = values.get("priority") or None
        effort = values.get("effort") or None
        level = priority_level(priority) if priority else None
        if priority and level is None:
            self.warn(f'priority "{priority[:40]}" is no priority mapgen knows; write {PRIORITY_WORDS}',
                      cells["priority"])  # fmt: skip
        size = effort_level(effort) if effort else None
        if effort and size is None:
            self.warn(
                f'effort "{effort[:40]}" is no effort mapgen knows; write {EFFORT_WORDS}', cells["effort"]
            )
        key = normalise(strip_reference(text))
        matches = tuple(
            OpportunityRef(p.name, index, item)
            for p, index, step in steps
            for item, written in enumerate(step.opportunities)
            if self.key(written) == key
        )
        return Opportunity(
            text=strip_reference(text),
            persona=persona.name if persona is not None else _unless_everyone(values.get("persona", "")),
            stage=stage or values.get("stage") or None,
            step=(named.steps[0][2].action if named is not None else values.get("step")) or None,
            pain_point=pain or values.get("pain_point") or None,
            owner=values.get("owner") or None,
            priority=level,
            priority_raw=priority,
            effort=size,
            effort_raw=effort,
            impact=values.get("impact") or None,
            due=values.get("due") or None,
            status=values.get("status") or None,
            kpi=values.get("kpi") or None,
            matches=matches,
            sheet=self.grid.sheet,
            cell=cells["text"],
        )


def read_opportunities(
    grid: Grid, problems: Problems, personas: Sequence[Persona], stages: Sequence[str], room: int
) -> list[Opportunity]:
    """Return an Opportunities sheet's rows, each name checked against the personas; warn at the cell.

    room is how many more rows the workbook's limit allows; rows past it are an error, once.
    """
    found = _header(grid)
    if found is None:
        problems.warning(
            f"the opportunities sheet has no Opportunity column in its first {_HEADER_ROWS} rows, so it is "
            "not read; add a header row with Opportunity and any of Persona, Stage, Step, Pain point, "
            "Owner, Priority, Effort, Due, Status, KPI",
            grid.sheet,
        )
        return []
    header_row, columns = found
    rows = _Rows(grid, problems, personas, stages)
    read: list[Opportunity] = []
    for row in range(header_row + 1, grid.max_row + 1):
        opportunity = rows.read(row, columns)
        if opportunity is None:
            continue
        if len(read) == room:
            problems.error(
                f"the workbook has more than {MAX_OPPORTUNITIES:,} opportunities, mapgen's limit (an action "
                "plan of more is a backlog, not a deliverable); keep the ones the client decides on",
                grid.sheet,
                opportunity.cell,
            )
            break
        read.append(opportunity)
    return read
