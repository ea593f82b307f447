"""Watching a workbook: a build at the start and after every save; errors shown, watching goes on."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from mapgen.build.watch import watch
from mapgen.errors import InputError, MapgenError
from mapgen.model import Problem

TIMEOUT = 10.0


class Watcher:
    """Runs watch() in a thread with short timings and records what happened."""

    def __init__(self, path: Path, build: Callable[[], object]) -> None:
        self.builds = 0
        self.errors: list[MapgenError | OSError] = []
        self.changed = threading.Condition()
        self.stop = threading.Event()

        def counted() -> object:
            try:
                return build()
            finally:
                with self.changed:
                    self.builds += 1
                    self.changed.notify_all()

        def shown(error: MapgenError | OSError) -> None:
            with self.changed:
                self.errors.append(error)
                self.changed.notify_all()

        self.thread = threading.Thread(
            target=watch,
            args=(path, counted, shown),
            kwargs={"debounce": 0.1, "poll": 0.02, "stop": self.stop},
        )
        self.thread.start()

    def wait_for(self, condition: Callable[[], bool]) -> None:
        with self.changed:
            assert self.changed.wait_for(condition, timeout=TIMEOUT), "watch did not react in time"

    def close(self) -> None:
        self.stop.set()
        self.thread.join(TIMEOUT)
        assert not self.thread.is_alive(), "watch stops when told to"


def save(path: Path, text: str) -> None:
    path.write_text(text)
    # Some file systems keep a coarse modification time: make every save visibly newer.
    stamp = time.time_ns() + 1_000_000_000 * save.count  # type: ignore[attr-defined]
    save.count += 1  # type: ignore[attr-defined]
    os.utime(path, ns=(stamp, stamp))


save.count = 1  # type: ignore[attr-defined]


@pytest.fixture
def workbook(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "journeys.xlsx"
    path.write_text("v1")
    yield path


def test_builds_at_the_start_and_after_each_save(workbook: Path) -> None:
    seen: list[str] = []
    watcher = Watcher(workbook, lambda: seen.append(workbook.read_text()))
    try:
        watcher.wait_for(lambda: watcher.builds == 1)
        save(workbook, "v2")
        watcher.wait_for(lambda: watcher.builds == 2)
        save(workbook, "v3")
        watcher.wait_for(lambda: watcher.builds == 3)
    finally:
        watcher.close()
    assert seen == ["v1", "v2", "v3"]
    assert watcher.errors == []


def test_a_burst_of_writes_is_built_once(workbook: Path) -> None:
    seen: list[str] = []
    watcher = Watcher(workbook, lambda: seen.append(workbook.read_text()))
    try:
        watcher.wait_for(lambda: watcher.builds == 1)
        for part in ("v2-part", "v2-more", "v2"):
            save(workbook, part)
            time.sleep(0.02)
        watcher.wait_for(lambda: watcher.builds == 2)
        time.sleep(0.4)  # a debounced save gives one build, not three
    finally:
        watcher.close()
    assert seen == ["v1", "v2"]


def test_a_workbook_with_errors_is_reported_and_watching_goes_on(workbook: Path) -> None:
    def build() -> None:
        if workbook.read_text() == "bad":
            problem = Problem("error", "no Stage column", file="journeys.xlsx", sheet="Emma", cell="A1")
            raise InputError("journeys.xlsx has 1 error(s)", [problem])

    watcher = Watcher(workbook, build)
    try:
        watcher.wait_for(lambda: watcher.builds == 1)
        save(workbook, "bad")
        watcher.wait_for(lambda: len(watcher.errors) == 1)
        assert watcher.builds == 2, "an error about the contents is not retried"
        save(workbook, "fixed")
        watcher.wait_for(lambda: watcher.builds == 3)
    finally:
        watcher.close()
    assert [str(p) for p in watcher.errors[0].problems] == [  # type: ignore[union-attr]
        "journeys.xlsx:Emma!A1: error: no Stage column"
    ]


def test_a_half_saved_or_locked_file_is_tried_again(workbook: Path) -> None:
    failures = iter(
        [PermissionError(13, "locked by another program"), InputError.at("journeys.xlsx", "truncated")]
    )

    def build() -> None:
        failure = next(failures, None)
        if failure is not None:
            raise failure

    watcher = Watcher(workbook, build)
    try:
        watcher.wait_for(lambda: watcher.builds == 3)
    finally:
        watcher.close()
    assert watcher.errors == [], "the third try read the file: nothing to show"
