"""Make one part of the deck: plan its slides, emit them with python-pptx onto the base, pack them.

The base is the client's template (its slides removed) or the built-in look (output.template),
the same for every part; the document properties are set before any slide is added, so they
belong to the base too. Each slide is emitted by output.slide; the part's package entries are
packed with a manifest for the join (package.container).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mapgen.model import Journeys, Problem
from mapgen.renderers.parts import PartSpec
from mapgen.renderers.pptx.deck import Frame, JourneyLayout, PartPlan
from mapgen.renderers.pptx.output import pptx_internals
from mapgen.renderers.pptx.package.container import PartManifest, pack_part
from mapgen.renderers.pptx.package.reproducible import fixed_moment
from mapgen.renderers.pptx.plan.common import document_properties
from mapgen.renderers.pptx.plan.look import deck_theme
from mapgen.renderers.pptx.plan.parts import plan_part

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = ["MadePart", "make_part"]


@dataclass(frozen=True)
class MadePart:
    """A part made: its bytes (see package.container), its plan, the problems found, and the frame."""

    data: bytes
    plan: PartPlan
    problems: tuple[Problem, ...]
    frame: Frame


def make_part(
    scope: Journeys,
    spec: PartSpec,
    theme: Theme,
    *,
    template: str | Path | None = None,
    layout_journey: JourneyLayout | None = None,
) -> MadePart:
    """Return a part of the deck made from its scope, on a client template when one is given."""
    # The emitter imports python-pptx: only when a part is made, not when this module is.
    from mapgen.renderers.pptx.output.slide import emit_slide
    from mapgen.renderers.pptx.output.template import open_base

    chosen = Path(template) if template is not None else theme.slide.template
    base = open_base(theme, chosen)
    theme = deck_theme(theme, base.frame.fonts, base.frame.text_colour)
    pptx_internals.remember_part_names(base.prs)
    moment = fixed_moment()
    _set_properties(base.prs, scope, theme, moment)
    base_parts = pptx_internals.package_part_names(base.prs)
    plan = plan_part(scope, spec, theme, frame=base.frame, layout_journey=layout_journey)
    slides = pptx_internals.SlideCopier(base.prs)
    emitted = [emit_slide(base, slide, theme, slides) for slide in plan.slides]
    manifest = PartManifest(
        part=spec.name,
        template=base.template is not None,
        kinds=tuple(slide.kind for slide in plan.slides),
        numbered=tuple(k for k, (numbered, _) in enumerate(emitted) if numbered),
        next_ids=tuple(next_id for _, next_id in emitted),
        base_problems=tuple(base.problems),
        problems=plan.problems,
    )
    data = pack_part(
        pptx_internals.package_entries(base.prs), base_parts, manifest, moment, keep_base=spec.name == "head"
    )
    problems = tuple(dict.fromkeys((*base.problems, *plan.problems)))
    return MadePart(data, plan, problems, base.frame)


def _set_properties(prs: Any, journeys: Journeys, theme: Theme, moment: Any) -> None:
    props = prs.core_properties
    title, author, subject, description = document_properties(journeys, theme)
    props.title = _core_text(title)
    props.author = _core_text(author)
    props.subject = _core_text(subject)
    props.comments = _core_text(description)  # python-pptx's default says "generated using python-pptx"
    props.last_modified_by = _core_text(author) or "mapgen"
    props.revision = 1
    # python-pptx stores naive datetimes as UTC.
    props.created = moment.replace(tzinfo=None)
    props.modified = moment.replace(tzinfo=None)


def _core_text(value: str | None) -> str:
    """Return a document property cut to the 255 characters python-pptx (and Office) accept."""
    value = value or ""
    return value if len(value) <= 255 else value[:254].rstrip() + "…"
