"""The starter workbook of `mapgen template`, and how mapgen saves a workbook: atomically, byte-stable.

The template is a worked example users overwrite: an Instructions sheet, a Project sheet, a Stages
sheet, two persona sheets in the row layout with dropdowns for Stage and Score, and an
Opportunities sheet (starter_plan.py) with dropdowns for Stage, Priority, Effort and Status.
"""

from __future__ import annotations

import io
import os
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from mapgen.errors import InputError
from mapgen.starter_look import (
    BODY_ALIGNMENT,
    BODY_ROWS,
    CENTRED_ALIGNMENT,
    HEADER_FILL,
    SCORE_FORMAT,
    SECTION_FONT,
    STAGE_LIST_FORMULA,
    TITLE_FONT,
    fit_row_heights,
    score_colour_scale,
    score_validation,
    set_print_setup,
    set_widths,
    stage_validation,
    style_body_cell,
    style_header_row,
    style_label_cell,
)
from mapgen.starter_plan import OPPORTUNITY_COLUMNS, fill_opportunities

# The looks are starter_look's; inputs/make_samples.py imports them from here too.
__all__ = [
    "BODY_ALIGNMENT",
    "BODY_ROWS",
    "FIXED_TIME",
    "HEADER_FILL",
    "SCORE_FORMAT",
    "STAGE_LIST_FORMULA",
    "STEP_COLUMNS",
    "build_template",
    "fit_row_heights",
    "save_workbook",
    "score_colour_scale",
    "set_print_setup",
    "set_widths",
    "style_body_cell",
    "style_header_row",
    "style_label_cell",
    "workbook_bytes",
    "write_template",
]

