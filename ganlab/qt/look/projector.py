"""Presenter mode for the whole application: large fonts, a high-contrast palette and bigger buttons.

apply_presenter(app, True) remembers what it replaced, so apply_presenter(app, False) returns exactly to the normal
look, and calling it twice does not compound. Plots are made bigger separately (look.plot_scale).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QColor, QFont, QFontInfo, QPalette
from PySide6.QtWidgets import QApplication

PRESENTER_FONT_SCALE = 1.6  # the application font in presenter mode: this times the normal size...
PRESENTER_MIN_POINT_SIZE = 18.0  # ...and never below this (readable from the back of a lecture hall)

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


@dataclass(frozen=True)
class _Look:
    """What apply_presenter() replaced, to put back exactly."""

    font: QFont
    palette: QPalette
    style_sheet: str


_SAVED_ATTRIBUTE = "_ganlab_normal_look"  # on the QApplication while presenter mode is on


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


def _point_size(font: QFont) -> float:
    return font.pointSizeF() if font.pointSizeF() > 0 else QFontInfo(font).pointSizeF()  # a pixel-sized font


def presenter_font(font: QFont) -> QFont:
    """`font` scaled by PRESENTER_FONT_SCALE, at least PRESENTER_MIN_POINT_SIZE."""
    big = QFont(font)
    big.setPointSizeF(max(_point_size(font) * PRESENTER_FONT_SCALE, PRESENTER_MIN_POINT_SIZE))
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


def normal_point_size() -> float:
    """The application's point size outside presenter mode (the size pyqtgraph text that sets none is drawn at), so
    plot scaling composes with presenter mode in either order."""
    app = QApplication.instance()
    if app is None:
        return 10.0
    saved: _Look | None = getattr(app, _SAVED_ATTRIBUTE, None)
    size = _point_size(saved.font if saved is not None else app.font())
    return size if size > 0 else 10.0


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
