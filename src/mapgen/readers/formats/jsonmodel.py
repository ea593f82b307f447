"""The model's own JSON (`mapgen inspect --json`) read back, its shape and values checked first.

Every problem is collected with its JSON path as its place (personas[1].steps[4].score), so a
tool that writes the model hears of all its mistakes at once; none reaches Journeys.from_json,
which trusts its input.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json
import math
import re
from collections.abc import Callable
from typing import Any, get_args

from mapgen.errors import InputError
from mapgen.model import READABLE_VERSIONS, Journeys, PersonaKind, ScaleKind, ScoreSource
from mapgen.readers.formats.text import Text, fail
from mapgen.readers.limits import (
    MAX_CELL_CHARS,
    MAX_JSON_DEPTH,
    MAX_NAME_CHARS,
    MAX_OPPORTUNITIES,
    MAX_PHOTO_BYTES,
    MAX_STAGES,
    MAX_STEPS,
)
from mapgen.readers.problems import Problems
from mapgen.readers.xlsx.photos import _photo, _Unusable

__all__ = ["depth_of", "read_model"]

_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')
_STEP_TEXT = ("action", "touchpoint", "goal", "thoughts", "score_raw", "owner", "evidence")
_OPPORTUNITY_TEXT = (
    "persona", "stage", "step", "pain_point", "owner", "priority_raw", "effort_raw", "impact", "due",
    "status", "kpi", "sheet", "cell",
)  # fmt: skip
_STEP_LISTS = ("emotions", "pain_points", "opportunities", "kpis")
_SCORE_SOURCES = (*get_args(ScoreSource), None)
_PERSONA_KINDS = get_args(PersonaKind)
_SCALE_KINDS = get_args(ScaleKind)
_MAX_PERSONAS = 200  # the reader's own bound is the file size; a deck of more is no deck


def depth_of(content: str) -> int:
    """Return how deeply JSON text nests its arrays and objects, without parsing it."""
    depth = deepest = 0
    for match in _TOKENS.finditer(content):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > MAX_JSON_DEPTH:
                return deepest
        elif token in "]}":
            depth -= 1
    return deepest


class _Check:
    """Type and value checks that record a problem at a JSON path instead of raising."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems

    def error(self, path: str, message: str) -> None:
        self.problems.error(message, None, path)

    def kind(
        self, value: Any, path: str, types: tuple[type, ...], label: str, *, optional: bool = False
    ) -> bool:
        if value is None and optional:
            return True
        # JSON's true and false are no numbers, though Python's bool is an int.
        ok = isinstance(value, types) and not (isinstance(value, bool) and bool not in types)
        if not ok:
            self.error(path, f"must be {label}{' or null' if optional else ''}, not {_json_type(value)}")
        return ok

    def text(self, value: Any, path: str, *, limit: int = MAX_CELL_CHARS, optional: bool = True) -> None:
        fits = self.kind(value, path, (str,), "a string", optional=optional)
        if fits and isinstance(value, str) and len(value) > limit:
            self.error(path, f"holds {len(value):,} characters, over mapgen's limit of {limit:,}; shorten it")

    def strings(self, value: Any, path: str) -> None:
        if self.kind(value, path, (list,), "a list of strings"):
            for index, item in enumerate(value):
                self.text(item, f"{path}[{index}]", optional=False)

    def number(self, value: Any, path: str, low: float, high: float) -> None:
        fits = self.kind(value, path, (int, float), "a number", optional=True)
        if fits and value is not None and (not math.isfinite(value) or not low <= value <= high):
            self.error(path, f"is {value}, outside {low:g} to {high:g}; scores are stored normalised")

    def one_of(self, value: Any, path: str, allowed: tuple[Any, ...]) -> None:
        if value not in allowed:
            shown = ", ".join("null" if a is None else json.dumps(a) for a in allowed)
            self.error(path, f"is {json.dumps(value)[:40]}, not one of {shown}")

    def fields(self, data: Any, path: str, required: tuple[str, ...]) -> bool:
        if not self.kind(data, path or "the file", (dict,), "an object"):
            return False
        for name in required:
            if name not in data:
                self.error(f"{path}.{name}" if path else name, "is missing")
        return True


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "true/false", int: "a number", float: "a number", str: "a string", list: "a list"}.get(
        type(value), "an object"
    )


