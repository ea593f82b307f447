"""Themes: load, inherit and validate themes/*.toml into one frozen Theme for every renderer.

A theme file is TOML. `extends = "NAME"` (a built-in theme) or `extends = "path/to/base.toml"`
(relative to the file) inherits every key and overrides key by key: tables merge, anything else
(strings, numbers, lists) is replaced whole. A theme that names no `extends` inherits `default`,
which defines every key, so a user's theme only says what differs. Paths in a theme (font files,
logo, deck template) are relative to the file that names them.

Validation collects every problem at once; each names the theme file that set the key and the
dotted key ("themes/acme.toml:colours.text: error: ..."), as mapgen.model.Problem with the key in
its `cell`. Errors raise ThemeError with all of them; warnings (weak contrast, a font family that
is not installed) stay on Theme.warnings.

How renderers use a theme: colours are "#rrggbb" strings under theme.colours, and text is only
ever drawn in one of the pairs Theme.text_pairs() lists (each is contrast-checked); font files
come from theme.font_chain("heading" | "body"), the deck's family names from
theme.office_font(...); sizes from theme.sizes.size("title" | "h1" | "h2" | "h3" | "body" |
"small"); lanes in theme.lanes.show order under theme.lanes.label(lane); every fixed word of the
deliverables from theme.labels.
"""

from __future__ import annotations

import dataclasses
import difflib
import functools
import json
import math
import string
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast, get_args

from mapgen import colors
from mapgen.errors import ThemeError
from mapgen.model import Problem

if TYPE_CHECKING:
    from mapgen.text import FontChain

__all__ = [
    "LANES",
    "Colours",
    "Emotion",
    "FontSpec",
    "Fonts",
    "Footer",
    "Labels",
    "LaneLabels",
    "Lanes",
    "Page",
    "Png",
    "Sizes",
    "Slide",
    "Style",
    "TextPair",
    "Theme",
    "builtin_theme_dir",
    "list_themes",
    "load_theme",
    "theme_to_toml",
]

Contrast = Literal["AA", "AAA"]
PageSize = Literal["A4", "Letter"]
SlideSize = Literal["16:9", "4:3"]
PngSize = Literal["slide", "a4", "poster"]
Markers = Literal["faces", "dots"]
StageShape = Literal["chevron", "band"]
Weight = Literal["regular", "bold"]
FontRole = Literal["heading", "body"]
SizeRole = Literal["title", "h1", "h2", "h3", "body", "small"]
Lane = Literal[
    "actions",
    "touchpoints",
    "goals",
    "thoughts",
    "emotions",
    "pain_points",
    "opportunities",
    "kpis",
    "owner",
    "evidence",
    "extra",
]
# Every lane a journey map can show; "emotions" is the curve, "extra" the workbook's own columns.
LANES: tuple[Lane, ...] = get_args(Lane)

_MM = 72 / 25.4
_PAGE_SIZES: dict[str, tuple[float, float]] = {"A4": (210 * _MM, 297 * _MM), "Letter": (612.0, 792.0)}
_SLIDE_SIZES: dict[str, tuple[float, float]] = {"16:9": (960.0, 540.0), "4:3": (720.0, 540.0)}
# PNG canvases in points, landscape: slide is 1920x1080 px at 144 dpi, a4 and poster (A3) at 300 dpi.
_PNG_SIZES: dict[str, tuple[float, float, int]] = {
    "slide": (960.0, 540.0, 144),
    "a4": (297 * _MM, 210 * _MM, 300),
    "poster": (420 * _MM, 297 * _MM, 300),
}
_FOOTER_FIELDS = ("title", "client", "prepared_by", "date", "version", "confidentiality")
_MIN_PALETTE = 6


# ---------------------------------------------------------------------------------------------
# The Theme


@dataclass(frozen=True)
class Colours:
    """Every colour a renderer may use, as "#rrggbb"; text only in the pairs of Theme.text_pairs()."""

    background: str  # the page, slide and canvas
    surface: str  # cards and lane backgrounds
    border: str  # card outlines, grid and zero lines
    text: str
    muted: str  # secondary text: captions, footers, lane labels
    primary: str  # title bands, table headers, the emotion line
    on_primary: str  # text on primary
    accent: str  # call-outs such as the moment that matters
    on_accent: str
    header: str  # the header band of a journey map (the background when there is no band)
    on_header: str
    stages: tuple[str, ...]  # stage chevrons, in journey order, repeated when there are more stages
    on_stage: tuple[str, ...]  # text on each stage colour, same length as stages
    series: tuple[str, ...]  # one per persona on overview charts
    pain: str  # marks pain points (a bar or icon beside the card)
    pain_surface: str  # pain point cards
    opportunity: str
    opportunity_surface: str
    emotion_negative: str
    emotion_neutral: str
    emotion_positive: str

    def stage_colour(self, index: int) -> str:
        """Return the fill of the stage at index (0-based), cycling through the palette."""
        return self.stages[index % len(self.stages)]

    def on_stage_colour(self, index: int) -> str:
        """Return the text colour for the stage at index."""
        return self.on_stage[index % len(self.on_stage)]

    def series_colour(self, index: int) -> str:
        """Return the colour of the index-th persona on overview charts."""
        return self.series[index % len(self.series)]

    def emotion_colour(self, score: float | None) -> str:
        """Return the colour of an emotion score in [-1, 1]; None (no score) is neutral."""
        if score is None or math.isnan(score):
            return self.emotion_neutral
        score = max(-1.0, min(1.0, score))
        if score < 0:
            return colors.mix(self.emotion_neutral, self.emotion_negative, -score)
        return colors.mix(self.emotion_neutral, self.emotion_positive, score)


