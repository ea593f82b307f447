"""Join PDF sections into one document with pikepdf (qpdf): pages, numbers, outline, links, fonts.

The report's sections (cover and contents, executive summary, a chapter per persona, overview)
are made apart, each a PDF of its own; see mapgen.renderers.pdf.output.emit. Joining them:

- copies every section's pages in order, and the first section's document information and
  language (the cover's section is made with the plan's metadata);
- lays a page of numbers over each page (made by the caller, once the page sizes are known), so
  "Page X of Y" counts the whole document;
- turns the links that point into another section (written as named destinations: the key)
  into destinations on the page and height where that key was placed;
- makes the outline from the plan's entries, each at the page and height its key was placed;
- keeps one copy of each font subset and each image that several sections embed alike (a
  persona's photo is in its profile card and its journey map), and gives the font subsets that
  are not alike but share a name (each section names its own first, second, ... subset the same
  way) names of their own;
- writes the file reproducibly: qpdf's object order and an /ID made from the content.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

import pikepdf
from pikepdf import Array, Dictionary, Name, Object, OutlineItem, Pdf, Stream, String

__all__ = ["Bookmark", "Piece", "join"]

_SUBSET_TAG = re.compile(r"^/[A-Z]{6}\+")
_NUMBER_FORM = "/MapgenPageNumber"  # the page number's form, in every page's resources


@dataclass(frozen=True)
class Piece:
    """A section to join: its PDF and where its bookmark keys are (page index in it, top)."""

    pdf: bytes
    places: Mapping[str, tuple[int, float]]


@dataclass(frozen=True)
class Bookmark:
    """An outline entry: level 0 (a chapter) or 1 (a section of the chapter before it)."""

    level: int
    title: str
    key: str


Numbers = Callable[[Sequence[tuple[float, float]]], bytes]


def join(pieces: Sequence[Piece], outline: Sequence[Bookmark], numbers: Numbers, *, folded: bool) -> bytes:
    """Return the pieces joined into one PDF.

    numbers: given the sizes of the pages after the first (the cover), returns a PDF with a page
    of each size to lay over them (their page numbers). folded: the outline opens with its
    chapters closed.
    """
    out = Pdf.new()
    sources = [Pdf.open(io.BytesIO(piece.pdf)) for piece in pieces]  # open until out is saved
    places: dict[str, tuple[int, float]] = {}
    for piece, source in zip(pieces, sources, strict=True):
        _name_single_filters(source)
        offset = len(out.pages)
        for source_page in source.pages:  # one by one: extend() warns of forms, which sections lack
            out.pages.append(source_page)
        for key, (page, top) in piece.places.items():
            places[key] = (offset + page, top)
    if sources:
        info = out.copy_foreign(sources[0].docinfo)
        assert isinstance(info, Dictionary)
        out.docinfo = info
        if "/Lang" in sources[0].Root:
            out.Root.Lang = sources[0].Root.Lang
    _resolve_links(out, places)
    sources.append(_overlay(out, numbers))
    _share_alike(out)
    _make_outline(out, outline, places, folded=folded)
    data = io.BytesIO()
    out.save(
        data,
        deterministic_id=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        compress_streams=True,
        recompress_flate=False,
    )
    for source in sources:
        source.close()
    return data.getvalue()


def _name_single_filters(pdf: Pdf) -> None:
    """Write a stream's one filter as a name: [/FlateDecode] (reportlab's way) as /FlateDecode.

    qpdf copies a deflated stream as it is only when its filter is the name; one in an array it
    inflates and deflates again, which took most of the join's time.
    """
    for obj in pdf.objects:
        if isinstance(obj, Stream):
            filters = obj.get(Name.Filter)
            if isinstance(filters, Array) and len(filters) == 1:
                obj.Filter = filters[0]


def _destination(pdf: Pdf, places: Mapping[str, tuple[int, float]], key: str) -> Array:
    """Return an explicit destination of a key: its page, scrolled to its top, at the reader's zoom."""
    if key not in places:
        raise ValueError(f"no section placed the bookmark {key!r}")
    page, top = places[key]
    return Array([pdf.pages[page].obj, Name.XYZ, 0, top, None])


