"""The Qt side of a kind of run: what a view gives the window, and what the window gives a view.

A RunKind row (ganlab.app.run_kind) names its view class by "module:Class"; the window imports it and builds one
view per kind. A view owns its widgets: the controls panel, the central widget, its docks, its menu entries, the
lesson verbs of its kind. It draws what the controller announces and changes the run only through the controller.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMainWindow, QWidget

from ganlab.app.run_kind import RunKind
from ganlab.qt.actions import ActionSpec
from ganlab.qt.controller import AppController
from ganlab.qt.panels.controls import SettingsPanel


@dataclass(frozen=True)
class DockSpec:
    """name: stable (saved layouts, `show NAME` in lessons, "dock.NAME" among a teacher's hidden controls); title
    and label (the View and Export menus): translated; tab_with: the dock it shares tabs with, if any."""

    name: str
    title: str
    widget: QWidget
    area: Qt.DockWidgetArea = Qt.DockWidgetArea.BottomDockWidgetArea
    tab_with: str = ""
    hideable: bool = True
    export_widget: QWidget | None = None  # what File > Export > Panel draws (None: not offered)
    on_visible: Callable[[bool], None] | None = None  # told when the dock is shown or hidden (e.g. to catch up)


class KindView(QObject):
    """Subclasses build their widgets in __init__ and fill controls, central and docks."""

    def __init__(self, kind: RunKind, controller: AppController, window: QMainWindow) -> None:
        super().__init__(window)
        self.kind = kind
        self.controller = controller
        self.window = window
        self.record = controller.record_of(kind)
        self.controls: SettingsPanel
        self.central: QWidget
        self.docks: list[DockSpec] = []
        # (name, N_-marked label, widget) for File > Export > Panel, or None: the central view is not offered
        self.exportable_central: tuple[str, str, QWidget] | None = None
        self.dock_height = 300  # the picture keeps most of the height; the docks below get about a third
        self.front_dock = ""  # the dock in front when the kind is shown ("": its first)
        self.painted: QWidget  # the widget each frame repaints (`ganlab bench` times its paints)

    # ---- what the window asks of every view
    def actions(self) -> list[ActionSpec]:
        """The kind's own menu entries (each with kind=self.kind.name)."""
        return []

    def lesson_handlers(self) -> dict[str, Callable[[tuple[Any, ...]], None]]:
        """A handler per lesson verb of the kind's row (RunKind.lesson_verbs), called with the verb's arguments."""
        return {}

    def show_snapshot(self, snapshot: Any) -> None:
        """A live snapshot (already in the record)."""

    def run_started(self, info: Any) -> None:
        """The run's fixed facts, after each start, reset or restore (None for kinds that have none)."""

    def run_cleared(self) -> None:
        """A reset or restore: forget the drawings of the old run (the record is already empty)."""

    def record_restored(self) -> None:
        """The record was refilled from a session file: redraw from it."""

    def go_live(self) -> None:
        """Stop showing the past (play, a step, a reset)."""

    def showing_past(self) -> bool:
        """True while the view shows an earlier moment than the newest snapshot (a timeline)."""
        return False

    def answered(self, answer: Any) -> None:
        """An Answer to a question this kind's view asked."""

    def status(self, snapshot: Any) -> str:
        """The kind's own figure for the status bar (e.g. the JSD), or ""."""
        return ""

    def shown(self, visible: bool) -> None:
        """The window switched to (True) or away from (False) this kind."""

    def presenting(self, on: bool) -> None:
        """Presenter mode was switched: adapt what the projector look alone does not."""

    def state(self) -> dict[str, Any]:
        """What the view keeps across a rebuild of the window (another language), as plain data."""
        return {}

    def set_state(self, state: dict[str, Any]) -> None:
        """The state() of this kind's view in the window being replaced."""


def view_class(kind: RunKind) -> type[KindView]:
    """The view a RunKind row names ("module:Class")."""
    module, _, name = kind.view.partition(":")
    cls = getattr(importlib.import_module(module), name)
    if not (isinstance(cls, type) and issubclass(cls, KindView)):
        raise TypeError(f"{kind.view} is not a KindView")
    return cls
