"""The 1-D run's view: Figure 1 with its timeline, the controls, charts, numbers, the saturation view and captures."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ganlab.app.run_kind import RunKind
from ganlab.core.distributions import CUSTOM
from ganlab.core.i18n import N_
from ganlab.core.settings import ConfigError
from ganlab.core.snapshot import Snapshot
from ganlab.data.samples import SampleFileError, density_table, load_samples
from ganlab.qt.actions import ActionSpec
from ganlab.qt.controller import AppController
from ganlab.qt.exports import export_timeline_gif, run_with_progress
from ganlab.qt.files import ask_open_path, save_as
from ganlab.qt.kinds.base import DockSpec, KindView
from ganlab.qt.panels.capture import CaptureStrip
from ganlab.qt.panels.charts import ChartsPanel
from ganlab.qt.panels.controls import ControlsPanel
from ganlab.qt.panels.density import DensityPanel
from ganlab.qt.panels.metrics import MetricsPanel
from ganlab.qt.panels.saturation import SaturationPanel
from ganlab.qt.panels.timeline import TimelineBar

if TYPE_CHECKING:  # the window builds the views
    from ganlab.qt.window.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class OneDView(KindView):
    def __init__(self, kind: RunKind, controller: AppController, window: MainWindow) -> None:
        super().__init__(kind, controller, window)
        self.shown_snapshot: Snapshot | None = None  # the Figure 1 on screen (the timeline may show an older one)
        self.density = DensityPanel()
        self.timeline = TimelineBar(history=self.record.timeline)
        self.timeline.scrubbed.connect(self._show_past)
        self.timeline.live_requested.connect(self.go_live)
        figure_page = QWidget()
        figure_layout = QVBoxLayout(figure_page)
        figure_layout.setContentsMargins(0, 0, 0, 0)
        figure_layout.addWidget(self.density, 1)
        figure_layout.addWidget(self.timeline)
        self.central = figure_page
        self.painted = self.density

        self.controls = ControlsPanel(controller.configs[kind.name])
        self.controls.config_edited.connect(controller.edit)
        self.controls.overlay_toggled.connect(self.density.set_overlay)
        self.controls.draw_requested.connect(self.draw_target)
        self.controls.load_samples_requested.connect(self.load_samples)
        self.density.drawing_changed.connect(self.controls.set_drawing)
        self.density.density_drawn.connect(self._density_drawn)

        self.charts = ChartsPanel(history=self.record.series)
        self.metrics = MetricsPanel()
        numbers = QScrollArea()  # scrolls rather than making the window taller than a projector in presenter mode
        numbers.setWidget(self.metrics)
        numbers.setWidgetResizable(True)
        numbers.setFrameShape(QScrollArea.Shape.NoFrame)
        numbers.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        numbers.setMinimumWidth(self.metrics.sizeHint().width() + numbers.verticalScrollBar().sizeHint().width())
        self.saturation = SaturationPanel(history=self.record.series)
        self.captures = CaptureStrip()
        self.docks = [
            DockSpec("charts", _tr("Charts"), self.charts, export_widget=self.charts),
            DockSpec("numbers", _tr("Numbers"), numbers, export_widget=self.metrics),
            DockSpec(
                "saturation",
                _tr("Saturation"),
                self.saturation,
                tab_with="charts",
                export_widget=self.saturation,
                on_visible=self.saturation_shown,
            ),
            DockSpec(
                "captures", _tr("Captures"), self._captures_panel(), tab_with="charts", export_widget=self.captures
            ),
        ]
        self.exportable_central = ("figure1", N_("Figure 1"), self.density)

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
        self.export_captures_button.clicked.connect(lambda: self.export_captures())
        self.clear_captures_button.clicked.connect(self.captures.clear)
        buttons.addWidget(hint, 1)
        buttons.addWidget(self.export_captures_button)
        buttons.addWidget(self.clear_captures_button)
        layout.addLayout(buttons)
        return panel

    # ---- menus, keys and lessons
    def actions(self) -> list[ActionSpec]:
        name = self.kind.name
        return [
            ActionSpec(
                "load_samples", "file", N_("Load data samples (CSV)..."), self.load_samples, ("Ctrl+I",),
                N_("Load data samples (CSV) as p_data"), kind=name, section=1,
            ),
            ActionSpec(
                "export_gif", "file/export", N_("The timeline as an animated GIF..."), self.export_timeline_gif,
                kind=name, section=2,
            ),
            ActionSpec(
                "d_star", "run", N_("Show or hide D*"), self.toggle_d_star, ("O",),
                N_("Show or hide the optimal D* on Figure 1"), kind=name, section=1,
            ),
            ActionSpec(
                "capture", "run", N_("Capture Figure 1"), self.capture, ("C",),
                N_("Capture Figure 1 into the strip (a)-(d)"), kind=name, section=2,
            ),
            ActionSpec(
                "live", "run", N_("Back to the live run"), self.go_live, ("L",),
                N_("Leave the timeline: back to the live run"), kind=name, section=2,
            ),
        ]  # fmt: skip

    def lesson_handlers(self) -> dict[str, Callable[[tuple[Any, ...]], None]]:
        return {
            "overlay": lambda args: self.controls.overlay_boxes[args[0]].setChecked(args[1]),
            "capture": lambda args: self.capture(),
        }

    # ---- drawing
    def show_snapshot(self, snapshot: Snapshot) -> None:
        playing = self.controller.playing
        self.timeline.follow()
        self.charts.update_snapshot(snapshot, force=not playing)
        scrubbing = self.timeline.is_scrubbing()
        if not scrubbing and self.saturation.isVisible():  # its history is in the record whether drawn or not
            self.saturation.update_snapshot(snapshot, force=not playing)
        if not scrubbing:
            self._draw(snapshot)

    def _draw(self, snapshot: Snapshot) -> None:
        """Figure 1 and the numbers for one snapshot, live or from the timeline."""
        self.shown_snapshot = snapshot
        self.density.update_snapshot(snapshot)
        self.metrics.update_snapshot(snapshot)

    def status(self, snapshot: Snapshot) -> str:
        return _tr("JSD {j:.4f} nats").format(j=snapshot.jsd)

    def run_cleared(self) -> None:
        self.timeline.clear()
        self.charts.clear()
        self.saturation.clear()

    def record_restored(self) -> None:
        self.timeline.follow()
        self.charts.redraw()
        self.saturation.redraw()

    def showing_past(self) -> bool:
        return self.timeline.is_scrubbing()

    def _show_past(self, snapshot: Snapshot) -> None:
        self._draw(snapshot)
        self.window.show_caption(snapshot.phase)
        self.saturation.update_snapshot(snapshot, record=False)
        self.charts.mark(snapshot.iteration)
        self.window.statusBar().showMessage(
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
        self.window.statusBar().clearMessage()
        snapshot = self.controller.snapshot
        if isinstance(snapshot, Snapshot):
            self._draw(snapshot)
            self.saturation.update_snapshot(snapshot, force=True, record=False)
            self.window.show_caption(snapshot.phase)

    def saturation_shown(self, visible: bool) -> None:
        if visible and self.shown_snapshot is not None:  # catch up on what it skipped while hidden
            self.saturation.update_snapshot(self.shown_snapshot, force=True, record=False)

    # ---- captures and exports
    def capture(self) -> None:
        if self.shown_snapshot is None:
            return
        self.captures.capture(self.shown_snapshot, self.density.overlays)
        self.window.raise_dock("captures")
        self.window.statusBar().showMessage(
            _tr("Captured iteration {i} ({n} of 4)").format(i=self.shown_snapshot.iteration, n=self.captures.count()),
            4000,
        )

    def export_captures(self, path: str | None = None) -> bool:
        if self.captures.count() == 0:
            QMessageBox.information(self.window, _tr("Nothing to export"), _tr("Press C to capture Figure 1 first."))
            return False
        return save_as(
            self.window, _tr("Export the strip"), "ganlab-figure1.png", "PNG (*.png)", self.captures.export_png, path
        )

    def export_timeline_gif(self, path: str | None = None) -> bool:
        history = self.record.timeline
        if history is None or len(history) == 0:
            return False
        overlays = dict(self.density.overlays)

        def write(target: str) -> bool:
            self.controller.set_playing(False)
            return run_with_progress(
                self.window,
                _tr("Exporting the timeline"),
                min(len(history), 300),
                lambda progress: export_timeline_gif(history, target, overlays=overlays, progress=progress),
            )

        return save_as(self.window, _tr("Export the timeline"), "ganlab-timeline.gif", "GIF (*.gif)", write, path)

    def toggle_d_star(self) -> None:
        box = self.controls.overlay_boxes["d_star"]
        box.setChecked(not box.isChecked())

    # ---- your own p_data
    def draw_target(self, start: bool) -> None:
        if not start:
            self.density.stop_drawing()
            return
        self.controller.set_playing(False)
        self.density.start_drawing()
        self.window.statusBar().showMessage(_tr("Drag over Figure 1 to draw p_data; release the mouse to train on it."))

    def _density_drawn(self, low: float, high: float, values: tuple[float, ...]) -> None:
        self._use_custom_target((low, high, values), _tr("your drawing"))

    def load_samples(self) -> None:
        path = ask_open_path(self.window, _tr("Load data samples"), _tr("Samples (*.csv *.txt *.tsv);;All files (*)"))
        if path:
            self.load_samples_from(path)

    def load_samples_from(self, path: str) -> bool:
        try:
            table = density_table(load_samples(path))
        except SampleFileError as exc:
            QMessageBox.warning(self.window, _tr("Cannot use this file"), str(exc))
            return False
        self._use_custom_target(table, path)
        return True

    def _use_custom_target(self, table: tuple[float, float, tuple[float, ...]], source: str) -> None:
        try:
            config = self.controller.configs[self.kind.name].replace(target=CUSTOM, custom_density=table)
        except ConfigError as exc:
            QMessageBox.warning(self.window, _tr("Cannot use this density"), str(exc))
            return
        self.controller.edit(config, restart=True)  # the same file read again may hold new data: start afresh
        self.window.statusBar().showMessage(_tr("Training on a custom p_data from {s}").format(s=source), 6000)

    # ---- across a rebuild of the window
    def state(self) -> dict[str, Any]:
        return {"overlays": dict(self.density.overlays)}

    def set_state(self, state: dict[str, Any]) -> None:
        for name, shown in state.get("overlays", {}).items():
            self.controls.overlay_boxes[name].setChecked(shown)
        snapshot = self.controller.snapshot
        if isinstance(snapshot, Snapshot):
            self._draw(snapshot)
        self.record_restored()

    def presenting(self, on: bool) -> None:
        """The numbers share the charts' tabs on a projector, so that the large type fits 1280 pixels."""
        if on:
            self.window.tabify_docks("charts", "numbers")
