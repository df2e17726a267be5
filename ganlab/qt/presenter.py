"""Presenter mode (a projector look), bigger plots, the shortcut overlay and the remembered preferences.

The main window calls into this module; nothing here knows about the panels. Turning presenter mode on and off:

    apply_presenter(app, on)                                 # fonts, palette, button padding for the whole app
    scale_plots(window, PRESENTER_PLOT_SCALE if on else 1.0)  # pyqtgraph pens, symbols and plot fonts

Both remember what they replaced, so switching off returns exactly to the normal look, and calling either twice
does not compound.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QObject, QSettings, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGraphicsView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

PRESENTER_FONT_SCALE = 1.6  # the application font in presenter mode: this times the normal size...
PRESENTER_MIN_POINT_SIZE = 18.0  # ...and never below this (readable from the back of a lecture hall)
PRESENTER_PLOT_SCALE = 1.6  # what the main window passes to scale_plots() in presenter mode

# Bigger targets for a teacher at a projector; padding only, so the platform style still draws the widgets and the
# presenter palette still colours them.
PRESENTER_STYLE = """
QPushButton, QToolButton { padding: 10px 22px; }
QComboBox { padding: 6px 12px; }
QLineEdit, QSpinBox, QDoubleSpinBox { padding: 4px 8px; }
QCheckBox, QRadioButton { spacing: 12px; }
QToolTip { padding: 8px; }
"""

# The presenter palette: black on white everywhere, a strong blue selection with white text. Disabled text stays
# readable (about 5:1 on white) rather than fading into the background as it does on a washed-out projector.
_WHITE, _BLACK = "#ffffff", "#000000"
_PRESENTER_COLOURS = {
    QPalette.ColorRole.Window: _WHITE,
    QPalette.ColorRole.WindowText: _BLACK,
    QPalette.ColorRole.Base: _WHITE,
    QPalette.ColorRole.AlternateBase: "#eeeeee",
    QPalette.ColorRole.Text: _BLACK,
    QPalette.ColorRole.Button: "#f2f2f2",
    QPalette.ColorRole.ButtonText: _BLACK,
    QPalette.ColorRole.BrightText: "#c00000",
    QPalette.ColorRole.Highlight: "#0036b3",
    QPalette.ColorRole.HighlightedText: _WHITE,
    QPalette.ColorRole.ToolTipBase: "#ffffe0",
    QPalette.ColorRole.ToolTipText: _BLACK,
    QPalette.ColorRole.PlaceholderText: "#555555",
    QPalette.ColorRole.Link: "#0036b3",
    QPalette.ColorRole.LinkVisited: "#5a1a8c",
    QPalette.ColorRole.Light: _WHITE,
    QPalette.ColorRole.Midlight: "#e0e0e0",
    QPalette.ColorRole.Mid: "#9a9a9a",
    QPalette.ColorRole.Dark: "#5a5a5a",
    QPalette.ColorRole.Shadow: _BLACK,
}
if hasattr(QPalette.ColorRole, "Accent"):  # Qt >= 6.6
    _PRESENTER_COLOURS[QPalette.ColorRole.Accent] = "#0036b3"
_DISABLED_COLOURS = {
    QPalette.ColorRole.WindowText: "#6b6b6b",
    QPalette.ColorRole.Text: "#6b6b6b",
    QPalette.ColorRole.ButtonText: "#6b6b6b",
    QPalette.ColorRole.Highlight: "#8a8a8a",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("HelpOverlay", text)


# ---------------------------------------------------------------------------------------------------------------------
# Presenter mode for the whole application


@dataclass(frozen=True)
class _Look:
    """What apply_presenter() replaced, to put back exactly."""

    font: QFont
    palette: QPalette
    style_sheet: str


_SAVED_ATTRIBUTE = "_ganlab_normal_look"


def presenter_palette() -> QPalette:
    """The projector palette: high contrast in every colour group, the selection as strong when the window is
    inactive (the teacher clicked elsewhere) as when it is active."""
    palette = QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        for role, colour in _PRESENTER_COLOURS.items():
            palette.setColor(group, role, QColor(colour))
    for role, colour in _DISABLED_COLOURS.items():
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(colour))
    return palette


def presenter_font(font: QFont) -> QFont:
    """`font` scaled by PRESENTER_FONT_SCALE, at least PRESENTER_MIN_POINT_SIZE."""
    big = QFont(font)
    size = font.pointSizeF() if font.pointSizeF() > 0 else QFontInfo(font).pointSizeF()  # a pixel-sized font
    big.setPointSizeF(max(size * PRESENTER_FONT_SCALE, PRESENTER_MIN_POINT_SIZE))
    return big


def is_presenter(app: QApplication) -> bool:
    return getattr(app, _SAVED_ATTRIBUTE, None) is not None


def apply_presenter(app: QApplication, on: bool) -> None:
    """Switch `app` to the projector look (large fonts, a high-contrast palette, bigger buttons) or back to exactly
    the font, palette and style sheet it had before. Idempotent: on twice is on, off when already off does nothing.

    Widgets that set their own font, palette or style sheet (a font-size in a widget's style sheet, say) keep it."""
    saved: _Look | None = getattr(app, _SAVED_ATTRIBUTE, None)
    if on and saved is None:
        look = _Look(font=QFont(app.font()), palette=QPalette(app.palette()), style_sheet=app.styleSheet())
        setattr(app, _SAVED_ATTRIBUTE, look)
        _switch(app, presenter_font(look.font), presenter_palette(), _with_presenter_style(look.style_sheet))
    elif not on and saved is not None:
        setattr(app, _SAVED_ATTRIBUTE, None)
        _switch(app, saved.font, saved.palette, saved.style_sheet)


def _with_presenter_style(style_sheet: str) -> str:
    return f"{style_sheet}\n{PRESENTER_STYLE}" if style_sheet else PRESENTER_STYLE


def _switch(app: QApplication, font: QFont, palette: QPalette, style_sheet: str) -> None:
    """Font and palette first, delivered to the widgets at once, and only then the style sheet. While a style sheet
    is set, Qt passes an application font change on to polished widgets only when the style sheet changes, and a
    style sheet set before the posted font change is delivered leaves some widgets at the old size for good (found
    on the main window: dock titles and buttons stayed big after presenter mode was switched off)."""
    app.setFont(font)
    app.setPalette(palette)
    for kind in (QEvent.Type.ApplicationFontChange, QEvent.Type.ApplicationPaletteChange):
        QCoreApplication.sendPostedEvents(None, kind)  # just these events: no re-entrant event loop
    app.setStyleSheet(style_sheet)


def _normal_point_size() -> float:
    """The application's point size outside presenter mode: what pyqtgraph text that sets no size is drawn at."""
    app = QApplication.instance()
    if app is None:
        return 10.0
    saved: _Look | None = getattr(app, _SAVED_ATTRIBUTE, None)
    font = saved.font if saved is not None else app.font()
    size = font.pointSizeF() if font.pointSizeF() > 0 else QFontInfo(font).pointSizeF()
    return size if size > 0 else 10.0


# ---------------------------------------------------------------------------------------------------------------------
# Bigger plots: pens, symbols and fonts of pyqtgraph items

_SKIP = object()  # an aspect's read(): nothing to scale on this item (no pen, sizes per point, an unknown unit)
_STATE = "_ganlab_plot_scale"  # on each scaled item: {"factor": f, "records": {aspect: (base, applied)}}
_CSS_SIZE = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(pt|px)?\s*$")


@dataclass(frozen=True)
class _Aspect:
    """One scalable property of a pyqtgraph item: how to read it, write it and scale it, and which of the item's
    methods a panel may call later to change it (those are wrapped so a new value is scaled too)."""

    name: str
    kinds: tuple[type, ...]
    read: Callable[[Any], Any]
    write: Callable[[Any, Any], None]
    scale: Callable[[Any, Any, float], Any]
    setters: tuple[str, ...]


def _pen_or_skip(pen: Any) -> Any:
    pen = pg.mkPen(pen) if not isinstance(pen, QPen) else QPen(pen)
    return _SKIP if pen.style() == Qt.PenStyle.NoPen else pen


def _scaled_pen(_item: Any, pen: QPen, factor: float) -> QPen:
    scaled = QPen(pen)
    width = pen.widthF()
    scaled.setWidthF((width if width > 0 else 1.0) * factor)  # width 0 is Qt's one-pixel cosmetic pen
    return scaled


def _scaled_number(_item: Any, size: float, factor: float) -> float:
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


def _scaled_css_size(_item: Any, value: str | None, factor: float) -> str:
    if value is None:
        return f"{_normal_point_size() * factor:g}pt"
    match = _CSS_SIZE.match(value)
    assert match is not None  # _css_size_or_skip() let only these through
    return f"{float(match.group(1)) * factor:g}{match.group(2) or ''}"


def _read_opt(key: str, convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda item: convert(item.opts.get(key))


def _call(method: str) -> Callable[[Any, Any], None]:
    """Write through the class's method, bypassing the wrapper this module puts on the instance."""
    return lambda item, value: getattr(type(item), method)(item, value)


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
        font.setPointSizeF(_normal_point_size())
    return _scaled_font(font, factor)


def _write_tick_font(axis: pg.AxisItem, font: QFont | None) -> None:
    pg.AxisItem.setStyle(axis, tickFont=font)


def _read_axis_label_size(axis: pg.AxisItem) -> Any:
    return _SKIP if axis.label is None else _css_size_or_skip(axis.labelStyle.get("font-size"))


def _write_axis_label_size(axis: pg.AxisItem, size: str | None) -> None:
    if size is None:
        axis.labelStyle.pop("font-size", None)
    else:
        axis.labelStyle["font-size"] = size
    axis._updateLabel()  # what setLabel() calls; rebuilds the label's HTML from labelStyle


def _write_label_size(label: pg.LabelItem, size: str | None) -> None:
    if size is None:
        label.opts.pop("size", None)
        pg.LabelItem.setText(label, label.text)
    else:
        pg.LabelItem.setText(label, label.text, size=size)


_ASPECTS = (
    _Aspect("pen", (pg.PlotDataItem,), _read_opt("pen", _pen_or_skip), _call("setPen"), _scaled_pen, ("setPen",)),
    _Aspect("symbol_pen", (pg.PlotDataItem,), _read_symbol_pen, _call("setSymbolPen"), _scaled_pen, ("setSymbolPen",)),
    _Aspect(
        "symbol_size",
        (pg.PlotDataItem,),
        _read_symbol_size,
        _call("setSymbolSize"),
        _scaled_number,
        ("setSymbolSize",),
    ),
    _Aspect("pen", (pg.PlotCurveItem,), _read_opt("pen", _pen_or_skip), _call("setPen"), _scaled_pen, ("setPen",)),
    _Aspect("pen", (pg.ScatterPlotItem,), _read_opt("pen", _pen_or_skip), _call("setPen"), _scaled_pen, ("setPen",)),
    _Aspect(
        "size",
        (pg.ScatterPlotItem,),
        _read_opt("size", _number_or_skip),
        _call("setSize"),
        _scaled_number,
        ("setSize",),
    ),
    _Aspect("pen", (pg.InfiniteLine,), lambda line: _pen_or_skip(line.pen), _call("setPen"), _scaled_pen, ("setPen",)),
    _Aspect(
        "hover_pen",
        (pg.InfiniteLine,),
        lambda line: _pen_or_skip(line.hoverPen),
        _call("setHoverPen"),
        _scaled_pen,
        ("setHoverPen",),
    ),
    _Aspect("pen", (pg.AxisItem,), lambda axis: _pen_or_skip(axis.pen()), _call("setPen"), _scaled_pen, ("setPen",)),
    _Aspect(
        "tick_font",
        (pg.AxisItem,),
        _read_tick_font,
        _write_tick_font,
        _scaled_tick_font,
        ("setStyle", "setTickFont"),
    ),
    _Aspect(  # bigger tick text needs fewer ticks, or the numbers run into each other
        "tick_density",
        (pg.AxisItem,),
        lambda axis: _number_or_skip(getattr(axis, "_tickDensity", None)) if hasattr(axis, "setTickDensity") else _SKIP,
        _call("setTickDensity"),
        lambda _axis, density, factor: density / factor,
        ("setTickDensity",),
    ),
    _Aspect(
        "label_size",
        (pg.AxisItem,),
        _read_axis_label_size,
        _write_axis_label_size,
        _scaled_css_size,
        ("setLabel",),
    ),
    _Aspect(
        "size",
        (pg.LabelItem,),
        _read_opt("size", _css_size_or_skip),
        _write_label_size,
        _scaled_css_size,
        ("setText",),
    ),
    _Aspect(
        "font",
        (pg.TextItem,),
        lambda text: QFont(text.textItem.font()),
        _call("setFont"),
        lambda _item, font, factor: _scaled_font(font, factor),
        ("setFont",),
    ),
)


def _aspects(item: Any) -> tuple[_Aspect, ...]:
    if isinstance(item, pg.PlotCurveItem | pg.ScatterPlotItem) and isinstance(item.parentItem(), pg.PlotDataItem):
        return ()  # the parts of a PlotDataItem: scaled through the PlotDataItem's options
    return tuple(aspect for aspect in _ASPECTS if isinstance(item, aspect.kinds))


def _same(a: Any, b: Any) -> bool:
    return a is b or (type(a) is type(b) and a == b)


def _apply(item: Any, aspect: _Aspect, factor: float, records: dict[str, tuple[Any, Any]]) -> None:
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


def _rescale(item: Any) -> None:
    """Apply the item's current factor again (after one of its setters ran)."""
    state = item.__dict__.get(_STATE)
    if state is None:
        return
    for aspect in _aspects(item):
        _apply(item, aspect, state["factor"], state["records"])
    if isinstance(item, pg.LegendItem):  # labels added since are scaled like the others; the box fits them again
        for _sample, label in item.items:
            _scale_item(label, state["factor"])
            label.resize(label.minimumSize())  # a label keeps its old (bigger) size until told, and so would the box
        item.updateSize()


def _hook(item: Any, name: str) -> Callable[..., Any]:
    method = getattr(type(item), name)

    def hooked(*args: Any, **kwargs: Any) -> Any:
        result = method(item, *args, **kwargs)
        _rescale(item)
        return result

    hooked.__wrapped__ = method  # type: ignore[attr-defined]
    return hooked


def _scale_item(item: Any, factor: float) -> bool:
    aspects = _aspects(item)
    legend = isinstance(item, pg.LegendItem)
    if not aspects and not legend:
        return False
    state = item.__dict__.get(_STATE)
    if state is None:
        if factor == 1.0:
            return True  # never scaled: nothing to restore
        state = item.__dict__[_STATE] = {"factor": factor, "records": {}}
    state["factor"] = factor
    setters = {setter for aspect in aspects for setter in aspect.setters} | ({"addItem"} if legend else set())
    for name in setters:  # while scaled, a value a panel sets later is scaled too (e.g. a pen swapped every frame)
        if factor == 1.0:
            item.__dict__.pop(name, None)
        elif name not in item.__dict__ and hasattr(type(item), name):  # (setTickDensity: pyqtgraph >= 0.13.4)
            item.__dict__[name] = _hook(item, name)
    _rescale(item)
    if factor == 1.0:
        del item.__dict__[_STATE]
    return True


def scale_plots(root: QWidget, factor: float) -> int:
    """Multiply the pen widths, symbol sizes and text sizes of every pyqtgraph item under `root` by `factor`.

    Scales from the values the panels set, not from the screen: scale_plots(root, 1.6) twice is 1.6 once, and
    scale_plots(root, 1.0) puts back the originals. Covers PlotDataItem (pen, symbol pen and size), PlotCurveItem and
    ScatterPlotItem on their own (pen, size), InfiniteLine (pen, hover pen), AxisItem (pen, tick font, label size;
    tick density is divided by `factor` so the bigger numbers do not collide), LabelItem (titles, legend entries),
    TextItem (font, InfiniteLine labels included) and LegendItem (its box, and entries added later).

    While scaled, the setters of those values (setPen, setSize, setLabel, setText, setTitle, legend addItem, ...) go
    on scaling what a panel sets, so a pen a panel swaps every frame stays big; a value changed another way
    (setData(pen=...)) becomes the new original at the next call. Text that sets no size of its own is scaled from
    the application's normal size, so this composes with apply_presenter() in either order. Items that are in no
    scene under `root` now (created later, or a renderer without a parent) are not touched: call this again after
    adding them. Returns the number of pyqtgraph items it looked after.
    """
    if not (math.isfinite(factor) and factor > 0):
        raise ValueError(f"scale factor must be a positive number, not {factor!r}")
    views = root.findChildren(QGraphicsView)
    if isinstance(root, QGraphicsView):
        views.insert(0, root)
    scenes = {id(view.scene()): view.scene() for view in views if view.scene() is not None}
    count = 0
    for scene in scenes.values():
        for item in scene.items():
            count += _scale_item(item, float(factor))
    return count


# ---------------------------------------------------------------------------------------------------------------------
# The shortcut overlay


def _key_text(keys: str) -> str:
    """Keys as the platform names them (Ctrl+Q is Cmd-Q on a Mac); text that is not a key sequence ('1-9') as is."""
    sequence = QKeySequence.fromString(keys, QKeySequence.SequenceFormat.PortableText)
    if not sequence.isEmpty() and sequence.toString(QKeySequence.SequenceFormat.PortableText) == keys:
        return sequence.toString(QKeySequence.SequenceFormat.NativeText)
    return keys


class HelpOverlay(QWidget):
    """The keyboard shortcuts over the whole window, in two big columns on a white card over a dimmed window.

    A child of `parent` that covers it and follows its size. toggle() shows or hides it (the main window binds it
    to `?`); Esc, `?` or a click hide it, and the focus goes back where it was. Pass the descriptions already
    translated (they belong to the caller's translation context); call set_shortcuts() again after a language
    change."""

    BACKDROP = QColor(0, 0, 0, 170)

    def __init__(self, parent: QWidget, shortcuts: Iterable[tuple[str, str]] = ()) -> None:
        super().__init__(parent)
        self.setObjectName("HelpOverlay")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._previous_focus: QWidget | None = None
        self.key_labels: list[QLabel] = []
        self.text_labels: list[QLabel] = []

        self.card = QFrame(self)
        self.card.setObjectName("HelpOverlayCard")
        self.card.setStyleSheet(
            "#HelpOverlayCard { background: white; border: 3px solid black; border-radius: 14px; }"
            " #HelpOverlayCard QLabel { color: black; background: transparent; border: none; }"
        )
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 24, 24, 24)
        outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignCenter)
        card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(32, 24, 32, 24)
        card_layout.setSpacing(16)
        self.title = QLabel()
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card_layout.addWidget(self.title)
        columns = QHBoxLayout()
        columns.setSpacing(48)
        self.columns = (QGridLayout(), QGridLayout())
        for grid in self.columns:
            grid.setHorizontalSpacing(20)
            grid.setVerticalSpacing(10)
            grid.setColumnStretch(1, 1)
            columns.addLayout(grid, 1)
        card_layout.addLayout(columns)
        self.hint = QLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        card_layout.addWidget(self.hint)

        self.retranslate()
        self.set_shortcuts(shortcuts)
        self.hide()
        self.setGeometry(parent.rect())
        parent.installEventFilter(self)

    # ---- content
    def retranslate(self) -> None:
        self.title.setText(_tr("Keyboard shortcuts"))
        self.hint.setText(_tr("Press ? or Esc, or click anywhere, to close this list."))
        self.setAccessibleName(_tr("Keyboard shortcuts"))

    def set_shortcuts(self, shortcuts: Iterable[tuple[str, str]]) -> None:
        """(keys, description) pairs; the first half in the left column, the rest in the right."""
        pairs = [(str(keys), str(text)) for keys, text in shortcuts]
        for label in (*self.key_labels, *self.text_labels):
            label.setParent(None)
            label.deleteLater()
        self.key_labels, self.text_labels = [], []
        half = math.ceil(len(pairs) / 2)
        bold = QFont()
        bold.setBold(True)  # only the weight is set: the size still comes from the card
        for index, (keys, text) in enumerate(pairs):
            key_label, text_label = QLabel(_key_text(keys)), QLabel(text)
            for label in (key_label, text_label):
                label.setTextFormat(Qt.TextFormat.PlainText)
            key_label.setFont(bold)
            key_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            text_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            text_label.setWordWrap(True)
            grid = self.columns[0 if index < half else 1]
            row = index if index < half else index - half
            grid.addWidget(key_label, row, 0)
            grid.addWidget(text_label, row, 1)
            self.key_labels.append(key_label)
            self.text_labels.append(text_label)
        for grid in self.columns:  # spare height goes below the last row, not between the rows
            for row in range(grid.rowCount()):
                grid.setRowStretch(row, 0)
            grid.setRowStretch(half, 1)

    def _update_fonts(self) -> None:
        """Sizes from the application font at the time it is shown, so presenter mode makes the list bigger too."""
        size = max(QFontInfo(QApplication.font()).pointSizeF() * 1.25, 16.0)
        font = QFont(QApplication.font())
        font.setPointSizeF(size)
        self.card.setFont(font)
        title = QFont(font)
        title.setPointSizeF(size * 1.35)
        title.setBold(True)
        self.title.setFont(title)

    # ---- showing and hiding
    def toggle(self) -> None:
        if self.isHidden():
            self.show_overlay()
        else:
            self.hide_overlay()

    def show_overlay(self) -> None:
        self._update_fonts()
        self.setGeometry(self.parentWidget().rect())
        focused = QApplication.focusWidget()
        self._previous_focus = focused if focused is not None and focused is not self else None
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def hide_overlay(self) -> None:
        if self.isHidden():
            return
        self.hide()
        previous, self._previous_focus = self._previous_focus, None
        try:
            if previous is not None and previous.isVisible():
                previous.setFocus(Qt.FocusReason.OtherFocusReason)
        except RuntimeError:  # the widget that had the focus has been deleted since
            pass

    # ---- events
    @staticmethod
    def _closes(event: QKeyEvent) -> bool:
        return event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Question) or event.text() == "?"

    def event(self, event: QEvent) -> bool:
        # Esc and ? close the overlay even where the window has a shortcut on them.
        if event.type() == QEvent.Type.ShortcutOverride and self._closes(event):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if self._closes(event):
            self.hide_overlay()
            event.accept()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        self.hide_overlay()
        event.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self.card.setMaximumSize(max(200, self.width() - 48), max(120, self.height() - 48))
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.BACKDROP)
        painter.end()


