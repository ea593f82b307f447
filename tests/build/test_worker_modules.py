"""Every module a worker is told to import exists: a rename cannot silently break the preload lists.

The names are strings (formats.WORKER_MODULES, which Runner.warm_up imports in each worker, and the
list runner.py gives set_forkserver_preload), so no import checks them. Each is imported here in a
fresh process of its own, so the check does not depend on what other tests imported.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from mapgen.build import formats, runner


def forkserver_preload() -> list[str]:
    """Return the module names runner.py passes to set_forkserver_preload, read from its source."""
    tree = ast.parse(Path(runner.__file__).read_text("utf-8"))
    calls = [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "set_forkserver_preload"
    ]
    assert len(calls) == 1, "runner.py calls set_forkserver_preload once"
    (listed,) = calls[0].args
    assert isinstance(listed, ast.List)
    return [e.value for e in listed.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]


PRELOAD = forkserver_preload()
WORKER_MODULES = sorted({name for names in formats.WORKER_MODULES.values() for name in names})


def test_the_lists_are_found() -> None:
    assert "mapgen.build.runner" in PRELOAD and "mapgen.build.formats" in PRELOAD
    assert set(formats.WORKER_MODULES) == {"png", "pptx", "pdf"}
    assert formats.worker_modules(None) == list(
        dict.fromkeys(m for names in formats.WORKER_MODULES.values() for m in names)
    )


@pytest.mark.parametrize("name", sorted({*PRELOAD, *WORKER_MODULES}))
def test_each_module_a_worker_preloads_imports_in_a_fresh_process(name: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", "import importlib, sys; importlib.import_module(sys.argv[1])", name],
        capture_output=True,
        text=True,
        cwd=tmp_path,  # nothing of the checkout's folders shadows an installed module
        timeout=120,
    )
    assert done.returncode == 0, f"{name} does not import:\n{done.stderr}"
