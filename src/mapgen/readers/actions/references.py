"""Which opportunity of a step answers which of its pain points, when the cells say so.

Two conventions, both what people type anyway: items numbered alike in the two cells ("1. Price
hidden" and "1. Show the price"), and an opportunity ending with "(re: <pain point>)", naming the
pain point by the start of its words or by its number. Anything else stays unpaired: a pairing
by position would put a fix beside the wrong problem in front of the client.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from mapgen.readers.headers import normalise
from mapgen.readers.problems import Problems

__all__ = ["Paired", "pair_items", "strip_reference"]

# "(re: price hidden)", "(Re: 2)", "(answers: ...)", "(pain point 2)" at the end of an item; a
# colon (or a number after "pain point") tells a reference from a remark such as "(for beginners)".
_REFERENCE = re.compile(
    r"\(\s*(?:(?:re|answers|addresses|fixes)\s*:|(?:for\s+)?pain\s*point\s*[:#]?(?=\s*\d+\s*\)))"
    r"(?P<ref>[^()]*)\)\s*",
    re.IGNORECASE,
)


def _reference(text: str) -> tuple[int, str] | None:
    """Return where an item's closing reference starts and what it names, or None.

    Matched from the last "(" only: a reference holds no brackets, and a pattern searched from
    every position of a 30,000-space cell would take seconds.
    """
    start = text.rfind("(")
    found = _REFERENCE.fullmatch(text, start) if start > 0 else None
    if found is None or not found.group("ref").strip():
        return None
    return start, found.group("ref").strip()


class Paired:
    """A step's opportunities with their references taken off, and the (pain, opportunity) pairs."""

    def __init__(self, opportunities: tuple[str, ...], pairs: tuple[tuple[int, int], ...]) -> None:
        self.opportunities = opportunities
        self.pairs = pairs


def strip_reference(text: str) -> str:
    """Return an item without its closing "(re: ...)" reference."""
    found = _reference(text)
    return text[: found[0]].rstrip() if found is not None else text


def _named(ref: str, pains: Sequence[str], numbers: Sequence[int | None]) -> int | None:
    """Return the index of the pain point a reference names: its number, or the start of its words."""
    if ref.isdigit():
        number = int(ref)
        if any(n is not None for n in numbers):
            return next((i for i, n in enumerate(numbers) if n == number), None)
        return number - 1 if 1 <= number <= len(pains) else None
    key = normalise(ref)
    if not key:
        return None
    return next((i for i, pain in enumerate(pains) if normalise(pain).startswith(key)), None)


def pair_items(
    pains: Sequence[str],
    pain_numbers: Sequence[int | None],
    opportunities: Sequence[str],
    numbers: Sequence[int | None],
    problems: Problems,
    sheet: str,
    cell: str,
) -> Paired:
    """Return a step's opportunities and the pairs its cells state; warn at cell of a reference to nothing."""
    texts: list[str] = []
    pairs: list[tuple[int, int]] = []
    pains_numbered = any(n is not None for n in pain_numbers)
    for index, text in enumerate(opportunities):
        found = _reference(text)
        if found is not None:
            start, ref = found
            text = text[:start].rstrip()
            pain = _named(ref, pains, pain_numbers)
            if pain is None:
                problems.warning(
                    f'opportunity "{text[:60]}" refers to "{ref[:60]}", which names no pain '
                    "point of this step; write the start of the pain point's words or its number, as in "
                    '"(re: price hidden)" or "(re: 1)"',
                    sheet,
                    cell,
                )
            else:
                pairs.append((pain, index))
        elif pains_numbered and index < len(numbers) and (number := numbers[index]) is not None:
            pain = next((i for i, n in enumerate(pain_numbers) if n == number), None)
            if pain is None:
                problems.warning(
                    f'opportunity {number} ("{text[:60]}") shares its number with no pain point of this '
                    "step; number the pain point it answers alike, or write (re: ...) after it",
                    sheet,
                    cell,
                )
            else:
                pairs.append((pain, index))
        texts.append(text)
    return Paired(tuple(texts), tuple(pairs))
