"""Bigger plots for a projector: the pen widths, symbol sizes and text sizes of pyqtgraph items times a factor.

    scale_plots(window, PRESENTER_PLOT_SCALE)  # presenter mode
    scale_plots(window, 1.0)                   # back to exactly what the panels set

Each scaled item keeps, per aspect (its pen, its symbol size, ...), the value a panel set (the base) and the value
shown. A panel that sets a new value while the plots are scaled is noticed through the signals pyqtgraph and Qt
already emit after such a change (sigPlotChanged, a label's text document changing), and its value becomes the new
base, shown scaled. A legend makes new entries at its own label size, which is scaled. No method of any item is
replaced.
"""

from __future__ import annotations

import contextlib
import math
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtGui import QFont, QPen
from PySide6.QtWidgets import QGraphicsItem, QGraphicsTextItem, QGraphicsView, QWidget

from ganlab.qt.look.projector import normal_point_size

PRESENTER_PLOT_SCALE = 1.6  # what the main window passes to scale_plots() in presenter mode

_SKIP = object()  # an aspect's read(): nothing to scale on this item (no pen, sizes per point, an unknown unit)
_STATE = "_ganlab_plot_scale"  # the attribute holding a scaled item's _Scaled
_CSS_SIZE = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(pt|px)?\s*$")


@dataclass
class _Scaled:
    """What scale_plots() keeps on an item while it is scaled."""

    factor: float
    # aspect name: (base, shown); Any, as each aspect has its own type of value (a QPen, a QFont, a size)
    records: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    connections: list[tuple[SignalInstance, Callable[..., None]]] = field(default_factory=list)  # undone at 1.0
    busy: bool = False  # while we write: the signals our own writes emit are not a panel's change


def _no_signals(_item: QGraphicsItem) -> tuple[SignalInstance, ...]:
    return ()


@dataclass(frozen=True)
class _Aspect:
    """One scalable property of a pyqtgraph item: how to read, write and scale it, and which signals announce that a
    panel may have changed it (none where pyqtgraph emits none: then the next scale_plots() call picks it up)."""

    name: str
    kinds: tuple[type, ...]
    read: Callable[[Any], Any]
    write: Callable[[Any, Any], None]
    scale: Callable[[Any, Any, float], Any]
    watch: Callable[[Any], tuple[SignalInstance, ...]] = _no_signals


# ---- reading, scaling and writing the values


def _pen_or_skip(pen: Any) -> Any:
    pen = pg.mkPen(pen) if not isinstance(pen, QPen) else QPen(pen)
    return _SKIP if pen.style() == Qt.PenStyle.NoPen else pen


def _scaled_pen(_item: QGraphicsItem, pen: QPen, factor: float) -> QPen:
    scaled = QPen(pen)
    width = pen.widthF()
    scaled.setWidthF((width if width > 0 else 1.0) * factor)  # width 0 is Qt's one-pixel cosmetic pen
    return scaled


def _scaled_number(_item: QGraphicsItem, size: float, factor: float) -> float:
    return size * factor


