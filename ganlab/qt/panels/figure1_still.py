"""Figure 1 drawn offscreen, one snapshot at a time, into a picture of a fixed size: the GIF export's frames and
the capture strip's stills both come from here."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QWidget

from ganlab.core.snapshot import Snapshot
from ganlab.qt.panels.density import DensityPanel

Title = Callable[[Snapshot], str]  # the title of one snapshot's picture


class Figure1Still:
    """Figure 1 for one snapshot as a `size` picture, drawn by one offscreen DensityPanel (made once, reused).

    `overlays` (name -> shown) as in DensityPanel.set_overlay, changed later with set_overlays. `title(snapshot)`
    is the title above each picture (none when None); `legend=False` hides the legend (the capture strip names the
    curves once, under all its stills).
    """

    def __init__(
        self,
        size: tuple[int, int],
        overlays: Mapping[str, bool] | None = None,
        *,
        title: Title | None = None,
        legend: bool = True,
    ) -> None:
        width, height = size
        if width < 1 or height < 1:
            raise ValueError(f"a picture needs a positive size, got {size}")
        self.size = (int(width), int(height))
        self.title = title
        self.legend = legend
        panel = DensityPanel()
        panel.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        if title is None:
            panel.getPlotItem().setTitle(None)
        panel.setMinimumSize(*self.size)
        panel.setMaximumSize(*self.size)
        panel.resize(*self.size)
        self.panel = panel
        self.set_overlays(overlays or {})

    @property
    def overlays(self) -> Mapping[str, bool]:
        """The overlays shown (name -> shown), read-only: change them with set_overlays."""
        return MappingProxyType(self.panel.overlays)

    def set_overlays(self, overlays: Mapping[str, bool]) -> None:
        """Show or hide the named overlays; those not named stay as they are."""
        for name, shown in overlays.items():
            if self.panel.overlays.get(name) != bool(shown):
                self.panel.set_overlay(name, bool(shown))

    def render(self, snapshot: Snapshot, scale: float = 1.0) -> QImage:
        """The picture of `snapshot`: size x scale pixels (device pixel ratio `scale`) on white."""
        if scale <= 0:
            raise ValueError(f"scale must be positive, got {scale}")
        panel = self.panel
        panel.update_snapshot(snapshot)
        if self.title is not None:
            panel.getPlotItem().setTitle(self.title(snapshot), color="k", size="14pt")
        if not self.legend:
            panel.legend.setVisible(False)  # after the update: a new frame re-adds the D entry to the legend
        self._apply_layout()
        view_box = panel.getPlotItem().vb
        before = view_box.sceneBoundingRect()
        image = self._paint(scale)
        # Painting sizes the axes to their tick labels and the layout follows later, in the event loop: when that
        # moved the plot area, the picture is painted again with the settled layout (else the first picture of a
        # new renderer, made before the event loop has run, is laid out differently from the later ones).
        self._apply_layout()
        if view_box.sceneBoundingRect() != before:
            image = self._paint(scale)
        return image

    @staticmethod
    def _apply_layout() -> None:
        for _ in range(3):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    def _paint(self, scale: float) -> QImage:
        width, height = self.size
        image = QImage(round(width * scale), round(height * scale), QImage.Format.Format_RGB32)
        image.setDevicePixelRatio(scale)
        image.fill(QColor("white"))
        painter = QPainter(image)
        # QWidget's render, not QGraphicsView.render(painter) (which draws the scene only, stretched to the device).
        QWidget.render(self.panel, painter, QPoint(0, 0))
        painter.end()
        return image

    def close(self) -> None:
        self.panel.close()
        self.panel.deleteLater()
