"""The main window: docks, menus, shortcuts and the status bar. No training logic lives here."""

from __future__ import annotations

import time
from collections import deque

import numpy as np
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ganlab import __version__
from ganlab.app.choices import DEFAULT_TRANSPORT, LANGUAGES, SPEEDS
from ganlab.app.kinds import ALL_PRESETS
from ganlab.app.protocol import Answer, Problem, TrainerState
from ganlab.core.distributions import CUSTOM
from ganlab.core.i18n import N_
from ganlab.core.image_config import FROM_FILE, ImageConfig
from ganlab.core.image_models import fits
from ganlab.core.image_snapshot import ImageSnapshot
from ganlab.core.losses import LOSSES
from ganlab.core.run_config import RunConfig
from ganlab.core.settings import ConfigError, Settings
from ganlab.core.snapshot import Snapshot
from ganlab.data.export import save_grid_png
from ganlab.data.images import DatasetError, load_dataset
from ganlab.data.metrics_csv import write_metrics_csv
from ganlab.data.resources import resources_dir
from ganlab.data.samples import SampleFileError, density_table, load_samples
from ganlab.data.session_file import SessionFileError, load_session, save_session
from ganlab.qt.exports import export_timeline_gif, export_widget_png, export_widget_svg, run_with_progress
from ganlab.qt.i18n import install_language, table_tr
from ganlab.qt.panels.capture import CaptureStrip
from ganlab.qt.panels.charts import ChartsPanel, ImageChartsPanel
from ganlab.qt.panels.controls import ADVANCED_GROUPS, HIDEABLE_GROUPS, ControlsPanel, SettingsPanel
from ganlab.qt.panels.density import DensityPanel
from ganlab.qt.panels.image_controls import ImageControlsPanel
from ganlab.qt.panels.images import SamplesView
from ganlab.qt.panels.latent import LatentPanel
from ganlab.qt.panels.lesson import LessonPanel
from ganlab.qt.panels.metrics import MetricsPanel
from ganlab.qt.panels.saturation import SaturationPanel
from ganlab.qt.panels.timeline import TimelineBar
from ganlab.qt.presenter import PRESENTER_PLOT_SCALE, HelpOverlay, Preferences, apply_presenter, scale_plots
from ganlab.qt.worker import TrainerClient, make_client

