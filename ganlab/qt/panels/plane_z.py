"""The z side of the plane: the regular grid of z whose image is G's manifold. Hovering a z cell lights it here and
lights its image on the plane (GAN Lab's linked view), so a student sees where G sends each patch of noise."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Signal
from PySide6.QtWidgets import QWidget

from ganlab.core.plane.snapshot import PlaneRunInfo
from ganlab.qt.panels.plane import HIGHLIGHT, manifold_path


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlaneCanvas", text)


def cell_outline(points: np.ndarray, i: int, j: int) -> np.ndarray:
    """The closed outline of grid cell (i, j) of a (n, n, 2) grid of points: 5 points, the first repeated."""
    corners = [points[i, j], points[i + 1, j], points[i + 1, j + 1], points[i, j + 1], points[i, j]]
    return np.asarray(corners, dtype=np.float64)


def segment(points: np.ndarray, i: int) -> np.ndarray:
    """Segment i of a curve of (m, 2) points (1-D z: its image is a curve)."""
    return np.asarray(points[i : i + 2], dtype=np.float64)


class LatentGridView(pg.PlotWidget):
    """The z grid (or z line). hovered(cell) reports the cell under the mouse: (i, j), (i, -1) for a line, or None."""

    hovered = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setBackground("w")
        self.setFixedWidth(220)
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(False, False)
        plot.setAspectLocked(True)
        plot.setTitle(_tr("z (hover a cell)"))
        self.mesh = pg.PlotDataItem(pen=pg.mkPen((110, 110, 110), width=1), connect="finite")
        self.cell = pg.PlotDataItem(pen=pg.mkPen(HIGHLIGHT, width=3))
        plot.addItem(self.mesh)
        plot.addItem(self.cell)
        self.z: np.ndarray | None = None  # (n, n, 2) z grid, or (m, 2) points of the z line drawn at height 0
        self.current: tuple[int, int] | None = None
        self.scene().sigMouseMoved.connect(self._moved)

    def set_run(self, info: PlaneRunInfo) -> None:
        z = np.asarray(info.manifold_z, dtype=np.float64)
        if z.ndim == 2:  # 1-D z: a line, drawn along x
            z = np.column_stack([z[:, 0], np.zeros(len(z))])
        self.z = z
        self.mesh.setData(manifold_path(z))
        self.getPlotItem().autoRange(padding=0.05)
        self._light(None)

    def _moved(self, where: QPointF) -> None:
        if self.z is None:
            return
        point = self.getPlotItem().vb.mapSceneToView(where)
        self._light(self.cell_at(point.x(), point.y()))

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """The z cell containing (x, y) in this view's coordinates, or None outside the grid."""
        z = self.z
        if z is None:
            return None
        if z.ndim == 2:
            xs = z[:, 0]
            if not xs[0] <= x <= xs[-1] or abs(y) > 0.1 * (xs[-1] - xs[0]):
                return None
            return (int(min(np.searchsorted(xs, x, side="right") - 1, len(xs) - 2)), -1)
        xs, ys = z[:, 0, 0], z[0, :, 1]
        if not (xs[0] <= x <= xs[-1] and ys[0] <= y <= ys[-1]):
            return None
        i = int(min(np.searchsorted(xs, x, side="right") - 1, len(xs) - 2))
        j = int(min(np.searchsorted(ys, y, side="right") - 1, len(ys) - 2))
        return (i, j)

    def _light(self, cell: tuple[int, int] | None) -> None:
        if cell == self.current:
            return
        self.current = cell
        if cell is None or self.z is None:
            self.cell.setData([], [])
        elif cell[1] < 0:
            self.cell.setData(segment(self.z, cell[0]))
        else:
            self.cell.setData(cell_outline(self.z, *cell))
        self.hovered.emit(cell)
