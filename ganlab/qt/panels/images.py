"""Image runs on screen: a grid of grey images with D's verdict as a coloured frame, and the samples view that
puts G's fixed-noise samples, their nearest training images (the paper's Figure 2) and real digits side by side."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QCoreApplication, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QToolTip, QVBoxLayout, QWidget

from ganlab.core.image_snapshot import ImageRunInfo, ImageSnapshot, NearestImages

# Colour-blind-safe pair for D's verdict: blue frames for "real", orange for "fake".
REAL_COLOR = (31, 119, 180)
FAKE_COLOR = (255, 127, 14)
MARK_COLOR = (255, 235, 59)  # the latent endpoints A / B and the Figure 2 picks
MAX_NEAREST = 8  # samples compared with their nearest training image at once
FIRST_COMPARED = (0, 9, 18, 27)  # Figure 2's samples when a run starts: down the grid's diagonal


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImagePanels", text)


def verdict_strength(values: np.ndarray, is_probability: bool) -> np.ndarray:
    """D's verdicts as 0 (surely fake) .. 1 (surely real): probabilities as they are, critic scores by rank."""
    values = np.asarray(values, dtype=np.float64)
    if is_probability:
        return np.clip(np.nan_to_num(values, nan=0.5), 0.0, 1.0)
    finite = np.isfinite(values)
    out = np.full(values.shape, 0.5)
    if finite.sum() > 1:  # a critic's score has no fixed scale: show where each sample ranks in the grid
        ranks = np.argsort(np.argsort(values[finite]))
        out[finite] = ranks / (finite.sum() - 1)
    return out


def describe_verdict(value: float, is_probability: bool) -> str:
    if not np.isfinite(value):
        return _tr("D's output is not a number")
    if is_probability:
        side = _tr("real") if value > 0.5 else _tr("fake")
        return _tr("D says {side}: P(real) = {p:.2f}").format(side=side, p=value)
    return _tr("critic score {s:.3g} (higher: more real)").format(s=value)