SHORTCUTS = (
    ("Space", N_("Play / pause")),
    ("Right", N_("One iteration (k D steps, then G)")),
    ("D", N_("One discriminator step")),
    ("G", N_("One generator step")),
    ("R", N_("Reset the run")),
    ("M", N_("Generator loss: minimax <-> non-saturating")),
    ("S", N_("Next speed (full, 100, 20, 5 it/s, narrated, slow motion)")),
    ("O", N_("Show or hide the optimal D* on Figure 1")),
    ("C", N_("Capture Figure 1 into the strip (a)-(d)")),
    ("L", N_("Leave the timeline: back to the live run")),
    ("1-9", N_("Load preset 1-9 (the Presets menu)")),
    ("F2", N_("Show or hide the guided lessons")),
    ("Ctrl+O", N_("Open a session file")),
    ("Ctrl+S", N_("Save the session (settings, networks, timeline)")),
    ("Ctrl+I", N_("Load data samples (CSV) as p_data")),
    ("Ctrl+Shift+O", N_("Open an image data set (MNIST IDX, .npz)")),
    ("Ctrl+E", N_("Export the current snapshot or samples (.npz)")),
    ("F1, ?", N_("This list of keys")),
    ("F11", N_("Presenter mode: full screen, large type, thick lines")),
    ("Ctrl+Q", N_("Quit")),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


# What a narrated step just did, in the words of Algorithm 1 (shown above Figure 1 when stepping or narrating).
CAPTIONS = {
    "start": N_("Untrained: G puts its samples wherever its random weights send them."),
    "d": N_("D step: push D(x) up on real samples, down on G's samples (the blue curve moves)."),
    "g": N_('G step: move G\'s samples toward where D says "real" (the arrows move).'),
    "iteration": N_("One iteration of Algorithm 1: k D steps, then a G step."),
}
IMAGE_CAPTIONS = {
    "start": N_("Untrained: G turns each fixed z into noise; D has not learned what a digit looks like."),
    "d": N_("D step: D learns to tell training images from G's samples (watch the frames' colours)."),
    "g": N_("G step: every sample moves toward what D currently calls real (watch the grid)."),
    "iteration": N_("One iteration of Algorithm 1: k D steps, then a G step."),
}
BANNER_STYLE = "background: #fde2e1; color: #8a1c12; padding: 8px; font-size: {pt}pt;"
CAPTION_STYLE = "background: #eef3ff; color: #1a2a5a; padding: 6px; font-size: {pt}pt;"
LATENT_REFRESH_S = 0.2  # while playing, the latent pictures follow G at 5 Hz (a slider move answers at once)
NEAREST_REFRESH_S = 2.0  # while playing, Figure 2's column is recomputed this often (~15 ms for 8 samples)


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


class MainWindow(QMainWindow):
    def __init__(
        self,
        preset: str = "figure1",
        device: str = "auto",
        transport: str = DEFAULT_TRANSPORT,
        language: str = "en",
        config: Settings | None = None,
        client: TrainerClient | None = None,
        preferences: Preferences | None = None,
    ) -> None:
        """config: start from these settings instead of the preset's; client: take over a running trainer (a window
        rebuilt in another language keeps the run); preferences: where layout and choices are remembered between
        runs (None: nothing is remembered, as in tests)."""
        super().__init__()
        self.language = language
        self._handed_over = False
        self._connections: list[tuple[object, object]] = []
        self.setWindowTitle(_tr("GAN Lab Desktop"))
        self.resize(1280, 820)
        self.device = device
        self.transport = transport
        config = config or ALL_PRESETS[preset].config
        self.playing = False
        self.meter = RateMeter()
        self.snapshot: Snapshot | ImageSnapshot | None = None  # the newest from the trainer
        self.shown: Snapshot | None = None  # the Figure 1 on screen (the timeline may show an older one)
        self._nearest_request = 0
        self._nearest_asked_at = -float("inf")
        self._latent_refreshed_at = -float("inf")

        self.density = DensityPanel()
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE.format(pt=13))
        self.banner.hide()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(4, 4, 4, 4)
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.caption.setStyleSheet(CAPTION_STYLE.format(pt=15))
        self.caption.hide()
        central_layout.addWidget(self.banner)
        central_layout.addWidget(self.caption)
        figure_page = QWidget()
        figure_layout = QVBoxLayout(figure_page)
        figure_layout.setContentsMargins(0, 0, 0, 0)
        figure_layout.addWidget(self.density, 1)
        self.timeline = TimelineBar()
        self.timeline.scrubbed.connect(self._show_past)
        self.timeline.live_requested.connect(self.go_live)
        figure_layout.addWidget(self.timeline)
        self.samples = SamplesView()
        self.pages = QStackedWidget()  # page 0: Figure 1 (1-D runs); page 1: the sample grids (image runs)
        self.pages.addWidget(figure_page)
        self.pages.addWidget(self.samples)
        central_layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        one_d = config if isinstance(config, RunConfig) else ALL_PRESETS["figure1"].config
        image = config if isinstance(config, ImageConfig) else ALL_PRESETS["digits"].config
        self.controls = ControlsPanel(one_d)
        self.image_controls = ImageControlsPanel(image)
        self.control_pages = QStackedWidget()
        for panel in (self.controls, self.image_controls):
            scroller = QScrollArea()
            scroller.setWidget(panel)
            scroller.setWidgetResizable(True)
            self.control_pages.addWidget(scroller)
        self.control_pages.setMinimumWidth(
            max(self.controls.sizeHint().width(), self.image_controls.sizeHint().width()) + 24
        )
        self.controls_dock = self._dock(
            "controls", _tr("Controls"), self.control_pages, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.metrics = MetricsPanel()
        self.charts = ChartsPanel()
        self.image_charts = ImageChartsPanel()
        self.chart_pages = QStackedWidget()
        self.chart_pages.addWidget(self.charts)
        self.chart_pages.addWidget(self.image_charts)
        self.chart_pages.setMinimumHeight(200)
        self.charts_dock = self._dock("charts", _tr("Charts"), self.chart_pages, Qt.DockWidgetArea.BottomDockWidgetArea)
        numbers = QScrollArea()  # scrolls rather than making the window taller than a projector in presenter mode
        numbers.setWidget(self.metrics)
        numbers.setWidgetResizable(True)
        numbers.setFrameShape(QScrollArea.Shape.NoFrame)
        numbers.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        numbers.setMinimumWidth(self.metrics.sizeHint().width() + numbers.verticalScrollBar().sizeHint().width())
        self.metrics_dock = self._dock("numbers", _tr("Numbers"), numbers, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.splitDockWidget(self.charts_dock, self.metrics_dock, Qt.Orientation.Horizontal)
        self.saturation = SaturationPanel()
        self.saturation_dock = self._dock(
            "saturation", _tr("Saturation"), self.saturation, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.tabifyDockWidget(self.charts_dock, self.saturation_dock)
        self.saturation_dock.visibilityChanged.connect(self._saturation_shown)
        self.captures = CaptureStrip()
        self.captures_dock = self._dock(
            "captures", _tr("Captures"), self._captures_panel(), Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.tabifyDockWidget(self.charts_dock, self.captures_dock)
        self.latent = LatentPanel()
        self.latent_dock = self._dock(
            "latent", _tr("Latent space (Figure 3)"), self.latent, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.tabifyDockWidget(self.charts_dock, self.latent_dock)
        self.charts_dock.raise_()
        # The picture keeps most of the height; the docks below get a third.
        self.resizeDocks([self.charts_dock], [300], Qt.Orientation.Vertical)

        self.iteration_label = QLabel()
        self.rate_label = QLabel()
        self.jsd_label = QLabel()
        self.device_label = QLabel(_tr("starting the trainer..."))
        for label in (self.iteration_label, self.rate_label, self.jsd_label, self.device_label):
            label.setMinimumWidth(1)  # long texts are clipped rather than widening the window past the screen
            self.statusBar().addPermanentWidget(label)

        for panel in (self.controls, self.image_controls):
            panel.config_edited.connect(self._config_edited)
            panel.preset_chosen.connect(self.load_preset)
            panel.play_toggled.connect(self.set_playing)
            panel.step_requested.connect(self.step)
            panel.reset_requested.connect(self.reset)
            panel.speed_changed.connect(self.set_speed)
            panel.edit_refused.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.controls.overlay_toggled.connect(self.density.set_overlay)
        self.controls.draw_requested.connect(self.draw_target)
        self.controls.load_samples_requested.connect(self.load_samples)
        self.image_controls.open_dataset_requested.connect(self.open_dataset)
        self.density.drawing_changed.connect(self.controls.set_drawing)
        self.density.density_drawn.connect(self._density_drawn)
        self.samples.sample_clicked.connect(self._sample_clicked)
        self.samples.sample_menu.connect(self._sample_menu)
        self.samples.nearest_wanted.connect(self._ask_nearest)
        self.latent.endpoint_changed.connect(self.samples.set_endpoint)
        self.lessons = LessonPanel(language=self.language)
        self.lessons.action_requested.connect(self.run_lesson_action)
        self.lesson_dock = self._dock("lesson", _tr("Lesson"), self.lessons, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.lesson_dock.hide()  # Help > Lessons (F2)
        self.narrating = False
        self.prefs = preferences
        self.presenting = False
        self._normal_geometry = b""
        self._normal_state = b""
        self.help_overlay = HelpOverlay(self, [(keys, table_tr(text)) for keys, text in SHORTCUTS])
        self.hidden_controls: set[str] = set()
        self._running_n = False  # a lesson's "run N" is under way
        self._state_request = 0
        self._pending_saves: dict[int, tuple[str, str]] = {}  # state request -> (path, title)
        self._build_actions()

        self.kind = ""
        self._show_kind("image" if isinstance(config, ImageConfig) else "1d")
        self.active_controls.show_preset(preset)
        if preferences is not None and client is None:
            preferences.restore_window(self)
            self.controls_dock.show()  # never lost to a layout saved in an odd moment
            self._apply_dock_visibility()  # the saved layout may be of the other kind of run
            for name in preferences.hidden_controls:
                if name in self._hideable():
                    self.set_control_shown(name, False)
            if preferences.presenter:
                self.set_presenter(True)
        if client is not None:
            self.client = client
            client.setParent(self)
            self._connect_client(client)
            client.ack()  # a frame sent during the hand-over reached nobody: let the trainer send the next
        else:
            self.client: TrainerClient = self._start_client(config)
            session = getattr(ALL_PRESETS.get(preset), "session", "")
            if session:  # a preset that starts from trained networks (latent): the trainer reads them itself
                self._restore(str(resources_dir() / session))
                self.latent_dock.raise_()
        self.density.setFocus()

    @property
    def active_controls(self) -> SettingsPanel:
        return self.image_controls if self.kind == "image" else self.controls

    def _show_kind(self, kind: str) -> None:
        """Switch the window between a 1-D run (Figure 1 and its docks) and an image run (grids, latent panel)."""
        if kind == self.kind:
            return
        self.kind = kind
        image = kind == "image"
        self.pages.setCurrentIndex(1 if image else 0)
        self.control_pages.setCurrentIndex(1 if image else 0)
        self.chart_pages.setCurrentIndex(1 if image else 0)
        self._apply_dock_visibility()
        (self.latent_dock if image else self.charts_dock).raise_()
        # The sample grids need less height than Figure 1; the latent panel below needs more.
        self.resizeDocks([self.charts_dock], [380 if image else 300], Qt.Orientation.Vertical)
        self.jsd_label.setText("")
        self.caption.hide()
        for action in self._one_d_actions:
            action.setEnabled(not image)
        for action in self._image_actions:
            action.setEnabled(image)

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

    def _captures_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        strip = QScrollArea()  # the strip scrolls rather than taking Figure 1's height
        strip.setWidget(self.captures)
        strip.setWidgetResizable(True)
        layout.addWidget(strip, 1)
        buttons = QHBoxLayout()
        hint = QLabel(_tr("C captures the Figure 1 on screen (up to four, like the paper's (a)-(d))."))
        hint.setStyleSheet("color: #555;")
        hint.setWordWrap(True)
        self.export_captures_button = QPushButton(_tr("Export PNG..."))
        self.clear_captures_button = QPushButton(_tr("Clear"))
        for button in (self.export_captures_button, self.clear_captures_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.export_captures_button.clicked.connect(self.export_captures)
        self.clear_captures_button.clicked.connect(self.captures.clear)
        buttons.addWidget(hint, 1)
        buttons.addWidget(self.export_captures_button)
        buttons.addWidget(self.clear_captures_button)
        layout.addLayout(buttons)
        return panel

    def _build_actions(self) -> None:
        file_menu = self.menuBar().addMenu(_tr("&File"))
        self._action(file_menu, _tr("Open session..."), "Ctrl+O", self.open_session)
        self._action(file_menu, _tr("Save session..."), "Ctrl+S", self.save_session)
        self.recent_menu = file_menu.addMenu(_tr("Recent sessions"))
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        file_menu.addSeparator()
        load_csv = self._action(file_menu, _tr("Load data samples (CSV)..."), "Ctrl+I", self.load_samples)
        self._action(file_menu, _tr("Open image data set (file)..."), "Ctrl+Shift+O", self.open_dataset)
        self._action(file_menu, _tr("Open image data set (folder of images)..."), None, self.open_image_folder)
        file_menu.addSeparator()
        export_menu = file_menu.addMenu(_tr("Export"))
        self._action(export_menu, _tr("Snapshot arrays (.npz)..."), "Ctrl+E", self.export_snapshot)
        export_png = self._action(export_menu, _tr("The sample grid (PNG)..."), None, self.export_samples_png)
        gif = self._action(export_menu, _tr("The timeline as an animated GIF..."), None, self.export_timeline_gif)
        self._action(export_menu, _tr("Metrics over iterations (CSV)..."), None, self.export_metrics_csv)
        export_menu.addSeparator()
        for name, label in self._exportable_panels().items():
            self._action(
                export_menu,
                _tr("Panel: {p} (PNG or SVG)...").format(p=table_tr(label)),
                None,
                lambda name=name: self.export_panel(name),
            )
        file_menu.addSeparator()
        self._action(file_menu, _tr("Quit"), "Ctrl+Q", self.close)
        run_menu = self.menuBar().addMenu(_tr("&Run"))
        self._action(run_menu, _tr("Play / pause"), "Space", self.toggle_playing)
        self._action(run_menu, _tr("Step one iteration"), "Right", lambda: self.step("step"))
        self._action(run_menu, _tr("Step D only"), "D", lambda: self.step("step_d"))
        self._action(run_menu, _tr("Step G only"), "G", lambda: self.step("step_g"))
        self._action(run_menu, _tr("Reset"), "R", self.reset)
        run_menu.addSeparator()
        self._action(run_menu, _tr("Switch the generator loss (minimax / non-saturating)"), "M", self.toggle_loss)
        self._action(run_menu, _tr("Next speed"), "S", self.next_speed)
        self._action(run_menu, _tr("Show or hide D*"), "O", self.toggle_d_star)
        run_menu.addSeparator()
        capture = self._action(run_menu, _tr("Capture Figure 1"), "C", self.capture)
        live = self._action(run_menu, _tr("Back to the live run"), "L", self.go_live)
        preset_menu = self.menuBar().addMenu(_tr("&Presets"))
        for number, (key, preset) in enumerate(ALL_PRESETS.items(), start=1):
            shortcut = str(number) if number <= 9 else None
            self._action(preset_menu, table_tr(preset.title), shortcut, lambda key=key: self.load_preset(key))
        self._one_d_actions = (load_csv, capture, live, gif)
        self._image_actions = (export_png,)
        view_menu = self.menuBar().addMenu(_tr("&View"))
        self.presenter_action = self._action(
            view_menu, _tr("Presenter mode (projector)"), "F11", self.set_presenter, checkable=True
        )
        view_menu.addSeparator()
        self.show_actions: dict[str, QAction] = {}
        for name, label in self._hideable().items():
            action = self._action(
                view_menu,
                table_tr(label),
                None,
                lambda shown, name=name: self.set_control_shown(name, shown),
                checkable=True,
            )
            action.setChecked(name not in self.hidden_controls)
            self.show_actions[name] = action
        view_menu.addSeparator()
        language_menu = view_menu.addMenu(_tr("Language"))
        for code, name in LANGUAGES.items():
            action = self._action(language_menu, name, None, lambda code=code: self.switch_language(code))
            action.setCheckable(True)  # a mark only: choosing rebuilds the window, which marks the new language
            action.setChecked(code == self.language)
        help_menu = self.menuBar().addMenu(_tr("&Help"))
        self._action(help_menu, _tr("Lessons"), "F2", self.toggle_lessons)
        shortcuts = self._action(help_menu, _tr("Keyboard shortcuts"), "F1", self.help_overlay.toggle)
        shortcuts.setShortcuts([QKeySequence("F1"), QKeySequence("?")])
        self._action(help_menu, _tr("About GAN Lab Desktop"), None, self.show_about)

    def _action(self, menu, text: str, key: str | None, slot, checkable: bool = False) -> QAction:  # noqa: ANN001
        """A menu entry with an optional shortcut. A checkable one calls slot(checked); any other calls slot() with
        no argument (Qt would otherwise pass its `checked` flag into the slot's first optional parameter)."""
        action = QAction(text, self)
        action.setCheckable(checkable)
        if key:
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if checkable:
            action.triggered.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        self.addAction(action)  # shortcuts work even with the menu bar hidden
        return action

    def _start_client(self, config: Settings) -> TrainerClient:
        client = make_client(self.transport, config, self.device, self)
        self._connect_client(client)
        client.start()
        client.set_speed(*self.active_controls.speed.currentData())
        return client

    def _connect_client(self, client: TrainerClient) -> None:
        self._connections = [
            (client.snapshot_ready, self.show_snapshot),
            (client.run_started, self._image_run_started),
            (client.answered, self._answered),
            (client.state_ready, self._write_session),
            (client.notice, lambda text: self.statusBar().showMessage(text, 10000)),
            (client.diverged, self._diverged),
            (client.failed, self._failed),
            (self.latent.decode_requested, self._decode),
        ]
        for signal, slot in self._connections:
            signal.connect(slot)

    def _answered(self, answer: Answer) -> None:
        {"decode": self.latent.show_decoded, "nearest": self.samples.show_nearest}[answer.name](answer.value)

    def _decode(self, request: int, z: np.ndarray) -> None:
        self.client.ask("decode", request, np.asarray(z, dtype=np.float32))

    def _disconnect_client(self) -> None:
        for signal, slot in self._connections:
            signal.disconnect(slot)
        self._connections = []

    # ---- language
    def switch_language(self, code: str) -> MainWindow:
        """Rebuild the window in another language around the same trainer: the run, its timeline and the layout
        carry over (Qt has no way to re-translate widgets that are already built)."""
        previous = self.language
        language = install_language(code)
        self._disconnect_client()
        self._handed_over = True
        successor = None
        try:
            successor = MainWindow(
                preset="",
                device=self.device,
                transport=self.transport,
                language=language,
                config=self.active_controls.config,
                client=self.client,
                preferences=self.prefs,
            )
            successor._carry_from(self)
        except Exception:
            # Keep the class going in this window rather than losing the trainer between two windows.
            if successor is not None:
                successor._handed_over = True
                successor._disconnect_client()
                successor.deleteLater()
            install_language(previous)
            self.client.setParent(self)
            self._connect_client(self.client)
            self._handed_over = False
            raise
        if self.prefs is not None:
            self.prefs.language = language
        successor.show()
        self.successor = successor  # keeps it alive: whoever held this window now reaches the new one through it
        self.close()
        return successor

    def _carry_from(self, old: MainWindow) -> None:
        self.restoreGeometry(old.saveGeometry())
        self.restoreState(old.saveState())
        self.timeline.history = old.timeline.history
        self.charts.history = old.charts.history
        self.image_charts.history = old.image_charts.history
        for name in old.hidden_controls:
            self.set_control_shown(name, False)
        for name, box in old.controls.overlay_boxes.items():
            self.controls.overlay_boxes[name].setChecked(box.isChecked())
        for panel, before in ((self.controls, old.controls), (self.image_controls, old.image_controls)):
            panel.speed.blockSignals(True)
            panel.speed.setCurrentIndex(before.speed.currentIndex())
            panel.speed.blockSignals(False)
        self.narrating = old.narrating
        if old.samples.info is not None:
            self.samples.compared = list(old.samples.compared)
            self._image_run_started(old.samples.info)
            latent, before = self.latent, old.latent
            latent.set_interpolation(before.interpolation)
            latent.slider.setValue(before.slider.value())
            for slider, value in zip(latent.z_sliders, (s.value() for s in before.z_sliders), strict=True):
                slider.setValue(value)
            for name, z in (("A", before.a), ("B", before.b)):
                if z is not None:
                    latent.set_endpoint(name, z, old.samples.endpoints.get(name))
        self.lesson_dock.setVisible(old.lesson_dock.isVisible())
        snapshot = old.snapshot  # right after a preset switch it may still be of the other kind: not drawn
        if isinstance(snapshot, Snapshot) and self.kind == "1d":
            self._record_and_draw(snapshot)
        elif isinstance(snapshot, ImageSnapshot) and self.kind == "image":
            self._draw_image_snapshot(snapshot)
        self.playing = old.playing
        self._running_n = old._running_n
        self._state_request = old._state_request
        self._pending_saves = dict(old._pending_saves)  # a save asked for just before the switch still happens
        self.controls.set_playing(old.playing)
        self.image_controls.set_playing(old.playing)
        if old.presenting:
            self.set_presenter(True)
            self._normal_geometry = old._normal_geometry  # what F11 returns to: the window before presenting
            self._normal_state = old._normal_state

    # ---- commands
    def toggle_playing(self) -> None:
        self.set_playing(not self.playing)

    def set_playing(self, playing: bool) -> None:
        if playing and not self.client.is_running():
            playing = False  # nothing to play: the trainer has stopped (the banner says why)
            self.banner.setText(_tr("The trainer is not running. Press Reset (R) to start a new one."))
            self.banner.show()
        self.playing = playing
        if not playing:
            self._running_n = False
        self.controls.set_playing(playing)
        self.image_controls.set_playing(playing)
        if playing:
            self.go_live()
            self.banner.hide()
            self.client.play()
        else:
            self.client.pause()

    def set_speed(self, speed: float | None, narrate: bool) -> None:
        index = [(s.per_second, s.narrate) for s in SPEEDS].index((speed, narrate))
        for panel in (self.controls, self.image_controls):  # both panels show the one speed
            panel.speed.blockSignals(True)
            panel.speed.setCurrentIndex(index)
            panel.speed.blockSignals(False)
        self.narrating = narrate
        self.client.set_speed(speed, narrate)

    def step(self, which: str = "step") -> None:
        self.go_live()
        if self.playing:
            self.set_playing(False)
        self.banner.hide()
        self.client.step(which)

    def reset(self, restore_from: str | None = None) -> None:
        """Start the run again from new networks, or (restore_from) from a session file's trained state."""
        self.set_playing(False)
        self.go_live()
        self.banner.hide()
        self.charts.clear()
        self.image_charts.clear()
        self.saturation.clear()
        self.latent.forget_run()
        config = self.active_controls.config
        if not self.client.is_running():  # the trainer died: start a fresh one
            self.client.stop()
            self._disconnect_client()
            self.client = self._start_client(config)
        elif restore_from is None:
            self.client.reset(config)
        if restore_from is not None:
            self._restore(restore_from)

    def _restore(self, path: str) -> None:
        # Frames of the run being replaced may still be on their way: the client drops them (Message.generation).
        self.client.restore(path, self.active_controls.config)

    def load_preset(self, key: str) -> None:
        preset = ALL_PRESETS[key]
        self._show_kind("image" if isinstance(preset.config, ImageConfig) else "1d")
        self.active_controls.set_config(preset.config)
        self.active_controls.show_preset(key)
        session = getattr(preset, "session", "")
        self.reset(restore_from=str(resources_dir() / session) if session else None)
        if session:
            self.latent_dock.raise_()
        self.statusBar().showMessage(_tr("Preset loaded: ") + table_tr(preset.title), 4000)

    def draw_target(self, start: bool) -> None:
        if not start:
            self.density.stop_drawing()
            return
        self.set_playing(False)
        self.density.start_drawing()
        self.statusBar().showMessage(_tr("Drag over Figure 1 to draw p_data; release the mouse to train on it."))

    def _density_drawn(self, low: float, high: float, values: tuple) -> None:
        self._use_custom_target((low, high, values), _tr("your drawing"))

    def load_samples(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, _tr("Load data samples"), "", _tr("Samples (*.csv *.txt *.tsv);;All files (*)")
        )
        if path:
            self.load_samples_from(path)

    def load_samples_from(self, path: str) -> bool:
        try:
            table = density_table(load_samples(path))
        except SampleFileError as exc:
            QMessageBox.warning(self, _tr("Cannot use this file"), str(exc))
            return False
        self._use_custom_target(table, path)
        return True

    def _use_custom_target(self, table: tuple, source: str) -> None:
        try:
            config = self.controls.config.replace(target=CUSTOM, custom_density=table)
        except ConfigError as exc:
            QMessageBox.warning(self, _tr("Cannot use this density"), str(exc))
            return
        self.controls.set_config(config)
        self.controls.show_preset("")
        self.reset()
        self.statusBar().showMessage(_tr("Training on a custom p_data from {s}").format(s=source), 6000)

    def _config_edited(self, config: Settings) -> None:
        info = self.samples.info
        if (
            isinstance(config, ImageConfig)
            and info is not None
            and isinstance(self.client.config, ImageConfig)
            and config.dataset == self.client.config.dataset
            and not fits(config.architecture, *info.image_shape)
        ):
            height, width = info.image_shape
            self.image_controls.set_config(self.client.config)  # the controls show what the run really uses
            self.statusBar().showMessage(
                _tr("The DCGAN needs sides that are multiples of 4; these images are {h}x{w}.").format(
                    h=height, w=width
                ),
                8000,
            )
            return
        self.active_controls.lesson.setText("")
        if type(config) is not type(self.client.config) or self.client.config.needs_reset(config):
            self.reset()
            self.statusBar().showMessage(_tr("That setting rebuilds the networks: the run restarted."), 5000)
        else:
            self.client.configure(config)

    # ---- trainer -> view
    def show_snapshot(self, snapshot: Snapshot | ImageSnapshot) -> None:
        """A live snapshot from the trainer: record it everywhere, draw it unless the timeline shows the past."""
        try:
            if isinstance(snapshot, ImageSnapshot):
                self._draw_image_snapshot(snapshot)
            else:
                self._record_and_draw(snapshot)
        finally:
            self.client.ack()  # whatever a panel did, the trainer must be allowed to send the next one

    def _status(self, snapshot: Snapshot | ImageSnapshot) -> None:
        if self._running_n and snapshot.phase == "run_end":
            self._running_n = False  # the trainer paused itself after N iterations: show it, send nothing
            self.playing = False
            self.controls.set_playing(False)
            self.image_controls.set_playing(False)
        rate = self.meter.add(snapshot.created, snapshot.iteration)
        self.iteration_label.setText(
            _tr("iteration {i}  (D steps {d}, G steps {g})").format(
                i=snapshot.iteration, d=snapshot.d_steps, g=snapshot.g_steps
            )
        )
        self.rate_label.setText(_tr("{r:.0f} it/s").format(r=rate if self.playing else 0.0))
        self.device_label.setText(_tr("device: {d} ({t})").format(d=snapshot.device, t=self.client.transport))

    def _draw_image_snapshot(self, snapshot: ImageSnapshot) -> None:
        if self.kind != "image":
            return  # a frame from before a switch to a 1-D preset
        self.snapshot = snapshot
        self.samples.update_snapshot(snapshot)
        self.image_charts.update_snapshot(snapshot, force=not self.playing)
        caption = IMAGE_CAPTIONS.get(snapshot.phase) if (self.narrating or not self.playing) else None
        self.caption.setVisible(caption is not None)
        if caption is not None:
            self.caption.setText(table_tr(caption))
        now = time.monotonic()
        if self.latent.isVisible() and (not self.playing or now - self._latent_refreshed_at >= LATENT_REFRESH_S):
            self._latent_refreshed_at = now
            self.latent.refresh()  # the same z through the new G
        if self.samples.compared and (not self.playing or now - self._nearest_asked_at >= NEAREST_REFRESH_S):
            self._ask_nearest(tuple(self.samples.compared))
        self._status(snapshot)
        self.jsd_label.setText(
            _tr("mean D: real {r:.2f}, fake {f:.2f}").format(r=snapshot.d_real_mean, f=snapshot.d_fake_mean)
        )

    def _image_run_started(self, info: object) -> None:
        self.samples.set_run(info)
        self.latent.set_run(info)
        if self.samples.compared:
            self._ask_nearest(tuple(self.samples.compared))

    def _ask_nearest(self, indices: tuple) -> None:
        self._nearest_request += 1
        self._nearest_asked_at = time.monotonic()
        self.samples.expected_nearest = self._nearest_request  # older answers are dropped
        if indices and self.kind == "image":
            self.client.ask("nearest", self._nearest_request, tuple(indices))

    def _sample_clicked(self, index: int, modifiers: object) -> None:
        """Click: latent start A; Shift+click: end B; Ctrl+click: compare with the nearest training image."""
        modifiers = Qt.KeyboardModifier(modifiers)
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            self.samples.toggle_compared(index)
        else:
            self.latent.use_sample("B" if modifiers & Qt.KeyboardModifier.ShiftModifier else "A", index)
            self.latent_dock.raise_()

    def _sample_menu(self, index: int, where: QPoint) -> None:
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one menu per right-click, gone once closed
        menu.addAction(_tr("Use as latent start A"), lambda: self._sample_clicked(index, Qt.KeyboardModifier(0)))
        menu.addAction(
            _tr("Use as latent end B"), lambda: self._sample_clicked(index, Qt.KeyboardModifier.ShiftModifier)
        )
        compared = index in self.samples.compared
        menu.addAction(
            _tr("Remove from Figure 2") if compared else _tr("Compare with its nearest training image"),
            lambda: self.samples.toggle_compared(index),
        )
        menu.popup(where)

    def _record_and_draw(self, snapshot: Snapshot) -> None:
        if self.kind != "1d":
            return  # a frame from before a switch to an image preset
        self.snapshot = snapshot
        self.timeline.add(snapshot)
        self.charts.update_snapshot(snapshot, force=not self.playing)
        if self.timeline.is_scrubbing() or not self.saturation.isVisible():
            self.saturation.history.add(snapshot)  # record only: nobody sees the panel now
        else:
            self.saturation.update_snapshot(snapshot, force=not self.playing)
        if not self.timeline.is_scrubbing():
            self._draw(snapshot)
        self._status(snapshot)
        self.jsd_label.setText(_tr("JSD {j:.4f} nats").format(j=snapshot.jsd))

    def _draw(self, snapshot: Snapshot) -> None:
        """Figure 1, the numbers and the caption for one snapshot, live or from the timeline."""
        self.shown = snapshot
        self.density.update_snapshot(snapshot)
        self.metrics.update_snapshot(snapshot)
        caption = CAPTIONS.get(snapshot.phase) if (self.narrating or not self.playing) else None
        self.caption.setVisible(caption is not None)
        if caption is not None:
            self.caption.setText(table_tr(caption))

    def _saturation_shown(self, visible: bool) -> None:
        if visible and self.shown is not None:  # catch up on what it skipped while hidden
            self.saturation.update_snapshot(self.shown, force=True, record=False)

    def _show_past(self, snapshot: Snapshot) -> None:
        self._draw(snapshot)
        self.saturation.update_snapshot(snapshot, record=False)
        self.charts.mark(snapshot.iteration)
        self.statusBar().showMessage(
            _tr("Showing iteration {i} from the timeline; training goes on. Press L or Live to return.").format(
                i=snapshot.iteration
            )
        )

    def go_live(self) -> None:
        """Leave the timeline and show the newest state again."""
        if not self.timeline.is_scrubbing():
            return
        self.timeline.go_live()
        self.charts.mark(None)
        self.statusBar().clearMessage()
        if self.snapshot is not None:
            self._draw(self.snapshot)
            self.saturation.update_snapshot(self.snapshot, force=True, record=False)

    def capture(self) -> None:
        if self.shown is None or self.kind != "1d":
            return
        self.captures.capture(self.shown, self.density.overlays)
        self.captures_dock.raise_()
        self.statusBar().showMessage(
            _tr("Captured iteration {i} ({n} of 4)").format(i=self.shown.iteration, n=self.captures.count()), 4000
        )

    def export_captures(self) -> None:
        if self.captures.count() == 0:
            QMessageBox.information(self, _tr("Nothing to export"), _tr("Press C to capture Figure 1 first."))
            return
        path, _ = QFileDialog.getSaveFileName(self, _tr("Export the strip"), "ganlab-figure1.png", "PNG (*.png)")
        if path:
            try:
                self.captures.export_png(path)
            except OSError as exc:
                QMessageBox.warning(self, _tr("Export failed"), str(exc))
                return
            self.statusBar().showMessage(_tr("Saved ") + path, 5000)

    def _diverged(self, problem: object) -> None:
        self._failed(problem)

    def _failed(self, problem: object) -> None:
        """A Problem from the trainer, in the interface's language (the detail is the trainer's own words)."""
        self.set_playing(False)
        if isinstance(problem, Problem) and problem.command == "restore":
            # The file's state did not fit (or its data set is gone): train its settings from new networks instead,
            # so that the trainer runs what the window shows.
            self.client.reset(self.active_controls.config)
        if isinstance(problem, Problem):
            text = table_tr(Problem.TEMPLATES[problem.kind]).format(**problem.__dict__)
        else:
            text = str(problem)
        self.banner.setText(text)
        self.banner.show()

    # ---- image data sets
    def open_dataset(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            _tr("Open an image data set"),
            "",
            _tr("Image data (*.npz *-ubyte *-ubyte.gz *.idx *.gz);;All files (*)"),
        )
        if path:
            self.open_dataset_from(path)

    def open_image_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, _tr("Open a folder of images (or of MNIST IDX files)"))
        if path:
            self.open_dataset_from(path)

    def open_dataset_from(self, path: str) -> bool:
        """Check the data set here (a clear dialog if it is unusable), then train the image run on it."""
        try:
            dataset = load_dataset(path)
        except DatasetError as exc:
            QMessageBox.warning(self, _tr("Cannot use this data set"), str(exc))
            return False
        base = self.image_controls.config if self.kind == "image" else ALL_PRESETS["digits"].config
        height, width = dataset.image_shape
        switched = not fits(base.architecture, height, width)
        if switched:  # e.g. 30x30 images: the DCGAN cannot make them, the fully connected nets can
            base = base.replace(architecture="mlp", g_width=512, d_width=128, noise="uniform", noise_dim=64)
        try:
            config = base.replace(dataset=FROM_FILE, data_path=str(path))
        except ConfigError as exc:
            QMessageBox.warning(self, _tr("Cannot use this data set"), str(exc))
            return False
        self._show_kind("image")
        self.image_controls.set_config(config)
        self.image_controls.show_preset("")
        self.reset()
        message = _tr("Training on {name}: {n} images of {h}x{w}").format(
            name=dataset.name, n=f"{len(dataset):,}", h=height, w=width
        )
        if switched:
            message += _tr(" (the DCGAN needs sides that are multiples of 4: using fully connected nets)")
        self.statusBar().showMessage(message, 10000)
        return True

    # ---- sessions
    def save_session(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, _tr("Save session"), "lesson.ganlab", _tr("Sessions (*.ganlab)"))
        if path:
            self.save_session_to(path)

    def save_session_to(self, path: str, title: str = "") -> None:
        """Ask the trainer for its state; the file is written when the answer arrives (_write_session)."""
        self._state_request += 1
        self._pending_saves[self._state_request] = (path, title)
        self.client.request_state(self._state_request)
        self.statusBar().showMessage(_tr("Saving {p}...").format(p=path))

    def _write_session(self, answer: TrainerState) -> None:
        request, config, tensors, training = answer.request, answer.config, answer.tensors, answer.training
        if request not in self._pending_saves:
            return
        path, title = self._pending_saves.pop(request)
        timeline = self.timeline.history
        snapshots = [timeline[i] for i in range(len(timeline))] if isinstance(config, RunConfig) else []
        try:
            save_session(
                path,
                config,
                state=(tensors, training),
                snapshots=snapshots,
                hidden_controls=sorted(self.hidden_controls),
                title=title,
                language=self.language,
            )
        except (SessionFileError, OSError, ValueError) as exc:
            QMessageBox.warning(self, _tr("Could not save the session"), str(exc))
            return
        if self.prefs is not None:
            self.prefs.add_recent_session(path)
        self.statusBar().showMessage(_tr("Saved ") + path, 5000)

    def open_session(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, _tr("Open session"), "", _tr("Sessions (*.ganlab);;All files (*)"))
        if path:
            self.open_session_from(path)

    def open_session_from(self, path: str) -> bool:
        """Check the file here (a dialog names any problem), then let the trainer continue from it."""
        try:
            saved = load_session(path)
            if isinstance(saved.config, ImageConfig) and saved.config.dataset == FROM_FILE:
                load_dataset(saved.config.data_path)  # the user's own images must still be where they were
        except (SessionFileError, DatasetError) as exc:
            QMessageBox.warning(self, _tr("Cannot open this session"), str(exc))
            return False
        self._show_kind("image" if isinstance(saved.config, ImageConfig) else "1d")
        self.active_controls.set_config(saved.config)
        self.active_controls.show_preset("")
        for name in self._hideable():
            self.set_control_shown(name, name not in saved.hidden_controls)
        self.reset(restore_from=str(path) if saved.has_weights else None)
        for snapshot in saved.snapshots:
            self.timeline.add(snapshot)
            self.charts.history.add(snapshot)
        if self.prefs is not None:
            self.prefs.add_recent_session(str(path))
        self.statusBar().showMessage(_tr("Opened ") + str(path), 5000)
        return True

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.prefs.recent_sessions if self.prefs is not None else []
        for path in recent:
            self.recent_menu.addAction(path, lambda _checked=False, path=path: self.open_session_from(path))
        if not recent:
            self.recent_menu.addAction(_tr("(none yet)")).setEnabled(False)

    # ---- a teacher's layout
    def _hideable(self) -> dict[str, str]:
        docks = {
            "charts": N_("Charts"),
            "numbers": N_("Numbers"),
            "saturation": N_("Saturation"),
            "captures": N_("Captures"),
            "latent": N_("Latent space"),
        }
        return {
            **{f"controls.{k}": v for k, v in HIDEABLE_GROUPS.items()},
            **{f"dock.{k}": v for k, v in docks.items()},
        }

    def set_control_shown(self, name: str, shown: bool) -> None:
        """Hide or show a group of controls or a dock (View menu); remembered in session files."""
        if shown:
            self.hidden_controls.discard(name)
        else:
            self.hidden_controls.add(name)
        if name in getattr(self, "show_actions", {}):
            action = self.show_actions[name]
            action.blockSignals(True)
            action.setChecked(shown)
            action.blockSignals(False)
        group = name.removeprefix("controls.")
        for panel in (self.controls, self.image_controls):
            panel.set_group_visible(group, shown)
        self._apply_dock_visibility()

    def _dock_for(self, name: str) -> QDockWidget | None:
        return {
            "dock.charts": self.charts_dock,
            "dock.numbers": self.metrics_dock,
            "dock.saturation": self.saturation_dock,
            "dock.captures": self.captures_dock,
            "dock.latent": self.latent_dock,
        }.get(name)

    def _apply_dock_visibility(self) -> None:
        image = self.kind == "image"
        for name in self._hideable():
            dock = self._dock_for(name)
            if dock is None:
                continue
            for_this_kind = (dock is self.latent_dock) == image or dock is self.charts_dock
            dock.setVisible(for_this_kind and name not in self.hidden_controls)

    # ---- keys for what the hidden controls do (presenter mode)
    def toggle_loss(self) -> None:
        """Minimax <-> non-saturating, the switch of the paper's saturation remark (other losses go to minimax)."""
        loss = "non_saturating" if self.active_controls.config.loss == "minimax" else "minimax"
        if self.set_setting("loss", loss):
            self.caption.setText(_tr("Generator loss: {name}").format(name=table_tr(LOSSES[loss].label)))
            self.caption.show()

    def next_speed(self) -> None:
        box = self.active_controls.speed
        box.setCurrentIndex((box.currentIndex() + 1) % box.count())
        self.statusBar().showMessage(_tr("Speed: ") + box.currentText(), 3000)

    def toggle_d_star(self) -> None:
        box = self.controls.overlay_boxes["d_star"]
        box.setChecked(not box.isChecked())

    # ---- presenter mode
    def set_presenter(self, on: bool) -> None:
        """Projector mode: full screen, large type and thick lines, high contrast, advanced controls hidden."""
        on = bool(on)
        if on and not self.presenting:
            self._normal_geometry = self.saveGeometry()
            self._normal_state = self.saveState()
        was_presenting, self.presenting = self.presenting, on
        apply_presenter(QApplication.instance(), on)
        scale_plots(self, PRESENTER_PLOT_SCALE if on else 1.0)
        self.caption.setStyleSheet(CAPTION_STYLE.format(pt=24 if on else 15))
        self.banner.setStyleSheet(BANNER_STYLE.format(pt=20 if on else 13))
        for group in ADVANCED_GROUPS:
            shown = not on and f"controls.{group}" not in self.hidden_controls
            for panel in (self.controls, self.image_controls):
                panel.set_group_visible(group, shown)
        # The projector shows the picture; the teacher drives it with keys (? lists them), F11 brings the controls back.
        # The numbers share the charts' tabs, so that the large type still fits a 1280-pixel-wide projector.
        self.controls_dock.setVisible(not on)
        self.device_label.setVisible(not on)
        if on:
            self.tabifyDockWidget(self.charts_dock, self.metrics_dock)
            self.charts_dock.raise_()
        elif was_presenting:
            self.restoreState(self._normal_state)
            self.controls_dock.show()
            self._apply_dock_visibility()  # the run may have changed kind while presenting
        if on:
            self.setGeometry(self.screen().geometry())  # also without a window manager that honours full screen
            self.showFullScreen()
            self.statusBar().showMessage(_tr("Presenter mode: F11 to leave, ? for the keys"), 6000)
        else:
            self.showNormal()
            if self._normal_geometry:
                self.restoreGeometry(self._normal_geometry)
            self.statusBar().showMessage(_tr("Presenter mode off"), 4000)
        self.presenter_action.setChecked(on)
        if self.prefs is not None:
            self.prefs.presenter = on

    # ---- lessons
    def toggle_lessons(self) -> None:
        self.lesson_dock.setVisible(not self.lesson_dock.isVisible())
        if self.lesson_dock.isVisible():
            self.lesson_dock.raise_()

    def run_lesson_action(self, action: object) -> None:
        """One button of a lesson: the verbs of ganlab.lessons.VOCABULARY, each mapped to what the window does."""
        verb, args = action.verb, action.args
        handlers = {
            "preset": lambda: self.load_preset(args[0]),
            "play": lambda: self.set_playing(True),
            "pause": lambda: self.set_playing(False),
            "step": lambda: self.step("step"),
            "step_d": lambda: self.step("step_d"),
            "step_g": lambda: self.step("step_g"),
            "reset": self.reset,
            "live": self.go_live,
            "run": lambda: self.run_iterations(args[0]),
            "set": lambda: self.set_setting(*args),
            "overlay": lambda: self.controls.overlay_boxes[args[0]].setChecked(args[1]),
            "show": lambda: self.show_panel(args[0]),
            "capture": self.capture,
            "speed": lambda: self.active_controls.set_speed_name(args[0]),
            "latent": lambda: (
                self.latent.randomise_both() if args[0] == "random" else self.latent.set_interpolation(args[0])
            ),
        }
        handlers[verb]()

    def run_iterations(self, count: int) -> None:
        """Play exactly `count` iterations, then pause (the trainer stops itself there)."""
        self.go_live()
        self.banner.hide()
        self.playing = True
        self.controls.set_playing(True)
        self.image_controls.set_playing(True)
        self._running_n = True
        self.client.run_iterations(count)

    def set_setting(self, field: str, value: object) -> bool:
        """A lesson's `set FIELD VALUE`: through the same path as editing the control."""
        panel = self.active_controls
        try:
            config = panel.config.replace(**{field: value})
        except (ConfigError, TypeError) as exc:
            self.statusBar().showMessage(_tr("This run has no setting {f}: {e}").format(f=field, e=exc), 8000)
            return False
        panel.set_config(config)
        self._config_edited(config)
        return True

    def show_panel(self, name: str) -> None:
        docks = {
            "charts": self.charts_dock,
            "saturation": self.saturation_dock,
            "captures": self.captures_dock,
            "numbers": self.metrics_dock,
            "latent": self.latent_dock,
        }
        dock = docks.get(name)
        if dock is None:
            return  # "samples" and "nearest" are the image run's central view: on screen whenever an image run is
        if (dock is self.latent_dock) != (self.kind == "image") and dock is not self.charts_dock:
            return  # a panel of the other kind of run (a lesson button pressed out of order)
        self.set_control_shown(f"dock.{name}", True)
        dock.raise_()

    # ---- exports
    def _exportable_panels(self) -> dict[str, str]:
        return {
            "figure1": N_("Figure 1"),
            "charts": N_("Charts"),
            "saturation": N_("Saturation"),
            "numbers": N_("Numbers"),
            "samples": N_("Sample grids"),
            "latent": N_("Latent space"),
            "captures": N_("Captures strip"),
        }

    def export_panel(self, name: str, path: str | None = None) -> bool:
        widgets = {
            "figure1": self.density,
            "charts": self.chart_pages.currentWidget(),
            "saturation": self.saturation,
            "numbers": self.metrics,
            "samples": self.samples,
            "latent": self.latent,
            "captures": self.captures,
        }
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, _tr("Export panel"), f"ganlab-{name}.png", _tr("PNG image (*.png);;SVG drawing (*.svg)")
            )
            if not path:
                return False
        try:
            if path.lower().endswith(".svg"):
                export_widget_svg(widgets[name], path)
            else:
                export_widget_png(widgets[name], path)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, _tr("Export failed"), str(exc))
            return False
        self.statusBar().showMessage(_tr("Saved ") + path, 5000)
        return True

    def export_timeline_gif(self, path: str | None = None) -> bool:
        history = self.timeline.history
        if len(history) == 0:
            return False
        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self, _tr("Export the timeline"), "ganlab-timeline.gif", "GIF (*.gif)"
            )
            if not path:
                return False
        self.set_playing(False)
        overlays = {name for name, box in self.controls.overlay_boxes.items() if box.isChecked()}
        try:
            done = run_with_progress(
                self,
                _tr("Exporting the timeline"),
                min(len(history), 300),
                lambda progress: export_timeline_gif(history, path, overlays=overlays, progress=progress),
            )
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, _tr("Export failed"), str(exc))
            return False
        self.statusBar().showMessage((_tr("Saved ") + path) if done else _tr("Export cancelled"), 5000)
        return done

    def export_metrics_csv(self, path: str | None = None) -> bool:
        history = self.image_charts.history if self.kind == "image" else self.charts.history
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, _tr("Export metrics"), "ganlab-metrics.csv", "CSV (*.csv)")
            if not path:
                return False
        try:
            write_metrics_csv(history.columns, path)
        except (OSError, ValueError) as exc:
            QMessageBox.warning(self, _tr("Export failed"), str(exc))
            return False
        self.statusBar().showMessage(_tr("Saved ") + path, 5000)
        return True

    # ---- dialogs
    def export_samples_png(self) -> None:
        if not isinstance(self.snapshot, ImageSnapshot):
            return
        path, _ = QFileDialog.getSaveFileName(self, _tr("Export the sample grid"), "ganlab-samples.png", "PNG (*.png)")
        if not path:
            return
        try:
            save_grid_png(self.snapshot.samples, path)
        except OSError as exc:
            QMessageBox.warning(self, _tr("Export failed"), _tr("Could not write {p}: {e}").format(p=path, e=exc))
            return
        self.statusBar().showMessage(_tr("Saved ") + path, 5000)

    def export_snapshot(self) -> None:
        if self.snapshot is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, _tr("Export snapshot"), "ganlab-snapshot.npz", "NumPy (*.npz)")
        if not path:
            return
        if isinstance(self.snapshot, ImageSnapshot):
            arrays = {"samples": self.snapshot.samples, "verdict": self.snapshot.verdict}
        else:
            arrays = self.snapshot.arrays()
        try:
            np.savez(path, **arrays)
        except OSError as exc:
            QMessageBox.warning(self, _tr("Export failed"), _tr("Could not write {p}: {e}").format(p=path, e=exc))
            return
        self.statusBar().showMessage(_tr("Saved ") + path, 5000)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            _tr("About GAN Lab Desktop"),
            _tr("GAN Lab Desktop {v}: Goodfellow et al. 2014, Figure 1, trained live.").format(v=__version__),
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self._handed_over:  # rebuilt in another language: the trainer lives on in the new window
            event.accept()
            return
        if self.prefs is not None:
            if self.presenting:  # remember the ordinary window, not the full-screen one without its controls
                self.showNormal()
                self.restoreState(self._normal_state)
                self.restoreGeometry(self._normal_geometry)
            self.prefs.save_window(self)
            self.prefs.hidden_controls = sorted(self.hidden_controls)
            self.prefs.sync()
        started = time.monotonic()
        self.client.stop()
        self.statusBar().showMessage(_tr("Stopped the trainer in {s:.2f} s").format(s=time.monotonic() - started))
        event.accept()
