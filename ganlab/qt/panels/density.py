"""Figure 1 of Goodfellow et al. 2014, live: p_data, p_g, D(x), and the z line mapped up to the x line by G."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

from ganlab.core.snapshot import Snapshot

X_LINE = -0.12  # height of the x line (the data axis) below the densities
Z_LINE = -0.62  # height of the z line
PAPER_BLACK = (0, 0, 0)
PAPER_GREEN = (0, 150, 0)
PAPER_BLUE = (20, 60, 230)
CRITIC_COLOR = (150, 60, 200)
D_STAR_COLOR = (230, 120, 0)
PUSH_COLOR = (200, 30, 30)
HIGHLIGHT_WIDTH = 5  # the curve (D) or arrows (G) that the last narrated sub-step changed
PUSH_SCALE = 0.05  # a push of 1 (|d loss_G / dx| per sample) is drawn 5% of the x axis long...
PUSH_MAX = 0.25  # ...and none longer than a quarter of it
OVERLAYS = ("d_star", "push", "histogram")
DRAW_POINTS = 200  # a drawn density is tabulated at this many points across the x axis


def _tr(text: str) -> str:
    return QCoreApplication.translate("DensityPanel", text)


class DensityPanel(pg.PlotWidget):
    """Items are created once; update() only calls setData on them (pyqtgraph's fast path)."""

    density_drawn = Signal(float, float, object)  # low, high, tuple of density values drawn with the mouse
    drawing_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w")
        self.setMinimumSize(480, 280)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        plot = self.getPlotItem()
        plot.setTitle(_tr("Figure 1, live"), color="k", size="14pt")
        for name in ("left", "bottom"):
            axis = plot.getAxis(name)
            axis.setPen("k")
            axis.setTextPen("k")
        plot.getAxis("bottom").setLabel("x", color="k")
        self.legend = plot.addLegend(
            offset=(10, 10), labelTextColor="k", labelTextSize="12pt", brush=(255, 255, 255, 220), colCount=3
        )
        self.p_data_curve = plot.plot(
            pen=pg.mkPen(PAPER_BLACK, width=2, style=Qt.PenStyle.DotLine), name=_tr("p_data (data)")
        )
        self.p_g_curve = plot.plot(pen=pg.mkPen(PAPER_GREEN, width=2), name=_tr("p_g (generator)"))
        self.d_curve = plot.plot(pen=pg.mkPen(PAPER_BLUE, width=2, style=Qt.PenStyle.DashLine))
        self.half_line = pg.InfiniteLine(
            pos=0.5, angle=0, pen=pg.mkPen((20, 60, 230, 90), width=1, style=Qt.PenStyle.DotLine)
        )
        plot.addItem(self.half_line)
        # The critic axis: losses whose D is a score, not a probability, get their own scale on the right.
        self.critic_box = pg.ViewBox(enableMouse=False)
        plot.scene().addItem(self.critic_box)
        plot.getAxis("right").linkToView(self.critic_box)
        self.critic_box.setXLink(plot)
        self.critic_curve = pg.PlotDataItem(pen=pg.mkPen(CRITIC_COLOR, width=2, style=Qt.PenStyle.DashLine))
        self.critic_box.addItem(self.critic_curve)
        plot.vb.sigResized.connect(self._sync_critic_box)
        # The two horizontal lines of Figure 1 and the arrows x = G(z) between them.
        line_pen = pg.mkPen(PAPER_BLACK, width=1)
        self.x_line = plot.plot(pen=line_pen)
        self.z_line = plot.plot(pen=line_pen)
        self.arrows = plot.plot(pen=pg.mkPen((60, 60, 60), width=1), connect="pairs")
        self.arrow_heads = pg.ScatterPlotItem(symbol="t1", size=9, pen=None, brush=pg.mkBrush(60, 60, 60))
        plot.addItem(self.arrow_heads)
        self.z_ticks = pg.ScatterPlotItem(symbol="o", size=4, pen=None, brush=pg.mkBrush(60, 60, 60))
        plot.addItem(self.z_ticks)
        # Overlays, each toggled by set_overlay(): the optimal D*, G's push, a raw histogram of G's samples.
        self.d_star_curve = plot.plot(pen=pg.mkPen(D_STAR_COLOR, width=2, style=Qt.PenStyle.DashDotLine))
        self.push_arrows = plot.plot(pen=pg.mkPen(PUSH_COLOR, width=2), connect="pairs")
        self.push_heads = pg.ScatterPlotItem(size=9, pen=None, brush=pg.mkBrush(*PUSH_COLOR))
        plot.addItem(self.push_heads)
        self.histogram = pg.BarGraphItem(x=[0.0], height=[0.0], width=0.1, brush=(0, 150, 0, 60), pen=None)
        plot.addItem(self.histogram)
        self.histogram.setZValue(-1)
        self._overlay_items = {
            "d_star": (self.d_star_curve,),
            "push": (self.push_arrows, self.push_heads),
            "histogram": (self.histogram,),
        }
        self._overlay_labels = {
            "d_star": _tr("D*(x) = p_data / (p_data + p_g)"),
            "push": _tr("push on G(z): -d loss_G / dx"),
            "histogram": _tr("histogram of G's samples"),
        }
        self.overlays = dict.fromkeys(OVERLAYS, False)
        for name in OVERLAYS:
            for item in self._overlay_items[name]:
                item.setVisible(False)
        self._pens = {
            "d": (
                pg.mkPen(PAPER_BLUE, width=2, style=Qt.PenStyle.DashLine),
                pg.mkPen(PAPER_BLUE, width=HIGHLIGHT_WIDTH, style=Qt.PenStyle.DashLine),
            ),
            "g": (pg.mkPen((60, 60, 60), width=1), pg.mkPen(PAPER_GREEN, width=3)),
        }
        self.x_label = pg.TextItem("x", color="k", anchor=(1.2, 0.5))
        self.z_label = pg.TextItem("z", color="k", anchor=(1.2, 0.5))
        for label in (self.x_label, self.z_label):
            plot.addItem(label)
        self.drawn_curve = plot.plot(pen=pg.mkPen((200, 0, 120), width=3))
        self.drawn_curve.setZValue(10)
        self._frame: tuple[tuple[float, float], float, bool] | None = None  # (x range, peak of p_data, D is P)
        self.snapshot: Snapshot | None = None
        self.drawing = False
        self._drawn: np.ndarray | None = None
        self._last_drawn: tuple[int, float] | None = None

    def set_overlay(self, name: str, shown: bool) -> None:
        self.overlays[name] = shown
        for item in self._overlay_items[name]:
            item.setVisible(shown)
        legend_item = self._overlay_items[name][0]
        self.legend.removeItem(legend_item)
        if shown:
            self.legend.addItem(legend_item, self._overlay_labels[name])
        if self.snapshot is not None:
            self.update_snapshot(self.snapshot)

    def _sync_critic_box(self) -> None:
        self.critic_box.setGeometry(self.getPlotItem().vb.sceneBoundingRect())

    def _set_frame(self, snapshot: Snapshot) -> None:
        """Fix the axes once per target (and on loss-kind changes): a steady picture, no autoscale jitter."""
        frame = (snapshot.x_range, float(snapshot.p_data.max()), snapshot.d_is_probability)
        if frame == self._frame:
            return
        self._frame = frame
        (x0, x1), peak, probability = frame
        # Headroom above D = 1 for the one-row legend, so that it never covers the curves (also at presenter size).
        top = max(1.45, 1.25 * peak + 0.35)
        plot = self.getPlotItem()
        plot.setXRange(x0, x1, padding=0.02)
        plot.setYRange(Z_LINE - 0.12, top, padding=0)
        ticks = [(v, f"{v:g}") for v in np.arange(0.0, top, 0.5)]
        plot.getAxis("left").setTicks([ticks])
        self.x_line.setData([x0, x1], [X_LINE, X_LINE])
        self.z_line.setData([x0, x1], [Z_LINE, Z_LINE])
        self.x_label.setPos(x0, X_LINE)
        self.z_label.setPos(x0, Z_LINE)
        plot.showAxis("right", not probability)
        # The legend names only the D curve in use: a probability, or a critic score on the right-hand axis.
        for curve in (self.d_curve, self.critic_curve):
            self.legend.removeItem(curve)
        shown = self.d_curve if probability else self.critic_curve
        self.legend.addItem(
            shown, _tr("D(x) (discriminator)") if probability else _tr("D(x) score (critic, right axis)")
        )
        self.d_curve.setVisible(probability)
        self.half_line.setVisible(probability)
        self.critic_curve.setVisible(not probability)
        self._sync_critic_box()

    def z_to_display(self, snapshot: Snapshot) -> np.ndarray:
        """Place z on the lower line: its display range is stretched across the x axis, as in the paper."""
        (z0, z1), (x0, x1) = snapshot.z_range, snapshot.x_range
        return x0 + (snapshot.z - z0) / (z1 - z0) * (x1 - x0)

    def update_snapshot(self, snapshot: Snapshot) -> None:
        self._set_frame(snapshot)
        self.snapshot = snapshot
        self.p_data_curve.setData(snapshot.x, snapshot.p_data)
        self.p_g_curve.setData(snapshot.x, snapshot.p_g)
        if snapshot.d_is_probability:
            self.d_curve.setData(snapshot.x, snapshot.d)
        else:
            self.critic_curve.setData(snapshot.x, snapshot.d)
            finite = snapshot.d[np.isfinite(snapshot.d)]
            low, high = (float(finite.min()), float(finite.max())) if len(finite) else (-1.0, 1.0)
            span = max(high - low, 1e-3)
            self.critic_box.setYRange(low - 0.1 * span, high + 0.1 * span, padding=0)
        z_disp = self.z_to_display(snapshot)
        x0, x1 = snapshot.x_range
        heads = np.clip(np.nan_to_num(snapshot.g_z, nan=x0), x0, x1)  # arrows leaving the view end at its edge
        segments_x = np.empty(2 * len(z_disp))
        segments_x[0::2], segments_x[1::2] = z_disp, heads
        segments_y = np.tile([Z_LINE, X_LINE - 0.025], len(z_disp))
        self.arrows.setData(segments_x, segments_y)
        self.arrow_heads.setData(heads, np.full(len(heads), X_LINE - 0.025))
        self.z_ticks.setData(z_disp, np.full(len(z_disp), Z_LINE))
        # What the last narrated sub-step changed: a D step reshapes D(x), a G step moves the arrows.
        self.d_curve.setPen(self._pens["d"][snapshot.phase == "d"])
        self.arrows.setPen(self._pens["g"][snapshot.phase == "g"])
        if self.overlays["d_star"]:
            self.d_star_curve.setData(snapshot.x, snapshot.d_star, connect="finite")
        if self.overlays["push"]:
            self._draw_push(snapshot, heads)
        if self.overlays["histogram"]:
            width = float(snapshot.hist_x[1] - snapshot.hist_x[0]) if len(snapshot.hist_x) > 1 else 0.1
            self.histogram.setOpts(x=snapshot.hist_x, height=snapshot.hist_density, width=width)

    def _draw_push(self, snapshot: Snapshot, heads: np.ndarray) -> None:
        """Horizontal arrows on each G(z): the direction and size that the selected generator loss pushes it."""
        x0, x1 = snapshot.x_range
        span = x1 - x0
        lengths = np.clip(np.nan_to_num(snapshot.g_grad) * PUSH_SCALE * span, -PUSH_MAX * span, PUSH_MAX * span)
        tips = heads + lengths
        y = X_LINE + 0.06
        segments_x = np.empty(2 * len(heads))
        segments_x[0::2], segments_x[1::2] = heads, tips
        self.push_arrows.setData(segments_x, np.full(len(segments_x), y))
        visible = np.abs(lengths) > 1e-3 * span  # a vanishing push draws no arrowhead
        symbols = np.where(lengths > 0, "t2", "t3")[visible]
        self.push_heads.setData(tips[visible], np.full(int(visible.sum()), y), symbol=list(symbols))

    # ---- drawing p_data with the mouse
    def start_drawing(self) -> None:
        """The next drag over the axes draws a new p_data; releasing the mouse hands it over."""
        self.drawing = True
        self._drawn = np.zeros(DRAW_POINTS)
        self._last_drawn = None
        self.drawn_curve.setData([], [])
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.drawing_changed.emit(True)

    def stop_drawing(self) -> None:
        self.drawing = False
        self._drawn = None
        self.drawn_curve.setData([], [])
        self.unsetCursor()
        self.drawing_changed.emit(False)

    def _draw_grid(self) -> np.ndarray:
        x0, x1 = self.snapshot.x_range if self.snapshot is not None else (-3.0, 5.0)
        return np.linspace(x0, x1, DRAW_POINTS)

    def draw_at(self, x: float, y: float) -> None:
        """Set the drawn density at x to y (>= 0), filling the bins a fast drag skipped by linear interpolation."""
        grid = self._draw_grid()
        index = int(np.clip(np.round((x - grid[0]) / (grid[1] - grid[0])), 0, DRAW_POINTS - 1))
        y = max(float(y), 0.0)
        if self._last_drawn is not None and abs(index - self._last_drawn[0]) > 1:
            i0, y0 = self._last_drawn
            span = np.arange(min(i0, index), max(i0, index) + 1)
            self._drawn[span] = np.interp(
                span, [i0, index] if i0 < index else [index, i0], [y0, y] if i0 < index else [y, y0]
            )
        self._drawn[index] = y
        self._last_drawn = (index, y)
        touched = np.nonzero(self._drawn)[0]
        if len(touched):
            self.drawn_curve.setData(grid, self._drawn)

    def finish_drawing(self) -> bool:
        """Hand the drawn density over (density_drawn); False when nothing above the axis was drawn."""
        values = self._drawn
        grid = self._draw_grid()
        self.stop_drawing()
        if values is None or np.count_nonzero(values) < 3:
            return False
        self.density_drawn.emit(float(grid[0]), float(grid[-1]), tuple(float(v) for v in values))
        return True

    def _view_point(self, event: QMouseEvent) -> tuple[float, float]:
        point = self.getPlotItem().vb.mapSceneToView(self.mapToScene(event.position().toPoint()))
        return point.x(), point.y()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if self.drawing and event.button() == Qt.MouseButton.LeftButton:
            self.draw_at(*self._view_point(event))
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.drawing and event.buttons() & Qt.MouseButton.LeftButton:
            self.draw_at(*self._view_point(event))
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if self.drawing and event.button() == Qt.MouseButton.LeftButton:
            self.finish_drawing()
            return
        super().mouseReleaseEvent(event)
