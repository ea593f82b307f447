"""Ctrl-C where it is safe: held back while files are swapped, never seen by worker processes.

A terminal's Ctrl-C reaches every process of the group. The main process alone handles it (it
tears the worker pool down and prints one line); the fork server and the workers it forks must
ignore it from their first instruction, or each prints its own KeyboardInterrupt traceback.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["children_ignore_interrupts", "interrupts_deferred"]


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C back until the block is done, then raise KeyboardInterrupt.

    The swap of an output folder takes milliseconds; stopped halfway, it would leave a journal
    for the next build to roll back. Finishing it first leaves the folder whole, old or new.
    """
    if not _main_thread():  # signals reach the main thread only: nothing to hold back here
        yield
        return
    caught: list[int] = []

    def hold(signum: int, _frame: Any) -> None:
        caught.append(signum)

    previous = signal.signal(signal.SIGINT, hold)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught and callable(previous):
            previous(signal.SIGINT, None)  # Python's default handler raises KeyboardInterrupt


@contextmanager
def children_ignore_interrupts() -> Iterator[None]:
    """Start processes in the block with Ctrl-C ignored from birth; one pressed meanwhile waits.

    An ignored signal stays ignored across fork and exec, and a Python started that way keeps
    ignoring it (it installs its KeyboardInterrupt handler only over the default action). The
    signal is blocked meanwhile, so that a Ctrl-C in those milliseconds is delivered after, not lost.
    """
    if not _main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
