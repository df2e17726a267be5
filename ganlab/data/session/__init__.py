"""Session files (.ganlab): the exact state of a run, saved to disk and opened again. No Qt here.

A session file is a ZIP container:

    session.json          always: format marker, schema_version, app_version, kind (a RunKind's name: "1d", "image",
                          ...), the run's settings (config.to_dict()), title, notes, language, hidden_controls, the
                          members below with their sizes, with weights the JSON part of the trainer's state
                          ("training": counters, optimisers, random streams), and with a timeline its layout
    weights.safetensors   optional: the tensors of the trainer's state_dict() (ganlab.core.trainer_state.TrainerState)
    timeline.safetensors  optional: snapshots of the kind's snapshot type (see timeline.py)

The modules by role: schema (constants, limits, checks of session.json), write (save_session), read (load_session),
restore (a loaded session into a trainer), timeline (snapshots as arrays). The data layer knows no kinds of run: the
caller names the kind when saving and lists the kinds it knows when opening (ganlab.app.sessions binds both to the
run-kinds table). SessionFileError is the only error a caller sees for a file, and its message names the file.
"""

from ganlab.data.session.read import SessionFile, load_session
from ganlab.data.session.schema import (
    SESSION_JSON,
    SESSION_SCHEMA_VERSION,
    SUFFIX,
    TIMELINE,
    WEIGHTS,
    SessionFileError,
)
from ganlab.data.session.write import save_session

__all__ = [
    "SESSION_JSON",
    "SESSION_SCHEMA_VERSION",
    "SUFFIX",
    "TIMELINE",
    "WEIGHTS",
    "SessionFile",
    "SessionFileError",
    "load_session",
    "save_session",
]
