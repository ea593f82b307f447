"""Paths written inside a workbook or a theme never reach outside its folder, and themes are bounded.

A workbook or a theme may come from anyone; what it names is read only from its own folder and
only as a regular file, and a theme cannot make mapgen read, pad or nest without end.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from openpyxl import Workbook

from mapgen.errors import ThemeError
from mapgen.readers import read_workbook
from mapgen.themes import load_theme


def _workbook(folder: Path, theme: str) -> Path:
    """Write a one-persona workbook whose Project sheet names a theme in B2."""
    book = Workbook()
    project = book.active
    project.title = "Project"
    project.append(["Title", "Confinement"])
    project.append(["Theme", theme])
    persona = book.create_sheet("Ada")
    persona.append(["Stage", "Step", "Emotion score (-2 to +2)"])
    persona.append(["Discover", "Reads a review", 1])
    path = folder / "journeys.xlsx"
    book.save(path)
    return path


def _errors(path: Path) -> list[str]:
    return [str(p) for p in read_workbook(path).errors]


@pytest.mark.parametrize(
    ("theme", "says"),
    [
        ("/etc/passwd.toml", "is absolute"),
        ("../outside.toml", "leaves the workbook's folder"),
        ("https://example.com/theme.toml", "never fetches"),
        ("no-such-theme", "names no built-in theme"),
        ("agenc", "did you mean 'agency'?"),
    ],
)
def test_a_workbooks_theme_field_is_refused_at_its_cell(tmp_path: Path, theme: str, says: str) -> None:
    """The Theme field is checked by the reader, so validate says what build would refuse, at B2."""
    (tmp_path / "outside.toml").write_text('extends = "default"\n', "utf-8")
    folder = tmp_path / "project"
    folder.mkdir()
    errors = _errors(_workbook(folder, theme))
    assert len(errors) == 1
    assert "Project!B2" in errors[0]
    assert says in errors[0]


def test_a_link_out_of_the_workbooks_folder_is_refused(tmp_path: Path) -> None:
    """A theme file reached through a link that leads out of the folder is not read."""
    (tmp_path / "secret.toml").write_text('extends = "default"\n', "utf-8")
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "brand.toml").symlink_to(tmp_path / "secret.toml")
    errors = _errors(_workbook(folder, "brand.toml"))
    assert len(errors) == 1 and "through a link" in errors[0]


def test_a_theme_file_inside_the_workbooks_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "themes").mkdir()
    (tmp_path / "themes" / "brand.toml").write_text('extends = "agency"\n', "utf-8")
    assert _errors(_workbook(tmp_path, "themes/brand.toml")) == []


def test_the_build_confines_the_theme_field_too(tmp_path: Path) -> None:
    """A model from elsewhere (inspect --json) with a Theme outside its folder is refused by the build."""
    from dataclasses import replace

    from mapgen.build.pipeline import resolve_theme

    (tmp_path / "outside.toml").write_text('extends = "default"\n', "utf-8")
    folder = tmp_path / "project"
    folder.mkdir()
    journeys = read_workbook(_workbook(folder, "agency"))
    hostile = replace(journeys, project=replace(journeys.project, theme="../outside.toml"))
    with pytest.raises(ThemeError, match="leaves the workbook's folder"):
        resolve_theme(None, hostile, folder / "journeys.xlsx")


def _png_header(width: int, height: int) -> bytes:
    """Return a PNG that declares a size without holding its pixels (a decompression bomb's head)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    ihdr = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([8, 2, 0, 0, 0])
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("toml", "key", "says"),
    [
        ('logo = "/etc/hosts"\n', "logo", "is absolute"),
        ('logo = "../logo.png"\n', "logo", "leaves the theme's folder"),
        ('logo = "huge.png"\n', "logo", "over mapgen's limit"),
        ('[slide]\ntemplate = "/dev/zero"\n', "slide.template", "is absolute"),
        ('[slide]\ntemplate = "fifo.pptx"\n', "slide.template", "not a regular file"),
        ('[fonts.body]\nfamily = "../../x.ttf"\n', "fonts.body.family", "leaves the theme's folder"),
        ("[footer]\ntext = '{title:>999999999}'\n", "footer.text", "write it plain, as {title}"),
        ("[footer]\ntext = '{date!r}'\n", "footer.text", "write it plain, as {date}"),
    ],
)
def test_a_themes_paths_and_formats_are_refused_by_key(
    tmp_path: Path, toml: str, key: str, says: str
) -> None:
    """Logo, template and font files come from the theme's own folder; a footer has no format specs."""
    (tmp_path / "logo.png").write_bytes(_png_header(10, 10))
    folder = tmp_path / "theme"
    folder.mkdir()
    (folder / "huge.png").write_bytes(_png_header(12000, 12000))
    os.mkfifo(folder / "fifo.pptx")
    (folder / "theme.toml").write_text(toml, "utf-8")
    with pytest.raises(ThemeError) as caught:
        load_theme(folder / "theme.toml")
    problems = [p for p in caught.value.problems if p.severity == "error"]
    assert [p.cell for p in problems] == [key]
    assert says in problems[0].message