# Stamped into every workbook mapgen writes, so the same content gives the same bytes.
FIXED_TIME = datetime(2025, 1, 1)
_ZIP_TIME = (2025, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Column:
    """One column of the step table: its header, width in characters, and what goes in it."""

    header: str
    width: float
    help: str


STEP_COLUMNS: tuple[Column, ...] = (
    Column(
        "Stage",
        16,
        "Pick a stage from the dropdown (it lists the Stages sheet). Leave it blank to stay in the "
        "stage of the row above.",
    ),
    Column("Step", 40, "What the persona does at this step, starting with a verb."),
    Column(
        "Touchpoint",
        20,
        "Where it happens: a web page, the app, an email, a call, the shop, the courier.",
    ),
    Column("Goal", 26, "What the persona wants to get done at this step."),
    Column("Thoughts", 32, "What they think or ask, in their own words."),
    Column("Emotions", 18, "One to three feeling words, separated by commas."),
    Column(
        "Emotion score (-5 to +5)",
        14,
        "A whole number: -5 very negative, 0 neutral, +5 very positive. Selecting the cell shows "
        "the scale; other values are refused.",
    ),
    Column("Pain points", 34, "What gets in the way. One item per line; number them (1., 2.) to pair them."),
    Column(
        "Opportunities",
        34,
        "What the business could do about it. One item per line. To say which pain point an item "
        "answers, give it the pain point's number, or end it with (re: the pain point's first words).",
    ),
    Column("KPIs", 24, "How an improvement would be measured. One per line."),
    Column("Owner", 16, "The team that owns this step."),
    Column("Evidence", 24, "Where the insight comes from: interviews, analytics, a survey, reviews."),
)
_SCORE_COLUMN = next(i for i, c in enumerate(STEP_COLUMNS, 1) if c.header.startswith("Emotion score"))
_STAGE_COLUMN = 1

PROFILE_HELP: tuple[tuple[str, str], ...] = (
    ("Name", "The persona's name, as the deliverables title them."),
    ("Role", "A short description: who they are in one line."),
    ("Age", "A number or a range, e.g. 41 or 35-44."),
    ("Location", "Where they live or work."),
    ("Quote", "One sentence in their own words that sums them up."),
    ("Bio", "Two or three sentences of background."),
    ("Goals", "What they want to achieve. One item per line."),
    ("Motivations", "What drives them. One item per line."),
    ("Frustrations", "What annoys them in general. One item per line."),
    ("Behaviours", "How they typically act and shop. One item per line."),
    ("Channels", "The channels they use. One item per line."),
    (
        "Photo",
        "Leave blank and place a picture on the sheet, beside the profile; or type a file name "
        "relative to the workbook's folder, e.g. photos/priya.jpg.",
    ),
)

_PROJECT: tuple[tuple[str, str | None, str], ...] = (
    ("Title", "Larder & Co: customer journeys", "The title on the cover of the deck and the report."),
    ("Client", "Larder & Co", "The organisation the journeys are for."),
    ("Prepared by", "Customer Insight team", "Your team or agency."),
    ("Date", None, "The date of this version, e.g. 2025-03-31."),
    ("Version", "0.1", "Any text, e.g. 1.0 or Draft 2."),
    ("Confidentiality", "Internal", "Printed in the footer, e.g. Internal or Client confidential."),
    (
        "Description",
        "How new customers discover, choose, order and live with a weekly meal-kit subscription, "
        "and where the experience lets them down.",
        "A short paragraph for the cover or the introduction.",
    ),
    (
        "Theme",
        "default",
        "The look of the deliverables: default, agency, corporate, high-contrast, default-de, or the "
        "path of your own .toml theme file.",
    ),
)

_STAGES: tuple[tuple[str, str], ...] = (
    ("Awareness", "Realises weeknight dinners are a problem and hears about Larder & Co."),
    ("Consideration", "Compares plans, prices and menus with the supermarket and other meal kits."),
    ("Purchase", "Chooses a plan, a delivery day and the first recipes, and pays."),
    ("Post-purchase", "Receives and cooks the first boxes, manages the subscription, decides to stay."),
)


@dataclass(frozen=True)
class _Persona:
    sheet: str
    profile: tuple[tuple[str, str | int | None], ...]
    steps: tuple[tuple[str | int | None, ...], ...]


_PERSONAS: tuple[_Persona, ...] = (
    _Persona(
        sheet="Priya Shah",
        profile=(
            ("Name", "Priya Shah"),
            ("Role", "Working parent of two"),
            ("Age", 41),
            ("Location", "Manchester, UK"),
            ("Quote", "If dinner takes more than thirty minutes on a school night, it isn't happening."),
            (
                "Bio",
                "Hospital pharmacist on shifts; shares the cooking with her partner. Wants the family to "
                "eat fewer takeaways without spending Sunday evenings planning meals.",
            ),
            ("Goals", "Four family dinners a week in 30 minutes or less\nCut the takeaway bill"),
            ("Motivations", "Healthier food for the children\nLess food waste"),
            (
                "Frustrations",
                "Recipes that assume a full spice cupboard\nSubscriptions that are hard to pause",
            ),
            ("Behaviours", "Plans meals on her phone on the tram\nOrders groceries online every Thursday"),
            ("Channels", "Instagram\nEmail\nSupermarket app"),
            ("Photo", None),
        ),
        steps=(
            (
                "Awareness",
                "Sees a friend's post about a meal kit",
                "Instagram",
                "Find out whether meal kits suit a family",
                "Is this actually cheaper than a takeaway?",
                "curious, doubtful",
                1,
                "Price per portion not shown in the post",
                "Show the family price per portion in social posts",
                "Click-through rate of social posts",
                "Marketing",
                "Social listening, February",
            ),
            (
                None,
                "Reads how it works on the landing page",
                "Website landing page",
                "Understand what arrives and when",
                "What happens in the weeks we are away?",
                "interested, cautious",
                2,
                "Pausing and skipping weeks explained only in the FAQ",
                "Put 'skip or pause any week' next to the price",
                "Landing page to plans page rate",
                "Marketing",
                "Session recordings, 40 visits",
            ),
            (
                "Consideration",
                "Compares plans and this week's menu",
                "Plans page\nMenu page",
                "Pick a plan for two adults and two children",
                "Will the kids actually eat any of this?",
                "hopeful, unsure",
                1,
                "Child-friendly recipes are not labelled\nPortion sizes for children unclear",
                "Add a 'family favourites' filter\nOffer half portions for children",
                "Plans page to checkout rate",
                "Product",
                "Interviews with 8 parents",
            ),
            (
                "Purchase",
                "Chooses a delivery day and pays",
                "Checkout",
                "Get the first box this week",
                "Why do I have to choose recipes before I can pay?",
                "impatient, annoyed",
                -2,
                # Numbered alike: each opportunity answers the pain point of its number.
                "1. Recipe choice forced before payment\n2. Earliest delivery day is 6 days away",
                "1. Let new customers pay first and choose recipes later\n"
                "2. Show delivery days on the plans page",
                "Checkout completion rate\nTime to first box",
                "Digital product",
                "Checkout funnel, GA4, March",
            ),
            (
                "Post-purchase",
                "Unpacks and cooks the first box",
                "Delivery box\nRecipe cards",
                "Get dinner on the table by 6:30",
                "That was quicker than I expected.",
                "relieved, pleased",
                3,
                "Too much plastic packaging",
                "Switch to paper insulation and say so on the box",
                "First-box satisfaction score",
                "Operations",
                "Post-delivery survey, n=312",
            ),
            (
                None,
                "Tries to skip the week of a holiday",
                "Account page",
                "Avoid paying for a box nobody will cook",
                "Where is the skip button?",
                "frustrated",
                -3,
                "Skip option three levels deep in the account page\nCut-off day not shown",
                "Put 'skip this week' on the home screen of the account\nRemind customers before cut-off",
                "Skips made online vs. by phone\nChurn in the first 8 weeks",
                "Customer care",
                "Contact-centre tags, Q1",
            ),
        ),
    ),
    _Persona(
        sheet="Tom Becker",
        profile=(
            ("Name", "Tom Becker"),
            ("Role", "Graduate in his first job, sharing a flat"),
            ("Age", 24),
            ("Location", "Glasgow, UK"),
            ("Quote", "I want to learn to cook properly, but I'm not paying restaurant prices for it."),
            (
                "Bio",
                "Junior data analyst who moved to Glasgow for work. Cooks for himself most evenings and "
                "is tired of pasta. Watches every pound until payday.",
            ),
            ("Goals", "Learn ten dishes he can cook without a recipe\nKeep food spending under £60 a week"),
            ("Motivations", "Impress friends at dinner\nEat better after the gym"),
            ("Frustrations", "Minimum orders sized for families\nHidden delivery charges"),
            ("Behaviours", "Hunts for discount codes before buying anything\nWatches cooking videos"),
            ("Channels", "TikTok\nYouTube\nDiscount-code sites"),
            ("Photo", None),
        ),
        steps=(
            (
                "Awareness",
                "Watches a creator cook a Larder & Co recipe",
                "TikTok",
                "Find easy dinners that look good",
                "That looks doable, even for me.",
                "excited",
                3,
                "No price in the video",
                "Pin the first-box discount in creator videos",
                "Video views to site visits",
                "Marketing",
                "TikTok analytics, March",
            ),
            (
                "Consideration",
                "Looks for a discount code",
                "Discount-code site",
                "Pay as little as possible for the first box",
                "There must be a code somewhere.",
                "hopeful",
                1,
                "Expired codes on third-party sites",
                "Publish the current welcome offer on our own site",
                "Share of orders with a valid code",
                "Marketing",
                "Support tickets about codes, Q1",
            ),
            (
                "Purchase",
                "Orders the smallest plan",
                "Checkout",
                "Get two meals a week for one",
                "Two portions minimum? Fine, lunch tomorrow.",
                "disappointed",
                -1,
                "No plan for one person",
                "Trial a one-person plan",
                "Conversion rate of single households",
                "Product",
                "Survey of lapsed trial users",
            ),
            (
                "Post-purchase",
                "Cooks the first recipe",
                "Recipe card\nRecipe video",
                "Cook it without burning anything",
                "I made that. It actually tastes good.",
                "proud, happy",
                4,
                "Recipe card steps printed in small type",
                "Link each card to a short video",
                "Recipe rating\nSecond-box rate",
                "Content",
                "Recipe ratings in the app",
            ),
            (
                None,
                "Cancels after the discount ends",
                "Account page",
                "Keep spending under control",
                "Full price is more than I spend in a week.",
                "guilty, relieved",
                -1,
                "Price jumps by 60% after the first box",
                "Step the discount down over four boxes",
                "Retention after the welcome offer",
                "Growth",
                "Cancellation reasons, Q1",
            ),
        ),
    ),
)

_INSTRUCTIONS: tuple[tuple[str, str], ...] = (
    ("#title", "How to fill in this workbook"),
    (
        "",
        "mapgen turns this workbook into journey-map pictures (PNG), a PowerPoint deck and a PDF "
        "report. Replace the example words with your own; keep the layout of the sheets.",
    ),
    ("#section", "The sheets"),
    (
        "Project",
        "The front matter of the deliverables: one field per row, the name in column A and the value "
        "in column B (Title, Client, Prepared by, Date, Version, Confidentiality, Description, Theme).",
    ),
    (
        "Stages",
        "The stages of the journey in order, one per row, each with a short description. The Stage "
        "dropdown on the persona sheets lists these names: add, rename or remove stages here first.",
    ),
    (
        "One sheet per persona",
        "Each other sheet is one persona. To add one, copy an example sheet (right-click its tab, "
        "Move or Copy, Create a copy), rename the tab and replace the words. Delete the example "
        "personas you do not need.",
    ),
    (
        "Ignored sheets",
        "Sheets whose name starts with _ (or #) are ignored, and so are hidden sheets and sheets "
        "named Instructions, README, Notes or Lookups. Use them for working notes.",
    ),
    ("#section", "A persona sheet: the profile"),
    (
        "Profile block",
        "At the top of the sheet, above the table: the field name in column A, its value in column B. "
        "Add your own fields in new rows (e.g. Household) above the table. Click the minus sign in "
        "the left margin to fold the profile away while you work on the steps.",
    ),
    *PROFILE_HELP,
    ("#section", "A persona sheet: the steps"),
    (
        "The table",
        "One row per step, in the order the persona goes through them. Keep the header row as it "
        "is; you may add columns of your own to its right (e.g. Moment of truth): mapgen keeps them "
        "and shows them under their own heading.",
    ),
    *((column.header, column.help) for column in STEP_COLUMNS),
    ("#section", "The Opportunities sheet: the action plan"),
    (
        "Opportunities",
        "One row per opportunity the team will act on: what to do, and which persona, stage, step and "
        "pain point it answers (all optional). Write an opportunity in the same words as on a persona "
        "sheet to add its owner, priority and due date to it rather than list it twice. The deck and "
        "the report rank the action plan by the Priority written here.",
    ),
    *((column.header, column.help) for column in OPPORTUNITY_COLUMNS[1:]),
    ("#section", "Writing the cells"),
    (
        "Lists",
        "Goals, Motivations, Frustrations, Behaviours, Channels, Pain points, Opportunities and KPIs "
        "take one item per line: press Alt+Enter (Option+Return on a Mac) for a new line in a cell. "
        "Bullets such as •, - or 1. at the start of a line are fine.",
    ),
    (
        "Emotion score",
        "The scale is -5 to +5, as the column header says. If your team uses another scale, say so "
        "in the header, e.g. Emotion score (1-5); with no score column at all, mapgen estimates the "
        "score from the Emotions words. The scores draw the emotion curve: its low points are the "
        "moments that matter.",
    ),
    (
        "Photo",
        "Insert > Pictures > Place over Cells, then drag the picture beside the profile block of the "
        "persona's sheet. A square head-and-shoulders picture of at least 400 by 400 pixels works "
        "best. Web addresses are not fetched, and files outside the workbook's folder are not read.",
    ),
    (
        "Blank cells",
        "A blank Stage cell means the same stage as the row above; merged Stage cells work too. "
        "Blank rows are skipped.",
    ),
    ("#section", "Check and build"),
    (
        "Check",
        "mapgen validate journeys.xlsx lists every problem at once, with its sheet and cell.",
    ),
    (
        "Build",
        "mapgen build journeys.xlsx writes the pictures, the deck and the report into outputs/.",
    ),
)


def write_template(path: Path, *, force: bool = False) -> None:
    """Write the starter workbook to path; refuse to overwrite a file unless force."""
    save_workbook(build_template(), path, force=force)


def build_template() -> Workbook:
    """Return the starter workbook, ready to save."""
    workbook = Workbook()
    _fill_instructions(workbook.active)
    _fill_project(workbook.create_sheet("Project"))
    _fill_stages(workbook.create_sheet("Stages"))
    for persona in _PERSONAS:
        _fill_persona(workbook.create_sheet(persona.sheet), persona)
    fill_opportunities(workbook.create_sheet("Opportunities"))
    return workbook


def save_workbook(workbook: Workbook, path: Path, *, force: bool = False) -> None:
    """Save a workbook byte-stably to path through a temporary file, so a failure leaves no half file."""
    path = Path(path)
    _check_target(path, force=force)
    data = workbook_bytes(workbook)
    try:
        _replace_atomically(path, data)
    except OSError as error:
        raise InputError(f"Cannot write {path}: {error.strerror or error}.") from error


def workbook_bytes(workbook: Workbook) -> bytes:
    """Return the .xlsx bytes of a workbook, with fixed timestamps so equal content gives equal bytes."""
    properties = workbook.properties
    properties.created = FIXED_TIME
    properties.modified = FIXED_TIME
    if properties.creator in (None, "openpyxl"):
        properties.creator = "mapgen"
    raw = io.BytesIO()
    # Not Workbook.save: openpyxl's save_workbook stamps the current time as "modified".
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    return _fix_zip_times(raw.getvalue())


def _fix_zip_times(data: bytes) -> bytes:
    # zipfile stamps each member with the current local time; rewrite them with a fixed one.
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.create_system = 3
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info))
    return out.getvalue()


