"""Clients that run a TrainingLoop off the GUI thread: in a QThread, or in a spawned child process.

Both speak the same protocol (ganlab.app.loop.Command / Message) and emit the same signals on a QObject that
lives in the GUI thread, so panels never know which transport is behind them.
"""

from __future__ import annotations

import multiprocessing
import queue
import time

import torch
from PySide6.QtCore import QObject, QSocketNotifier, QThread, Signal, Slot

from ganlab.app.kinds import kind_of
from ganlab.app.loop import TrainingLoop, queue_receiver, serve_in_process
from ganlab.app.protocol import Command, CommandKind, Message, MessageKind, Problem, Question
from ganlab.core.settings import Settings

STOP_TIMEOUT_S = 2.0


class TrainerClient(QObject):
    """The GUI's handle on the trainer. Signals are emitted in the GUI thread."""

    snapshot_ready = Signal(object)  # the kind's snapshot; answer with ack() once drawn
    run_started = Signal(object)  # the run's fixed facts (or None), after each start, reset or restore
    answered = Signal(object)  # an Answer to ask()
    state_ready = Signal(object)  # a TrainerState, the answer to request_state()
    notice = Signal(str)  # something worth a line in the status bar (a restore that was not exact)
    diverged = Signal(object)  # a Problem (str() gives the English sentence)
    failed = Signal(object)  # a Problem, or a sentence
    _relay = Signal(object)  # Message from the worker thread -> _dispatch in the GUI thread

    transport = ""

    def __init__(self, config: Settings, device: str = "auto", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.config = config
        self.device = device
        self._stopping = False
        self._reported_failure = False
        self.generation = 0  # resets and restores sent, counted as the loop counts them (Message.generation)
        self._relay.connect(self._dispatch)
        self._signals = {
            MessageKind.SNAPSHOT: self.snapshot_ready,
            MessageKind.RUN: self.run_started,
            MessageKind.ANSWER: self.answered,
            MessageKind.STATE: self.state_ready,
            MessageKind.NOTICE: self.notice,
            MessageKind.DIVERGED: self.diverged,
            MessageKind.ERROR: self.failed,
        }

    # ---- commands (each transport defines send(command), start(), stop() and is_running())
    def play(self) -> None:
        self.send(Command(CommandKind.PLAY))

    def pause(self) -> None:
        self.send(Command(CommandKind.PAUSE))

    def step(self, which: CommandKind = CommandKind.STEP) -> None:
        """which: STEP (one iteration of Algorithm 1), STEP_D or STEP_G."""
        self.send(Command(which))

    def run_iterations(self, count: int) -> None:
        """Play exactly `count` iterations, then pause (the last frame has phase "run_end")."""
        self.send(Command(CommandKind.RUN, count))

    def configure(self, config: Settings) -> None:
        self.config = config
        self.send(Command(CommandKind.CONFIGURE, config))

    def reset(self, config: Settings | None = None) -> None:
        if config is not None:
            self.config = config
        self.generation += 1
        self.send(Command(CommandKind.RESET, config))

    def set_speed(self, speed: float | None, narrate: bool = False) -> None:
        """speed: iterations (narrated: D or G sub-steps) per second, None for flat out."""
        self.send(Command(CommandKind.NARRATE, narrate))
        self.send(Command(CommandKind.SPEED, speed))

    def ack(self) -> None:
        self.send(Command(CommandKind.ACK))

    def ask(self, name: str, request: int, payload: object) -> None:
        """Ask the trainer a question about the current run (see protocol.Question); the answer comes as answered."""
        self.send(Command(CommandKind.ASK, Question(name, request, payload, self.generation)))

    def request_state(self, request: int) -> None:
        """Ask for the trainer's state (to save a session); the answer comes as state_ready."""
        self.send(Command(CommandKind.STATE, request))

    def restore(self, path: str, config: Settings) -> None:
        """Continue from a session file's trained state (the trainer reads and checks the file itself); config: the
        file's settings, which the run has from now on."""
        self.config = config
        self.generation += 1
        self.send(Command(CommandKind.RESTORE, path))

    @Slot(object)
    def _dispatch(self, message: Message) -> None:
        if self._stopping:
            return
        if message.generation < self.generation and message.kind != MessageKind.STATE:
            # From a run that a reset or restore has since replaced. A frame still needs its ack, or the trainer
            # would wait for one forever; a saved state is still what the user asked for.
            if message.kind == MessageKind.SNAPSHOT:
                self.ack()
            return
        self._reported_failure |= message.kind == MessageKind.ERROR
        self._signals[message.kind].emit(message.payload)


class _SessionThread(QThread):
    def __init__(self, client: ThreadTrainerClient) -> None:
        super().__init__()
        self.client = client
        self.session: TrainingLoop | None = None

    def run(self) -> None:
        torch.set_num_threads(1)
        client = self.client
        try:
            session = TrainingLoop(client.config, client.device, client._relay.emit)
        except Exception as exc:
            client._relay.emit(Message(MessageKind.ERROR, Problem("start", str(exc))))
            return
        self.session = session
        if client._stopping:  # closed while the networks were being built
            return
        session.run(queue_receiver(client.commands))


class ThreadTrainerClient(TrainerClient):
    transport = "thread"

    def __init__(self, config: Settings, device: str = "auto", parent: QObject | None = None) -> None:
        super().__init__(config, device, parent)
        self.commands: queue.Queue[Command] = queue.Queue()
        self._thread = _SessionThread(self)

    def start(self) -> None:
        self._thread.start()

    def send(self, command: Command) -> None:
        self.commands.put(command)

    def stop(self) -> bool:
        """Ask the loop to end and wait; True when the thread has finished."""
        self._stopping = True
        self.commands.put(Command(CommandKind.STOP))
        session = self._thread.session
        if session is not None:
            session.request_stop()  # also ends a long iteration between two sub-steps
        if self._thread.wait(int(STOP_TIMEOUT_S * 1000)):
            return True
        # One sub-step can still be running (a huge batch): a QThread destroyed while running aborts the app.
        return self._thread.wait()

    def is_running(self) -> bool:
        return self._thread.isRunning()


class ProcessTrainerClient(TrainerClient):
    transport = "process"

    def __init__(self, config: Settings, device: str = "auto", parent: QObject | None = None) -> None:
        super().__init__(config, device, parent)
        context = multiprocessing.get_context("spawn")  # fork would copy the Qt state
        self._commands_in, self._commands = context.Pipe(duplex=False)
        self._messages, self._messages_out = context.Pipe(duplex=False)
        self._process = context.Process(
            target=serve_in_process,
            args=(self._commands_in, self._messages_out, kind_of(config).name, config.to_json(), device),
            name="ganlab-trainer",
            daemon=True,
        )
        self._notifier: QSocketNotifier | None = None

    def start(self) -> None:
        self._process.start()
        self._commands_in.close()  # the child holds its own copies of these ends
        self._messages_out.close()
        self._notifier = QSocketNotifier(self._messages.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._read_messages)

    def send(self, command: Command) -> None:
        if self._stopping:
            return
        try:
            self._commands.send(command)
        except (BrokenPipeError, OSError):
            self._lost()

    @Slot()
    def _read_messages(self) -> None:
        try:
            while self._messages.poll():
                self._dispatch(self._messages.recv())
        except (EOFError, OSError):
            self._lost()

    def _lost(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        if not self._stopping:
            self._stopping = True
            if not self._reported_failure:  # the child already said why (e.g. no CUDA): keep its words
                self.failed.emit("The trainer process ended unexpectedly. Press Reset or restart ganlab.")

    def stop(self) -> bool:
        self._stopping = True
        if self._notifier is not None:
            self._notifier.setEnabled(False)
        if self._process.is_alive():
            try:
                self._commands.send(Command(CommandKind.STOP))
            except (BrokenPipeError, OSError):
                pass
            # Keep reading while waiting: a child blocked sending a frame larger than the pipe's buffer (an image
            # run's 64 samples) would never read the stop command.
            deadline = time.monotonic() + STOP_TIMEOUT_S
            while self._process.is_alive() and time.monotonic() < deadline:
                try:
                    while self._messages.poll(0.01):
                        self._messages.recv()
                except (EOFError, OSError):
                    self._process.join(deadline - time.monotonic())
                    break
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(STOP_TIMEOUT_S)
        for end in (self._commands, self._messages):
            end.close()
        return not self._process.is_alive()

    def is_running(self) -> bool:
        return self._process.is_alive()


CLIENTS: dict[str, type[TrainerClient]] = {
    client.transport: client for client in (ProcessTrainerClient, ThreadTrainerClient)
}


def make_client(transport: str, config: Settings, device: str = "auto", parent: QObject | None = None) -> TrainerClient:
    if transport not in CLIENTS:
        raise ValueError(f"transport must be one of {', '.join(CLIENTS)} (got {transport!r})")
    return CLIENTS[transport](config, device, parent)
