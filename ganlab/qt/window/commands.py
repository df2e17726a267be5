"""What the window's own menu entries do: sessions, exports, presenter mode, the loss key, About. A mixin of
MainWindow (kept apart so that the window module only lays out and wires)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ganlab import __version__
from ganlab.app.kinds import ALL_PRESETS, kind_of
from ganlab.app.sessions import SessionFile, read_session
from ganlab.core.losses import LOSSES
from ganlab.data.metrics_csv import write_metrics_csv
from ganlab.qt.exports import export_widget_png, export_widget_svg
from ganlab.qt.files import ask_open_path, ask_save_path, save_as
from ganlab.qt.i18n import table_tr
from ganlab.qt.look.plot_scale import PRESENTER_PLOT_SCALE, scale_plots
from ganlab.qt.look.projector import apply_presenter
from ganlab.qt.panels.controls import ADVANCED_GROUPS

if TYPE_CHECKING:
    from ganlab.qt.window.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class WindowCommands(_Base):
    ADVANCED = ADVANCED_GROUPS  # control groups presenter mode hides
    BANNER_STYLE = "background: #fde2e1; color: #8a1c12; padding: 8px; font-size: {pt}pt;"
    CAPTION_STYLE = "background: #eef3ff; color: #1a2a5a; padding: 6px; font-size: {pt}pt;"

    # ---- sessions
    def save_session(self) -> None:
        path = ask_save_path(self, _tr("Save session"), "lesson.ganlab", _tr("Sessions (*.ganlab)"))
        if path:
            self.save_session_to(path)

    def save_session_to(self, path: str, title: str = "") -> None:
        """Ask the trainer for its state; the controller writes the file when the answer arrives. title: what the
        window's title bar shows once the session is opened again (default: the preset's title, else the file's
        name)."""
        preset = ALL_PRESETS.get(self.controller.preset_key)
        title = title or (table_tr(preset.title) if preset is not None else Path(path).stem)
        self.controller.save_session_to(path, title)

    def open_session(self) -> None:
        path = ask_open_path(self, _tr("Open session"), _tr("Sessions (*.ganlab);;All files (*)"))
        if path:
            self.open_session_from(path)

    def open_session_from(self, path: str) -> bool:
        """Check the file here (a dialog names any problem), then let the trainer continue from it."""
        try:
            saved = read_session(path)
            check = kind_of(saved.config).check_files
            if check is not None:
                check(saved.config)  # e.g. the user's own images must still be where they were
        except ValueError as exc:  # SessionFileError, or what the kind's check found (DatasetError)
            QMessageBox.warning(self, _tr("Cannot open this session"), str(exc))
            return False
        self.controller.open_session(saved)
        return True

    def _session_opened(self, saved: SessionFile) -> None:
        for name in self.hideable():
            self.set_control_shown(name, name not in saved.hidden_controls)
        self._remember_session(saved.path)
        title = _tr("GAN Lab Desktop")
        self.setWindowTitle(f"{title} - {saved.title}" if saved.title else title)
        if saved.notes:
            self.statusBar().showMessage(saved.notes, 15000)

    def _remember_session(self, path: str) -> None:
        if self.prefs is not None:
            self.prefs.add_recent_session(str(path))

    def fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.prefs.recent_sessions if self.prefs is not None else []
        for path in recent:
            self.recent_menu.addAction(path, lambda _checked=False, path=path: self.open_session_from(path))
        if not recent:
            self.recent_menu.addAction(_tr("(none yet)")).setEnabled(False)

    def _warn(self, title: str, text: str) -> None:
        QMessageBox.warning(self, title, text)

    # ---- exports
    def exportable_panels(self) -> dict[str, tuple[str, QWidget]]:
        """name -> (label, widget) of every panel File > Export > Panel offers. A name several kinds share
        ("charts") is the panel of the kind on show."""
        panels: dict[str, tuple[str, QWidget]] = {}
        for view in sorted(self.views.values(), key=lambda v: v.kind.name == self.kind):  # the shown kind last
            if view.exportable_central is not None:
                name, label, widget = view.exportable_central
                panels[name] = (label, widget)
            for spec in view.docks:
                if spec.export_widget is not None:
                    panels[spec.name] = (spec.title, spec.export_widget)
        return panels

    def export_panel(self, name: str, path: str | None = None) -> bool:
        widget = self.exportable_panels()[name][1]

        def write(target: str) -> None:
            (export_widget_svg if target.lower().endswith(".svg") else export_widget_png)(widget, target)

        filters = _tr("PNG image (*.png);;SVG drawing (*.svg)")
        return save_as(self, _tr("Export panel"), f"ganlab-{name}.png", filters, write, path)

    def export_snapshot(self, path: str | None = None) -> bool:
        snapshot = self.controller.snapshot
        if snapshot is None:
            return False
        arrays = snapshot.arrays()
        return save_as(
            self, _tr("Export snapshot"), "ganlab-snapshot.npz", "NumPy (*.npz)", lambda p: np.savez(p, **arrays), path
        )

    def export_metrics_csv(self, path: str | None = None) -> bool:
        columns = self.controller.record.series.columns
        return save_as(
            self,
            _tr("Export metrics"),
            "ganlab-metrics.csv",
            "CSV (*.csv)",
            lambda target: write_metrics_csv(columns, target),
            path,
        )

    # ---- keys for what the hidden controls do (presenter mode)
    def toggle_loss(self) -> None:
        """Minimax <-> non-saturating, the switch of the paper's saturation remark (other losses go to minimax)."""
        if not hasattr(self.controller.config, "loss"):
            return  # a kind of run without a generator loss
        loss = "non_saturating" if self.controller.config.loss == "minimax" else "minimax"
        if self.controller.set_setting("loss", loss):
            self.caption.setText(_tr("Generator loss: {name}").format(name=table_tr(LOSSES[loss].label)))
            self.caption.show()

    def help_overlay_toggle(self) -> None:
        self.help_overlay.toggle()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            _tr("About GAN Lab Desktop"),
            _tr("GAN Lab Desktop {v}: Goodfellow et al. 2014, Figure 1, trained live.").format(v=__version__),
        )

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
        self.caption.setStyleSheet(self.CAPTION_STYLE.format(pt=24 if on else 15))
        self.banner.setStyleSheet(self.BANNER_STYLE.format(pt=20 if on else 13))
        hidden = self.controller.hidden_controls
        for group in ADVANCED_GROUPS:
            for view in self.views.values():
                view.controls.set_group_visible(group, not on and f"controls.{group}" not in hidden)
        # The projector shows the picture; the teacher drives it with keys (? lists them), F11 brings the controls back.
        self.controls_dock.setVisible(not on)
        self.device_label.setVisible(not on)
        if on:
            self.view.presenting(True)
        elif was_presenting:
            self.restoreState(self._normal_state)
            self.controls_dock.show()
            self._apply_dock_visibility()  # the run may have changed kind while presenting
            self.view.presenting(False)
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