def _check_target(path: Path, *, force: bool) -> None:
    if path.suffix.lower() != ".xlsx":
        raise InputError(f"{path} does not end in .xlsx; give the starter workbook an .xlsx name.")
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file name ending in .xlsx.")
    folder = path.parent
    if not folder.is_dir():
        raise InputError(f"The folder {folder} does not exist; create it first or choose another path.")
    if path.exists() and not force:
        raise InputError(f"{path} already exists; use --force to overwrite it.")


def _replace_atomically(path: Path, data: bytes) -> None:
    mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        temporary.chmod(mode)
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _fill_instructions(sheet: Worksheet) -> None:
    sheet.title = "Instructions"
    sheet.sheet_properties.tabColor = "7F8C8D"
    set_widths(sheet, (26, 100))
    row = 0
    for key, text in _INSTRUCTIONS:
        row += 1
        if key == "#title":
            sheet.cell(row=row, column=1, value=text).font = TITLE_FONT
            sheet.row_dimensions[row].height = 28
            continue
        if key == "#section":
            row += 1  # a blank line before each section
            for column in (1, 2):
                sheet.cell(row=row, column=column).fill = HEADER_FILL
            sheet.cell(row=row, column=1, value=text).font = SECTION_FONT
            continue
        if key:
            label = sheet.cell(row=row, column=1, value=key)
            label.font = Font(name="Calibri", size=11, bold=True)
            label.alignment = BODY_ALIGNMENT
        sheet.cell(row=row, column=2, value=text).alignment = BODY_ALIGNMENT
    sheet.sheet_view.showGridLines = False
    fit_row_heights(sheet)
    set_print_setup(sheet, landscape=False)


