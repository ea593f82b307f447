"""python-pptx's internals are touched in one module only: moving past its pin means reading one file."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support import SRC

PPTX = SRC / "mapgen" / "renderers" / "pptx"
INTERNALS = PPTX / "output" / "pptx_internals.py"
PRIVATE_MODULES = ("pptx.opc", "pptx.oxml", "pptx.parts")
# python-pptx's private attributes and the package-level ones of its parts the deck relies on.
PRIVATE_ATTRIBUTES = frozenset(
    {
        "_base_placeholder",
        "_blob",
        "_chartSpace",
        "_element",
        "_image_parts",
        "_next_shape_id",
        "_next_slide_partname",
        "_rels",
        "_sldIdLst",
        "_spTree",
        "next_partname",
        "package",
        "partname",
    }
)


def _touches(path: Path) -> set[str]:
    """Return the private python-pptx modules a source imports and the private attributes it uses."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            modules = []
        found.update(m for m in modules if m.startswith(PRIVATE_MODULES))
        if isinstance(node, ast.Attribute) and (
            node.attr in PRIVATE_ATTRIBUTES or node.attr.startswith("get_or_add_")
        ):
            found.add(f".{node.attr}")
    return found


def test_only_pptx_internals_touches_python_pptx_internals() -> None:
    offenders = {
        str(path.relative_to(PPTX)): sorted(touches)
        for path in sorted(PPTX.rglob("*.py"))
        if path != INTERNALS and (touches := _touches(path))
    }
    assert not offenders


def test_the_check_sees_the_touches() -> None:
    touches = _touches(INTERNALS)
    assert {"pptx.opc.constants", "pptx.oxml", "pptx.parts.slide", "._element", "._spTree"} <= touches
