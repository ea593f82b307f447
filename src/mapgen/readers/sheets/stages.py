"""The journey's stages: the Stages sheet, else first appearance; one spelling per stage."""

from __future__ import annotations

from mapgen.model import Stage
from mapgen.readers.cells import tidy_text
from mapgen.readers.grid import Grid, cell_name
from mapgen.readers.headers import ColumnMap, is_description_header, is_stage_header, normalise
from mapgen.readers.problems import Problems

__all__ = ["StageOrder", "read_stages_sheet"]


def _key(name: str) -> str:
    # "Post-purchase" and "post purchase" are one stage; a name of punctuation only stays itself.
    return normalise(name) or name.strip()


def read_stages_sheet(grid: Grid, problems: Problems, columns: ColumnMap | None = None) -> list[Stage]:
    """Return the stages of a Stages sheet in order: a Stage column and an optional Description.

    A header columns maps to the stage ("Section") heads the Stage column here too.
    """
    stage_column, description_column, first = 1, 2, 1
    for row in range(1, min(grid.max_row, 10) + 1):
        cells = grid.row(row)
        stage = next((c for c, t in cells if is_stage_header(t, columns)), None)
        if stage is not None:
            description = next((c for c, t in cells if c != stage and is_description_header(t)), None)
            stage_column, first = stage, row + 1
            description_column = description if description is not None else stage + 1
            break
    stages: list[Stage] = []
    seen: set[str] = set()
    for row in range(first, grid.max_row + 1):
        name = " ".join(grid.get(row, stage_column).split())
        if not name:
            continue
        if _key(name) in seen:
            problems.warning(
                f'stage "{name}" is listed twice; the second is ignored',
                grid.sheet,
                cell_name(row, stage_column),
            )
            continue
        seen.add(_key(name))
        stages.append(Stage(name, tidy_text(grid.get(row, description_column)) or None))
    if not stages:
        problems.warning(
            "the Stages sheet lists no stages; stages are taken from the persona sheets in order of "
            "appearance",
            grid.sheet,
        )
    return stages


class StageOrder:
    """The global stage order and the one spelling of each stage, matched ignoring case and spacing."""

    def __init__(self, declared: list[Stage]) -> None:
        self.declared = bool(declared)
        self._stages: dict[str, Stage] = {_key(s.name): s for s in declared}

    def canonical(self, name: str) -> str:
        """Return the spelling of a stage already known, or name itself."""
        known = self._stages.get(_key(name))
        return known.name if known else name

    def knows(self, name: str) -> bool:
        """Return True when the stage is already in the order."""
        return _key(name) in self._stages

    def add(self, name: str) -> None:
        """Append a stage not seen before."""
        self._stages.setdefault(_key(name), Stage(name))

    def stages(self) -> tuple[Stage, ...]:
        """Return the stages in journey order."""
        return tuple(self._stages.values())