def _check_step(check: _Check, step: Any, path: str, stages: set[str] | None) -> None:
    if not check.fields(step, path, ("stage",)):
        return
    check.text(step.get("stage"), f"{path}.stage", limit=MAX_NAME_CHARS, optional=False)
    if stages is not None and isinstance(step.get("stage"), str) and step["stage"] not in stages:
        check.error(f"{path}.stage", f'stage "{step["stage"][:40]}" is not one of the persona\'s stages')
    for name in _STEP_TEXT:
        check.text(step.get(name), f"{path}.{name}")
    for name in _STEP_LISTS:
        if name in step:
            check.strings(step[name], f"{path}.{name}")
    check.number(step.get("score"), f"{path}.score", -1, 1)
    check.number(step.get("score_start"), f"{path}.score_start", -1, 1)
    check.one_of(step.get("score_source"), f"{path}.score_source", _SCORE_SOURCES)
    extra = step.get("extra", {})
    if check.kind(extra, f"{path}.extra", (dict,), "an object of strings"):
        for key, value in extra.items():
            check.text(key, f"{path}.extra", limit=MAX_NAME_CHARS, optional=False)
            check.text(value, f"{path}.extra.{key[:40]}", optional=False)
    check.text(step.get("cell", ""), f"{path}.cell", limit=MAX_NAME_CHARS, optional=False)
    pairs = step.get("pairs", [])
    if check.kind(pairs, f"{path}.pairs", (list,), "a list of [pain point, opportunity] indexes"):
        for index, pair in enumerate(pairs):
            if not (isinstance(pair, list) and len(pair) == 2 and all(type(i) is int for i in pair)):
                check.error(f"{path}.pairs[{index}]", "is not [pain point index, opportunity index]")


def _check_opportunity(check: _Check, item: Any, path: str) -> None:
    if not check.fields(item, path, ("text",)):
        return
    if "text" in item:
        check.text(item["text"], f"{path}.text", optional=False)
    for key in _OPPORTUNITY_TEXT:
        check.text(item.get(key), f"{path}.{key}")
    for key in ("priority", "effort"):
        check.one_of(item.get(key), f"{path}.{key}", (None, "high", "medium", "low"))
    matches = item.get("matches", [])
    if check.kind(matches, f"{path}.matches", (list,), "a list"):
        for index, match in enumerate(matches):
            if check.fields(match, f"{path}.matches[{index}]", ("persona", "step", "item")):
                for key in ("step", "item"):
                    value = match.get(key)
                    if type(value) is not int or value < 0:
                        check.error(
                            f"{path}.matches[{index}].{key}", "must be an index: a whole number from 0"
                        )


def _check_photo(check: _Check, photo: Any, path: str, decoded: dict[str, Any]) -> None:
    if photo is None or not check.fields(photo, path, ("format", "data")):
        return
    data = photo.get("data")
    if not check.kind(data, f"{path}.data", (str,), "a base64 string"):
        return
    # As a workbook's photo: one that cannot be used is a warning, and the persona has none.
    unusable = "; the persona is shown without a photo"
    if len(data) > MAX_PHOTO_BYTES * 4 // 3 + 4:
        size = MAX_PHOTO_BYTES // (1024 * 1024)
        check.problems.warning(f"the photo is over {size} MB; use a smaller one{unusable}", None, path)
        return
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        check.problems.warning(f"the photo's data is not base64{unusable}", None, path)
        return
    try:
        decoded[path] = _photo(raw, "the photo")
    except _Unusable as error:
        check.problems.warning(f"{error}{unusable}", None, path)