def _fill_project(sheet: Worksheet) -> None:
    sheet.sheet_properties.tabColor = "7F8C8D"
    set_widths(sheet, (20, 90))
    for row, (key, value, hint) in enumerate(_PROJECT, 1):
        style_label_cell(sheet.cell(row=row, column=1, value=key))
        cell = sheet.cell(row=row, column=2, value=value)
        style_body_cell(cell)
        if key == "Date":
            cell.number_format = "yyyy-mm-dd"
        help_text = DataValidation(allow_blank=True, showInputMessage=True, promptTitle=key, prompt=hint)
        sheet.add_data_validation(help_text)
        help_text.add(cell.coordinate)
    fit_row_heights(sheet)
    set_print_setup(sheet, landscape=False)


def _fill_stages(sheet: Worksheet) -> None:
    sheet.sheet_properties.tabColor = "7F8C8D"
    set_widths(sheet, (22, 90))
    sheet.append(("Stage", "Description"))
    style_header_row(sheet, 1, 1, 2)
    for name, description in _STAGES:
        sheet.append((name, description))
    for row in sheet.iter_rows(min_row=2, max_row=len(_STAGES) + 1):
        for cell in row:
            style_body_cell(cell)
    sheet.freeze_panes = "A2"
    fit_row_heights(sheet)
    set_print_setup(sheet, landscape=False, title_row=1)


