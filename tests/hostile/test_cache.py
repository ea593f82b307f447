"""The build cache under damage and faults: it may make a build slower, never wrong, never fail.

Damaged entries are made here on purpose (truncated, bit-flipped, with a header that does not
parse or lengths that do not add up), and the cache's folder is made unusable (a file in its
place, a folder that cannot be created, read-only, a full disk). Most tests build small text
files through the real pipeline; one runs `mapgen build` on the sample workbook, so that a
broken PNG, a deck that is not a zip or a damaged PDF would show.
"""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mapgen.build import cache as cache_module
from mapgen.build import formats
from mapgen.build.cache import Cache
from mapgen.build.cache_entry import DamagedEntry, pack, unpack
from mapgen.build.pipeline import BuildResult, Options, build_outputs
from mapgen.build.runner import Runner
from mapgen.build.tasks import Rendered, Task
from mapgen.cli import main
from mapgen.errors import InputError
from mapgen.model import Journeys, Persona, Problem, Stage, Step
from mapgen.themes import load_theme

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "inputs" / "example.xlsx"
JOURNEYS = Journeys(
    source="shop.xlsx",
    stages=(Stage("Awareness"), Stage("Purchase")),
    personas=(
        Persona("Renée Dubois", "Renée", steps=(Step("Awareness", action="Sees an ad", cell="A5"),)),
        Persona("Tom", "Tom", steps=(Step("Purchase", action="Pays", cell="A5"),)),
    ),
)
THEME = load_theme("default")


def render_persona(journeys: Journeys, _theme: object, _options: Options) -> Rendered:
    """Write a persona's name and first step, with a warning, as the PNG maps have."""
    (persona,) = journeys.personas
    return Rendered(f"{persona.name}: {persona.steps[0].action}".encode(), (Problem("warning", "text cut"),))


def join_book(journeys: Journeys, _theme: object, _options: Options, parts: Sequence[bytes]) -> Rendered:
    """Join a chapter per persona, the way the deck and the report are joined."""
    return Rendered(f"{len(journeys.personas)} chapters\n".encode() + b"\n".join(parts))


def plan_txt(journeys: Journeys, _options: Options) -> list[Task]:
    """Plan a file per persona and a book joined from a part per persona."""
    scopes = [dataclasses.replace(journeys, personas=(p,)) for p in journeys.personas]
    files = [Task("txt", f"{s.personas[0].sheet}.txt", None, render_persona, s) for s in scopes]
    parts = tuple(Task("txt", f"book.txt#{s.personas[0].sheet}", None, render_persona, s) for s in scopes)
    return [*files, Task("txt", "book.txt", None, None, journeys, parts=parts, join=join_book)]


@pytest.fixture
def text_formats(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "FORMATS", {"txt": plan_txt})


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAPGEN_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MAPGEN_CACHE_LIMIT_MB", raising=False)


