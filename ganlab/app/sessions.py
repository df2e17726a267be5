"""Session files for the app: ganlab.data.session bound to the run-kinds table. No Qt here.

The data layer knows no kinds of run; these functions name the kind of a run's settings when saving, and list every
registered kind (its settings class and snapshot type) when opening, so a kind added with register_kind saves and
opens like the built-in ones.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from ganlab.app.kinds import RUN_KINDS, kind_of
from ganlab.core.settings import Settings
from ganlab.core.trainer_state import TrainerState
from ganlab.data.session import SessionFile, SessionFileError, load_session, save_session

__all__ = ["SessionFile", "SessionFileError", "read_session", "write_session"]


def read_session(path: str | os.PathLike[str]) -> SessionFile:
    """Open a session file of any registered kind. SessionFileError (naming the file) for any problem.

    The result has .config, .kind, .title, .notes, .language, .hidden_controls, .snapshots (the timeline),
    .has_weights, .counters, .state and .restore_into(trainer) -> notes.
    """
    settings = {name: kind.config_class for name, kind in RUN_KINDS.items()}
    snapshots = {name: kind.snapshot_type for name, kind in RUN_KINDS.items()}
    return load_session(path, settings, snapshots)


def write_session(
    path: str | os.PathLike[str],
    config: Settings,
    state: TrainerState | None = None,
    *,
    snapshots: Iterable[Any] = (),
    hidden_controls: Iterable[str] = (),
    title: str = "",
    notes: str = "",
    language: str = "",
) -> None:
    """Save a run: its settings, optionally its trained state (a trainer's state_dict()) and timeline (snapshots of
    its kind), and the lesson's settings. TypeError for settings of no registered kind or snapshots of another
    kind, ValueError for bad lesson settings, SessionFileError (naming the file) when it cannot be written."""
    kind = kind_of(config)
    snapshots = tuple(snapshots)
    stranger = next((s for s in snapshots if type(s) is not kind.snapshot_type), None)
    if stranger is not None:
        wanted, got = kind.snapshot_type.__name__, type(stranger).__name__
        raise TypeError(f"the timeline of a {kind.name} run holds {wanted}s, not {got}s")
    save_session(
        path,
        kind.name,
        config,
        state=state,
        snapshots=snapshots,
        hidden_controls=hidden_controls,
        title=title,
        notes=notes,
        language=language,
    )
