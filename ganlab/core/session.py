"""The training loop behind the app, independent of how commands arrive and snapshots leave.

The same TrainingSession runs in a QThread (commands through a queue.Queue, snapshots through a Qt signal) or in a
child process (both through pipes). It trains flat out while playing, publishes a snapshot by wall clock, and never
has more than one snapshot in flight: after publishing it waits for an "ack" before publishing again, and keeps
training meanwhile, so a slow display never piles up work or slows the trainer.
"""

from __future__ import annotations

import dataclasses
import os
import queue
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any, ClassVar

import torch

from ganlab.config import RunConfig, Settings
from ganlab.core.adversarial import AlgorithmOne
from ganlab.core.image_trainer import ImageConfig, ImageTrainer
from ganlab.core.trainer import Trainer, resolve_device

POLL_INTERVAL = 0.002  # seconds between looks for commands while playing
CHECKPOINT_INTERVAL = 0.25  # seconds between saved healthy states (a divergence goes back at most this far)


@dataclass(frozen=True)
class Command:
    """From the GUI to the trainer. name is one of TrainingSession's handler names."""

    name: str
    value: Any = None


@dataclass(frozen=True)
class Message:
    """From the trainer to the GUI.

    kind: 'snapshot' (a Snapshot or ImageSnapshot), 'run' (an image run's fixed facts, after each start or reset),
    'decoded' / 'nearest' (answers to the latent and Figure 2 panels), 'state' (request, config, tensors, training:
    for a session file), 'notice' (a sentence for the status bar), 'diverged' or 'error' (a Problem to show).
    """

    kind: str
    payload: Any
    generation: int = 0  # which run it belongs to: each reset or restore starts a new one (see TrainingSession)


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


Receive = Callable[[float | None], Iterable[Command]]  # timeout (None: block) -> the commands that arrived

# One trainer per kind of run; a reset may switch kinds (a 1-D preset, then digits).
TRAINERS: dict[type[Settings], type[AlgorithmOne]] = {RunConfig: Trainer, ImageConfig: ImageTrainer}
CONFIG_KINDS: dict[str, type[Settings]] = {"1d": RunConfig, "image": ImageConfig}


def make_trainer(config: Settings, device: torch.device) -> AlgorithmOne:
    trainer_class = TRAINERS.get(type(config))
    if trainer_class is None:
        raise TypeError(f"no trainer for {type(config).__name__}")
    return trainer_class(config, device)


def config_kind(config: Settings) -> str:
    return next(kind for kind, cls in CONFIG_KINDS.items() if isinstance(config, cls))


