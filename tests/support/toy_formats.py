"""Small text formats that stand in for the real ones in the build pipeline's tests.

They live outside the test module because worker processes import them: a task's render function
is sent to a worker by its module and name.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from mapgen.build.pipeline import Options
from mapgen.build.tasks import Rendered, Task
from mapgen.model import Journeys, Persona, Problem, Stage, Step
from mapgen.themes import load_theme

JOURNEYS = Journeys(
    source="shop.xlsx",
    stages=(Stage("Awareness"), Stage("Purchase")),
    personas=(
        Persona(
            "Renée Dubois", "Renée", steps=(Step("Awareness", action="Sees an ad", score=0.5, cell="A5"),)
        ),
        Persona("Tom", "Tom", steps=(Step("Purchase", action="Pays", score=-0.5, cell="A5"),)),
    ),
    problems=(Problem("warning", "unknown emotion word 'meh'", file="shop.xlsx", sheet="Tom", cell="F5"),),
)
THEME = load_theme("default")


def render_persona(journeys: Journeys, _theme: object, _options: Options) -> Rendered:
    """Write the persona's name and the process that made the file (to see workers at work)."""
    (persona,) = journeys.personas
    if persona.name == "Explodes":
        raise OSError("disk full")
    text = f"{persona.name} {persona.steps[0].action} pid={os.getpid()}"
    return Rendered(text.encode(), (Problem("warning", "text cut", sheet=persona.sheet, cell="B5"),))


def render_summary(journeys: Journeys, _theme: object, _options: Options) -> Rendered:
    """Write the list of personas."""
    return Rendered(", ".join(p.name for p in journeys.personas).encode())


def plan_txt(journeys: Journeys, _options: Options) -> list[Task]:
    """Make one file per persona and a summary, the way the PNG format does."""
    out = [
        Task("txt", f"{p.sheet}.txt", p.name, render_persona, Journeys(source=journeys.source, personas=(p,)))
        for p in journeys.personas
    ]
    return [*out, Task("txt", "all.txt", None, render_summary, journeys, cost=5)]


def render_chapter(journeys: Journeys, _theme: object, _options: Options) -> Rendered:
    """Write one persona's chapter of the book, naming the process that made it."""
    (persona,) = journeys.personas
    if persona.name == "Explodes":
        raise OSError("disk full")
    text = f"[{persona.name}: {persona.steps[0].action} pid={os.getpid()}]"
    return Rendered(text.encode(), (Problem("warning", f"{persona.name} cut", sheet=persona.sheet),))


def join_book(journeys: Journeys, _theme: object, _options: Options, parts: Sequence[bytes]) -> Rendered:
    """Join the chapters under a title page that counts them."""
    title = f"{len(journeys.personas)} chapters, joined in pid={os.getpid()}\n"
    return Rendered(title.encode() + b"\n".join(parts), (Problem("warning", "book joined"),))


def plan_book(journeys: Journeys, _options: Options) -> list[Task]:
    """Make one file joined from a part per persona, the way the deck and the report are."""
    parts = tuple(
        Task(
            "book",
            f"book.txt#{p.sheet}",
            p.name,
            render_chapter,
            Journeys(source=journeys.source, personas=(p,)),
        )
        for p in journeys.personas
    )
    return [Task("book", "book.txt", None, None, journeys, cost=2, parts=parts, join=join_book)]


def render_modules(journeys: Journeys, _theme: object, _options: Options) -> Rendered:
    """Write whether the worker had the warm-up's module before this task ran."""
    import sys

    return Rendered(f"{'colorsys' in sys.modules} pid={os.getpid()}".encode())
