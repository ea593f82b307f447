"""Plan the report's front: its title, running header and footer, document information, cover and contents."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mapgen.model import Journeys
from mapgen.renderers.pdf.plan.context import clean, report_geometry
from mapgen.renderers.pdf.report import Contents, Cover, Entry, Geometry, Metadata, PageSetup
from mapgen.themes.lines import confidentiality, footer_line, project_title

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = [
    "CONTENTS_SPACE",
    "contents_entry_height",
    "plan_contents",
    "plan_cover",
    "plan_metadata",
    "plan_page_setup",
    "report_language",
    "report_title",
]

# Space above a contents entry, in body sizes: chapters stand apart, their sections close up.
CONTENTS_SPACE = {0: 0.8, 1: 0.15}


def report_title(journeys: Journeys, theme: Theme) -> str:
    """Return the report's title: the workbook's, else the theme's default title (never a file name)."""
    return project_title(journeys.project, theme)


def report_language(theme: Theme) -> str:
    """Return the report's language: the theme's `language`, else a "-xx" suffix of its name, else "en"."""
    language = getattr(theme, "language", None)
    if isinstance(language, str) and language.strip():
        return language.strip()
    _base, dash, suffix = theme.name.rpartition("-")
    if dash and len(suffix) == 2 and suffix.isalpha():
        return suffix.lower()
    return "en"


def plan_page_setup(journeys: Journeys, theme: Theme) -> PageSetup:
    """Plan the page geometry and the running header and footer of a model's report."""
    header = (report_title(journeys, theme), confidentiality(journeys.project, theme))
    return PageSetup(report_geometry(theme), header, footer_line(journeys.project, theme))


def plan_cover(journeys: Journeys, theme: Theme, setup: PageSetup) -> Cover:
    """Plan the cover: the title, the project's description and facts, the confidentiality label."""
    project, labels = journeys.project, theme.labels
    title, confidentiality = setup.header
    facts = tuple(
        (label, value)
        for label, value in (
            (labels.client, clean(project.client)),
            (labels.prepared_by, clean(project.prepared_by)),
            (labels.date, clean(project.date)),
            (labels.version, clean(project.version)),
        )
        if value
    )
    return Cover(title, clean(project.description), facts, confidentiality, theme.logo)


def plan_metadata(journeys: Journeys, theme: Theme, title: str, version: str) -> Metadata:
    """Plan the PDF's document information: title, author, subject, keywords, creator, language."""
    project, labels = journeys.project, theme.labels
    subject_parts = [labels.journey_map, clean(project.client)]
    keywords = tuple(
        dict.fromkeys(
            k
            for k in (
                clean(project.client),
                *(p.name for p in journeys.personas),
                *(s.name for s in journeys.stages),
            )
            if k
        )
    )
    return Metadata(
        title=title,
        author=clean(project.prepared_by),
        subject=" · ".join(p for p in subject_parts if p),
        keywords=keywords,
        creator=f"mapgen {version}",
        language=report_language(theme),
    )


def plan_contents(contents: Contents, entries: Sequence[Entry], theme: Theme, geometry: Geometry) -> Contents:
    """Plan the contents' depth: sections are listed too while every entry still fits on one page."""
    depth = 2 if _contents_height(entries, 2, theme) <= _contents_room(theme, geometry) else 1
    return Contents(contents.title, contents.key, depth)


def contents_entry_height(level: int, theme: Theme) -> float:
    """Return the height of one contents entry: chapters in the h3 size with space above, sections in body."""
    sizes = theme.sizes
    body = sizes.size("body")
    if level == 0:
        return sizes.size("h3") * sizes.line_height + body * CONTENTS_SPACE[0]
    return body * sizes.line_height + body * CONTENTS_SPACE[1]


def _contents_height(entries: Sequence[Entry], depth: int, theme: Theme) -> float:
    """Return the height of the entries the contents list to a depth."""
    return sum(contents_entry_height(e.level, theme) for e in entries if e.toc and e.level < depth)


def _contents_room(theme: Theme, geometry: Geometry) -> float:
    """Return the height left for contents entries on one page below the contents heading."""
    _w, height = geometry.frame
    sizes = theme.sizes
    heading = sizes.size("h1") * sizes.line_height + sizes.size("body") * 2.5  # the heading and its rule
    return height - heading
