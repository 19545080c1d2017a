"""Shared fixtures: the registry, a default engine, and the sample corpus."""
from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.config import CleanerConfig
from cleaner.engine import Engine
from cleaner.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CASES = Path(__file__).resolve().parent / "cases"


@pytest.fixture(scope="session")
def registry():
    return load_registry()


@pytest.fixture(scope="session")
def engine():
    return Engine(CleanerConfig())


@pytest.fixture(scope="session")
def sample_texts() -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))}
