"""Define the Theme: the frozen dataclasses every renderer reads, one per table of a theme file."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapgen import colors
from mapgen.model import Problem
from mapgen.scene import FontRole
from mapgen.themes.lines import fill_template
from mapgen.themes.vocabulary import (
    FOOTER_FIELDS,
    MM,
    PAGE_SIZES,
    PNG_SIZES,
    SLIDE_SIZES,
    Contrast,
    Lane,
    Markers,
    PageSize,
    PngSize,
    SizeRole,
    SlideSize,
    StageShape,
    Weight,
)

if TYPE_CHECKING:
    from mapgen.text import FontChain


@dataclass(frozen=True)
class Colours:
    """Every colour a renderer may use, as "#rrggbb"; text only in the pairs of Theme.text_pairs()."""

    background: str  # the page, slide and canvas
    surface: str  # cards and lane backgrounds
    border: str  # card outlines, grid and zero lines
    text: str
    muted: str  # secondary text: captions, footers, lane labels
    primary: str  # title bands, table headers
    curve: str  # the emotion line
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
        return PAGE_SIZES[self.size][0]

    @property
    def height(self) -> float:
        """Return the page height in points."""
        return PAGE_SIZES[self.size][1]

    @property
    def margins(self) -> tuple[float, float, float, float]:
        """Return the margins in points (top, right, bottom, left)."""
        top, right, bottom, left = (m * MM for m in self.margins_mm)
        return top, right, bottom, left


@dataclass(frozen=True)
class Slide:
    """The deck's slide size and an optional client template (.pptx or .potx)."""

    size: SlideSize
    template: Path | None = None

    @property
    def width(self) -> float:
        """Return the slide width in points."""
        return SLIDE_SIZES[self.size][0]

    @property
    def height(self) -> float:
        """Return the slide height in points."""
        return SLIDE_SIZES[self.size][1]


