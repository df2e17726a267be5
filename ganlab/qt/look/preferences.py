"""What the app remembers between runs (the window, presenter mode, the language, ...), typed, in QSettings.

Everything remembered is one row of Preferences' table: a property, the QSettings key it is stored under and its
type and default. A stored value of the wrong type, or garbage, reads as the default (an old or hand-edited file
must not stop the app from starting); the setters refuse a value of the wrong type.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Callable, Iterable
from typing import Any, Generic, NamedTuple, TypeVar, overload

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow

WINDOW_STATE_VERSION = 1  # bump when the docks change, so an old saved layout is ignored rather than misapplied
_MAX_RECENT = 8

T = TypeVar("T")


# ---- the stored types: reading a stored value, checking a value to store, and what QSettings keeps


def _load_bytes(value: Any) -> bytes | None:
    if isinstance(value, QByteArray):
        return bytes(value.data())
    return bytes(value) if isinstance(value, bytes | bytearray) else None


def _check_bytes(name: str, value: Any) -> bytes:
    if isinstance(value, QByteArray):  # what saveGeometry() and saveState() return
        return bytes(value.data())
    if not isinstance(value, bytes | bytearray):
        raise TypeError(f"{name} takes bytes, not {type(value).__name__}")
    return bytes(value)


_TRUE, _FALSE = ("true", "1", "yes", "on"), ("false", "0", "no", "off")


def _load_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):  # what an INI file gives back
        text = value.strip().lower()
        return True if text in _TRUE else False if text in _FALSE else None
    return None


def _check(kind: type) -> Callable[[str, Any], Any]:
    def check(name: str, value: Any) -> Any:
        if not isinstance(value, kind):
            raise TypeError(f"{name} takes a {kind.__name__}, not {type(value).__name__}")
        return value

    return check


def _load_list(value: Any) -> list[str] | None:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return None
    if not isinstance(value, list):
        return None
    return _unique(item for item in value if isinstance(item, str) and item)


def _check_list(name: str, values: Any) -> list[str]:
    if isinstance(values, str) or not isinstance(values, Iterable):
        raise TypeError(f"{name} takes a list of strings, not {type(values).__name__}")
    values = list(values)
    if not all(isinstance(value, str) for value in values):
        raise TypeError(f"{name} takes a list of strings")
    return _unique(value for value in values if value)


class _Type(NamedTuple):
    load: Callable[[Any], Any]  # a stored value as this type, None when it is not one
    check: Callable[[str, Any], Any]  # a value given to the setter, normalised; TypeError when it is not one
    store: Callable[[Any], Any]  # what QSettings keeps


_TYPES: dict[type, _Type] = {
    bytes: _Type(_load_bytes, _check_bytes, QByteArray),
    bool: _Type(_load_bool, _check(bool), lambda value: value),
    str: _Type(lambda value: value if isinstance(value, str) else None, _check(str), lambda value: value),
    list: _Type(_load_list, _check_list, json.dumps),  # JSON text: an INI file cannot tell ["a"] from "a"
}


class _Remembered(Generic[T]):
    """One row of the table: a property of Preferences kept in QSettings under `key`. `clean`, when given, is
    applied to what is read and to what is stored (the recent files: no file twice, at most MAX_RECENT)."""

    def __init__(self, key: str, kind: type, default: T, clean: Callable[[T], T] | None = None) -> None:
        self.key, self.type, self.default, self.clean = key, _TYPES[kind], default, clean
        self.name = key

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, prefs: None, owner: type) -> _Remembered[T]: ...
    @overload
    def __get__(self, prefs: Preferences, owner: type) -> T: ...
    def __get__(self, prefs: Preferences | None, owner: type) -> T | _Remembered[T]:
        if prefs is None:
            return self
        try:
            value = self.type.load(prefs.settings.value(self.key))
        except Exception:  # a stored value Qt cannot convert must not stop the app from starting
            value = None
        if value is None:
            return copy.copy(self.default)  # a fresh list each time: the caller may change it
        return self.clean(value) if self.clean is not None else value

    def __set__(self, prefs: Preferences, value: Any) -> None:
        value = self.type.check(self.name, value)
        if self.clean is not None:
            value = self.clean(value)
        prefs.settings.setValue(self.key, self.type.store(value))


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _recent(paths: list[str]) -> list[str]:
    """Most recent first, at most MAX_RECENT, no file twice however it is spelled."""
    seen: dict[str, str] = {}
    for path in paths:
        seen.setdefault(os.path.normcase(os.path.normpath(path)), path)
    return list(seen.values())[:_MAX_RECENT]


class Preferences:
    """Typed access to the app's QSettings: the table below, and the window's layout."""

    ORGANISATION = "ganlab"
    APPLICATION = "GAN Lab Desktop"
    MAX_RECENT = _MAX_RECENT

    # What is remembered: (key, type, default). The keys are what saved preferences are stored under: keep them.
    geometry = _Remembered("window/geometry", bytes, b"")
    window_state = _Remembered("window/state", bytes, b"")
    presenter = _Remembered("view/presenter", bool, False)
    language = _Remembered("view/language", str, "")  # a locale name ('zh_CN'); '' for the system's
    hidden_controls = _Remembered("view/hidden_controls", list, [])
    recent_sessions = _Remembered("session/recent_files", list, [], clean=_recent)  # session files, newest first

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings if settings is not None else QSettings(self.ORGANISATION, self.APPLICATION)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Preferences:
        """Preferences kept in an INI file (tests, a portable install)."""
        return cls(QSettings(os.fspath(path), QSettings.Format.IniFormat))

    def save_window(self, window: QMainWindow) -> None:
        self.geometry = window.saveGeometry()
        self.window_state = window.saveState(WINDOW_STATE_VERSION)

    def restore_window(self, window: QMainWindow) -> bool:
        """Put back the saved size, position and docks; False (the window unchanged) when none were saved or they
        are unusable (garbage, or a layout from another WINDOW_STATE_VERSION)."""
        geometry, state = self.geometry, self.window_state
        restored = bool(geometry) and window.restoreGeometry(QByteArray(geometry))
        if state:
            restored = window.restoreState(QByteArray(state), WINDOW_STATE_VERSION) or restored
        return bool(restored)

    def add_recent_session(self, path: str | os.PathLike[str]) -> list[str]:
        """Put `path` (made absolute) first; an earlier entry for the same file goes. Returns the new list."""
        self.recent_sessions = [os.path.abspath(os.fspath(path)), *self.recent_sessions]
        return self.recent_sessions

    def sync(self) -> None:
        self.settings.sync()
