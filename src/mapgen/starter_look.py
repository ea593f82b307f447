"""How mapgen's workbooks look: the teal headers, bordered cells, fitted rows, dropdowns and print setup.

Shared by the starter workbook, its Opportunities sheet and inputs/make_samples.py, so every
workbook mapgen writes looks alike.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import Any

from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

# Colours: a deep teal header (white text on it is 10:1), a pale tint for labels.
HEADER_FILL = PatternFill("solid", start_color="1F4E5F", end_color="1F4E5F")
HEADER_FONT = Font(name="Calibri", size=11, bold=True, color="FFFFFF")
LABEL_FILL = PatternFill("solid", start_color="E6EEF1", end_color="E6EEF1")
LABEL_FONT = Font(name="Calibri", size=11, bold=True, color="1F4E5F")
TITLE_FONT = Font(name="Calibri", bold=True, size=16, color="1F4E5F")
SECTION_FONT = Font(name="Calibri", bold=True, size=12, color="FFFFFF")
BODY_ALIGNMENT = Alignment(horizontal="left", wrap_text=True, vertical="top")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
CENTRED_ALIGNMENT = Alignment(horizontal="center", vertical="top")
_THIN = Side(style="thin", color="C9D6DB")
BODY_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

SCORE_FORMAT = "+0;-0;0"
# The persona sheets' Stage dropdown offers the names on the Stages sheet (room for 30 stages).
STAGE_LIST_FORMULA = "Stages!$A$2:$A$31"
# Data validation and styling reach this many rows below the header, for the user's own steps.
BODY_ROWS = 200


def style_header_row(sheet: Worksheet, row: int, first: int, last: int) -> None:
    """Give a table's header row the white-on-teal look."""
    for column in range(first, last + 1):
        cell = sheet.cell(row=row, column=column)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = HEADER_ALIGNMENT
        cell.border = BODY_BORDER
    sheet.row_dimensions[row].height = 32


def style_body_cell(cell: Any, *, centred: bool = False) -> None:
    """Wrap and top-align a table cell, with a light border."""
    cell.alignment = CENTRED_ALIGNMENT if centred else BODY_ALIGNMENT
    cell.border = BODY_BORDER


def style_label_cell(cell: Any) -> None:
    """Make a key cell of a key/value block stand out."""
    cell.font = LABEL_FONT
    cell.fill = LABEL_FILL
    cell.alignment = BODY_ALIGNMENT
    cell.border = BODY_BORDER


def set_widths(sheet: Worksheet, widths: Sequence[float], first: int = 1) -> None:
    """Set column widths, in characters, from column first on."""
    for offset, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(first + offset)].width = width


def fit_row_heights(sheet: Worksheet, first: int = 1, last: int | None = None) -> None:
    """Set each row's height to show its wrapped text in full.

    Neither Excel nor LibreOffice fits row heights when it opens a file, so a row of wrapped text
    written without a height shows one clipped line. The estimate wraps words at the column width
    in characters, which errs on the tall side. Cells of merged ranges are left out.
    """
    merged = {
        (row, column)
        for cells in sheet.merged_cells.ranges
        for row in range(cells.min_row, cells.max_row + 1)
        for column in range(cells.min_col, cells.max_col + 1)
    }
    for row in range(first, (last or sheet.max_row) + 1):
        height = 0.0
        for cell in sheet[row]:
            if cell.value is None or (cell.row, cell.column) in merged:
                continue
            size = float(cell.font.sz or 11)
            width = sheet.column_dimensions[cell.column_letter].width or 8.43
            chars = max(4, int(width * 1.15 * 11 / size * (0.9 if cell.font.b else 1.0)) - 1)
            text = str(cell.value)
            if cell.alignment.wrap_text:
                lines = sum(len(textwrap.wrap(line, chars)) or 1 for line in text.splitlines() or [""])
            else:
                lines = 1
            height = max(height, lines * size * 1.3 + 4)
        current = sheet.row_dimensions[row].height
        if height and (current is None or current < height):
            sheet.row_dimensions[row].height = round(height, 1)


def set_print_setup(sheet: Worksheet, *, landscape: bool = True, title_row: int | None = None) -> None:
    """Print on A4, fitted to the page width, repeating the header row on every page."""
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.5
    if title_row is not None:
        sheet.print_title_rows = f"{title_row}:{title_row}"
    sheet.oddFooter.center.text = "&A, page &P of &N"


def score_validation(low: int = -5, high: int = 5) -> DataValidation:
    """Return a whole-number validation for an emotion score column, with its help messages."""
    return DataValidation(
        type="whole",
        operator="between",
        formula1=str(low),
        formula2=str(high),
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        errorStyle="stop",
        promptTitle="Emotion score",
        prompt=f"A whole number from {low:+d} (very negative) through 0 (neutral) to {high:+d} "
        "(very positive).",
        errorTitle="Score out of range",
        error=f"Enter a whole number from {low:+d} to {high:+d}, or leave the cell blank.",
    )


def stage_validation() -> DataValidation:
    """Return the Stage dropdown: the names on the Stages sheet; other names only after a warning."""
    return DataValidation(
        type="list",
        formula1=STAGE_LIST_FORMULA,
        allow_blank=True,
        showDropDown=False,  # openpyxl's inverted flag: False shows the in-cell arrow
        showInputMessage=True,
        showErrorMessage=True,
        errorStyle="warning",
        promptTitle="Stage",
        prompt="Pick a stage from the Stages sheet. Blank means the stage of the row above.",
        errorTitle="Not on the Stages sheet",
        error="This stage is not on the Stages sheet. Add it there to give it its place in the journey.",
    )


def score_colour_scale(low: int = -5, high: int = 5) -> ColorScaleRule:
    """Return a red-white-green colour scale for a score range."""
    middle = (low + high) / 2
    return ColorScaleRule(
        start_type="num",
        start_value=low,
        start_color="F4A3A3",
        mid_type="num",
        mid_value=int(middle) if middle == int(middle) else middle,
        mid_color="FFFFFF",
        end_type="num",
        end_value=high,
        end_color="A8D8B0",
    )
