"""Up to four stills of Figure 1 side by side, labelled (a)-(d) like the paper's figure, exportable as one PNG."""

from __future__ import annotations

import os
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QWidget

from ganlab.core.snapshot import Snapshot
from ganlab.qt.panels.density import CRITIC_COLOR, PAPER_BLACK, PAPER_BLUE, PAPER_GREEN, DensityPanel
from ganlab.qt.panels.figure1_still import Figure1Still

MAX_CAPTURES = 4
LETTERS = "abcd"
CAPTURE_SIZE = (420, 300)  # logical pixels of one rendered still
EXPORT_GAP = 16  # between two stills in the exported PNG
EXPORT_MARGIN = 12
KEY_SAMPLE = 28  # length of the line sample before each name in the key


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaptureStrip", text)


def _key_entries(probability: bool, critic: bool) -> list[tuple[QPen, str]]:
    """The curves of the stills, named once for the whole strip (a legend in each still would hide the curves)."""
    entries = [
        (QPen(QColor(*PAPER_BLACK), 2, Qt.PenStyle.DotLine), _tr("p_data (data)")),
        (QPen(QColor(*PAPER_GREEN), 2), _tr("p_g (generator)")),
    ]
    if probability:
        entries.append((QPen(QColor(*PAPER_BLUE), 2, Qt.PenStyle.DashLine), _tr("D(x) (discriminator)")))
    if critic:
        entries.append((QPen(QColor(*CRITIC_COLOR), 2, Qt.PenStyle.DashLine), _tr("D(x) score (critic, right axis)")))
    return entries


def _key_width(entries: list[tuple[QPen, str]], font: QFont) -> float:
    metrics = QFontMetricsF(font)
    return sum(KEY_SAMPLE + 6 + metrics.horizontalAdvance(text) + 24 for _, text in entries) - 24


def _draw_key(painter: QPainter, entries: list[tuple[QPen, str]], left: float, middle: float) -> None:
    """Line samples and names in one row, starting at `left`, centred on the height `middle`."""
    metrics = QFontMetricsF(painter.font())
    x = left
    for pen, text in entries:
        painter.setPen(pen)
        painter.drawLine(QLineF(x, middle, x + KEY_SAMPLE, middle))
        x += KEY_SAMPLE + 6
        painter.setPen(QColor("black"))
        painter.drawText(QPointF(x, middle + (metrics.ascent() - metrics.descent()) / 2), text)
        x += metrics.horizontalAdvance(text) + 24


class _Picture(QLabel):
    """Shows its pixmap scaled down to fit, keeping the aspect ratio; pixmap() stays the full-size still."""

    def __init__(self, capture_size: tuple[int, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.capture_size = capture_size
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(*self.capture_size)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.capture_size[0] // 6, self.capture_size[1] // 6)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return round(min(width, self.capture_size[0]) * self.capture_size[1] / self.capture_size[0])

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        pixmap = self.pixmap()
        if pixmap is None or pixmap.isNull():
            return
        source = pixmap.deviceIndependentSize()
        scale = min(self.width() / source.width(), self.height() / source.height(), 1.0)
        width, height = source.width() * scale, source.height() * scale
        # Bottom-centred: the still sits on its caption whatever room the strip has.
        target = QRectF((self.width() - width) / 2, self.height() - height, width, height)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()))
        painter.end()


