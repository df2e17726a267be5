"""The plane: D's decision heat-map, its D = 1/2 contour, the data's density contours, real and fake samples, G's
manifold and the arrows of G's loss, each a layer. Items are made once; a frame only sets their data."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QRectF
from PySide6.QtWidgets import QWidget

from ganlab.app.plane import LAYERS
from ganlab.core.plane.snapshot import PlaneRunInfo, PlaneSnapshot
from ganlab.qt.i18n import table_tr
from ganlab.qt.panels.images import FAKE_COLOR, REAL_COLOR  # D's verdict: the colours of the image grids' frames

ARROW_SCALE = 0.02  # an arrow of length |dL/dx| is drawn ARROW_SCALE * |dL/dx| view-widths long...
ARROW_MAX = 0.12  # ...at most this share of the view's width, so a losing G's huge gradients stay on screen
DENSITY_LEVELS = (0.05, 0.3, 0.7)  # the data's density contours, as shares of its peak
HIGHLIGHT = (255, 190, 0)  # a z cell under the mouse in the z view, and its image here


def _tr(text: str) -> str:
    return QCoreApplication.translate("PlaneCanvas", text)


def verdict_colours(steps: int = 256) -> np.ndarray:
    """A lookup table from "fake" (orange, 0) through white (1/2) to "real" (blue, 1), as the image grids use."""
    t = np.linspace(0.0, 1.0, steps)[:, None]
    white = np.array([255.0, 255.0, 255.0])
    fake, real = np.array(FAKE_COLOR, float), np.array(REAL_COLOR, float)
    below = fake + (white - fake) * (t / 0.5)
    above = white + (real - white) * ((t - 0.5) / 0.5)
    colours = np.where(t < 0.5, below, above)
    return np.clip(colours, 0, 255).astype(np.uint8)


def manifold_path(manifold: np.ndarray) -> np.ndarray:
    """The manifold as one polyline broken by NaN rows: each row and each column of a (n, n, 2) grid, or a curve."""
    if manifold.ndim == 2:
        return manifold
    gap = np.full((manifold.shape[0], 1, 2), np.nan)
    rows = np.concatenate([manifold, gap], axis=1).reshape(-1, 2)
    columns = np.concatenate([manifold.transpose(1, 0, 2), gap], axis=1).reshape(-1, 2)
    return np.concatenate([rows, columns])


class PlaneCanvas(pg.PlotWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setBackground("w")
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setAspectLocked(True)
        plot.setTitle(_tr("The plane, live"))
        self.heatmap = pg.ImageItem()  # d_grid[ix, iy]: x along the first axis, as ImageItem's default order
        self.heatmap.setLookupTable(verdict_colours())
        self.heatmap.setOpacity(0.5)  # a tint under the samples: the points stay the picture's subject
        self.contour = pg.IsocurveItem(level=0.5, pen=pg.mkPen((60, 60, 60), width=1))
        self.contour.setParentItem(self.heatmap)  # in the heat-map's cell coordinates
        self.density = [pg.IsocurveItem(pen=pg.mkPen((0, 0, 0), width=1)) for _ in DENSITY_LEVELS]
        for curve in self.density:
            curve.setParentItem(self.heatmap)
        self.manifold = pg.PlotDataItem(pen=pg.mkPen((110, 110, 110), width=1), connect="finite")
        self.reals = pg.ScatterPlotItem(size=4, pen=None, brush=pg.mkBrush(20, 130, 60, 170))
        self.fakes = pg.ScatterPlotItem(size=5, pen=None, brush=pg.mkBrush(130, 40, 170, 210))
        self.arrows = pg.PlotDataItem(pen=pg.mkPen((130, 40, 170), width=1), connect="pairs")
        self.highlight = pg.PlotDataItem(pen=pg.mkPen(HIGHLIGHT, width=3))
        self.highlighted: tuple[int, int] | None = None  # the z cell whose image is lit ((i, -1): a curve segment)
        for item in (self.heatmap, self.manifold, self.reals, self.fakes, self.arrows, self.highlight):
            plot.addItem(item)
        legend = plot.addLegend(offset=(10, 10), labelTextSize="10pt")
        for name, item in (("reals", self.reals), ("fakes", self.fakes), ("manifold", self.manifold)):
            legend.addItem(item, table_tr(LAYERS[name][0]))
        self.items = {
            "heatmap": (self.heatmap,),
            "contour": (self.contour,),
            "density": tuple(self.density),
            "reals": (self.reals,),
            "fakes": (self.fakes,),
            "manifold": (self.manifold,),
            "arrows": (self.arrows,),
        }
        self.shown = dict.fromkeys(LAYERS, True)
        self.info: PlaneRunInfo | None = None
        self._density_drawn = False  # the data density is fixed for a run: its contours are drawn once per run
        self.snapshot: PlaneSnapshot | None = None

    def set_layer(self, name: str, shown: bool) -> None:
        self.shown[name] = shown
        for item in self.items[name]:
            item.setVisible(shown and (name != "contour" or self._probability()))

    def _probability(self) -> bool:
        return self.snapshot is None or bool(self.snapshot.d_is_probability)

    def set_run(self, info: PlaneRunInfo) -> None:
        """A new run: its bounds fix the view and the heat-map's place."""
        self.info = info
        (x0, x1), (y0, y1) = info.bounds
        self.heatmap.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        self.getPlotItem().setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0.02)
        self._density_drawn = False

    def update_snapshot(self, snapshot: PlaneSnapshot) -> None:
        self.snapshot = snapshot
        if self.info is None or self.info.bounds != snapshot.bounds:
            (x0, x1), (y0, y1) = snapshot.bounds
            self.heatmap.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        d = snapshot.d_grid
        if snapshot.d_is_probability:
            self.heatmap.setImage(d, autoLevels=False, levels=(0.0, 1.0))
        else:  # a critic's score has no fixed scale: centre white on 0, as far each way as the larger side
            reach = float(np.nanmax(np.abs(d))) or 1.0
            self.heatmap.setImage(d, autoLevels=False, levels=(-reach, reach))
        self.contour.setData(d if snapshot.d_is_probability else None)
        self.contour.setVisible(self.shown["contour"] and bool(snapshot.d_is_probability))
        if not self._density_drawn:
            self._density_drawn = True
            peak = float(np.nanmax(snapshot.p_data)) or 1.0
            for curve, share in zip(self.density, DENSITY_LEVELS, strict=True):
                curve.setLevel(share * peak)
                curve.setData(snapshot.p_data)
        self.reals.setData(pos=snapshot.reals)
        self.fakes.setData(pos=snapshot.fakes)
        self.manifold.setData(manifold_path(snapshot.manifold))
        (x0, x1), _ = snapshot.bounds
        width = x1 - x0
        push = snapshot.arrows * (ARROW_SCALE * width)
        length = np.linalg.norm(push, axis=1, keepdims=True)
        push = push * np.minimum(1.0, ARROW_MAX * width / np.maximum(length, 1e-12))
        heads = snapshot.fakes + push
        segments = np.stack([snapshot.fakes, heads], axis=1).reshape(-1, 2)
        self.arrows.setData(segments[:, 0], segments[:, 1])
        self._draw_highlight()

    def set_highlight(self, cell: tuple[int, int] | None) -> None:
        """Light the image under G of z cell (i, j) of the manifold's grid, or segment i for 1-D z; None: nothing."""
        self.highlighted = cell
        self._draw_highlight()

    def _draw_highlight(self) -> None:
        cell, snapshot = self.highlighted, self.snapshot
        if cell is None or snapshot is None:
            self.highlight.setData([], [])
            return
        m = snapshot.manifold
        i, j = cell
        if m.ndim == 2:
            outline = m[i : i + 2]
        else:
            outline = np.array([m[i, j], m[i + 1, j], m[i + 1, j + 1], m[i, j + 1], m[i, j]])
        self.highlight.setData(outline[:, 0], outline[:, 1])
