"""Progress bars for long runs: documents/s and MB/s on stderr, only when stderr is a terminal.

``RunProgress`` is a context manager; when disabled (not a terminal, ``--quiet``, or rich missing)
every method is a cheap no-op, and messages go straight to stderr.
"""
from __future__ import annotations

import sys
import threading
import time
from typing import Callable


def wanted(quiet: bool = False, stream=None) -> bool:
    """Show bars only on an interactive stderr and when not asked to be quiet."""
    stream = stream or sys.stderr
    try:
        return not quiet and stream.isatty()
    except (AttributeError, ValueError):
        return False


class RunProgress:
    """One bar per phase (``learn``, ``clean``), advanced by bytes of input read from disk.

    ``advance(docs, chars, disk_bytes)`` may be called from any thread.
    """

    def __init__(self, enabled: bool, echo: Callable[[str], None] | None = None):
        self.enabled = enabled
        self._echo = echo or (lambda msg: print(msg, file=sys.stderr))
        self._progress = None
        self._task = None
        self._lock = threading.Lock()
        self._docs = 0
        self._chars = 0
        self._start = time.perf_counter()
        if enabled:
            try:
                from rich.console import Console
                from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn
            except ImportError:  # pragma: no cover - rich is a dependency
                self.enabled = False
                return
            self._progress = Progress(
                TextColumn("[bold]{task.description}"), BarColumn(bar_width=24), TaskProgressColumn(),
                TextColumn("{task.fields[docs]:,} docs {task.fields[dps]:,.0f}/s  {task.fields[mb]:,.1f} MB "
                           "{task.fields[mbps]:,.2f} MB/s  {task.fields[shards]}"), TimeRemainingColumn(),
                console=Console(stderr=True), transient=False, refresh_per_second=4)

    def __enter__(self) -> "RunProgress":
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._progress is not None:
            self._progress.stop()

    def phase(self, name: str, total_bytes: int, shards: int) -> None:
        """Start a new bar (the previous one stays on screen, finished)."""
        if self._progress is None:
            return
        with self._lock:
            self._docs = self._chars = 0
            self._done_shards, self._shards = 0, shards
            self._start = time.perf_counter()
            self._task = self._progress.add_task(name, total=max(total_bytes, 1), docs=0, dps=0.0, mb=0.0,
                                                 mbps=0.0, shards=f"0/{shards} files")

    def advance(self, docs: int = 0, chars: int = 0, disk_bytes: int = 0, shards: int = 0) -> None:
        if self._progress is None or self._task is None:
            return
        with self._lock:
            self._docs += docs
            self._chars += chars
            self._done_shards += shards
            elapsed = max(time.perf_counter() - self._start, 1e-9)
            self._progress.update(self._task, advance=disk_bytes, docs=self._docs, dps=self._docs / elapsed,
                                  mb=self._chars / 1e6, mbps=self._chars / 1e6 / elapsed,
                                  shards=f"{self._done_shards}/{self._shards} files")

    def finish(self) -> None:
        if self._progress is not None and self._task is not None:
            task = self._progress.tasks[-1]
            self._progress.update(self._task, completed=task.total)

    def echo(self, message: str) -> None:
        """Print a message above the bars (or plainly on stderr when there are none)."""
        if self._progress is not None:
            self._progress.console.print(message, markup=False, highlight=False)
        else:
            self._echo(message)