def _resolve_links(pdf: Pdf, places: Mapping[str, tuple[int, float]]) -> None:
    """Point each link that names a key (one into another section) at the key's place."""
    for page in pdf.pages:
        for annotation in page.obj.get(Name.Annots, ()):
            target = annotation.get(Name.Dest)
            if isinstance(target, String):
                annotation.Dest = _destination(pdf, places, str(target))


def _overlay(pdf: Pdf, numbers: Numbers) -> Pdf:
    """Draw the numbers' pages over every page after the first, each as a form; return their PDF.

    Not pikepdf's add_overlay, which names each form at random (the file would differ from build
    to build) and rewrites every page's content into one stream: here a page's own content is
    left as it is, between two small streams every page shares.
    """
    pages = list(pdf.pages)[1:]
    if not pages:
        return Pdf.new()
    sizes = [(float(p.mediabox[2] - p.mediabox[0]), float(p.mediabox[3] - p.mediabox[1])) for p in pages]
    stamps = Pdf.open(io.BytesIO(numbers(sizes)))
    _name_single_filters(stamps)
    if len(stamps.pages) != len(pages):
        raise ValueError(f"{len(stamps.pages)} pages of numbers for {len(pages)} pages")
    # The page's own drawing is wrapped in q ... Q so that the number starts from a clean state.
    before = pdf.make_stream(b"q\n")
    after = pdf.make_stream(b"Q\nq %s Do Q\n" % _NUMBER_FORM.encode())
    for page, stamp in zip(pages, stamps.pages, strict=True):
        form = pdf.copy_foreign(stamp.as_form_xobject())
        resources = _own_copy(page.obj.get(Name.Resources))  # sections may share them between pages
        xobjects = _own_copy(resources.get(Name.XObject))
        if _NUMBER_FORM in xobjects:
            raise ValueError(f"a page already has a resource named {_NUMBER_FORM}")
        xobjects[_NUMBER_FORM] = form
        resources.XObject = xobjects
        page.obj.Resources = resources
        contents = page.obj.get(Name.Contents)
        own = list(contents) if isinstance(contents, Array) else [contents] if contents is not None else []
        page.obj.Contents = Array([before, *own, after])
    return stamps  # the forms' content is read from it when pdf is saved: keep it open till then


def _own_copy(dictionary: Object | None) -> Dictionary:
    """Return a new direct dictionary with the entries of dictionary (none when it is None)."""
    return Dictionary(dict(dictionary.items())) if isinstance(dictionary, Dictionary) else Dictionary()


def _make_outline(
    pdf: Pdf, bookmarks: Sequence[Bookmark], places: Mapping[str, tuple[int, float]], *, folded: bool
) -> None:
    """Make the outline: chapters with their sections below them, each leading to its key's place."""
    with pdf.open_outline() as outline:
        chapter: OutlineItem | None = None
        for bookmark in bookmarks:
            item = OutlineItem(bookmark.title, _destination(pdf, places, bookmark.key))
            if bookmark.level == 0 or chapter is None:
                outline.root.append(item)
                chapter = item
            else:
                chapter.children.append(item)
        for item in outline.root:
            item.is_closed = folded and bool(item.children)
    if bookmarks:
        pdf.Root.PageMode = Name.UseOutlines


# ---------------------------------------------------------------------------------------------
# Fonts and images


