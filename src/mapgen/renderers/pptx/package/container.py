"""What a part of the deck is made into: a zip of its package entries and a manifest for the join.

A part is made as a small presentation: the base (the built-in look or the client's template)
with that part's slides, saved by python-pptx. Its bytes are that package, reproducible
(package.reproducible), keeping only what the join takes from it:

- the part's own entries: its slides, notes slides, charts, embedded workbooks, pictures, and
  what its first notes slide made (the notes master), with their relationships, in package
  order; named as python-pptx named them in the part;
- [Content_Types].xml, where the join looks up each entry's content type;
- the head (the first part) also keeps every entry of the base, so the join takes the master,
  layouts, theme, document properties and presentation.xml from it;
- mapgen/part.json, the manifest: the part's name, whether it was made on a template, the kind
  of each slide, which slides show their number in a field, each slide's first free shape id
  (for the shapes the join adds), the base's entries with their CRC-32 (every part must be made
  on the same base), and the problems met making it.

Nothing here imports python-pptx: the join runs without it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from mapgen.model import Problem
from mapgen.renderers.pptx.package.reproducible import PackageReader, PackageWriter, normal_entry

__all__ = [
    "MANIFEST",
    "PRESENTATION",
    "PRESENTATION_RELS",
    "TYPES",
    "PartManifest",
    "PartPackage",
    "pack_part",
    "rels_owner",
]

MANIFEST = "mapgen/part.json"
TYPES = "[Content_Types].xml"
PRESENTATION = "ppt/presentation.xml"
PRESENTATION_RELS = "ppt/_rels/presentation.xml.rels"
# Base entries that change as slides are added: not compared between parts.
_CHANGING = frozenset({TYPES, PRESENTATION, PRESENTATION_RELS})
_FORMAT = 2  # 2: next_ids


@dataclass(frozen=True)
class PartManifest:
    """What the join needs to know about a part besides its entries."""

    part: str  # the PartSpec's name
    template: bool  # made on a client's template (else the built-in look)
    kinds: tuple[str, ...]  # the kind of each slide, in order
    numbered: tuple[int, ...]  # the slides (from 0) that show their number in a slide-number field
    next_ids: tuple[int, ...]  # each slide's first free shape id: shapes the join adds take it on
    base: tuple[tuple[str, int], ...] = ()  # the base's unchanging entries and their CRC-32, in order
    base_problems: tuple[Problem, ...] = ()  # found opening the base (the template)
    problems: tuple[Problem, ...] = ()  # found planning the part's slides

    def to_json(self) -> bytes:
        """Return the manifest as JSON bytes, the same for the same manifest."""
        data = {
            "format": _FORMAT,
            "part": self.part,
            "template": self.template,
            "kinds": list(self.kinds),
            "numbered": list(self.numbered),
            "next_ids": list(self.next_ids),
            "base": [list(item) for item in self.base],
            "base_problems": [_problem_json(p) for p in self.base_problems],
            "problems": [_problem_json(p) for p in self.problems],
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()

    @classmethod
    def from_json(cls, blob: bytes) -> PartManifest:
        """Return the manifest read from JSON bytes."""
        data = json.loads(blob)
        if data.get("format") != _FORMAT:
            raise ValueError(f"a deck part of format {data.get('format')!r}, not {_FORMAT}: make it again")
        try:
            return cls._from_dict(data)
        except (KeyError, TypeError) as error:
            raise ValueError(f"a deck part's manifest without {error}: make the part again") from None

    @classmethod
    def _from_dict(cls, data: dict[str, Any]) -> PartManifest:
        return cls(
            part=data["part"],
            template=data["template"],
            kinds=tuple(data["kinds"]),
            numbered=tuple(data["numbered"]),
            next_ids=tuple(data["next_ids"]),
            base=tuple((name, crc) for name, crc in data["base"]),
            base_problems=tuple(Problem(*p) for p in data["base_problems"]),
            problems=tuple(Problem(*p) for p in data["problems"]),
        )


def _problem_json(problem: Problem) -> list[str | None]:
    return [problem.severity, problem.message, problem.file, problem.sheet, problem.cell]


class PartPackage(PackageReader):
    """A part's bytes opened: its entries, its manifest and which entries belong to the base."""

    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        try:
            blob = self.read(MANIFEST)
        except KeyError:
            raise ValueError("not a part of a deck: it has no manifest") from None
        self.manifest = PartManifest.from_json(blob)
        self.base_names = {name for name, _ in self.manifest.base} | _CHANGING
        self.entries = [e for e in self.entries if e.filename != MANIFEST]

    def is_base(self, entry: zipfile.ZipInfo) -> bool:
        """Return True for an entry of the base (kept by the head only), False for the part's own."""
        return entry.filename in self.base_names


def pack_part(
    entries: Iterable[tuple[str, bytes]],
    base_parts: Iterable[str],
    manifest: PartManifest,
    moment: dt.datetime,
    *,
    keep_base: bool,
) -> bytes:
    """Return a part's bytes from the entries of its package, as python-pptx would save them.

    base_parts: the part names ("/ppt/slideMasters/slideMaster1.xml") before any slide was added.
    The manifest's base is filled in here.
    """
    names = {name.lstrip("/") for name in base_parts}
    base: list[tuple[str, int]] = []
    target = PackageWriter(moment)
    for name, blob in entries:
        blob = normal_entry(name, blob, moment)
        owner = rels_owner(name)
        # A relationships entry goes with its owner; the package's own ("") with the base.
        in_base = name in _CHANGING or owner == "" or (owner or name) in names
        if in_base and name not in _CHANGING:
            base.append((name, zlib.crc32(blob)))
        if keep_base or not in_base or name == TYPES:
            target.add(name, blob)
    target.add(MANIFEST, dataclasses.replace(manifest, base=tuple(base)).to_json())
    return target.getvalue()


def rels_owner(name: str) -> str | None:
    """Return the entry a relationships entry belongs to ("ppt/_rels/x.xml.rels" -> "ppt/x.xml").

    The package's own relationships ("_rels/.rels") belong to "", anything else to None."""
    if not name.endswith(".rels"):
        return None
    folder, _, file = name.rpartition("/")
    if not folder.endswith("_rels"):
        return None
    parent = folder[: -len("_rels")].rstrip("/")
    return f"{parent}/{file[: -len('.rels')]}" if parent else file[: -len(".rels")]
