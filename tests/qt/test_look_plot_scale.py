"""Bigger plots: pens, symbols and text of pyqtgraph items scaled, kept scaled while panels change them, restored."""

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ganlab.qt.look.plot_scale import scale_plots
from ganlab.qt.look.projector import apply_presenter


def _plot(qtbot):
    widget = pg.PlotWidget(background="w")
    qtbot.addWidget(widget)
    plot = widget.getPlotItem()
    plot.setTitle("Figure 1", size="14pt")
    plot.getAxis("left").setLabel("D(x)", **{"font-size": "10pt"})
    legend = plot.addLegend(labelTextSize="10pt")
    curve = plot.plot([0, 1, 2], [1, 0, 1], pen=pg.mkPen((0, 150, 0), width=2, style=Qt.PenStyle.DashLine), name="p_g")
    plot.plot([0, 2], [0.5, 0.5], pen=pg.mkPen("b", width=1), name="D(x), the discriminator")
    line = pg.InfiniteLine(pos=0.5, angle=0, pen=pg.mkPen("k", width=1))
    plot.addItem(line)
    dots = pg.ScatterPlotItem([0, 1], [0, 1], size=9, pen=pg.mkPen("k", width=1))
    plot.addItem(dots)
    text = pg.TextItem("x")
    plot.addItem(text)
    return widget, plot, legend, curve, line, dots, text


def _looks(plot, legend, curve, line, dots, text):
    axis = plot.getAxis("left")
    return (
        curve.opts["pen"].widthF(),
        line.pen.widthF(),
        dots.opts["size"],
        dots.opts["pen"].widthF(),
        axis.labelStyle.get("font-size"),
        plot.titleLabel.opts.get("size"),
        [label.opts["size"] for _, label in legend.items],
        text.textItem.font().pointSizeF(),
        axis.style["tickFont"],
        axis._tickDensity,
    )


def test_scale_plots_multiplies_then_restores_without_compounding(qtbot, app):
    widget, plot, legend, curve, line, dots, text = items = _plot(qtbot)
    original_pen = pg.mkPen(curve.opts["pen"])
    normal = _looks(*items[1:])
    widget.show()  # laid out for real: a legend's box only grows (and must shrink back) once its layout runs
    qtbot.waitExposed(widget)
    qtbot.wait(20)
    legend_size = (legend.width(), legend.height())
    font = normal[7]

    assert scale_plots(widget, 1.6) > 0
    qtbot.wait(20)
    scaled = _looks(*items[1:])
    assert scaled[:7] == (pytest.approx(3.2), pytest.approx(1.6), pytest.approx(14.4), pytest.approx(1.6), "16pt",
                          "22.4pt", ["16pt"] * 2)  # fmt: skip
    assert scaled[7] == pytest.approx(font * 1.6)
    assert scaled[8].pointSizeF() == pytest.approx(app.font().pointSizeF() * 1.6)  # ticks: inherited font x1.6
    assert scaled[9] == pytest.approx(1 / 1.6)  # and fewer of them
    assert curve.opts["pen"].style() == Qt.PenStyle.DashLine and curve.opts["pen"].color() == QColor(0, 150, 0)
    assert legend.width() > legend_size[0] + 10 and legend.height() > legend_size[1] + 5  # the box grows...

    scale_plots(widget, 1.6)  # again: 1.6 of the original, not 1.6 of 1.6
    assert _looks(*items[1:]) == scaled

    assert scale_plots(widget, 1.0) > 0
    qtbot.wait(20)
    assert _looks(*items[1:]) == normal
    assert curve.opts["pen"] == original_pen
    assert (legend.width(), legend.height()) == pytest.approx(legend_size, abs=1.0)  # ...and shrinks back
    assert "setPen" not in curve.__dict__  # no wrapper left behind at 1.0


def test_values_set_while_scaled_are_scaled_and_become_the_new_originals(qtbot, app):
    widget, plot, legend, curve, line, dots, text = _plot(qtbot)
    scale_plots(widget, 1.5)
    curve.setPen(pg.mkPen("b", width=4))  # a panel highlighting a curve each frame
    assert curve.opts["pen"].widthF() == pytest.approx(6.0)
    assert curve.curve.opts["pen"].widthF() == pytest.approx(6.0)  # what is actually drawn
    plot.setTitle("Another loss", size="12pt")
    assert plot.titleLabel.opts["size"] == "18pt"
    legend.addItem(pg.PlotDataItem([0, 1], [0, 1]), "added later")
    assert legend.items[-1][1].opts["size"] == "15pt"
    plot.getAxis("left").setLabel("cost")  # no style given: the scaled one stays
    assert plot.getAxis("left").labelStyle["font-size"] == "15pt"

    scale_plots(widget, 1.0)
    assert curve.opts["pen"].widthF() == pytest.approx(4.0)
    assert plot.titleLabel.opts["size"] == "12pt"
    assert [label.opts["size"] for _, label in legend.items] == ["10pt"] * 3
    assert plot.getAxis("left").labelStyle["font-size"] == "10pt"
    curve.setPen(pg.mkPen("b", width=3))
    assert curve.opts["pen"].widthF() == pytest.approx(3.0)  # not scaled any more


def test_scale_plots_walks_a_widget_tree_and_composes_with_presenter_mode(qtbot, app):
    parent = QWidget()
    qtbot.addWidget(parent)
    layout = QVBoxLayout(parent)
    plots = pg.GraphicsLayoutWidget()
    layout.addWidget(plots)
    curve = plots.addPlot().plot([0, 1], [0, 1], pen=pg.mkPen("r", width=2))
    axis = curve.getViewBox().parentItem().getAxis("bottom")
    normal_size = app.font().pointSizeF()

    apply_presenter(app, True)  # the app font is now bigger: tick text follows the normal size, not that one
    scale_plots(parent, 1.6)
    assert curve.opts["pen"].widthF() == pytest.approx(3.2)
    assert axis.style["tickFont"].pointSizeF() == pytest.approx(normal_size * 1.6)
    apply_presenter(app, False)
    scale_plots(parent, 1.0)
    assert curve.opts["pen"].widthF() == pytest.approx(2.0) and axis.style["tickFont"] is None


@pytest.mark.parametrize("factor", [0.0, -1.0, float("nan")])
def test_scale_plots_refuses_a_meaningless_factor(qtbot, factor):
    widget = pg.PlotWidget()
    qtbot.addWidget(widget)
    with pytest.raises(ValueError):
        scale_plots(widget, factor)