def test_a_theme_chain_is_bounded(tmp_path: Path) -> None:
    """A theme nested thousands deep is refused after a few dozen files, not followed to the end."""
    for n in range(3000):
        (tmp_path / f"t{n}.toml").write_text(f'extends = "t{n + 1}.toml"\n', "utf-8")
    with pytest.raises(ThemeError, match="'extends' chains more than"):
        load_theme(tmp_path / "t0.toml")


def test_a_theme_file_is_bounded_in_size(tmp_path: Path) -> None:
    (tmp_path / "big.toml").write_text("# padding\n" * 200_000, "utf-8")
    with pytest.raises(ThemeError, match="too big for a theme file"):
        load_theme(tmp_path / "big.toml")


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_theme_that_is_no_regular_file_never_blocks(tmp_path: Path, kind: str) -> None:
    """--theme naming a FIFO or /dev/zero ends at once with a message: it is never opened."""
    if kind == "fifo":
        target = tmp_path / "theme.toml"
        os.mkfifo(target)
    else:
        target = Path("/dev/zero")
    done = subprocess.run(
        [sys.executable, "-m", "mapgen", "themes", "check", str(target)],
        capture_output=True,
        text=True,
        timeout=20,
        check=False,
    )
    assert done.returncode == 1
    assert "not a regular file" in done.stderr or "ends in .toml" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_workbook_name_never_becomes_a_path(tmp_path: Path) -> None:
    """Parts of the deck and report are kept under digests: "#" and ".." in a file name lead nowhere."""
    folder = tmp_path / "deep" / "er"
    folder.mkdir(parents=True)
    hostile = folder / "a#..#..#..#escaped.xlsx"
    _workbook(folder, "default").rename(hostile)
    before = set(tmp_path.rglob("*"))
    env = {**os.environ, "MAPGEN_CACHE_DIR": str(tmp_path / "cache"), "MAPGEN_NO_SYSTEM_FONTS": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "mapgen", "build", str(hostile), "--out", str(folder / "out"), "--jobs", "1",
         "--format", "pptx,pdf", "--quiet"],
        capture_output=True, text=True, timeout=120, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    new = set(tmp_path.rglob("*")) - before
    outside = [
        p for p in new if not p.is_relative_to(folder / "out") and not p.is_relative_to(tmp_path / "cache")
    ]
    assert outside == []
    assert sorted(p.name for p in (folder / "out").iterdir()) == [
        "a#..#..#..#escaped.pdf", "a#..#..#..#escaped.pptx", "manifest.json"
    ]  # fmt: skip


def _renamed_workbook(path: Path) -> Path:
    book = Workbook()
    book.active.append(["not", "a", "deck"])
    book.save(path)
    return path


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda d: Path("/dev/zero"), "not a regular file"),
        (lambda d: (os.mkfifo(d / "fifo.pptx"), d / "fifo.pptx")[1], "not a regular file"),
        (lambda d: _renamed_workbook(d / "book.pptx"), "no ppt/presentation.xml"),
        (lambda d: (d / "junk.pptx").write_bytes(b"PK\x03\x04junk") and d / "junk.pptx", "not a zip archive"),
    ],
    ids=["dev-zero", "fifo", "workbook-renamed", "not-a-zip"],
)
def test_a_client_template_is_checked_before_any_work(tmp_path: Path, make, says: str) -> None:  # type: ignore[no-untyped-def]
    """--template refuses at once, in one line, what is no bounded PowerPoint file: never reads it whole."""
    template = make(tmp_path)
    workbook = _workbook(tmp_path, "default")
    done = subprocess.run(
        [sys.executable, "-m", "mapgen", "build", str(workbook), "--out", str(tmp_path / "out"),
         "--template", str(template), "--format", "pptx", "--jobs", "1", "--quiet"],
        capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "MAPGEN_CACHE_DIR": str(tmp_path / "cache")},
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert says in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert not (tmp_path / "out").exists()