class _Key(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = _key_entries(True, False)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_entries(self, entries: list[tuple[QPen, str]]) -> None:
        self.entries = entries
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(int(_key_width(self.entries, self.font())) + 8, int(self.fontMetrics().height()) + 6)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(0, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        left = max(4.0, (self.width() - _key_width(self.entries, self.font())) / 2)
        _draw_key(painter, self.entries, left, self.height() / 2)
        painter.end()


class CaptureStrip(QWidget):
    """capture(snapshot) renders Figure 1 once, offscreen, into a still; a fifth capture drops the oldest.

    Each still is drawn by one Figure1Still (made on the first capture, reused), without its title and legend: the
    captions (a)-(d) name the stills, and one key under the strip names the curves.
    """

    def __init__(self, parent: QWidget | None = None, capture_size: tuple[int, int] = CAPTURE_SIZE) -> None:
        super().__init__(parent)
        self.capture_size = capture_size
        self._still: Figure1Still | None = None  # made on the first capture
        self._stills: list[tuple[QPixmap, int, bool]] = []  # (picture, iteration, D is a probability), oldest first
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(self.backgroundRole(), QColor("white"))
        palette.setColor(self.foregroundRole(), QColor("black"))
        self.setPalette(palette)
        layout = QGridLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setHorizontalSpacing(8)
        layout.setVerticalSpacing(2)
        self.pictures: list[_Picture] = []
        self.captions: list[QLabel] = []
        for column in range(MAX_CAPTURES):
            picture = _Picture(capture_size)
            caption = QLabel()
            caption.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
            layout.addWidget(picture, 0, column)
            layout.addWidget(caption, 1, column)
            layout.setColumnStretch(column, 1)
            self.pictures.append(picture)
            self.captions.append(caption)
        self.key = _Key()
        layout.addWidget(self.key, 2, 0, 1, MAX_CAPTURES)
        layout.setRowStretch(3, 1)  # spare height goes below the strip, not between a still and its caption
        self.hint = QLabel(_tr("Capture Figure 1 at moments of a run: the pictures appear here as (a) to (d)."))
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("color: #666;")
        layout.addWidget(self.hint, 0, 0, 4, MAX_CAPTURES)
        self._refresh()

    # ---- capturing
    def capture(self, snapshot: Snapshot, overlays: Mapping[str, bool] | None = None) -> None:
        """Add a still of `snapshot` (with the density panel's overlays that are on); with four already, the oldest
        goes and the rest move up a letter."""
        still = self.render_still(snapshot, overlays)
        self._stills.append((still, int(snapshot.iteration), bool(snapshot.d_is_probability)))
        del self._stills[:-MAX_CAPTURES]
        self._refresh()

    def render_still(self, snapshot: Snapshot, overlays: Mapping[str, bool] | None = None) -> QPixmap:
        """Figure 1 for one snapshot at capture_size, with the given overlays (those not named stay as they were),
        at this strip's device pixel ratio."""
        if self._still is None:
            self._still = Figure1Still(self.capture_size, title=None, legend=False)
        self._still.set_overlays(overlays or {})
        return QPixmap.fromImage(self._still.render(snapshot, self.devicePixelRatioF()))

    @property
    def _renderer(self) -> DensityPanel | None:
        """The offscreen panel that draws the stills; None before the first one."""
        return None if self._still is None else self._still.panel

    def clear(self) -> None:
        self._stills.clear()
        self._refresh()

    def count(self) -> int:
        return len(self._stills)

    def iterations(self) -> list[int]:
        return [iteration for _, iteration, _ in self._stills]

    def caption_text(self, index: int) -> str:
        return _tr("({0}) iteration {1}").format(LETTERS[index], self._stills[index][1])

    def _entries(self) -> list[tuple[QPen, str]]:
        kinds = {probability for _, _, probability in self._stills}
        return _key_entries(True in kinds or not kinds, False in kinds)

    def _refresh(self) -> None:
        for index, (picture, caption) in enumerate(zip(self.pictures, self.captions, strict=True)):
            shown = index < len(self._stills)
            if shown:
                picture.setPixmap(self._stills[index][0])
                caption.setText(self.caption_text(index))
            else:
                picture.clear()
                caption.clear()
            picture.setVisible(shown)
            caption.setVisible(shown)
        self.key.set_entries(self._entries())
        self.key.setVisible(bool(self._stills))
        self.hint.setVisible(not self._stills)

    # ---- export
    def to_image(self) -> QImage:
        """The strip as one picture: the stills at full size side by side, captions below, the key at the bottom."""
        if not self._stills:
            raise ValueError("nothing captured yet: capture a snapshot before exporting")
        first = self._stills[0][0]
        ratio = first.devicePixelRatio()
        still = first.deviceIndependentSize().toSize()
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        line = QFontMetricsF(font).height()
        count = len(self._stills)
        width = 2 * EXPORT_MARGIN + count * still.width() + (count - 1) * EXPORT_GAP
        entries = self._entries()
        width = max(width, int(_key_width(entries, font)) + 2 * EXPORT_MARGIN)
        caption_top = EXPORT_MARGIN + still.height() + 4
        key_middle = caption_top + line + 8 + line / 2
        height = int(key_middle + line / 2 + EXPORT_MARGIN)
        image = QImage(round(width * ratio), round(height * ratio), QImage.Format.Format_RGB32)
        image.setDevicePixelRatio(ratio)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(font)
        for index, (pixmap, _, _) in enumerate(self._stills):
            left = EXPORT_MARGIN + index * (still.width() + EXPORT_GAP)
            painter.drawPixmap(QPointF(left, EXPORT_MARGIN), pixmap)
            painter.setPen(QColor("black"))
            box = QRectF(left, caption_top, still.width(), line + 4)
            painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self.caption_text(index))
        _draw_key(painter, entries, (width - _key_width(entries, font)) / 2, key_middle)
        painter.end()
        return image

    def export_png(self, path: str | os.PathLike[str]) -> None:
        """Save the strip as one PNG. OSError when it cannot be written; ValueError when nothing is captured."""
        path = os.fspath(path)
        image = self.to_image()
        folder = os.path.dirname(os.path.abspath(path))
        if not os.path.isdir(folder):
            raise OSError(f"cannot save the capture strip to {path!r}: the folder {folder!r} does not exist")
        if not image.save(path, "PNG"):
            raise OSError(f"cannot save the capture strip to {path!r}: the file could not be written (permissions?)")
