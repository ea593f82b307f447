"""The lanes of a journey map: which are shown, under what label, and each step's text in them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapgen.model import Persona, Step

if TYPE_CHECKING:
    from mapgen.themes import Theme

CURVE = "emotions"


def _bullets(items: tuple[str, ...]) -> str:
    """Return list items one per line, bulleted when there are several."""
    items = tuple(i.strip() for i in items if i and i.strip())
    if len(items) == 1:
        return items[0]
    return "\n".join(f"• {item}" for item in items)


def _plain(value: str | None) -> str:
    return (value or "").strip()


_ITEMS: dict[str, Callable[[Step], tuple[str, ...]]] = {
    "pain_points": lambda s: s.pain_points,
    "opportunities": lambda s: s.opportunities,
    "kpis": lambda s: s.kpis,
}

_TEXT: dict[str, Callable[[Step], str]] = {
    "actions": lambda s: _plain(s.action),
    "touchpoints": lambda s: _plain(s.touchpoint),
    "goals": lambda s: _plain(s.goal),
    "thoughts": lambda s: _plain(s.thoughts),
    "pain_points": lambda s: _bullets(s.pain_points),
    "opportunities": lambda s: _bullets(s.opportunities),
    "kpis": lambda s: _bullets(s.kpis),
    "owner": lambda s: _plain(s.owner),
    "evidence": lambda s: _plain(s.evidence),
}


@dataclass(frozen=True)
class Lane:
    """One row of the map: an id for tags ("pain_points", "extra:Channel"), a label, its kind."""

    id: str
    label: str
    kind: str  # "text", "pain", "idea" or "curve"

    def text(self, step: Step | None) -> str:
        """Return what this lane shows for a step ("" for nothing)."""
        if step is None or self.kind == "curve":
            return ""
        if self.id.startswith("extra:"):
            return dict(step.extra).get(self.id[len("extra:") :], "").strip()
        return _TEXT[self.id](step)

    def items(self, step: Step | None) -> tuple[str, ...]:
        """Return what this lane shows for a step as a list: its items, or its one text."""
        if self.id in _ITEMS and step is not None:
            return tuple(" ".join(i.split()) for i in _ITEMS[self.id](step) if i and i.strip())
        value = self.text(step)
        return (value,) if value else ()


def _kind(lane: str) -> str:
    return {"pain_points": "pain", "opportunities": "idea", CURVE: "curve"}.get(lane, "text")


def lanes_for(persona: Persona, theme: Theme) -> list[Lane]:
    """Return the lanes the theme shows, in its order, leaving out those this persona leaves empty."""
    out: list[Lane] = []
    for lane in theme.lanes.show:
        if lane == "extra":
            headers: list[str] = []
            for step in persona.steps:
                headers += [h for h, value in step.extra if value.strip() and h not in headers]
            out += [Lane(f"extra:{h}", h, "text") for h in headers]
            continue
        if lane == CURVE:
            if any(s.score is not None or s.emotions for s in persona.steps):
                out.append(Lane(CURVE, theme.lanes.label(CURVE), "curve"))
            continue
        candidate = Lane(lane, theme.lanes.label(lane), _kind(lane))
        if any(candidate.text(step) for step in persona.steps):
            out.append(candidate)
    return out


def feeling_words(step: Step) -> str:
    """Return a step's emotion words as one text: what the curve's words say."""
    return ", ".join(e.strip() for e in step.emotions if e.strip())


def feeling_text(step: Step, score: str) -> str:
    """Return what a table's emotions row shows for a step: its words, then its score written
    on the client's scale ("curious (+2)"); the words alone, or the score alone, when that is all.

    The one rule for the deck's stage slides and the report's stage tables.
    """
    words = feeling_words(step)
    return f"{words} ({score})" if words and score else words or score
