"""Persona slugs name the output files: ASCII, readable in any script, unique and stable."""

from __future__ import annotations

import re
import unicodedata

import pytest

from mapgen.slugs import slugify, unique_slugs


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Renée Dubois", "renee-dubois"),
        ("  Jürgen  Groß ", "jurgen-gross"),
        ("Søren Ølgaard-Æbelø", "soren-olgaard-aebelo"),
        ("Łukasz Żółć", "lukasz-zolc"),
        ("Đorđe Þórsson", "dorde-thorsson"),
        ("Nguyễn Văn An", "nguyen-van-an"),
        ("Emma Hughes (CFO)", "emma-hughes-cfo"),
    ],
)
def test_latin_names_fold_to_ascii(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Фёдор Достоевский", "fiodor-dostoevskii"),
        ("Иван Петров", "ivan-petrov"),
        ("Ελένη Παπαδοπούλου", "elene-papadopoulou"),
        ("Ἀθηνᾶ", "athena"),
        ("李伟", "li-wei"),
        ("王小明", "wang-xiao-ming"),
        ("さくら", "sakura"),
        ("김민준", "gimminjun"),
    ],
)
def test_other_scripts_transliterate_readably(name: str, slug: str) -> None:
    assert slugify(name) == slug


def test_a_name_typed_composed_or_decomposed_gives_one_slug() -> None:
    for name in ("Фёдор", "Renée", "がっこう"):
        assert slugify(unicodedata.normalize("NFD", name)) == slugify(unicodedata.normalize("NFC", name))
    assert slugify("がっこう") == "gatukou", "composed kana, not the base letter without its voicing mark"


@pytest.mark.parametrize("name", ["🚀", "😀🎉", "★", "", "   "])
def test_names_with_nothing_to_read_get_a_stable_hash(name: str) -> None:
    slug = slugify(name)
    assert re.fullmatch(r"persona-[0-9a-f]{6}", slug)
    assert slugify(name) == slug


def test_the_fallback_keeps_digits_and_tells_names_apart() -> None:
    assert re.fullmatch(r"persona-2024-[0-9a-f]{6}", slugify("2024"))
    assert slugify("🚀") != slugify("😀🎉")


def test_slugs_are_short_ascii_file_names() -> None:
    for name in ("x" * 200, "李" * 100, "Фёдор " * 30, "a/b\\c:d*e?f", "../../etc"):
        slug = slugify(name)
        assert slug.isascii() and len(slug) <= 60
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug), slug


def test_clashing_names_are_numbered_and_overview_is_reserved() -> None:
    assert unique_slugs(["Ana", "ana", "ANA!", "Overview"]) == ["ana", "ana-2", "ana-3", "overview-2"]
    assert all(s.isascii() for s in unique_slugs(["Łukasz", "Zoë", "Đorđe"]))


def test_a_transliteration_that_clashes_is_numbered_too() -> None:
    assert unique_slugs(["Li Wei", "李伟", "李伟", "🚀", "🚀"])[:3] == ["li-wei", "li-wei-2", "li-wei-3"]
    rockets = unique_slugs(["🚀", "🚀"])
    assert rockets[1] == rockets[0] + "-2"


def test_windows_device_names_are_never_a_file_name() -> None:
    assert unique_slugs(["Con", "Nul", "Com1", "Conrad"]) == ["con-2", "nul-2", "com1-2", "conrad"]


def test_slugs_are_stable_across_builds() -> None:
    names = ["Renée Dubois", "Фёдор", "李伟", "🚀", "Renée Dubois"]
    assert unique_slugs(names) == unique_slugs(list(names))
    assert unique_slugs(names) == ["renee-dubois", "fiodor", "li-wei", slugify("🚀"), "renee-dubois-2"]