# ---------------------------------------------------------------------------------------------------------------------
# Remembered preferences

WINDOW_STATE_VERSION = 1  # bump when the docks change, so an old saved layout is ignored rather than misapplied


class Preferences:
    """Typed access to the app's QSettings. A value stored with the wrong type, or garbage, reads as the default.

    Lists are stored as JSON text: an INI file cannot tell a one-item list from a string."""

    ORGANISATION = "ganlab"
    APPLICATION = "GAN Lab Desktop"
    MAX_RECENT = 8

    GEOMETRY = "window/geometry"
    WINDOW_STATE = "window/state"
    PRESENTER = "view/presenter"
    LANGUAGE = "view/language"
    HIDDEN_CONTROLS = "view/hidden_controls"
    LAST_PRESET = "session/last_preset"
    LAST_FOLDER = "session/last_folder"
    RECENT_SESSIONS = "session/recent_files"

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings if settings is not None else QSettings(self.ORGANISATION, self.APPLICATION)

    @classmethod
    def from_file(cls, path: str | os.PathLike[str]) -> Preferences:
        """Preferences kept in an INI file (tests, a portable install)."""
        return cls(QSettings(os.fspath(path), QSettings.Format.IniFormat))

    # ---- reading and writing, with the type checks in one place
    def _raw(self, key: str) -> Any:
        try:
            return self.settings.value(key)
        except Exception:  # a stored value Qt cannot convert must not stop the app from starting
            return None

    def _bytes(self, key: str) -> bytes:
        value = self._raw(key)
        if isinstance(value, QByteArray):
            return bytes(value.data())
        return bytes(value) if isinstance(value, bytes | bytearray) else b""

    def _set_bytes(self, key: str, value: bytes | QByteArray) -> None:
        if isinstance(value, QByteArray):
            value = bytes(value.data())
        if not isinstance(value, bytes | bytearray):
            raise TypeError(f"{key} takes bytes, not {type(value).__name__}")
        self.settings.setValue(key, QByteArray(bytes(value)))

    def _bool(self, key: str, default: bool = False) -> bool:
        value = self._raw(key)
        if isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        if isinstance(value, str):
            text = value.strip().lower()
            if text in ("true", "1", "yes", "on"):
                return True
            if text in ("false", "0", "no", "off"):
                return False
        return default

    def _str(self, key: str) -> str:
        value = self._raw(key)
        return value if isinstance(value, str) else ""

    def _set_str(self, key: str, value: str | os.PathLike[str]) -> None:
        if isinstance(value, os.PathLike):
            value = os.fspath(value)
        if not isinstance(value, str):
            raise TypeError(f"{key} takes a string, not {type(value).__name__}")
        self.settings.setValue(key, value)

    def _list(self, key: str) -> list[str]:
        value = self._raw(key)
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                return []
        if not isinstance(value, list):
            return []
        return _unique(item for item in value if isinstance(item, str) and item)

    def _set_list(self, key: str, values: Iterable[str]) -> list[str]:
        if isinstance(values, str):
            raise TypeError(f"{key} takes a list of strings, not one string")
        values = list(values)
        if not all(isinstance(value, str) for value in values):
            raise TypeError(f"{key} takes a list of strings")
        clean = _unique(value for value in values if value)
        self.settings.setValue(key, json.dumps(clean))
        return clean

    # ---- the window
    @property
    def geometry(self) -> bytes:
        return self._bytes(self.GEOMETRY)

    @geometry.setter
    def geometry(self, value: bytes | QByteArray) -> None:
        self._set_bytes(self.GEOMETRY, value)

    @property
    def window_state(self) -> bytes:
        return self._bytes(self.WINDOW_STATE)

    @window_state.setter
    def window_state(self, value: bytes | QByteArray) -> None:
        self._set_bytes(self.WINDOW_STATE, value)

    def save_window(self, window: QMainWindow) -> None:
        self.geometry = window.saveGeometry()
        self.window_state = window.saveState(WINDOW_STATE_VERSION)

    def restore_window(self, window: QMainWindow) -> bool:
        """Put back the saved size, position and docks; False (the window unchanged) when none were saved or they
        are unusable (garbage, or a layout from another WINDOW_STATE_VERSION)."""
        geometry, state = self.geometry, self.window_state
        restored = bool(geometry) and window.restoreGeometry(QByteArray(geometry))
        if state:
            restored = window.restoreState(QByteArray(state), WINDOW_STATE_VERSION) or restored
        return bool(restored)

    # ---- the view
    @property
    def presenter(self) -> bool:
        return self._bool(self.PRESENTER)

    @presenter.setter
    def presenter(self, on: bool) -> None:
        if not isinstance(on, bool):
            raise TypeError(f"presenter takes a bool, not {type(on).__name__}")
        self.settings.setValue(self.PRESENTER, on)

    @property
    def language(self) -> str:
        """A locale name such as 'zh_CN'; '' for the system's language."""
        return self._str(self.LANGUAGE)

    @language.setter
    def language(self, value: str) -> None:
        self._set_str(self.LANGUAGE, value)

    @property
    def hidden_controls(self) -> list[str]:
        return self._list(self.HIDDEN_CONTROLS)

    @hidden_controls.setter
    def hidden_controls(self, names: Iterable[str]) -> None:
        self._set_list(self.HIDDEN_CONTROLS, names)

    # ---- the session
    @property
    def last_preset(self) -> str:
        return self._str(self.LAST_PRESET)

    @last_preset.setter
    def last_preset(self, key: str) -> None:
        self._set_str(self.LAST_PRESET, key)

    @property
    def last_folder(self) -> str:
        return self._str(self.LAST_FOLDER)

    @last_folder.setter
    def last_folder(self, path: str | os.PathLike[str]) -> None:
        self._set_str(self.LAST_FOLDER, path)

    @property
    def recent_sessions(self) -> list[str]:
        """Session files, most recent first, at most MAX_RECENT, no path twice."""
        return _unique_paths(self._list(self.RECENT_SESSIONS))[: self.MAX_RECENT]

    @recent_sessions.setter
    def recent_sessions(self, paths: Sequence[str]) -> None:
        if isinstance(paths, str) or not all(isinstance(path, str) for path in paths):
            raise TypeError("recent_sessions takes a list of strings")
        self._set_list(self.RECENT_SESSIONS, _unique_paths(path for path in paths if path)[: self.MAX_RECENT])

    def add_recent_session(self, path: str | os.PathLike[str]) -> list[str]:
        """Put `path` (made absolute) first; an earlier entry for the same file goes. Returns the new list."""
        entry = os.path.abspath(os.fspath(path))
        self.recent_sessions = [entry, *self.recent_sessions]
        return self.recent_sessions

    def remove_recent_session(self, path: str | os.PathLike[str]) -> list[str]:
        """Drop `path` (a file that no longer opens, say). Returns the new list."""
        gone = _path_key(os.path.abspath(os.fspath(path)))
        self.recent_sessions = [entry for entry in self.recent_sessions if _path_key(entry) != gone]
        return self.recent_sessions

    def sync(self) -> None:
        self.settings.sync()


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _path_key(path: str) -> str:
    return os.path.normcase(os.path.normpath(path))


def _unique_paths(paths: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for path in paths:
        seen.setdefault(_path_key(path), path)
    return list(seen.values())
