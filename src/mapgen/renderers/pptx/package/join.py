"""Join the parts of a deck into one package at the zip level, without python-pptx's object tree.

Every part is a small presentation on the same base (see package.container). The deck is the head's
package with every part's own entries put in after the head's, in deck order, named as
python-pptx names them when it makes the whole deck in one go: slides by their place, notes
slides, charts and embedded workbooks in order, pictures by first use and stored once per
distinct picture (found by SHA-1, as python-pptx finds them). The slide list and relationships
of presentation.xml and [Content_Types].xml are written anew; entries that do not change are
copied as they were compressed. The entries come in the order python-pptx writes them, so the
deck is the one a single process would make, byte for byte.

What depends on the number of slides is added here: the built-in look's rule under the title,
"Page X of Y" and footer line (plan.pages.PageFurniture, drawn with output.scene's XML), and, on a
client's template, the text of each slide-number field.
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from xml.sax.saxutils import quoteattr

from lxml import etree  # type: ignore[import-untyped]  # lxml ships no type stubs

from mapgen.model import Journeys, Problem
from mapgen.renderers.pptx.deck import deck_parts, default_frame
from mapgen.renderers.pptx.output.drawingml import NSDECLS
from mapgen.renderers.pptx.output.scene import Paintable, shapes_xml
from mapgen.renderers.pptx.package.container import (
    PRESENTATION,
    PRESENTATION_RELS,
    TYPES,
    PartPackage,
    rels_owner,
)
from mapgen.renderers.pptx.package.reproducible import PackageWriter, fixed_moment, next_name
from mapgen.renderers.pptx.plan.pages import PageFurniture

if TYPE_CHECKING:
    from mapgen.themes import Theme

__all__ = ["join_part_packages"]

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_SLIDE_RT, _NOTES_MASTER_RT = _RT + "slide", _RT + "notesMaster"
_HAS_NOTES = f'Type="{_RT}notesSlide"'.encode()
_SLIDE = re.compile(r"ppt/slides/slide(\d+)\.xml")
# Parts numbered in the order they are made, as python-pptx's next_partname numbers them.
_NUMBERED = ("ppt/notesSlides/", "ppt/charts/", "ppt/embeddings/")
# What the first notes slide makes (the notes master and its theme): one copy in the deck.
_SHARED = ("ppt/notesMasters/", "ppt/theme/")
_INDEX = re.compile(r"\d+(?=\.[^./]*$)")
_RELATIONSHIP = re.compile(rb"<Relationship [^>]*/>")
_ID = re.compile(rb' Id="rId(\d+)"')
_TARGET = re.compile(rb' Target="([^"]*)"')
_SLIDE_LIST = re.compile(rb"<p:sldIdLst>.*?</p:sldIdLst>|<p:sldIdLst/>", re.S)
_FIRST_SLIDE_ID = re.compile(rb'<p:sldId id="(\d+)"')
_SLIDE_NUMBER = re.compile(rb'(<a:fld [^>]*type="slidenum"[^>]*>(?:(?!</a:fld>).)*?<a:t>)[^<]*(</a:t>)', re.S)
_DEFAULT = re.compile(rb'<Default Extension="([^"]*)" ContentType="([^"]*)"/>')
_OVERRIDE = re.compile(rb'<Override PartName="([^"]*)" ContentType="([^"]*)"/>')
_XML_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
# python-pptx's parser settings, so added shapes come out as in a slide python-pptx wrote.
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


@dataclass
class _Entry:
    """One entry of the deck: new contents, or an entry of a part copied as it was compressed.

    change: what the entry's contents become, applied as the deck is written, so the join holds
    one changed slide at a time rather than every one.
    """

    name: str
    blob: bytes | None = None
    source: PartPackage | None = None
    entry: zipfile.ZipInfo | None = None
    change: Callable[[bytes], bytes] | None = None


def join_part_packages(
    journeys: Journeys, theme: Theme, parts: Sequence[bytes], *, template: bool
) -> tuple[bytes, tuple[Problem, ...]]:
    """Return the deck joined from its parts' bytes (in deck_parts order) and the problems met."""
    packages = [PartPackage(data) for data in parts]
    _check(journeys, packages, template)
    total = sum(len(p.manifest.kinds) for p in packages)
    pages = None if template else PageFurniture(journeys, theme, default_frame(theme), total)
    joiner = _Joiner(packages[0], theme, pages)
    for package in packages:
        joiner.add(package)
    found = [p for pkg in packages for p in pkg.manifest.base_problems]
    found += [p for pkg in packages for p in pkg.manifest.problems]
    return joiner.finish(), tuple(dict.fromkeys(found))