@dataclass(frozen=True)
class FontSpec:
    """A font role: a family name or a font file (absolute Path), and optional style files."""

    family: str | Path
    bold: Path | None = None
    italic: Path | None = None
    bold_italic: Path | None = None
    weight: Weight = "regular"  # the weight the role is drawn in
    office: str | None = None  # the family a deck names, e.g. "Calibri" for metric-compatible Carlito
    fallback: tuple[str | Path, ...] = ()  # tried for this role before Fonts.fallback


@dataclass(frozen=True)
class Fonts:
    """The heading and body fonts and the fallbacks shared by both."""

    heading: FontSpec
    body: FontSpec
    fallback: tuple[str | Path, ...] = ()
    system_fallback: bool = True


@dataclass(frozen=True)
class Sizes:
    """Type sizes in points: a base size, a heading scale and the size text never shrinks below."""

    base: float
    scale: float
    minimum: float
    line_height: float  # multiple of the size

    def size(self, role: SizeRole) -> float:
        """Return the size of a role: title > h1 > h2 > h3 > body > small, in points."""
        steps = {"title": 4, "h1": 3, "h2": 2, "h3": 1, "body": 0, "small": -1}[role]
        return round(max(self.minimum, self.base * self.scale**steps), 2)


@dataclass(frozen=True)
class Page:
    """The report's page: A4 or Letter, portrait, margins in millimetres (top, right, bottom, left)."""

    size: PageSize
    margins_mm: tuple[float, float, float, float]

    @property
    def width(self) -> float:
        """Return the page width in points."""
        return _PAGE_SIZES[self.size][0]

    @property
    def height(self) -> float:
        """Return the page height in points."""
        return _PAGE_SIZES[self.size][1]

    @property
    def margins(self) -> tuple[float, float, float, float]:
        """Return the margins in points (top, right, bottom, left)."""
        top, right, bottom, left = (m * _MM for m in self.margins_mm)
        return top, right, bottom, left


@dataclass(frozen=True)
class Slide:
    """The deck's slide size and an optional client template (.pptx or .potx)."""

    size: SlideSize
    template: Path | None = None

    @property
    def width(self) -> float:
        """Return the slide width in points."""
        return _SLIDE_SIZES[self.size][0]

    @property
    def height(self) -> float:
        """Return the slide height in points."""
        return _SLIDE_SIZES[self.size][1]


@dataclass(frozen=True)
class Png:
    """The infographic's canvas preset and resolution (None: the preset's own)."""

    size: PngSize
    dpi: int | None = None

    def canvas(self, size: PngSize | None = None) -> tuple[float, float]:
        """Return the canvas width and height in points for a preset (default: the theme's)."""
        width, height, _dpi = _PNG_SIZES[size or self.size]
        return width, height

    def resolution(self, size: PngSize | None = None) -> int:
        """Return the dpi: the theme's, else 144 for slide (1920x1080 px) and 300 for a4 and poster."""
        return self.dpi or _PNG_SIZES[size or self.size][2]


@dataclass(frozen=True)
class LaneLabels:
    """What each lane is called on the map (a theme may say "Friction" or "Schmerzpunkte")."""

    actions: str
    touchpoints: str
    goals: str
    thoughts: str
    emotions: str
    pain_points: str
    opportunities: str
    kpis: str
    owner: str
    evidence: str
    extra: str  # a heading for the workbook's own columns where one is needed; each keeps its name


@dataclass(frozen=True)
class Lanes:
    """Which lanes a journey map shows, in order, and their labels."""

    show: tuple[Lane, ...]
    labels: LaneLabels

    def label(self, lane: str) -> str:
        """Return the label of a lane id such as "pain_points"."""
        return str(getattr(self.labels, lane))


@dataclass(frozen=True)
class Labels:
    """The fixed words of the deliverables, so a theme can translate them."""

    agenda: str
    contents: str
    page: str
    of: str
    executive_summary: str
    overview: str
    personas: str
    persona: str
    stages: str
    stage: str
    step: str
    journey_map: str
    emotion_curve: str
    emotion: str
    score: str
    no_score: str
    pain_points: str
    opportunities: str
    pain_point_matrix: str
    moment_that_matters: str
    highest_moment: str
    lowest_moment: str
    recurring_pain_points: str
    top_opportunities: str
    action_plan: str
    next_steps: str
    profile: str
    name: str
    role: str
    age: str
    location: str
    quote: str
    bio: str
    goals: str
    motivations: str
    frustrations: str
    behaviours: str
    channels: str
    owner: str
    kpi: str
    count: str
    worst_score: str
    all_personas: str
    client: str
    prepared_by: str
    date: str
    version: str
    continued: str
    appendix: str
    source_workbook: str
    generated: str
    mapgen_version: str
    theme: str
    warnings: str
    no_warnings: str

    def page_x_of_y(self, page: int, pages: int) -> str:
        """Return "Page 3 of 12" in the theme's words."""
        return f"{self.page} {page} {self.of} {pages}"


@dataclass(frozen=True)
class Emotion:
    """How emotion markers are drawn: "faces" (shape carries the valence) or "dots"."""

    markers: Markers


@dataclass(frozen=True)
class Style:
    """Shapes of the map: corner radius (pt), stage headers, the header band, the curve's width (pt)."""

    corner_radius: float
    stage_shape: StageShape
    header_band: bool
    curve_width: float


@dataclass(frozen=True)
class Footer:
    """Footer text (placeholders {title} {client} {prepared_by} {date} {version} {confidentiality})
    and the confidentiality label used when the workbook gives none."""

    text: str
    confidentiality: str

    def render(self, **values: str | None) -> str:
        """Return the footer text with its placeholders filled ("" for unknown values)."""
        filled = {name: values.get(name) or "" for name in _FOOTER_FIELDS}
        if not filled["confidentiality"]:
            filled["confidentiality"] = self.confidentiality
        return " ".join(self.text.format_map(filled).split())


