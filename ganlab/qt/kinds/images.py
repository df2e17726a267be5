"""The image run's view: G's samples beside Figure 2 and the training images, its controls, charts and Figure 3."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QPoint, Qt
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from ganlab.app.images import PRESETS
from ganlab.app.kinds import ALL_PRESETS
from ganlab.app.protocol import Answer
from ganlab.app.run_kind import RunKind
from ganlab.core.i18n import N_
from ganlab.core.image_config import FROM_FILE, ImageConfig
from ganlab.core.image_models import fits
from ganlab.core.image_snapshot import ImageRunInfo, ImageSnapshot
from ganlab.core.settings import ConfigError
from ganlab.data.export import save_grid_png
from ganlab.data.images import DatasetError, load_dataset
from ganlab.qt.actions import ActionSpec
from ganlab.qt.controller import AppController
from ganlab.qt.files import ask_open_path, save_as
from ganlab.qt.kinds.base import DockSpec, KindView
from ganlab.qt.panels.charts import ImageChartsPanel
from ganlab.qt.panels.image_controls import ImageControlsPanel
from ganlab.qt.panels.images import SamplesView
from ganlab.qt.panels.latent import LatentPanel

LATENT_REFRESH_S = 0.2  # while playing, the latent pictures follow G at 5 Hz (a slider move answers at once)
NEAREST_REFRESH_S = 2.0  # while playing, Figure 2's column is recomputed this often (~15 ms for 8 samples)


if TYPE_CHECKING:  # the window builds the views
    from ganlab.qt.window.main_window import MainWindow


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class ImageView(KindView):
    def __init__(self, kind: RunKind, controller: AppController, window: MainWindow) -> None:
        super().__init__(kind, controller, window)
        self.info: ImageRunInfo | None = None
        self._nearest_request = 0
        self._nearest_asked_at = -float("inf")
        self._latent_refreshed_at = -float("inf")
        self.samples = SamplesView()
        self.central = self.samples
        self.painted = self.samples.samples
        self.controls = ImageControlsPanel(controller.configs[kind.name])
        self.controls.config_edited.connect(self._edited)
        self.controls.open_dataset_requested.connect(self.open_dataset)
        self.charts = ImageChartsPanel(history=self.record.series)
        self.latent = LatentPanel()
        self.latent.decode_requested.connect(
            lambda request, z: controller.ask("decode", request, np.asarray(z, dtype=np.float32))
        )
        self.latent.endpoint_changed.connect(self.samples.set_endpoint)
        self.samples.sample_clicked.connect(self._sample_clicked)
        self.samples.sample_menu.connect(self._sample_menu)
        self.samples.nearest_wanted.connect(self._ask_nearest)
        self.docks = [
            DockSpec("charts", _tr("Charts"), self.charts, export_widget=self.charts),
            DockSpec(
                "latent", _tr("Latent space (Figure 3)"), self.latent, tab_with="charts", export_widget=self.latent
            ),
        ]
        self.exportable_central = ("samples", N_("Sample grids"), self.samples)
        self.dock_height = 380  # the sample grids need less height than Figure 1; the latent panel below needs more
        self.front_dock = "latent"  # Figure 3 is what an image run is for once it has trained
        controller.preset_changed.connect(self._preset_loaded)

    # ---- menus, keys and lessons
    def actions(self) -> list[ActionSpec]:
        return [
            # These two open another kind of run from any kind: enabled whatever is shown.
            ActionSpec(
                "open_dataset", "file", N_("Open image data set (file)..."), self.open_dataset, ("Ctrl+Shift+O",),
                N_("Open an image data set (MNIST IDX, .npz)"), section=1,
            ),
            ActionSpec(
                "open_folder", "file", N_("Open image data set (folder of images)..."), self.open_image_folder,
                section=1,
            ),
            ActionSpec(
                "export_grid", "file/export", N_("The sample grid (PNG)..."), self.export_samples_png,
                kind=self.kind.name, section=2,
            ),
        ]  # fmt: skip

    def lesson_handlers(self) -> dict[str, Callable[[tuple[Any, ...]], None]]:
        def latent(args: tuple[Any, ...]) -> None:
            if args[0] == "random":
                self.latent.randomise_both()
            else:
                self.latent.set_interpolation(args[0])

        return {"latent": latent}

    # ---- drawing
    def show_snapshot(self, snapshot: ImageSnapshot) -> None:
        playing = self.controller.playing
        self.samples.update_snapshot(snapshot)
        self.charts.update_snapshot(snapshot, force=not playing)
        now = time.monotonic()
        if self.latent.isVisible() and (not playing or now - self._latent_refreshed_at >= LATENT_REFRESH_S):
            self._latent_refreshed_at = now
            self.latent.refresh()  # the same z through the new G
        if self.samples.compared and (not playing or now - self._nearest_asked_at >= NEAREST_REFRESH_S):
            self._ask_nearest(tuple(self.samples.compared))

    def status(self, snapshot: ImageSnapshot) -> str:
        return _tr("mean D: real {r:.2f}, fake {f:.2f}").format(r=snapshot.d_real_mean, f=snapshot.d_fake_mean)

    def run_started(self, info: ImageRunInfo | None) -> None:
        if not isinstance(info, ImageRunInfo):
            return
        self.info = info
        self.samples.set_run(info)
        self.latent.set_run(info)
        if self.samples.compared:
            self._ask_nearest(tuple(self.samples.compared))

    def run_cleared(self) -> None:
        self.charts.clear()
        self.latent.forget_run()

    def record_restored(self) -> None:
        self.charts.redraw()

    def answered(self, answer: Answer) -> None:
        if answer.name == "decode":
            self.latent.show_decoded(answer.value)
        elif answer.name == "nearest":
            self.samples.show_nearest(answer.value)

    def _preset_loaded(self, key: str) -> None:
        """A preset that starts from trained networks (latent) is there to walk the latent space: show that panel."""
        preset = ALL_PRESETS.get(key)
        if preset is not None and preset.session and self.controller.kind is self.kind:
            self.window.raise_dock("latent")

    # ---- Figure 2 and Figure 3 from the grid
    def _ask_nearest(self, indices: tuple[int, ...]) -> None:
        self._nearest_request += 1
        self._nearest_asked_at = time.monotonic()
        self.samples.expected_nearest = self._nearest_request  # older answers are dropped
        if indices and self.controller.kind is self.kind:
            self.controller.ask("nearest", self._nearest_request, tuple(indices))

    def _sample_clicked(self, index: int, modifiers: object) -> None:
        """Click: latent start A; Shift+click: end B; Ctrl+click: compare with the nearest training image."""
        modifiers = Qt.KeyboardModifier(modifiers)
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            self.samples.toggle_compared(index)
        else:
            self.latent.use_sample("B" if modifiers & Qt.KeyboardModifier.ShiftModifier else "A", index)
            self.window.raise_dock("latent")

    def _sample_menu(self, index: int, where: QPoint) -> None:
        menu = QMenu(self.window)
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

    # ---- settings and data sets
    def _edited(self, config: ImageConfig) -> None:
        """The DCGAN cannot draw every image size: refuse a change that would not fit the run's images."""
        info = self.info
        running = self.controller.client.config
        if (
            info is not None
            and isinstance(running, ImageConfig)
            and config.dataset == running.dataset
            and not fits(config.architecture, *info.image_shape)
        ):
            height, width = info.image_shape
            self.controls.set_config(running)  # the controls show what the run really uses
            self.window.statusBar().showMessage(
                _tr("The DCGAN needs sides that are multiples of 4; these images are {h}x{w}.").format(
                    h=height, w=width
                ),
                8000,
            )
            return
        self.controller.edit(config)

    def open_dataset(self) -> None:
        path = ask_open_path(
            self.window,
            _tr("Open an image data set"),
            _tr("Image data (*.npz *-ubyte *-ubyte.gz *.idx *.gz);;All files (*)"),
        )
        if path:
            self.open_dataset_from(path)

    def open_image_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self.window, _tr("Open a folder of images (or of MNIST IDX files)"))
        if path:
            self.open_dataset_from(path)

    def open_dataset_from(self, path: str) -> bool:
        """Check the data set here (a clear dialog if it is unusable), then train the image run on it."""
        try:
            dataset = load_dataset(path)
        except DatasetError as exc:
            QMessageBox.warning(self.window, _tr("Cannot use this data set"), str(exc))
            return False
        base = self.controller.config if self.controller.kind is self.kind else PRESETS[0].config
        height, width = dataset.image_shape
        switched = not fits(base.architecture, height, width)
        if switched:  # e.g. 30x30 images: the DCGAN cannot make them, the fully connected nets can
            base = base.replace(architecture="mlp", g_width=512, d_width=128, noise="uniform", noise_dim=64)
        try:
            config = base.replace(dataset=FROM_FILE, data_path=str(path))
        except ConfigError as exc:
            QMessageBox.warning(self.window, _tr("Cannot use this data set"), str(exc))
            return False
        self.controller.edit(config, restart=True)  # the same path may hold new images: start afresh
        message = _tr("Training on {name}: {n} images of {h}x{w}").format(
            name=dataset.name, n=f"{len(dataset):,}", h=height, w=width
        )
        if switched:
            message += _tr(" (the DCGAN needs sides that are multiples of 4: using fully connected nets)")
        self.window.statusBar().showMessage(message, 10000)
        return True

    def export_samples_png(self, path: str | None = None) -> bool:
        snapshot = self.controller.snapshot
        if not isinstance(snapshot, ImageSnapshot):
            return False
        return save_as(
            self.window,
            _tr("Export the sample grid"),
            "ganlab-samples.png",
            "PNG (*.png)",
            lambda target: save_grid_png(snapshot.samples, target),
            path,
        )

    # ---- across a rebuild of the window
    def state(self) -> dict[str, Any]:
        latent = self.latent
        return {
            "info": self.info,
            "compared": list(self.samples.compared),
            "endpoints": dict(self.samples.endpoints),
            "interpolation": latent.interpolation,
            "slider": latent.slider.value(),
            "nudges": [slider.value() for slider in latent.z_sliders],
            "a": latent.a,
            "b": latent.b,
        }

    def set_state(self, state: dict[str, Any]) -> None:
        if state.get("info") is None:
            return
        self.samples.compared = list(state["compared"])
        self.run_started(state["info"])
        latent = self.latent
        latent.set_interpolation(state["interpolation"])
        latent.slider.setValue(state["slider"])
        for slider, value in zip(latent.z_sliders, state["nudges"], strict=True):
            slider.setValue(value)
        for name in ("A", "B"):
            z = state[name.lower()]
            if z is not None:
                latent.set_endpoint(name, z, state["endpoints"].get(name))
        snapshot = self.controller.snapshot
        if isinstance(snapshot, ImageSnapshot):
            self.show_snapshot(snapshot)
        self.record_restored()