class ImageGrid(QWidget):
    """n grey images in rows of `columns`, scaled up without smoothing (the pixels stay visible), optional frames.

    clicked(index, modifiers) on a left click, context_requested(index, global position) on a right click.
    describe(index) -> str gives each cell's tooltip.
    """

    clicked = Signal(int, object)
    context_requested = Signal(int, QPoint)

    def __init__(self, columns: int = 8, gap: int = 3, min_cell: int = 20, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.gap = gap
        self.min_cell = min_cell
        self.images: np.ndarray | None = None
        self.tints: np.ndarray | None = None  # 0..1 per image (verdict_strength) or None
        self.marks: dict[int, str] = {}  # index -> a short label drawn in the cell's corner (A, B, 1, 2...)
        self.captions: dict[int, str] = {}  # index -> a line drawn along the cell's bottom (a distance)
        self.describe: Callable[[int], str] | None = None
        self.empty_text = ""  # drawn in the middle while the grid has no images
        self._picture = QImage()
        self._cell_h = self._cell_w = 1
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(self.sizeHint())

    # ---- content
    def set_images(self, images: np.ndarray | None) -> None:
        """images: (n, H, W) floats in [0, 1]; None empties the grid."""
        if images is None or len(images) == 0:
            self.images = None
            self._picture = QImage()
        else:
            images = np.asarray(images, dtype=np.float32)
            self.images = images
            n, h, w = images.shape
            self._cell_h, self._cell_w = h, w
            grey = (np.clip(np.nan_to_num(images), 0.0, 1.0) * 255.0 + 0.5).astype(np.uint8)
            strip = np.ascontiguousarray(grey.reshape(n * h, w))  # the images stacked in one column
            self._picture = QImage(strip.data, w, n * h, w, QImage.Format.Format_Grayscale8).copy()
        self.setMinimumSize(self.sizeHint())
        self.update()

    def set_tints(self, strengths: np.ndarray | None) -> None:
        self.tints = None if strengths is None else np.asarray(strengths, dtype=np.float64)
        self.update()

    def count(self) -> int:
        return 0 if self.images is None else len(self.images)

    # ---- geometry
    def _rows(self) -> int:
        return max(1, -(-self.count() // self.columns))

    def _cell(self) -> tuple[float, float, float, float]:
        """(cell width, cell height, left, top) for the current size, keeping the images' aspect ratio."""
        rows, cols, gap = self._rows(), self.columns, self.gap
        scale = min(
            (self.width() - gap * (cols + 1)) / (cols * self._cell_w),
            (self.height() - gap * (rows + 1)) / (rows * self._cell_h),
        )
        scale = max(scale, 0.1)
        cw, ch = self._cell_w * scale, self._cell_h * scale
        left = (self.width() - (cols * cw + gap * (cols + 1))) / 2
        top = (self.height() - (rows * ch + gap * (rows + 1))) / 2
        return cw, ch, left, top

    def cell_rect(self, index: int) -> QRectF:
        cw, ch, left, top = self._cell()
        row, col = divmod(index, self.columns)
        return QRectF(left + self.gap + col * (cw + self.gap), top + self.gap + row * (ch + self.gap), cw, ch)

    def index_at(self, pos: QPoint) -> int:
        for index in range(self.count()):
            if self.cell_rect(index).adjusted(-self.gap / 2, -self.gap / 2, self.gap / 2, self.gap / 2).contains(pos):
                return index
        return -1

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        cols, rows = self.columns, self._rows()
        side = self.min_cell
        return QSize(cols * side + self.gap * (cols + 1), rows * side + self.gap * (rows + 1))

    # ---- painting and mouse
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        try:
            self._paint(painter)
        finally:
            painter.end()  # a painter left open on a widget breaks every later paint of the window

    def _paint(self, painter: QPainter) -> None:
        painter.fillRect(self.rect(), QColor(40, 40, 40))
        if self.images is None:
            if self.empty_text:
                painter.setPen(QColor(220, 220, 220))
                flags = Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap
                painter.drawText(self.rect().adjusted(8, 8, -8, -8), flags, self.empty_text)
            return
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)  # crisp pixels
        h, w = self._cell_h, self._cell_w
        frame = max(2.0, self.cell_rect(0).width() / 14)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.85))
        small.setBold(True)
        painter.setFont(small)
        for index in range(self.count()):
            rect = self.cell_rect(index)
            painter.drawImage(rect, self._picture, QRectF(0, index * h, w, h))
            if self.tints is not None and index < len(self.tints):
                strength = float(self.tints[index])
                color = QColor(*(REAL_COLOR if strength >= 0.5 else FAKE_COLOR))
                color.setAlphaF(min(1.0, 0.25 + 1.5 * abs(strength - 0.5)))
                painter.setPen(QPen(color, frame))
                painter.drawRect(rect.adjusted(frame / 2, frame / 2, -frame / 2, -frame / 2))
            if index in self.marks:
                self._label(painter, rect.topLeft().toPoint(), self.marks[index])
                painter.setPen(QPen(QColor(*MARK_COLOR), 2))
                painter.drawRect(rect.adjusted(-1, -1, 1, 1))
            if index in self.captions:
                self._caption(painter, rect, self.captions[index])

    def _label(self, painter: QPainter, corner: QPoint, text: str) -> None:
        metrics = painter.fontMetrics()
        box = QRect(corner, QSize(metrics.horizontalAdvance(text) + 8, metrics.height() + 2))
        painter.fillRect(box, QColor(*MARK_COLOR))
        painter.setPen(QColor("black"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _caption(self, painter: QPainter, rect: QRectF, text: str) -> None:
        metrics = painter.fontMetrics()
        box = QRectF(rect.left(), rect.bottom() - metrics.height() - 2, rect.width(), metrics.height() + 2)
        painter.fillRect(box, QColor(0, 0, 0, 170))
        painter.setPen(QColor("white"))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        index = self.index_at(event.position().toPoint())
        if index < 0:
            return
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit(index, event.modifiers())
        elif event.button() == Qt.MouseButton.RightButton:
            self.context_requested.emit(index, event.globalPosition().toPoint())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        index = self.index_at(event.position().toPoint())
        if index >= 0 and self.describe is not None:
            QToolTip.showText(event.globalPosition().toPoint(), self.describe(index), self)
        else:
            QToolTip.hideText()


class SamplesView(QWidget):
    """The image run's central picture: G's 64 fixed-noise samples, Figure 2's nearest training images, real data.

    sample_clicked(index, modifiers) and sample_menu(index, global position) pass the grid's clicks on;
    nearest_wanted(indices) asks for Figure 2's column whenever the chosen samples change.
    """

    sample_clicked = Signal(int, object)
    sample_menu = Signal(int, QPoint)
    nearest_wanted = Signal(tuple)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.snapshot: ImageSnapshot | None = None
        self.info: ImageRunInfo | None = None
        self.compared: list[int] = []  # grid indices in Figure 2's column, in the order chosen
        self.endpoints: dict[str, int] = {}  # "A" / "B" -> grid index, when an endpoint came from the grid
        self.nearest: NearestImages | None = None
        self.expected_nearest = 0  # the newest request number asked for; older answers are dropped

        self.samples = ImageGrid(columns=8, min_cell=12)
        self.samples.describe = self._describe_sample
        self.samples.clicked.connect(self.sample_clicked)
        self.samples.context_requested.connect(self.sample_menu)
        self.pairs = ImageGrid(columns=2, min_cell=20)
        self.pairs.describe = self._describe_pair
        self.pairs.empty_text = _tr("Ctrl+click samples to compare them with their nearest training image")
        self.pairs.clicked.connect(lambda index, _: self.toggle_compared(self.compared[index // 2]))
        self.real = ImageGrid(columns=8, min_cell=12)
        self.real.describe = self._describe_real

        self.samples_title = self._title(_tr("G(z): 64 samples, the same z every frame"))
        self.pairs_title = self._title(_tr("Nearest training image (Figure 2)"))
        self.real_title = self._title(_tr("Training images"))
        self.legend = QLabel(
            _tr(
                "Frames: <span style='color:#1f77b4'><b>blue</b></span> = D says real, "
                "<span style='color:#ff7f0e'><b>orange</b></span> = D says fake (stronger = surer)."
            )
        )
        self.hint = QLabel(
            _tr(
                "Click a sample: latent start A. Shift+click: end B. Ctrl+click: compare it with its nearest "
                "training image (Figure 2). Right-click for a menu."
            )
        )
        self.pairs_hint = QLabel(_tr("A copy of a training image would show distance 0."))
        self.stats = QLabel()
        for label in (self.legend, self.hint, self.pairs_hint, self.stats):
            label.setWordWrap(True)
        self.pairs_hint.setStyleSheet("color: #555;")
        self.hint.setStyleSheet("color: #555;")

        layout = QGridLayout(self)
        layout.addWidget(self.samples_title, 0, 0)
        layout.addWidget(self.pairs_title, 0, 1)
        layout.addWidget(self.real_title, 0, 2)
        layout.addWidget(self.samples, 1, 0)
        pairs_column = QVBoxLayout()
        pairs_column.addWidget(self.pairs, 1)
        pairs_column.addWidget(self.pairs_hint)
        layout.addLayout(pairs_column, 1, 1)
        layout.addWidget(self.real, 1, 2)
        layout.addWidget(self.legend, 2, 0)
        layout.addWidget(self.stats, 2, 2)
        layout.addWidget(self.hint, 3, 0, 1, 3)
        layout.setColumnStretch(0, 8)
        layout.setColumnStretch(1, 3)
        layout.setColumnStretch(2, 8)
        layout.setRowStretch(1, 1)

    @staticmethod
    def _title(text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        label.setWordWrap(True)
        return label

    # ---- trainer -> view
    def set_run(self, info: ImageRunInfo) -> None:
        """A new image run. Figure 2 starts with a few samples along the grid's diagonal, so it is never empty."""
        self.info = info
        if not self.compared:
            self.compared = list(FIRST_COMPARED)
            self._mark()
        self.real.set_images(info.real)
        self.real_title.setText(
            _tr("Training images: {name}, {n} in all").format(name=info.dataset, n=f"{info.count:,}")
        )
        self.nearest = None
        self._show_pairs()

    def update_snapshot(self, snapshot: ImageSnapshot) -> None:
        self.snapshot = snapshot
        self.samples.set_images(snapshot.samples)
        self.samples.set_tints(verdict_strength(snapshot.verdict, snapshot.d_is_probability))
        self.real.set_tints(verdict_strength(snapshot.real_verdict, snapshot.d_is_probability))
        self.samples_title.setText(
            _tr("G(z): 64 samples, the same z every frame (iteration {i})").format(i=snapshot.iteration)
        )
        if snapshot.d_is_probability:
            text = _tr("mean D(x) on these training images: {r:.2f}; on G's samples: {f:.2f}")
        else:
            text = _tr("mean critic score on these training images: {r:.3g}; on G's samples: {f:.3g}")
        self.stats.setText(text.format(r=snapshot.d_real_mean, f=snapshot.d_fake_mean))

    def show_nearest(self, answer: NearestImages) -> None:
        if tuple(self.compared) != answer.indices or answer.request < self.expected_nearest:
            return  # an answer to an older choice, or older than one already asked for
        self.nearest = answer
        self._show_pairs()

    # ---- choices
    def set_endpoint(self, name: str, index: int | None) -> None:
        """Mark grid sample `index` as latent endpoint `name` ("A" or "B"); None: the endpoint is not from the grid."""
        if index is None:
            self.endpoints.pop(name, None)
        else:
            self.endpoints[name] = index
        self._mark()

    def toggle_compared(self, index: int) -> None:
        if index in self.compared:
            self.compared.remove(index)
        else:
            self.compared.append(index)
            del self.compared[:-MAX_NEAREST]  # keep the newest picks
        self._mark()
        self._show_pairs()
        self.nearest_wanted.emit(tuple(self.compared))

    def _mark(self) -> None:
        marks = {index: str(n + 1) for n, index in enumerate(self.compared)}
        for name, index in self.endpoints.items():
            marks[index] = f"{marks[index]} {name}" if index in marks else name
        self.samples.marks = marks
        self.samples.update()

    def _show_pairs(self) -> None:
        answer = self.nearest
        if answer is None or not self.compared or tuple(self.compared) != answer.indices:
            self.pairs.set_images(None)
            self.pairs.captions = {}
            return
        pairs = np.stack([answer.samples, answer.nearest], axis=1).reshape(-1, *answer.samples.shape[1:])
        self.pairs.set_images(pairs)
        self.pairs.marks = {2 * n: str(n + 1) for n in range(len(answer.indices))}
        self.pairs.captions = {2 * n + 1: f"{d:.2f}" for n, d in enumerate(answer.distances)}

    # ---- tooltips
    def _describe_sample(self, index: int) -> str:
        snap = self.snapshot
        if snap is None:
            return ""
        return _tr("Sample {n}: {verdict}").format(
            n=index + 1, verdict=describe_verdict(float(snap.verdict[index]), snap.d_is_probability)
        )

    def _describe_real(self, index: int) -> str:
        snap, info = self.snapshot, self.info
        label = ""
        if info is not None and info.real_labels is not None:
            label = _tr(" (class {c})").format(c=int(info.real_labels[index]))
        if snap is None:
            return _tr("Training image") + label
        return _tr("Training image{label}: {verdict}").format(
            label=label, verdict=describe_verdict(float(snap.real_verdict[index]), snap.d_is_probability)
        )

    def _describe_pair(self, index: int) -> str:
        answer = self.nearest
        if answer is None:
            return ""
        n = index // 2
        if index % 2 == 0:
            return _tr("Sample {n} now (click to remove it)").format(n=answer.indices[n] + 1)
        label = answer.labels[n]
        shown = "" if label is None else _tr(", class {c}").format(c=label)
        return _tr("Its nearest training image{label}: distance {d:.2f} (iteration {i})").format(
            label=shown, d=float(answer.distances[n]), i=answer.iteration
        )