def build(cache: Cache | None, out: Path, *, jobs: int = 1, journeys: Journeys = JOURNEYS) -> BuildResult:
    with Runner(jobs=jobs, cache=cache) as runner:
        return build_outputs(journeys, formats=["txt"], theme=THEME, out=out, runner=runner)


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*/*.entry"))


# The ways an entry gets damaged; each keeps the file's length plausible or its header parseable.
def truncated(blob: bytes) -> bytes:
    return blob[: len(blob) // 2]


def bit_flipped_in_the_file(blob: bytes) -> bytes:
    return blob[:-3] + bytes([blob[-3] ^ 0x10]) + blob[-2:]


def bit_flipped_in_the_checksum(blob: bytes) -> bytes:
    return blob[:20] + bytes([blob[20] ^ 0x01]) + blob[21:]


def bit_flipped_in_the_warnings(blob: bytes) -> bytes:
    at = 8 + 32 + 32 + 12  # past the magic, the two checksums and the lengths: the warnings' "["
    return blob[:at] + bytes([blob[at] ^ 0x04]) + blob[at + 1 :]


def unreadable_header(blob: bytes) -> bytes:
    return b"\xff\xff" + blob[2:]


def longer_than_it_says(blob: bytes) -> bytes:
    return blob + b"\0" * 16


def emptied(_blob: bytes) -> bytes:
    return b""


DAMAGES: list[Callable[[bytes], bytes]] = [
    truncated,
    bit_flipped_in_the_file,
    bit_flipped_in_the_checksum,
    bit_flipped_in_the_warnings,
    unreadable_header,
    longer_than_it_says,
    emptied,
]


@pytest.mark.parametrize("damage", DAMAGES, ids=lambda d: d.__name__)
def test_an_entry_is_refused_unless_every_byte_is_the_one_written(damage: Callable[[bytes], bytes]) -> None:
    """A damaged entry never passes for a file: truncation, a flipped bit, a bad header or length."""
    rendered = Rendered(
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, (Problem("warning", "text cut", cell="B5"),)
    )
    entry, digest = pack(rendered)
    assert digest == hashlib.sha256(rendered.data).hexdigest(), "the very digest manifest.json lists"
    assert unpack(entry) == (rendered, digest)
    with pytest.raises(DamagedEntry):
        unpack(damage(entry))


def test_damaged_entries_of_a_real_build_are_made_again_and_named(tmp_path: Path, monkeypatch: Any) -> None:
    """mapgen build on a damaged cache: exit 0, a warning per damaged file, the clean build's bytes.

    Every entry (PNGs, the deck's and report's parts and joins) is damaged one way or another;
    the rebuild writes the very files, manifest.json included, that the build on a sound cache
    wrote, and says "(cached)" of none of them.
    """
    first = CliRunner().invoke(main, ["build", str(EXAMPLE), "--out", str(tmp_path / "clean"), "--jobs", "1"])
    assert first.exit_code == 0, first.output
    damaged = entries(tmp_path / "cache")
    assert len(damaged) == 16, "4 PNGs, the deck and the report with 5 parts each"
    for number, entry in enumerate(damaged):
        entry.write_bytes(DAMAGES[number % len(DAMAGES)](entry.read_bytes()))

    again = CliRunner().invoke(main, ["build", str(EXAMPLE), "--out", str(tmp_path / "again"), "--jobs", "1"])
    assert again.exit_code == 0, again.output
    assert contents(tmp_path / "again") == contents(tmp_path / "clean")
    assert "(cached)" not in again.output
    warned = {line.split(":")[0]: line for line in again.output.splitlines() if " damaged (" in line}
    assert sorted(warned) == sorted(p.name for p in (tmp_path / "clean").iterdir() if p.suffix != ".json")
    assert "6 cached pieces of it were damaged" in warned["example.pptx"], "the join and its 5 parts"
    clean_count = (
        int(re.search(r"(\d+) warnings?\.", first.output).group(1)) if "warning" in first.output else 0
    )  # type: ignore[union-attr]
    assert f"{clean_count + 6} warnings." in again.output, "the summary counts them"
    manifest = json.loads((tmp_path / "again" / "manifest.json").read_text("utf-8"))
    said = [p["message"] for p in manifest["problems"]]
    assert not [m for m in said if "damaged" in m], (
        "the manifest speaks of the deliverables, not of this machine"
    )
    assert len(entries(tmp_path / "cache")) == 16, "every entry made anew"
    warm = CliRunner().invoke(main, ["build", str(EXAMPLE), "--out", str(tmp_path / "again"), "--jobs", "1"])
    assert warm.output.count("(cached)") == 6
    assert " damaged (" not in warm.output


def a_file_in_its_place(folder: Path, _monkeypatch: pytest.MonkeyPatch) -> None:
    folder.write_bytes(b"not a folder")


def beyond_reach(folder: Path, _monkeypatch: pytest.MonkeyPatch) -> None:
    folder.parent.write_bytes(b"")  # the folder would have to be made inside a file


def read_only(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() == 0:  # root writes anyway: refuse new files the way a read-only mount does
        refuse = _raiser(errno.EROFS, "Read-only file system")
        monkeypatch.setattr(cache_module, "tempfile", type("ReadOnly", (), {"mkstemp": staticmethod(refuse)}))


def full_disk(_folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "_write_entry", _half_then_full)


def unreadable_entries(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(Cache(folder), folder.parent / "warm-up")  # entries to find, that then cannot be read
    read_bytes = Path.read_bytes

    def refusing(path: Path) -> bytes:
        if folder in path.parents:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refusing)


def _raiser(code: int, message: str) -> Callable[..., Any]:
    def fail(*_args: object, **_kwargs: object) -> Any:
        raise OSError(code, message)

    return fail


def _half_then_full(fd: int, blob: bytes) -> None:
    """Write half an entry, then fail as a full disk does."""
    with os.fdopen(fd, "wb") as stream:
        stream.write(blob[: len(blob) // 2])
        stream.flush()
        raise OSError(errno.ENOSPC, "No space left on device")


FAULTS = [a_file_in_its_place, beyond_reach, read_only, full_disk, unreadable_entries]


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.__name__)
def test_a_cache_that_cannot_be_used_slows_the_build_but_never_fails_it(
    fault: Callable[[Path, pytest.MonkeyPatch], None],
    text_formats: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A file where the cache should be, an unreachable, read-only or full one: one warning, right files."""
    reference = build(None, tmp_path / "reference")
    folder = tmp_path / "cache"
    if fault is beyond_reach:
        folder = tmp_path / "blocker" / "cache"
    fault(folder, monkeypatch)
    result = build(Cache(folder), tmp_path / "out")
    assert contents(tmp_path / "out") == contents(tmp_path / "reference"), "manifest.json included"
    assert result.manifest == reference.manifest
    (note,) = result.notes
    assert note.severity == "warning"
    assert "went on without it" in note.message
    assert note in result.problems, "reported with the build's warnings"
    if folder.is_dir():
        folder.chmod(0o755)
        assert not list(folder.rglob("*.tmp")), "no half-written entry is left behind"


@dataclasses.dataclass(frozen=True)
class FullDiskCache(Cache):
    """A cache on a disk that fills up, in whichever process writes to it."""

    def put(self, key: str, rendered: Rendered) -> None:
        """Fail as a full disk does, halfway through the entry."""
        from unittest import mock

        with mock.patch.object(cache_module, "_write_entry", _half_then_full):
            super().put(key, rendered)


def test_a_disk_that_fills_up_under_the_workers_gives_one_warning(text_formats: None, tmp_path: Path) -> None:
    """Workers that cannot store their files tell the build once; the files are still all made."""
    reference = build(None, tmp_path / "reference")
    result = build(FullDiskCache(tmp_path / "cache"), tmp_path / "out", jobs=2)
    assert contents(tmp_path / "out") == contents(tmp_path / "reference")
    assert [n.message.split("(")[1] for n in result.notes] == [
        "No space left on device); this build went on without it"
    ]
    assert reference.manifest == result.manifest
    assert not list((tmp_path / "cache").rglob("*.tmp"))


def test_mapgen_build_on_a_cache_that_is_a_file_succeeds_with_one_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line: exit 0, the warning once on the terminal and counted in the summary."""
    (tmp_path / "cache").write_bytes(b"")
    monkeypatch.setenv("MAPGEN_CACHE_DIR", str(tmp_path / "cache"))
    args = ["build", str(EXAMPLE), "--format", "png", "--jobs", "1", "--out"]
    done = CliRunner().invoke(main, [*args, str(tmp_path / "out")])
    assert done.exit_code == 0, done.output
    assert done.output.count("went on without it") == 1
    monkeypatch.setenv("MAPGEN_CACHE_DIR", str(tmp_path / "sound"))
    sound = CliRunner().invoke(main, [*args, str(tmp_path / "sound-out")])
    counted = re.search(r"(\d+) warnings?\.", sound.output)
    assert f"{(int(counted.group(1)) if counted else 0) + 1} warning" in done.output, "counted once more"
    assert contents(tmp_path / "out") == contents(tmp_path / "sound-out")


KEYS = """
import sys
from pathlib import Path
from mapgen.build.cache import Cache
from mapgen.build.cache_session import CacheSession
from mapgen.build.formats import plan_tasks
from mapgen.build.tasks import Options
from mapgen.model import Journeys, Persona, Step
from mapgen.themes import load_theme

tom = Persona("Tom", "Tom", steps=(Step("Purchase", action="Pays", cell="A5"),))
options = Options(template=Path(sys.argv[1]) if len(sys.argv) > 1 else None)
session = CacheSession(Cache(Path("unused")), load_theme("default"), options)
png, deck = plan_tasks(Journeys(source="shop.xlsx", personas=(tom,)), ["png", "pptx"], options)
print(" ".join(session.key(task) for task in (png, *deck.parts, deck)))
"""


def keys_in_a_new_process(cwd: Path, template: Path | None = None, **env: str) -> list[str]:
    """Return the keys of a PNG, the deck's parts and the deck, computed by a fresh interpreter."""
    environment = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "MAPGEN_FONT_DIRS")}
    environment.update({"MAPGEN_NO_SYSTEM_FONTS": "1", **env})
    command = [sys.executable, "-c", KEYS, *([str(template)] if template else [])]
    done = subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_the_same_inputs_give_the_same_keys_in_any_process(tmp_path: Path) -> None:
    """Keys depend on inputs only: not on the folder, the hash seed or an unrelated variable."""
    (tmp_path / "elsewhere").mkdir()
    first = keys_in_a_new_process(tmp_path, PYTHONHASHSEED="1")
    again = keys_in_a_new_process(tmp_path / "elsewhere", PYTHONHASHSEED="2", UNRELATED="x")
    assert first == again
    assert len(set(first)) == len(first) == 5, "a PNG, 3 deck parts and the deck: each its own key"


def test_a_font_added_or_changed_in_mapgen_font_dirs_changes_every_key(tmp_path: Path) -> None:
    """A font any text might fall back to is part of every file: adding or editing one remakes all."""
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    without = keys_in_a_new_process(tmp_path, MAPGEN_FONT_DIRS=str(fonts))
    lato = (ROOT / "src" / "mapgen" / "fonts" / "Lato-Regular.ttf").read_bytes()
    (fonts / "Extra.ttf").write_bytes(lato)
    added = keys_in_a_new_process(tmp_path, MAPGEN_FONT_DIRS=str(fonts))
    (fonts / "Extra.ttf").write_bytes(lato + b"\0" * 4)  # another version of the font
    changed = keys_in_a_new_process(tmp_path, MAPGEN_FONT_DIRS=str(fonts))
    for before, after in ((without, added), (added, changed)):
        assert not set(before) & set(after)


def test_source_date_epoch_is_part_of_every_key(tmp_path: Path) -> None:
    """The deck and the report stamp SOURCE_DATE_EPOCH in: a new value never finds an old file."""
    unset = keys_in_a_new_process(tmp_path)
    one = keys_in_a_new_process(tmp_path, SOURCE_DATE_EPOCH="1700000000")
    two = keys_in_a_new_process(tmp_path, SOURCE_DATE_EPOCH="1700000001")
    assert len(set(unset) | set(one) | set(two)) == 3 * len(unset)


def test_the_template_bytes_key_the_deck_and_only_the_deck(tmp_path: Path) -> None:
    """Other template bytes remake the deck, not the PNGs; a missing template is not no template."""
    from mapgen.build.cache_session import CacheSession

    template = tmp_path / "client.pptx"
    tom = JOURNEYS.personas[1]

    def keys(path: Path | None) -> list[str]:
        options = Options(template=path)
        session = CacheSession(Cache(tmp_path / "cache"), THEME, options)
        # One persona: its map and the deck (no overview, which needs two personas to compare).
        png, deck = formats.plan_tasks(
            Journeys(source="shop.xlsx", personas=(tom,)), ["png", "pptx"], options
        )
        return [session.key(task) for task in (png, *deck.parts, deck)]

    template.write_bytes(b"PK first version")
    first = keys(template)
    template.write_bytes(b"PK second, longer version")
    second = keys(template)
    assert first[0] == second[0], "a PNG does not use the template"
    assert not set(first[1:]) & set(second[1:])
    assert keys(template) == second
    template.unlink()
    missing, none = keys(template), keys(None)
    assert not set(missing[1:]) & set(none[1:]) and not set(missing[1:]) & set(second[1:])


def test_a_template_that_is_not_a_regular_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """--template /dev/zero would be read without end: it is refused, naming the file."""
    from mapgen.build.cache_session import CacheSession

    for special in (Path("/dev/zero"), tmp_path):
        with pytest.raises(InputError, match="not a regular file"):
            CacheSession(Cache(tmp_path / "cache"), THEME, Options(template=special))
    done = CliRunner().invoke(
        main, ["build", str(EXAMPLE), "--template", "/dev/zero", "--out", str(tmp_path)]
    )
    assert done.exit_code == 1
    assert "/dev/zero: error: cannot be used as the deck template: not a regular file" in done.output


def test_the_cache_is_pruned_to_its_limit_after_a_build_least_recently_used_first(
    text_formats: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MAPGEN_CACHE_LIMIT_MB is kept after every build; what the build used stays, the oldest go first."""
    folder = tmp_path / "cache"
    build(Cache(folder), tmp_path / "a")
    first = entries(folder)
    edited = dataclasses.replace(JOURNEYS, source="other.xlsx")  # every file's key changes
    build(Cache(folder), tmp_path / "b", journeys=edited)
    assert len(entries(folder)) == 2 * len(first) == 10, "2 files, a book and its 2 parts, twice"
    for number, entry in enumerate(entries(folder)):  # long ago, in an order unlike the builds'
        os.utime(entry, ns=(0, (1_700_000_000 + number) * 10**9))
    last_used = {entry: entry.stat().st_mtime_ns for entry in entries(folder)}

    limit = sum(entry.stat().st_size for entry in first)
    monkeypatch.setenv("MAPGEN_CACHE_LIMIT_MB", str(limit / 2**20))
    again = build(Cache(folder), tmp_path / "a")  # reads, and so renews, 3 of the first build's entries
    kept = entries(folder)
    assert sum(entry.stat().st_size for entry in kept) <= limit
    renewed = [entry for entry in kept if entry.stat().st_mtime_ns > max(last_used.values())]
    assert len(renewed) == 3 and set(renewed) <= set(first), "the two files and the book, not its parts"
    removed = set(last_used) - set(kept)
    older = [last_used[e] for e in set(kept) - set(renewed)]
    assert removed and max(last_used[e] for e in removed) < min(older, default=2**63), "oldest first"
    assert again.notes == ()


def test_a_limit_of_zero_keeps_nothing_and_a_bad_limit_keeps_the_default_with_a_warning(
    text_formats: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """MAPGEN_CACHE_LIMIT_MB=0 empties the cache after each build; "lots" is reported, not obeyed."""
    monkeypatch.setenv("MAPGEN_CACHE_LIMIT_MB", "0")
    assert build(Cache(tmp_path / "cache"), tmp_path / "out").notes == ()
    assert entries(tmp_path / "cache") == []
    monkeypatch.setenv("MAPGEN_CACHE_LIMIT_MB", "lots")
    (note,) = build(Cache(tmp_path / "cache"), tmp_path / "out").notes
    assert note.message == "MAPGEN_CACHE_LIMIT_MB=lots is not a number of megabytes; kept 512 MB"
    assert len(entries(tmp_path / "cache")) == 5


def test_a_crashed_builds_half_written_entry_is_removed_and_a_fresh_one_is_not(
    text_formats: None, tmp_path: Path
) -> None:
    """Pruning removes temporary files an hour old (a build killed mid-write), not a write under way."""
    shard = tmp_path / "cache" / "ab"
    shard.mkdir(parents=True)
    (shard / "old.tmp").write_bytes(b"half an entry")
    os.utime(shard / "old.tmp", ns=(0, 1_700_000_000 * 10**9))
    (shard / "new.tmp").write_bytes(b"being written")
    build(Cache(tmp_path / "cache"), tmp_path / "out")
    assert sorted(p.name for p in shard.iterdir() if p.suffix == ".tmp") == ["new.tmp"]