def _number_or_skip(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return _SKIP  # sizes per point (arrays) keep their values
    return value


def _scaled_font(font: QFont, factor: float) -> QFont:
    scaled = QFont(font)
    if font.pointSizeF() > 0:
        scaled.setPointSizeF(font.pointSizeF() * factor)
    elif font.pixelSize() > 0:
        scaled.setPixelSize(max(1, round(font.pixelSize() * factor)))
    return scaled


def _css_size_or_skip(value: Any) -> Any:
    """A CSS font size as pyqtgraph takes it ('12pt', '16px'), None when the text inherits its size."""
    if value is None:
        return None
    return value if isinstance(value, str) and _CSS_SIZE.match(value) else _SKIP


def _scaled_css_size(_item: QGraphicsItem, value: str | None, factor: float) -> str:
    if value is None:
        return f"{normal_point_size() * factor:g}pt"
    match = _CSS_SIZE.match(value)
    assert match is not None  # _css_size_or_skip() let only these through
    return f"{float(match.group(1)) * factor:g}{match.group(2) or ''}"


def _read_opt(key: str, convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda item: convert(item.opts.get(key))


def _call(method: str) -> Callable[[Any, Any], None]:
    return lambda item, value: getattr(item, method)(value)


def _read_symbol_pen(item: pg.PlotDataItem) -> Any:
    return _SKIP if item.opts.get("symbol") is None else _pen_or_skip(item.opts.get("symbolPen"))


def _read_symbol_size(item: pg.PlotDataItem) -> Any:
    return _SKIP if item.opts.get("symbol") is None else _number_or_skip(item.opts.get("symbolSize"))


def _read_tick_font(axis: pg.AxisItem) -> Any:
    font = axis.style.get("tickFont")
    return font if font is None or isinstance(font, QFont) else _SKIP


def _scaled_tick_font(axis: pg.AxisItem, font: QFont | None, factor: float) -> QFont:
    if font is None:  # ticks drawn in the inherited font: scale the normal size, not presenter mode's bigger one
        font = QFont(axis.font())
        font.setPointSizeF(normal_point_size())
    return _scaled_font(font, factor)


def _read_axis_label_size(axis: pg.AxisItem) -> Any:
    return _SKIP if axis.label is None else _css_size_or_skip(axis.labelStyle.get("font-size"))


def _write_axis_label_size(axis: pg.AxisItem, size: str | None) -> None:
    if size is None:
        axis.labelStyle.pop("font-size", None)
    else:
        axis.labelStyle["font-size"] = size
    # setLabel() would replace the whole style and show a hidden label; this is what it calls to rebuild the HTML
    axis._updateLabel()


def _write_label_size(label: pg.LabelItem, size: str | None) -> None:
    if size is None:
        label.opts.pop("size", None)
        label.setText(label.text)
    else:
        label.setText(label.text, size=size)


def _write_legend_size(legend: pg.LegendItem, size: str) -> None:
    # not setLabelTextSize(): that also overwrites the size each entry remembers, without showing it
    legend.opts["labelTextSize"] = size


# ---- the signals emitted after a panel changes a value


# A PlotDataItem passes its pen to its curve and its symbol pen and size to its scatter, each of which emits
# sigPlotChanged when given them (setPen, setSymbolPen, setSymbolSize, setData). Each aspect listens to its own
# part only: rewriting the symbol pen while the curve's signal is being emitted would be undone by the stale
# arguments the PlotDataItem passes to its scatter right after.
def _curve_changed(item: pg.PlotDataItem) -> tuple[SignalInstance, ...]:
    return (item.curve.sigPlotChanged,)


def _scatter_changed(item: pg.PlotDataItem) -> tuple[SignalInstance, ...]:
    return (item.scatter.sigPlotChanged,)


def _data_changed(item: pg.PlotCurveItem | pg.ScatterPlotItem) -> tuple[SignalInstance, ...]:
    return (item.sigPlotChanged,)  # setData(pen=..., size=...) on a curve or scatter of its own


def _text_changed(text_item: QGraphicsTextItem) -> tuple[SignalInstance, ...]:
    return (text_item.document().contentsChanged,)  # setText(), setTitle(), setLabel() all rewrite the HTML


_ASPECTS = (
    _Aspect("pen", (pg.PlotDataItem,), _read_opt("pen", _pen_or_skip), _call("setPen"), _scaled_pen, _curve_changed),
    _Aspect("symbol_pen", (pg.PlotDataItem,), _read_symbol_pen, _call("setSymbolPen"), _scaled_pen, _scatter_changed),
    _Aspect(
        "symbol_size", (pg.PlotDataItem,), _read_symbol_size, _call("setSymbolSize"), _scaled_number, _scatter_changed
    ),
    _Aspect("pen", (pg.PlotCurveItem,), _read_opt("pen", _pen_or_skip), _call("setPen"), _scaled_pen, _data_changed),
    _Aspect("pen", (pg.ScatterPlotItem,), _read_opt("pen", _pen_or_skip), _call("setPen"), _scaled_pen, _data_changed),
    _Aspect(
        "size",
        (pg.ScatterPlotItem,),
        _read_opt("size", _number_or_skip),
        _call("setSize"),
        _scaled_number,
        _data_changed,
    ),
    _Aspect("pen", (pg.InfiniteLine,), lambda line: _pen_or_skip(line.pen), _call("setPen"), _scaled_pen),
    _Aspect(
        "hover_pen", (pg.InfiniteLine,), lambda line: _pen_or_skip(line.hoverPen), _call("setHoverPen"), _scaled_pen
    ),
    _Aspect("pen", (pg.AxisItem,), lambda axis: _pen_or_skip(axis.pen()), _call("setPen"), _scaled_pen),
    _Aspect(
        "tick_font",
        (pg.AxisItem,),
        _read_tick_font,
        lambda axis, font: axis.setStyle(tickFont=font),
        _scaled_tick_font,
    ),
    _Aspect(  # bigger tick text needs fewer ticks, or the numbers run into each other
        "tick_density",
        (pg.AxisItem,),
        lambda axis: _number_or_skip(getattr(axis, "_tickDensity", None)) if hasattr(axis, "setTickDensity") else _SKIP,
        _call("setTickDensity"),
        lambda _axis, density, factor: density / factor,
    ),
    _Aspect(
        "label_size",
        (pg.AxisItem,),
        _read_axis_label_size,
        _write_axis_label_size,
        _scaled_css_size,
        lambda axis: _text_changed(axis.label),
    ),
    _Aspect(
        "size",
        (pg.LabelItem,),
        _read_opt("size", _css_size_or_skip),
        _write_label_size,
        _scaled_css_size,
        lambda label: _text_changed(label.item),
    ),
    _Aspect(  # the size the legend makes new entries at: entries added while scaled come out scaled
        "label_text_size",
        (pg.LegendItem,),
        _read_opt("labelTextSize", lambda size: _SKIP if size is None else _css_size_or_skip(size)),
        _write_legend_size,
        _scaled_css_size,
    ),
    _Aspect(
        "font",
        (pg.TextItem,),
        lambda text: QFont(text.textItem.font()),
        _call("setFont"),
        lambda _item, font, factor: _scaled_font(font, factor),
    ),
)


# ---- applying a factor


def _aspects(item: QGraphicsItem) -> tuple[_Aspect, ...]:
    if isinstance(item, pg.PlotCurveItem | pg.ScatterPlotItem) and isinstance(item.parentItem(), pg.PlotDataItem):
        return ()  # the parts of a PlotDataItem: scaled through the PlotDataItem's options
    return tuple(aspect for aspect in _ASPECTS if isinstance(item, aspect.kinds))


def _same(a: Any, b: Any) -> bool:
    return a is b or (type(a) is type(b) and a == b)


def _apply(item: QGraphicsItem, aspect: _Aspect, factor: float, records: dict[str, tuple[Any, Any]]) -> None:
    """Show the aspect's base value times `factor`. The base is what a panel last set: the value remembered when this
    module scaled it, unless the item now holds something else (the panel changed it since), which is the new base."""
    current = aspect.read(item)
    if current is _SKIP:
        records.pop(aspect.name, None)
        return
    record = records.get(aspect.name)
    base = record[0] if record is not None and _same(current, record[1]) else current
    target = base if factor == 1.0 else aspect.scale(item, base, factor)
    if not _same(current, target):
        aspect.write(item, target)
    if factor == 1.0:
        records.pop(aspect.name, None)
    else:
        records[aspect.name] = (base, target)


def _rescale(item: QGraphicsItem, aspects: tuple[_Aspect, ...]) -> None:
    """Show `aspects` of `item` at its current factor again (after scale_plots(), or after a panel changed one)."""
    state: _Scaled | None = vars(item).get(_STATE)
    if state is None or state.busy:
        return
    state.busy = True
    try:
        for aspect in aspects:
            _apply(item, aspect, state.factor, state.records)
    finally:
        state.busy = False


def _scale_entries(legend: pg.LegendItem, factor: float) -> None:
    """The legend's labels at `factor`, its box fitted to them. An entry added while the legend was scaled has no
    record of its own but the legend's scaled label size; its base is the legend's base. Call before the legend's own
    record changes."""
    state: _Scaled | None = vars(legend).get(_STATE)
    record = state.records.get("label_text_size") if state is not None else None  # (base, shown)
    for _sample, label in legend.items:
        if record is not None and _STATE not in vars(label) and label.opts.get("size") == record[1]:
            _write_label_size(label, record[0])
        _scale_item(label, factor)
        label.resize(label.minimumSize())  # a label keeps its old (bigger) size until told, and so would the box


def _on_change(item: QGraphicsItem, aspects: tuple[_Aspect, ...]) -> Callable[..., None]:
    ref = weakref.ref(item)  # the connection must not keep a removed item alive

    def changed(*_args: Any) -> None:
        alive = ref()
        if alive is not None:
            _rescale(alive, aspects)

    return changed


def _watch(item: QGraphicsItem, state: _Scaled, aspects: tuple[_Aspect, ...]) -> None:
    for aspect in aspects:
        for signal in aspect.watch(item):
            slot = _on_change(item, (aspect,))
            signal.connect(slot)
            state.connections.append((signal, slot))


def _unwatch(state: _Scaled) -> None:
    for signal, slot in state.connections:
        with contextlib.suppress(RuntimeError, TypeError):  # the sender is gone already
            signal.disconnect(slot)
    state.connections.clear()


def _scale_item(item: QGraphicsItem, factor: float) -> bool:
    aspects = _aspects(item)
    if not aspects:
        return False
    state: _Scaled | None = vars(item).get(_STATE)
    if state is None and factor == 1.0:
        return True  # never scaled: nothing to restore
    legend = isinstance(item, pg.LegendItem)
    if legend:
        _scale_entries(item, factor)
    if state is None:
        state = _Scaled(factor)
        setattr(item, _STATE, state)
        _watch(item, state, aspects)
    state.factor = factor
    _rescale(item, aspects)
    if legend:
        item.updateSize()
    if factor == 1.0:
        _unwatch(state)
        delattr(item, _STATE)
    return True


def scale_plots(root: QWidget, factor: float) -> int:
    """Multiply the pen widths, symbol sizes and text sizes of every pyqtgraph item under `root` by `factor`.

    Scales from the values the panels set, not from the screen: scale_plots(root, 1.6) twice is 1.6 once, and
    scale_plots(root, 1.0) puts back the originals. Covers PlotDataItem (pen, symbol pen and size), PlotCurveItem and
    ScatterPlotItem on their own (pen, size), InfiniteLine (pen, hover pen), AxisItem (pen, tick font, label size;
    tick density is divided by `factor` so the bigger numbers do not collide), LabelItem (titles, legend entries),
    TextItem (font, InfiniteLine labels included) and LegendItem (its box, and entries added later).

    While scaled, what a panel sets through PlotDataItem.setPen/setSymbolPen/setSymbolSize/setData, setData on a
    curve or scatter of its own, AxisItem.setLabel, LabelItem.setText (PlotItem.setTitle) and LegendItem.addItem is
    scaled at once, so a pen a panel swaps every frame stays big. Other values a panel changes while scaled (an
    InfiniteLine's pen, a tick font, a TextItem's font: pyqtgraph announces none of these) become the new originals
    at the next call. Text that sets no size of its own is scaled from the application's normal size, so this
    composes with apply_presenter() in either order. Items that are in no scene under `root` now (created later, or
    a renderer without a parent) are not touched: call this again after adding them. Returns the number of
    pyqtgraph items it looked after.
    """
    if not (math.isfinite(factor) and factor > 0):
        raise ValueError(f"scale factor must be a positive number, not {factor!r}")
    views = root.findChildren(QGraphicsView)
    if isinstance(root, QGraphicsView):
        views.insert(0, root)
    scenes = {id(view.scene()): view.scene() for view in views if view.scene() is not None}
    count = 0
    for scene in scenes.values():
        # legends first: they tell the entries added while scaled from the others (see _scale_entries)
        for item in sorted(scene.items(), key=lambda item: not isinstance(item, pg.LegendItem)):
            count += _scale_item(item, float(factor))
    return count
