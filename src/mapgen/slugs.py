"""File-name slugs for personas: ASCII, unique within a build, and stable across builds.

Names are transliterated by text-unidecode (Фёдор -> fiodor, 李伟 -> li-wei, Ελένη -> elene) and
cleaned by python-slugify. text-unidecode is called here, not through python-slugify: given the
choice, python-slugify prefers the Unidecode package when it happens to be installed, and its
tables differ, so the same workbook could name its files differently on two machines.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable

from slugify import slugify as _clean
from text_unidecode import unidecode

MAX_LENGTH = 60
# Windows refuses these as file names whatever the extension (con.png), and overview.png is ours.
RESERVED = frozenset(
    {"overview", "con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(1, 10))}
)


def slugify(name: str) -> str:
    """Return an ASCII slug for name: 'Renée Dubois' -> 'renee-dubois', '李伟' -> 'li-wei'."""
    # NFKC first: the same name typed composed or decomposed (as macOS may save it) gives one
    # slug, and the tables transliterate composed letters (が -> ga, not ka).
    ascii_text = unidecode(unicodedata.normalize("NFKC", name))
    slug = _clean(ascii_text, max_length=MAX_LENGTH)
    if any(c.isalpha() for c in slug):
        return slug
    # Nothing to read (emoji, digits only, a script the tables lack): a short hash keeps it stable
    # and unique.
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]
    return f"persona-{slug}-{digest}" if slug else f"persona-{digest}"


def unique_slugs(names: Iterable[str], reserved: Iterable[str] = RESERVED) -> list[str]:
    """Return one slug per name, in order, adding -2, -3... where two would clash."""
    taken = set(reserved)
    slugs = []
    for name in names:
        base = slugify(name)
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        taken.add(slug)
        slugs.append(slug)
    return slugs
