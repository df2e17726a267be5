"""What the GUI and the trainer say to each other, whatever carries it (a queue in a QThread or a pipe to a child).

Both sides import these two Enums: a command or message kind that is not listed here cannot be sent. Questions a
view asks about the current networks (decode these z, find the nearest training images, ...) all travel as one ASK
command naming the trainer's question; a new kind of run adds questions by naming them in its trainer's ANSWERS.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar


class CommandKind(StrEnum):
    """From the GUI to the trainer."""

    PLAY = "play"
    PAUSE = "pause"
    STEP = "step"  # one iteration of Algorithm 1
    STEP_D = "step_d"
    STEP_G = "step_g"
    SPEED = "speed"  # value: iterations (narrated: sub-steps) per second, or None for flat out
    NARRATE = "narrate"  # value: bool
    CONFIGURE = "configure"  # value: settings that apply live (the loop restarts the run if they cannot)
    RESET = "reset"  # value: settings, or None for the same ones
    ACK = "ack"  # the last snapshot was drawn: the next may be sent
    STOP = "stop"
    RUN = "run"  # value: play exactly N iterations, then pause
    STATE = "state"  # value: a request number; the answer is a STATE message (for a session file)
    RESTORE = "restore"  # value: a session file's path
    ASK = "ask"  # value: a Question


class MessageKind(StrEnum):
    """From the trainer to the GUI."""

    SNAPSHOT = "snapshot"  # payload: the kind's snapshot; answer with ACK once drawn
    RUN = "run"  # payload: facts fixed for the run (after each start, reset or restore), or nothing
    ANSWER = "answer"  # payload: an Answer
    STATE = "state"  # payload: a TrainerState
    NOTICE = "notice"  # payload: a sentence for the status bar
    DIVERGED = "diverged"  # payload: a Problem
    ERROR = "error"  # payload: a Problem


@dataclass(frozen=True)
class Command:
    """name: a CommandKind; any other name reaches the loop, which reports it as an unknown command."""

    name: CommandKind | str
    value: Any = None

    def __post_init__(self) -> None:
        if self.name in CommandKind.__members__.values():
            object.__setattr__(self, "name", CommandKind(self.name))


@dataclass(frozen=True)
class Message:
    kind: MessageKind
    payload: Any
    generation: int = 0  # which run it belongs to: each reset or restore starts a new one (see TrainingLoop)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", MessageKind(self.kind))


@dataclass(frozen=True)
class Question:
    """A view's question about the current networks. name: a key of the trainer's ANSWERS; request: the asker's
    number (older answers are dropped); generation: the run it was asked about (questions about a replaced run are
    dropped: their z may not even fit the new G)."""

    name: str
    request: int
    payload: Any
    generation: int


@dataclass(frozen=True)
class Answer:
    name: str
    value: Any


@dataclass(frozen=True)
class TrainerState:
    """The answer to STATE: everything a session file needs from the trainer (the GUI adds the run's record):
    ganlab.app.sessions.write_session(path, config, state, ...)."""

    request: int
    config: Any  # the run's settings
    state: Any  # the trainer's state_dict(): a ganlab.core.trainer_state.TrainerState


@dataclass(frozen=True)
class Problem:
    """Why training stopped, as data: the GUI words it in the user's language; str() is the English sentence.

    kind: 'diverged' (detail: the statistic that went non-finite), 'command' (a command failed), 'training'
    (a step raised), 'start' (the trainer could not be built).
    """

    kind: str
    detail: str
    iteration: int = 0
    back_to: int = 0  # 'diverged': the healthy iteration the run went back to
    command: str = ""  # 'command': which one

    TEMPLATES: ClassVar[dict[str, str]] = {
        "diverged": "Training diverged near iteration {iteration} ({detail}). Paused and went back to iteration "
        "{back_to}, the last healthy state. Lower the learning rates or press Reset.",
        "command": "{command} failed: {detail}",
        "training": "Training stopped at iteration {iteration}: {detail}",
        "start": "The trainer could not start: {detail}",
    }

    def __str__(self) -> str:
        return self.TEMPLATES[self.kind].format(**self.__dict__)
