"""Priority and effort as people write them: High/Medium/Low, P1-P3, MoSCoW, T-shirt sizes."""

from __future__ import annotations

import pytest

from mapgen.readers.actions.levels import effort_level, priority_level


@pytest.mark.parametrize(
    ("written", "level"),
    [
        ("High", "high"),
        ("P1", "high"),
        ("p0", "high"),
        ("1", "high"),
        ("Must have", "high"),
        ("P1 - critical", "high"),
        ("medium", "medium"),
        ("Should", "medium"),
        ("P2", "medium"),
        ("Low", "low"),
        ("Could have", "low"),
        ("Won't", "low"),
        ("P3", "low"),
        ("Someday", None),
        ("", None),
    ],
)
def test_priority(written: str, level: str | None) -> None:
    assert priority_level(written) == level


@pytest.mark.parametrize(
    ("written", "level"),
    [("S", "low"), ("XS", "low"), ("Small", "low"), ("M", "medium"), ("L", "high"), ("XL", "high"),
     ("Large", "high"), ("Low", "low"), ("High", "high"), ("Epic", None)],
)  # fmt: skip
def test_effort(written: str, level: str | None) -> None:
    # "L" is a large effort, never a low one as it is for a priority.
    assert effort_level(written) == level
