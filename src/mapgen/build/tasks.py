"""The units of work of a build: one output file each, with the part of the model it shows.

A format registers a planner that turns the model into tasks. A task names a module-level render
function, so it can run in this process or in a worker process, and the part of the model it
depends on (its scope), so the cache knows when it must run again. A big file (the deck, the
report) is instead joined from parts: tasks of their own, each with its own scope, made side by
side and cached one by one, so that editing one persona remakes one part and the join.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mapgen.model import Journeys, Problem

if TYPE_CHECKING:
    # Annotations only: a runtime import would load the whole themes package with every task.
    from mapgen.themes import PngSize, Theme


@dataclass(frozen=True)
class Options:
    """What a build was asked for that changes the files it writes."""

    png_size: PngSize | None = None  # None: the theme's preset
    dpi: int | None = None  # None: the preset's resolution
    template: Path | None = None  # a client's .pptx/.potx for the deck
    personas: tuple[str, ...] = ()  # persona names or sheet names; empty: all
    timestamp: dt.datetime | None = None  # a creation date to record; None keeps files reproducible


# Every option that changes a file; a task names the ones its file depends on.
OPTION_NAMES: tuple[str, ...] = ("png_size", "dpi", "template", "timestamp")


@dataclass(frozen=True)
class Rendered:
    """One finished file's bytes and the warnings met while making it."""

    data: bytes
    problems: tuple[Problem, ...] = ()


Renderer = Callable[[Journeys, "Theme", Options], Rendered]
Joiner = Callable[[Journeys, "Theme", Options, Sequence[bytes]], Rendered]


@dataclass(frozen=True)
class Task:
    """One output file to make (or one part of it): its format, name, and what it is made from."""

    format: str
    file: str  # relative to the output folder; a part's is "<file>#<part>" and never lands there
    persona: str | None
    render: Renderer | None  # a module-level function (or a partial of one), so the task pickles
    scope: Journeys  # the part of the model the file shows
    cost: float = 1.0  # a rough relative cost, so the slowest work starts first
    parts: tuple[Task, ...] = ()  # a joined file's parts, in order (render is then None)
    join: Joiner | None = None  # makes the file from its parts' bytes, in the parts' order
    settings: tuple[str, ...] = OPTION_NAMES  # the Options it depends on: only these key its cache entry


Planner = Callable[[Journeys, Options], list[Task]]
