"""The plane run's view: the layered plane, its controls (with the fixes for mode collapse) and its charts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QWidget

from ganlab.app.run_kind import RunKind
from ganlab.core.i18n import N_
from ganlab.core.plane.snapshot import PlaneRunInfo, PlaneSnapshot
from ganlab.core.plane.targets import CUSTOM, MAX_CUSTOM_POINTS
from ganlab.core.settings import ConfigError
from ganlab.data.samples import SampleFileError, load_points
from ganlab.qt.actions import ActionSpec
from ganlab.qt.controller import AppController
from ganlab.qt.files import ask_open_path
from ganlab.qt.kinds.base import DockSpec, KindView
from ganlab.qt.panels.charts import PlaneChartsPanel
from ganlab.qt.panels.metrics import PlaneMetricsPanel
from ganlab.qt.panels.plane import PlaneCanvas
from ganlab.qt.panels.plane_controls import PlaneControls
from ganlab.qt.panels.plane_z import LatentGridView

if TYPE_CHECKING:  # the window builds the views
    from ganlab.qt.window.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class PlaneView(KindView):
    def __init__(self, kind: RunKind, controller: AppController, window: MainWindow) -> None:
        super().__init__(kind, controller, window)
        self.canvas = PlaneCanvas()
        self.z_view = LatentGridView()
        self.z_view.hovered.connect(self.canvas.set_highlight)
        self.central = QWidget()
        row = QHBoxLayout(self.central)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.canvas, 1)
        row.addWidget(self.z_view)
        self.painted = self.canvas
        self.controls = PlaneControls(controller.configs[kind.name])
        self.controls.config_edited.connect(controller.edit)
        self.controls.layer_toggled.connect(self.canvas.set_layer)
        self.charts = PlaneChartsPanel(history=self.record.series)
        self.metrics = PlaneMetricsPanel()
        self.docks = [
            DockSpec("charts", _tr("Charts"), self.charts, export_widget=self.charts),
            DockSpec("numbers", _tr("Numbers"), self.metrics, tab_with="charts", export_widget=self.metrics),
        ]
        self.exportable_central = ("plane", N_("The plane"), self.canvas)

    def actions(self) -> list[ActionSpec]:
        return [
            ActionSpec(
                "load_points",
                "file",
                N_("Load data points (CSV: x, y)..."),
                self.load_points,
                kind=self.kind.name,
                section=1,
            ),
        ]

    def load_points(self) -> None:
        path = ask_open_path(self.window, _tr("Load data points"), _tr("Samples (*.csv *.txt *.tsv);;All files (*)"))
        if path:
            self.load_points_from(path)

    def load_points_from(self, path: str) -> bool:
        """Train the plane on a user's (x, y) points; a dialog names the file and the problem if they cannot be used."""
        try:
            points = load_points(path)
            if len(points) > MAX_CUSTOM_POINTS:
                raise SampleFileError(f"{len(points):,} points; at most {MAX_CUSTOM_POINTS:,} (use a subset)")
            config = self.controller.configs[self.kind.name].replace(
                target=CUSTOM, custom_points=tuple((float(x), float(y)) for x, y in points)
            )
        except (SampleFileError, ConfigError) as exc:
            QMessageBox.warning(self.window, _tr("Cannot use this file"), str(exc))
            return False
        self.controller.edit(config, restart=True)  # the same file read again may hold new points
        self.window.statusBar().showMessage(_tr("Training on a custom p_data from {s}").format(s=path), 6000)
        return True

    def lesson_handlers(self) -> dict[str, Callable[[tuple[Any, ...]], None]]:
        return {"layer": lambda args: self.controls.layer_boxes[args[0]].setChecked(args[1])}

    def show_snapshot(self, snapshot: PlaneSnapshot) -> None:
        self.canvas.update_snapshot(snapshot)
        self.metrics.update_snapshot(snapshot)
        self.charts.update_snapshot(snapshot, force=not self.controller.playing)

    def run_started(self, info: PlaneRunInfo | None) -> None:
        if isinstance(info, PlaneRunInfo):
            self.canvas.set_run(info)
            self.z_view.set_run(info)

    def run_cleared(self) -> None:
        self.charts.clear()

    def record_restored(self) -> None:
        self.charts.redraw()

    def status(self, snapshot: PlaneSnapshot) -> str:
        if snapshot.modes_covered == snapshot.modes_covered:  # not NaN: the target has modes
            return _tr("modes {m:.0f}, high quality {q:.0f}%, JS {j:.3f} nats").format(
                m=snapshot.modes_covered, q=snapshot.high_quality_pct, j=snapshot.js
            )
        return _tr("JS {j:.3f} nats, W1 {w:.3f}").format(j=snapshot.js, w=snapshot.w1)

    def state(self) -> dict[str, Any]:
        return {"layers": dict(self.canvas.shown), "info": self.canvas.info}

    def set_state(self, state: dict[str, Any]) -> None:
        for name, shown in state.get("layers", {}).items():
            self.controls.layer_boxes[name].setChecked(shown)
        if state.get("info") is not None:
            self.run_started(state["info"])
        snapshot = self.controller.snapshot
        if isinstance(snapshot, PlaneSnapshot):
            self.show_snapshot(snapshot)
        self.record_restored()