class TrainingSession:
    def __init__(
        self,
        config: Settings,
        device: str,
        publish: Callable[[Message], None],
        frame_interval: float | None = None,
    ) -> None:
        self.device = resolve_device(device)
        self._send = publish
        # Every reset or restore command starts a new generation, counted the same way by the client as it sends
        # them: the client drops what an older run still had on its way (a frame, run facts, an answer).
        self.generation = 0
        self.fixed_frame_interval = frame_interval  # None: the trainer's own rate (60/s for 1-D, 10/s for images)
        self.trainer = make_trainer(config, self.device)
        self.playing = False
        self.running = True
        self.credit = True  # may publish: the GUI has acknowledged the last snapshot
        self.dirty = True  # the state changed since the last snapshot
        self.last_publish = -float("inf")
        self.last_checkpoint = -float("inf")
        self.speed: float | None = None  # iterations (or narrated sub-steps) per second; None: flat out
        self.narrate = False  # while playing, advance one D or G sub-step at a time and publish each
        self.next_due = 0.0
        self.pending: list[str] = []  # sub-steps left in the current narrated iteration
        self.phase = "start"  # what the next snapshot shows just happened
        self.stop_at: int | None = None  # "run N": pause when the iteration count reaches this
        self._last_good = self.trainer.checkpoint()
        self._handlers: dict[str, Callable[[Any], None]] = {
            "play": self._play,
            "pause": self._pause,
            "step": lambda _: self._train(self._finish_iteration, "iteration"),
            "step_d": lambda _: self._train(self.trainer.step_d, "d"),
            "step_g": lambda _: self._train(self.trainer.step_g, "g"),
            "speed": self._set_speed,
            "narrate": lambda value: setattr(self, "narrate", bool(value)),
            "configure": self._configure,
            "reset": self._reset_command,
            "ack": lambda _: setattr(self, "credit", True),
            "stop": lambda _: setattr(self, "running", False),
            "run": self._run_for,
            "state": self._send_state,
            "restore": self._restore,
            "decode": lambda request: self._answer("decoded", "answer_decode", request),
            "nearest": lambda request: self._answer("nearest", "answer_nearest", request),
        }
        self._publish_run_info()

    def publish(self, message: Message) -> None:
        self._send(dataclasses.replace(message, generation=self.generation))

    @property
    def frame_interval(self) -> float:
        fixed = self.fixed_frame_interval
        return self.trainer.frame_interval if fixed is None else fixed

    def _publish_run_info(self) -> None:
        info = self.trainer.run_info()
        if info is not None:
            self.publish(Message("run", info))

    def _send_state(self, request: int) -> None:
        """Everything a session file needs from the trainer (saved by the GUI, which also holds the timeline)."""
        from ganlab.data.session_file import trainer_state  # the file format lives in the data layer

        tensors, training = trainer_state(self.trainer)
        self.publish(Message("state", (request, self.trainer.config, tensors, training)))

    def _restore(self, path: str) -> None:
        """Start again from a session file's trained state (its configuration, weights, optimisers, random streams)."""
        from ganlab.data.session_file import load_session

        self.generation += 1  # first: even a restore that fails must not leave the client waiting for it
        saved = load_session(path)
        trainer = make_trainer(saved.config, self.device)
        notes = saved.restore_into(trainer)  # checks everything before it changes the new trainer
        self.trainer = trainer
        for note in notes:
            self.publish(Message("notice", note))
        self._publish_run_info()
        self.pending = []
        self.phase = "restored"
        self._last_good = self.trainer.checkpoint()
        self.playing = False
        self.stop_at = None
        self.dirty = True

    def _answer(self, kind: str, method: str, request: Any) -> None:
        """A question from a panel about the current networks (decode these z, find nearest images): answered now,
        between two training steps, without spending the snapshot credit. request: (number, question, generation);
        a question asked about an earlier run is dropped (its z may not even fit the new G)."""
        *question, generation = request
        if generation != self.generation:
            return
        answer = getattr(self.trainer, method, None)
        if answer is None:
            raise ValueError(f"a {type(self.trainer).__name__} cannot answer {kind!r} requests")
        self.publish(Message(kind, answer(tuple(question))))

    # ---- commands
    def handle(self, command: Command) -> None:
        handler = self._handlers.get(command.name)
        if handler is None:
            self.publish(Message("error", Problem("command", "unknown command", command=command.name)))
            return
        try:
            handler(command.value)
        except Exception as exc:  # keep the trainer alive; the GUI shows the sentence
            self.publish(Message("error", Problem("command", str(exc), command=command.name)))

    def _play(self, _: Any) -> None:
        self.playing = True
        self.stop_at = None
        self.next_due = time.monotonic()

    def _run_for(self, iterations: int) -> None:
        """Play exactly `iterations` more iterations, then pause (a lesson's "run 300")."""
        if not (isinstance(iterations, int) and iterations > 0):
            raise ValueError(f"run needs a positive whole number of iterations (got {iterations!r})")
        self._play(None)
        self.stop_at = self.trainer.iteration + iterations

    def _pause(self, _: Any) -> None:
        self.playing = False
        self.stop_at = None
        self.dirty = True

    def _set_speed(self, speed: float | None) -> None:
        if speed is not None and not speed > 0:
            raise ValueError(f"speed must be a positive number of steps per second or None (got {speed!r})")
        self.speed = speed
        self.next_due = time.monotonic()

    def _train(self, step: Callable[[], None], phase: str) -> None:
        step()
        self.phase = phase
        self.dirty = True

    def _finish_iteration(self) -> None:
        """Complete the iteration a narrated run was in the middle of, or run a whole one."""
        if not self.pending:
            self.pending = self.trainer.plan_iteration()
        while self.pending:
            if not self.running:  # a stop request from the GUI thread: leave mid-iteration (a 10k-step head start)
                return
            self.trainer.sub_step(self.pending.pop(0))
        self.trainer.iteration += 1

    def _advance(self) -> None:
        """One unit of play: a whole iteration, or (narrated) one D or G sub-step."""
        if not self.narrate:
            self._train(self._finish_iteration, "play")
            return
        if not self.pending:
            self.pending = self.trainer.plan_iteration()
        which = self.pending.pop(0)
        self.trainer.sub_step(which)
        if not self.pending:
            self.trainer.iteration += 1
        self.phase = which
        self.dirty = True

    def _configure(self, config: Settings) -> None:
        """Live settings apply at once; settings that rebuild the networks start the run again (paused)."""
        if type(config) is not type(self.trainer.config) or self.trainer.config.needs_reset(config):
            self._reset(config)
        else:
            self.trainer.apply(config)
            # A divergence must never restore optimiser state from before this change into the new optimiser.
            self._last_good = self.trainer.checkpoint()
            self.phase = "settings"  # nothing stepped: no caption, no highlighted curve
            self.dirty = True

    def _reset_command(self, config: Settings | None) -> None:
        self.generation += 1  # first: even a reset that fails must not leave the client waiting for it
        self._reset(config)

    def _reset(self, config: Settings | None) -> None:
        self.trainer = make_trainer(config or self.trainer.config, self.device)
        self._publish_run_info()
        self.pending = []
        self.phase = "start"
        self._last_good = self.trainer.checkpoint()
        self.playing = False
        self.stop_at = None
        self.dirty = True

    def request_stop(self) -> None:
        """Thread-safe: end the loop at the next sub-step, even in the middle of a long iteration."""
        self.running = False

    # ---- loop
    def run(self, receive: Receive) -> None:
        last_poll = -float("inf")
        while self.running:
            now = time.monotonic()
            idle = not self.playing and not (self.dirty and self.credit)
            timeout: float | None = None if idle else 0.0
            throttled = self.playing and self.speed is not None and now < self.next_due
            if throttled and not (self.dirty and self.credit):
                timeout = self.next_due - now  # slow motion: sleep until the next step is due
            # While playing flat out, look for commands every POLL_INTERVAL rather than every iteration: a pipe
            # poll costs a system call, and 2 ms is still far below what a person can notice.
            if timeout != 0.0 or not self.playing or throttled or now - last_poll >= POLL_INTERVAL:
                last_poll = now
                for command in receive(timeout):
                    self.handle(command)
                if not self.running:
                    break
            try:
                now = time.monotonic()
                if self.playing and (self.speed is None or now >= self.next_due):
                    self._advance()
                    if self.stop_at is not None and self.trainer.iteration >= self.stop_at and not self.pending:
                        self._pause(None)
                        self.phase = "run_end"  # tells the GUI that "run N" is done
                    if self.speed is not None:
                        self.next_due = max(self.next_due + 1.0 / self.speed, now)
                self.publish_if_due()
            except Exception as exc:  # never let the trainer die silently behind a frozen picture
                self.playing = False
                self.dirty = False
                self.publish(Message("error", Problem("training", str(exc), iteration=self.trainer.iteration)))

    def publish_if_due(self) -> None:
        if not (self.dirty and self.credit):
            return
        now = time.monotonic()
        flat_out = self.playing and self.speed is None
        if flat_out and now - self.last_publish < self.frame_interval:
            return
        problem = self.trainer.divergence()
        message = None
        if problem is not None:
            iteration = self.trainer.iteration
            self.trainer.restore(self._last_good)
            self.pending = []
            self.playing = False
            message = Message("diverged", Problem("diverged", problem, iteration, self.trainer.iteration))
        elif not self.playing or now - self.last_checkpoint >= CHECKPOINT_INTERVAL:
            self._last_good = self.trainer.checkpoint()
            self.last_checkpoint = now
        snapshot = self.trainer.snapshot(self.phase)  # built first: if it fails, no credit is spent on it
        if message is not None:
            self.publish(message)
        self.credit = False
        self.dirty = False
        self.last_publish = now
        self.publish(Message("snapshot", snapshot))


