"""Saving a session file, atomically: a failed save leaves any file already at the path as it was. No Qt here."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipFile, ZipInfo

import safetensors.numpy
import safetensors.torch

from ganlab import __version__
from ganlab.core.adversarial import AlgorithmOne
from ganlab.core.settings import Settings
from ganlab.core.snapshot import FrozenArrays
from ganlab.core.trainer_state import TrainerState
from ganlab.data.atomic import atomic_write
from ganlab.data.session import timeline
from ganlab.data.session.schema import (
    FORMAT,
    MAX_JSON_BYTES,
    SESSION_JSON,
    SESSION_SCHEMA_VERSION,
    TIMELINE,
    WEIGHTS,
    SessionFileError,
    check_controls,
    check_kind,
    check_texts,
)


def save_session(
    path: str | os.PathLike[str],
    kind: str,
    config: Settings,
    *,
    state: TrainerState | None = None,
    trainer: AlgorithmOne | None = None,
    snapshots: Iterable[FrozenArrays] = (),
    hidden_controls: Iterable[str] = (),
    title: str = "",
    notes: str = "",
    language: str = "",
) -> None:
    """Write a session file of a run of `kind` (its RunKind's name: "1d", "image", ...) with these settings.

    state: the trainer's state_dict(), to save the trained run (taken where the trainer lives, maybe another process).
    trainer: the same, taken here from a trainer built from `config` (give state or trainer, not both).
    snapshots: the timeline, snapshots of the kind's snapshot type (any frozen FrozenArrays dataclass).
    hidden_controls, title, notes, language: the lesson's settings, given back by load_session.
    TypeError / ValueError for bad arguments, SessionFileError (naming the file) when it cannot be written.
    """
    path = Path(path)
    kind = check_kind(kind)
    if not isinstance(config, Settings):
        raise TypeError(f"config must be a run's settings (got {type(config).__name__})")
    controls = check_controls(hidden_controls)
    check_texts({"title": title, "notes": notes, "language": language})
    if trainer is not None:
        if state is not None:
            raise ValueError("give the trainer or its state, not both")
        if type(trainer.config) is not type(config) or trainer.config != config:
            raise SessionFileError(f"cannot save {path}: the trainer runs a different configuration than the one given")
        state = trainer.state_dict()
    members: dict[str, bytes] = {}
    training = None
    if state is not None:
        if not isinstance(state, TrainerState):
            raise TypeError(f"state must be a trainer's state_dict() (got {type(state).__name__})")
        state.check()
        members[WEIGHTS] = safetensors.torch.save(dict(state.tensors))
        training = state.training
    layout = None
    snapshots = tuple(snapshots)
    if snapshots:
        arrays, layout = timeline.encode(snapshots)
        members[TIMELINE] = safetensors.numpy.save(arrays)
    document = {
        "format": FORMAT,
        "schema_version": SESSION_SCHEMA_VERSION,
        "app_version": __version__,
        "kind": kind,
        "title": title,
        "notes": notes,
        "language": language,
        "hidden_controls": list(controls),
        "config": config.to_dict(),
        "training": training,
        "timeline": layout,
        "members": {name: {"bytes": len(data)} for name, data in members.items()},
    }
    text = json.dumps(document, indent=1, ensure_ascii=False, allow_nan=False).encode("utf-8")
    if len(text) > MAX_JSON_BYTES:
        raise SessionFileError(f"cannot save {path}: {SESSION_JSON} would exceed {MAX_JSON_BYTES} bytes")
    try:
        with atomic_write(path) as temporary, open(temporary, "wb") as handle, ZipFile(handle, "w") as archive:
            archive.writestr(_member_info(SESSION_JSON, ZIP_DEFLATED), text)
            for name, data in members.items():  # float data barely compresses: stored, so saving stays fast
                archive.writestr(_member_info(name, ZIP_STORED), data)
    except OSError as exc:
        raise SessionFileError(f"cannot save {path}: {exc.strerror or exc}") from exc


def _member_info(name: str, compression: int) -> ZipInfo:
    info = ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # a fixed time: the same session gives the same bytes
    info.compress_type = compression
    info.external_attr = 0o644 << 16
    return info
