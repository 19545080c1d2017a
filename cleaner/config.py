"""One immutable, typed configuration object with conservative defaults.

Loaded from ``[tool.cleaner]`` in ``pyproject.toml`` or from ``.cleaner.toml``
(the nearest one above the working directory), with CLI flags layered on top
via :meth:`CleanerConfig.replace`. Defaults repair damage without imposing
style: nothing here uncurls quotes, applies NFKC, or changes widths.
"""
from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]


class ConfigError(ValueError):
    """A configuration file or option is invalid; the message names the file and key."""


# Numbers outside these ranges hang a run (window-chars 0 never advances), skip it silently
# (max-passes -1) or make no sense; they are refused with the option's name.
RANGES: dict[str, tuple[float, float]] = {
    "max_passes": (1, 100),
    "max_change_ratio": (0.0, 1.0),
    "min_length_for_ratio": (0, 10**12),
    "regex_timeout": (0.001, 86_400.0),
    "window_chars": (100, 10**12),
}


@dataclass(frozen=True)
class CleanerConfig:
    select: tuple[str, ...] = ()  # rule codes or prefixes to run; empty = all
    ignore: tuple[str, ...] = ()  # rule codes or prefixes never to run
    unsafe_fixes: bool = False  # apply UNSAFE edits too (else they are logged as suggestions)
    extend_safe_fixes: tuple[str, ...] = ()  # codes/prefixes whose fixes count as safe
    extend_unsafe_fixes: tuple[str, ...] = ()  # codes/prefixes whose fixes count as unsafe
    preview: bool = True  # run rules still in preview status
    max_passes: int = 4  # fixed-point cap; a document still changing after it is reported
    max_change_ratio: float = 0.5  # roll a document back if more than this share of it changed ...
    min_length_for_ratio: int = 400  # ... and it is at least this long (short texts change a lot legitimately)
    regex_timeout: float = 5.0  # seconds a regex pack may spend on one document
    rules_dirs: tuple[str, ...] = ()  # extra rule-pack folders, after the bundled rules/
    corpus_knowledge: bool = True  # learn names/lines across a corpus before cleaning it
    window_chars: int = 1_000_000  # a longer document is cleaned in windows of about this size (memory)

    def __post_init__(self):
        for name, (low, high) in RANGES.items():
            value = getattr(self, name)
            if not low <= value <= high:
                raise ConfigError(f"option {name.replace('_', '-')!r} is {value!r}; it must be between {low} and {high}")

    def replace(self, **changes: Any) -> "CleanerConfig":
        """A copy with some options changed; ``None`` values are ignored (unset CLI flags)."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_mapping(cls, data: dict[str, Any], source: str = "<config>") -> "CleanerConfig":
        fields = {f.name: f for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            name = key.replace("-", "_")
            if name not in fields:
                known = ", ".join(sorted(f.replace("_", "-") for f in fields))
                hint = difflib.get_close_matches(name.replace("_", "-"), known.split(", "), n=1)
                raise ConfigError(f"{source}: unknown option {key!r}"
                                  + (f" (did you mean {hint[0]!r}?)" if hint else "") + f"; known: {known}")
            default = getattr(cls(), name)
            if isinstance(default, tuple):
                if isinstance(value, str):
                    value = (value,)
                if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
                    raise ConfigError(f"{source}: option {key!r} must be a list of strings")
                value = tuple(value)
            elif isinstance(default, bool):
                if not isinstance(value, bool):
                    raise ConfigError(f"{source}: option {key!r} must be true or false")
            elif isinstance(default, (int, float)):
                if isinstance(value, bool) or not isinstance(value, (int, float)):
                    raise ConfigError(f"{source}: option {key!r} must be a number")
                value = type(default)(value)
            values[name] = value
        try:
            return cls(**values)
        except ConfigError as exc:
            raise ConfigError(f"{source}: {exc}") from None

    @classmethod
    def discover(cls, start: Path | None = None) -> "CleanerConfig":
        """Find ``.cleaner.toml`` or a ``pyproject.toml`` with ``[tool.cleaner]`` at or above ``start``."""
        here = (start or Path.cwd()).resolve()
        for folder in [here, *here.parents]:
            dot = folder / ".cleaner.toml"
            if dot.is_file():
                return cls.from_file(dot, table=None)
            py = folder / "pyproject.toml"
            if py.is_file():
                data = _read_toml(py)
                if "cleaner" in data.get("tool", {}):
                    return cls.from_mapping(data["tool"]["cleaner"], f"{py} [tool.cleaner]")
        return cls()

    @classmethod
    def from_file(cls, path: Path, table: str | None = "tool.cleaner") -> "CleanerConfig":
        data = _read_toml(path)
        if table:
            for part in table.split("."):
                data = data.get(part, {})
        return cls.from_mapping(data, str(path))


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