def queue_receiver(commands: queue.Queue) -> Receive:
    def receive(timeout: float | None) -> list[Command]:
        try:
            first = commands.get(timeout=timeout) if timeout is None or timeout > 0 else commands.get_nowait()
        except queue.Empty:
            return []
        items = [first]
        while True:
            try:
                items.append(commands.get_nowait())
            except queue.Empty:
                return items

    return receive


def pipe_receiver(commands: Connection) -> Receive:
    def receive(timeout: float | None) -> list[Command]:
        items = []
        try:
            if commands.poll(timeout):
                items.append(commands.recv())
                while commands.poll():
                    items.append(commands.recv())
        except (EOFError, OSError):  # the GUI went away: stop
            items.append(Command("stop"))
        return items

    return receive


def serve_in_process(commands: Connection, messages: Connection, kind: str, config_json: str, device: str) -> None:
    """Entry point of the child-process trainer (spawned: it imports no Qt). kind: a CONFIG_KINDS key."""
    torch.set_num_threads(1)  # small nets: the default pool thrashes on 2 cores beside the GUI

    def publish(message: Message) -> None:
        try:
            messages.send(message)
        except (BrokenPipeError, OSError):
            session.running = False

    try:
        session = TrainingSession(CONFIG_KINDS[kind].from_json(config_json), device, publish)
    except Exception as exc:  # a bad device or config: tell the GUI instead of dying silently
        messages.send(Message("error", Problem("start", str(exc))))
        return
    session.run(pipe_receiver(commands))
    messages.close()
    # Skip the interpreter's teardown (unloading torch takes ~1 s): nothing is left to flush, and the window that
    # is closing waits for this process to end.
    os._exit(0)