def _check(journeys: Journeys, packages: Sequence[PartPackage], template: bool) -> None:
    """Refuse parts given out of order, or made on another base than the head (a stale part)."""
    names = [spec.name for spec in deck_parts(journeys)]
    given = [p.manifest.part for p in packages]
    if given != names:
        raise ValueError(f"the deck's parts are {names}, in this order; given {given}")
    head = packages[0].manifest
    for package in packages:
        manifest = package.manifest
        if manifest.template != template:
            made = "on a template" if manifest.template else "in the built-in look"
            raise ValueError(f"part {manifest.part} was made {made}, unlike the deck: make it again")
        if manifest.base != head.base:
            raise ValueError(f"part {manifest.part} was made on another base than the head: make it again")


class _Joiner:
    """The deck being joined: its entries in order, and the names and numbers given out so far."""

    def __init__(self, head: PartPackage, theme: Theme, pages: PageFurniture | None) -> None:
        self.head, self.theme, self.pages = head, theme, pages
        own = [k for k, entry in enumerate(head.entries) if not head.is_base(entry)]
        if not own or own != list(range(own[0], own[-1] + 1)):
            raise ValueError("the head's slides do not follow each other in its package: not a deck's head")
        # The base's entries come before the slides (presentation.xml, master, layouts) or after
        # them (what the package's relationships list after the presentation).
        self.before = [e for e in head.entries[: own[0]] if e.filename != TYPES]
        self.after = head.entries[own[-1] + 1 :]
        self.base = {e.filename for e in head.entries if head.is_base(e) and not e.filename.endswith(".rels")}
        self.taken: dict[str, set[str]] = {}  # the names of numbered parts, by prefix
        for name in self.base:
            self._taken("/" + _numbered(name)).add("/" + name)
        self.images = [_index(n) for n in self.base if n.startswith("ppt/media/image") and _index(n)]
        self.media: dict[str, str] | None = None  # SHA-1 -> picture, read when a part has one
        self.shared: dict[str, int] = {}  # what the first notes slide made -> its CRC-32
        self.entries: list[_Entry] = []
        self.slides: list[str] = []
        self.noted: set[str] = set()  # the slides with notes
        # Content types: by extension, and by part name (the base's here, the parts' as they come).
        self.defaults, overrides = _content_types(head.read(TYPES))
        self.types = {name: kind for name, kind in overrides.items() if name[1:] in self.base}

    def add(self, package: PartPackage) -> None:
        """Add a part's own entries, renamed, after those of the parts before it."""
        defaults, overrides = _content_types(package.read(TYPES))
        self.defaults.update(defaults)
        own = [e for e in package.entries if not package.is_base(e)]
        offset = len(self.slides)
        names, skip = self._names(package, own, offset)
        manifest = package.manifest
        for entry in own:
            name = entry.filename
            owner = rels_owner(name)
            if owner is not None:
                if owner not in skip:
                    blob = _retarget(package.read(entry), owner, names)
                    self.entries.append(_Entry(_rels_name(names[owner]), blob))
                    if _HAS_NOTES in blob and _SLIDE.fullmatch(owner):
                        self.noted.add(names[owner])
                continue
            if name in skip:
                continue
            new = names[name]
            if "/" + name in overrides:
                self.types["/" + new] = overrides["/" + name]
            slide = _SLIDE.fullmatch(name)
            if slide is None:
                self.entries.append(_Entry(new, source=package, entry=entry))
                continue
            local = int(slide.group(1)) - 1
            number = offset + local + 1
            self.slides.append(new)
            change: Callable[[bytes], bytes] | None = None
            if local in manifest.numbered:
                change = functools.partial(_number, number=number)
            elif self.pages is not None and self.pages.applies(manifest.kinds[local]):
                shapes, first = self.pages.items(number), manifest.next_ids[local]
                change = functools.partial(_add_shapes, items=shapes, first=first, theme=self.theme)
            self.entries.append(_Entry(new, source=package, entry=entry, change=change))

    def _names(
        self, package: PartPackage, own: list[zipfile.ZipInfo], offset: int
    ) -> tuple[dict[str, str], set[str]]:
        """Return the deck's name of each of a part's own entries, and those the deck has already."""
        names: dict[str, str] = {}
        skip: set[str] = set()
        for entry in own:
            name = entry.filename
            if rels_owner(name) is not None:
                continue
            slide = _SLIDE.fullmatch(name)
            if slide is not None:
                # python-pptx names a slide by its place in the deck.
                names[name] = f"ppt/slides/slide{offset + int(slide.group(1))}.xml"
            elif name.startswith("ppt/media/"):
                names[name], known = self._picture(package, entry)
                if known:
                    skip.add(name)
            elif name.startswith(_NUMBERED):
                tmpl = "/" + _numbered(name)
                names[name] = next_name(tmpl, self._taken(tmpl))[1:]
            elif name.startswith(_SHARED):
                names[name] = name
                if name in self.shared:
                    if self.shared[name] != entry.CRC:
                        raise ValueError(
                            f"part {package.manifest.part} has another {name} than those before it"
                        )
                    skip.add(name)
                self.shared[name] = entry.CRC
            else:
                raise ValueError(f"part {package.manifest.part} holds {name}: a deck's part cannot hold that")
        return names, skip

    def _taken(self, tmpl: str) -> set[str]:
        return self.taken.setdefault(tmpl[: tmpl.find("%d")] if "%d" in tmpl else tmpl, set())

    def _picture(self, package: PartPackage, entry: zipfile.ZipInfo) -> tuple[str, bool]:
        """Return the deck's name of a part's picture, and whether the deck holds it already."""
        if self.media is None:
            self.media = {
                hashlib.sha1(self.head.read(name)).hexdigest(): name
                for name in sorted(self.base)
                if name.startswith("ppt/media/")
            }
        digest = hashlib.sha1(package.read(entry)).hexdigest()
        known = self.media.get(digest)
        if known is not None:
            return known, True
        # python-pptx takes the first number free from the bottom (next_image_partname).
        taken = sorted(self.images)
        free = next((k + 1 for k, n in enumerate(taken) if k + 1 < n), len(taken) + 1)
        self.images.append(free)
        ext = posixpath.splitext(entry.filename)[1]
        name = f"ppt/media/image{free}{ext}"
        self.media[digest] = name
        return name, False

    # -- the whole deck -------------------------------------------------------------------------

    def finish(self) -> bytes:
        """Return the deck's bytes: presentation.xml and [Content_Types].xml written for all slides."""
        presentation, relationships = self._presentation()
        writer = PackageWriter(fixed_moment())
        writer.add(TYPES, self._types_xml())
        head = self.head
        for entry in self.before:
            if entry.filename == PRESENTATION:
                writer.add(PRESENTATION, presentation)
            elif entry.filename == PRESENTATION_RELS:
                writer.add(PRESENTATION_RELS, relationships)
            else:
                writer.copy(entry.filename, head, entry)
        for item in self.entries:
            if item.blob is not None:
                writer.add(item.name, item.blob)
                continue
            assert item.source is not None and item.entry is not None
            if item.change is not None:
                writer.add(item.name, item.change(item.source.read(item.entry)))
            else:
                writer.copy(item.name, item.source, item.entry)
        for entry in self.after:
            writer.copy(entry.filename, head, entry)
        return writer.getvalue()

    def _presentation(self) -> tuple[bytes, bytes]:
        """Return presentation.xml and its relationships, listing every slide of the deck."""
        head = self.head
        rels = head.read(PRESENTATION_RELS)
        kept: dict[int, bytes] = {}
        for rel in _RELATIONSHIP.findall(rels):
            target = _TARGET.search(rel)
            id_ = _ID.search(rel)
            assert target is not None and id_ is not None
            name = _resolve("ppt", target.group(1).decode())
            # The head's own slides and the notes master they made are listed anew below.
            if b'TargetMode="External"' in rel or name in self.base:
                kept[int(id_.group(1))] = rel
        notes_master = next((n for n in self.shared if n.startswith("ppt/notesMasters/")), None)
        ids: list[int] = []
        for name in self.slides:
            ids.append(_next_id(kept))
            kept[ids[-1]] = _relationship(ids[-1], _SLIDE_RT, name)
            if name in self.noted and notes_master is not None:
                # python-pptx relates the notes master when it makes the first notes slide.
                number = _next_id(kept)
                kept[number] = _relationship(number, _NOTES_MASTER_RT, notes_master)
                notes_master = None
        start = _FIRST_SLIDE_ID.search(head.read(PRESENTATION))
        first = int(start.group(1)) if start else 256
        listed = "".join(f'<p:sldId id="{first + k}" r:id="rId{n}"/>' for k, n in enumerate(ids))
        presentation = _SLIDE_LIST.sub(
            f"<p:sldIdLst>{listed}</p:sldIdLst>".encode(), head.read(PRESENTATION), 1
        )
        opening = rels[: rels.index(b">", rels.index(b"<Relationships")) + 1]
        body = b"".join(kept[n] for n in sorted(kept))
        return presentation, opening + body + b"</Relationships>"

    def _types_xml(self) -> bytes:
        """Return [Content_Types].xml as python-pptx writes it: defaults by extension, then overrides."""
        defaults = "".join(
            f"<Default Extension={quoteattr(ext)} ContentType={quoteattr(kind)}/>"
            for ext, kind in sorted(self.defaults.items())
        )
        overrides = "".join(
            f"<Override PartName={quoteattr(name)} ContentType={quoteattr(kind)}/>"
            for name, kind in sorted(self.types.items())
        )
        return (
            _XML_DECLARATION
            + b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            + (defaults + overrides).encode()
            + b"</Types>"
        )


