"""Why the paper trains G to maximise log D(G(z)) instead of minimising log(1 - D(G(z))), live.

Top: the selected generator cost per fake as a function of D's output on it, with G's current fakes drawn on the
curve and, on the right-hand axis, how hard that cost pulls on D's logit (|d cost / d logit|). Early in training D
rejects the fakes (D(G(z)) near 0), where minimax's pull vanishes and the non-saturating one stays near 1.
Bottom: the generator's gradient norm over iterations.

Every cost and gradient comes from the loss table (ganlab.core.losses), evaluated one sample at a time with
torch.func; nothing here re-derives a formula.
"""

from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
import torch
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget
from torch.func import grad_and_value, vmap

from ganlab.core.history import History
from ganlab.core.losses import LOSSES
from ganlab.core.snapshot import Snapshot

PROBABILITY_GRID = np.linspace(1e-3, 1.0 - 1e-3, 300)  # D(G(z)) values the cost curves are drawn on
CRITIC_POINTS = 300  # grid size on a critic's score axis
PROBABILITY_EPS = 1e-9  # D(G(z)) is clipped to [eps, 1 - eps] before taking its logit (expit can return 0 or 1)
CRITIC_DEFAULT_RANGE = (-3.0, 3.0)  # score axis before any finite fake has been seen
REDRAW_INTERVAL_S = 0.1  # the history moves slowly: redraw it at 10 Hz while playing (as ChartsPanel does)
REFERENCE = "non_saturating"
GRAD_NORM = ("g_grad_norm",)  # the one series of this panel's history

COST_COLOR = (0, 150, 0)  # the generator's colour in Figure 1
GRAD_COLOR = (200, 60, 0)
REFERENCE_COLOR = (120, 120, 120)
NORM_COLOR = (20, 60, 230)
LABEL_STYLE = {"color": "k", "font-size": "12pt"}  # axis titles, CSS keys as pyqtgraph's AxisItem.setLabel takes