@dataclass(frozen=True)
class TextPair:
    """A text colour on a background colour that renderers use, with its WCAG contrast ratio."""

    foreground_key: str  # dotted key, e.g. "colours.on_stage[2]"
    background_key: str
    foreground: str
    background: str

    @property
    def ratio(self) -> float:
        """Return the WCAG 2.x contrast ratio of the pair."""
        return colors.contrast_ratio(self.foreground, self.background)


@dataclass(frozen=True)
class Theme:
    """A validated theme, after inheritance; every value is final."""

    name: str
    description: str
    contrast: Contrast
    logo: Path | None
    colours: Colours
    fonts: Fonts
    sizes: Sizes
    page: Page
    slide: Slide
    png: Png
    lanes: Lanes
    labels: Labels
    emotion: Emotion
    style: Style
    footer: Footer
    source: Path = field(compare=False)  # the theme file
    files: tuple[Path, ...] = field(default=(), compare=False)  # source first, then what it extends
    warnings: tuple[Problem, ...] = field(default=(), compare=False)

    def font_chain(self, role: FontRole, *, bold: bool | None = None, italic: bool = False) -> FontChain:
        """Return the font chain for a role; bold None means the role's own weight."""
        # Layout and the planners ask for a chain hundreds of thousands of times a build: resolve
        # each once per theme, in a cache beside the fields (not one of them, and not pickled).
        key = (role, bold, italic)
        chains: dict[tuple[FontRole, bool | None, bool], FontChain]
        chains = self.__dict__.setdefault("_font_chains", {})
        try:
            return chains[key]
        except KeyError:
            chain = chains[key] = self._resolve_font_chain(role, bold, italic)
            return chain

    def __getstate__(self) -> dict[str, Any]:
        """Return what pickling a theme keeps: its values, not the chains it resolved."""
        return {name: value for name, value in self.__dict__.items() if name != "_font_chains"}

    def _resolve_font_chain(self, role: FontRole, bold: bool | None, italic: bool) -> FontChain:
        from mapgen import text

        spec = self.fonts.heading if role == "heading" else self.fonts.body
        if bold is None:
            bold = spec.weight == "bold"
        primary: str | Path = spec.family
        if bold and italic and spec.bold_italic:
            primary = spec.bold_italic
        elif bold and not italic and spec.bold:
            primary = spec.bold
        elif italic and not bold and spec.italic:
            primary = spec.italic
        return text.font_chain(
            primary,
            fallback=(*spec.fallback, *self.fonts.fallback),
            bold=bold,
            italic=italic,
            system_fallback=self.fonts.system_fallback,
        )

    def office_font(self, role: FontRole) -> str:
        """Return the family name a deck gives a role (the theme's office name, else the font's)."""
        spec = self.fonts.heading if role == "heading" else self.fonts.body
        if spec.office:
            return spec.office
        return self.font_chain(role, bold=False).family

    def text_pairs(self) -> tuple[TextPair, ...]:
        """Return every text-on-background pair renderers draw, each checked for contrast."""
        c = self.colours
        pairs = [
            ("text", "background"),
            ("muted", "background"),
            ("text", "surface"),
            ("muted", "surface"),
            ("on_primary", "primary"),
            ("on_accent", "accent"),
            ("on_header", "header"),
            ("text", "pain_surface"),
            ("text", "opportunity_surface"),
        ]
        out = [TextPair(f"colours.{f}", f"colours.{b}", getattr(c, f), getattr(c, b)) for f, b in pairs]
        for i, fill in enumerate(c.stages):
            out.append(TextPair(f"colours.on_stage[{i}]", f"colours.stages[{i}]", c.on_stage_colour(i), fill))
        return tuple(out)


# ---------------------------------------------------------------------------------------------
# Finding themes


def builtin_theme_dir() -> Path:
    """Return the folder of the built-in themes: the repository's themes/, or the installed copy."""
    here = Path(__file__).resolve().parent
    candidates = [here / "_themes"]
    if here.parent.name == "src":  # a source checkout or editable install
        candidates.insert(0, here.parent.parent / "themes")
    for folder in candidates:
        if (folder / "default.toml").is_file():
            return folder
    raise ThemeError(
        "the built-in themes are missing: reinstall mapgen",
        [Problem("error", "the built-in themes are missing: reinstall mapgen", file=str(candidates[-1]))],
    )


def _builtin_names() -> list[str]:
    return sorted(p.stem for p in builtin_theme_dir().glob("*.toml"))


def list_themes() -> list[tuple[str, str]]:
    """Return the built-in themes as (name, description), default first."""
    out = []
    for name in _builtin_names():
        path = builtin_theme_dir() / f"{name}.toml"
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            out.append((name, "(cannot be read: run `mapgen themes check` on it)"))
            continue
        description = data.get("description")
        out.append((name, description if isinstance(description, str) else ""))
    return sorted(out, key=lambda item: (item[0] != "default", item[0]))


def _is_path_spec(spec: str) -> bool:
    return spec.lower().endswith(".toml") or "/" in spec or "\\" in spec


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# ---------------------------------------------------------------------------------------------
# Loading and merging


@dataclass
class _Source:
    path: Path
    data: dict[str, Any]


class _Problems:
    """Problems found so far, each naming the file that set the key."""

    def __init__(self, leaf: Path) -> None:
        self.leaf = leaf
        self.items: list[Problem] = []
        self.provenance: dict[str, Path] = {}
        self.depth: dict[Path, int] = {}

    def file_of(self, *keys: str) -> Path:
        """Return the most derived file that set any of keys (or a table above them)."""
        found: list[Path] = []
        for key in keys:
            probe = key.split("[", 1)[0]
            while probe:
                if probe in self.provenance:
                    found.append(self.provenance[probe])
                    break
                probe = probe.rpartition(".")[0]
        if not found:
            return self.leaf
        return min(found, key=lambda p: self.depth.get(p, 0))

    def add(
        self, severity: Literal["error", "warning"], key: str, message: str, *, file: Path | None = None
    ) -> None:
        where = file if file is not None else self.file_of(key)
        self.items.append(Problem(severity, message, file=_display(where), cell=key or None))

    def error(self, key: str, message: str, *, file: Path | None = None) -> None:
        self.add("error", key, message, file=file)

    def warning(self, key: str, message: str, *, file: Path | None = None) -> None:
        self.add("warning", key, message, file=file)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.is_error]


