"""The starter workbook's Opportunities sheet: the action plan, dropdowns for Priority, Effort, Status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from mapgen.starter_look import (
    BODY_ALIGNMENT,
    BODY_ROWS,
    STAGE_LIST_FORMULA,
    fit_row_heights,
    set_print_setup,
    set_widths,
    style_body_cell,
    style_header_row,
)

__all__ = ["EFFORTS", "OPPORTUNITY_COLUMNS", "PRIORITIES", "STATUSES", "fill_opportunities"]

PRIORITIES = ("High", "Medium", "Low")
EFFORTS = ("S", "M", "L")
STATUSES = ("Idea", "Planned", "In progress", "Done", "Dropped")


@dataclass(frozen=True)
class _Column:
    header: str
    width: float
    help: str


OPPORTUNITY_COLUMNS: tuple[_Column, ...] = (
    _Column("Opportunity", 40, "What to do, starting with a verb. The same words as on a persona sheet "
            "add the details below to that opportunity rather than a second one."),
    _Column("Persona", 16, "The persona's name (or sheet name). Blank or All: every persona."),
    _Column("Stage", 16, "Pick a stage from the Stages sheet, or leave it blank."),
    _Column("Step", 30, "The start of the step's words, or its number in the persona's journey (1 is the "
            "first step). Blank: the whole stage."),
    _Column("Pain point", 30, "The start of the pain point it answers, as the persona sheet has it."),
    _Column("Owner", 18, "The team or person who makes it happen."),
    _Column("Priority", 11, "High, Medium or Low (P1-P3 and Must/Should/Could work too)."),
    _Column("Effort", 9, "S, M or L (Low, Medium, High and XS/XL work too)."),
    _Column("Due", 12, "A date, or a quarter such as Q3 2025."),
    _Column("Status", 13, "Idea, Planned, In progress, Done or Dropped."),
    _Column("KPI", 26, "How the team will know it worked."),
)  # fmt: skip

_EXAMPLES: tuple[tuple[str | datetime | None, ...], ...] = (
    ("Show the family price per portion in social posts", "Priya Shah", "Awareness", "Sees a friend's post",
     "Price per portion", "Marketing", "High", "S", datetime(2025, 4, 30), "Planned",
     "Click-through rate of social posts"),
    ("Let new customers pay first and choose recipes later", "Priya Shah", "Purchase",
     "Chooses a delivery day", "Recipe choice forced", "Digital product", "High", "L",
     datetime(2025, 6, 30), "In progress", "Checkout completion rate"),
    ("Trial a one-person plan", "Tom Becker", "Purchase", "Orders the smallest plan",
     "No plan for one person", "Product", "Medium", "M", "Q3 2025", "Idea",
     "Conversion rate of single households"),
    ("Step the discount down over four boxes", "Tom Becker", "Post-purchase", "Cancels after the discount",
     "Price jumps", "Growth", "Medium", "S", None, "Idea", "Retention after the welcome offer"),
)  # fmt: skip


def _dropdown(title: str, values: tuple[str, ...] | str, prompt: str) -> DataValidation:
    """Return a list dropdown; other words are allowed after a warning, for the reader knows more."""
    formula = values if isinstance(values, str) else '"' + ",".join(values) + '"'
    return DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showDropDown=False,  # openpyxl's inverted flag: False shows the in-cell arrow
        showInputMessage=True,
        showErrorMessage=True,
        errorStyle="warning",
        promptTitle=title,
        prompt=prompt,
        errorTitle=f"Not a usual {title.lower()}",
        error=f"mapgen reads this {title.lower()} only if it is one of the words the Instructions list.",
    )


def fill_opportunities(sheet: Worksheet) -> None:
    """Fill the Opportunities sheet: a header row, worked examples, dropdowns, help on each header."""
    sheet.sheet_properties.tabColor = "C0504D"
    set_widths(sheet, [column.width for column in OPPORTUNITY_COLUMNS])
    for column, spec in enumerate(OPPORTUNITY_COLUMNS, 1):
        sheet.cell(row=1, column=column, value=spec.header)
    style_header_row(sheet, 1, 1, len(OPPORTUNITY_COLUMNS))
    for row, example in enumerate(_EXAMPLES, 2):
        for column, value in enumerate(example, 1):
            cell = sheet.cell(row=row, column=column, value=value)
            style_body_cell(cell)
            if isinstance(value, datetime):
                cell.number_format = "yyyy-mm-dd"
    last = 1 + BODY_ROWS
    letter = {spec.header: get_column_letter(i) for i, spec in enumerate(OPPORTUNITY_COLUMNS, 1)}
    lists: tuple[tuple[str, tuple[str, ...] | str], ...] = (
        ("Stage", STAGE_LIST_FORMULA),
        ("Priority", PRIORITIES),
        ("Effort", EFFORTS),
        ("Status", STATUSES),
    )
    for header, values in lists:
        spec = next(c for c in OPPORTUNITY_COLUMNS if c.header == header)
        dropdown = _dropdown(header, values, spec.help)
        sheet.add_data_validation(dropdown)
        dropdown.add(f"{letter[header]}2:{letter[header]}{last}")
    for column in range(1, len(OPPORTUNITY_COLUMNS) + 1):
        sheet.column_dimensions[get_column_letter(column)].alignment = BODY_ALIGNMENT
    sheet.column_dimensions[letter["Due"]].number_format = "yyyy-mm-dd"
    fit_row_heights(sheet)
    sheet.freeze_panes = "B2"
    set_print_setup(sheet, landscape=True, title_row=1)
