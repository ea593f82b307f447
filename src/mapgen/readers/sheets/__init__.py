"""The sheets beside the personas: what each sheet is, and the Project, Stages, Columns and metrics sheets."""

from mapgen.readers.sheets.roles import SheetRole, classify, is_blueprint

__all__ = ["SheetRole", "classify", "is_blueprint"]
