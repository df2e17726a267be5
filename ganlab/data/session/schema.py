"""What a session file is: its members, format constants and limits, and the checks of session.json. No Qt here."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ganlab.core.settings import ConfigError, Settings

SESSION_SCHEMA_VERSION = 1  # of the container; the config inside carries its own schema_version
FORMAT = "ganlab-session"
SUFFIX = ".ganlab"
SESSION_JSON = "session.json"
WEIGHTS = "weights.safetensors"
TIMELINE = "timeline.safetensors"

# Limits that keep a damaged or hostile file from exhausting memory.
MAX_JSON_BYTES = 4 * 2**20
MAX_MEMBER_BYTES = 2 * 2**30
MAX_COMPRESSION_RATIO = 200  # a deflated member this much larger than its compressed bytes is a zip bomb...
RATIO_CHECK_BYTES = 16 * 2**20  # ...once it is this large
MAX_TITLE = 500
MAX_NOTES = 200_000
MAX_LANGUAGE = 64
MAX_CONTROLS = 1000
MAX_NAME = 200
TEXT_FIELDS = (("title", MAX_TITLE), ("notes", MAX_NOTES), ("language", MAX_LANGUAGE))


class SessionFileError(ValueError):
    """A session file cannot be read or written; the message names the file and the problem."""


class ReadError(Exception):
    """A problem found while reading a file; load_session and restore_into add the file's name (SessionFileError)."""


# ---- saving: the caller's arguments
def check_kind(kind: Any) -> str:
    if not isinstance(kind, str):
        raise TypeError(f"the kind of run must be a string (got {type(kind).__name__})")
    if not 0 < len(kind) <= MAX_NAME:
        raise ValueError(f"the kind of run must be 1 to {MAX_NAME} characters")
    return kind


def check_controls(controls: Iterable[str]) -> tuple[str, ...]:
    if isinstance(controls, str):
        raise TypeError("hidden_controls must be a collection of control names, not one string")
    controls = tuple(controls)
    if len(controls) > MAX_CONTROLS or not all(isinstance(c, str) and 0 < len(c) <= MAX_NAME for c in controls):
        raise ValueError(f"hidden_controls must be at most {MAX_CONTROLS} names of 1 to {MAX_NAME} characters")
    return controls


def check_texts(texts: Mapping[str, Any]) -> None:
    """title, notes, language: strings within their limits (ValueError)."""
    for name, limit in TEXT_FIELDS:
        value = texts[name]
        if not isinstance(value, str) or len(value) > limit:
            raise ValueError(f"{name} must be a string of at most {limit} characters")


# ---- reading: session.json
def check_document(document: Any, settings_classes: Mapping[str, type[Settings]]) -> dict[str, Any]:
    """session.json's values, checked (ReadError naming the first bad entry). The trained state ("training") and the
    timeline's layout ("timeline") come back as they are: they are checked with the members they describe."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ReadError(f"is not a ganlab session file ({SESSION_JSON} is not a ganlab session)")
    version = document.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise ReadError(f"{SESSION_JSON}: schema_version must be a whole number >= 1 (got {short(version)})")
    if version > SESSION_SCHEMA_VERSION:
        raise ReadError(
            f"made by a newer ganlab (schema {version}); this one reads up to {SESSION_SCHEMA_VERSION}: "
            "update ganlab to open it"
        )
    kind = document.get("kind")
    if not isinstance(kind, str) or kind not in settings_classes:
        raise ReadError(f"{SESSION_JSON}: kind must be one of {', '.join(settings_classes)} (got {short(kind)})")
    try:
        config = settings_classes[kind].from_dict(document.get("config"))
    except (ConfigError, TypeError, ValueError) as exc:
        raise ReadError(f"invalid configuration: {exc}") from None
    header: dict[str, Any] = {"kind": kind, "config": config}
    for name, limit in (("app_version", MAX_NAME), *TEXT_FIELDS):
        header[name] = text(document.get(name, ""), name, limit)
    controls = document.get("hidden_controls", [])
    if not isinstance(controls, list) or len(controls) > MAX_CONTROLS:
        raise ReadError(f"{SESSION_JSON}: hidden_controls must be a list of at most {MAX_CONTROLS} names")
    header["hidden_controls"] = tuple(text(c, "hidden_controls[]", MAX_NAME) for c in controls)
    members = mapping(document.get("members", {}), "members")
    header["members"] = {}
    for name in (WEIGHTS, TIMELINE):  # other names are left to later schema versions
        if name in members:
            entry = mapping(members[name], f"members.{name}")
            header["members"][name] = whole(entry.get("bytes"), f"members.{name}.bytes", MAX_MEMBER_BYTES)
    for name, section in ((WEIGHTS, "training"), (TIMELINE, "timeline")):
        header[section] = document.get(section)
        if (name in header["members"]) != (header[section] is not None):
            raise ReadError(f"{SESSION_JSON}: {section} and the member {name} must come together")
    return header


# ---- small checks on JSON values
def short(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


def mapping(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ReadError(f"{SESSION_JSON}: {where} must be an object (got {short(value)})")
    return value


def whole(value: Any, where: str, high: int = 2**63 - 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= high:
        raise ReadError(f"{SESSION_JSON}: {where} must be a whole number from 0 to {high} (got {short(value)})")
    return value


def text(value: Any, where: str, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise ReadError(f"{SESSION_JSON}: {where} must be a string of at most {limit} characters (got {short(value)})")
    return value
