"""What every part of a journey map's layout shares: the model, the theme, sizes and the warnings."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mapgen.layout.shapes import fitted_block
from mapgen.model import Journeys, Persona, Problem, Step
from mapgen.scene import Box, FontRole, Tag, TextBlock

if TYPE_CHECKING:
    from mapgen.scene import Align, VAlign
    from mapgen.themes import Theme


@dataclass
class Context:
    """The model and theme one layout works from, and the warnings it collects."""

    journeys: Journeys
    persona: Persona
    theme: Theme
    index: int = 0  # the persona's place among all the personas: its avatar's colour
    problems: list[Problem] = field(default_factory=list)
    tags: dict[Problem, Tag] = field(default_factory=dict)  # what each warning is about, by its tag
    # What a cut text's warning advises: a page can grow or continue, a canvas is its size.
    hint: str = "shorten it, or build a larger size (--size poster)"

    @property
    def pad(self) -> float:
        """Return the inner padding of cards: half the body size."""
        return round(self.theme.sizes.size("body") * 0.5, 2)

    def text(
        self,
        source: str,
        box: Box,
        tag: Tag,
        *,
        size: float,
        color: str,
        role: FontRole = "body",
        bold: bool | None = None,
        italic: bool = False,
        align: Align = "left",
        valign: VAlign = "top",
        max_lines: int | None = None,
        min_size: float | None = None,
        step: Step | None = None,
        what: str | None = None,
    ) -> TextBlock:
        """Return source fitted into box; a cut is reported, naming the persona, stage and lane."""
        block = fitted_block(
            self.theme,
            source,
            box,
            role=role,
            size=size,
            color=color,
            bold=bold,
            italic=italic,
            align=align,
            valign=valign,
            max_lines=max_lines,
            min_size=min_size,
            tag=tag,
        )
        if block.truncated:
            self.cut(what or tag.kind.replace("-", " "), tag, step)
        return block

    def cut(self, what: str, tag: Tag, step: Step | None) -> None:
        """Report a text cut with an ellipsis to fit the map."""
        self.warn(f"the {what} is cut to fit the journey map; {self.hint}", tag, step)

    def warn(self, message: str, tag: Tag | None = None, step: Step | None = None) -> None:
        """Report a warning about the map, naming the persona and, when the tag says, stage and lane."""
        where = ""
        if tag is not None and tag.stage:
            where += f", stage {tag.stage!r}"
        if tag is not None and tag.lane:
            where += f", lane {self.lane_label(tag.lane)!r}"
        problem = Problem(
            "warning",
            f"{self.persona.name}{where}: {message}",
            file=self.journeys.source,
            sheet=self.persona.sheet,
            cell=step.cell if step is not None and step.cell else None,
        )
        if problem not in self.problems:
            self.problems.append(problem)
            if tag is not None:
                self.tags[problem] = tag

    def lane_label(self, lane: str) -> str:
        """Return the label a lane id has on the map ("pain_points": "Pain points")."""
        if lane.startswith("extra:"):
            return lane[len("extra:") :]
        try:
            return self.theme.lanes.label(lane)
        except (KeyError, AttributeError, ValueError):
            return lane
