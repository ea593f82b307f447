"""Read the theme's colours, choosing "auto" text colours, and check the contrast of every text pair.

A client theme that sets only its primary colour does not get the default theme's stage palette
and blue curve, made for another brand: brand_palette derives both from the primary (one rule).
"""

from __future__ import annotations

import math
from typing import Any

from mapgen import colors
from mapgen.themes.finding import builtin_theme_dir
from mapgen.themes.keys import field_names
from mapgen.themes.problems import Problems, describe
from mapgen.themes.schema import Colours, Theme
from mapgen.themes.values import MISSING, Invalid, Reader

_MIN_PALETTE = 6


def _colour(value: Any) -> str:
    try:
        return colors.parse_color(value)
    except ValueError as error:
        raise Invalid(str(error)) from None


def _colour_or_auto(value: Any) -> str:
    if isinstance(value, str) and value.strip().lower() == "auto":
        return "auto"
    return _colour(value)


class _Items(list[tuple[int, str]]):
    """Bad items of a list, as (index, message), so each gets its own problem."""


def _colour_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise Invalid(f"must be a list of colours, got {describe(value)}")
    out = []
    bad = _Items()
    for i, item in enumerate(value):
        try:
            out.append(colors.parse_color(item))
        except ValueError as error:
            bad.append((i, str(error)))
    if bad:
        raise _InvalidItems(bad)
    return tuple(out)


class _InvalidItems(Invalid):
    def __init__(self, items: _Items) -> None:
        super().__init__("; ".join(f"item {i + 1}: {m}" for i, m in items))
        self.items = items


_COLOUR_KEYS = [f for f in field_names(Colours) if f not in ("stages", "on_stage", "series")]
_AUTO_KEYS = {"on_primary": "primary", "on_accent": "accent", "on_header": "header"}
_OWN_AUTO_KEYS = ("curve",)  # "auto" with a rule of its own (see read_colours)


def read_colours(r: Reader, minimum: float) -> Colours:
    """Return the theme's colours, each "auto" text colour chosen for contrast of at least minimum."""
    values: dict[str, Any] = {}
    for key in _COLOUR_KEYS:
        convert = _colour_or_auto if key in _AUTO_KEYS or key in _OWN_AUTO_KEYS else _colour
        values[key] = r.get(f"colours.{key}", convert, "#000000")
    for key in ("stages", "series"):
        palette = _read_palette(r, f"colours.{key}")
        values[key] = palette
    derived = _brand_without_palette(r)
    if derived:
        values["stages"], curve = brand_palette(values["primary"], values["background"])
    else:
        curve = values["primary"]  # the built-in themes' curve: their primary
    if values["curve"] == "auto":
        values["curve"] = curve
    candidates = (values["text"], values["background"], "#ffffff", "#000000")
    for key, background in _AUTO_KEYS.items():
        if values[key] == "auto":
            values[key] = colors.best_on(values[background], candidates, minimum)
    values["on_stage"] = _read_on_stage(r, values["stages"], candidates, minimum)
    return Colours(**values)


def _brand_without_palette(r: Reader) -> bool:
    """Return True when a theme sets its own primary colour but inherits the default's stage palette."""
    default = (builtin_theme_dir() / "default.toml").resolve()
    provenance = r.problems.provenance

    def from_default(key: str) -> bool:
        path = provenance.get(key)
        return path is None or path.resolve() == default

    return not from_default("colours.primary") and from_default("colours.stages")


# The stage palette derived from a primary: seven lightness levels in OKLab, from dark enough for
# white text to light enough for dark text, each neighbour far from the last (also for viewers
# with red-green colour blindness, who still see lightness), the hue turning a little either side
# of the brand's (an analogous ramp) so that stages of the same lightness still differ.
_RAMP_LIGHTNESS = (0.36, 0.90)
_RAMP_HUE_TURNS = (0.0, -18.0, 18.0, -30.0, 30.0, -9.0, 9.0)
MIN_LIGHTNESS_STEP = 0.12  # between neighbouring stages, in OKLab lightness, with any vision
_CURVE_LIGHTNESS = 0.38  # the curve: a deep tone of the brand, read as a line, not as an alarm


def brand_palette(primary: str, background: str) -> tuple[tuple[str, ...], str]:
    """Return the stage palette and the curve colour derived from a brand's primary colour.

    The first stage is the primary itself; the rest alternate dark and light around it, farthest
    first. The curve is the primary's hue, deep enough for 4.5:1 against the background.
    """
    lightness, chroma, hue = colors.to_oklch(primary)
    low, high = _RAMP_LIGHTNESS
    count = len(_RAMP_HUE_TURNS)
    levels = [low + (high - low) * i / (count - 1) for i in range(count)]
    levels.pop(min(range(count), key=lambda i: abs(levels[i] - lightness)))
    order = [lightness]
    while levels:
        far = max(levels, key=lambda level: abs(level - order[-1]))
        levels.remove(far)
        order.append(far)
    stages = [primary]
    for level, turn in zip(order[1:], _RAMP_HUE_TURNS[1:], strict=True):
        stages.append(colors.from_oklch(level, chroma, hue + turn))
    curve_lightness = _CURVE_LIGHTNESS
    curve = colors.from_oklch(curve_lightness, chroma * 0.8, hue)
    while colors.contrast_ratio(curve, background) < colors.AA_TEXT and curve_lightness > 0.05:
        curve_lightness -= 0.02
        curve = colors.from_oklch(curve_lightness, chroma * 0.8, hue)
    return tuple(stages), curve


