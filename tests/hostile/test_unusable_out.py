"""Output folders that cannot be used, and a format named twice: one clear line, never a traceback.

An --out under a file, an --out that is a file, a parent folder that is read-only, or the root
of the file system is refused with one line naming the folder and what to do, exit 1 (2 where
click itself refuses the option); nothing is written anywhere.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mapgen.build import fileops
from mapgen.build.pipeline import build_outputs
from mapgen.errors import MapgenError

from .swapkit import Look, beside, build, journeys, ops, text_format

ROOT = Path(__file__).resolve().parents[2]
ANN = journeys(("Ann", "Sees an ad"))


def _mapgen(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "mapgen",
        "build",
        str(ROOT / "inputs" / "example.xlsx"),
        "--quiet",
        *args,
    ]
    env = {**os.environ, "MAPGEN_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)


@pytest.fixture
def _text_format() -> Iterator[None]:
    with text_format():
        yield


def test_a_format_named_twice_is_a_usage_error(tmp_path: Path) -> None:
    """--format png,png exits 2 with click's usage message, naming the format."""
    done = _mapgen(tmp_path, "--format", "png,png", "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert (
        done.stderr.splitlines()[-1]
        == "Error: Invalid value for '--format': png is named twice; name each format once"
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.usefixtures("_text_format")
def test_a_format_named_twice_is_refused_by_the_api(tmp_path: Path) -> None:
    """build_outputs(formats=["txt", "txt"]) raises MapgenError instead of writing a file twice."""
    with pytest.raises(MapgenError, match="format txt is named twice"):
        build_outputs(ANN, formats=["txt", "txt"], theme=Look(), out=tmp_path / "out")  # type: ignore[arg-type]
    assert not (tmp_path / "out").exists()


def test_an_out_under_a_file_is_one_line(tmp_path: Path) -> None:
    """--out report.pdf/maps, where report.pdf is a file: exit 1, one line, no internal error."""
    (tmp_path / "report.pdf").write_bytes(b"%PDF")
    out = tmp_path / "report.pdf" / "maps"
    done = _mapgen(tmp_path, "--out", str(out))
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (
        f"mapgen: cannot make the folder {tmp_path / 'report.pdf'} for {out}: a file is in the way; "
        "choose another --out\n"
    )
    assert (tmp_path / "report.pdf").read_bytes() == b"%PDF"


def test_an_out_that_is_a_file_is_refused(tmp_path: Path) -> None:
    """--out naming a file: click refuses it (exit 2); the API refuses it too, and keeps the file."""
    (tmp_path / "maps").write_bytes(b"a file")
    done = _mapgen(tmp_path, "--out", str(tmp_path / "maps"))
    assert done.returncode == 2
    assert (
        done.stderr.splitlines()[-1]
        == f"Error: Invalid value for '--out': Directory '{tmp_path / 'maps'}' is a file."
    )
    with (
        text_format(),
        pytest.raises(MapgenError, match="maps is a file; mapgen writes a folder of files there"),
    ):
        build(ANN, tmp_path / "maps")
    assert (tmp_path / "maps").read_bytes() == b"a file"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_parent_is_one_line(tmp_path: Path) -> None:
    """An --out whose parent folder is read-only: exit 1 and one line saying what to do."""
    parent = tmp_path / "locked"
    parent.mkdir()
    parent.chmod(0o555)
    try:
        done = _mapgen(tmp_path, "--out", str(parent / "out"))
    finally:
        parent.chmod(0o755)
    assert done.returncode == 1
    assert done.stderr.startswith(f"mapgen: cannot write beside {parent / 'out'} (Permission denied)")
    assert done.stderr.count("\n") == 1
    assert list(parent.iterdir()) == []


@pytest.mark.usefixtures("_text_format")
def test_a_staging_folder_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    """The system refusing the staging folder (permissions, quota) is one line; nothing is left."""

    class Refusing(fileops.FileOps):
        def before(self, op: str, path: Path) -> None:
            if op == "mkdir":
                raise PermissionError(errno.EACCES, "Permission denied", str(path))

    out = tmp_path / "out"
    with (
        ops(Refusing()),
        pytest.raises(MapgenError, match=r"cannot write beside .*out \(Permission denied\)") as caught,
    ):
        build(ANN, out)
    assert "\n" not in str(caught.value)
    assert not out.exists()
    assert beside(out) == []


@pytest.mark.usefixtures("_text_format")
def test_the_root_of_the_file_system_is_refused(tmp_path: Path) -> None:
    """out="/" is refused before anything is written beside it (there is no beside)."""
    with pytest.raises(MapgenError, match="is the root of the file system"):
        build(ANN, Path(tmp_path.anchor))
