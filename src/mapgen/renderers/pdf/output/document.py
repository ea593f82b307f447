"""A report section's document: its canvas (stamped or invariant), its bookmarks and anchors.

A link may point into another section, which this section cannot see: such a destination is
written as its name for the join to resolve. The document records where each bookmark it holds
was placed, page and height, so the join can build the outline.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Paragraph

__all__ = ["Anchor", "Document", "Heading", "canvas_class", "utc"]


def utc(moment: dt.datetime) -> dt.datetime:
    """Return a moment in UTC; a naive one is taken to be UTC already."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


class Stamp:
    """A reportlab TimeStamp for a given moment (UTC), for a build that records its date."""

    def __init__(self, moment: dt.datetime) -> None:
        moment = utc(moment)
        self.t = moment.timestamp()
        self.YMDhms = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
        self.dhh = 0
        self.dmm = 0
        self.tzname = "UTC"


class Destination(pdfdoc.Destination):  # type: ignore[misc]  # reportlab is untyped
    """A bookmark that, when no page of this section holds it, is written as its name."""

    def format(self, document: Any) -> bytes:
        if self.fmt is None:  # in another section: the join resolves the name
            return pdfdoc.format(pdfdoc.PDFString(self.name), document)  # type: ignore[no-any-return]
        return super().format(document)  # type: ignore[no-any-return]


class SectionCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    """A canvas whose links may point into other sections (see Destination)."""

    def _bookmarkReference(self, name: str) -> Any:  # reportlab's: every link and bookmark asks it
        destinations = self._destinations
        if name not in destinations:
            destinations[name] = Destination(name)
        return destinations[name]


def canvas_class(timestamp: dt.datetime | None) -> type[Canvas]:
    """Return the canvas to build with: invariant, or stamped with the given creation date."""
    if timestamp is None:
        return SectionCanvas

    stamp = Stamp(timestamp)

    class StampedCanvas(SectionCanvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._doc._timeStamp = stamp
            self._doc.signature.update(repr(stamp.YMDhms).encode("ascii"))

    return StampedCanvas


class Anchor(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A bookmark where nothing else is printed (a journey map's first page)."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.mapgen_key = key

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0.0, 0.0

    def draw(self) -> None:
        pass


class Heading(Paragraph):  # type: ignore[misc]  # reportlab is untyped
    """A heading paragraph that records where its bookmark is once it is placed."""

    def __init__(self, markup: str, style: ParagraphStyle, key: str) -> None:
        super().__init__(markup, style)
        self.mapgen_key = key


class Document(BaseDocTemplate):  # type: ignore[misc]  # reportlab is untyped
    """A section's document: records the page and height of each bookmark as it is placed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.places: dict[str, tuple[int, float]] = {}

    def afterFlowable(self, flowable: Any) -> None:  # reportlab's name
        key: str | None = getattr(flowable, "mapgen_key", None)
        if key is None:
            return
        canvas = self.canv
        top = min(canvas._pagesize[1], self.frame._y + getattr(flowable, "height", 0.0) + 8)
        canvas.bookmarkPage(key, fit="XYZ", left=0, top=top)  # for links inside the section
        self.places[key] = (self.page - 1, round(top, 4))
