"""One rule for writing a score: on the client's own scale, in one format per scale.

Scores are stored on [-1, 1] (mapgen.model.Step.score); every deliverable shows them back on the
persona's scale: -5..+5 as "+2" and "−4", 1..5 as "4" and "3.5", percentages as "75%". Scores
inferred from emotion words, or read from words and smileys, are shown on -1..+1 and say so.
This module imports only the model, so readers, layout and painters can all use it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from mapgen.model import Persona, Scale, Step

__all__ = [
    "INFERRED",
    "RELATIVE",
    "WORDS",
    "ScaleLabels",
    "axis_step",
    "chart_format",
    "chart_value",
    "converted",
    "is_inferred",
    "scale_of",
    "scale_text",
    "scales_text",
    "score_text",
    "shared_scale",
    "to_scale",
]

MINUS = "\u2212"  # a true minus sign: as wide as the plus, never broken from its number
# The display scales of scores the client gave no number for.
INFERRED = Scale(-1.0, 1.0, "inferred")
WORDS = Scale(-1.0, 1.0, "words")
# A model saved before scales were kept (schema version 1): the stored numbers, as they are.
RELATIVE = Scale(-1.0, 1.0)


class ScaleLabels(Protocol):
    """The theme's words a scale is written with (mapgen.themes.Labels has them all)."""

    @property
    def scale_to(self) -> str: ...

    @property
    def negative(self) -> str: ...

    @property
    def positive(self) -> str: ...

    @property
    def inferred(self) -> str: ...

    @property
    def inferred_short(self) -> str: ...

    @property
    def decimal_mark(self) -> str: ...


class _English:
    scale_to = "to"
    negative = "negative"
    positive = "positive"
    inferred = "inferred from emotion words"
    inferred_short = "inferred"
    decimal_mark = "."


def scale_of(persona: Persona) -> Scale:
    """Return the scale a persona's scores are shown on, also for a model saved without one."""
    if persona.scale is not None:
        return persona.scale
    if any(step.score_source == "inferred" for step in persona.steps):
        return INFERRED
    return RELATIVE


def is_inferred(scale: Scale) -> bool:
    """Return True when the scores on this scale were inferred from emotion words."""
    return scale.kind == "inferred"


def shared_scale(personas: Iterable[Persona]) -> Scale:
    """Return the scale to compare personas on: the client's scale most of them use.

    A persona on another scale is converted to it (the conversion is linear, so the curves keep
    their shape); only when no persona has numbers does the chart fall back to -1..+1.
    """
    scales = [scale_of(p) for p in personas if any(s.score is not None for s in p.steps)]
    numbers = Counter(s for s in scales if s.kind == "numbers")
    if numbers:
        most = max(numbers.values())
        return next(s for s in scales if numbers.get(s) == most)
    if not scales:
        return RELATIVE
    # Only words and inferred scores: both lie on -1..+1; it says "inferred" only when all are.
    return scales[0] if all(s == scales[0] for s in scales) else WORDS


def converted(personas: Iterable[Persona], scale: Scale) -> list[tuple[Scale, list[str]]]:
    """Return the personas with scores on another scale than the shared one: (their scale, names)."""
    others: dict[Scale, list[str]] = {}
    for persona in personas:
        own = scale_of(persona)
        if own != scale and any(step.score is not None for step in persona.steps):
            others.setdefault(own, []).append(persona.name)
    return list(others.items())


def scales_text(personas: Iterable[Persona], labels: ScaleLabels | None = None) -> str:
    """Return the scale personas share, then each other one with its personas: "−5 to +5; Ben: 1 to 5"."""
    personas = list(personas)
    scale = shared_scale(personas)
    parts = [scale_text(scale, labels)]
    parts += [f"{', '.join(names)}: {scale_text(own, labels)}" for own, names in converted(personas, scale)]
    return "; ".join(parts)


