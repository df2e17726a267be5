"""The application controller: the run's state and every decision about it, with no widgets.

It owns the trainer client, the settings of each kind of run, play / speed / narration, the run's record (timeline
and series) and the requests in flight (saves, questions). It is the one place that decides whether a change of
settings applies live or restarts the run. Windows and views are built around it and only draw what it announces;
rebuilding the window (another language) keeps the controller and so the run, its record and its view state.
"""

from __future__ import annotations

import time
from collections import deque
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from ganlab.app.choices import DEFAULT_TRANSPORT, SPEEDS
from ganlab.app.kinds import ALL_PRESETS, PRESET_KINDS, RUN_KINDS, kind_of, restarts
from ganlab.app.protocol import CommandKind, Problem, TrainerState
from ganlab.app.record import RunRecord
from ganlab.app.run_kind import RunKind
from ganlab.app.sessions import SessionFile, write_session
from ganlab.core.settings import ConfigError, Settings
from ganlab.data.resources import resources_dir
from ganlab.qt.i18n import table_tr
from ganlab.qt.worker import TrainerClient, make_client


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # the window's words: one context for the translators


class RateMeter:
    """Iterations per second over the last ~2 s of snapshots."""

    def __init__(self, window_s: float = 2.0) -> None:
        self.window_s = window_s
        self.samples: deque[tuple[float, int]] = deque()

    def add(self, when: float, iteration: int) -> float:
        if self.samples and iteration < self.samples[-1][1]:
            self.samples.clear()  # a reset or an undo
        self.samples.append((when, iteration))
        while len(self.samples) > 2 and when - self.samples[0][0] > self.window_s:
            self.samples.popleft()
        (t0, i0), (t1, i1) = self.samples[0], self.samples[-1]
        return (i1 - i0) / (t1 - t0) if t1 > t0 else 0.0


