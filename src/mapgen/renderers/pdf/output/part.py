"""A part of the report (the executive summary, a persona's chapter, the overview) made on its own, as bytes.

The build caches a part's bytes and hands them back to the join, possibly in another process and
after other parts were remade; so they hold everything the join needs of the part and nothing
that depends on another part: its PDF (the pages unnumbered), its page count, its outline entries
and where their keys are placed, the problems met planning and painting it, and the characters of
its text that no font has (the build reports them for the whole report).

The bytes: a line naming the format and its version, a line of JSON, then the PDF.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass

from mapgen.model import Problem
from mapgen.renderers.pdf.report import Entry, Part

__all__ = ["ReportPart"]

_MAGIC = b"%mapgen-report-part"
_VERSION = 1


@dataclass(frozen=True)
class ReportPart:
    """A part made on its own: its plan's outline and problems (no blocks), and its PDF."""

    part: Part
    pdf: bytes
    pages: int
    places: Mapping[str, tuple[int, float]]  # bookmark key -> (page index in the part, top)

    def to_bytes(self) -> bytes:
        """Return the part as bytes (the same part gives the same bytes)."""
        part = self.part
        header = {
            "name": part.name,
            "persona": part.persona,
            "outline": [[e.level, e.title, e.key, e.toc] for e in part.outline],
            "problems": [asdict(p) for p in part.problems],
            "missing": part.missing,
            "pages": self.pages,
            "places": {key: list(place) for key, place in self.places.items()},
        }
        line = json.dumps(header, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return b"%s %d\n%s\n%s" % (_MAGIC, _VERSION, line.encode("utf-8"), self.pdf)

    @classmethod
    def from_bytes(cls, data: bytes) -> ReportPart:
        """Return the part that to_bytes() wrote; raise ValueError for anything else."""
        first, _, rest = data.partition(b"\n")
        if first != b"%s %d" % (_MAGIC, _VERSION):
            raise ValueError(f"not a report part of this mapgen (it starts {first[:40]!r})")
        line, _, pdf = rest.partition(b"\n")
        header = json.loads(line)
        part = Part(
            name=header["name"],
            persona=header["persona"],
            outline=tuple(Entry(level, title, key, toc) for level, title, key, toc in header["outline"]),
            problems=tuple(Problem(**p) for p in header["problems"]),
            missing=header["missing"],
        )
        places = {key: (int(page), float(top)) for key, (page, top) in header["places"].items()}
        return cls(part, pdf, header["pages"], places)
