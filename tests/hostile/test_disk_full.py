"""A disk that fills up or refuses writes while the files are made: one line, the folder as it was."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from mapgen.errors import MapgenError
from tests.hostile import swapkit

_write_bytes = Path.write_bytes


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EDQUOT])
def test_a_write_that_fails_while_files_are_made_is_one_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """ENOSPC, EROFS or EDQUOT while a file is staged: a MapgenError naming the cause; OUT untouched."""
    out = tmp_path / "out"

    def refuse(path: Path, data: bytes) -> int:
        if not path.is_relative_to(out):  # the staging folder beside OUT
            raise OSError(code, os.strerror(code), str(path))
        return _write_bytes(path, data)

    with swapkit.text_format():
        swapkit.build(swapkit.journeys(("Ada", "v1")), out)
        before = swapkit.snapshot(out)
        monkeypatch.setattr(Path, "write_bytes", refuse)
        with pytest.raises(MapgenError) as caught:
            swapkit.build(swapkit.journeys(("Ada", "v2")), out)
        monkeypatch.undo()
    assert os.strerror(code) in str(caught.value)
    assert "is as it was" in str(caught.value)
    assert swapkit.snapshot(out) == before
    assert [name for name in swapkit.beside(out) if not name.endswith(".lock")] == []
