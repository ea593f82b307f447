"""Read the theme's words: which lanes a map shows and what they are called, the labels, the footer."""

from __future__ import annotations

import difflib
import string
from typing import Any

from mapgen.themes.keys import field_names
from mapgen.themes.problems import describe
from mapgen.themes.schema import Footer, Labels, LaneLabels, Lanes
from mapgen.themes.values import Invalid, Reader, nonempty, string_value
from mapgen.themes.vocabulary import FOOTER_FIELDS, LANES, Lane


def read_lanes(r: Reader) -> Lanes:
    """Return the lanes a journey map shows, in order, and the label of every lane."""
    return Lanes(
        show=r.get("lanes.show", _lane_list, LANES),
        labels=LaneLabels(**{f: r.get(f"lanes.labels.{f}", nonempty, f) for f in field_names(LaneLabels)}),
    )


def read_labels(r: Reader) -> Labels:
    """Return the fixed words of the deliverables."""
    return Labels(**{f: r.get(f"labels.{f}", nonempty, f) for f in field_names(Labels)})


def read_footer(r: Reader) -> Footer:
    """Return the footer text and the confidentiality label used when the workbook gives none."""
    return Footer(
        text=r.get("footer.text", _footer_text, ""),
        confidentiality=r.get("footer.confidentiality", string_value, ""),
    )


def _lane_list(value: Any) -> tuple[Lane, ...]:
    if not isinstance(value, list) or not value:
        raise Invalid(f"must be a non-empty list of lanes ({', '.join(LANES)}), got {describe(value)}")
    out: list[Lane] = []
    messages = []
    for item in value:
        if not isinstance(item, str) or item not in LANES:
            close = difflib.get_close_matches(str(item), LANES, n=1, cutoff=0.5)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (lanes: {', '.join(LANES)})"
            messages.append(f"unknown lane {item!r}{hint}")
        elif item in out:
            messages.append(f"lane {item!r} is listed twice")
        else:
            out.append(item)
    if messages:
        raise Invalid("; ".join(messages))
    return tuple(out)


def _footer_text(value: Any) -> str:
    text = string_value(value)
    try:
        fields = [
            (name, spec, conv)
            for _lit, name, spec, conv in string.Formatter().parse(text)
            if name is not None
        ]
    except ValueError as error:
        raise Invalid(f"has a stray brace ({error}); write {{{{ or }}}} for a literal brace") from None
    for name, spec, conversion in fields:
        # A format spec or conversion ({title:>999999999}, {date!r}) could pad the line to gigabytes
        # or fail at render time; a footer only ever needs the plain value.
        if spec or conversion:
            raise Invalid(f"placeholder {{{name}}} has a format or conversion; write it plain, as {{{name}}}")
        if name not in FOOTER_FIELDS:
            close = difflib.get_close_matches(name, FOOTER_FIELDS, n=1)
            hint = f"; did you mean {{{close[0]}}}?" if close else ""
            known = ", ".join("{" + f + "}" for f in FOOTER_FIELDS)
            raise Invalid(f"unknown placeholder {{{name}}}{hint} (known: {known})")
    return text
