"""Pain points shared across personas, and what the workbook left unanswered or unprompted.

Two pain points are the same when their wording matches once normalised (wording_key): case and
accents' forms folded (NFKC, casefold), punctuation dropped, a plural -s dropped from words of
four letters or more ("delays" = "delay", not "bus"/"less"), and common English and German
stop words left out ("the price is hidden" = "price hidden"). Nothing subtler: a paraphrase is
a different pain point, and saying two are one when they are not would mislead more than
missing a match.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from mapgen.model import Journeys, Persona, Step
from mapgen.stages import compared_personas

__all__ = ["SharedPain", "StepGap", "shared_pains", "step_gaps", "wording_key"]

_WORD = re.compile(r"\w+")
# English and German words that carry no pain of their own, one string to read at a glance.
_STOP_WORDS = (
    "a an the of to in on at for and or is are was were be been it its this that with by from as "
    "not no too very my our your their der die das ein eine einen einem einer und oder ist sind "
    "zu im am auf für mit von vom zum zur nicht kein keine sehr"
)
_STOP = frozenset(_STOP_WORDS.split())


def wording_key(text: str) -> str:
    """Return the text's wording with case, punctuation, plural -s and stop words set aside."""
    words = _WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    kept = [w for w in words if w not in _STOP] or words
    return " ".join(w[:-1] if len(w) >= 4 and w.endswith("s") and not w.endswith("ss") else w for w in kept)


@dataclass(frozen=True)
class SharedPain:
    """A pain point by its normalised wording: who names it, where, and how low it is felt."""

    text: str  # the first spelling met, in persona then journey order
    key: str
    personas: tuple[str, ...]  # in the workbook's order
    stages: tuple[str, ...]  # in journey order
    worst: float | None  # the lowest end score of the steps naming it

    @property
    def count(self) -> int:
        """Return how many personas name it."""
        return len(self.personas)


def shared_pains(journeys: Journeys, personas: Sequence[Persona] | None = None) -> list[SharedPain]:
    """Return every distinct pain point of the compared personas, most personas first, then lowest.

    A pain point named by one persona is here too (count 1): the caller asks count >= 2 for shared.
    """
    chosen = compared_personas(journeys) if personas is None else tuple(personas)
    order = {s.name: i for i, s in enumerate(journeys.stages)}
    groups: dict[str, list[tuple[Persona, Step, str]]] = {}
    for persona in chosen:
        for step in persona.steps:
            for pain in step.pain_points:
                if pain.strip():
                    key = wording_key(pain) or pain.strip()
                    groups.setdefault(key, []).append((persona, step, " ".join(pain.split())))
    out = []
    for key, entries in groups.items():
        scores = [s.score for _p, s, _t in entries if s.score is not None]
        stages = sorted({s.stage for _p, s, _t in entries}, key=lambda n: (order.get(n, len(order)), n))
        out.append(
            SharedPain(
                entries[0][2],
                key,
                tuple(dict.fromkeys(p.name for p, _s, _t in entries)),
                tuple(stages),
                min(scores) if scores else None,
            )
        )
    first = {p.key: i for i, p in enumerate(out)}
    out.sort(key=lambda p: (-p.count, p.worst if p.worst is not None else 2.0, first[p.key]))
    return out


@dataclass(frozen=True)
class StepGap:
    """A step whose pain points have no opportunity, or whose opportunities answer no pain point."""

    persona: str
    index: int  # 0-based place of the step in the persona's journey
    step: Step
    pains: tuple[str, ...]  # unanswered: the step has pain points and no opportunity
    ideas: tuple[str, ...]  # unprompted: the step has opportunities and no pain point


def step_gaps(personas: Sequence[Persona]) -> list[StepGap]:
    """Return, per step, pain points without an opportunity and opportunities without a pain point.

    Judged per step, where the workshop wrote them: an opportunity in another step may answer the
    pain too, but only the workbook could say so.
    """
    out = []
    for persona in personas:
        for i, step in enumerate(persona.steps):
            pains = tuple(p for p in step.pain_points if p.strip())
            ideas = tuple(o for o in step.opportunities if o.strip())
            if bool(pains) != bool(ideas):
                out.append(
                    StepGap(persona.name, i, step, pains if not ideas else (), ideas if not pains else ())
                )
    return out
