"""Every file `mapgen build` writes, pinned by its SHA-256: a refactor is provably output-free.

Both sample workbooks are built in all five built-in themes, and the retail sample once more on
a client template, reproducibly: no system fonts, one job, --force, a fresh cache. The hashes
live in tests/golden/outputs.json with the versions of the libraries that decide the bytes
(PNG rasterising, zip and PDF writing). On another set of versions the test is skipped and says
which differ; after a deliberate change to an output, regenerate with

    MAPGEN_UPDATE_GOLDEN=1 pytest tests/test_golden_outputs.py

and say in the commit which outputs changed and why.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden" / "outputs.json"
UPDATE = os.environ.get("MAPGEN_UPDATE_GOLDEN") == "1"
THEMES = ("default", "agency", "corporate", "high-contrast", "default-de")
SAMPLES = ("example", "b2b-example")
# The libraries whose versions change output bytes without any change of mapgen's.
BYTE_DECIDERS = ("matplotlib", "Pillow", "numpy", "reportlab", "python-pptx", "pikepdf", "zlib-ng", "lxml")

CASES = [(sample, theme, False) for sample in SAMPLES for theme in THEMES] + [("example", "default", True)]


def _case_name(sample: str, theme: str, template: bool) -> str:
    return f"{sample}/{theme}" + ("/template" if template else "")


def _environment() -> dict[str, str]:
    """Return the versions of the libraries that decide the bytes of the outputs."""
    return {name: metadata.version(name) for name in BYTE_DECIDERS}


def _client_template(path: Path) -> Path:
    """Write a small 16:9 client template whose bytes are the same on every run."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor

    prs = Presentation()
    prs.slide_width = 12192000
    prs.slide_height = 6858000
    prs.slide_master.background.fill.solid()
    prs.slide_master.background.fill.fore_color.rgb = RGBColor(0xFB, 0xF3, 0xE4)
    buffer = io.BytesIO()
    prs.save(buffer)
    # python-pptx stamps each zip entry with the time of saving: rewrite them at a fixed date.
    source = zipfile.ZipFile(buffer)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return path


def _build(sample: str, theme: str, template: Path | None, out: Path, cache: Path) -> dict[str, str]:
    """Build one case with the command line and return each written file's SHA-256."""
    command = [
        sys.executable, "-m", "mapgen", "build", str(ROOT / "inputs" / f"{sample}.xlsx"),
        "--out", str(out), "--theme", theme, "--jobs", "1", "--force", "--quiet",
    ]  # fmt: skip
    if template is not None:
        command += ["--template", str(template)]
    env = {**os.environ, "MAPGEN_NO_SYSTEM_FONTS": "1", "MAPGEN_CACHE_DIR": str(cache)}
    env.pop("SOURCE_DATE_EPOCH", None)
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.iterdir())}


@pytest.fixture(scope="module")
def golden() -> dict[str, object]:
    if UPDATE:
        return {"environment": _environment(), "cases": {}}
    assert GOLDEN.is_file(), f"no {GOLDEN.name}: run with MAPGEN_UPDATE_GOLDEN=1"
    data: dict[str, object] = json.loads(GOLDEN.read_text("utf-8"))
    differ = {
        name: f"{version} (recorded {data['environment'].get(name)})"  # type: ignore[union-attr]
        for name, version in _environment().items()
        if data["environment"].get(name) != version  # type: ignore[union-attr]
    }
    if differ:
        pytest.skip(f"the golden hashes were recorded with other library versions: {differ}")
    return data


@pytest.fixture(scope="module")
def written(golden: dict[str, object]):  # type: ignore[no-untyped-def]
    """Collect what the cases wrote; with MAPGEN_UPDATE_GOLDEN=1, save them when all have run."""
    found: dict[str, dict[str, str]] = {}
    yield found
    if UPDATE and len(found) == len(CASES):
        golden["cases"] = dict(sorted(found.items()))
        GOLDEN.write_text(json.dumps(golden, indent=1, sort_keys=True) + "\n", encoding="utf-8")


@pytest.mark.parametrize(("sample", "theme", "template"), CASES, ids=[_case_name(*c) for c in CASES])
def test_build_writes_the_golden_bytes(
    sample: str,
    theme: str,
    template: bool,
    golden: dict[str, object],
    written: dict[str, dict[str, str]],
    tmp_path: Path,
) -> None:
    client = _client_template(tmp_path / "client.pptx") if template else None
    hashes = _build(sample, theme, client, tmp_path / "out", tmp_path / "cache")
    name = _case_name(sample, theme, template)
    written[name] = hashes
    if UPDATE:
        return
    expected = golden["cases"][name]  # type: ignore[index]
    changed = sorted(f for f in set(expected) | set(hashes) if expected.get(f) != hashes.get(f))
    assert not changed, f"{name}: these outputs changed: {changed}"
