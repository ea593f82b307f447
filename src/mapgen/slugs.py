"""File-name slugs for personas: ASCII, unique within a build, and stable across builds."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

# Letters that NFKD does not decompose into an ASCII base letter.
_SPECIAL = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
    }
)


def slugify(name: str) -> str:
    """Return an ASCII slug for name: 'Renée Dubois' -> 'renee-dubois'."""
    ascii_text = unicodedata.normalize("NFKD", name.translate(_SPECIAL)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60].rstrip("-")
    if any(c.isalpha() for c in slug):
        return slug
    # No ASCII letters (a name in CJK, Greek, Arabic...): a short hash keeps it stable and unique.
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]
    return f"persona-{slug}-{digest}" if slug else f"persona-{digest}"


def unique_slugs(names: Iterable[str], reserved: Iterable[str] = ("overview",)) -> list[str]:
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