def _fail(path: Path, message: str, key: str | None = None) -> ThemeError:
    problem = Problem("error", message, file=_display(path), cell=key)
    return ThemeError(str(problem), [problem])


def _resolve_spec(spec: str, base_dir: Path | None) -> Path:
    if _is_path_spec(spec):
        path = Path(spec).expanduser()
        if not path.is_absolute():
            path = (base_dir or Path.cwd()) / path
        if not path.is_file():
            raise _fail(path, "theme file not found")
        return path.resolve()
    names = _builtin_names()
    if spec not in names:
        close = difflib.get_close_matches(spec, names, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f" (built-in themes: {', '.join(names)})"
        problem = Problem("error", f"no built-in theme {spec!r}{hint}; a theme file's name ends in .toml")
        raise ThemeError(str(problem), [problem])
    return builtin_theme_dir() / f"{spec}.toml"


def _read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise _fail(path, "is not UTF-8 text") from None
    except OSError as error:
        raise _fail(path, f"cannot be read: {error.strerror or error}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _fail(path, f"is not valid TOML: {error}") from None


def _read_chain(spec: str, base_dir: Path | None) -> list[_Source]:
    """Return the theme file and every file it extends, the theme first; raise on a cycle."""
    default = builtin_theme_dir() / "default.toml"
    sources: list[_Source] = []
    path = _resolve_spec(spec, base_dir)
    while True:
        if any(s.path == path for s in sources):
            cycle = " -> ".join(_display(s.path) for s in [*sources, _Source(path, {})])
            raise _fail(sources[-1].path, f"'extends' makes a cycle: {cycle}", "extends")
        data = _read(path)
        sources.append(_Source(path, data))
        parent = data.get("extends")
        if parent is None:
            if path == default.resolve() or path == default:
                return sources
            parent = "default"  # every theme inherits the defaults it does not override
        if not isinstance(parent, str) or not parent.strip():
            raise _fail(path, "'extends' must be a theme name or a .toml path", "extends")
        path = _resolve_spec(parent.strip(), path.parent)


def _merge(sources: list[_Source], problems: _Problems) -> dict[str, Any]:
    """Deep-merge the files, the most basic first, recording which file set each key."""
    merged: dict[str, Any] = {}
    for depth, source in enumerate(sources):
        problems.depth.setdefault(source.path, depth)
    for source in reversed(sources):
        _merge_into(merged, source.data, source.path, "", problems)
        _forget_office_of_new_family(merged, source.data)
    merged.pop("extends", None)
    return merged


def _forget_office_of_new_family(merged: dict[str, Any], data: Mapping[str, Any]) -> None:
    """Drop an inherited deck family when a theme changes a role's font but names no deck family.

    The office name belongs to the font it stands in for: a brand font must not be called
    Calibri in decks just because the default theme's Lato is.
    """
    fonts = data.get("fonts")
    if not isinstance(fonts, Mapping):
        return
    for role in ("heading", "body"):
        spec = fonts.get(role)
        table = merged.get("fonts", {}).get(role)
        if (
            isinstance(spec, Mapping)
            and "family" in spec
            and "office" not in spec
            and isinstance(table, dict)
        ):
            table["office"] = ""


def _merge_into(
    target: dict[str, Any], data: Mapping[str, Any], path: Path, prefix: str, problems: _Problems
) -> None:
    provenance = problems.provenance
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if isinstance(target.get(key), dict) and not isinstance(value, dict):
            # Keep the inherited table, so its keys are not all reported missing as well.
            problems.error(dotted, f"must be a table ([{dotted}]), got {_describe(value)}", file=path)
            continue
        provenance[dotted] = path
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge_into(target[key], value, path, dotted + ".", problems)
        else:
            target[key] = _copy(value)
            # Keys below a replaced value now come from this file too.
            for stale in [k for k in provenance if k.startswith(dotted + ".")]:
                provenance[stale] = path


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


# ---------------------------------------------------------------------------------------------
# Validation

_T = TypeVar("_T")


def _schema() -> dict[str, Any]:
    """Return the tree of allowed keys; leaves are None."""

    def leaves(cls: type) -> dict[str, Any]:
        return {f.name: None for f in dataclasses.fields(cls)}

    font = leaves(FontSpec)
    return {
        "name": None,
        "description": None,
        "extends": None,
        "contrast": None,
        "logo": None,
        "colours": leaves(Colours),
        "fonts": {"heading": font, "body": font, "fallback": None, "system_fallback": None},
        "sizes": leaves(Sizes),
        "page": leaves(Page),
        "slide": leaves(Slide),
        "png": leaves(Png),
        "lanes": {"show": None, "labels": leaves(LaneLabels)},
        "labels": leaves(Labels),
        "emotion": leaves(Emotion),
        "style": leaves(Style),
        "footer": leaves(Footer),
    }


@functools.lru_cache(maxsize=1)
def _all_keys() -> dict[str, str]:
    """Return every leaf key's last part mapped to its dotted key (for "did you mean")."""
    out: dict[str, str] = {}

    def walk(tree: Mapping[str, Any], prefix: str) -> None:
        for key, sub in tree.items():
            if isinstance(sub, dict):
                walk(sub, f"{prefix}{key}.")
            else:
                out.setdefault(key, f"{prefix}{key}")

    walk(_schema(), "")
    return out


def _check_unknown(
    data: Mapping[str, Any], tree: Mapping[str, Any], prefix: str, problems: _Problems
) -> None:
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if key not in tree:
            close = difflib.get_close_matches(key, list(tree), n=1, cutoff=0.6)
            if close:
                hint = (
                    f"; did you mean {prefix}{close[0]!r}?" if not prefix else f"; did you mean {close[0]!r}?"
                )
            elif key in _all_keys() and not isinstance(value, dict):
                hint = f"; did you mean {_all_keys()[key]!r}?"
            else:
                hint = f" (known keys here: {', '.join(sorted(tree))})"
            problems.error(dotted, f"unknown key {key!r}{hint}")
            continue
        sub = tree[key]
        if isinstance(sub, dict):
            if isinstance(value, dict):
                _check_unknown(value, sub, dotted + ".", problems)
            else:
                problems.error(dotted, f"must be a table ([{dotted}]), got {_describe(value)}")


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


class _Invalid(Exception):
    """A value that does not pass; the message says what was expected."""


class _Reader:
    """Reads typed values out of the merged theme, recording a problem for each bad one."""

    def __init__(self, data: dict[str, Any], problems: _Problems) -> None:
        self.data = data
        self.problems = problems

    def raw(self, key: str) -> Any:
        node: Any = self.data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                return _MISSING
            node = node[part]
        return node

    def get(self, key: str, convert: Callable[[Any], _T], default: _T) -> _T:
        value = self.raw(key)
        if value is _MISSING:
            self.problems.error(key, "missing key (the default theme sets every key: is it damaged?)")
            return default
        try:
            return convert(value)
        except _Invalid as error:
            self.problems.error(key, str(error))
            return default

    def path_of(self, key: str) -> Path:
        return self.problems.file_of(key).parent


_MISSING = object()


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"must be a string, got {_describe(value)}")
    return value


def _nonempty(value: Any) -> str:
    text = _str(value).strip()
    if not text:
        raise _Invalid("must not be empty")
    return text


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"must be true or false, got {_describe(value)}")
    return value