def _numbered(name: str) -> str:
    """Return the template a numbered part's name was made from ("ppt/charts/chart%d.xml")."""
    return _INDEX.sub("%d", name, count=1)


def _index(name: str) -> int:
    match = _INDEX.search(name)
    return int(match.group()) if match else 0


def _next_id(rels: dict[int, bytes]) -> int:
    """Return python-pptx's next relationship id: the highest free one up to one past their count."""
    return next(n for n in range(len(rels) + 1, 0, -1) if n not in rels)


def _relationship(number: int, kind: str, target: str) -> bytes:
    return f'<Relationship Id="rId{number}" Type="{kind}" Target="{_relative(target, "ppt")}"/>'.encode()


def _rels_name(name: str) -> str:
    folder, _, file = name.rpartition("/")
    return f"{folder}/_rels/{file}.rels"


def _retarget(rels: bytes, owner: str, names: dict[str, str]) -> bytes:
    """Return relationships with targets among the part's entries pointing at their deck names."""
    folder = posixpath.dirname(owner)
    new_folder = posixpath.dirname(names[owner])

    def target(match: re.Match[bytes]) -> bytes:
        local = _resolve(folder, match.group(1).decode())
        if local not in names:
            return match.group(0)
        return b' Target="' + _relative(names[local], new_folder).encode() + b'"'

    return _TARGET.sub(target, rels)


