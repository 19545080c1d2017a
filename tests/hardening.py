"""Helpers shared by the hardening tests (tests/test_hardening_*.py and tests/fuzz/)."""
from __future__ import annotations

import inspect
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from cleaner.cli import main


def cli(*args, input: bytes | str | None = None, env: dict | None = None):
    """``cleaner ARGS`` in-process (click's Result: exit_code, stdout, stderr)."""
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:  # click < 8.2
        runner = CliRunner(mix_stderr=False)
    else:
        runner = CliRunner()
    return runner.invoke(main, [str(a) for a in args], input=input, env=env, catch_exceptions=False)


def command() -> list[str]:
    exe = shutil.which("cleaner")
    return [exe] if exe else [sys.executable, "-m", "cleaner"]


def run(*args, cwd: Path, timeout: float = 300, env: dict | None = None, input: bytes | None = None):
    """The real command in a subprocess, with its wall time and the peak RSS of the process (MiB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    done = subprocess.run([*command(), *map(str, args)], cwd=cwd, capture_output=True, timeout=timeout,
                          env={**os.environ, **(env or {})}, input=input)
    done.seconds = time.perf_counter() - start
    # ru_maxrss of children is the max over every child waited for: only meaningful when it grew
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done.peak_mib = after / 1024 if after > before else None
    return done


def peak_rss_mib(cmd: list[str], cwd: Path, timeout: float = 600, env: dict | None = None):
    """Run ``cmd`` under a fresh Python parent that reports its children's peak RSS (MiB) exactly."""
    probe = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
             "r = subprocess.run(sys.argv[1:], capture_output=True); "
             "print(r.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
             "time.perf_counter() - t); sys.stderr.buffer.write(r.stderr[-4000:])")
    done = subprocess.run([sys.executable, "-c", probe, *cmd], cwd=cwd, capture_output=True, timeout=timeout,
                          env={**os.environ, **(env or {})})
    rc, kib, seconds = done.stdout.split()
    return int(rc), int(kib) / 1024, float(seconds), done.stderr.decode(errors="replace")


def tree_bytes(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.is_symlink()}