def _number(low: float, high: float) -> Callable[[Any], float]:
    def convert(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
            raise _Invalid(f"must be a number from {low:g} to {high:g}, got {_describe(value)}")
        if not low <= value <= high:
            raise _Invalid(f"must be from {low:g} to {high:g}, got {value:g}")
        return float(value)

    return convert


def _choice(*choices: str) -> Callable[[Any], Any]:
    def convert(value: Any) -> str:
        if not isinstance(value, str):
            raise _Invalid(f"must be one of {_or(choices)}, got {_describe(value)}")
        if value in choices:
            return value
        folded = {c.casefold(): c for c in choices}
        if value.strip().casefold() in folded:
            return folded[value.strip().casefold()]
        close = difflib.get_close_matches(value, choices, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise _Invalid(f"must be one of {_or(choices)}, got {value!r}{hint}")

    return convert


def _or(choices: tuple[str, ...]) -> str:
    quoted = [repr(c) for c in choices]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else quoted[0]


def _colour(value: Any) -> str:
    try:
        return colors.parse_color(value)
    except ValueError as error:
        raise _Invalid(str(error)) from None


def _colour_or_auto(value: Any) -> str:
    if isinstance(value, str) and value.strip().lower() == "auto":
        return "auto"
    return _colour(value)


class _Items(list[tuple[int, str]]):
    """Bad items of a list, as (index, message), so each gets its own problem."""


def _colour_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise _Invalid(f"must be a list of colours, got {_describe(value)}")
    out = []
    bad = _Items()
    for i, item in enumerate(value):
        try:
            out.append(colors.parse_color(item))
        except ValueError as error:
            bad.append((i, str(error)))
    if bad:
        raise _InvalidItems(bad)
    return tuple(out)


class _InvalidItems(_Invalid):
    def __init__(self, items: _Items) -> None:
        super().__init__("; ".join(f"item {i + 1}: {m}" for i, m in items))
        self.items = items


def _load(data: dict[str, Any], problems: _Problems, sources: list[_Source]) -> Theme:
    """Return the theme read from merged data; bad values are replaced so checking can go on."""
    _check_unknown(data, _schema(), "", problems)
    r = _Reader(data, problems)
    leaf = sources[0].path

    name = r.get("name", _nonempty, leaf.stem)
    if "name" not in sources[0].data and len(sources) > 1:
        name = leaf.stem  # an inherited name would call a user's theme "default"
    description = r.get("description", _str, "")
    contrast = cast(Contrast, r.get("contrast", _choice("AA", "AAA"), "AA"))
    minimum = colors.AAA_TEXT if contrast == "AAA" else colors.AA_TEXT

    colours = _read_colours(r, minimum)
    fonts = _read_fonts(r)
    sizes = _read_sizes(r)
    page = Page(
        size=cast(PageSize, r.get("page.size", _choice(*_PAGE_SIZES), "A4")),
        margins_mm=r.get("page.margins_mm", _margins, (18.0, 18.0, 18.0, 18.0)),
    )
    slide = Slide(
        size=cast(SlideSize, r.get("slide.size", _choice(*_SLIDE_SIZES), "16:9")),
        template=_optional_file(r, "slide.template", _check_template),
    )
    png = Png(
        size=cast(PngSize, r.get("png.size", _choice(*_PNG_SIZES), "slide")),
        dpi=r.get("png.dpi", _dpi, None),
    )
    lanes = Lanes(
        show=r.get("lanes.show", _lane_list, LANES),
        labels=LaneLabels(**{f: r.get(f"lanes.labels.{f}", _nonempty, f) for f in _fields(LaneLabels)}),
    )
    labels = Labels(**{f: r.get(f"labels.{f}", _nonempty, f) for f in _fields(Labels)})
    emotion = Emotion(markers=cast(Markers, r.get("emotion.markers", _choice("faces", "dots"), "dots")))
    style = Style(
        corner_radius=r.get("style.corner_radius", _number(0, 50), 0.0),
        stage_shape=cast(StageShape, r.get("style.stage_shape", _choice("chevron", "band"), "chevron")),
        header_band=r.get("style.header_band", _bool, False),
        curve_width=r.get("style.curve_width", _number(0.25, 12), 2.0),
    )
    footer = Footer(
        text=r.get("footer.text", _footer_text, ""),
        confidentiality=r.get("footer.confidentiality", _str, ""),
    )
    logo = _optional_file(r, "logo", _check_image)

    theme = Theme(
        name=name,
        description=description,
        contrast=contrast,
        logo=logo,
        colours=colours,
        fonts=fonts,
        sizes=sizes,
        page=page,
        slide=slide,
        png=png,
        lanes=lanes,
        labels=labels,
        emotion=emotion,
        style=style,
        footer=footer,
        source=leaf,
        files=tuple(s.path for s in sources),
    )
    _check_contrast(theme, problems)
    if contrast == "AAA" and emotion.markers != "faces":
        problems.warning(
            "emotion.markers",
            'a theme with contrast = "AAA" should use markers = "faces", so emotion shows by shape '
            "as well as colour and survives grey-scale printing",
        )
    return theme


def _fields(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]


_COLOUR_KEYS = [f for f in _fields(Colours) if f not in ("stages", "on_stage", "series")]
_AUTO_KEYS = {"on_primary": "primary", "on_accent": "accent", "on_header": "header"}


def _read_colours(r: _Reader, minimum: float) -> Colours:
    values: dict[str, Any] = {}
    for key in _COLOUR_KEYS:
        convert = _colour_or_auto if key in _AUTO_KEYS else _colour
        values[key] = r.get(f"colours.{key}", convert, "#000000")
    for key in ("stages", "series"):
        palette = _read_palette(r, f"colours.{key}")
        values[key] = palette
    candidates = (values["text"], values["background"], "#ffffff", "#000000")
    for key, background in _AUTO_KEYS.items():
        if values[key] == "auto":
            values[key] = colors.best_on(values[background], candidates, minimum)
    values["on_stage"] = _read_on_stage(r, values["stages"], candidates, minimum)
    return Colours(**values)


def _read_palette(r: _Reader, key: str) -> tuple[str, ...]:
    value = r.raw(key)
    if value is _MISSING:
        r.problems.error(key, "missing key (the default theme sets every key: is it damaged?)")
        return ("#000000",) * _MIN_PALETTE
    try:
        palette = _colour_list(value)
    except _InvalidItems as error:
        for i, message in error.items:
            r.problems.error(f"{key}[{i}]", message)
        return ("#000000",) * _MIN_PALETTE
    except _Invalid as error:
        r.problems.error(key, str(error))
        return ("#000000",) * _MIN_PALETTE
    if len(palette) < _MIN_PALETTE:
        r.problems.error(
            key,
            f"needs at least {_MIN_PALETTE} colours so that neighbouring stages and personas differ, "
            f"got {len(palette)}",
        )
    if len(set(palette)) < len(palette):
        r.problems.warning(key, "repeats a colour: two stages or personas would look the same")
    return palette or ("#000000",)


def _read_on_stage(
    r: _Reader, stages: tuple[str, ...], candidates: tuple[str, ...], minimum: float
) -> tuple[str, ...]:
    key = "colours.on_stage"
    value = r.raw(key)
    if value is _MISSING:
        r.problems.error(key, "missing key (the default theme sets every key: is it damaged?)")
        return tuple("#000000" for _ in stages)
    if isinstance(value, list):
        try:
            listed = _colour_list(value)
        except _InvalidItems as error:
            for i, message in error.items:
                r.problems.error(f"{key}[{i}]", message)
            return tuple("#000000" for _ in stages)
        if len(listed) not in (1, len(stages)):
            r.problems.error(
                key,
                f"has {len(listed)} colours but colours.stages has {len(stages)}: give one colour, "
                'one per stage, or "auto"',
            )
            return tuple("#000000" for _ in stages)
        return listed if len(listed) == len(stages) else listed * len(stages)
    try:
        single = _colour_or_auto(value)
    except _Invalid as error:
        r.problems.error(key, f'{error}, a list of colours, or "auto"')
        return tuple("#000000" for _ in stages)
    if single == "auto":
        return tuple(colors.best_on(fill, candidates, minimum) for fill in stages)
    return tuple(single for _ in stages)


def _read_fonts(r: _Reader) -> Fonts:
    from mapgen import text

    roles: dict[str, FontSpec] = {}
    for role in ("heading", "body"):
        base = f"fonts.{role}"
        family_raw = r.get(f"{base}.family", _nonempty, "DejaVu Sans")
        family: str | Path = family_raw
        if text.is_font_file(family_raw):
            family = _font_file(r, f"{base}.family", family_raw) or "DejaVu Sans"
        else:
            problem = text.check_font(family_raw)
            if problem is not None:
                instead = text.font_chain(family_raw).family
                r.problems.warning(f"{base}.family", f"{problem}; text will use {instead!r} instead")
        styles: dict[str, Path | None] = {}
        for style in ("bold", "italic", "bold_italic"):
            raw = r.get(f"{base}.{style}", _str, "").strip()
            if not raw:
                styles[style] = None
            elif not text.is_font_file(raw):
                r.problems.error(
                    f"{base}.{style}",
                    f'must be a font file (.ttf or .ttc, relative to the theme) or "", got {raw!r}; '
                    "styles of a family name are found by themselves",
                )
                styles[style] = None
            else:
                styles[style] = _font_file(r, f"{base}.{style}", raw)
        office = r.get(f"{base}.office", _str, "").strip() or None
        roles[role] = FontSpec(
            family=family,
            weight=cast(Weight, r.get(f"{base}.weight", _choice("regular", "bold"), "regular")),
            office=office,
            fallback=_font_list(r, f"{base}.fallback"),
            **styles,
        )
    return Fonts(
        heading=roles["heading"],
        body=roles["body"],
        fallback=_font_list(r, "fonts.fallback"),
        system_fallback=r.get("fonts.system_fallback", _bool, True),
    )


def _font_list(r: _Reader, key: str) -> tuple[str | Path, ...]:
    from mapgen import text

    out: list[str | Path] = []
    raw_list = r.raw(key)
    if raw_list is _MISSING:
        r.problems.error(key, "missing key (the default theme sets every key: is it damaged?)")
    elif not isinstance(raw_list, list):
        r.problems.error(key, f"must be a list of family names or font files, got {_describe(raw_list)}")
    else:
        for i, item in enumerate(raw_list):
            item_key = f"{key}[{i}]"
            if not isinstance(item, str) or not item.strip():
                r.problems.error(item_key, f"must be a family name or a font file, got {_describe(item)}")
            elif text.is_font_file(item):
                path = _font_file(r, item_key, item.strip())
                if path is not None:
                    out.append(path)
            else:
                problem = text.check_font(item.strip())
                if problem is not None:
                    r.problems.warning(item_key, f"{problem}; it is left out of the fallback chain")
                out.append(item.strip())
    return tuple(out)


def _font_file(r: _Reader, key: str, spec: str) -> Path | None:
    from mapgen import text

    name, sep, index = spec.rpartition("#")
    file, suffix = (name, f"#{index}") if sep and index.isdigit() else (spec, "")
    path = Path(file).expanduser()
    if not path.is_absolute():
        path = r.path_of(key) / path
    try:
        face = text.load_face(f"{path}{suffix}")
    except text.FontError as error:
        r.problems.error(key, str(error))
        return None
    return Path(f"{face.path}#{face.index}") if face.index else face.path


def _optional_file(r: _Reader, key: str, check: Callable[[Path], str | None]) -> Path | None:
    raw = r.get(key, _str, "").strip()
    if not raw:
        return None
    path = Path(raw).expanduser()
    if not path.is_absolute():
        path = r.path_of(key) / path
    if not path.is_file():
        r.problems.error(key, f"file not found: {path}")
        return None
    message = check(path)
    if message is not None:
        r.problems.error(key, f"{path}: {message}")
        return None
    return path.resolve()


def _check_image(path: Path) -> str | None:
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as error:
        return f"cannot be read: {error.strerror or error}"
    if head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"\xff\xd8\xff"):
        return None
    return "the logo must be a PNG or JPEG image (all three renderers embed those)"


def _check_template(path: Path) -> str | None:
    if path.suffix.lower() not in (".pptx", ".potx"):
        return "a deck template must be a .pptx or .potx file"
    try:
        with path.open("rb") as f:
            head = f.read(4)
    except OSError as error:
        return f"cannot be read: {error.strerror or error}"
    if head != b"PK\x03\x04":
        return "is not a PowerPoint file (not a zip archive)"
    return None


def _read_sizes(r: _Reader) -> Sizes:
    base = r.get("sizes.base", _number(4, 72), 10.0)
    minimum = r.get("sizes.minimum", _number(4, 72), 7.0)
    if minimum > base:
        r.problems.error(
            "sizes.minimum", f"the minimum size ({minimum:g} pt) is above the base size ({base:g} pt)"
        )
        minimum = base
    return Sizes(
        base=base,
        scale=r.get("sizes.scale", _number(1, 3), 1.25),
        minimum=minimum,
        line_height=r.get("sizes.line_height", _number(1, 3), 1.2),
    )


def _margins(value: Any) -> tuple[float, float, float, float]:
    number = _number(0, 100)
    if isinstance(value, list):
        if len(value) not in (1, 2, 4):
            raise _Invalid(
                "must be a number of millimetres, or a list of 2 (vertical, horizontal) or 4 "
                f"(top, right, bottom, left), got a list of {len(value)}"
            )
        items = [number(v) for v in value]
        if len(items) == 1:
            items *= 4
        elif len(items) == 2:
            items = [items[0], items[1], items[0], items[1]]
        return items[0], items[1], items[2], items[3]
    m = number(value)
    return m, m, m, m


def _dpi(value: Any) -> int | None:
    if isinstance(value, str) and value.strip().lower() == "auto":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Invalid(f'must be "auto" or a whole number of dots per inch, got {_describe(value)}')
    if not 36 <= value <= 1200:
        raise _Invalid(f"must be from 36 to 1200, got {value}")
    return value


def _lane_list(value: Any) -> tuple[Lane, ...]:
    if not isinstance(value, list) or not value:
        raise _Invalid(f"must be a non-empty list of lanes ({', '.join(LANES)}), got {_describe(value)}")
    out: list[Lane] = []
    messages = []
    for item in value:
        if not isinstance(item, str) or item not in LANES:
            close = difflib.get_close_matches(str(item), LANES, n=1, cutoff=0.5)
            hint = f" (did you mean {close[0]!r}?)" if close else f" (lanes: {', '.join(LANES)})"
            messages.append(f"unknown lane {item!r}{hint}")
        elif item in out:
            messages.append(f"lane {item!r} is listed twice")
        else:
            out.append(item)
    if messages:
        raise _Invalid("; ".join(messages))
    return tuple(out)


def _footer_text(value: Any) -> str:
    text = _str(value)
    try:
        names = [name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name is not None]
    except ValueError as error:
        raise _Invalid(f"has a stray brace ({error}); write {{{{ or }}}} for a literal brace") from None
    for name in names:
        if name not in _FOOTER_FIELDS:
            close = difflib.get_close_matches(name, _FOOTER_FIELDS, n=1)
            hint = f"; did you mean {{{close[0]}}}?" if close else ""
            known = ", ".join("{" + f + "}" for f in _FOOTER_FIELDS)
            raise _Invalid(f"unknown placeholder {{{name}}}{hint} (known: {known})")
    return text


def _format_ratio(ratio: float, threshold: float) -> str:
    shown = f"{ratio:.2f}"
    if float(shown) >= threshold > ratio:  # never show 4.50 for a ratio that fails 4.5
        shown = f"{math.floor(ratio * 1000) / 1000:.3f}"
    return f"{shown}:1"


def _check_contrast(theme: Theme, problems: _Problems) -> None:
    aaa = theme.contrast == "AAA"
    threshold = colors.AAA_TEXT if aaa else colors.AA_TEXT
    bad = {p.cell.split("[", 1)[0] for p in problems.errors if p.cell}
    for pair in theme.text_pairs():
        if {k.split("[", 1)[0] for k in (pair.foreground_key, pair.background_key)} & bad:
            continue  # a colour that did not parse has been reported already
        ratio = pair.ratio
        if ratio >= threshold:
            continue
        file = problems.file_of(pair.foreground_key, pair.background_key)
        message = (
            f"text {pair.foreground} ({pair.foreground_key}) on {pair.background} ({pair.background_key}) "
            f"has a contrast ratio of {_format_ratio(ratio, threshold)}, below "
        )
        if aaa:
            problems.error(pair.foreground_key, message + 'the 7:1 that contrast = "AAA" requires', file=file)
        else:
            problems.warning(pair.foreground_key, message + "the 4.5:1 of WCAG AA", file=file)
    if aaa:
        # WCAG 1.4.11: graphics that carry meaning need 3:1 against what they sit on.
        c = theme.colours
        for key in ("emotion_negative", "emotion_neutral", "emotion_positive", "pain", "opportunity"):
            value = getattr(c, key)
            ratio = colors.contrast_ratio(value, c.background)
            if ratio < colors.NON_TEXT:
                problems.error(
                    f"colours.{key}",
                    f"{value} on the background {c.background} has a contrast ratio of "
                    f"{_format_ratio(ratio, colors.NON_TEXT)}, below the 3:1 that graphics need "
                    '(WCAG 1.4.11) in a theme with contrast = "AAA"',
                    file=problems.file_of(f"colours.{key}", "colours.background"),
                )


# ---------------------------------------------------------------------------------------------
# The public entry points


def load_theme(spec: str | Path, *, base_dir: str | Path | None = None) -> Theme:
    """Return the validated theme for a built-in name or a .toml path (relative to base_dir).

    Raise ThemeError carrying every problem (errors and warnings) when the theme has errors.
    """
    spec_text = str(spec).strip()
    if isinstance(spec, Path) and not _is_path_spec(spec_text):
        spec_text = str(spec)  # a Path is always a file, whatever its name
        if not spec_text.lower().endswith(".toml"):
            spec_text = str(Path(spec_text).resolve())
    if not spec_text:
        raise ThemeError(
            "no theme given", [Problem("error", "no theme given: a built-in name or a .toml path")]
        )
    base = Path(base_dir) if base_dir is not None else None
    sources = _read_chain(spec_text, base)
    problems = _Problems(sources[0].path)
    merged = _merge(sources, problems)
    theme = _load(merged, problems, sources)
    errors = problems.errors
    if errors:
        count = len(errors)
        message = f"{_display(sources[0].path)}: {count} error{'s' if count != 1 else ''} in the theme"
        raise ThemeError(message, problems.items)
    return dataclasses.replace(theme, warnings=tuple(problems.items))


def theme_to_toml(theme: Theme) -> str:
    """Return the theme's resolved values (after inheritance) as TOML that loads back the same."""
    lines = [
        f"# Theme {theme.name!r}, resolved from: "
        + " <- ".join(_display(p) for p in theme.files or (theme.source,)),
    ]
    scalars, tables = _toml_parts(theme, skip=frozenset({"source", "files", "warnings"}))
    lines += [f"{key} = {_toml_value(value)}" for key, value in scalars]
    for key, value in tables:
        lines += _toml_table(key, value)
    lines += ["", "# The font files these resolve to on this machine (first face that has a character wins):"]
    roles: tuple[FontRole, ...] = ("heading", "body")
    for role in roles:
        chain = theme.font_chain(role)
        primary = chain.primary
        lines.append(f"#   {role}: {primary.family} {primary.style}, {primary.path}")
        if chain.faces[1:]:
            lines.append("#     then " + "; ".join(str(face) for face in chain.faces[1:]))
    return "\n".join(lines) + "\n"


def _toml_parts(
    obj: Any, skip: frozenset[str] = frozenset()
) -> tuple[list[tuple[str, Any]], list[tuple[str, Any]]]:
    scalars: list[tuple[str, Any]] = []
    tables: list[tuple[str, Any]] = []
    for f in dataclasses.fields(obj):
        if f.name in skip:
            continue
        value = getattr(obj, f.name)
        (tables if dataclasses.is_dataclass(value) else scalars).append((f.name, value))
    return scalars, tables


def _toml_table(name: str, obj: Any) -> list[str]:
    scalars, tables = _toml_parts(obj)
    lines = ["", f"[{name}]"]
    lines += [f"{key} = {_toml_value(value, key)}" for key, value in scalars]
    for key, value in tables:
        lines += _toml_table(f"{name}.{key}", value)
    return lines


def _toml_value(value: Any, key: str = "") -> str:
    if value is None:
        return '"auto"' if key == "dpi" else '""'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(round(value, 6)) if value != int(value) else f"{value:.1f}"
    if isinstance(value, Path | str):
        return json.dumps(str(value), ensure_ascii=False)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")
