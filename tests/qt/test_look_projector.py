"""Presenter mode: the projector look for the whole application, and back."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QPushButton

from ganlab.qt.look.projector import PRESENTER_MIN_POINT_SIZE, apply_presenter, is_presenter, presenter_palette


@pytest.mark.parametrize(("normal", "expected"), [(9.0, PRESENTER_MIN_POINT_SIZE), (15.0, 24.0)])
def test_presenter_mode_enlarges_and_recolours_then_restores_exactly(qtbot, app, normal, expected):
    font = QFont(app.font())
    font.setPointSizeF(normal)
    app.setFont(font)
    # A window shown and polished, with a dock: where a style sheet can stop font changes reaching the widgets.
    window = QMainWindow()
    qtbot.addWidget(window)
    button = QPushButton("Play")
    window.setCentralWidget(button)
    dock = QDockWidget("Charts", window)
    dock.setWidget(QLabel("JSD 0.69"))
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    window.menuBar().addMenu("File")  # before show(), as the main window does
    window.show()
    qtbot.waitExposed(window)
    widgets = (button, dock, dock.widget(), window.menuBar())
    before = (QFont(app.font()), QPalette(app.palette()), app.styleSheet(), [QFont(w.font()) for w in widgets])
    button_colour = button.palette().color(QPalette.ColorRole.Button)

    apply_presenter(app, True)
    assert is_presenter(app)
    assert app.font().pointSizeF() == pytest.approx(expected)  # x1.6, at least 18 pt
    assert [w.font().pointSizeF() for w in widgets] == [pytest.approx(expected)] * 4  # the widgets follow at once
    assert button.palette().color(QPalette.ColorRole.Button) == presenter_palette().color(QPalette.ColorRole.Button)
    assert app.palette() != before[1]
    assert app.palette().color(QPalette.ColorRole.Window) == QColor("white")
    assert app.palette().color(QPalette.ColorRole.WindowText) == QColor("black")
    assert "padding" in app.styleSheet()
    apply_presenter(app, True)  # twice is still once
    assert app.font().pointSizeF() == pytest.approx(expected)

    apply_presenter(app, False)
    assert not is_presenter(app)
    assert app.font() == before[0] and app.font().pointSizeF() == normal
    assert app.palette() == before[1]
    assert app.styleSheet() == before[2]
    assert [w.font() for w in widgets] == before[3]
    assert button.palette().color(QPalette.ColorRole.Button) == button_colour
    apply_presenter(app, True)  # and a second time round
    apply_presenter(app, False)
    qtbot.wait(10)
    assert [w.font() for w in widgets] == before[3]


def test_presenter_keeps_an_existing_style_sheet(app):
    app.setStyleSheet("QLabel { color: black; }")
    apply_presenter(app, True)
    assert app.styleSheet().startswith("QLabel { color: black; }") and "padding" in app.styleSheet()
    apply_presenter(app, False)
    assert app.styleSheet() == "QLabel { color: black; }"


def _contrast(a: QColor, b: QColor) -> float:
    def luminance(colour: QColor) -> float:
        channels = [c / 255 for c in (colour.red(), colour.green(), colour.blue())]
        r, g, b = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_presenter_palette_has_no_low_contrast_pair():
    palette = presenter_palette()
    role = QPalette.ColorRole
    pairs = [
        (role.Window, role.WindowText),
        (role.Base, role.Text),
        (role.AlternateBase, role.Text),
        (role.Button, role.ButtonText),
        (role.Highlight, role.HighlightedText),
        (role.ToolTipBase, role.ToolTipText),
        (role.Base, role.PlaceholderText),
        (role.Base, role.Link),
    ]
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        for back, fore in pairs:
            ratio = _contrast(palette.color(group, back), palette.color(group, fore))
            assert ratio >= 7.0 or (fore in (role.PlaceholderText, role.Link) and ratio >= 4.5), (group, back, fore)
    disabled = QPalette.ColorGroup.Disabled
    for back, fore in pairs[:4]:
        assert _contrast(palette.color(disabled, back), palette.color(disabled, fore)) >= 4.5, (back, fore)
    # The selection stands out from the page it is on.
    assert _contrast(palette.color(role.Highlight), palette.color(role.Base)) >= 7.0