def _read_palette(r: Reader, key: str) -> tuple[str, ...]:
    value = r.raw(key)
    if value is MISSING:
        r.problems.error(key, "missing key (the default theme sets every key: is it damaged?)")
        return ("#000000",) * _MIN_PALETTE
    try:
        palette = _colour_list(value)
    except _InvalidItems as error:
        for i, message in error.items:
            r.problems.error(f"{key}[{i}]", message)
        return ("#000000",) * _MIN_PALETTE
    except Invalid as error:
        r.problems.error(key, str(error))
        return ("#000000",) * _MIN_PALETTE
    if len(palette) < _MIN_PALETTE:
        r.problems.error(
            key,
            f"needs at least {_MIN_PALETTE} colours so that neighbouring stages and personas differ, "
            f"got {len(palette)}",
        )
    if len(set(palette)) < len(palette):
        r.problems.warning(key, "repeats a colour: two stages or personas would look the same")
    return palette or ("#000000",)


def _read_on_stage(
    r: Reader, stages: tuple[str, ...], candidates: tuple[str, ...], minimum: float
) -> tuple[str, ...]:
    key = "colours.on_stage"
    value = r.raw(key)
    if value is MISSING:
        r.problems.error(key, "missing key (the default theme sets every key: is it damaged?)")
        return tuple("#000000" for _ in stages)
    if isinstance(value, list):
        try:
            listed = _colour_list(value)
        except _InvalidItems as error:
            for i, message in error.items:
                r.problems.error(f"{key}[{i}]", message)
            return tuple("#000000" for _ in stages)
        if len(listed) not in (1, len(stages)):
            r.problems.error(
                key,
                f"has {len(listed)} colours but colours.stages has {len(stages)}: give one colour, "
                'one per stage, or "auto"',
            )
            return tuple("#000000" for _ in stages)
        return listed if len(listed) == len(stages) else listed * len(stages)
    try:
        single = _colour_or_auto(value)
    except Invalid as error:
        r.problems.error(key, f'{error}, a list of colours, or "auto"')
        return tuple("#000000" for _ in stages)
    if single == "auto":
        return tuple(colors.best_on(fill, candidates, minimum) for fill in stages)
    return tuple(single for _ in stages)


def _format_ratio(ratio: float, threshold: float) -> str:
    shown = f"{ratio:.2f}"
    if float(shown) >= threshold > ratio:  # never show 4.50 for a ratio that fails 4.5
        shown = f"{math.floor(ratio * 1000) / 1000:.3f}"
    return f"{shown}:1"


def check_contrast(theme: Theme, problems: Problems) -> None:
    """Report every text pair below the theme's contrast level (and, for AAA, weak graphics)."""
    aaa = theme.contrast == "AAA"
    threshold = colors.AAA_TEXT if aaa else colors.AA_TEXT
    bad = {p.cell.split("[", 1)[0] for p in problems.errors if p.cell}
    for pair in theme.text_pairs():
        if {k.split("[", 1)[0] for k in (pair.foreground_key, pair.background_key)} & bad:
            continue  # a colour that did not parse has been reported already
        ratio = pair.ratio
        if ratio >= threshold:
            continue
        file = problems.file_of(pair.foreground_key, pair.background_key)
        message = (
            f"text {pair.foreground} ({pair.foreground_key}) on {pair.background} ({pair.background_key}) "
            f"has a contrast ratio of {_format_ratio(ratio, threshold)}, below "
        )
        if aaa:
            problems.error(pair.foreground_key, message + 'the 7:1 that contrast = "AAA" requires', file=file)
        else:
            problems.warning(pair.foreground_key, message + "the 4.5:1 of WCAG AA", file=file)
    if aaa:
        # WCAG 1.4.11: graphics that carry meaning need 3:1 against what they sit on.
        c = theme.colours
        for key in ("emotion_negative", "emotion_neutral", "emotion_positive", "pain", "opportunity"):
            value = getattr(c, key)
            ratio = colors.contrast_ratio(value, c.background)
            if ratio < colors.NON_TEXT:
                problems.error(
                    f"colours.{key}",
                    f"{value} on the background {c.background} has a contrast ratio of "
                    f"{_format_ratio(ratio, colors.NON_TEXT)}, below the 3:1 that graphics need "
                    '(WCAG 1.4.11) in a theme with contrast = "AAA"',
                    file=problems.file_of(f"colours.{key}", "colours.background"),
                )
