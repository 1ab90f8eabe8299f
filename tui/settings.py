"""The user's settings that last from one session to the next: the theme, the side panel, the
library's sort, and keys rebound by binding id.

They live in ``settings.toml`` in the user config folder (``~/.config/presscut`` on Linux), or
in the folder ``PRESSCUT_CONFIG`` names. presscut writes the file when one of them changes and
keeps what it does not know of. A file it cannot read is named in one line and the defaults
are used; it is never overwritten then, so nothing the user wrote is lost.

Read before the first frame, so the theme and keys are the user's from it: ``tomllib`` is
loaded only when the file exists (a few milliseconds), ``platformdirs`` only when no folder
is given (the library's default folder loads it anyway), ``tomli_w`` only to write.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG_SETTING = "PRESSCUT_CONFIG"
FILE_NAME = "settings.toml"
PANEL_STATES = {"shown": True, "folded": False}


def settings_path() -> Path:
    folder = os.environ.get(CONFIG_SETTING)
    if not folder:
        import platformdirs

        folder = platformdirs.user_config_dir("presscut", appauthor=False)
    return Path(folder).expanduser() / FILE_NAME


@dataclass
class Settings:
    path: Path
    theme: str | None = None
    panel_shown: bool | None = None  # None: as the width has it
    sort: str | None = None
    descending: bool | None = None
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> keys ("ctrl+q" or "j,down")
    refresh_minutes: float | None = None  # [feeds]: refresh them this often while the app is open
    problem: str | None = None  # why the file could not be used, in one line
    _raw: dict[str, Any] = field(default_factory=dict, repr=False)

    def save(self, **changes: Any) -> None:
        """Change settings and write the file (atomically); a file that could not be read is
        left alone, and a failure to write is kept as ``problem`` rather than raised."""
        for name, value in changes.items():
            setattr(self, name, value)
        if self.problem is not None and self.path.exists():
            return
        import tomli_w

        raw = dict(self._raw)
        _put(raw, "theme", self.theme)
        panel = None if self.panel_shown is None else ("shown" if self.panel_shown else "folded")
        _put(raw, "panel", panel)
        library = dict(raw.get("library") or {})
        _put(library, "sort", self.sort)
        _put(library, "descending", self.descending)
        _put(raw, "library", library or None)
        _put(raw, "keys", self.keys or None)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(self.path.name + ".tmp")
            partial.write_text(tomli_w.dumps(raw), encoding="utf-8")
            partial.replace(self.path)
        except OSError as error:
            self.problem = f"settings not saved to {self.path}: {error.strerror or error}"
            return
        self._raw = raw


def _put(table: dict[str, Any], key: str, value: Any) -> None:
    if value is None:
        table.pop(key, None)
    else:
        table[key] = value


def load_settings(path: Path | None = None) -> Settings:
    """The settings in the file, or the defaults (with ``problem`` saying why) when it is
    missing, unreadable or not what presscut writes."""
    path = path or settings_path()
    settings = Settings(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return settings
    except (OSError, UnicodeDecodeError) as error:
        settings.problem = f"settings: {path} cannot be read ({error}); using the defaults"
        return settings
    import tomllib

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        settings.problem = f"settings: {path} cannot be read ({error}); using the defaults"
        return settings
    try:
        return _read(path, raw)
    except (TypeError, ValueError) as error:
        settings.problem = f"settings: {path}: {error}; using the defaults"
        return settings


def _read(path: Path, raw: dict[str, Any]) -> Settings:
    theme = _typed(raw, "theme", str)
    panel = _typed(raw, "panel", str)
    if panel is not None and panel not in PANEL_STATES:
        raise ValueError(f'panel must be "shown" or "folded", not {panel!r}')
    library = _typed(raw, "library", dict) or {}
    keys = _typed(raw, "keys", dict) or {}
    for binding, value in keys.items():
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f'keys.{binding} must be keys in quotes, such as "ctrl+q"')
    feeds = _typed(raw, "feeds", dict) or {}
    minutes = feeds.get("refresh_minutes")
    if minutes is not None and (isinstance(minutes, bool) or not isinstance(minutes, int | float)
                                or minutes <= 0):
        raise ValueError(f"feeds.refresh_minutes must be a number of minutes, not {minutes!r}")
    return Settings(
        path,
        theme=theme,
        refresh_minutes=minutes,
        panel_shown=None if panel is None else PANEL_STATES[panel],
        sort=_typed(library, "sort", str),
        descending=_typed(library, "descending", bool),
        keys=dict(keys),
        _raw=raw,
    )


def _typed(table: dict[str, Any], key: str, kind: type) -> Any:
    value = table.get(key)
    if value is not None and not isinstance(value, kind):
        raise ValueError(f"{key} must be a {kind.__name__}, not {value!r}")
    return value