def _check_persona(
    check: _Check, persona: Any, path: str, journey: set[str], decoded: dict[str, Any]
) -> None:
    if not check.fields(persona, path, ("name", "sheet", "steps")):
        return
    check.text(persona.get("name"), f"{path}.name", limit=MAX_NAME_CHARS, optional=False)
    check.text(persona.get("sheet"), f"{path}.sheet", limit=MAX_NAME_CHARS, optional=False)
    check.one_of(persona.get("kind", "persona"), f"{path}.kind", _PERSONA_KINDS)
    profile = persona.get("profile", {})
    if check.kind(profile, f"{path}.profile", (dict,), "an object"):
        for key, value in profile.items():
            where = f"{path}.profile.{key[:40]}"
            check.text(key, f"{path}.profile", limit=MAX_NAME_CHARS, optional=False)
            if isinstance(value, list):
                check.strings(value, where)
            else:
                check.text(value, where, optional=False)
    _check_photo(check, persona.get("photo"), f"{path}.photo", decoded)
    scale = persona.get("scale")
    if scale is not None and check.fields(scale, f"{path}.scale", ("low", "high")):
        low, high = scale.get("low"), scale.get("high")
        fine = check.kind(low, f"{path}.scale.low", (int, float), "a number")
        fine = check.kind(high, f"{path}.scale.high", (int, float), "a number") and fine
        if fine and not (math.isfinite(low) and math.isfinite(high) and low < high):
            check.error(f"{path}.scale", f"low ({low}) must be below high ({high})")
        check.one_of(scale.get("kind", "numbers"), f"{path}.scale.kind", _SCALE_KINDS)
        check.text(scale.get("unit", ""), f"{path}.scale.unit", limit=10, optional=False)
    own = persona.get("stages")
    stages: set[str] | None = journey or None
    if own is not None and check.kind(own, f"{path}.stages", (list,), "a list of strings"):
        for index, name in enumerate(own):
            check.text(name, f"{path}.stages[{index}]", limit=MAX_NAME_CHARS, optional=False)
        stages = {s for s in own if isinstance(s, str)}
    steps = persona.get("steps")
    if check.kind(steps, f"{path}.steps", (list,), "a list"):
        if len(steps) > MAX_STEPS:
            check.error(
                f"{path}.steps", f"has {len(steps):,} steps, over mapgen's limit of {MAX_STEPS} a persona"
            )
            return
        for index, step in enumerate(steps):
            _check_step(check, step, f"{path}.steps[{index}]", stages)