def to_scale(score: float, scale: Scale) -> float:
    """Return the client's number for a score stored on [-1, 1]."""
    return round(scale.low + (score + 1) / 2 * (scale.high - scale.low), 6)


def chart_value(score: float | None, scale: Scale) -> float | None:
    """Return a score as a chart holds it: the client's number, rounded as score_text writes it."""
    if score is None:
        return None  # a gap in the line, never a zero
    return float(_rounded(to_scale(score, scale), scale))


def _decimals(scale: Scale) -> int:
    """Return the decimals a scale's scores are written with: enough to tell averages apart."""
    span = scale.high - scale.low
    return 2 if span <= 2 else 1 if span <= 20 else 0


def _signed(scale: Scale) -> bool:
    """Return True for a scale around zero, whose scores carry their sign: "+2", "−4"."""
    return scale.low < 0 < scale.high


def _rounded(value: float, scale: Scale) -> Decimal:
    # Halves round away from zero, as people round (Python's round() would make 2.25 "2.2").
    places = Decimal(1).scaleb(-_decimals(scale))
    return Decimal(repr(value)).quantize(places, rounding=ROUND_HALF_UP)


def _number(value: float, scale: Scale, mark: str = ".") -> str:
    rounded = _rounded(value, scale)
    if rounded == 0:
        return "0" + scale.unit
    digits = f"{abs(rounded):f}"
    if "." in digits:
        digits = digits.rstrip("0").rstrip(".").replace(".", mark)
    sign = MINUS if rounded < 0 else "+" if _signed(scale) else ""
    return sign + digits + scale.unit


def score_text(
    score: Step | float | None,
    scale: Scale,
    *,
    none: str = "",
    labels: ScaleLabels | None = None,
    mark: str | None = None,
) -> str:
    """Return a score (a step's, or a value on [-1, 1]) on the client's scale: "+2", "3.5", "75%".

    A step without a score, or None, gives `none` (the theme's "no score"). With the theme's
    labels, an inferred score says so: "+0.4, inferred"; without, the caller says it once nearby.
    The decimal mark is the theme's ("3,5" in German): mark, else the labels', else a point.
    """
    value = score.score if isinstance(score, Step) else score
    if value is None:
        return none
    decimal = mark or (labels.decimal_mark if labels is not None else ".")
    text = _number(to_scale(value, scale), scale, decimal)
    return f"{text}, {labels.inferred_short}" if labels is not None and is_inferred(scale) else text


def scale_text(scale: Scale, labels: ScaleLabels | None = None) -> str:
    """Return the scale in the theme's words: "−5 to +5", "1 to 5", "−1 to +1, inferred from ..."."""
    words = labels or _English()
    low, high = _number(scale.low, scale, words.decimal_mark), _number(scale.high, scale, words.decimal_mark)
    if scale.kind == "words":
        return f"{low} ({words.negative}) {words.scale_to} {high} ({words.positive})"
    text = f"{low} {words.scale_to} {high}"
    return f"{text}, {words.inferred}" if is_inferred(scale) else text


def axis_step(scale: Scale) -> float:
    """Return the gap between a chart's gridlines on the scale: whole numbers, at most ten of them."""
    span = scale.high - scale.low
    for step in (0.5,) if span < 4 else (1, 2, 5, 10, 20, 25, 50, 100):
        if span / step <= 10 and float(span / step).is_integer():
            return float(step)
    return span / 4


def chart_format(scale: Scale) -> str:
    """Return the Excel number format of a chart's value axis on the scale, as score_text writes it."""
    # Halves without a trailing ".0" on the whole numbers: "+0.5" and "+1", as score_text writes them.
    digits = "0" if axis_step(scale).is_integer() else "General"
    unit = f'"{scale.unit}"' if scale.unit else ""
    if _signed(scale):
        return f'+{digits}{unit};"{MINUS}"{digits}{unit};0{unit}'
    return digits + unit
