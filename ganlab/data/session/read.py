"""Opening a session file: the ZIP container within its size limits, session.json, the safetensors members.

Nothing is unpickled and nothing goes through torch.load. Every problem raises SessionFileError naming the file;
sizes are capped before anything is decompressed, so a hostile file cannot exhaust memory. No Qt here.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zipfile import ZIP_STORED, ZipFile, ZipInfo

import safetensors.numpy
import torch
from safetensors.torch import load as parse_safetensors  # a plain header + raw tensor bytes: never unpickles

from ganlab.core.adversarial import AlgorithmOne
from ganlab.core.settings import Settings
from ganlab.core.snapshot import FrozenArrays
from ganlab.core.trainer_state import TrainerState
from ganlab.data.session import restore, timeline
from ganlab.data.session.schema import (
    MAX_COMPRESSION_RATIO,
    MAX_JSON_BYTES,
    MAX_MEMBER_BYTES,
    RATIO_CHECK_BYTES,
    SESSION_JSON,
    TIMELINE,
    WEIGHTS,
    ReadError,
    SessionFileError,
    check_document,
)


@dataclass(frozen=True, eq=False)
class SessionFile:
    """An opened session: its settings, the lesson's settings and texts, the timeline and (optionally) the trained
    state, all checked against the format; whether the state fits a trainer is checked by restore_into()."""

    path: Path
    config: Settings  # of the class settings_classes gave for its kind
    kind: str  # the RunKind's name ("1d", "image", ...)
    app_version: str = ""  # the ganlab that wrote it
    hidden_controls: tuple[str, ...] = ()
    title: str = ""
    notes: str = ""
    language: str = ""  # the language the lesson was written in ("de", "zh_CN"), or ""
    snapshots: tuple[FrozenArrays, ...] = ()  # the timeline: snapshots of the kind's snapshot type
    state: TrainerState | None = None  # the trained run (a trainer's state_dict()), or None: settings only

    @property
    def has_weights(self) -> bool:
        return self.state is not None

    @property
    def counters(self) -> tuple[int, int, int] | None:
        """(iteration, d_steps, g_steps) of the saved trainer, or None."""
        return None if self.state is None else self.state.counters

    def restore_into(self, trainer: AlgorithmOne) -> tuple[str, ...]:
        """Load the trained state into a trainer built from self.config (see restore.restore_into)."""
        return restore.restore_into(self, trainer)


def load_session(
    path: str | os.PathLike[str],
    settings_classes: Mapping[str, type[Settings]],
    snapshot_types: Mapping[str, type] | None = None,
) -> SessionFile:
    """Open a session file; every problem raises SessionFileError naming the file.

    settings_classes: kind name -> its settings class (the kinds this ganlab knows: a file of another kind is refused).
    snapshot_types: kind name -> its snapshot type, to read a timeline (a timeline of a kind not listed is refused).
    """
    path = Path(path)
    try:
        return _load(path, settings_classes, snapshot_types or {})
    except ReadError as exc:
        raise SessionFileError(f"{path}: {exc}") from None


def _load(
    path: Path, settings_classes: Mapping[str, type[Settings]], snapshot_types: Mapping[str, type]
) -> SessionFile:
    try:
        archive = ZipFile(path)
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except IsADirectoryError:
        raise ReadError("is a folder, not a session file") from None
    except PermissionError:
        raise ReadError("permission denied") from None
    except OSError as exc:
        raise ReadError(f"cannot be read ({exc.strerror or exc})") from None
    except Exception as exc:  # zipfile raises several kinds on damaged data; all mean the same to the user
        raise ReadError(f"is not a ganlab session file (not a ZIP container, or damaged or truncated: {exc})") from None
    with archive:
        infos = {info.filename: info for info in archive.infolist()}
        if SESSION_JSON not in infos:
            raise ReadError(f"is not a ganlab session file (it has no {SESSION_JSON})")
        document = _parse_json(_read_member(archive, infos[SESSION_JSON], MAX_JSON_BYTES))
        header = check_document(document, settings_classes)
        members = {}
        for name, expected in header["members"].items():
            if name not in infos:
                raise ReadError(f"is incomplete: {name} is missing")
            data = _read_member(archive, infos[name], MAX_MEMBER_BYTES)
            if len(data) != expected:
                raise ReadError(f"{name} has {len(data)} bytes, but {SESSION_JSON} lists {expected}")
            members[name] = data
    state = None
    if WEIGHTS in members:
        try:
            weights: dict[str, torch.Tensor] = parse_safetensors(members[WEIGHTS])
        except Exception as exc:  # safetensors reports every malformed buffer with its own error type
            raise ReadError(f"{WEIGHTS} is damaged ({exc})") from None
        try:
            state = TrainerState(weights, header["training"])
        except ValueError as exc:
            raise ReadError(f"invalid trained state: {exc}") from None
    snapshots: tuple[FrozenArrays, ...] = ()
    if TIMELINE in members:
        kind = header["kind"]
        if kind not in snapshot_types:
            raise ReadError(f"{TIMELINE}: this ganlab cannot read a timeline of the kind {kind!r}")
        try:
            arrays = safetensors.numpy.load(members[TIMELINE])
        except Exception as exc:
            raise ReadError(f"{TIMELINE} is damaged ({exc})") from None
        snapshots = timeline.decode(arrays, header["timeline"], snapshot_types[kind])
    return SessionFile(
        path=path,
        config=header["config"],
        kind=header["kind"],
        app_version=header["app_version"],
        hidden_controls=header["hidden_controls"],
        title=header["title"],
        notes=header["notes"],
        language=header["language"],
        snapshots=snapshots,
        state=state,
    )


def _read_member(archive: ZipFile, info: ZipInfo, limit: int) -> bytes:
    name = info.filename
    if info.file_size > limit:
        raise ReadError(f"{name} claims {info.file_size} bytes, more than a session file may hold ({limit})")
    if (
        info.compress_type != ZIP_STORED
        and info.file_size > RATIO_CHECK_BYTES
        and info.file_size > MAX_COMPRESSION_RATIO * info.compress_size
    ):
        raise ReadError(f"{name} is compressed {info.file_size // max(info.compress_size, 1)} to 1: refused")
    try:
        data = archive.read(info)  # zipfile stops at the declared size and checks the CRC
    except Exception as exc:
        raise ReadError(f"{name} is damaged ({exc})") from None
    if len(data) != info.file_size:
        raise ReadError(f"{name} is truncated")
    return data


def _reject_constant(token: str) -> None:
    raise ValueError(f"{token} is not allowed in standard JSON")


def _parse_json(data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"), parse_constant=_reject_constant)
    except (ValueError, RecursionError) as exc:  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise ReadError(f"{SESSION_JSON} is not valid JSON ({exc})") from None
