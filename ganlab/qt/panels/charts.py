"""Loss and divergence over iterations, appended from each snapshot."""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ganlab.core.history import History
from ganlab.core.image_snapshot import ImageSnapshot
from ganlab.core.snapshot import Snapshot
from ganlab.qt.panels.images import FAKE_COLOR, REAL_COLOR  # D's verdict: the colours of the grids' frames

REDRAW_INTERVAL_S = 0.1  # the charts move slowly; redrawing them at 10 Hz leaves the GUI's time to Figure 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChartsPanel", text)


class _ChartRow(QWidget):
    """Three plots side by side, fed one snapshot at a time: every snapshot is recorded, the curves are redrawn at
    most every REDRAW_INTERVAL_S unless forced (stepping, pausing). Subclasses name the series, titles and curves."""

    SERIES: tuple[str, ...] = ()
    LOG_Y: frozenset[str] = frozenset()  # series drawn on a log axis: values <= 0 are left out

    def __init__(
        self, titles: tuple[str, str, str], history: History | None = None, parent: QWidget | None = None
    ) -> None:
        """history: the run record's series to draw (shared, recorded by its owner); None: keep one of its own."""
        super().__init__(parent)
        self._own_history = history is None
        self.history = History(series=self.SERIES) if history is None else history
        self._last_draw = -math.inf
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setBackground("w")
        layout.addWidget(self.plots)
        self.row = [self.plots.addPlot(row=0, col=col, title=title) for col, title in enumerate(titles)]
        for plot in self.row:
            plot.setMenuEnabled(False)
            plot.hideButtons()
            # no showGrid: its translucent lines cost ~17 ms of a 20 ms chart repaint
            plot.getAxis("bottom").setLabel(_tr("iteration"))
            plot.addLegend(offset=(-10, 10), labelTextSize="10pt")
            plot.setClipToView(True)
            plot.setDownsampling(auto=True, mode="peak")
        self.curves: dict[str, pg.PlotDataItem] = {}

    def update_snapshot(self, snapshot: Snapshot | ImageSnapshot, force: bool = False) -> None:
        if self._own_history:
            self.history.add(snapshot)
        now = time.monotonic()
        if not force and now - self._last_draw < REDRAW_INTERVAL_S:
            return
        self._last_draw = now
        self.redraw()
        self._drawn(snapshot)

    def redraw(self) -> None:
        """Draw the whole history now (after it was refilled at once, e.g. from a session file)."""
        x = self.history.array("iteration")
        for name, curve in self.curves.items():
            y = self.history.array(name)
            if name in self.LOG_Y:  # a log axis cannot show 0 or NaN (G's gradient before its first step)
                y = np.where(y > 0, y, np.nan)
            curve.setData(x, y, connect="finite", skipFiniteCheck=True)

    def _drawn(self, snapshot: Snapshot | ImageSnapshot) -> None:
        """After a redraw: what depends on the newest snapshot beyond the curves."""

    def clear(self) -> None:
        """Forget the drawn run (a history of its own is emptied; a shared one is its owner's to clear)."""
        if self._own_history:
            self.history.clear()
        for curve in self.curves.values():
            curve.setData([], [])


def _dashed_line(y: float) -> pg.InfiniteLine:
    return pg.InfiniteLine(pos=y, angle=0, pen=pg.mkPen((0, 0, 0), width=1, style=Qt.PenStyle.DashLine))


