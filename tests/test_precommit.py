"""The real pre-commit framework runs this repository's hooks (.pre-commit-hooks.yaml).

The project's working tree (tracked and untracked, not ignored, files) is copied into a
temporary git repository and committed there, so the test sees uncommitted changes and does
not depend on the project's own git state. A second temporary repository uses it as a hook
repo (``repo: /tmp/.../hookrepo``, ``rev: <its commit>``); pre-commit installs it into a
virtualenv with pip, exactly as for users. PRE_COMMIT_HOME lives in a temporary folder of
the test session, so the installed hook environment is shared by these tests and nothing
outside the session is touched.

A fallback test runs the same entries as ``language: system`` hooks of a local repo (the
``cleaner`` already installed here), so a broken install path and a broken hook are told apart.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

pytestmark = pytest.mark.slow

DAMAGED = "The caf\u00c3\u00a9 opened on Monday.\nJohnson &amp; Johnson shares fell.\nVladimir Put\u200bin arrived.\n"
FIXED = "The café opened on Monday.\nJohnson & Johnson shares fell.\nVladimir Putin arrived.\n"
CLEAN = "Nothing is wrong with this sentence.\nNor with this one, which says café.\n"
HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))

GIT_ENV = {
    "GIT_AUTHOR_NAME": "cleaner tests", "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "cleaner tests", "GIT_COMMITTER_EMAIL": "tests@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def clean_env(home: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_") and k != "PRE_COMMIT_HOME"}
    env.update(GIT_ENV)
    if home is not None:
        env["PRE_COMMIT_HOME"] = str(home)
    return env


def git(cwd: Path, *args: str) -> str:
    proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=clean_env(), timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def project_files() -> list[str]:
    """The project's files: tracked and untracked-but-not-ignored, as git sees them (or a plain walk)."""
    try:
        out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                             capture_output=True, check=True, timeout=60).stdout
        files = [f for f in out.decode().split("\0") if f]
        if files:
            return [f for f in files if (ROOT / f).is_file()]
    except (OSError, subprocess.CalledProcessError):
        pass
    skip = {".git", ".venv", "build", "dist", "out", "__pycache__", ".pytest_cache", ".hypothesis", ".benchmarks"}
    return [p.relative_to(ROOT).as_posix() for p in ROOT.rglob("*")
            if p.is_file() and not (set(p.relative_to(ROOT).parts) & skip) and ".egg-info" not in str(p)]


@pytest.fixture(scope="session")
def hook_repo(tmp_path_factory) -> tuple[Path, str]:
    """A committed snapshot of this project's working tree: (path, commit)."""
    repo = tmp_path_factory.mktemp("hookrepo")
    for rel in project_files():
        target = repo / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / rel, target)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "--no-verify", "-m", "snapshot of the working tree for the pre-commit test")
    return repo, git(repo, "rev-parse", "HEAD")


@pytest.fixture(scope="session")
def pre_commit_home(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def make_repo(path: Path, config: dict, files: dict[str, str]) -> Path:
    path.mkdir()
    git(path, "init", "-q")
    (path / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    for name, text in files.items():
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_bytes(text.encode("utf-8"))
    git(path, "add", "-A")
    return path


def run_pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "pre_commit", "run", "--all-files", "--color", "never", *args]
    proc = subprocess.run(cmd, cwd=repo, capture_output=True, text=True, env=clean_env(home), timeout=1200)
    proc.output = proc.stdout + proc.stderr  # type: ignore[attr-defined]
    return proc


def remote_config(hook_repo, hook_id: str) -> dict:
    path, rev = hook_repo
    return {"repos": [{"repo": str(path), "rev": rev, "hooks": [{"id": hook_id}]}]}


def local_config(hook_id: str) -> dict:
    """The same hook, run with the cleaner installed in this environment (no install step)."""
    hook = next(h for h in HOOKS if h["id"] == hook_id)
    exe = shutil.which("cleaner")
    entry = hook["entry"] if exe is None else hook["entry"].replace("cleaner", exe, 1)
    return {"repos": [{"repo": "local", "hooks": [{**hook, "language": "system", "entry": entry}]}]}


WHERE = [
    "real repo",
    "local system fallback",
]


def test_hooks_file_declares_check_and_fix():
    by_id = {h["id"]: h for h in HOOKS}
    assert by_id["cleaner-check"]["entry"] == "cleaner check"
    assert by_id["cleaner-fix"]["entry"] == "cleaner clean --in-place --quiet"
    for hook in by_id.values():
        assert hook["language"] == "python"
        kinds = set(hook.get("types_or", hook.get("types", [])))
        assert {"plain-text", "markdown"} <= kinds and "text" not in kinds  # prose files, never code


@pytest.mark.parametrize("where", WHERE)
def test_check_hook_fails_on_damaged_text_and_shows_why(tmp_path, hook_repo, pre_commit_home, where):
    config = remote_config(hook_repo, "cleaner-check") if where == "real repo" else local_config("cleaner-check")
    tool = "# The caf\u00c3\u00a9 &amp; its code.\nprint('&amp;')\n"  # code is not prose: the hook leaves it
    repo = make_repo(tmp_path / "work", config, {"notes/damaged.txt": DAMAGED, "clean.md": CLEAN, "tool.py": tool})
    proc = run_pre_commit(repo, pre_commit_home)
    assert proc.returncode == 1, proc.output
    assert "tool.py" not in proc.output
    assert "Failed" in proc.output
    assert "notes/damaged.txt:1:5 MOJ001" in proc.output
    assert "notes/damaged.txt:2:9 MOJ002" in proc.output
    assert "notes/damaged.txt:3:13 MOJ004" in proc.output
    assert "clean.md" not in proc.output
    assert (repo / "notes/damaged.txt").read_text(encoding="utf-8") == DAMAGED  # check changes nothing


@pytest.mark.parametrize("where", WHERE)
def test_check_hook_passes_on_clean_text(tmp_path, hook_repo, pre_commit_home, where):
    config = remote_config(hook_repo, "cleaner-check") if where == "real repo" else local_config("cleaner-check")
    repo = make_repo(tmp_path / "work", config, {"clean.txt": CLEAN, "docs/also.md": "# Title\n\nFine text.\n"})
    proc = run_pre_commit(repo, pre_commit_home)
    assert proc.returncode == 0, proc.output
    assert "Passed" in proc.output


@pytest.mark.parametrize("where", WHERE)
def test_fix_hook_repairs_then_passes(tmp_path, hook_repo, pre_commit_home, where):
    config = remote_config(hook_repo, "cleaner-fix") if where == "real repo" else local_config("cleaner-fix")
    repo = make_repo(tmp_path / "work", config, {"damaged.txt": DAMAGED, "clean.txt": CLEAN})
    mtime = os.stat(repo / "clean.txt").st_mtime_ns
    proc = run_pre_commit(repo, pre_commit_home)
    assert proc.returncode == 1, proc.output  # pre-commit fails a hook that modified files
    assert "files were modified by this hook" in proc.output
    assert (repo / "damaged.txt").read_text(encoding="utf-8") == FIXED
    assert os.stat(repo / "clean.txt").st_mtime_ns == mtime
    git(repo, "add", "-A")
    again = run_pre_commit(repo, pre_commit_home)
    assert again.returncode == 0, again.output