def _check(check: _Check, data: Any, decoded: dict[str, Any]) -> None:
    if not check.fields(data, "", ("schema_version", "personas")):
        return
    if data.get("schema_version") not in READABLE_VERSIONS:
        readable = ", ".join(str(v) for v in READABLE_VERSIONS)
        check.error(
            "schema_version",
            f"is {json.dumps(data.get('schema_version'))[:20]}; this mapgen reads {readable}",
        )
        return
    check.text(data.get("source", ""), "source", limit=MAX_NAME_CHARS * 3, optional=False)
    project = data.get("project", {})
    if check.kind(project, "project", (dict,), "an object"):
        for key, value in project.items():
            check.text(value, f"project.{key[:40]}")
    names: set[str] = set()
    stages = data.get("stages", [])
    if check.kind(stages, "stages", (list,), "a list"):
        if len(stages) > MAX_STAGES:
            check.error("stages", f"has {len(stages)} stages, over mapgen's limit of {MAX_STAGES}")
        for index, stage in enumerate(stages[: MAX_STAGES + 1]):
            if check.fields(stage, f"stages[{index}]", ("name",)):
                check.text(stage.get("name"), f"stages[{index}].name", limit=MAX_NAME_CHARS, optional=False)
                check.text(stage.get("description"), f"stages[{index}].description")
                if isinstance(stage.get("name"), str):
                    names.add(stage["name"])
    personas = data.get("personas")
    if check.kind(personas, "personas", (list,), "a list"):
        if len(personas) > _MAX_PERSONAS:
            check.error("personas", f"has {len(personas)} personas, over mapgen's limit of {_MAX_PERSONAS}")
            return
        for index, persona in enumerate(personas):
            _check_persona(check, persona, f"personas[{index}]", names, decoded)
    for name, label in (("skipped_sheets", ("sheet", "reason")), ("metrics", ("stage", "name", "text"))):
        items = data.get(name, [])
        if check.kind(items, name, (list,), "a list"):
            for index, item in enumerate(items):
                if check.fields(item, f"{name}[{index}]", label):
                    for key in label:
                        check.text(item.get(key), f"{name}[{index}].{key}", optional=False)
    opportunities = data.get("opportunities", [])
    if check.kind(opportunities, "opportunities", (list,), "a list"):
        for index, item in enumerate(opportunities[: MAX_OPPORTUNITIES + 1]):
            _check_opportunity(check, item, f"opportunities[{index}]")
        if len(opportunities) > MAX_OPPORTUNITIES:
            check.error(
                "opportunities", f"has {len(opportunities)}, over mapgen's limit of {MAX_OPPORTUNITIES}"
            )
    problems = data.get("problems", [])
    if check.kind(problems, "problems", (list,), "a list"):
        for index, item in enumerate(problems):
            if check.fields(item, f"problems[{index}]", ("severity", "message")):
                check.one_of(item.get("severity"), f"problems[{index}].severity", ("error", "warning"))
                check.text(item.get("message"), f"problems[{index}].message", optional=False)


def _complete(data: dict[str, Any], source: str) -> dict[str, Any]:
    """Return the model with the parts a tool may leave out filled in as empty."""
    filled = dict(data)
    # The file read is the source: deliverables and messages are named after it, as for any input.
    filled["source"] = source
    for name, empty in (("project", {}), ("stages", []), ("skipped_sheets", []), ("problems", [])):
        filled.setdefault(name, empty)
    # Photos are decoded and checked apart, with a workbook photo's bounds.
    filled["personas"] = [
        {
            "profile": {},
            **persona,
            "photo": None,
            "steps": [{"extra": {}, **step} for step in persona["steps"]],
        }
        for persona in data["personas"]
    ]
    return filled


def read_model(text: Text, loads: Callable[[str], Any] = json.loads) -> Journeys:
    """Read the JSON model; raise InputError naming every problem at its JSON path."""
    if depth_of(text.content) > MAX_JSON_DEPTH:
        raise fail(
            text.path,
            f"the JSON nests deeper than {MAX_JSON_DEPTH} levels, which the journey model never does; "
            "write the model as `mapgen inspect --json` prints it",
        )
    try:
        data = loads(text.content)
    except (ValueError, RecursionError) as error:
        raise fail(
            text.path, f"the file is not valid JSON ({error}); check it with a JSON validator"
        ) from None
    problems = Problems(text.name)
    decoded: dict[str, Any] = {}
    _check(_Check(problems), data, decoded)
    errors = [p for p in problems.all() if p.is_error]
    if errors:
        raise InputError(
            f"{text.name} is not a journey model mapgen can read: {len(errors)} problem(s); "
            "the README's inspect --json section describes the model",
            problems.all(),
        )
    try:
        journeys = Journeys.from_json(_complete(data, text.path.name))
    except (KeyError, TypeError, ValueError, AttributeError) as error:  # a shape the checks missed
        raise fail(text.path, f"the journey model cannot be read ({type(error).__name__}: {error})") from None
    personas = tuple(
        dataclasses.replace(persona, photo=decoded.get(f"personas[{index}].photo"))
        for index, persona in enumerate(journeys.personas)
    )
    return dataclasses.replace(journeys, personas=personas, problems=(*journeys.problems, *problems.all()))