class ChartsPanel(_ChartRow):
    """A 1-D run over iterations: the losses, the JSD, and V(D, G) beside C(G) and its minimum -log 4."""

    SERIES = ("d_loss", "g_loss", "jsd", "value", "c_of_g")

    def __init__(self, history: History | None = None, parent: QWidget | None = None) -> None:
        super().__init__(
            (_tr("Losses"), _tr("JSD(p_data || p_g), nats"), _tr("V(D, G) and C(G) = -log 4 + 2 JSD")),
            history,
            parent,
        )
        self.loss_plot, self.jsd_plot, self.value_plot = self.row
        self.curves = {
            "d_loss": self.loss_plot.plot(pen=pg.mkPen((20, 60, 230), width=1), name=_tr("D loss")),
            "g_loss": self.loss_plot.plot(pen=pg.mkPen((0, 150, 0), width=1), name=_tr("G loss")),
            "jsd": self.jsd_plot.plot(pen=pg.mkPen((200, 60, 0), width=1), name="JSD"),
            "value": self.value_plot.plot(pen=pg.mkPen((20, 60, 230), width=1), name=_tr("V(D, G)")),
            "c_of_g": self.value_plot.plot(pen=pg.mkPen((230, 120, 0), width=1), name=_tr("C(G)")),
        }
        # Theorem 1: the global minimum of C(G) is -log 4, reached exactly when p_g = p_data.
        minimum = _dashed_line(-math.log(4))
        minimum.label = pg.InfLineLabel(minimum, text="-log 4", position=0.05, color="k")
        self.value_plot.addItem(minimum)
        self.value_plot.setYRange(-2.0, 0.1, padding=0)
        # log 2 bounds the JSD (disjoint supports); 0 means p_g = p_data.
        self.jsd_plot.addItem(pg.InfiniteLine(pos=math.log(2), angle=0, pen=pg.mkPen((120, 120, 120), width=1)))
        self.jsd_plot.setYRange(0, math.log(2) * 1.05, padding=0)
        # Where the timeline's scrubber is, on every chart (hidden while live).
        self.markers = []
        for plot in self.row:
            marker = pg.InfiniteLine(angle=90, pen=pg.mkPen((200, 0, 120), width=1, style=Qt.PenStyle.DashLine))
            marker.hide()
            plot.addItem(marker)
            self.markers.append(marker)
        self.jsd_plot.enableAutoRange(axis="y", enable=False)

    def mark(self, iteration: int | None) -> None:
        """Draw the scrubbed moment on the charts; None hides the marker."""
        for marker in self.markers:
            marker.setVisible(iteration is not None)
            if iteration is not None:
                marker.setValue(iteration)


class ImageChartsPanel(_ChartRow):
    """An image run over iterations: both losses, G's gradient norm, and D's mean verdict on real and on fakes."""

    SERIES = ("d_loss", "g_loss", "g_grad_norm", "d_real_mean", "d_fake_mean")
    LOG_Y = frozenset({"g_grad_norm"})

    def __init__(self, history: History | None = None, parent: QWidget | None = None) -> None:
        super().__init__(
            (_tr("Losses"), _tr("|grad of G's loss| (log scale)"), _tr("Mean D(x): training images vs G's samples")),
            history,
            parent,
        )
        self.loss_plot, self.grad_plot, self.verdict_plot = self.row
        self.grad_plot.setLogMode(y=True)
        self.curves = {
            "d_loss": self.loss_plot.plot(pen=pg.mkPen((20, 60, 230), width=1), name=_tr("D loss")),
            "g_loss": self.loss_plot.plot(pen=pg.mkPen((0, 150, 0), width=1), name=_tr("G loss")),
            "g_grad_norm": self.grad_plot.plot(pen=pg.mkPen((120, 0, 160), width=1), name=_tr("G gradient norm")),
            "d_real_mean": self.verdict_plot.plot(pen=pg.mkPen(REAL_COLOR, width=2), name=_tr("on training images")),
            "d_fake_mean": self.verdict_plot.plot(pen=pg.mkPen(FAKE_COLOR, width=2), name=_tr("on G's samples")),
        }
        # At the optimum of the game D cannot tell them apart: D = 1/2 everywhere.
        self.verdict_plot.addItem(_dashed_line(0.5))

    def _drawn(self, snapshot: Snapshot | ImageSnapshot) -> None:
        critic = getattr(snapshot, "d_is_probability", True) is False
        self.verdict_plot.setTitle(
            _tr("Mean critic score: training images vs G's samples")
            if critic
            else _tr("Mean D(x): training images vs G's samples")
        )


class PlaneChartsPanel(_ChartRow):
    """A plane run over iterations: both losses, JS and W1 between data and G, and the modes G covers."""

    SERIES = ("d_loss", "g_loss", "js", "w1", "modes_covered")

    def __init__(self, history: History | None = None, parent: QWidget | None = None) -> None:
        super().__init__((_tr("Losses"), _tr("JS (nats) and W1 to the data"), _tr("Modes covered")), history, parent)
        self.loss_plot, self.distance_plot, self.modes_plot = self.row
        self.curves = {
            "d_loss": self.loss_plot.plot(pen=pg.mkPen((20, 60, 230), width=1), name=_tr("D loss")),
            "g_loss": self.loss_plot.plot(pen=pg.mkPen((0, 150, 0), width=1), name=_tr("G loss")),
            "js": self.distance_plot.plot(pen=pg.mkPen((200, 60, 0), width=1), name="JS"),
            "w1": self.distance_plot.plot(pen=pg.mkPen((120, 0, 160), width=1), name="W1"),
            "modes_covered": self.modes_plot.plot(pen=pg.mkPen((0, 0, 0), width=1), name=_tr("modes")),
        }
