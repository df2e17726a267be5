"""The main window: a view over the AppController. It lays out the views of the kinds of run (one is shown at a
time), the shared docks (controls, lesson), menus from the actions tables, the status bar, banner and caption."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from ganlab.app.choices import DEFAULT_TRANSPORT
from ganlab.app.kinds import RUN_KINDS
from ganlab.app.lessons import Action
from ganlab.app.run_kind import RunKind
from ganlab.qt.actions import key_rows
from ganlab.qt.controller import AppController
from ganlab.qt.i18n import install_language
from ganlab.qt.kinds.base import KindView, view_class
from ganlab.qt.look.key_overlay import HelpOverlay
from ganlab.qt.look.preferences import Preferences
from ganlab.qt.panels.controls import HIDEABLE_GROUPS
from ganlab.qt.panels.lesson import LessonPanel
from ganlab.qt.window.commands import WindowCommands
from ganlab.qt.window.menus import build_menus, shared_lesson_handlers, window_actions


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(WindowCommands, QMainWindow):
    def __init__(
        self,
        preset: str = "figure1",
        device: str = "auto",
        transport: str = DEFAULT_TRANSPORT,
        language: str = "en",
        preferences: Preferences | None = None,
        controller: AppController | None = None,
    ) -> None:
        """controller: take over a running one (a window rebuilt in another language keeps the run); preferences:
        where layout and choices are remembered between runs (None: nothing is remembered, as in tests)."""
        super().__init__()
        self.kind = ""  # the name of the kind of run on show
        self.language = language
        self.prefs = preferences
        self.handed_over = False
        self.presenting = False
        self._normal_geometry = b""
        self._normal_state = b""
        self.setWindowTitle(_tr("GAN Lab Desktop"))
        fresh = controller is None
        if controller is None:
            controller = AppController(preset, device, transport)
            if preferences is not None:
                controller.hidden_controls = set(preferences.hidden_controls)
        self.controller = controller
        controller.setParent(self)

        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(self.BANNER_STYLE.format(pt=13))
        self.banner.hide()
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet(self.CAPTION_STYLE.format(pt=15))
        self.caption.hide()
        self.pages = QStackedWidget()  # each kind's central view
        self.control_pages = QStackedWidget()  # each kind's controls
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(4, 4, 4, 4)
        central_layout.addWidget(self.banner)
        central_layout.addWidget(self.caption)
        central_layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)
        self.controls_dock = self._dock(
            "controls", _tr("Controls"), self.control_pages, Qt.DockWidgetArea.RightDockWidgetArea
        )

        self.views: dict[str, KindView] = {}
        self._first_docks: list[QDockWidget] = []
        self.docks: dict[str, dict[str, QDockWidget]] = {}  # kind name -> dock name -> dock
        for kind in RUN_KINDS.values():
            self._add_view(kind)
        self.control_pages.setMinimumWidth(max(v.controls.sizeHint().width() for v in self.views.values()) + 24)
        self.lessons = LessonPanel(language=language)
        self.lessons.action_requested.connect(self.run_lesson_action)
        self.lesson_dock = self._dock("lesson", _tr("Lesson"), self.lessons, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.lesson_dock.hide()  # Help > Lessons (F2)

        self.iteration_label = QLabel()
        self.rate_label = QLabel()
        self.figure_label = QLabel()
        self.device_label = QLabel(_tr("starting the trainer..."))
        for label in (self.iteration_label, self.rate_label, self.figure_label, self.device_label):
            label.setMinimumWidth(1)  # long texts are clipped rather than widening the window past the screen
            self.statusBar().addPermanentWidget(label)

        specs = window_actions(self)
        for view in self.views.values():
            specs += view.actions()
        self.help_overlay = HelpOverlay(self, [*key_rows(specs), ("1-9", _tr("Load preset 1-9 (the Presets menu)"))])
        self.actions_by_name = build_menus(self, specs)
        self.kind_actions = [(spec.kind, self.actions_by_name[spec.name]) for spec in specs if spec.kind]
        self.presenter_action = self.actions_by_name["presenter"]
        self.lesson_handlers = shared_lesson_handlers(self)
        for view in self.views.values():
            for verb, handler in view.lesson_handlers().items():
                # a kind's verb acts on its own kind only (a button pressed out of order does nothing)
                self.lesson_handlers[verb] = lambda args, view=view, handler=handler: (
                    handler(args) if self.controller.kind is view.kind else None
                )

        self._show_kind(controller.kind)
        self.resize(1280, 820)  # what fits a 1280 x 800 projector or laptop with the docks laid out
        self._connect(controller)
        for name in controller.hidden_controls:
            self.set_control_shown(name, False)
        self.view.controls.show_preset(controller.preset_key)
        for panel in (view.controls for view in self.views.values()):
            self._show_speed(panel, controller.speed_index)
            panel.set_playing(controller.playing)
        if not fresh:  # rebuilt around a running controller: draw what the old window showed
            for name, state in controller.view_states.items():
                if name in self.views:
                    self.views[name].set_state(state)
            if isinstance(controller.snapshot, controller.kind.snapshot_type):
                self._show_status(controller.snapshot)
        elif preferences is not None:
            preferences.restore_window(self)
            self.controls_dock.show()  # never lost to a layout saved in an odd moment
            self._apply_dock_visibility()  # the saved layout may be of the other kind of run
            if preferences.presenter:
                self.set_presenter(True)
        self.pages.currentWidget().setFocus()

    # ---- construction
    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        """name: the dock's stable object name (saved layouts find docks by it, in any language)."""
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        return dock

    def _add_view(self, kind: RunKind) -> None:
        view = view_class(kind)(kind, self.controller, self)
        self.views[kind.name] = view
        self.pages.addWidget(view.central)
        scroller = QScrollArea()
        scroller.setWidget(view.controls)
        scroller.setWidgetResizable(True)
        self.control_pages.addWidget(scroller)
        panel = view.controls
        panel.preset_chosen.connect(self.controller.load_preset)
        panel.play_toggled.connect(self.controller.set_playing)
        panel.step_requested.connect(self.controller.step)
        panel.reset_requested.connect(lambda: self.controller.reset())
        panel.speed_changed.connect(lambda *_, panel=panel: self.controller.set_speed(panel.speed.currentIndex()))
        panel.edit_refused.connect(lambda text: self.statusBar().showMessage(text, 8000))
        docks: dict[str, QDockWidget] = {}
        for spec in view.docks:
            dock = self._dock(f"{kind.name}.{spec.name}", spec.title, spec.widget, spec.area)
            dock.hide()  # shown with its kind (_apply_dock_visibility): a hidden dock does not widen the window
            if spec.tab_with:
                self.tabifyDockWidget(docks[spec.tab_with], dock)
            elif docks:
                self.splitDockWidget(next(iter(docks.values())), dock, Qt.Orientation.Horizontal)
            elif self._first_docks:  # each kind's docks take the place of the other kinds' (one is shown at a time)
                self.tabifyDockWidget(self._first_docks[0], dock)
            docks[spec.name] = dock
        if docks:
            self._first_docks.append(next(iter(docks.values())))
        self.docks[kind.name] = docks
        for spec in view.docks:
            if spec.on_visible is not None:
                docks[spec.name].visibilityChanged.connect(spec.on_visible)

    def _connect(self, c: AppController) -> None:
        self._connections = [
            (c.kind_changed, self._show_kind),
            (c.config_changed, lambda config: self.view.controls.set_config(config)),
            (c.preset_changed, self._preset_changed),
            (c.playing_changed, self._playing_changed),
            (c.speed_changed, self._speed_changed),
            (c.snapshot_ready, self.show_snapshot),
            (c.run_started, lambda info: self.view.run_started(info)),
            (c.run_cleared, lambda: self.view.run_cleared()),
            (c.record_restored, lambda: self.view.record_restored()),
            (c.answered, lambda answer: self.view.answered(answer)),
            (c.live_requested, lambda: self.view.go_live()),
            (c.message, lambda text, ms: self.statusBar().showMessage(text, ms)),
            (c.problem, self._show_problem),
            (c.problem_cleared, self.banner.hide),
            (c.warning, self._warn),
            (c.session_saved, self._remember_session),
            (c.session_opened, self._session_opened),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)

    def _disconnect(self) -> None:
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections = []

    # ---- the kind of run on show
    @property
    def view(self) -> KindView:
        return self.views[self.kind]

    def _show_kind(self, kind: RunKind) -> None:
        if kind.name == self.kind:
            return
        if self.kind:
            self.view.shown(False)
        self.kind = kind.name
        view = self.view
        self.pages.setCurrentWidget(view.central)
        self.control_pages.setCurrentIndex(self.pages.currentIndex())
        view.controls.set_config(self.controller.configs[kind.name])
        self._apply_dock_visibility()
        docks = self.docks[kind.name]
        if docks:
            first = next(iter(docks.values()))
            self.resizeDocks([first], [view.dock_height], Qt.Orientation.Vertical)
            front = docks.get(view.front_dock, first)
            QTimer.singleShot(0, front.raise_)  # once the tabs exist: a raise before the first show is lost
        self.figure_label.setText("")
        self.caption.hide()
        for owner, action in self.kind_actions:
            action.setEnabled(owner == kind.name)
        view.shown(True)
        if self.presenting:
            view.presenting(True)

    def raise_dock(self, name: str) -> None:
        dock = self.docks[self.kind].get(name)
        if dock is not None:
            dock.raise_()

    def tabify_docks(self, first: str, second: str) -> None:
        docks = self.docks[self.kind]
        self.tabifyDockWidget(docks[first], docks[second])
        docks[first].raise_()

    def hideable(self) -> dict[str, str]:
        """What a teacher may hide (View menu; saved in session files): groups of controls, and docks."""
        docks = {
            f"dock.{spec.name}": spec.title for view in self.views.values() for spec in view.docks if spec.hideable
        }
        return {**{f"controls.{k}": v for k, v in HIDEABLE_GROUPS.items()}, **docks}

    def _apply_dock_visibility(self) -> None:
        hidden = self.controller.hidden_controls
        for kind, docks in self.docks.items():
            for name, dock in docks.items():
                dock.setVisible(kind == self.kind and f"dock.{name}" not in hidden)

    def set_control_shown(self, name: str, shown: bool) -> None:
        """Hide or show a group of controls or a dock (View menu); remembered in session files."""
        hidden = self.controller.hidden_controls
        if shown:
            hidden.discard(name)
        else:
            hidden.add(name)
        action = self.show_actions.get(name)
        if action is not None:
            action.blockSignals(True)
            action.setChecked(shown)
            action.blockSignals(False)
        group = name.removeprefix("controls.")
        for view in self.views.values():
            view.controls.set_group_visible(group, shown and not (self.presenting and group in self.ADVANCED))
        self._apply_dock_visibility()

    def show_panel(self, name: str) -> None:
        """Bring a panel of the current kind to the front (a lesson's `show`); the central views are always shown."""
        dock = self.docks[self.kind].get(name)
        if dock is None:
            return  # the kind's central view ("samples", "nearest"), or a panel of another kind of run
        self.set_control_shown(f"dock.{name}", True)
        dock.raise_()

    # ---- the controller's news
    def show_snapshot(self, snapshot: Any) -> None:
        self.view.show_snapshot(snapshot)
        if not self.view.showing_past():
            self.show_caption(snapshot.phase)
        self._show_status(snapshot)

    def show_caption(self, phase: str) -> None:
        """What the step that made the picture on show did, while stepping, paused or narrating."""
        caption = self.controller.caption(phase)
        self.caption.setVisible(caption is not None)
        if caption is not None:
            self.caption.setText(caption)

    def _show_status(self, snapshot: Any) -> None:
        c = self.controller
        self.iteration_label.setText(
            _tr("iteration {i}  (D steps {d}, G steps {g})").format(
                i=snapshot.iteration, d=snapshot.d_steps, g=snapshot.g_steps
            )
        )
        self.rate_label.setText(_tr("{r:.0f} it/s").format(r=c.rate))
        self.figure_label.setText(self.view.status(snapshot))
        self.device_label.setText(_tr("device: {d} ({t})").format(d=snapshot.device, t=c.client.transport))

    def _preset_changed(self, key: str) -> None:
        self.view.controls.show_preset(key)
        if key:  # a session's title (see _session_opened) stays until another preset is loaded
            self.setWindowTitle(_tr("GAN Lab Desktop"))

    def _playing_changed(self, playing: bool) -> None:
        for view in self.views.values():
            view.controls.set_playing(playing)

    @staticmethod
    def _show_speed(panel: Any, index: int) -> None:
        panel.speed.blockSignals(True)
        panel.speed.setCurrentIndex(index)
        panel.speed.blockSignals(False)

    def _speed_changed(self, index: int) -> None:
        for view in self.views.values():  # every panel shows the one speed
            self._show_speed(view.controls, index)

    def _show_problem(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()

    # ---- lessons
    def toggle_lessons(self) -> None:
        self.lesson_dock.setVisible(not self.lesson_dock.isVisible())
        if self.lesson_dock.isVisible():
            self.lesson_dock.raise_()

    def run_lesson_action(self, action: Action) -> None:
        """One button of a lesson: its verb's handler (the shared ones, and each kind's own)."""
        self.lesson_handlers[action.verb](action.args)

    # ---- language
    def switch_language(self, code: str) -> MainWindow:
        """Rebuild the window in another language around the same controller: the run, its record and what each
        view keeps carry over (Qt has no way to re-translate widgets that are already built)."""
        previous = self.language
        language = install_language(code)
        c = self.controller
        c.view_states = {name: view.state() for name, view in self.views.items()}
        self._disconnect()
        self.handed_over = True
        successor = None
        try:
            successor = MainWindow(language=language, preferences=self.prefs, controller=c)
            successor.restoreGeometry(self.saveGeometry())
            successor.restoreState(self.saveState())
            successor._apply_dock_visibility()
            successor.lesson_dock.setVisible(self.lesson_dock.isVisible())
            if self.presenting:
                successor.set_presenter(True)
                successor._normal_geometry, successor._normal_state = self._normal_geometry, self._normal_state
        except Exception:
            if successor is not None:  # half built: let go of the controller without stopping its trainer
                successor.handed_over = True
                successor._disconnect()
                successor.deleteLater()
            install_language(previous)  # keep the class going in this window rather than losing the run
            c.setParent(self)
            self._connect(c)
            self.handed_over = False
            raise
        if self.prefs is not None:
            self.prefs.language = language
        successor.show()
        self.successor = successor  # keeps it alive: whoever held this window now reaches the new one through it
        self.close()
        return successor

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.handed_over:  # rebuilt in another language: the run lives on in the new window
            event.accept()
            return
        if self.prefs is not None:
            if self.presenting:  # remember the ordinary window, not the full-screen one without its controls
                self.showNormal()
                self.restoreState(self._normal_state)
                self.restoreGeometry(self._normal_geometry)
            self.prefs.save_window(self)
            self.prefs.hidden_controls = sorted(self.controller.hidden_controls)
            self.prefs.sync()
        seconds = self.controller.stop()
        self.statusBar().showMessage(_tr("Stopped the trainer in {s:.2f} s").format(s=seconds))
        event.accept()
