"""Turn cell text into what the model holds: tidy text, list items, emotion words."""

from __future__ import annotations

import re

__all__ = ["item_numbers", "split_emotions", "split_lane_list", "split_list", "tidy_text"]

# A bullet or a number at the start of a line: "•", "-", "*", "–", "1.", "1)", "(1)", "a)".
_BULLET = re.compile(r"^\s*(?:[•●◦▪▫■□‣⁃∙·○◆◇►▶→✓✔☐☑*\-–—+]|\(?\d{1,3}[.)]|\(\d{1,3}\)|[a-zA-Z]\))(?:\s+|$)")
# Bullets that can only be bullets, even in the middle of a line: "• one • two".
_INLINE_BULLET = re.compile(r"\s+[•●▪◦‣]\s+")
# "+" joins feelings ("happy + relieved", "happy+relieved") except right after a word, where one
# to three of them mark intensity ("Anxious+", "Confident++"): a space after the marks ends the word.
_EMOTION_SEPARATORS = re.compile(
    r"\s*(?:[,;/|\n•]|(?<![\w+])\++|(?<=\w)\+(?=\w)|(?:(?<=\w\+)|(?<=\w\+\+)|(?<=\w\+\+\+))\s+(?=\w)"
    r"|\s&\s|\band\b|\bund\b)\s*",
    re.IGNORECASE,
)
# A line break next to an arrow continues a progression ("Anxious\n→ relieved"), never a new item.
_ARROW_BREAK = re.compile(r"\s*\n\s*(?=[→⟶➔➜➝➞⇒⟹]|-+>|=+>)|(?<=[→⟶➔➜➝➞⇒⟹>])[ \t]*\n\s*")


def tidy_text(text: str) -> str:
    """Return text with each line trimmed, blank lines dropped and Windows line ends made plain."""
    lines = (line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return "\n".join(line for line in lines if line)


def _is_bulleted(line: str) -> bool:
    return bool(_BULLET.match(line))


def _unbullet(line: str) -> str:
    return _BULLET.sub("", line, count=1).strip()


def _items(text: str) -> list[tuple[str, str]]:
    """Return list items with the line each starts on (bullet or number still on it)."""
    lines: list[str] = []
    for line in tidy_text(text).split("\n"):
        first, *others = _INLINE_BULLET.split(line)
        lines.extend(
            part for part in (first.strip(), *(f"• {o.strip()}" for o in others)) if part.strip("• ")
        )
    if not lines:
        return []
    bulleted = [_is_bulleted(line) for line in lines]
    items: list[tuple[str, str]] = []
    if any(bulleted) and not all(bulleted):
        for line, has_bullet in zip(lines, bulleted, strict=True):
            if has_bullet or not items:
                items.append((_unbullet(line), line))
            else:
                items[-1] = (f"{items[-1][0]} {line}", items[-1][1])
    else:
        items = [(_unbullet(line), line) for line in lines]
    return [(item, line) for item, line in items if item]


def split_list(text: str) -> tuple[str, ...]:
    """Return list items: one per line, bullets and numbers removed.

    When some lines carry a bullet and others do not, an unbulleted line continues the item
    above it: people wrap long items by hand with Alt+Enter.
    """
    return tuple(item for item, _ in _items(text))


_NUMBER = re.compile(r"^\s*\(?(\d{1,3})[.)]")


def item_numbers(text: str) -> tuple[int | None, ...]:
    """Return the number each of split_list's items is written with ("1.", "2)", "(3)"), or None."""
    return tuple(int(m.group(1)) if (m := _NUMBER.match(line)) else None for _, line in _items(text))


def split_emotions(text: str) -> tuple[str, ...]:
    """Return the emotion words of a cell: split on commas, semicolons, slashes, lines, '+' and 'and'.

    Intensity marks ("Anxious+") and progressions ("sceptical → reassured") stay in their word.
    """
    joined = _ARROW_BREAK.sub(" ", tidy_text(text))
    words = (_unbullet(part) for part in _EMOTION_SEPARATORS.split(joined))
    return tuple(word.strip(" .!?") for word in words if word.strip(" .!?"))


# A list lane's one-line cell splits on commas or semicolons when every item is this short.
_MAX_ITEM_WORDS = 4
_MAX_ITEM_CHARS = 40
# A comma between digits is a thousands separator ("1,250 orders"), not a list's.
_LIST_SEPARATORS = re.compile(r"\s*(?:;|(?<!\d),|,(?!\d))\s*")


def _short_item(item: str) -> bool:
    return (
        0 < len(item) <= _MAX_ITEM_CHARS
        and len(item.split()) <= _MAX_ITEM_WORDS
        and not item.endswith((".", "!", "?", ":"))
    )


def split_lane_list(text: str) -> tuple[str, ...]:
    """Return the items of a list lane's cell: split_list's, and a one-line cell split on , or ;.

    "Social media, Ads, Word of mouth" is three items; "Slow, expensive delivery" and prose with
    commas stay whole: every part must be short and end no sentence, commas need three parts
    (two are a qualifier as often as a list), and adjectives before a noun they share (single
    words, the later ones in lower case) are no list.
    """
    items = split_list(text)
    if len(items) != 1 or "\n" in items[0]:
        return items
    (item,) = items
    parts = [p.strip() for p in _LIST_SEPARATORS.split(item)]
    # Two parts split only on a semicolon: "Checkout completion rate, EU" is one KPI with its market.
    if len(parts) < (2 if ";" in item else 3) or not all(_short_item(p) for p in parts):
        return items
    *firsts, last = parts
    if (
        ";" not in item
        and all(len(p.split()) == 1 for p in firsts)
        and len(last.split()) > 1
        and all(p[0].islower() for p in parts[1:])
    ):
        return items  # "Slow, expensive delivery": adjectives before the noun they share
    return tuple(parts)
