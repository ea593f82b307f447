"""Look inside an .xlsx package before openpyxl loads it, and refuse what would exhaust memory.

openpyxl holds every cell in memory, expands merged ranges cell by cell and reads every string
whole; with data_only=True it also turns a formula that was never calculated into a blank cell.
This scan streams the package's XML first: it counts rows and cells, measures merged ranges and
the text of each cell, checks style numbers, finds the pictures placed in each sheet and the
formulas without a saved result, and names the sheet and the cell of every problem.
"""

from __future__ import annotations

from mapgen.readers.xlsx.package.parts import workbook_part
from mapgen.readers.xlsx.package.scan import PackageScan, Picture, scan_package

__all__ = ["PackageScan", "Picture", "scan_package", "workbook_part"]