def _fill_persona(sheet: Worksheet, persona: _Persona) -> None:
    sheet.sheet_properties.tabColor = "1F4E5F"
    set_widths(sheet, [column.width for column in STEP_COLUMNS])
    for row, (key, value) in enumerate(persona.profile, 1):
        style_label_cell(sheet.cell(row=row, column=1, value=key))
        style_body_cell(sheet.cell(row=row, column=2, value=value))
    profile_end = len(persona.profile)
    # The profile folds away (outline level 1) so the table has the screen while steps are written.
    sheet.row_dimensions.group(2, profile_end, outline_level=1, hidden=False)
    sheet.sheet_properties.outlinePr.summaryBelow = False

    header = profile_end + 2
    for column, spec in enumerate(STEP_COLUMNS, 1):
        sheet.cell(row=header, column=column, value=spec.header)
    style_header_row(sheet, header, 1, len(STEP_COLUMNS))

    last = header + BODY_ROWS
    for offset, values in enumerate(persona.steps, 1):
        for column, value in enumerate(values, 1):
            cell = sheet.cell(row=header + offset, column=column, value=value)
            style_body_cell(cell, centred=column == _SCORE_COLUMN)
            if column == _SCORE_COLUMN:
                cell.number_format = SCORE_FORMAT

    stage_letter = get_column_letter(_STAGE_COLUMN)
    score_letter = get_column_letter(_SCORE_COLUMN)
    stages = stage_validation()
    scores = score_validation()
    sheet.add_data_validation(stages)
    sheet.add_data_validation(scores)
    stages.add(f"{stage_letter}{header + 1}:{stage_letter}{last}")
    scores.add(f"{score_letter}{header + 1}:{score_letter}{last}")
    score_range = f"{score_letter}{header + 1}:{score_letter}{last}"
    sheet.conditional_formatting.add(score_range, score_colour_scale())

    # Rows the user adds below the examples wrap and align like them.
    for column, spec in enumerate(STEP_COLUMNS, 1):
        dimension = sheet.column_dimensions[get_column_letter(column)]
        dimension.alignment = CENTRED_ALIGNMENT if column == _SCORE_COLUMN else BODY_ALIGNMENT
        if spec.header.startswith("Emotion score"):
            dimension.number_format = SCORE_FORMAT

    fit_row_heights(sheet)
    sheet.freeze_panes = f"B{header + 1}"
    set_print_setup(sheet, landscape=True, title_row=header)
