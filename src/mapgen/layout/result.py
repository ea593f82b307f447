"""What a layout returns: its scenes and the problems met while fitting text."""

from __future__ import annotations

from dataclasses import dataclass

from mapgen.model import Problem
from mapgen.scene import Scene


@dataclass(frozen=True)
class LayoutResult:
    """The scenes of a layout (one per page, or one tall scene) and its warnings."""

    scenes: tuple[Scene, ...]
    problems: tuple[Problem, ...] = ()
