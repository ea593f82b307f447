"""The wheel, installed outside the repository, builds the bundled sample: nothing needs a checkout.

The wheel is built from a copy of what an sdist holds (pyproject.toml, setup.py, README.md, src/,
themes/), so a file the build needs but does not declare fails here, not on a user's machine. It
is installed with pip into a new virtual environment that sees the running environment's
packages through a .pth file, the way `--system-site-packages` would see the system's: no
dependency is downloaded again, and the wheel's own copy of mapgen comes first on sys.path.
Building the wheel needs the build backend, from pip's cache or the package index.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SDIST_FILES = ("pyproject.toml", "setup.py", "README.md", "src", "themes")
EXAMPLE_FILES = {
    "emma-hughes.png",
    "renee-dubois.png",
    "marcus-okafor.png",
    "overview.png",
    "example.pptx",
    "example.pdf",
    "manifest.json",
}
# Run in the new environment: where mapgen comes from, and every dependency the wheel declares
# that is not installed there.
CHECK = """
import json, re
from importlib import metadata
import mapgen
requires = metadata.distribution("mapgen").requires or []
names = [re.match(r"[A-Za-z0-9_.-]+", r).group(0) for r in requires if "extra ==" not in r]
missing = []
for name in names:
    try:
        metadata.version(name)
    except metadata.PackageNotFoundError:
        missing.append(name)
print(json.dumps({"file": mapgen.__file__, "requires": names, "missing": missing}))
"""

pytestmark = pytest.mark.install


def _run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, f"{' '.join(command)}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _copy_sources(target: Path) -> Path:
    target.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.pyc")
    for name in SDIST_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    return target


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel, install it into a new virtual environment, and return that environment."""
    work = tmp_path_factory.mktemp("install")
    sources = _copy_sources(work / "sources")
    wheels = work / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(sources), "-w", str(wheels)], work)
    (wheel,) = wheels.glob("mapgen-*.whl")

    venv = work / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], work)
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    where = "import sysconfig; print(sysconfig.get_path('purelib'))"
    site = Path(_run([str(python), "-c", where], work).strip())
    # Lines of a .pth file go to the end of sys.path: the wheel's mapgen, in site, stays first.
    ours = dict.fromkeys([sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    (site / "zz-running-environment.pth").write_text("\n".join(ours) + "\n", encoding="utf-8")
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    _run([*pip, "install", "-q", "--no-deps", "--no-index", str(wheel)], work)
    return venv


def _environment(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    return {**env, "MAPGEN_CACHE_DIR": str(tmp / "cache"), "MAPGEN_NO_SYSTEM_FONTS": "1"}


def _bin(venv: Path, name: str) -> str:
    return str(venv / ("Scripts" if os.name == "nt" else "bin") / name)


def test_the_installed_mapgen_is_the_wheels_with_every_dependency(installed: Path, tmp_path: Path) -> None:
    found = json.loads(_run([_bin(installed, "python"), "-c", CHECK], tmp_path, _environment(tmp_path)))
    assert Path(found["file"]).is_relative_to(installed), f"mapgen came from {found['file']}"
    assert {"openpyxl", "python-slugify", "text-unidecode"} <= set(found["requires"])
    assert found["missing"] == []


def test_build_with_no_argument_works_outside_the_repository(installed: Path, tmp_path: Path) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    _run([_bin(installed, "mapgen"), "build", "--jobs", "2", "--quiet"], folder, _environment(tmp_path))
    out = folder / "outputs" / "example"
    assert {p.name for p in out.iterdir()} == EXAMPLE_FILES
    assert [p.name for p in folder.iterdir()] == ["outputs"]
    built = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir()}
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert {o["path"]: o["sha256"] for o in manifest["outputs"]} == {
        name: digest for name, digest in built.items() if name != "manifest.json"
    }
    golden = json.loads((ROOT / "tests" / "golden" / "outputs.json").read_text("utf-8"))
    if all(metadata.version(name) == v for name, v in golden["environment"].items()):
        # The same bytes as the checkout's build: the wheel holds the same fonts, themes and sample.
        assert built == golden["cases"]["example/default"]


def test_sample_copies_the_workbooks_out_of_the_installed_package(installed: Path, tmp_path: Path) -> None:
    output = _run([_bin(installed, "mapgen"), "sample", "mine"], tmp_path, _environment(tmp_path))
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == ["b2b-example.xlsx", "example.xlsx"]
    assert "mapgen build mine/example.xlsx" in output.replace(os.sep, "/")