# What each generator cost is, per fake, written for the legend (the numbers themselves come from LOSSES).
COST_TEXT = {
    "minimax": "log(1 − D(G(z)))",
    "non_saturating": "−log D(G(z))",
    "least_squares": "½ (D(G(z)) − 1)²",
    "wgan_clip": "−D(G(z))",
    "wgan_gp": "−D(G(z))",
    "hinge": "−D(G(z))",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("SaturationPanel", text)


def per_sample_cost_and_grad(loss_key: str, outputs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The loss table's g_loss on each of D's raw outputs alone, and its derivative with respect to that output.

    g_loss returns a batch mean; vmap evaluates it on one output at a time (a batch of one, so the mean is the
    sample's own cost), and torch.func.grad differentiates it with autograd.
    """
    if len(outputs) == 0:
        return np.empty(0), np.empty(0)
    g_loss = LOSSES[loss_key].g_loss
    inputs = torch.as_tensor(np.asarray(outputs, dtype=np.float64))
    grads, costs = vmap(grad_and_value(g_loss))(inputs)
    return costs.numpy(), grads.numpy()


def logit(probability: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(probability, dtype=np.float64), PROBABILITY_EPS, 1.0 - PROBABILITY_EPS)
    return np.log(p) - np.log1p(-p)


def _format(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    return f"{value:.3f}" if value == 0.0 or abs(value) >= 0.01 else f"{value:.2e}"


def _style_plot(plot: pg.PlotItem) -> None:
    plot.setMenuEnabled(False)
    plot.hideButtons()
    plot.setMouseEnabled(x=False, y=False)
    font = QFont()
    font.setPointSize(11)
    for name in ("left", "bottom", "right"):
        axis = plot.getAxis(name)
        axis.setPen("k")
        axis.setTextPen("k")
        axis.setTickFont(font)


class SaturationPanel(QWidget):
    """Items are created once; update_snapshot() only calls setData (the curves only when the loss changes)."""

    def __init__(self, history: History | None = None, parent: QWidget | None = None) -> None:
        """history: the run record's series, which has g_grad_norm (recorded by its owner); None: keep one of its
        own."""
        super().__init__(parent)
        self.setMinimumSize(640, 220)
        self._own_history = history is None
        self.history = History(series=GRAD_NORM) if history is None else history
        self._last_draw = -math.inf
        # (loss, d_is_probability, x range) the curves were drawn for
        self._curve_key: tuple[str, bool, tuple[float, float]] | None = None
        self._x_range: tuple[float, float] = (0.0, 1.0)
        self._y_range: tuple[float, float] = (-1.0, 1.0)
        self.snapshot: Snapshot | None = None
        self.mean_grad = math.nan  # mean |d cost / d D's output| over the latest fakes

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        row = QHBoxLayout()  # the cost plot beside the gradient-norm chart: a wide, low dock under Figure 1
        row.setSpacing(0)
        layout.addLayout(row, stretch=1)
        self.plots = pg.GraphicsLayoutWidget()
        self.plots.setBackground("w")
        self.plots.setMinimumHeight(170)
        row.addWidget(self.plots, stretch=3)

        # ---- the cost plot
        self.cost_plot = self.plots.addPlot(row=0, col=0)
        plot = self.cost_plot
        _style_plot(plot)
        plot.showAxis("right")
        plot.getAxis("left").setLabel(_tr("G's cost per fake"), **LABEL_STYLE)
        # The legend sits in its own row under the plot: inside, it would hide a curve whatever the loss.
        self.legend = pg.LegendItem(labelTextColor="k", labelTextSize="11pt", colCount=2)
        self.plots.addItem(self.legend, row=1, col=0)
        self.reference_curve = plot.plot(pen=pg.mkPen(REFERENCE_COLOR, width=2, style=Qt.PenStyle.DashLine))
        self.cost_curve = plot.plot(pen=pg.mkPen(COST_COLOR, width=2))
        self.fakes = pg.ScatterPlotItem(
            symbol="o", size=8, pen=pg.mkPen((0, 60, 0), width=1), brush=pg.mkBrush(0, 200, 0, 160)
        )
        plot.addItem(self.fakes)
        # The gradient axis on the right, as DensityPanel does for its critic axis.
        self.grad_box = pg.ViewBox(enableMouse=False)
        plot.scene().addItem(self.grad_box)
        right = plot.getAxis("right")
        right.linkToView(self.grad_box)
        right.setPen(GRAD_COLOR)
        right.setTextPen(GRAD_COLOR)
        self.grad_box.setXLink(plot)
        self.grad_curve = pg.PlotDataItem(pen=pg.mkPen(GRAD_COLOR, width=2, style=Qt.PenStyle.DotLine))
        self.grad_box.addItem(self.grad_curve)
        plot.vb.sigResized.connect(self._sync_grad_box)

        # ---- the mean pull over the current fakes, large enough for a projector
        self.grad_label = QLabel()
        self.grad_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grad_label.setWordWrap(True)
        self.grad_label.setStyleSheet("QLabel { background: white; color: black; padding: 4px; }")
        font = self.grad_label.font()
        font.setPointSize(16)
        self.grad_label.setFont(font)
        layout.addWidget(self.grad_label)

        # ---- the generator's gradient norm over iterations
        self.norm_plots = pg.GraphicsLayoutWidget()
        self.norm_plots.setBackground("w")
        row.addWidget(self.norm_plots, stretch=2)
        self.norm_plot = self.norm_plots.addPlot(row=0, col=0)
        _style_plot(self.norm_plot)
        self.norm_plot.setTitle(_tr("G's gradient norm ‖∇θ loss_G‖ (log scale)"), color="k", size="12pt")
        self.norm_plot.getAxis("bottom").setLabel(_tr("iteration"), **LABEL_STYLE)
        # log10 of the norm on a plain axis, ticked at whole powers of ten (pyqtgraph's log mode crowds its labels)

        self.norm_plot.setClipToView(True)
        self.norm_plot.setDownsampling(auto=True, mode="peak")
        self.norm_curve = self.norm_plot.plot(pen=pg.mkPen(NORM_COLOR, width=1))

    def _sync_grad_box(self) -> None:
        self.grad_box.setGeometry(self.cost_plot.vb.sceneBoundingRect())

    # ---- the curves, recomputed only when the loss (or a critic's score range) changes
    def _critic_range(self, d_fake: np.ndarray) -> tuple[float, float]:
        finite = d_fake[np.isfinite(d_fake)]
        if len(finite) == 0:
            return CRITIC_DEFAULT_RANGE
        low, high = float(finite.min()), float(finite.max())
        span = max(high - low, 1.0)
        return low - 0.5 * span, high + 0.5 * span

    def _set_curves(self, snapshot: Snapshot) -> None:
        probability = bool(snapshot.d_is_probability)
        if probability:
            x_range = (0.0, 1.0)
        else:
            x0, x1 = self._x_range
            finite = snapshot.d_fake[np.isfinite(snapshot.d_fake)]
            same_kind = self._curve_key is not None and self._curve_key[:2] == (snapshot.loss, probability)
            inside = len(finite) == 0 or (finite.min() >= x0 and finite.max() <= x1)
            x_range = (x0, x1) if same_kind and inside else self._critic_range(snapshot.d_fake)
        key = (snapshot.loss, probability, x_range)
        if key == self._curve_key:
            return
        self._curve_key = key
        self._x_range = x_range
        plot = self.cost_plot
        if probability:
            grid = PROBABILITY_GRID
            outputs = logit(grid)
            x_label, grad_label = _tr("D(G(z)), D's belief that a fake is real"), _tr("|∂cost/∂logit|")
        else:
            grid = np.linspace(x_range[0], x_range[1], CRITIC_POINTS)
            outputs = grid
            x_label, grad_label = _tr("D(G(z)), the critic's score of a fake"), _tr("|∂cost/∂score|")
        cost, grad = per_sample_cost_and_grad(snapshot.loss, outputs)
        grad = np.abs(grad)
        self.cost_curve.setData(grid, cost)
        self.grad_curve.setData(grid, grad)
        shown = [cost]
        show_reference = probability and snapshot.loss != REFERENCE
        if show_reference:
            reference, _ = per_sample_cost_and_grad(REFERENCE, outputs)
            self.reference_curve.setData(grid, reference)
            shown.append(reference)
        else:
            self.reference_curve.setData([], [])
        self.reference_curve.setVisible(show_reference)
        # Fixed axes for this loss: a steady picture while the fakes move along the curve.
        low = min(float(np.nanmin(c)) for c in shown)
        high = max(float(np.nanmax(c)) for c in shown)
        pad = 0.06 * max(high - low, 1e-3)
        self._y_range = (low - pad, high + pad)
        plot.setXRange(*x_range, padding=0.02 if probability else 0.0)
        plot.setYRange(*self._y_range, padding=0)
        self.grad_box.setYRange(0.0, 1.1 * max(float(np.nanmax(grad)), 1e-3), padding=0)
        plot.getAxis("bottom").setLabel(x_label, **LABEL_STYLE)
        plot.getAxis("right").setLabel(grad_label, **{**LABEL_STYLE, "color": pg.mkColor(GRAD_COLOR).name()})
        # The legend names the selected cost, then the reference, the pull and the fakes.
        for item in (self.cost_curve, self.reference_curve, self.grad_curve, self.fakes):
            self.legend.removeItem(item)
        # Short entries, so the two-column legend fits the panel's minimum width; the title names the loss.
        plot.setTitle(LOSSES[snapshot.loss].label, color="k", size="13pt")
        self.legend.addItem(self.cost_curve, COST_TEXT.get(snapshot.loss, _tr("G's cost")))
        if show_reference:
            self.legend.addItem(self.reference_curve, _tr("−log D(G(z)) (reference)"))
        self.legend.addItem(self.grad_curve, _tr("{grad} (right axis)").format(grad=grad_label))
        self.legend.addItem(self.fakes, _tr("G's fakes now"))
        self._sync_grad_box()

    # ---- per snapshot
    def update_snapshot(self, snapshot: Snapshot, force: bool = False, record: bool = True) -> None:
        """Place the fakes on the curve every call; redraw the history at most every REDRAW_INTERVAL_S unless forced.

        record=False shows a past snapshot (the timeline) without rewriting the gradient-norm history.
        """
        self._set_curves(snapshot)
        self.snapshot = snapshot
        d_fake = snapshot.d_fake[np.isfinite(snapshot.d_fake)]
        probability = bool(snapshot.d_is_probability)
        if probability:
            d_fake = np.clip(d_fake, PROBABILITY_EPS, 1.0 - PROBABILITY_EPS)
            outputs = logit(d_fake)
        else:
            outputs = d_fake
        cost, grad = per_sample_cost_and_grad(snapshot.loss, outputs)
        # A fake whose cost is beyond the fixed axis sits on its edge rather than vanishing.
        self.fakes.setData(d_fake, np.clip(cost, *self._y_range))
        wrt = _tr("logit") if probability else _tr("score")
        if len(grad) == 0:
            text = _tr("mean |∂cost/∂{wrt}| over the fakes: no finite fakes").format(wrt=wrt)
        else:
            mean = float(np.mean(np.abs(grad)))
            text = _tr("mean |∂cost/∂{wrt}| over the fakes: {value}").format(wrt=wrt, value=_format(mean))
            if probability and snapshot.loss != REFERENCE:
                _, reference = per_sample_cost_and_grad(REFERENCE, outputs)
                text += "   " + _tr("(with −log D: {value})").format(value=_format(float(np.mean(np.abs(reference)))))
        self.grad_label.setText(text)
        self.mean_grad = float(np.mean(np.abs(grad))) if len(grad) else math.nan

        if not record:
            return
        if self._own_history:
            self.history.add(snapshot)
        now = time.monotonic()
        if not force and now - self._last_draw < REDRAW_INTERVAL_S:
            return
        self._last_draw = now
        self.redraw()

    def redraw(self) -> None:
        """Draw the gradient-norm history now (after it was refilled at once, e.g. from a session file)."""
        iterations, norms = self.history.array("iteration"), self.history.array("g_grad_norm")
        shown = np.isfinite(norms) & (norms > 0)  # no G step yet, a diverged run, or 0 (a log axis cannot show it)
        logs = np.log10(norms[shown])
        self.norm_curve.setData(iterations[shown], logs)
        if len(logs):  # at least two decades tall, ticked at whole powers of ten
            low, high = float(logs.min()), float(logs.max())
            middle, half = 0.5 * (low + high), max(0.5 * (high - low) + 0.2, 1.0)
            self.norm_plot.setYRange(middle - half, middle + half, padding=0)
            powers = range(math.floor(middle - half), math.ceil(middle + half) + 1)
            self.norm_plot.getAxis("left").setTicks([[(p, f"1e{p}") for p in powers], []])

    def clear(self) -> None:
        if self._own_history:
            self.history.clear()
        self.norm_curve.setData([], [])
