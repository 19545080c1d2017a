"""Refuse, before any work, a run that would overwrite what it reads or silently do nothing.

Every output (the clean text, the diff log, a log of applied edits) is compared with every input
by the file it resolves to, through symlinks and ``..``, so ``-o link-to-input.txt`` is caught
like ``-o input.txt``. The only way to rewrite an input is to ask for it (``--in-place``).
"""
from __future__ import annotations

import contextlib
import fcntl
import os
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .fileio import InputError


def resolved(path: Path) -> str:
    """The absolute path ``path`` names once every symlink and ``..`` is followed (it may not exist)."""
    return os.path.realpath(os.path.abspath(path))


def same_file(a: Path, b: Path) -> bool:
    """Whether two paths name one file: equal once resolved, or the same inode (hard links).

    >>> same_file(Path("a/../b.txt"), Path("b.txt"))
    True
    """
    if resolved(a) == resolved(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is ``folder`` or lies under it, once both are resolved."""
    p, f = resolved(path), resolved(folder).rstrip(os.sep)
    return p == f or p.startswith(f + os.sep)


def refuse_clean_overwrites(roots: list[Path], files: Iterable[Path], out_for: Callable[[Path], Path] | None,
                            out: Path | None, out_is_dir: bool, log_path: Path | None, in_place: bool) -> None:
    """``cleaner clean``: no output may be an input, unless ``--in-place`` rewrites that very input."""
    files = list(files)
    real_inputs = {resolved(p): p for p in files}
    if out is not None and out_is_dir:
        for root in roots:
            if root.is_dir() and resolved(root) == resolved(out):
                raise InputError(f"{out}: the output folder is the input folder {root}; nothing would be "
                                 f"cleaned (use --in-place to rewrite the inputs, or another -o)")
    if out_for is not None and not in_place:
        for path in files:
            target = out_for(path)
            if out_is_dir and out is not None:
                refuse_escape(target, out)
            hit = real_inputs.get(resolved(target))
            if hit is not None or target.exists() and same_file(target, path):
                raise InputError(f"{target}: writing the clean text here would overwrite the input "
                                 f"{hit or path} (use --in-place to rewrite inputs, or another -o)")
    if log_path is not None:
        if log_path.is_dir():
            raise InputError(f"{log_path}: the diff log must be a file, and this is a folder")
        hit = real_inputs.get(resolved(log_path))
        if (hit is not None or log_path.exists() and any(same_file(log_path, p) for p in files)) \
                and not is_diff_log(log_path):
            raise InputError(f"{log_path}: the diff log would overwrite the input {hit or log_path}")
        if out is not None and not out_is_dir and same_file(log_path, out):
            raise InputError(f"{log_path}: the diff log and the clean text would be the same file")


def refuse_escape(target: Path, folder: Path) -> None:
    """A file to be written under ``folder`` must stay there: a symlink already in the output tree
    (``OUT/sub -> /etc``) is never written through.

    >>> refuse_escape(Path("out/a.txt"), Path("out"))
    """
    if not inside(target, folder):
        raise InputError(f"{target}: a symlink in the output folder leads out of it (to {resolved(target)}); "
                         f"cleaner never writes through a link out of its output tree")


def is_diff_log(path: Path) -> bool:
    """Whether ``path`` holds a diff log of an earlier run (its first line a ``document`` record), which a run
    may replace, rather than a document, which it must not."""
    try:
        with open(path, "rb") as fh:
            first = fh.readline(1 << 16)
    except OSError:
        return False
    return first.startswith(b'{"type": "document"')


def refuse_undo_log_overwrite(log_path: Path) -> None:
    """The log of an earlier ``--in-place`` run is the only way back to its originals: never overwrite it."""
    try:
        with open(log_path, "rb") as fh:
            head = fh.read(1 << 16)
    except OSError:
        return
    if head.strip():
        raise InputError(f"{log_path}: this diff log already exists, and after an --in-place run it is the only "
                         f"way back to the originals; give another --log (or move this one away first)")


def refuse_same_paths(outputs: dict[str, Path | None], inputs: dict[str, Path | None]) -> None:
    """``revert``/``apply``: no output may be one of the files read (the log, the text, the decisions).

    >>> refuse_same_paths({"-o": Path("x.jsonl")}, {"--log": Path("x.jsonl")})
    Traceback (most recent call last):
    ...
    cleaner.fileio.InputError: x.jsonl: -o would overwrite --log, which this command reads
    """
    named = [(n, p) for n, p in outputs.items() if p is not None and str(p) != "-"]
    for name, out in named:
        for what, src in inputs.items():
            if src is not None and str(src) != "-" and same_file(out, src):
                raise InputError(f"{out}: {name} would overwrite {what}, which this command reads")
    for i, (a, pa) in enumerate(named):
        for b, pb in named[i + 1:]:
            if same_file(pa, pb):
                raise InputError(f"{pa}: {a} and {b} would be the same file")


@contextlib.contextmanager
def log_lock(log_path: Path | None) -> Iterator[None]:
    """Hold an exclusive lock beside the diff log for the whole run: two runs on one log would interleave
    their parts and state (and an in-place run's undo log with them). The lock dies with the process."""
    if log_path is None:
        yield
        return
    lock = Path(log_path).parent / f".{Path(log_path).name}.lock"
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield  # a folder we cannot write to fails later with its own message
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip() or "?"
            raise InputError(f"{log_path}: another cleaner run (pid {holder}) is writing this diff log; wait for "
                             f"it to finish, or give another --log") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        try:
            yield
        finally:
            try:
                os.unlink(lock)
            except OSError:
                pass
    finally:
        os.close(fd)
