"""Numbers shown as Excel shows them under their number format."""

from __future__ import annotations

from pathlib import Path

import pytest

from mapgen.readers.numbers import format_number
from tests.support.workbooks import add_rows, new_book, read


@pytest.mark.parametrize(
    ("value", "code", "shown"),
    [
        (0.6071428571, "0.0%", "60.7%"),
        (0.6071428571, "0%", "61%"),
        (0.6071428571, "0.00%", "60.71%"),
        (1250, "#,##0", "1,250"),
        (1234567.891, "#,##0.00", "1,234,567.89"),
        (1234567.891, "#,##0.0", "1,234,567.9"),
        (2.675, "0.00", "2.68"),  # rounded half away from zero on the decimal, as Excel does
        (2.5, "0", "3"),
        (3.14159, "0.0", "3.1"),
        (0.5, "#.00", ".50"),
        (1250, '"$"#,##0', "$1,250"),
        (1250, "$#,##0.00", "$1,250.00"),
        (1250, "[$€-407] #,##0.00", "€ 1,250.00"),
        (1250, '#,##0 "kr"', "1,250 kr"),
        (1250, "£#,##0", "£1,250"),
        (-1250, "#,##0", "-1,250"),
        (-1250, "$#,##0", "-$1,250"),
        (-1250, "#,##0;(#,##0)", "(1,250)"),
        (-1250, "#,##0;[Red]-#,##0", "-1,250"),
        (0, '#,##0;-#,##0;"nil"', "nil"),
        (1250000, '#,##0,"k"', "1,250k"),
        (1250000, '#,##0,,"m"', "1m"),
        (1250, '_("$"* #,##0.00_);_("$"* (#,##0.00);_("$"* "-"??_);_(@_)', "$1,250.00"),
        (-0.001, "0.0", "0.0"),
        (42, "General;-General", "42"),
    ],
)
def test_formats_people_use(value: float, code: str, shown: str) -> None:
    assert format_number(value, code) == shown


@pytest.mark.parametrize(
    "code",
    ["General", "", "yyyy-mm-dd", "0.00E+00", "# ?/?", "[>100]0;0", "000-0000", "@", '0"x', "0" * 300],
)
def test_formats_it_does_not_know_are_left_to_the_plain_text(code: str) -> None:
    assert format_number(1234.5, code) is None


def test_format_never_raises_on_odd_codes() -> None:
    for code in ("0..0", ";;;;;", "[", '"', "\\", "_", "*", "#,##0,.0", "%%", "[$", "0;0;0;0;0"):
        result = format_number(1e300, code)
        assert result is None or isinstance(result, str)


def test_cells_show_their_format_and_scores_keep_the_number(tmp_path: Path) -> None:
    book = new_book()
    sheet = add_rows(
        book,
        "P",
        [
            ("Stage", "Step", "Conversion", "Revenue", "Sentiment"),
            ("A", "Browses", 0.6071428571428571, 1250, 0.6071428571428571),
            ("A", "Buys", 0.25, -3400.5, 0.25),
        ],
    )
    for row in (2, 3):
        sheet[f"C{row}"].number_format = "0.0%"
        sheet[f"D{row}"].number_format = "#,##0;(#,##0)"
        sheet[f"E{row}"].number_format = "0.0%"
    journeys = read(book, tmp_path)
    first, second = journeys.personas[0].steps
    assert dict(first.extra) == {"Conversion": "60.7%", "Revenue": "1,250"}
    assert dict(second.extra) == {"Conversion": "25.0%", "Revenue": "(3,401)"}
    # The score is the number behind the look, on the percentage scale.
    assert first.score == pytest.approx(0.6071428571428571 * 2 - 1, abs=1e-6)
    assert second.score == pytest.approx(-0.5)
    assert journeys.personas[0].scale is not None and journeys.personas[0].scale.unit == "%"
