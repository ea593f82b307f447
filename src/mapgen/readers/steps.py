"""Turn a table's raw steps into model Steps: lists split, scores normalised or inferred."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from mapgen.model import Scale, ScoreSource, Step
from mapgen.readers.actions.references import pair_items
from mapgen.readers.cells import item_numbers, split_emotions, split_lane_list, tidy_text
from mapgen.readers.emotions.feelings import Feeling, read_feelings
from mapgen.readers.emotions.scores import (
    PERCENT,
    Reading,
    guess_scale,
    is_five_point,
    parse_hint,
    read_score,
)
from mapgen.readers.emotions.scores import word_score as score_of_word
from mapgen.readers.headers import LIST_FIELDS, TEXT_FIELDS, Header, normalise
from mapgen.readers.limits import MAX_NAME_CHARS
from mapgen.readers.problems import Problems
from mapgen.readers.table import Field, Table
from mapgen.scores import INFERRED, WORDS

__all__ = ["ScoreScales", "build_steps", "numbers_as_scores", "persona_scale"]


def _score_key(item: Field) -> str:
    return normalise(item.header.text)


def numbers_as_scores(table: Table) -> None:
    """Read an emotions column that holds only numbers or smileys as the score ('Experience: 3')."""
    if any(f.header.field == "score" for f in table.fields):
        return
    emotions = [f for f in table.fields if f.header.field == "emotions"]
    if len(emotions) != 1:
        return
    (column,) = emotions
    readings = [read_score(t) for r in table.records for f, t, _ in r.values if f is column]
    if not any(r.kind in ("number", "percent", "score") for r in readings):
        return
    if not all(r.kind in ("number", "percent", "score", "blank") for r in readings):
        return
    score = replace(column, header=Header(column.header.text, "score", column.header.hint))
    table.fields = [score if f is column else f for f in table.fields]
    for record in table.records:
        record.values = [(score if f is column else f, t, c) for f, t, c in record.values]


@dataclass(frozen=True)
class _Choice:
    scale: Scale | None
    guessed: bool  # from the values, not the header
    certain: bool  # the values reach both ends of the guessed scale
    five_point: bool  # words include "very positive" or "very negative"


class ScoreScales:
    """The scale of every score column, one per header text across the workbook's personas.

    Columns with the same header share their values, so a persona who never scores below zero
    still gets the -5..5 scale their colleagues' sheets show.
    """

    def __init__(self, tables: Iterable[Table]) -> None:
        numbers: dict[str, list[float]] = {}
        readings: dict[str, list[Reading]] = {}
        hints: dict[str, str | None] = {}
        percent: set[str] = set()
        for table in tables:
            for record in table.records:
                for item, text, _ in record.values:
                    if item.header.field != "score":
                        continue
                    key = _score_key(item)
                    hints[key] = item.header.hint
                    reading = read_score(text)
                    readings.setdefault(key, []).append(reading)
                    if reading.kind == "number":
                        numbers.setdefault(key, []).append(reading.value)
                    if reading.kind == "percent" or _names_percent(item.header.hint):
                        percent.add(key)
        self._choices: dict[str, _Choice] = {}
        for key, hint in hints.items():
            five = is_five_point(readings.get(key, ()))
            scale = parse_hint(hint)
            guess = None if scale is not None else guess_scale(numbers.get(key, ()))
            if guess is not None:
                choice = _Choice(guess.scale, True, guess.certain, five)
            else:
                choice = _Choice(scale or (PERCENT if key in percent else None), False, True, five)
            if key in percent and choice.scale == PERCENT:
                # A percentage reads back with its sign: "75%", never a bare 75.
                choice = replace(choice, scale=replace(PERCENT, unit="%"))
            self._choices[key] = choice

    def choice(self, item: Field) -> _Choice:
        """Return the scale chosen for a score column."""
        return self._choices.get(_score_key(item), _Choice(None, False, True, False))


def _names_percent(hint: str | None) -> bool:
    return hint is not None and ("%" in hint or "percent" in hint.casefold())


def persona_scale(table: Table, scales: ScoreScales, steps: Iterable[Step]) -> Scale | None:
    """Return the scale a persona's scores are shown on: its score column's, else words or inferred."""
    columns = [scales.choice(f) for f in table.fields if f.header.field == "score"]
    known = next((c.scale for c in columns if c.scale is not None), None)
    if known is not None:
        return known
    sources = {step.score_source for step in steps if step.score is not None}
    if "column" in sources:
        return WORDS  # words and smileys only: no number to show but -1..+1
    return INFERRED if "inferred" in sources else None


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


class _Builder:
    def __init__(self, sheet: str, scales: ScoreScales, problems: Problems) -> None:
        self.sheet = sheet
        self.scales = scales
        self.problems = problems
        self.guess_reported: set[str] = set()

    def score(self, item: Field, text: str, cell: str) -> float | None:
        choice = self.scales.choice(item)
        reading = read_score(text)
        scale = choice.scale
        if reading.kind == "blank":
            return None
        if reading.kind == "score":
            return score_of_word(reading, choice.five_point)
        if reading.kind == "percent":
            scale = PERCENT
        if reading.kind == "unreadable" or scale is None:
            expected = f"a number from {scale.describe()}" if scale else "a number"
            self.problems.error(
                f'score "{text}" in {item.label} is not a number, a smiley or '
                f"positive/neutral/negative; use {expected}",
                self.sheet,
                cell,
            )
            return None
        if not scale.contains(reading.value):
            self.problems.error(
                f'score "{text}" is outside the scale {scale.describe()} of {item.label}; use a value '
                f"from {scale.describe()}",
                self.sheet,
                cell,
            )
            return None
        if choice.guessed and not choice.certain and item.cell not in self.guess_reported:
            self.guess_reported.add(item.cell)
            name, low, high = item.header.text, _number(scale.low), _number(scale.high)
            self.problems.warning(
                f"the scale of {item.label} is guessed as {scale.describe()} from its values; write it "
                f'in the header, e.g. "{name} ({low} to {high})", to be sure',
                self.sheet,
                item.cell,
            )
        return scale.normalise(reading.value)

    def inferred(self, words: tuple[str, ...], cell: str) -> Feeling:
        """Return what the words infer; one warning for the cell when some word is not understood."""
        feeling = read_feelings(words)
        message = feeling.problem()
        if message is not None:
            self.problems.warning(message, self.sheet, cell)
        return feeling

    def step(self, stage: str, cell: str, values: list[tuple[Field, str, str]], scored: bool) -> Step:
        text: dict[str, str] = {}
        lists: dict[str, list[str]] = {name: [] for name in LIST_FIELDS}
        numbers: dict[str, list[int | None]] = {name: [] for name in LIST_FIELDS}
        opportunities_cell = cell
        emotions: list[str] = []
        emotions_cell = cell
        extra: list[tuple[str, str]] = []
        score: float | None = None
        raw: str | None = None
        for item, value, where in values:
            name = item.header.field
            if name in TEXT_FIELDS:
                text[name] = tidy_text(value)
                if name == "owner" and len(text[name]) > MAX_NAME_CHARS:
                    self.problems.error(
                        f"the owner has {len(text[name]):,} characters, over mapgen's limit of "
                        f"{MAX_NAME_CHARS} for a name (the report gives owners a narrow column); name "
                        "the team or the person, and put the rest in another column",
                        self.sheet,
                        where,
                    )
            elif name in LIST_FIELDS:
                items = split_lane_list(value)
                written = item_numbers(value)
                lists[name].extend(items)
                numbers[name].extend(written if len(written) == len(items) else (None,) * len(items))
                if name == "opportunities":
                    opportunities_cell = where
            elif name == "emotions":
                emotions.extend(split_emotions(value))
                emotions_cell = where
            elif name == "score":
                raw = value
                score = self.score(item, value, where)
            else:
                extra.append((_unique(item.header.text, extra), tidy_text(value)))
        source: ScoreSource | None = "column" if score is not None else None
        start: float | None = None
        if not scored and emotions:
            # A progression ("sceptical → reassured") swings from start to score within the step.
            feeling = self.inferred(tuple(emotions), emotions_cell)
            score, start = feeling.end, feeling.start
            source = "inferred" if score is not None else None
        paired = pair_items(
            lists["pain_points"],
            numbers["pain_points"],
            lists["opportunities"],
            numbers["opportunities"],
            self.problems,
            self.sheet,
            opportunities_cell,
        )
        return Step(
            stage=stage,
            action=text.get("action"),
            touchpoint=text.get("touchpoint"),
            goal=text.get("goal"),
            thoughts=text.get("thoughts"),
            emotions=tuple(emotions),
            score=score,
            score_start=start,
            score_raw=raw,
            score_source=source,
            pain_points=tuple(lists["pain_points"]),
            opportunities=paired.opportunities,
            pairs=paired.pairs,
            kpis=tuple(lists["kpis"]),
            owner=text.get("owner"),
            evidence=text.get("evidence"),
            extra=tuple(extra),
            cell=cell,
        )


def _unique(key: str, taken: list[tuple[str, str]]) -> str:
    names = {name for name, _ in taken}
    if key not in names:
        return key
    number = 2
    while f"{key} ({number})" in names:
        number += 1
    return f"{key} ({number})"


def build_steps(
    table: Table,
    sheet: str,
    scales: ScoreScales,
    problems: Problems,
    stage_name: dict[str, str],
    *,
    blueprint: bool = False,
) -> tuple[Step, ...]:
    """Return a table's steps; stage_name maps each stage as written to its one spelling.

    A service blueprint need not say how anyone feels: no warning when it has no emotions.
    """
    scored = any(f.header.field == "score" for f in table.fields)
    if not blueprint and not scored and not any(f.header.field == "emotions" for f in table.fields):
        problems.warning(
            "the sheet has neither an emotion score nor an emotions column, so this persona's emotion "
            'curve stays empty; add a column such as "Emotion score (-5 to +5)"',
            sheet,
        )
    builder = _Builder(sheet, scales, problems)
    return tuple(
        builder.step(stage_name.get(r.stage, r.stage), r.cell, r.values, scored) for r in table.records
    )