class AppController(QObject):
    """Signals announce what changed; the window and the views redraw from the controller's state."""

    kind_changed = Signal(object)  # RunKind: the window shows that kind's view
    config_changed = Signal(object)  # the current kind's settings (controls show them without emitting edits)
    preset_changed = Signal(str)  # the preset the settings still are ("" once any setting changed)
    playing_changed = Signal(bool)
    speed_changed = Signal(int)  # an index into app.choices.SPEEDS
    snapshot_ready = Signal(object)  # a live snapshot, already recorded
    run_started = Signal(object)  # the run's fixed facts (or None), after each start, reset or restore
    run_cleared = Signal()  # a reset or restore: views forget the old run's drawings
    record_restored = Signal()  # the record was refilled (a session's timeline): views redraw from it
    answered = Signal(object)  # an Answer to ask()
    message = Signal(str, int)  # a line for the status bar, and how long it stays (ms; 0: until replaced)
    problem = Signal(str)  # why training stopped, in the interface's language (the window's banner)
    problem_cleared = Signal()
    warning = Signal(str, str)  # a title and a sentence for a dialog (a save that failed)
    live_requested = Signal()  # play, a step or a reset: views that show the past return to the present
    session_saved = Signal(str)  # its path (recent sessions)
    session_opened = Signal(object)  # the loaded session (hidden controls, title, ...)

    def __init__(self, preset: str, device: str = "auto", transport: str = DEFAULT_TRANSPORT) -> None:
        super().__init__()
        self.device = device
        self.transport = transport
        self.configs: dict[str, Settings] = {}  # kind name -> its settings (the other kinds' wait there)
        for kind in RUN_KINDS.values():
            self.configs[kind.name] = kind.presets[0].config if kind.presets else kind.config_class()
        first = ALL_PRESETS[preset]
        self.kind: RunKind = PRESET_KINDS[preset]
        self.configs[self.kind.name] = first.config
        self.preset_key = preset
        self.playing = False
        self.speed_index = 0
        self.running_n = False  # a lesson's "run N" is under way
        self.record = RunRecord(self.kind)
        self.records: dict[str, RunRecord] = {self.kind.name: self.record}
        self.snapshot: Any = None  # the newest live snapshot of the current kind (None right after a switch)
        self.meter = RateMeter()
        self.rate = 0.0
        self.hidden_controls: set[str] = set()
        self.view_states: dict[str, dict[str, Any]] = {}  # kind name -> what its view keeps across a rebuild
        self._requests = 0  # numbers of state requests: an answer names the save it is for
        self._pending_saves: dict[int, tuple[str, str]] = {}  # request -> (path, title)
        self.client: TrainerClient = self._start_client(first.config)
        if first.session:  # a preset that starts from trained networks: the trainer reads them itself
            self.client.restore(str(resources_dir() / first.session), first.config)

    # ---- what the views read
    @property
    def config(self) -> Settings:
        return self.configs[self.kind.name]

    @property
    def narrating(self) -> bool:
        return SPEEDS[self.speed_index].narrate

    def record_of(self, kind: RunKind) -> RunRecord:
        """Each kind's record, made on first use (its views are handed it once, at construction)."""
        if kind.name not in self.records:
            self.records[kind.name] = RunRecord(kind)
        return self.records[kind.name]

    def caption(self, phase: str) -> str | None:
        """What the last step did, in words, while stepping, paused or narrating (None while playing flat out)."""
        if self.playing and not self.narrating:
            return None
        caption = self.kind.captions.get(phase)
        return None if caption is None else table_tr(caption)

    # ---- the trainer
    def _start_client(self, config: Settings) -> TrainerClient:
        client = make_client(self.transport, config, self.device, self)
        client.snapshot_ready.connect(self._snapshot)
        client.run_started.connect(self.run_started)
        client.answered.connect(self.answered)
        client.state_ready.connect(self._write_session)
        client.notice.connect(lambda text: self.message.emit(text, 10000))
        client.diverged.connect(self._failed)
        client.failed.connect(self._failed)
        client.start()
        speed = SPEEDS[self.speed_index]
        client.set_speed(speed.per_second, speed.narrate)
        return client

    def _snapshot(self, snapshot: Any) -> None:
        try:
            if not isinstance(snapshot, self.kind.snapshot_type):
                return  # a frame from before a switch to another kind of run
            self.snapshot = snapshot
            self.record.add(snapshot)
            if self.running_n and snapshot.phase == "run_end":
                self.running_n = False  # the trainer paused itself after N iterations
                self._set_playing_state(False)
            self.rate = self.meter.add(snapshot.created, snapshot.iteration) if self.playing else 0.0
            self.snapshot_ready.emit(snapshot)
        finally:
            self.client.ack()  # whatever a view did, the trainer must be allowed to send the next one

    def _failed(self, problem: Problem | str) -> None:
        """A Problem from the trainer, worded in the interface's language (the detail is the trainer's own words)."""
        self.set_playing(False)
        if isinstance(problem, Problem) and problem.command == CommandKind.RESTORE:
            # The file's state did not fit (or its data set is gone): train its settings from new networks
            # instead, so that the trainer runs what the window shows.
            self.client.reset(self.config)
        if isinstance(problem, Problem):
            text = table_tr(Problem.TEMPLATES[problem.kind]).format(**problem.__dict__)
        else:
            text = str(problem)
        self.problem.emit(text)

    def stop(self) -> float:
        """Stop the trainer (closing the app); the seconds it took."""
        started = time.monotonic()
        self.client.stop()
        return time.monotonic() - started

    # ---- play, step, speed
    def _set_playing_state(self, playing: bool) -> None:
        self.playing = playing
        if not playing:
            self.running_n = False
        self.playing_changed.emit(playing)

    def set_playing(self, playing: bool) -> None:
        if playing and not self.client.is_running():
            playing = False  # nothing to play: the trainer has stopped
            self.problem.emit(_tr("The trainer is not running. Press Reset (R) to start a new one."))
        self._set_playing_state(playing)
        if playing:
            self.live_requested.emit()
            self.problem_cleared.emit()
            self.client.play()
        else:
            self.client.pause()

    def toggle_playing(self) -> None:
        self.set_playing(not self.playing)

    def step(self, which: CommandKind | str = CommandKind.STEP) -> None:
        self.live_requested.emit()
        if self.playing:
            self.set_playing(False)
        self.problem_cleared.emit()
        self.client.step(CommandKind(which))

    def run_iterations(self, count: int) -> None:
        """Play exactly `count` iterations, then pause (the trainer stops itself there)."""
        self.live_requested.emit()
        self.problem_cleared.emit()
        self._set_playing_state(True)
        self.running_n = True
        self.client.run_iterations(count)

    def set_speed(self, index: int) -> None:
        self.speed_index = index
        speed = SPEEDS[index]
        self.client.set_speed(speed.per_second, speed.narrate)
        self.speed_changed.emit(index)

    def set_speed_name(self, name: str) -> None:
        self.set_speed([speed.name for speed in SPEEDS].index(name))

    def next_speed(self) -> None:
        self.set_speed((self.speed_index + 1) % len(SPEEDS))
        self.message.emit(_tr("Speed: ") + table_tr(SPEEDS[self.speed_index].label), 3000)

    # ---- settings: the one place that decides "apply live or restart"
    def _switch_kind(self, kind: RunKind) -> None:
        if kind is self.kind:
            return
        self.kind = kind
        self.record = self.record_of(kind)
        self.snapshot = None
        self.kind_changed.emit(kind)

    def _show_config(self, config: Settings, preset: str) -> None:
        self.configs[kind_of(config).name] = config
        self.preset_key = preset
        self.config_changed.emit(config)
        self.preset_changed.emit(preset)

    def edit(self, config: Settings, restart: bool = False) -> None:
        """A change of settings from anywhere (a control, a key, a lesson): shown at once, then applied live or,
        for a setting that rebuilds the networks, by restarting the run. restart: start again even if the settings
        look the same (new data behind the same name: a file read again, a new drawing)."""
        restart = restart or restarts(self.client.config, config)
        self._switch_kind(kind_of(config))
        self._show_config(config, "")
        if restart:
            self.reset()
            self.message.emit(_tr("That setting rebuilds the networks: the run restarted."), 5000)
        else:
            self.client.configure(config)

    def set_setting(self, field: str, value: Any) -> bool:
        """`set FIELD VALUE` (a lesson, a key): through edit(), as editing the control would."""
        try:
            config = self.config.replace(**{field: value})
        except (ConfigError, TypeError) as exc:
            self.message.emit(_tr("This run has no setting {f}: {e}").format(f=field, e=exc), 8000)
            return False
        self.edit(config)
        return True

    def reset(self, restore_from: str | None = None) -> None:
        """Start the run again from new networks, or (restore_from) from a session file's trained state."""
        self.set_playing(False)
        self.live_requested.emit()
        self.problem_cleared.emit()
        self.record.clear()  # the newest snapshot stays until the new run's first one replaces it
        self.run_cleared.emit()
        if not self.client.is_running():  # the trainer died: start a fresh one
            self.client.stop()
            self.client.deleteLater()
            self.client = self._start_client(self.config)
            if restore_from is not None:
                self.client.restore(restore_from, self.config)
        elif restore_from is None:
            self.client.reset(self.config)
        else:
            # Frames of the run being replaced may still be on their way: the client drops them (generations).
            self.client.restore(restore_from, self.config)

    def load_preset(self, key: str) -> None:
        preset = ALL_PRESETS[key]
        self._switch_kind(PRESET_KINDS[key])
        self._show_config(preset.config, key)
        self.reset(restore_from=str(resources_dir() / preset.session) if preset.session else None)
        self.message.emit(_tr("Preset loaded: ") + table_tr(preset.title), 4000)

    # ---- questions about the current networks
    def ask(self, name: str, request: int, payload: Any) -> None:
        """Ask the trainer about the current run (see protocol.Question); the Answer comes through `answered`.
        request: the asker's own number, to tell its newest answer from older ones."""
        self.client.ask(name, request, payload)

    # ---- sessions
    def save_session_to(self, path: str, title: str = "") -> None:
        """Ask the trainer for its state; the file is written when the answer arrives."""
        self._requests += 1
        self._pending_saves[self._requests] = (path, title)
        self.client.request_state(self._requests)
        self.message.emit(_tr("Saving {p}...").format(p=path), 0)

    def _write_session(self, state: TrainerState) -> None:
        if state.request not in self._pending_saves:
            return
        path, title = self._pending_saves.pop(state.request)
        snapshots = self.record.snapshots() if kind_of(state.config) is self.kind else []
        try:
            write_session(
                path,
                state.config,
                state.state,
                snapshots=snapshots,
                hidden_controls=sorted(self.hidden_controls),
                title=title,
            )
        except (OSError, ValueError, TypeError) as exc:
            self.warning.emit(_tr("Could not save the session"), str(exc))
            return
        self.session_saved.emit(path)
        self.message.emit(_tr("Saved ") + path, 5000)

    def open_session(self, saved: SessionFile) -> None:
        """Continue from a session file, read and checked by the caller (read_session names any problem)."""
        path = saved.path
        self._switch_kind(kind_of(saved.config))
        self._show_config(saved.config, "")
        self.hidden_controls = set(saved.hidden_controls)
        self.reset(restore_from=str(path) if saved.has_weights else None)
        self.record.restore(saved.snapshots)
        self.record_restored.emit()
        self.session_opened.emit(saved)
        self.message.emit(_tr("Opened ") + str(path), 5000)