@functools.lru_cache(maxsize=4096)
def _resolve(folder: str, target: str) -> str:
    """Return the entry a relative target names ("../media/image1.png" from "ppt/slides")."""
    return posixpath.normpath(posixpath.join(folder, target))


def _relative(name: str, folder: str) -> str:
    """Return the target naming an entry from a folder: posixpath.relpath, quick for a deck's folders."""
    inside = name.startswith(folder + "/")
    if inside and "/" not in name[len(folder) + 1 :]:
        return name[len(folder) + 1 :]
    top, _, below = folder.partition("/")
    if below and "/" not in below and name.startswith(top + "/") and not inside:
        return "../" + name[len(top) + 1 :]  # from ppt/slides to ppt/media/...: one level up
    return posixpath.relpath(name, folder)


def _content_types(blob: bytes) -> tuple[dict[str, str], dict[str, str]]:
    """Return a package's content types: by extension, and by part name."""
    defaults = {ext.decode(): kind.decode() for ext, kind in _DEFAULT.findall(blob)}
    overrides = {name.decode(): kind.decode() for name, kind in _OVERRIDE.findall(blob)}
    return defaults, overrides


def _number(slide: bytes, number: int) -> bytes:
    """Return a slide with its slide-number fields showing its number in the deck."""
    return _SLIDE_NUMBER.sub(lambda m: m.group(1) + str(number).encode() + m.group(2), slide)


def _add_shapes(slide: bytes, items: Sequence[Paintable], first: int, theme: Theme) -> bytes:
    """Return a slide with shapes added on top, their ids counted from first (a free id)."""
    fragment = "".join(shapes_xml(items, first, theme))
    # Written as lxml writes the same shapes inside the slide (which declares a, p and r).
    tree = etree.fromstring(f"<p:spTree {NSDECLS}>{fragment}</p:spTree>", _PARSER)
    wrapped = etree.tostring(tree, encoding="UTF-8", xml_declaration=False)
    shapes: bytes = wrapped[wrapped.index(b">") + 1 : wrapped.rindex(b"</p:spTree>")]
    end = slide.rindex(b"</p:spTree>")
    if slide[:end].endswith(b"</p:extLst>"):
        raise ValueError("a slide whose shape tree ends in an extension list")
    return slide[:end] + shapes + slide[end:]
