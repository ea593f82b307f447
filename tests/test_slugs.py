"""Persona slugs name the output files."""

from __future__ import annotations

import re

from mapgen.slugs import slugify, unique_slugs


def test_accents_fold_to_ascii() -> None:
    assert slugify("Renée Dubois") == "renee-dubois"
    assert slugify("  Jürgen  Groß ") == "jurgen-gross"
    assert slugify("Søren Ølgaard-Æbelø") == "soren-olgaard-aebelo"


def test_names_without_ascii_letters_get_a_readable_stable_slug() -> None:
    first = slugify("王小明")
    assert re.fullmatch(r"persona-[0-9a-f]{6}", first)
    assert slugify("王小明") == first
    assert slugify("李华") != first
    assert slugify("Ελένη 2").startswith("persona-2-")


def test_clashing_names_are_numbered_and_overview_is_reserved() -> None:
    assert unique_slugs(["Ana", "ana", "ANA!", "Overview"]) == ["ana", "ana-2", "ana-3", "overview-2"]
    assert all(s.isascii() for s in unique_slugs(["Łukasz", "Zoë", "Đorđe"]))
