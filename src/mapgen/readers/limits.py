"""Every bound mapgen puts on a workbook, in one place; README.md's "Limits" table lists them.

Each is set well above what a real journey map needs (domain.md: a handful of personas, 4 to 12
stages, a few dozen steps, cells of a sentence or a short list) and well below what would exhaust
memory or make a deliverable nobody can read. A file over one is refused with a message that
names the sheet and the cell and says what to do; nothing is cut silently.
"""

from __future__ import annotations

from mapgen.limits import MAX_PICTURE_PIXELS

__all__ = [
    "MAX_CELLS",
    "MAX_CELL_CHARS",
    "MAX_EXCEL_CHARS",
    "MAX_FILE_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_NAME_CHARS",
    "MAX_OPPORTUNITIES",
    "MAX_PART_ELEMENTS",
    "MAX_PHOTO_BYTES",
    "MAX_PHOTO_PATH_CHARS",
    "MAX_PIXELS",
    "MAX_ROWS",
    "MAX_STAGES",
    "MAX_STEPS",
    "MAX_TEXT_BYTES",
    "MAX_TEXT_FILES",
    "MAX_UNPACKED_BYTES",
]

_MB = 1024 * 1024

# The package: checked before openpyxl loads it, since openpyxl holds every cell in memory.
MAX_FILE_BYTES = 50 * _MB
MAX_UNPACKED_BYTES = 500 * _MB
MAX_ROWS = 100_000  # row elements in one sheet
# Cells openpyxl makes for the whole workbook: every written or styled cell, and every cell of a
# merged range, a hyperlink range or a comment's range (it makes one object per cell of those).
# About 400 bytes each once loaded: a million stays near 400 MB.
MAX_CELLS = 1_000_000
# Elements of an XML part openpyxl parses whole (styles, drawings, comments, charts...).
MAX_PART_ELEMENTS = 200_000

# Text.
MAX_EXCEL_CHARS = 32_767  # Excel's own limit per cell: more comes only from a tampered file
MAX_CELL_CHARS = 1_000  # per cell read into a deliverable: a long paragraph; a report row must fit a page
MAX_NAME_CHARS = 100  # a persona, a stage, an owner: a heading, a slide title, a file name, a narrow column

# The journey.
MAX_STEPS = 200  # per persona: a map of more is unreadable; split the journey
MAX_STAGES = 50  # in the workbook: each stage is a band of the map
MAX_OPPORTUNITIES = 1_000  # rows of the Opportunities sheets: an action plan, not a backlog export

# Photos.
MAX_PIXELS = MAX_PICTURE_PIXELS  # one bound for every picture: photos and theme logos
MAX_PHOTO_BYTES = 20 * _MB
MAX_PHOTO_PATH_CHARS = 500

# Text inputs (CSV, Markdown, Mermaid, the JSON model): read whole into memory, so bounded lower
# than a zipped workbook; a journey written out as text is a few hundred kilobytes.
MAX_TEXT_BYTES = 10 * _MB
MAX_TEXT_FILES = 100  # CSV files in a folder read as one project: a persona each
MAX_JSON_DEPTH = 20  # the model nests 5 deep (personas, steps, extra); more is not a model
