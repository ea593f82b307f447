"""Themes: built-ins, inheritance, validation (every problem at once), contrast, and the CLI."""

from __future__ import annotations

import dataclasses
import struct
import textwrap
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation

from mapgen import colors, text
from mapgen.cli import main
from mapgen.errors import ThemeError
from mapgen.model import Problem
from mapgen.themes import LANES, Theme, builtin_theme_dir, list_themes, load_theme, theme_to_toml

BUILTINS = ("default", "agency", "corporate", "high-contrast", "default-de")


def write(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def problems_of(spec: str | Path) -> list[Problem]:
    with pytest.raises(ThemeError) as caught:
        load_theme(spec)
    return list(caught.value.problems)


def png_bytes() -> bytes:
    """Return a valid 1x1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


# --- Built-in themes -------------------------------------------------------------------------


def test_builtins_are_listed_default_first() -> None:
    listed = list_themes()
    assert listed[0][0] == "default"
    assert {name for name, _ in listed} >= set(BUILTINS)
    assert all(description for _name, description in listed)


@pytest.mark.parametrize("name", BUILTINS)
def test_builtin_validates_without_problems(name: str) -> None:
    theme = load_theme(name)
    assert theme.name == name
    assert theme.warnings == ()
    assert theme.source == builtin_theme_dir() / f"{name}.toml"
    threshold = 7.0 if theme.contrast == "AAA" else 4.5
    assert all(pair.ratio >= threshold for pair in theme.text_pairs())
    assert len(theme.colours.stages) >= 6 and len(theme.colours.series) >= 6
    for role in ("heading", "body"):
        chain = theme.font_chain(role)
        assert chain.primary.path.parent == text.bundled_fonts_dir()  # designed, on every machine


def test_builtins_look_different() -> None:
    themes = [load_theme(name) for name in ("default", "agency", "corporate", "high-contrast")]
    assert len({t.colours.primary for t in themes}) == 4
    assert len({t.colours.stages for t in themes}) == 4
    agency, corporate = themes[1], themes[2]
    assert agency.style.header_band and colors.relative_luminance(agency.colours.header) < 0.05
    assert agency.font_chain("heading").primary.weight == 900
    assert corporate.font_chain("heading").family == "Caladea"  # serif headings
    assert corporate.office_font("body") == "Calibri"  # Carlito's metric twin in Office
    cyrillic = corporate.font_chain("heading").face_for("Ж")  # Caladea has none: a role fallback
    assert cyrillic is not None and cyrillic.family == "DejaVu Serif"
    # Decks name Calibri, which every Office has; Lato measures the text, and is wider.
    assert load_theme("default").office_font("body") == "Calibri"


def test_high_contrast_is_aaa_with_faces() -> None:
    theme = load_theme("high-contrast")
    assert theme.contrast == "AAA" and theme.emotion.markers == "faces"
    assert min(pair.ratio for pair in theme.text_pairs()) >= 7
    c = theme.colours
    for key in ("emotion_negative", "emotion_neutral", "emotion_positive", "pain", "opportunity"):
        assert colors.contrast_ratio(getattr(c, key), c.background) >= 3
    assert theme.sizes.minimum >= load_theme("default").sizes.minimum


def test_default_palette_is_okabe_ito() -> None:
    okabe_ito = {"#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7"}
    assert set(load_theme("default").colours.stages) == okabe_ito


# --- Inheritance -----------------------------------------------------------------------------


def test_german_theme_overrides_only_what_it_names() -> None:
    default, german = load_theme("default"), load_theme("default-de")
    assert german.lanes.label("pain_points") == "Schmerzpunkte"
    assert german.labels.page_x_of_y(3, 12) == "Seite 3 von 12"
    assert german.labels.default_title == "Customer Journeys"
    assert german.footer.confidentiality == ""  # nothing is confidential that nobody marked so
    assert german.lanes.show == default.lanes.show
    assert (german.language, default.language) == ("de", "en")  # German words hyphenate as German
    same = dataclasses.replace(
        german,
        language=default.language,
        name=default.name,
        description=default.description,
        labels=default.labels,
        lanes=default.lanes,
        footer=default.footer,
    )
    assert same == default
    assert german.files == (builtin_theme_dir() / "default-de.toml", builtin_theme_dir() / "default.toml")


def test_user_theme_inherits_key_by_key(tmp_path: Path) -> None:
    base = write(
        tmp_path,
        "brand/base.toml",
        """
        extends = "corporate"
        [colours]
        primary = "#123456"
        [sizes]
        base = 11
        """,
    )
    child = write(
        tmp_path,
        "client.toml",
        """
        name = "client"
        extends = "brand/base.toml"
        [colours]
        accent = "#654321"
        """,
    )
    corporate, theme = load_theme("corporate"), load_theme(child)
    assert theme.name == "client"
    assert theme.colours.primary == "#123456"  # from base.toml
    assert theme.colours.accent == "#654321"  # from client.toml
    assert theme.sizes.base == 11 and theme.sizes.scale == corporate.sizes.scale
    assert theme.fonts == corporate.fonts
    # corporate's own stage palette stays; the curve ("auto") follows the new primary.
    unchanged = dataclasses.replace(
        corporate.colours,
        primary="#123456",
        curve="#123456",
        accent="#654321",
        on_accent=theme.colours.on_accent,
    )
    assert theme.colours == unchanged
    assert theme.files == (
        child.resolve(),
        base.resolve(),
        builtin_theme_dir() / "corporate.toml",
        builtin_theme_dir() / "default.toml",
    )


def test_theme_without_extends_inherits_default(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.toml", '[colours]\nprimary = "#222222"\n')
    theme = load_theme(path)
    assert theme.name == "mine"  # never "default", inherited
    assert theme.colours.primary == "#222222"
    assert theme.labels == load_theme("default").labels


def test_relative_spec_uses_base_dir(tmp_path: Path) -> None:
    write(tmp_path, "themes/acme.toml", 'extends = "agency"\n')
    assert load_theme("themes/acme.toml", base_dir=tmp_path).name == "acme"


def test_extends_cycle_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", 'extends = "b.toml"\n')
    write(tmp_path, "b.toml", 'extends = "a.toml"\n')
    (problem,) = problems_of(tmp_path / "a.toml")
    assert problem.cell == "extends" and "cycle" in problem.message
    assert "a.toml -> " in problem.message and "b.toml" in problem.message


def test_paths_are_relative_to_the_file_that_names_them(tmp_path: Path) -> None:
    (tmp_path / "brand" / "fonts").mkdir(parents=True)
    (tmp_path / "brand" / "logo.png").write_bytes(png_bytes())
    lato = text.bundled_fonts_dir()
    (tmp_path / "brand" / "fonts" / "Brand-Regular.ttf").write_bytes((lato / "Lato-Regular.ttf").read_bytes())
    (tmp_path / "brand" / "fonts" / "Brand-Bold.ttf").write_bytes((lato / "Lato-Bold.ttf").read_bytes())
    Presentation().save(str(tmp_path / "brand" / "client.pptx"))
    write(
        tmp_path,
        "brand/brand.toml",
        """
        logo = "logo.png"
        [fonts.body]
        family = "fonts/Brand-Regular.ttf"
        bold = "fonts/Brand-Bold.ttf"
        [slide]
        template = "client.pptx"
        """,
    )
    child = write(tmp_path, "projects/x/theme.toml", 'extends = "../../brand/brand.toml"\n')
    theme = load_theme(child)
    assert theme.logo == (tmp_path / "brand" / "logo.png").resolve()
    assert theme.slide.template == (tmp_path / "brand" / "client.pptx").resolve()
    assert theme.font_chain("body").primary.path.name == "Brand-Regular.ttf"
    assert theme.font_chain("body", bold=True).primary.path.name == "Brand-Bold.ttf"
    assert theme.office_font("body") == "Lato"


# --- Validation ------------------------------------------------------------------------------

BAD = [
    ("unknown-key", "[colours]\nbackgound = '#fff'\n", "colours.backgound", "did you mean 'background'?"),
    ("unknown-section", "[colors]\nprimary = '#fff'\n", "colors", "did you mean 'colours'?"),
    ("key-in-wrong-section", "[colours]\nminimum = 6\n", "colours.minimum", "did you mean 'sizes.minimum'?"),
    ("malformed-colour", "[colours]\ntext = 'blu'\n", "colours.text", "expected a colour"),
    ("colour-wrong-type", "[colours]\ntext = 0x333333\n", "colours.text", "got the number"),
    (
        "bad-palette-item",
        "[colours]\nstages = ['#000', '#111', '#zz0', '#333', '#444', '#555']\n",
        "colours.stages[2]",
        "got '#zz0'",
    ),
    (
        "short-palette",
        "[colours]\nstages = ['#000', '#111', '#222']\n",
        "colours.stages",
        "at least 6 colours",
    ),
    ("on-stage-length", "[colours]\non_stage = ['#fff', '#000']\n", "colours.on_stage", "has 2 colours"),
    ("wrong-type-number", "[sizes]\nbase = 'ten'\n", "sizes.base", "must be a number"),
    ("wrong-type-bool", "[style]\nheader_band = 'yes'\n", "style.header_band", "true or false"),
    ("not-a-table", "colours = 3\n", "colours", "must be a table"),
    ("minimum-above-base", "[sizes]\nbase = 8\nminimum = 9\n", "sizes.minimum", "above the base size"),
    ("page-size", "[page]\nsize = 'A5'\n", "page.size", "'A4' or 'Letter'"),
    ("margins", "[page]\nmargins_mm = [1, 2, 3]\n", "page.margins_mm", "list of 3"),
    ("slide-size", "[slide]\nsize = '16:10'\n", "slide.size", "did you mean '16:9'?"),
    ("png-preset", "[png]\nsize = 'posterr'\n", "png.size", "did you mean 'poster'?"),
    ("dpi", "[png]\ndpi = 5\n", "png.dpi", "from 36 to 1200"),
    ("lane", "[lanes]\nshow = ['actions', 'pain_point']\n", "lanes.show", "did you mean 'pain_points'?"),
    ("lane-twice", "[lanes]\nshow = ['actions', 'actions']\n", "lanes.show", "listed twice"),
    ("empty-label", "[labels]\ngoals = ''\n", "labels.goals", "must not be empty"),
    ("markers", "[emotion]\nmarkers = 'smileys'\n", "emotion.markers", "'faces' or 'dots'"),
    ("footer", "[footer]\ntext = '{clinet}'\n", "footer.text", "did you mean {client}?"),
    ("contrast-level", "contrast = 'AAAA'\n", "contrast", "'AA' or 'AAA'"),
    ("missing-logo", "logo = 'nope.png'\n", "logo", "not found in the theme's folder"),
    ("logo-not-image", "logo = 'theme.toml'\n", "logo", "PNG or JPEG"),
    (
        "missing-font",
        "[fonts.body]\nfamily = 'fonts/missing.ttf'\n",
        "fonts.body.family",
        "not found in the theme's folder",
    ),
    ("style-not-file", "[fonts.body]\nbold = 'Lato Bold'\n", "fonts.body.bold", "must be a font file"),
    ("template", "[slide]\ntemplate = 'theme.toml'\n", "slide.template", ".pptx or .potx"),
    ("fallback-type", "[fonts]\nfallback = 'DejaVu Sans'\n", "fonts.fallback", "must be a list"),
]


@pytest.mark.parametrize(("body", "key", "fragment"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_each_kind_of_bad_theme(tmp_path: Path, body: str, key: str, fragment: str) -> None:
    path = write(tmp_path, "theme.toml", body)
    problems = problems_of(path)
    errors = [p for p in problems if p.is_error]
    assert [p.cell for p in errors] == [key], [str(p) for p in problems]
    assert fragment in errors[0].message
    assert errors[0].file is not None and errors[0].file.endswith("theme.toml")
    assert str(errors[0]).startswith(f"{errors[0].file}:{key}: error: ")


def test_cff_font_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "Brand.otf").write_bytes(b"OTTO" + bytes(8))
    path = write(tmp_path, "theme.toml", "[fonts.heading]\nfamily = 'Brand.otf'\n")
    (problem,) = problems_of(path)
    assert problem.cell == "fonts.heading.family" and "CFF" in problem.message


def test_every_problem_at_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "bad.toml",
        """
        contrst = "AAA"
        [colours]
        text = "blu"
        muted = "#bbbbbb"
        stages = ["#000", "#111"]
        [sizes]
        base = 8
        minimum = 9
        [page]
        size = "A5"
        """,
    )
    with pytest.raises(ThemeError) as caught:
        load_theme(path)
    problems = caught.value.problems
    assert [(p.severity, p.cell) for p in problems] == [
        ("error", "contrst"),
        ("error", "colours.text"),
        ("error", "colours.stages"),
        ("error", "sizes.minimum"),
        ("error", "page.size"),
        ("warning", "colours.muted"),
        ("warning", "colours.muted"),
    ]
    assert "5 errors" in caught.value.message
    assert all(p.file == problems[0].file and p.file and p.file.endswith("bad.toml") for p in problems)


def test_inherited_problem_names_the_file_that_set_the_key(tmp_path: Path) -> None:
    write(tmp_path, "base.toml", "[colours]\nsurface = 'nope'\n")
    child = write(tmp_path, "child.toml", "extends = 'base.toml'\n[colours]\nprimary = '#111'\n")
    (problem,) = problems_of(child)
    assert (
        problem.cell == "colours.surface" and problem.file is not None and problem.file.endswith("base.toml")
    )


def test_unreadable_themes(tmp_path: Path) -> None:
    (problem,) = problems_of(write(tmp_path, "broken.toml", "[colours\n"))
    assert "is not valid TOML" in problem.message and problem.file and problem.file.endswith("broken.toml")
    (problem,) = problems_of(tmp_path / "absent.toml")
    assert "not found" in problem.message
    (problem,) = problems_of("agencyy")
    assert "did you mean 'agency'?" in problem.message
    (problem,) = problems_of(write(tmp_path, "parent.toml", "extends = 3\n"))
    assert problem.cell == "extends"


# --- Contrast --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("foreground", "background", "ratio"),
    [
        ("#777777", "#ffffff", 4.48),  # WCAG's own example of a grey that just fails AA
        ("#767676", "#ffffff", 4.54),  # the lightest grey that passes on white
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#595959", "#ffffff", 7.0),  # the lightest grey that passes AAA on white
        ("#0000ff", "#ffffff", 8.59),
    ],
)
def test_contrast_ratio_matches_wcag(foreground: str, background: str, ratio: float) -> None:
    assert round(colors.contrast_ratio(foreground, background), 2) == ratio
    assert colors.contrast_ratio(background, foreground) == colors.contrast_ratio(foreground, background)


def test_colour_parsing() -> None:
    assert colors.parse_color("#ABC") == "#aabbcc"
    assert colors.parse_color(" 1A73E8 ") == "#1a73e8"
    for bad in ("#12", "red", "#gggggg", 12, None):
        with pytest.raises(ValueError, match="colour"):
            colors.parse_color(bad)
    assert colors.mix("#000000", "#ffffff", 0.5) == "#808080"
    assert colors.grey("#ffffff") == "#ffffff"


def test_weak_contrast_is_a_warning_naming_the_pair_and_ratio(tmp_path: Path) -> None:
    path = write(tmp_path, "pale.toml", "[colours]\nmuted = '#777777'\n")
    theme = load_theme(path)
    messages = [p.message for p in theme.warnings]
    assert len(messages) == 2  # muted on the background and on the surface
    assert "#777777 (colours.muted) on #ffffff (colours.background)" in messages[0]
    assert "4.48:1" in messages[0] and "4.5:1" in messages[0]
    assert all(not p.is_error and p.cell == "colours.muted" for p in theme.warnings)


def test_weak_contrast_is_an_error_in_an_aaa_theme(tmp_path: Path) -> None:
    path = write(tmp_path, "hc.toml", "extends = 'high-contrast'\n[colours]\nmuted = '#767676'\n")
    problems = problems_of(path)
    assert {(p.severity, p.cell) for p in problems} == {("error", "colours.muted")}
    assert "4.54:1" in problems[0].message and "7:1" in problems[0].message


def test_aaa_theme_checks_graphics_and_markers(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "hc.toml",
        "extends = 'high-contrast'\n[colours]\nemotion_neutral = '#bbbbbb'\n[emotion]\nmarkers = 'dots'\n",
    )
    problems = problems_of(path)
    assert [(p.severity, p.cell) for p in problems] == [
        ("error", "colours.emotion_neutral"),
        ("warning", "emotion.markers"),
    ]


def test_auto_text_colours_reach_the_level(tmp_path: Path) -> None:
    path = write(tmp_path, "auto.toml", "[colours]\nprimary = '#f0e442'\non_primary = 'auto'\n")
    theme = load_theme(path)
    assert theme.colours.on_primary == theme.colours.text  # dark text on yellow
    assert theme.warnings == ()
    # A primary without stages of its own: the first stage is the primary, with dark text on it.
    assert theme.colours.stage_colour(0) == "#f0e442"
    assert theme.colours.on_stage_colour(0) == theme.colours.text


# --- The Theme object ------------------------------------------------------------------------


def test_theme_values_for_renderers() -> None:
    theme = load_theme("default")
    with pytest.raises(dataclasses.FrozenInstanceError):
        theme.name = "x"  # type: ignore[misc]
    assert theme.page.width == pytest.approx(595.28, abs=0.01) and theme.page.height == pytest.approx(
        841.89, abs=0.01
    )
    assert theme.page.margins[0] == pytest.approx(20 * 72 / 25.4)
    assert (theme.slide.width, theme.slide.height) == (960, 540)
    assert theme.png.canvas() == (960, 540) and theme.png.resolution() == 144
    assert theme.png.resolution("poster") == 300
    assert theme.sizes.size("body") == 10 and theme.sizes.size("h1") > theme.sizes.size("h2") > 10
    assert theme.sizes.size("small") >= theme.sizes.minimum
    assert theme.colours.stage_colour(7) == theme.colours.stage_colour(0)  # palettes repeat
    assert theme.colours.emotion_colour(-1) == theme.colours.emotion_negative
    assert theme.colours.emotion_colour(1) == theme.colours.emotion_positive
    assert theme.colours.emotion_colour(None) == theme.colours.emotion_neutral
    assert set(theme.lanes.show) <= set(LANES)
    assert theme.lanes.label("kpis") == "KPIs"
    assert theme.footer.render(client="Acme", title="Journeys") == "Acme · Journeys"
    assert theme.footer.render(title="Journeys", confidentiality="Internal") == "Journeys · Internal"
    assert theme.font_chain("heading").primary.bold
    assert theme.font_chain("body", bold=True, italic=True).primary.path.name == "Lato-BoldItalic.ttf"


@pytest.mark.parametrize("name", BUILTINS)
def test_resolved_toml_loads_back_the_same(tmp_path: Path, name: str) -> None:
    theme = load_theme(name)
    path = tmp_path / f"{name}.toml"
    path.write_text(theme_to_toml(theme), encoding="utf-8")
    again = load_theme(path)
    assert again == theme
    assert again.warnings == ()


def test_theme_pickles_for_worker_processes() -> None:
    import pickle

    theme = load_theme("corporate")
    copy = pickle.loads(pickle.dumps(theme))
    assert copy == theme and copy.font_chain("heading") == theme.font_chain("heading")
    assert isinstance(copy, Theme)


# --- The command line ------------------------------------------------------------------------


def test_cli_lists_themes() -> None:
    result = CliRunner().invoke(main, ["themes"])
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names[0] == "default" and set(BUILTINS) <= set(names)


def test_cli_shows_resolved_values() -> None:
    result = CliRunner().invoke(main, ["themes", "show", "default-de"])
    assert result.exit_code == 0, result.output
    assert 'pain_points = "Schmerzpunkte"' in result.stdout
    assert 'family = "Lato"' in result.stdout  # inherited from default


def test_cli_checks_a_good_theme(tmp_path: Path) -> None:
    path = write(tmp_path, "good.toml", "extends = 'agency'\n[colours]\nmuted = '#777777'\n")
    result = CliRunner().invoke(main, ["themes", "check", str(path)])
    assert result.exit_code == 0
    assert f"{path}: OK, 2 warnings" in result.stdout
    assert len(result.stderr.splitlines()) == 2 and "4.4" in result.stderr


def test_cli_checks_a_bad_theme_one_line_per_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.toml", "[colours]\ntext = 'blu'\nbackgound = '#fff'\n[sizes]\nbase = 'x'\n")
    result = CliRunner().invoke(main, ["themes", "check", str(path)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    assert all(line.startswith(str(path) + ":") and ": error: " in line for line in lines)
    assert "did you mean 'background'?" in result.stderr


def test_cli_unknown_theme_name() -> None:
    result = CliRunner().invoke(main, ["themes", "show", "corprate"])
    assert result.exit_code == 1
    assert "did you mean 'corporate'?" in result.stderr
