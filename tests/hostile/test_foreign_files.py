"""Files in the output folder that mapgen did not write: never touched, never overwritten.

The last manifest says which files of OUT are mapgen's. Anything else there (the user's notes,
a picture that happens to be called like an output, a folder or a link where a file must go, a
manifest.json of another tool, a manifest edited to point outside OUT) is left as it is, and a
build that would overwrite it is refused with one line naming it and what to do.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from mapgen.errors import MapgenError

from .swapkit import beside, build, journeys, snapshot, text_format

ANN_BOB = journeys(("Ann", "Sees an ad"), ("Bob", "Pays"))


@pytest.fixture(autouse=True)
def _text_format() -> Iterator[None]:
    with text_format():
        yield


def _refused(model: object, out: Path, match: str) -> None:
    """Build and expect a refusal matching match that changes nothing in or beside out."""
    before = snapshot(out)
    with pytest.raises(MapgenError, match=match) as caught:
        build(model, out)  # type: ignore[arg-type]
    assert "\n" not in str(caught.value), "one line"
    assert "move it away, or build into another --out" in str(caught.value)
    assert snapshot(out) == before
    assert beside(out) == []


def test_a_users_file_named_like_an_output_is_refused_on_a_first_build(tmp_path: Path) -> None:
    """A first build into a folder with the user's own Ann.txt is refused; the file is kept."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "Ann.txt").write_bytes(b"the user's own Ann")
    _refused(ANN_BOB, out, f"{out / 'Ann.txt'} is not a file mapgen wrote")


def test_a_file_the_last_manifest_does_not_list_is_refused(tmp_path: Path) -> None:
    """After a build, a user's Cat.txt is not overwritten by a build that adds the persona Cat."""
    out = tmp_path / "out"
    build(ANN_BOB, out)
    (out / "Cat.txt").write_bytes(b"the user's cat")
    _refused(journeys(("Ann", "x"), ("Cat", "y")), out, "Cat.txt is not a file mapgen wrote")


@pytest.mark.parametrize("kind", ["folder", "link", "dangling link"])
def test_a_folder_or_a_link_where_a_file_must_go_is_refused(tmp_path: Path, kind: str) -> None:
    """A folder, or a link (to the user's file elsewhere, or to nothing), named like an output stays."""
    out = tmp_path / "out"
    build(ANN_BOB, out)
    elsewhere = tmp_path / "elsewhere.txt"
    target = out / "all.txt"
    target.unlink()
    if kind == "folder":
        target.mkdir()
        (target / "inside.txt").write_bytes(b"kept")
    else:
        if kind == "link":
            elsewhere.write_bytes(b"the user's file elsewhere")
        target.symlink_to(elsewhere)
    moved = [p for p in tmp_path.iterdir() if p.name != "out"]
    _refused_beside = snapshot(out)
    with pytest.raises(MapgenError, match=f"all.txt is a {kind.split()[-1]} where mapgen must write a file"):
        build(ANN_BOB, out)
    assert snapshot(out) == _refused_beside
    assert sorted(p for p in tmp_path.iterdir() if p.name != "out") == sorted(moved)
    if kind == "link":
        assert elsewhere.read_bytes() == b"the user's file elsewhere"


@pytest.mark.parametrize(
    "content",
    [b'{"name": "my-app", "version": "1.0"}', b"not json at all \xff", b"[" * 100_000, b'{"outputs": 3}'],
    ids=["another tool's", "garbage", "deeply nested", "wrong shape"],
)
def test_a_manifest_json_that_mapgen_did_not_write_is_refused(tmp_path: Path, content: bytes) -> None:
    """A manifest.json of another tool (or garbage) in OUT is not overwritten, nor trusted."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_bytes(content)
    _refused(ANN_BOB, out, "manifest.json is not a manifest mapgen wrote")


def test_a_manifest_edited_to_point_outside_out_removes_nothing_there(tmp_path: Path) -> None:
    """Paths in a manifest that leave OUT (../, absolute, sub/folder) are never removed."""
    out = tmp_path / "out"
    build(ANN_BOB, out)
    victims = [tmp_path / "victim.txt", tmp_path / "out" / "sub" / "deep.txt"]
    victims[1].parent.mkdir()
    for victim in victims:
        victim.write_bytes(b"precious")
    digest = hashlib.sha256(b"precious").hexdigest()
    manifest = json.loads((out / "manifest.json").read_bytes())
    for path in ("../victim.txt", str(victims[0]), "sub/deep.txt", "sub", "..", ".", ""):
        manifest["outputs"].append({"path": path, "format": "txt", "persona": None, "sha256": digest})
    (out / "manifest.json").write_text(json.dumps(manifest))
    build(journeys(("Ann", "Sees an ad")), out)
    assert all(victim.read_bytes() == b"precious" for victim in victims)
    assert not (out / "Bob.txt").exists(), "a listed file this build no longer writes is removed"


def test_the_users_files_survive_rebuilds_and_removals_untouched(tmp_path: Path) -> None:
    """Notes, a hidden file and a folder of the user's keep their bytes, times and inodes."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_bytes(b"mine")
    (out / ".hidden").write_bytes(b"also mine")
    (out / "drafts").mkdir()
    (out / "drafts" / "Ann.txt").write_bytes(b"a draft")
    stamps = {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in out.rglob("*")}
    build(ANN_BOB, out)
    build(journeys(("Ann", "Sees an ad"), ("Bob", "Pays twice")), out)
    build(journeys(("Bob", "Leaves")), out)
    assert {p: (p.stat().st_mtime_ns, p.stat().st_ino) for p in stamps} == stamps
    assert sorted(p.name for p in out.iterdir()) == [
        ".hidden",
        "Bob.txt",
        "all.txt",
        "drafts",
        "manifest.json",
        "notes.txt",
    ]
    assert beside(out) == []


def test_a_removed_personas_file_edited_since_is_kept(tmp_path: Path) -> None:
    """A file mapgen wrote and the user then edited is theirs: removing its persona leaves it."""
    out = tmp_path / "out"
    build(ANN_BOB, out)
    (out / "Bob.txt").write_bytes(b"Bob, annotated by hand")
    build(journeys(("Ann", "Sees an ad")), out)
    assert (out / "Bob.txt").read_bytes() == b"Bob, annotated by hand"
    listed = [o["path"] for o in json.loads((out / "manifest.json").read_bytes())["outputs"]]
    assert listed == ["Ann.txt", "all.txt"]
    # From now on it is not mapgen's to overwrite.
    _refused(ANN_BOB, out, "Bob.txt is not a file mapgen wrote")


def test_a_first_build_beside_unrelated_files_goes_ahead(tmp_path: Path) -> None:
    """A non-empty folder without a manifest is built into when no name clashes."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "brief.pdf").write_bytes(b"%PDF theirs")
    result = build(ANN_BOB, out)
    assert sorted(p.name for p in result.written) == ["Ann.txt", "Bob.txt", "all.txt", "manifest.json"]
    assert (out / "brief.pdf").read_bytes() == b"%PDF theirs"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_where_a_file_must_go_is_refused_without_blocking(tmp_path: Path) -> None:
    """A FIFO named like an output is never opened (opening one would hang the build)."""
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "all.txt")
    with pytest.raises(MapgenError, match=r"all\.txt is a special file where mapgen must write a file"):
        build(ANN_BOB, out)
