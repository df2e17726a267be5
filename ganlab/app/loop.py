"""The training loop behind the app, independent of how commands arrive and snapshots leave.

The same TrainingLoop runs in a QThread (commands through a queue.Queue, snapshots through a Qt signal) or in a
child process (both through pipes). It trains flat out while playing, publishes a snapshot by wall clock, and never
has more than one snapshot in flight: after publishing it waits for an ACK before publishing again, and keeps
training meanwhile, so a slow display never piles up work or slows the trainer. It knows kinds of run only through
the run-kinds table.
"""

from __future__ import annotations

import dataclasses
import os
import queue
import time
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from typing import Any

import torch

from ganlab.app.kinds import RUN_KINDS, kind_of, restarts
from ganlab.app.protocol import Answer, Command, CommandKind, Message, MessageKind, Problem, Question, TrainerState
from ganlab.app.sessions import read_session
from ganlab.core.adversarial import AlgorithmOne
from ganlab.core.settings import Settings
from ganlab.core.trainer import resolve_device

POLL_INTERVAL = 0.002  # seconds between looks for commands while playing
CHECKPOINT_INTERVAL = 0.25  # seconds between saved healthy states (a divergence goes back at most this far)


Receive = Callable[[float | None], Iterable[Command]]  # timeout (None: block) -> the commands that arrived


def make_trainer(config: Settings, device: torch.device) -> AlgorithmOne:
    """A new trainer for these settings, by the row of their kind."""
    return kind_of(config).make_trainer(config, device)


class TrainingLoop:
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
        self._handlers: dict[CommandKind, Callable[[Any], None]] = {
            CommandKind.PLAY: self._play,
            CommandKind.PAUSE: self._pause,
            CommandKind.STEP: lambda _: self._train(self._finish_iteration, "iteration"),
            CommandKind.STEP_D: lambda _: self._train(self.trainer.step_d, "d"),
            CommandKind.STEP_G: lambda _: self._train(self.trainer.step_g, "g"),
            CommandKind.SPEED: self._set_speed,
            CommandKind.NARRATE: lambda value: setattr(self, "narrate", bool(value)),
            CommandKind.CONFIGURE: self._configure,
            CommandKind.RESET: self._reset_command,
            CommandKind.ACK: lambda _: setattr(self, "credit", True),
            CommandKind.STOP: lambda _: setattr(self, "running", False),
            CommandKind.RUN: self._run_for,
            CommandKind.STATE: self._send_state,
            CommandKind.RESTORE: self._restore,
            CommandKind.ASK: self._answer,
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
            self.publish(Message(MessageKind.RUN, info))

    def _send_state(self, request: int) -> None:
        """Everything a session file needs from the trainer (saved by the GUI, which also holds the timeline)."""
        state = TrainerState(request, self.trainer.config, self.trainer.state_dict())
        self.publish(Message(MessageKind.STATE, state))

    def _restore(self, path: str) -> None:
        """Start again from a session file's trained state (its configuration, weights, optimisers, random streams)."""
        self.generation += 1  # first: even a restore that fails must not leave the client waiting for it
        saved = read_session(path)
        trainer = make_trainer(saved.config, self.device)
        notes = saved.restore_into(trainer)  # checks everything before it changes the new trainer
        for note in notes:
            self.publish(Message(MessageKind.NOTICE, note))
        self._start(trainer, "restored")

    def _answer(self, question: Question) -> None:
        """A view's question about the current networks (decode these z, find nearest images, ...): answered now,
        between two training steps, without spending the snapshot credit. A question asked about an earlier run is
        dropped (its z may not even fit the new G)."""
        if question.generation != self.generation:
            return
        method = getattr(self.trainer, "ANSWERS", {}).get(question.name)
        if method is None:
            raise ValueError(f"a {type(self.trainer).__name__} cannot answer {question.name!r} questions")
        answer = getattr(self.trainer, method)((question.request, question.payload))
        self.publish(Message(MessageKind.ANSWER, Answer(question.name, answer)))

    # ---- commands
    def handle(self, command: Command) -> None:
        handler = self._handlers.get(command.name)
        if handler is None:
            self.publish(Message(MessageKind.ERROR, Problem("command", "unknown command", command=str(command.name))))
            return
        try:
            handler(command.value)
        except Exception as exc:  # keep the trainer alive; the GUI shows the sentence
            self.publish(Message(MessageKind.ERROR, Problem("command", str(exc), command=command.name)))

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
        if restarts(self.trainer.config, config):  # the controller restarts first; this guards other callers
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
        self._start(make_trainer(config or self.trainer.config, self.device), "start")

    def _start(self, trainer: AlgorithmOne, phase: str) -> None:
        """A new run (reset or restore) begins, paused, with this trainer; its first snapshot says `phase`."""
        self.trainer = trainer
        self._publish_run_info()
        self.pending = []
        self.phase = phase
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
                self.publish(
                    Message(MessageKind.ERROR, Problem("training", str(exc), iteration=self.trainer.iteration))
                )

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
            message = Message(MessageKind.DIVERGED, Problem("diverged", problem, iteration, self.trainer.iteration))
        elif not self.playing or now - self.last_checkpoint >= CHECKPOINT_INTERVAL:
            self._last_good = self.trainer.checkpoint()
            self.last_checkpoint = now
        snapshot = self.trainer.snapshot(self.phase)  # built first: if it fails, no credit is spent on it
        if message is not None:
            self.publish(message)
        self.credit = False
        self.dirty = False
        self.last_publish = now
        self.publish(Message(MessageKind.SNAPSHOT, snapshot))


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
            items.append(Command(CommandKind.STOP))
        return items

    return receive


def serve_in_process(commands: Connection, messages: Connection, kind: str, config_json: str, device: str) -> None:
    """Entry point of the child-process trainer (spawned: it imports no Qt). kind: a RUN_KINDS key."""
    torch.set_num_threads(1)  # small nets: the default pool thrashes on 2 cores beside the GUI

    def publish(message: Message) -> None:
        try:
            messages.send(message)
        except (BrokenPipeError, OSError):
            session.running = False

    try:
        session = TrainingLoop(RUN_KINDS[kind].config_class.from_json(config_json), device, publish)
    except Exception as exc:  # a bad device or config: tell the GUI instead of dying silently
        messages.send(Message(MessageKind.ERROR, Problem("start", str(exc))))
        return
    session.run(pipe_receiver(commands))
    messages.close()
    # Skip the interpreter's teardown (unloading torch takes ~1 s): nothing is left to flush, and the window that
    # is closing waits for this process to end.
    os._exit(0)
