"""Show a number as Excel shows it under its number format, for the formats people use.

openpyxl keeps a cell's format code but renders none, so this is a small formatter of our own:
General, fixed decimals, thousands separators, percentages, currency symbols (prefix, suffix,
quoted or in a [$€-407] locale block), sections for negatives and zero, quoted text and
thousands scaling ("#,##0,\"k\""). A format it does not understand (dates, fractions,
scientific, conditions, digits split by text) gives None, and the caller shows the plain number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

__all__ = ["format_number", "plain_number"]

# Excel caps a format code at 255 characters; anything longer is not one a person wrote.
_MAX_FORMAT = 255
_DIGITS = frozenset("0#?")
# Characters Excel shows as themselves without quotes.
_LITERALS = frozenset("$-+/():!^&'~{}<>=  €£¥kr%")
# A date or time code: a section holding one of these letters outside quotes is not a number format.
_DATE_LETTERS = frozenset("dmyhsDMYHSAaPbBeEgG")
_LOCALE = re.compile(r"\[\$([^\]-]*)(?:-[0-9A-Fa-f]+)?\]")
_COLOUR = re.compile(r"\[(?:black|blue|cyan|green|magenta|red|white|yellow|color\s*\d{1,2})\]", re.IGNORECASE)


def plain_number(value: float, number_format: str = "General") -> str:
    """Return a number as plain text: no spurious .0, a percentage format times 100 with its sign."""
    if "%" in number_format:
        return f"{value * 100:.10g}%"
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.15g}"  # 0.1 + 0.2 reads as 0.3, as Excel shows it


@dataclass(frozen=True)
class _Section:
    prefix: str
    suffix: str
    integer: str  # the integer part's placeholders, thousands commas included
    decimals: str  # the placeholders after the point
    scale: int  # thousands to divide by: one per comma after the last digit
    percent: int  # percent signs: each multiplies by 100
    general: bool  # the section shows the number as General does


def _split_sections(code: str) -> list[str]:
    sections, current, quoted, bracket, escaped = [], "", False, False, False
    for ch in code:
        if escaped:
            current += ch
            escaped = False
        elif ch == "\\" and not quoted:
            current += ch
            escaped = True
        elif ch == '"':
            quoted = not quoted
            current += ch
        elif ch == "[" and not quoted:
            bracket = True
            current += ch
        elif ch == "]" and not quoted:
            bracket = False
            current += ch
        elif ch == ";" and not quoted and not bracket:
            sections.append(current)
            current = ""
        else:
            current += ch
    sections.append(current)
    return sections


def _tokens(section: str) -> list[tuple[str, str]] | None:
    """Return the section as ('lit', text) and ('num', placeholders) tokens, or None when unsupported."""
    section = _COLOUR.sub("", _LOCALE.sub(lambda m: '"' + m.group(1) + '"', section))
    tokens: list[tuple[str, str]] = []
    i = 0
    while i < len(section):
        ch = section[i]
        if ch == '"':
            end = section.find('"', i + 1)
            if end < 0:
                return None
            tokens.append(("lit", section[i + 1 : end]))
            i = end + 1
        elif ch == "\\" and i + 1 < len(section):
            tokens.append(("lit", section[i + 1]))
            i += 2
        elif ch == "_" and i + 1 < len(section):
            tokens.append(("lit", " "))  # the width of the next character: a space is close enough
            i += 2
        elif ch == "*" and i + 1 < len(section):
            i += 2  # a fill to the column's width: nothing to show in a card
        elif section.startswith("General", i) or section.startswith("general", i):
            tokens.append(("gen", ""))
            i += len("General")
        elif ch in _DIGITS or ch in ".,":
            tokens.append(("num", ch))
            i += 1
        elif ch == "%":
            tokens.append(("pct", ch))
            i += 1
        elif ch == "[" or ch in _DATE_LETTERS or ch in "@E?/":
            return None  # conditions, elapsed time, dates, text, scientific, fractions
        elif ch in _LITERALS:
            tokens.append(("lit", ch))
            i += 1
        else:
            return None
    return tokens


def _section(section: str) -> _Section | None:
    tokens = _tokens(section)
    if tokens is None:
        return None
    kinds = [kind for kind, _ in tokens]
    numeric = [i for i, kind in enumerate(kinds) if kind in ("num", "gen")]
    if "gen" in kinds and "num" in kinds:
        return None
    if numeric and numeric != list(range(numeric[0], numeric[-1] + 1)):
        return None  # text between digits, as in a phone number format
    start = numeric[0] if numeric else len(tokens)
    end = numeric[-1] + 1 if numeric else len(tokens)
    prefix = "".join("%" if k == "pct" else t for k, t in tokens[:start])
    suffix = "".join("%" if k == "pct" else t for k, t in tokens[end:])
    placeholders = "".join(t for k, t in tokens[start:end] if k == "num")
    if placeholders.count(".") > 1:
        return None
    integer, _, decimals = placeholders.partition(".")
    if "," in decimals:
        return None
    scale = len(integer) - len(integer.rstrip(","))
    integer = integer.rstrip(",")
    if numeric and not integer and not decimals and "gen" not in kinds:
        return None
    return _Section(prefix, suffix, integer, decimals, scale, kinds.count("pct"), "gen" in kinds)


def _digits(value: Decimal, section: _Section) -> str:
    places = len(section.decimals)
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{rounded:f}".partition(".")
    shown = section.integer.replace(",", "")
    zeros = len(shown) - len(shown.lstrip("#?"))  # placeholders before the first 0
    minimum = len(shown) - zeros
    if whole == "0" and minimum == 0:
        whole = ""  # "#.00" shows 0.5 as .50
    whole = whole.rjust(minimum, "0")
    if "," in section.integer and whole:
        whole = f"{int(whole):,}"
    if places:
        required = len(section.decimals) - len(section.decimals.lstrip("0"))
        # Optional places (#) drop trailing zeros; required ones (0) keep them.
        keep = len(section.decimals.rstrip("#?"))
        keep = max(keep, required)
        trimmed = fraction[:keep] + fraction[keep:].rstrip("0")
        return f"{whole}.{trimmed}" if trimmed else whole
    return whole


def format_number(value: float, number_format: str) -> str | None:
    """Return value as Excel shows it under number_format, or None for a format this does not handle."""
    code = (number_format or "General").strip()
    if code.casefold() == "general" or len(code) > _MAX_FORMAT:
        return None
    sections = _split_sections(code)
    if len(sections) > 4:
        return None
    if value < 0 and len(sections) >= 2 and sections[1]:
        chosen, magnitude, sign = sections[1], -value, ""
    elif value == 0 and len(sections) >= 3 and sections[2]:
        chosen, magnitude, sign = sections[2], value, ""
    else:
        chosen, magnitude, sign = sections[0], abs(value), "-" if value < 0 else ""
    section = _section(chosen)
    if section is None:
        return None
    if section.general:
        digits = plain_number(magnitude)
    else:
        try:
            number = Decimal(repr(float(magnitude)))
        except InvalidOperation:
            return None
        if not number.is_finite():
            return None
        number = number.scaleb(2 * section.percent - 3 * section.scale)
        try:
            digits = _digits(number, section) if section.integer or section.decimals else ""
        except InvalidOperation:
            return None  # more digits than Decimal's precision: shown plain
        if sign and not digits.strip("0.,"):
            sign = ""  # -0.001 under "0.0" shows 0.0, as Excel does
    return f"{sign}{section.prefix}{digits}{section.suffix}".strip()
