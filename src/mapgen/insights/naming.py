"""One rule for what a step is called in text: its action, else its touchpoint or goal, else "Step n".

The action is what the persona does, the words a reader recognises from the map's first lane; a
step without one is known by where it happens (the touchpoint), then by what the persona wants
there; a step with none of these is named by its place in the journey, never left blank. Thoughts
are not a name: they are a sentence in the persona's voice.
"""

from __future__ import annotations

from mapgen.model import Step

__all__ = ["step_name"]


def step_name(step: Step, index: int, step_word: str) -> str:
    """Return what a step is called; index is its 0-based place in the persona's journey."""
    for value in (step.action, step.touchpoint, step.goal):
        if value and value.strip():
            return " ".join(value.split())
    return f"{step_word} {index + 1}"
