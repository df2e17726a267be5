"""Applying an opened session to a trainer: its trained state, through the trainer's load_state_dict(). No Qt here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ganlab.core.adversarial import AlgorithmOne
from ganlab.data.session.schema import WEIGHTS, SessionFileError

if TYPE_CHECKING:
    from ganlab.data.session.read import SessionFile


def restore_into(session: SessionFile, trainer: AlgorithmOne) -> tuple[str, ...]:
    """Load the session's weights, optimiser and random states, counters and losses into a trainer built from
    session.config (a fresh one, or one to send back to this state).

    The trainer checks every name, shape, dtype and type before it changes anything: a SessionFileError naming the
    file and the problem leaves it as it was. Returns notes on what could not come back exactly (a GPU random stream
    opened on a CPU starts afresh, ...); empty when the restore is exact.
    """
    if session.state is None:
        raise SessionFileError(f"{session.path}: holds no trained state to restore (a configuration only)")
    config = getattr(trainer, "config", None)
    if type(config) is not type(session.config) or config != session.config:
        raise SessionFileError(f"{session.path}: the trainer was not built from this session's configuration")
    try:
        return trainer.load_state_dict(session.state, source=WEIGHTS)
    except ValueError as exc:
        raise SessionFileError(f"{session.path}: {exc}") from None
