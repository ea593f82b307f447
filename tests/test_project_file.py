"""The project file beside a workbook: its values, its errors naming file and key, its confinement."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapgen.errors import InputError
from mapgen.project_file import load_project_file


def write(folder: Path, text: str, name: str = "mapgen.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_no_project_file_sets_nothing(tmp_path: Path) -> None:
    project = load_project_file(tmp_path)
    assert project.path is None and project.formats is None and project.strict is None


def test_every_key_is_read_and_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "acme.toml").write_text('extends = "default"\n')
    (tmp_path / "brand" / "acme.potx").write_bytes(b"not checked here")
    write(
        tmp_path,
        """
theme = "brand/acme.toml"
template = "brand/acme.potx"
formats = ["png", "PDF"]
out = "deliverables"
size = "a4"
dpi = 150
personas = ["Emma Hughes"]
strict = true

[columns]
"Section" = "stage"
"What they do" = "Step"
""",
    )
    project = load_project_file(tmp_path)
    root = tmp_path.resolve()
    assert project.theme == str(root / "brand" / "acme.toml")
    assert project.template == root / "brand" / "acme.potx"
    assert project.formats == ("png", "pdf")
    assert project.out == root / "deliverables"
    assert (project.size, project.dpi, project.personas, project.strict) == (
        "a4",
        150,
        ("Emma Hughes",),
        True,
    )
    assert project.columns == (("Section", "stage"), ("What they do", "action"))


def test_a_built_in_theme_name_stays_a_name(tmp_path: Path) -> None:
    write(tmp_path, 'theme = "agency"\nformats = "png,pdf"\n')
    project = load_project_file(tmp_path)
    assert project.theme == "agency" and project.formats == ("png", "pdf")


def test_every_wrong_key_is_reported_at_once_naming_file_and_key(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'colour = "red"\ndpi = "high"\nsize = "huge"\nformats = ["png", "gif", "png"]\nstrict = "yes"\n'
        '[columns]\n"Section" = "mood ring"\n"Where" = "touchpoint"\n"WHERE?" = "owner"\n"--" = "stage"\n',
    )
    with pytest.raises(InputError) as caught:
        load_project_file(tmp_path)
    lines = [str(p) for p in caught.value.problems]
    assert all(line.startswith(f"{path}:") for line in lines)
    text = "\n".join(lines)
    for key in (
        "colour: error: unknown key",
        "dpi: error: must be a whole number, not text",
        "size: error",
        "formats: error: unknown format gif",
        "strict: error: must be true or false",
        'columns."Section": error: "mood ring" is not a step field',
        'columns."WHERE?": error: matches "Where" too',
        'columns."--": error: has no letters or digits',
    ):
        assert key in text, text


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ('out = "/tmp/elsewhere"', "is absolute"),
        ('out = "../sibling"', "leaves the project file's folder"),
        ('template = "../client.potx"', "leaves the project file's folder"),
        ('theme = "/etc/theme.toml"', "is absolute"),
        ('template = "missing.potx"', "was not found"),
    ],
)
def test_paths_stay_inside_the_project_files_folder(tmp_path: Path, line: str, says: str) -> None:
    write(tmp_path, line + "\n")
    with pytest.raises(InputError) as caught:
        load_project_file(tmp_path)
    assert says in str(caught.value.problems[0]), caught.value.problems


def test_pyproject_tool_mapgen_is_read_and_two_project_files_are_refused(tmp_path: Path) -> None:
    path = write(
        tmp_path, '[project]\nname = "x"\n[tool.mapgen]\nformats = ["png"]\nstrict = 1\n', "pyproject.toml"
    )
    with pytest.raises(InputError) as caught:
        load_project_file(tmp_path)
    assert (
        str(caught.value.problems[0])
        == f"{path}:tool.mapgen.strict: error: must be true or false, not a number"
    )
    write(tmp_path, '[tool.mapgen]\nformats = ["png"]\n', "pyproject.toml")
    assert load_project_file(tmp_path).formats == ("png",)
    write(tmp_path, 'formats = ["pdf"]\n')
    with pytest.raises(InputError, match="keep the settings in one of the two"):
        load_project_file(tmp_path)


def test_a_pyproject_without_tool_mapgen_is_no_project_file(tmp_path: Path) -> None:
    write(tmp_path, '[project]\nname = "x"\n', "pyproject.toml")
    assert load_project_file(tmp_path).path is None


def test_broken_toml_is_one_line_naming_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "formats = [png\n")
    with pytest.raises(InputError) as caught:
        load_project_file(tmp_path)
    assert str(caught.value).startswith(f"{path}: error: not valid TOML")
