"""Colours as "#rrggbb" strings: parsing, mixing and the WCAG 2.x contrast ratio.

Every colour that leaves this module is normalised to lower-case "#rrggbb", the one form the
three painters accept (matplotlib, python-pptx's RGBColor.from_string without the "#", and
reportlab's HexColor).
"""

from __future__ import annotations

import math
import re

__all__ = [
    "AAA_TEXT",
    "AA_TEXT",
    "NON_TEXT",
    "best_on",
    "contrast_ratio",
    "deficiencies",
    "from_oklch",
    "grey",
    "mix",
    "oklab_lightness",
    "parse_color",
    "relative_luminance",
    "simulate",
    "to_oklch",
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


# ---------------------------------------------------------------------------------------------
# OKLab (Björn Ottosson, 2020): a perceptual space whose L is lightness as people see it, for
# palettes derived from one colour; and colour-vision deficiency simulated to check them.


def _encode(c: float) -> float:
    c = max(0.0, min(1.0, c))
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def _from_linear(r: float, g: float, b: float) -> str:
    return _from_rgb255(_encode(r) * 255, _encode(g) * 255, _encode(b) * 255)


def _linear_rgb(color: str) -> tuple[float, float, float]:
    r, g, b = to_rgb255(color)
    return _linear(r), _linear(g), _linear(b)


def _oklab_of_linear(r: float, g: float, b: float) -> tuple[float, float, float]:
    l_ = (0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b) ** (1 / 3)
    m_ = (0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b) ** (1 / 3)
    s_ = (0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b) ** (1 / 3)
    return (
        0.2104542553 * l_ + 0.7936177850 * m_ - 0.0040720468 * s_,
        1.9779984951 * l_ - 2.4285922050 * m_ + 0.4505937099 * s_,
        0.0259040371 * l_ + 0.7827717662 * m_ - 0.8086757660 * s_,
    )


def _linear_of_oklab(lightness: float, a: float, b: float) -> tuple[float, float, float]:
    l_ = (lightness + 0.3963377774 * a + 0.2158037573 * b) ** 3
    m_ = (lightness - 0.1055613458 * a - 0.0638541728 * b) ** 3
    s_ = (lightness - 0.0894841775 * a - 1.2914855480 * b) ** 3
    return (
        4.0767416621 * l_ - 3.3077115913 * m_ + 0.2309699292 * s_,
        -1.2684380046 * l_ + 2.6097574011 * m_ - 0.3413193965 * s_,
        -0.0041960863 * l_ - 0.7034186147 * m_ + 1.7076147010 * s_,
    )


def oklab_lightness(color: str) -> float:
    """Return a colour's perceived lightness, OKLab's L: 0 for black to 1 for white."""
    return _oklab_of_linear(*_linear_rgb(color))[0]


def to_oklch(color: str) -> tuple[float, float, float]:
    """Return a colour as OKLCh: lightness 0..1, chroma, hue in degrees."""
    lightness, a, b = _oklab_of_linear(*_linear_rgb(color))
    return lightness, math.hypot(a, b), math.degrees(math.atan2(b, a)) % 360


def from_oklch(lightness: float, chroma: float, hue: float) -> str:
    """Return the "#rrggbb" of an OKLCh colour, its chroma reduced until sRGB can show it."""
    angle = math.radians(hue)
    for _ in range(40):
        rgb = _linear_of_oklab(lightness, chroma * math.cos(angle), chroma * math.sin(angle))
        if all(-1e-4 <= c <= 1 + 1e-4 for c in rgb):
            return _from_linear(*rgb)
        chroma *= 0.9
    return _from_linear(*_linear_of_oklab(lightness, 0.0, 0.0))


# Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB.
_DEFICIENCIES = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
}


def simulate(color: str, deficiency: str) -> str:
    """Return what a viewer with protanopia or deuteranopia sees of a colour (an approximation)."""
    rgb = _linear_rgb(color)
    matrix = _DEFICIENCIES[deficiency]
    return _from_linear(*(sum(m * c for m, c in zip(row, rgb, strict=True)) for row in matrix))


def deficiencies() -> tuple[str, ...]:
    """Return the colour-vision deficiencies simulate() knows."""
    return tuple(_DEFICIENCIES)