@dataclass(frozen=True)
class Png:
    """The infographic's canvas preset and resolution (None: the preset's own)."""

    size: PngSize
    dpi: int | None = None

    def canvas(self, size: PngSize | None = None) -> tuple[float, float]:
        """Return the canvas width and height in points for a preset (default: the theme's)."""
        width, height, _dpi = PNG_SIZES[size or self.size]
        return width, height

    def resolution(self, size: PngSize | None = None) -> int:
        """Return the dpi: the theme's, else 144 for slide (1920x1080 px) and 300 for a4 and poster."""
        return self.dpi or PNG_SIZES[size or self.size][2]


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
    scale: str
    scale_to: str
    negative: str
    positive: str
    inferred: str
    inferred_short: str
    converted_from: str
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
    inferred_score: str  # beside a hollow marker: this step's score comes from its emotion words
    more: str  # after a count of list items a map leaves out: "+2 more"
    default_title: str  # the title when the workbook gives none (never its file name)
    about: str  # the report's closing section on where the map comes from
    steps: str
    emotion_scores: str
    scores_estimated: str  # {personas}: the personas whose scores were estimated from emotion words
    service_blueprint: str  # what a sheet of backstage and support lanes is drawn as: a process, no persona
    only: str  # whose stages a comparison leaves out: "Onboarding, Support: only Dana"
    shared_stages: str  # a comparison over the stages its personas share: "Compared on the stages all share"
    no_shared_stages: str  # said instead of a comparison when the personas share no stage
    # What a journey says (mapgen.insights): whole sentences with {placeholders}, so a translated
    # theme words and orders them in its own language.
    conjunction: str  # the last of a list: "Ann, Ben and Cleo"
    finding_stage_low: str  # {stage} {count} {total} {score} {scale}
    finding_persona_low: str  # {persona} {step} {stage} {score} {scale}
    finding_shared_pain: str  # {pain} {count} {total} {personas}
    finding_drop: str  # {persona} {before} {after} {from_step} {to_step}
    finding_unanswered: str  # {count} {stage}
    finding_inferred: str  # {personas}
    priority_high: str
    priority_medium: str
    priority_low: str
    reason_workbook: str  # a priority the workbook gives
    reason_moment: str  # at a moment that matters
    reason_shared: str  # {count}: how many personas name the pain point
    reason_dip: str  # {score}: where the step's score is below zero
    reason_mild: str  # no clear pain here
    unassigned: str  # an action without an owner
    stages_that_hurt: str  # the comparison's ranked table of the stages below zero for most personas
    mean_score: str  # a stage's mean over the personas compared
    below_zero: str  # how many personas are below zero in a stage
    lowest: str  # the persona lowest in a stage
    scales_differ: str  # before "−1 to +1": the personas' scales differ, so they are compared on it
    # The report's story (pdf/plan/summary.py, the chapters' action plans).
    report_key_findings: str
    report_top_moves: str  # the three to five moves to make first
    report_priority: str
    report_opportunity: str
    report_where: str  # for whom, at which step
    report_owners: str  # the owners' roll-up
    report_actions: str  # how many actions an owner holds
    report_high: str  # how many of them are high priority
    report_answers: str  # the pain point an opportunity answers, as the workbook pairs them
    report_unpaired: str  # before a step's pain points that the workbook pairs with no opportunity
    report_no_opportunity: str  # a step's pain points that no opportunity answers yet
    # The deck's story (renderers/pptx/plan): its slides' words and the speaker notes' sentences.
    key_findings: str  # the deck's findings slide
    top_moves: str  # the three to five moves to make first
    opportunity: str  # a table column: one opportunity
    for_whom: str  # a table column: the persona, stage and step
    priority: str  # a table column
    answers: str  # {pain}: the pain point an opportunity answers, when the workbook pairs them
    more_actions: str  # {count}: the actions a deck leaves to the report, under its last plan slide
    decimal_mark: str  # in a score or a scale: "3.5", "3,5" in German
    # The deck's alternative texts (screen readers): whole sentences with {placeholders}.
    alt_emotion_chart: str  # {persona} {steps} {stages} {scale}
    alt_high_low: str  # {high_step} {high} {low_step} {low}
    alt_unscored: str  # {count}
    alt_unscored_one: str
    alt_comparison: str  # {personas} {stages} {scale}
    alt_stage_table: str  # {stage} {persona}
    alt_pain_table: str  # {persona}
    alt_matrix: str  # {count} {worst}: the words of the matrix's cells
    actions: str  # a count column of the owners' roll-up
    owners: str  # the owners' roll-up slide
    notes_cover: str  # {title} {personas} {stages}
    notes_findings: str  # {finding}: the heaviest finding, said first
    notes_findings_rest: str  # {count}: how many findings the slide holds
    notes_top_moves: str  # {moves}
    notes_top_move: str  # {move} {owner} {kpi} {reason}
    notes_top_move_no_kpi: str  # {move} {owner} {reason}
    notes_agenda: str  # {personas} {sections}
    notes_meet: str  # {persona}
    notes_quote: str  # {quote}
    notes_profile_low: str  # {step} {stage}: where this persona's journey is lowest
    notes_journey: str  # {persona} {count} {stages}
    notes_blueprint: str  # {persona} {count} {stages}
    notes_moment: str  # {step} {stage} {score}
    notes_no_moment: str
    notes_emotion: str  # {persona} {scale} {high} {high_score} {low} {low_score}
    notes_emotion_high: str  # {persona} {scale} {high} {high_score}: the moment that matters follows
    notes_drop: str  # {from_step} {to_step} {before} {after}
    notes_gaps: str  # {count}: steps without a score
    notes_stage: str  # {stage} {persona} {steps}
    notes_stage_range: str  # {low} {low_score} {high} {high_score}
    notes_stage_pains: str  # {pains}
    notes_stage_ideas: str  # {ideas}
    notes_stage_calm: str
    notes_pain_table: str  # {persona} {stages} {worst}
    notes_pain_table_more: str  # {persona} {stages} {first}
    notes_unanswered: str  # {count}
    notes_overview: str  # {scale} {low} {low_score} {high} {high_score}
    notes_matrix: str  # {hotspots}
    notes_hotspot: str  # {persona} {stage} {count}
    notes_matrix_none: str
    notes_action_plan: str  # {count} {high} {owners}
    notes_action_plan_more: str  # {personas} {first}
    notes_owners: str  # {owner} {count} {high}
    notes_sections: str  # the agenda's parts after the personas
    notes_sections_single: str  # the agenda's parts when nothing is compared

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
    and the confidentiality label used when the workbook gives none ("" for none)."""

    text: str
    confidentiality: str

    def render(self, **values: str | None) -> str:
        """Return the footer text filled, leaving out unknown values and the separators around them."""
        filled = {name: values.get(name) or "" for name in FOOTER_FIELDS}
        if not filled["confidentiality"]:
            filled["confidentiality"] = self.confidentiality
        return fill_template(self.text, filled)


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
    language: str = "en"  # of the theme's words and the workbooks it dresses: picks hyphenation patterns

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
