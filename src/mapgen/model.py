"""The journey model: immutable data shared by readers, layout and renderers.

This module imports nothing else of mapgen, so every other module may depend on it.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = 3
# Version 1 had no persona scale; version 2 no persona stages, kinds, swings or stage metrics.
# Both are still read: a persona's stages are then those its steps name, in the journey's order.
READABLE_VERSIONS = (1, 2, 3)

# A note says what a deliverable did by design (a one-page map summarises): never a fault.
Severity = Literal["error", "warning", "note"]
ScoreSource = Literal["column", "inferred"]
ScaleKind = Literal["numbers", "words", "inferred"]
# A persona's journey, or a service blueprint: a process drawn as a journey, with no profile.
PersonaKind = Literal["persona", "blueprint"]
ProfileValue = str | tuple[str, ...]

# The profile keys every persona may have, in the order the deliverables show them.
PROFILE_KEYS = (
    "role",
    "age",
    "location",
    "quote",
    "bio",
    "goals",
    "motivations",
    "frustrations",
    "behaviours",
    "channels",
)
# Profile keys that hold lists rather than one line of text.
PROFILE_LIST_KEYS = frozenset({"goals", "motivations", "frustrations", "behaviours", "channels"})


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as precisely as it can be."""

    severity: Severity
    message: str
    file: str | None = None
    sheet: str | None = None
    cell: str | None = None

    @property
    def is_error(self) -> bool:
        """Return True when the problem stops a build."""
        return self.severity == "error"

    @property
    def is_warning(self) -> bool:
        """Return True when the problem is worth fixing (and fails a --strict build)."""
        return self.severity == "warning"

    def location(self) -> str:
        """Return 'file:sheet!cell', leaving out the parts that are unknown."""
        where = self.file or ""
        if self.sheet:
            where += (":" if where else "") + self.sheet
            if self.cell:
                where += "!" + self.cell
        elif self.cell:
            where += (":" if where else "") + self.cell
        return where

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.severity}: {self.message}" if where else f"{self.severity}: {self.message}"


@dataclass(frozen=True)
class Project:
    """The deliverable's front matter, from the workbook's Project sheet."""

    title: str | None = None
    client: str | None = None
    prepared_by: str | None = None
    date: str | None = None
    version: str | None = None
    confidentiality: str | None = None
    description: str | None = None
    theme: str | None = None


@dataclass(frozen=True)
class Stage:
    """One stage of the journey, in journey order."""

    name: str
    description: str | None = None


@dataclass(frozen=True)
class Photo:
    """A persona's picture as encoded image bytes."""

    data: bytes
    format: str  # Pillow's lower-case format name: "png", "jpeg", ...


@dataclass(frozen=True)
class Scale:
    """A score scale from low to high; scores are stored on [-1, 1] and shown back on it.

    kind says what the client wrote: "numbers" on this scale, "words" (positive/negative or
    smileys, shown on -1..1), or nothing at all, the scores "inferred" from the emotion words.
    """

    low: float
    high: float
    kind: ScaleKind = "numbers"
    unit: str = ""  # "%" for percentages

    def contains(self, value: float) -> bool:
        """Return True when value lies on the scale."""
        return self.low <= value <= self.high

    def normalise(self, value: float) -> float:
        """Return value mapped linearly onto [-1, 1]."""
        return round(2 * (value - self.low) / (self.high - self.low) - 1, 6)

    def describe(self) -> str:
        """Return the scale as people type it in a header: '-5 to 5'."""
        return f"{_plain(self.low)} to {_plain(self.high)}"


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@dataclass(frozen=True)
class Step:
    """One step of a persona's journey: a row (row layout) or a column (canvas layout)."""

    stage: str
    action: str | None = None
    touchpoint: str | None = None
    goal: str | None = None
    thoughts: str | None = None
    emotions: tuple[str, ...] = ()
    score: float | None = None  # normalised to [-1, 1]; for a swing, where the step ends
    score_start: float | None = None  # where a swing starts ("sceptical → reassured"), else None
    score_raw: str | None = None
    score_source: ScoreSource | None = None
    pain_points: tuple[str, ...] = ()
    opportunities: tuple[str, ...] = ()
    kpis: tuple[str, ...] = ()
    owner: str | None = None
    evidence: str | None = None
    extra: tuple[tuple[str, str], ...] = ()  # every other column: (header, text)
    cell: str = ""  # where the step was read from, A1 style
    # (pain point index, opportunity index) the workbook pairs explicitly: "1." in both cells, "(re: ...)".
    pairs: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Persona:
    """A semi-fictional customer type and the steps of their journey."""

    name: str
    sheet: str
    profile: tuple[tuple[str, ProfileValue], ...] = ()
    photo: Photo | None = None
    steps: tuple[Step, ...] = ()
    scale: Scale | None = None  # per persona: sheets may use different scales, or none
    # The persona's own stages, in the journey's order: those its sheet names, with or without steps.
    stages: tuple[str, ...] = ()
    kind: PersonaKind = "persona"

    def get(self, key: str) -> ProfileValue | None:
        """Return the profile value under key, or None."""
        for name, value in self.profile:
            if name == key:
                return value
        return None

    def steps_in(self, stage: str) -> tuple[Step, ...]:
        """Return the persona's steps in one stage, in order."""
        return tuple(step for step in self.steps if step.stage == stage)

    def to_json(self, *, include_photo: bool = False) -> dict[str, Any]:
        """Return the persona as it appears in the model's JSON contract."""
        return _persona_to_json(self, include_photo)


