"""The paper's Figure 3 made live: morph one sample into another along a line (or great circle) in z.

The panel never runs G: it sends the z it needs (the point under the slider, the two endpoints, a strip of ten
frames) to the trainer and shows the answer. One request is in flight at a time; moves made meanwhile are merged
into the next request, so dragging the slider never queues up stale work.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from ganlab.core.i18n import N_
from ganlab.core.image_snapshot import DecodedImages, ImageRunInfo
from ganlab.core.latent import INTERPOLATIONS, latent_path, random_z
from ganlab.qt.i18n import table_tr
from ganlab.qt.panels.images import ImageGrid

STRIP_FRAMES = 10  # like the rows of the paper's Figure 3
SLIDER_STEPS = 100
Z_SLIDERS = 4  # the first few z coordinates get their own slider
Z_SLIDER_RANGE = 3.0  # each moves its coordinate by up to +-3 (Gaussian z: three standard deviations)
Z_SLIDER_STEPS = 60
MODE_LABELS = {"lerp": N_("Linear (lerp)"), "slerp": N_("Spherical (slerp)")}


def _tr(text: str) -> str:
    return QCoreApplication.translate("LatentPanel", text)


class LatentPanel(QWidget):
    decode_requested = Signal(int, object)  # request number, z (n, noise_dim) float32
    endpoint_changed = Signal(str, object)  # "A" / "B", the grid index it came from or None (random)
    pictures_shown = Signal(int)  # a request's pictures are on screen (its number): the student sees the answer

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info: ImageRunInfo | None = None
        self.a: np.ndarray | None = None
        self.b: np.ndarray | None = None
        self.offsets = np.zeros(Z_SLIDERS)
        self.sources: dict[str, int | None] = {}  # "A" / "B" -> the grid sample it came from (None: random)
        self.rng = np.random.default_rng()
        self._next_request = 0
        self._in_flight: int | None = None
        self._stale = False  # something changed since the request in flight was sent

        self.preview = ImageGrid(columns=1, min_cell=88)
        self.start_image = ImageGrid(columns=1, min_cell=40)
        self.end_image = ImageGrid(columns=1, min_cell=40)
        self.strip = ImageGrid(columns=STRIP_FRAMES, min_cell=44)
        self.strip.describe = lambda i: _tr("t = {t:.2f}").format(t=i / (STRIP_FRAMES - 1))
        self.strip.clicked.connect(lambda i, _: self.slider.setValue(round(i * SLIDER_STEPS / (STRIP_FRAMES - 1))))

        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.setValue(SLIDER_STEPS // 2)
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # arrows belong to the window's step shortcut
        self.slider.valueChanged.connect(self._moved)
        self.t_label = QLabel()
        self.mode = QComboBox()
        for key in INTERPOLATIONS:
            self.mode.addItem(table_tr(MODE_LABELS[key]), key)
        self.mode.setToolTip(
            _tr("Spherical keeps |z| typical of the prior all the way; the straight line passes nearer the origin")
        )
        self.mode.currentIndexChanged.connect(self._moved)
        self.mode.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        buttons = QHBoxLayout()
        for text, tip, slot in (
            (_tr("Random A"), _tr("A new start z from the prior"), lambda: self.randomise("A")),
            (_tr("Random B"), _tr("A new end z from the prior"), lambda: self.randomise("B")),
            (_tr("Random both"), _tr("Two new endpoints"), self.randomise_both),
            (_tr("Swap"), _tr("Exchange A and B"), self.swap),
        ):
            button = QPushButton(text)
            button.setToolTip(tip)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addWidget(QLabel(_tr("Path:")))
        buttons.addWidget(self.mode)
        buttons.addStretch(1)

        ends = QGridLayout()
        ends.addWidget(QLabel(_tr("Start A")), 0, 0)
        ends.addWidget(self.start_image, 0, 1)
        ends.addWidget(QLabel(_tr("End B")), 1, 0)
        ends.addWidget(self.end_image, 1, 1)

        self.z_sliders: list[QSlider] = []
        self.z_labels: list[QLabel] = []
        dims = QGroupBox(_tr("Nudge the first z coordinates"))
        dims_layout = QGridLayout(dims)
        for i in range(Z_SLIDERS):
            slider = QSlider(Qt.Orientation.Horizontal)
            slider.setRange(-Z_SLIDER_STEPS // 2, Z_SLIDER_STEPS // 2)
            slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            slider.valueChanged.connect(lambda value, i=i: self._nudged(i, value))
            label = QLabel()
            dims_layout.addWidget(label, i, 0)
            dims_layout.addWidget(slider, i, 1)
            self.z_sliders.append(slider)
            self.z_labels.append(label)
        zero = QPushButton(_tr("Zero"))
        zero.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        zero.clicked.connect(self.zero_offsets)
        dims_layout.addWidget(zero, Z_SLIDERS, 1, Qt.AlignmentFlag.AlignRight)

        top = QHBoxLayout()
        top.addLayout(ends, 1)
        middle = QVBoxLayout()
        middle.addWidget(self.preview, 1)
        middle.addWidget(self.t_label, 0, Qt.AlignmentFlag.AlignHCenter)
        top.addLayout(middle, 2)
        top.addWidget(dims, 2)

        self.strip_title = QLabel(
            _tr(
                "From A to B in ten steps, like the paper's Figure 3 (click a frame to go there). Pick endpoints in "
                "the sample grid: click = A, Shift+click = B."
            )
        )
        self.strip_title.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addLayout(top, 3)
        layout.addWidget(self.slider)
        layout.addWidget(self.strip_title)
        layout.addWidget(self.strip, 2)
        self._label_offsets()
        self._label_t()

    # ---- what the path is
    @property
    def t(self) -> float:
        return self.slider.value() / SLIDER_STEPS

    @property
    def interpolation(self) -> str:
        return self.mode.currentData()

    def point(self) -> np.ndarray:
        """z under the slider, nudged by the coordinate sliders."""
        z = latent_path(self.a, self.b, [self.t], self.interpolation)[0]
        z[: len(self.offsets)] += self.offsets[: len(z)]
        return z

    def request_z(self) -> np.ndarray:
        """Rows: the slider's point, A, B, then the strip's STRIP_FRAMES frames."""
        strip = latent_path(self.a, self.b, np.linspace(0.0, 1.0, STRIP_FRAMES), self.interpolation)
        return np.vstack([self.point(), self.a, self.b, strip]).astype(np.float32)

    # ---- set up
    def set_run(self, info: ImageRunInfo) -> None:
        """A new image run: endpoints from its first two grid samples, offsets back to zero."""
        self.info = info
        self.rng = np.random.default_rng()
        self.a = np.array(info.fixed_noise[0], dtype=np.float64)
        self.b = np.array(info.fixed_noise[1], dtype=np.float64)
        self._in_flight = None
        self._input_at = None
        self.sources = {"A": 0, "B": 1}
        self.endpoint_changed.emit("A", 0)
        self.endpoint_changed.emit("B", 1)
        for i, (slider, label) in enumerate(zip(self.z_sliders, self.z_labels, strict=True)):
            slider.setVisible(i < info.noise_dim)  # a z with fewer coordinates than sliders
            label.setVisible(i < info.noise_dim)
        self._zero_offsets()
        self.refresh()

    def set_endpoint(self, name: str, z: np.ndarray, grid_index: int | None = None) -> None:
        z = np.array(z, dtype=np.float64)
        if name == "A":
            self.a = z
        else:
            self.b = z
        self.sources[name] = grid_index
        self.endpoint_changed.emit(name, grid_index)
        self._moved()

    def use_sample(self, name: str, index: int) -> None:
        """Endpoint `name` becomes grid sample `index`'s z."""
        if self.info is not None:
            self.set_endpoint(name, self.info.fixed_noise[index], index)

    def randomise(self, name: str) -> None:
        if self.info is not None:
            self.set_endpoint(name, random_z(self.info.noise, self.info.noise_dim, self.rng))

    def randomise_both(self) -> None:
        self.randomise("A")
        self.randomise("B")

    def swap(self) -> None:
        if self.a is None:
            return
        self.a, self.b = self.b, self.a
        self.sources = {"A": self.sources.get("B"), "B": self.sources.get("A")}
        for name, index in self.sources.items():
            self.endpoint_changed.emit(name, index)
        self._moved()

    def set_interpolation(self, mode: str) -> None:
        self.mode.setCurrentIndex(self.mode.findData(mode))

    def zero_offsets(self) -> None:
        self._zero_offsets()
        self._moved()

    def _zero_offsets(self) -> None:
        for slider in self.z_sliders:
            slider.blockSignals(True)
            slider.setValue(0)
            slider.blockSignals(False)
        self.offsets[:] = 0.0
        self._label_offsets()

    # ---- requests and answers
    def _nudged(self, i: int, value: int) -> None:
        self.offsets[i] = value * 2 * Z_SLIDER_RANGE / Z_SLIDER_STEPS
        self._label_offsets()
        self._moved()

    def _moved(self, *_: object) -> None:
        self._label_t()
        self.refresh()

    def refresh(self) -> None:
        """Ask for new pictures (the networks changed, or the path did); merged if one request is in flight."""
        if self.a is None or self.info is None:
            return
        if self._in_flight is not None:
            self._stale = True
            return
        self._next_request += 1
        self._in_flight = self._next_request
        self._stale = False
        self.decode_requested.emit(self._in_flight, self.request_z())

    def show_decoded(self, answer: DecodedImages) -> None:
        if answer.request != self._in_flight:
            return  # an answer to a request from before a reset
        self._in_flight = None
        images = answer.images
        self.preview.set_images(images[:1])
        self.start_image.set_images(images[1:2])
        self.end_image.set_images(images[2:3])
        self.strip.set_images(images[3:])
        self.preview.repaint()  # now: the moment the student sees the answer
        self.pictures_shown.emit(answer.request)
        if self._stale:
            self.refresh()

    def forget_run(self) -> None:
        """The trainer is starting a new run: ask nothing (old z may not fit the new G) until set_run()."""
        self.info = None
        self._in_flight = None

    # ---- labels
    def _label_t(self) -> None:
        self.t_label.setText(_tr("t = {t:.2f}  ({mode})").format(t=self.t, mode=self.mode.currentText()))

    def _label_offsets(self) -> None:
        for i, label in enumerate(self.z_labels):
            label.setText(_tr("z{i} {v:+.2f}").format(i=i + 1, v=self.offsets[i]))