def _share_alike(pdf: Pdf) -> None:
    """Keep one object of each set of alike fonts and images; give unlike subsets unique names."""
    digests: dict[tuple[int, int], bytes] = {}
    kept: dict[bytes, Object] = {}
    fonts: dict[bytes, Object] = {}
    for kind, entries in _resource_dictionaries(pdf):
        for name in sorted(entries.keys()):
            obj = entries[name]
            if kind == Name.XObject and obj.get(Name.Subtype) != Name.Image:
                continue  # forms are each page's own
            digest = _digest(obj, digests, skip=(Name("/Name"),))
            if digest in kept:
                entries[name] = kept[digest]
            else:
                kept[digest] = obj
                if kind == Name.Font:
                    fonts[digest] = obj
    by_name: dict[str, list[tuple[bytes, Object]]] = {}
    for digest, font in fonts.items():
        if Name("/Name") in font:
            del font["/Name"]  # obsolete since PDF 1.1, and no longer matches every page's name
        by_name.setdefault(str(font.get(Name.BaseFont, "")), []).append((digest, font))
    for base, alike in by_name.items():
        if len(alike) > 1 and _SUBSET_TAG.match(base):
            for digest, font in alike:
                _rename(font, f"{_tag(digest)}+{base[8:]}")


def _resource_dictionaries(pdf: Pdf) -> Iterator[tuple[Name, Dictionary]]:
    """Yield each /Font and /XObject resource dictionary of the pages and their forms, once each."""
    seen: set[tuple[int, int]] = set()

    def walk(resources: Object | None) -> Iterator[tuple[Name, Dictionary]]:
        if not isinstance(resources, Dictionary):
            return
        fonts = resources.get(Name.Font)
        if isinstance(fonts, Dictionary) and _first_visit(fonts, seen):
            yield Name.Font, fonts
        xobjects = resources.get(Name.XObject)
        if isinstance(xobjects, Dictionary) and _first_visit(xobjects, seen):
            yield Name.XObject, xobjects
            for xobject in xobjects.values():
                if (
                    isinstance(xobject, Stream)
                    and xobject.get(Name.Subtype) == Name.Form
                    and _first_visit(xobject, seen)
                ):
                    yield from walk(xobject.get(Name.Resources))

    for page in pdf.pages:
        yield from walk(page.obj.get(Name.Resources))


def _first_visit(obj: Object, seen: set[tuple[int, int]]) -> bool:
    if not obj.is_indirect:
        return True
    if obj.objgen in seen:
        return False
    seen.add(obj.objgen)
    return True


def _digest(obj: object, memo: dict[tuple[int, int], bytes], skip: tuple[Name, ...] = ()) -> bytes:
    """Return a hash of what an object holds, following references: alike objects hash alike."""
    if not isinstance(obj, Object):  # pikepdf gives numbers, booleans and null as Python's
        return hashlib.sha256(repr(obj).encode()).digest()
    key = obj.objgen if obj.is_indirect and not skip else None
    if key is not None and key in memo:
        return memo[key]
    h = hashlib.sha256()
    if isinstance(obj, Stream):
        h.update(b"stream")
        h.update(_digest(obj.stream_dict, memo, skip=(Name.Length,)))
        h.update(obj.read_raw_bytes())
    elif isinstance(obj, Dictionary | Array):
        text = obj.unparse()  # qpdf writes a dictionary's keys sorted
        if b" R" not in text and not skip:  # holds no reference: its text is what it holds
            h.update(text)
        elif isinstance(obj, Dictionary):
            h.update(b"<<")
            for name in sorted(obj.keys()):
                if name not in skip:
                    h.update(name.encode())
                    h.update(_digest(obj[name], memo))
        else:
            h.update(b"[")
            for item in obj:
                h.update(_digest(item, memo))
    else:
        h.update(obj.unparse())
    digest = h.digest()
    if key is not None:
        memo[key] = digest
    return digest


def _tag(digest: bytes) -> str:
    """Return a subset tag (six capital letters) made from a digest."""
    return "".join(chr(ord("A") + b % 26) for b in digest[:6])


def _rename(font: Object, base: str) -> None:
    font.BaseFont = Name("/" + base)
    descriptor = font.get(Name.FontDescriptor)
    if isinstance(descriptor, Dictionary):
        descriptor.FontName = Name("/" + base)