@dataclass(frozen=True)
class Metric:
    """One figure of a stage-level metrics sheet: a stage, what is measured, and its value."""

    stage: str
    name: str  # the column's header: "Conversion", "CSAT (1-5)"
    text: str  # the value as the workbook shows it: "60.7%", "1,250"
    value: float | None = None  # the number behind it, when it is one
    sheet: str = ""
    cell: str = ""


Level = Literal["high", "medium", "low"]


@dataclass(frozen=True)
class OpportunityRef:
    """An opportunity written in a step: the persona's name, the step's index, the item's index."""

    persona: str
    step: int
    item: int


@dataclass(frozen=True)
class Opportunity:
    """One row of the Opportunities sheet: an action, what it answers, and who does it by when.

    persona and stage None mean every persona and stage; step and pain_point are the step's own
    words when the row names one that exists, else the row's. matches are the step opportunities
    with the same wording, which this row enriches rather than repeats.
    """

    text: str
    persona: str | None = None
    stage: str | None = None
    step: str | None = None
    pain_point: str | None = None
    owner: str | None = None
    priority: Level | None = None  # normalised from priority_raw ("P1", "Must", "High")
    priority_raw: str | None = None
    effort: Level | None = None  # normalised from effort_raw ("S", "Large")
    effort_raw: str | None = None
    impact: str | None = None
    due: str | None = None  # ISO when the cell is a date
    status: str | None = None
    kpi: str | None = None
    matches: tuple[OpportunityRef, ...] = ()
    sheet: str = ""
    cell: str = ""


@dataclass(frozen=True)
class SkippedSheet:
    """A sheet the reader deliberately did not read as a persona, and why."""

    sheet: str
    reason: str


