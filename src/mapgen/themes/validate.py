"""Turn merged theme data into a Theme, checking every value and collecting every problem."""

from __future__ import annotations

from typing import Any, cast

from mapgen import colors, text
from mapgen.themes.colours import check_contrast, read_colours
from mapgen.themes.files import check_image, optional_file
from mapgen.themes.fonts import read_fonts
from mapgen.themes.inheritance import Source
from mapgen.themes.keys import check_unknown, schema_tree
from mapgen.themes.problems import Problems
from mapgen.themes.schema import Emotion, Style, Theme
from mapgen.themes.sizes import read_page, read_png, read_sizes, read_slide
from mapgen.themes.values import Reader, boolean, choice, nonempty, number, string_value
from mapgen.themes.vocabulary import Contrast, Markers, StageShape
from mapgen.themes.words import read_footer, read_labels, read_lanes


def read_theme(data: dict[str, Any], problems: Problems, sources: list[Source]) -> Theme:
    """Return the theme read from merged data; bad values are replaced so checking can go on."""
    check_unknown(data, schema_tree(), "", problems)
    r = Reader(data, problems)
    leaf = sources[0].path

    # The order of these reads is the order the problems are reported in: keep it.
    name = r.get("name", nonempty, leaf.stem)
    if "name" not in sources[0].data and len(sources) > 1:
        name = leaf.stem  # an inherited name would call a user's theme "default"
    description = r.get("description", string_value, "")
    contrast = cast(Contrast, r.get("contrast", choice("AA", "AAA"), "AA"))
    language = r.get("language", nonempty, "en")
    if not text.has_patterns(language):
        problems.warning(
            "language",
            f"there are no hyphenation patterns for {language!r}; a word too long for its line is "
            "cut with an ellipsis instead of hyphenated (use a code such as en, de, fr, pt_BR)",
        )
    minimum = colors.AAA_TEXT if contrast == "AAA" else colors.AA_TEXT

    colours = read_colours(r, minimum)
    fonts = read_fonts(r)
    sizes = read_sizes(r)
    page = read_page(r)
    slide = read_slide(r)
    png = read_png(r)
    lanes = read_lanes(r)
    labels = read_labels(r)
    emotion = Emotion(markers=cast(Markers, r.get("emotion.markers", choice("faces", "dots"), "dots")))
    style = Style(
        corner_radius=r.get("style.corner_radius", number(0, 50), 0.0),
        stage_shape=cast(StageShape, r.get("style.stage_shape", choice("chevron", "band"), "chevron")),
        header_band=r.get("style.header_band", boolean, False),
        curve_width=r.get("style.curve_width", number(0.25, 12), 2.0),
    )
    footer = read_footer(r)
    logo = optional_file(r, "logo", check_image)

    theme = Theme(
        name=name,
        description=description,
        contrast=contrast,
        logo=logo,
        colours=colours,
        fonts=fonts,
        sizes=sizes,
        page=page,
        slide=slide,
        png=png,
        lanes=lanes,
        labels=labels,
        emotion=emotion,
        style=style,
        footer=footer,
        source=leaf,
        files=tuple(s.path for s in sources),
        language=language,
    )
    check_contrast(theme, problems)
    if contrast == "AAA" and emotion.markers != "faces":
        problems.warning(
            "emotion.markers",
            'a theme with contrast = "AAA" should use markers = "faces", so emotion shows by shape '
            "as well as colour and survives grey-scale printing",
        )
    return theme
