"""Read the theme's fonts: family names (checked against the installed fonts) and font files."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from mapgen.paths import Refused, inside
from mapgen.themes.problems import describe
from mapgen.themes.schema import Fonts, FontSpec
from mapgen.themes.values import MISSING, Reader, boolean, choice, nonempty, string_value
from mapgen.themes.vocabulary import Weight


def read_fonts(r: Reader) -> Fonts:
    """Return the heading and body fonts and the fallbacks, checking every file and family."""
    from mapgen import text

    roles: dict[str, FontSpec] = {}
    for role in ("heading", "body"):
        base = f"fonts.{role}"
        family_raw = r.get(f"{base}.family", nonempty, "DejaVu Sans")
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
            raw = r.get(f"{base}.{style}", string_value, "").strip()
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
        office = r.get(f"{base}.office", string_value, "").strip() or None
        roles[role] = FontSpec(
            family=family,
            weight=cast(Weight, r.get(f"{base}.weight", choice("regular", "bold"), "regular")),
            office=office,
            fallback=_font_list(r, f"{base}.fallback"),
            **styles,
        )
    return Fonts(
        heading=roles["heading"],
        body=roles["body"],
        fallback=_font_list(r, "fonts.fallback"),
        system_fallback=r.get("fonts.system_fallback", boolean, True),
    )


def _font_list(r: Reader, key: str) -> tuple[str | Path, ...]:
    from mapgen import text

    out: list[str | Path] = []
    raw_list = r.raw(key)
    if raw_list is MISSING:
        r.problems.error(key, "missing key (the default theme sets every key: is it damaged?)")
    elif not isinstance(raw_list, list):
        r.problems.error(key, f"must be a list of family names or font files, got {describe(raw_list)}")
    else:
        for i, item in enumerate(raw_list):
            item_key = f"{key}[{i}]"
            if not isinstance(item, str) or not item.strip():
                r.problems.error(item_key, f"must be a family name or a font file, got {describe(item)}")
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


def _font_file(r: Reader, key: str, spec: str) -> Path | None:
    from mapgen import text

    name, sep, index = spec.rpartition("#")
    file, suffix = (name, f"#{index}") if sep and index.isdigit() else (spec, "")
    try:
        path = inside(file, r.path_of(key), "font file", "the theme's folder")
    except Refused as error:
        r.problems.error(key, str(error))
        return None
    try:
        face = text.load_face(f"{path}{suffix}")
    except text.FontError as error:
        r.problems.error(key, str(error))
        return None
    return Path(f"{face.path}#{face.index}") if face.index else face.path
