"""The shape of the code, checked: no import cycles, no god-modules, stages that stay in their lane.

Imports are read from the source with ast, so a rule holds for code that no test happens to run.
Imports inside functions count (a cycle through a late import is still a cycle); those under
`if TYPE_CHECKING:` do not, since they never run.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
TESTS = Path(__file__).resolve().parent
MAX_MODULE_LINES = 800
MAX_MODULES_PER_FOLDER = 20


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(SRC.rglob("*.py"))}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(node: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Yield every import that can run: anywhere but under `if TYPE_CHECKING:`."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child):
            for orelse in child.orelse:
                yield from _import_nodes(orelse)
            continue
        if isinstance(child, ast.Import | ast.ImportFrom):
            yield child
        yield from _import_nodes(child)


def imported_modules(path: Path) -> set[str]:
    """Return the modules of any package a module imports, resolved to module names."""
    found: set[str] = set()
    for node in _import_nodes(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in MODULES else node.module)
    return found


GRAPH = {name: {m for m in imported_modules(path) if m in MODULES} for name, path in MODULES.items()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the strongly connected components of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph[v]:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_between_mapgen_modules() -> None:
    assert _cycles(GRAPH) == []


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_a_god_module(name: str) -> None:
    lines = len(MODULES[name].read_text("utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{name} has {lines} lines: split it along its seams"


def test_no_folder_is_a_heap() -> None:
    folders: dict[Path, int] = {}
    for path in MODULES.values():
        folders[path.parent] = folders.get(path.parent, 0) + 1
    crowded = {str(f.relative_to(SRC)): n for f, n in folders.items() if n > MAX_MODULES_PER_FOLDER}
    assert not crowded


def _reaches(start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for imported in GRAPH[todo.pop()]:
            if imported not in seen:
                seen.add(imported)
                todo.append(imported)
    return seen


@pytest.mark.parametrize("module", ["mapgen.model", "mapgen.scene", "mapgen._version", "mapgen.errors"])
def test_the_contracts_stand_alone(module: str) -> None:
    """The model, the Scene and the version import nothing of the project but the model."""
    assert _reaches(module) <= {"mapgen.model"}


def _third_party(name: str) -> set[str]:
    return {m.split(".")[0] for m in imported_modules(MODULES[name])} - {"mapgen"}


@pytest.mark.parametrize(
    ("prefix", "forbidden"),
    [
        ("mapgen.renderers.pptx.plan", {"pptx", "lxml"}),
        ("mapgen.renderers.pdf.plan", {"reportlab", "pikepdf"}),
        ("mapgen.layout", {"matplotlib", "pptx", "reportlab", "pikepdf"}),  # PIL only reads picture sizes
        ("mapgen.readers", {"matplotlib", "pptx", "reportlab", "pikepdf"}),
    ],
)
def test_a_stage_imports_no_painting_library(prefix: str, forbidden: set[str]) -> None:
    """Plans and layouts are pure data: painting libraries belong to the output stage."""
    offenders = {
        name: _third_party(name) & forbidden
        for name in MODULES
        if (name == prefix or name.startswith(prefix + ".")) and _third_party(name) & forbidden
    }
    assert not offenders


def test_the_layout_never_imports_a_renderer() -> None:
    layout = [name for name in MODULES if name.startswith("mapgen.layout")]
    assert not {m for name in layout for m in GRAPH[name] if m.startswith("mapgen.renderers")}


ROOT = SRC.parent
_IMPORT_LINE = re.compile(r"(?:^|;)\s*(?:from\s+([\w.]+)\s+import\s+([\w, ()]+)|import\s+([\w., ]+))", re.M)


def _named_modules(source: str, package: tuple[str, ...]) -> set[str]:
    """Return every module name a file of the tests imports, or names in code it runs elsewhere.

    Relative imports are resolved against package (the file's folder, as dotted parts), `from
    package import module` counts the module, and the scripts a test writes for a subprocess
    (string constants) are read for import lines too.
    """
    names: set[str] = set()
    tree = ast.parse(source)
    for node in _import_nodes(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            base = ".".join([*package[: len(package) - node.level + 1], *filter(None, [base])])
        names.add(base)
        names.update(f"{base}.{alias.name}" for alias in node.names)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            for module, listed, plain in _IMPORT_LINE.findall(node.value):
                if module:
                    names.add(module)
                    names.update(f"{module}.{n.strip('() ')}" for n in listed.split(","))
                else:
                    names.update(n.strip().split(" ")[0] for n in plain.split(","))
    return names


def _imported_parts(path: Path) -> set[str]:
    """Return every dotted part of every module name a file under the checkout names."""
    names = _named_modules(path.read_text("utf-8"), path.relative_to(ROOT).parent.parts)
    return {part for name in names for part in name.split(".")}


def test_tests_share_helpers_through_conftest_and_never_import_each_other() -> None:
    assert (TESTS / "conftest.py").is_file()
    test_modules = {p.stem for p in TESTS.rglob("test_*.py")}
    for path in TESTS.rglob("*.py"):  # test modules, conftests and support modules alike
        imported = _imported_parts(path)
        assert not imported & test_modules, f"{path.relative_to(TESTS)} imports {imported & test_modules}"


# {m} stands for the test module's name, so that this file names none itself.
@pytest.mark.parametrize(
    "line",
    [
        "from {m} import load",
        "from tests.renderers.pdf.{m} import load",
        "from tests.renderers.pdf import {m}",
        "from . import {m}",
        "from .{m} import load",
        "import tests.renderers.pdf.{m} as t",
        'SCRIPT = "import sys; sys.path.insert(0, sys.argv[1]); import {m} as t"',
        'SCRIPT = """\\nimport os\\nfrom {m} import load\\n"""',
    ],
)
def test_the_import_check_sees_every_way_of_naming_a_test_module(line: str) -> None:
    names = _named_modules(line.format(m="test_report") + "\n", ("tests", "renderers", "pdf"))
    assert "test_report" in {part for name in names for part in name.split(".")}


def test_every_test_folder_is_a_package() -> None:
    """Test modules of the same name in two folders (test_plan.py...) import as distinct modules."""
    folders = {p.parent for p in TESTS.rglob("test_*.py")} | {TESTS / "support"}
    assert not sorted(str(f.relative_to(TESTS)) for f in folders if not (f / "__init__.py").is_file())


def test_the_benchmarks_import_nothing_of_the_tests() -> None:
    for path in sorted((ROOT / "benchmarks").glob("*.py")):
        names = _named_modules(path.read_text("utf-8"), ())
        tests = {name for name in names if name == "tests" or name.startswith("tests.")}
        assert not tests, f"{path.name} imports {tests}"
