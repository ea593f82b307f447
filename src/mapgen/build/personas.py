"""Which personas --persona names: by name, sheet or file slug, without regard to case or accents."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Sequence

from mapgen.errors import InputError
from mapgen.model import Persona
from mapgen.slugs import unique_slugs

__all__ = ["fold", "match_personas", "subfolder_name"]


def fold(text: str) -> str:
    """Return text as people type it: 'Renée  DUBOIS' and 'renee dubois' fold alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def match_personas(personas: Sequence[Persona], wanted: Iterable[str], source: str) -> tuple[Persona, ...]:
    """Return the personas wanted names, in the workbook's order; raise listing them when one is unknown.

    A name matches a persona's name or sheet name (case and accents aside), or the slug of its
    files ("renee-dubois", as in renee-dubois.png).
    """
    slugs = unique_slugs(p.name for p in personas)
    keys = [{fold(p.name), fold(p.sheet), slug} for p, slug in zip(personas, slugs, strict=True)]
    chosen: set[int] = set()
    missing: list[str] = []
    for name in wanted:
        hits = [i for i, names in enumerate(keys) if fold(name) in names or name.strip() in names]
        if hits:
            chosen.update(hits)
        else:
            missing.append(name)
    if missing:
        listed = "; ".join(f"{p.name} ({slug})" for p, slug in zip(personas, slugs, strict=True))
        quoted = ", ".join(f'"{m}"' for m in missing)
        raise InputError.at(
            source, f"no persona named {quoted}; the personas are: {listed} (a name or its file's slug)"
        )
    return tuple(p for i, p in enumerate(personas) if i in chosen)


def subfolder_name(chosen: Sequence[Persona], every: Sequence[Persona]) -> str:
    """Return the folder a build of some personas goes to inside a full build's: persona-<slug>."""
    slugs = dict(zip((id(p) for p in every), unique_slugs(p.name for p in every), strict=True))
    names = [slugs[id(p)] for p in chosen]
    joined = "+".join(names)
    if len(joined) <= 80:
        return f"persona-{joined}" if len(names) == 1 else f"personas-{joined}"
    digest = hashlib.sha1(joined.encode()).hexdigest()[:8]
    return f"personas-{len(names)}-{digest}"
