"""mapgen: persona-based customer journey workbooks into branded deliverables."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from mapgen.model import Journeys

__all__ = ["__version__", "load"]


def load(path: str | Path) -> Journeys:
    """Read a workbook into the journey model; problems are collected in Journeys.problems."""
    from mapgen.readers import read_workbook

    return read_workbook(Path(path))
