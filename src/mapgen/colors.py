"""Colours as "#rrggbb" strings: parsing, mixing and the WCAG 2.x contrast ratio.

Every colour that leaves this module is normalised to lower-case "#rrggbb", the one form the
three painters accept (matplotlib, python-pptx's RGBColor.from_string without the "#", and
reportlab's HexColor).
"""

from __future__ import annotations

import re

__all__ = [
    "AAA_TEXT",
    "AA_TEXT",
    "NON_TEXT",
    "best_on",
    "contrast_ratio",
    "grey",
    "mix",
    "parse_color",
    "relative_luminance",
    "to_rgb",
    "to_rgb255",
]

AA_TEXT = 4.5  # WCAG 2.x success criterion 1.4.3, normal-size text
AAA_TEXT = 7.0  # WCAG 2.x success criterion 1.4.6, normal-size text
NON_TEXT = 3.0  # WCAG 2.1 success criterion 1.4.11, graphical objects

_HEX = re.compile(r"#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def parse_color(value: object) -> str:
    """Return value as "#rrggbb"; raise ValueError naming what was expected."""
    if not isinstance(value, str):
        raise ValueError(f"expected a colour string like '#1a73e8', got {_describe(value)}")
    match = _HEX.fullmatch(value.strip())
    if match is None:
        raise ValueError(f"expected a colour like '#1a73e8' or '#fff', got {value!r}")
    digits = match.group(1).lower()
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return "#" + digits


def to_rgb255(color: str) -> tuple[int, int, int]:
    """Return the red, green and blue channels of "#rrggbb" as 0..255."""
    color = parse_color(color)
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def to_rgb(color: str) -> tuple[float, float, float]:
    """Return the channels of "#rrggbb" as floats in 0..1 (matplotlib and reportlab take these)."""
    r, g, b = to_rgb255(color)
    return r / 255, g / 255, b / 255


def _from_rgb255(r: float, g: float, b: float) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in (r, g, b))


def mix(a: str, b: str, t: float) -> str:
    """Return the colour t of the way from a to b in sRGB (t=0 gives a, t=1 gives b)."""
    ra, ga, ba = to_rgb255(a)
    rb, gb, bb = to_rgb255(b)
    return _from_rgb255(ra + (rb - ra) * t, ga + (gb - ga) * t, ba + (bb - ba) * t)


def _linear(channel: int) -> float:
    # WCAG 2.x's sRGB transfer function; 0.04045 and the older text's 0.03928 agree for 8-bit input.
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(color: str) -> float:
    """Return the WCAG 2.x relative luminance of a colour, 0 for black to 1 for white."""
    r, g, b = to_rgb255(color)
    return 0.2126 * _linear(r) + 0.7152 * _linear(g) + 0.0722 * _linear(b)


def contrast_ratio(foreground: str, background: str) -> float:
    """Return the WCAG 2.x contrast ratio of two colours, from 1.0 to 21.0 (order does not matter)."""
    la, lb = relative_luminance(foreground), relative_luminance(background)
    lighter, darker = max(la, lb), min(la, lb)
    return (lighter + 0.05) / (darker + 0.05)


def grey(color: str) -> str:
    """Return the grey of the same relative luminance: what a grey-scale print makes of the colour."""
    y = relative_luminance(color)
    c = 12.92 * y if y <= 0.0031308 else 1.055 * y ** (1 / 2.4) - 0.055
    return _from_rgb255(c * 255, c * 255, c * 255)


def best_on(background: str, candidates: tuple[str, ...], minimum: float = AA_TEXT) -> str:
    """Return the first candidate that reaches minimum contrast on background, else the best one."""
    if not candidates:
        raise ValueError("no candidate colours")
    for candidate in candidates:
        if contrast_ratio(candidate, background) >= minimum:
            return parse_color(candidate)
    return parse_color(max(candidates, key=lambda c: contrast_ratio(c, background)))


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