@dataclass(frozen=True)
class Journeys:
    """Everything read from one workbook."""

    source: str
    project: Project = field(default_factory=Project)
    stages: tuple[Stage, ...] = ()
    personas: tuple[Persona, ...] = ()
    skipped_sheets: tuple[SkippedSheet, ...] = ()
    problems: tuple[Problem, ...] = ()
    metrics: tuple[Metric, ...] = ()  # stage-level figures, kept for the data work that follows
    opportunities: tuple[Opportunity, ...] = ()  # the Opportunities sheet's rows, in order

    @property
    def errors(self) -> tuple[Problem, ...]:
        """Return the problems that stop a build."""
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        """Return the problems worth fixing that do not stop a build (no notes)."""
        return tuple(p for p in self.problems if p.is_warning)

    def to_json(self, *, include_photos: bool = False) -> dict[str, Any]:
        """Return the model as the stable JSON contract (schema_version 3)."""
        return {
            "schema_version": SCHEMA_VERSION,
            "source": self.source,
            "project": {name: getattr(self.project, name) for name in _PROJECT_FIELDS},
            "stages": [{"name": s.name, "description": s.description} for s in self.stages],
            "personas": [p.to_json(include_photo=include_photos) for p in self.personas],
            "skipped_sheets": [{"sheet": s.sheet, "reason": s.reason} for s in self.skipped_sheets],
            "metrics": [_metric_to_json(m) for m in self.metrics],
            "opportunities": [_opportunity_to_json(o) for o in self.opportunities],
            "problems": [
                {"severity": p.severity, "sheet": p.sheet, "cell": p.cell, "message": p.message}
                for p in self.problems
            ],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Journeys:
        """Build a model from the JSON contract (version 1, 2 or 3); raise ValueError for another version."""
        version = data.get("schema_version")
        if version not in READABLE_VERSIONS:
            readable = ", ".join(str(v) for v in READABLE_VERSIONS)
            raise ValueError(f"unsupported schema_version {version!r}; this mapgen reads {readable}")
        source = data["source"]
        stages = tuple(Stage(s["name"], s.get("description")) for s in data["stages"])
        order = [s.name for s in stages]
        return cls(
            source=source,
            project=Project(**{name: data["project"].get(name) for name in _PROJECT_FIELDS}),
            stages=stages,
            personas=tuple(_persona_from_json(p, order) for p in data["personas"]),
            skipped_sheets=tuple(SkippedSheet(s["sheet"], s["reason"]) for s in data["skipped_sheets"]),
            metrics=tuple(_metric_from_json(m) for m in data.get("metrics", ())),
            opportunities=tuple(_opportunity_from_json(o) for o in data.get("opportunities", ())),
            problems=tuple(
                Problem(p["severity"], p["message"], file=source, sheet=p.get("sheet"), cell=p.get("cell"))
                for p in data["problems"]
            ),
        )


_PROJECT_FIELDS = tuple(Project.__dataclass_fields__)
_STEP_TEXT_FIELDS = ("action", "touchpoint", "goal", "thoughts")
_STEP_LIST_FIELDS = ("pain_points", "opportunities", "kpis")


def _persona_to_json(persona: Persona, include_photo: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": persona.name,
        "sheet": persona.sheet,
        "profile": {k: list(v) if isinstance(v, tuple) else v for k, v in persona.profile},
        "has_photo": persona.photo is not None,
    }
    if include_photo and persona.photo is not None:
        out["photo"] = {
            "format": persona.photo.format,
            "data": base64.b64encode(persona.photo.data).decode("ascii"),
        }
    out["kind"] = persona.kind
    out["scale"] = _scale_to_json(persona.scale)
    out["stages"] = list(persona.stages)
    out["steps"] = [_step_to_json(step) for step in persona.steps]
    return out


def _scale_to_json(scale: Scale | None) -> dict[str, Any] | None:
    if scale is None:
        return None
    return {"low": float(scale.low), "high": float(scale.high), "kind": scale.kind, "unit": scale.unit}


def _scale_from_json(data: dict[str, Any] | None) -> Scale | None:
    if data is None:
        return None
    return Scale(data["low"], data["high"], data.get("kind", "numbers"), data.get("unit", ""))


def _step_to_json(step: Step) -> dict[str, Any]:
    out: dict[str, Any] = {"stage": step.stage}
    out.update({name: getattr(step, name) for name in _STEP_TEXT_FIELDS})
    out["emotions"] = list(step.emotions)
    out["score"] = step.score
    out["score_start"] = step.score_start
    out["score_raw"] = step.score_raw
    out["score_source"] = step.score_source
    out.update({name: list(getattr(step, name)) for name in _STEP_LIST_FIELDS})
    out["owner"] = step.owner
    out["evidence"] = step.evidence
    out["extra"] = dict(step.extra)
    out["cell"] = step.cell
    out["pairs"] = [list(pair) for pair in step.pairs]
    return out


def own_stages(order: list[str], steps: tuple[Step, ...]) -> tuple[str, ...]:
    """Return the stages steps name, in the journey's order, then any the order lacks."""
    named = dict.fromkeys(step.stage for step in steps)
    return tuple([s for s in order if s in named] + [s for s in named if s not in order])


def _persona_from_json(data: dict[str, Any], order: list[str]) -> Persona:
    photo = data.get("photo")
    steps = tuple(_step_from_json(s) for s in data["steps"])
    stages = data.get("stages")
    return Persona(
        name=data["name"],
        sheet=data["sheet"],
        profile=tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in data["profile"].items()),
        photo=Photo(base64.b64decode(photo["data"]), photo["format"]) if photo else None,
        steps=steps,
        scale=_scale_from_json(data.get("scale")),
        stages=tuple(stages) if stages is not None else own_stages(order, steps),
        kind=data.get("kind", "persona"),
    )


def _metric_to_json(metric: Metric) -> dict[str, Any]:
    return {name: getattr(metric, name) for name in Metric.__dataclass_fields__}


def _metric_from_json(data: dict[str, Any]) -> Metric:
    return Metric(**{name: data[name] for name in Metric.__dataclass_fields__ if name in data})


def _step_from_json(data: dict[str, Any]) -> Step:
    return Step(
        stage=data["stage"],
        action=data.get("action"),
        touchpoint=data.get("touchpoint"),
        goal=data.get("goal"),
        thoughts=data.get("thoughts"),
        emotions=tuple(data.get("emotions", ())),
        score=data.get("score"),
        score_start=data.get("score_start"),
        score_raw=data.get("score_raw"),
        score_source=data.get("score_source"),
        pain_points=tuple(data.get("pain_points", ())),
        opportunities=tuple(data.get("opportunities", ())),
        kpis=tuple(data.get("kpis", ())),
        owner=data.get("owner"),
        evidence=data.get("evidence"),
        extra=tuple(data.get("extra", {}).items()),
        cell=data.get("cell", ""),
        pairs=tuple((int(pain), int(item)) for pain, item in data.get("pairs", ())),
    )


def _opportunity_to_json(opportunity: Opportunity) -> dict[str, Any]:
    out = {name: getattr(opportunity, name) for name in Opportunity.__dataclass_fields__}
    out["matches"] = [{"persona": m.persona, "step": m.step, "item": m.item} for m in opportunity.matches]
    return out


def _opportunity_from_json(data: dict[str, Any]) -> Opportunity:
    fields = {name: data[name] for name in Opportunity.__dataclass_fields__ if name in data}
    fields["matches"] = tuple(
        OpportunityRef(m["persona"], m["step"], m["item"]) for m in data.get("matches", ())
    )
    return Opportunity(**fields)
